"""The canonical text of a dataset file, so that a change to the data shows only data in its diff.

Fields come in the order of the format's data dictionary; actors are sorted
by id, periods by start, ties by date (earliest possible day) then id.
Nested records (citations, spans) and lists of plain values are written on
one line. Comments other than the schema line are not kept.

Examples
--------
>>> print(canonical_text("data/template.yaml").splitlines()[1])
format: 1
"""

from __future__ import annotations

import json
import os
import re
from typing import Any

import yaml

from network.dataset.check_fields import Converter
from network.dataset.edtf import EdtfDate
from network.dataset.problems import DatasetError
from network.dataset.spec import RECORDS, Rec
from network.dataset.yaml_nodes import read_text, read_yaml

__all__ = ["canonical_text", "SCHEMA_LINE"]

SCHEMA_LINE = "# yaml-language-server: $schema=../network/schemas/format-1.schema.json"
_PLAIN_BLOCK = re.compile(r"^[^\s\-?:,\[\]{}#&*!|>'\"%@`](?!.*(: | #|:$))[^\n]*$")
_FLOW_UNSAFE = re.compile(r"[,\[\]{}]")
_RESOLVER = yaml.resolver.Resolver()


def _scalar(value: Any, flow: bool = False) -> str:
    if isinstance(value, EdtfDate):
        return f"'{value.text}'"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    text = str(value)
    if (
        _PLAIN_BLOCK.match(text)
        and not text.endswith(" ")
        and not (flow and _FLOW_UNSAFE.search(text))
        and _RESOLVER.resolve(yaml.ScalarNode, text, (True, False)) == "tag:yaml.org,2002:str"
    ):
        return text
    return json.dumps(text, ensure_ascii=False)


def _flow(value: Any, nested: bool = False) -> str:
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}: {_flow(v, True)}" for k, v in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(_flow(v, True) for v in value) + "]"
    return _scalar(value, flow=nested)


def _ordered(rec: dict[str, Any], name: str) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for f in RECORDS[name]:
        if f.name not in rec:
            continue
        value = rec[f.name]
        sub = getattr(f.type, "name", None)
        if isinstance(f.type, Rec) and sub:
            value = _ordered(value, sub)
        elif isinstance(value, list):
            item = getattr(f.type, "item", None)
            if isinstance(item, Rec):
                value = [_ordered(v, item.name) for v in value]
            else:
                value = [_ordered(v, "membership") if isinstance(v, dict) else v for v in value]
        out[f.name] = value
    return out


def _block_list(lines: list[str], key: str, records: list[dict[str, Any]], name: str) -> None:
    lines.append(f"{key}:")
    for rec in records:
        first = True
        for k, v in _ordered(rec, name).items():
            if isinstance(v, list) and v and all(isinstance(x, dict) for x in v) and k == "roles":
                text = f"{k}:\n" + "\n".join(f"- {_flow(x)}" for x in v)
                text = text.replace("\n", "\n  ")
            else:
                text = f"{k}: {_flow(v)}"
            lines.append(("- " if first else "  ") + text)
            first = False


def _tie_key(tie: dict[str, Any]) -> tuple[Any, ...]:
    when = tie.get("date") or tie.get("start")
    lower = when.lower.toordinal() if isinstance(when, EdtfDate) else 0
    return (lower, tie.get("id", ""), tie.get("source", ""), tie.get("target", ""))


def canonical_text(path: str | os.PathLike[str]) -> str:
    """The canonical text of the dataset at ``path``; raise DatasetError if it does not parse."""
    node, problems = read_yaml(path)
    if node is None:
        raise DatasetError(problems)
    converter = Converter(str(path))
    top = converter.convert(node, Rec("dataset"), "the top level")
    if converter.problems:
        raise DatasetError(converter.problems)
    text, _ = read_text(path)
    first = (text or "").splitlines()[0] if text else ""
    lines = [first if first.startswith("# yaml-language-server:") else SCHEMA_LINE]
    for f in RECORDS["dataset"]:
        if f.name not in top:
            continue
        value = top[f.name]
        if f.name == "actors":
            value = sorted(value, key=lambda a: a.get("id", ""))
        elif f.name == "periods":
            value = sorted(value, key=lambda p: (p["start"].lower if "start" in p else 0, p.get("id", "")))
        elif f.name == "ties":
            value = sorted(value, key=_tie_key)
        if isinstance(value, list):
            if not value:
                lines.append(f"{f.name}: []")
            else:
                _block_list(lines, f.name, value, f.type.item.name)  # type: ignore[attr-defined]
        elif isinstance(f.type, Rec):  # a record at the top level (framing): one field a line
            lines.append(f"{f.name}:")
            lines.extend(f"  {k}: {_flow(v)}" for k, v in _ordered(value, f.type.name).items())
        else:
            lines.append(f"{f.name}: {_scalar(value)}")
    return "\n".join(lines) + "\n"
