"""The three forms of a format-v1 dataset: YAML to curate by hand, JSON and CSV for large data and exchange.

All three hold the same records and are checked by the same rules
(``docs/tabular.md``): :func:`read_source` composes any of them into one node
tree for :class:`network.dataset.check_fields.Converter`, and :func:`write` writes a
dataset in any of them from :func:`plain`, the YAML structure as plain values.

Examples
--------
>>> form_of("data/actors.yaml"), form_of("big.json"), form_of("big/ties.csv")
('yaml', 'json', 'csv')
>>> from network import load
>>> data = plain(load("data/template.yaml"))
>>> data["ties"][3]["cite"]
{'source': 'tretiak1962', 'note': 28, 'page': 135, 'primary': 'Bashkimi, December 17, 1958, p. 1'}
>>> print(yaml_text(data).splitlines()[1])
format: 1
"""

from __future__ import annotations

import json
import math
import os
import re
from pathlib import Path
from typing import Any

import yaml

from network.dataset.canonical import SCHEMA_LINE
from network.dataset.edtf import EdtfDate
from network.dataset.model import Actor, Citation, Dataset, Period, Role, Span, Tie
from network.dataset.problems import Problem
from network.dataset.spec import RECORDS, Date, ListOf, Rec
from network.dataset.yaml_nodes import DEFAULT_MAX_BYTES, read_yaml
from network.measures.choices import FORMS

__all__ = ["FORMS", "form_of", "read_source", "plain", "yaml_text", "write", "number"]


def form_of(path: str | os.PathLike[str], default: str | None = "yaml") -> str | None:
    """The form of the dataset at ``path``: ``"json"`` by suffix; ``"csv"`` for a ``.csv`` file
    (one of the pair), a folder or a path ending in ``/``; ``"yaml"`` for ``.yaml``/``.yml``;
    otherwise ``default``."""
    text = str(path)
    p = Path(path)
    suffix = p.suffix.lower()
    if suffix == ".json":
        return "json"
    if suffix == ".csv" or p.is_dir() or text.endswith(("/", os.sep)):
        return "csv"
    if suffix in (".yaml", ".yml"):
        return "yaml"
    return default


def read_source(
    path: str | os.PathLike[str], max_bytes: int = DEFAULT_MAX_BYTES, marks: str = "exact"
) -> tuple[yaml.Node | None, list[Problem]]:
    """Compose the dataset at ``path``, in whichever form, into a node tree (see :func:`form_of`).

    Returns ``(node, [])`` on success and ``(None, problems)`` otherwise. With
    ``marks="record"`` a JSON file's records are marked where each starts, not
    node by node (:func:`network.dataset.json_form.compose_json`); the other
    forms are always marked node by node.
    """
    form = form_of(path)
    if form == "json":
        from network.dataset.json_form import read_json

        return read_json(path, max_bytes, marks)
    if form == "csv":
        from network.dataset.csv_form import read_csv

        return read_csv(path, max_bytes)
    return read_yaml(path, max_bytes)


# -- a dataset as plain values ------------------------------------------------
def number(x: float) -> int | float:
    """``x`` as an int when it is a whole number (``2.0`` -> ``2``), so it is written as one."""
    return int(x) if isinstance(x, float) and x.is_integer() else x


def _cite(c: Citation) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key in ("source", "note", "page", "primary"):
        value = getattr(c, key)
        if value is not None:
            out[key] = value
    return out


def _span(span: Span, out: dict[str, Any], both: bool = False) -> dict[str, Any]:
    if span.start is not None or both:
        out["start"] = span.start.text if span.start is not None else ".."
    if span.end is not None or both:
        out["end"] = span.end.text if span.end is not None else ".."
    return out


def _role(r: Role) -> dict[str, Any]:
    out: dict[str, Any] = {"title": r.title}
    if r.of is not None:
        out["of"] = r.of
    _span(r.span, out)
    if r.cite is not None:
        out["cite"] = _cite(r.cite)
    return out


def _actor(a: Actor) -> dict[str, Any]:
    out: dict[str, Any] = {"id": a.id, "name": a.name, "kind": a.kind}
    if a.aliases:
        out["aliases"] = list(a.aliases)
    if a.member_of:
        out["member_of"] = [m.of if m.span == Span() else _span(m.span, {"actor": m.of}) for m in a.member_of]
    if not a.projects:
        out["projects"] = False
    if a.roles:
        out["roles"] = [_role(r) for r in a.roles]
    if a.exists is not None:
        out["exists"] = _span(a.exists, {}, both=True)
    if a.note is not None:
        out["note"] = a.note
    return out


def _tie(t: Tie) -> dict[str, Any]:
    out: dict[str, Any] = {"id": t.id, "source": t.source, "target": t.target}
    if t.date is not None:
        out["date"] = t.date.text
    else:  # a standing tie always has a start; '..' when it was written open
        out["start"] = t.start.text if t.start is not None else ".."
        if t.end is not None:
            out["end"] = t.end.text
    if t.reported is not None:
        out["reported"] = t.reported.text
    out["sign"] = t.sign
    out["weight"] = number(t.weight)
    if t.type is not None:
        out["type"] = t.type
    out["directed"] = t.directed
    if t.cite is not None:
        out["cite"] = _cite(t.cite)
    if t.evidence is not None:
        out["evidence"] = t.evidence
    out["confidence"] = t.confidence
    if t.alternative is not None:
        out["alternative"] = t.alternative
    if t.tags:
        out["tags"] = list(t.tags)
    return out


def _period(p: Period) -> dict[str, Any]:
    out: dict[str, Any] = {"id": p.id, "label": p.label, "start": p.start.text, "end": p.end.text}
    if p.description is not None:
        out["description"] = p.description
    if p.cite is not None:
        out["cite"] = _cite(p.cite)
    return out


def plain(dataset: Dataset) -> dict[str, Any]:
    """The dataset as plain values in the YAML structure: dicts, lists, text, numbers, dates as text.

    Reading it back (in any form) gives an equal dataset: every tie's id is
    written out (derived ids included), with its weight, direction and
    confidence; open ends (``'..'``) are left out except where they carry
    meaning (a standing tie's open start, an existence). Fields come in the
    data dictionary's order; records stay in the dataset's order.
    """
    out: dict[str, Any] = {"format": dataset.format}
    if dataset.title is not None:
        out["title"] = dataset.title
    if dataset.sources:
        out["sources"] = [{"id": s.id, "citation": s.citation} for s in dataset.sources]
    if dataset.framing is not None:
        out["framing"] = {"focal": dataset.framing.focal, "poles": list(dataset.framing.poles)}
    if dataset.policy != "basic":
        out["policy"] = dataset.policy
    if dataset.periods:
        out["periods"] = [_period(p) for p in dataset.periods]
    out["actors"] = [_actor(a) for a in dataset.actors.values()]
    out["ties"] = [_tie(t) for t in dataset.ties]
    return out


# -- YAML text ----------------------------------------------------------------
_PLAIN = re.compile(r"^[^\s\-?:,\[\]{}#&*!|>'\"%@`](?!.*(: | #|:$))[^\n]*$")
_FLOW_UNSAFE = re.compile(r"[,\[\]{}]")
# characters YAML does not allow raw (or reads as line breaks): written as escapes
_UNPRINTABLE = re.compile(
    "[^\x09\x0a\x0d\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd\U00010000-\U0010ffff]"
)
_RESOLVER = yaml.resolver.Resolver()


def _escape(ch: re.Match[str]) -> str:
    code = ord(ch.group())
    return f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}"


def _yaml_string(text: str, flow: bool) -> str:
    if (
        _PLAIN.match(text)
        and text == text.strip()
        and not _UNPRINTABLE.search(text)
        and not (flow and _FLOW_UNSAFE.search(text))
        and _RESOLVER.resolve(yaml.ScalarNode, text, (True, False)) == "tag:yaml.org,2002:str"
    ):
        return text
    return _UNPRINTABLE.sub(_escape, json.dumps(text, ensure_ascii=False))


def _yaml_scalar(value: Any, flow: bool, date: bool = False) -> str:
    if date or isinstance(value, EdtfDate):
        return f"'{value}'"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        if math.isnan(value):
            return ".nan"
        if math.isinf(value):
            return ".inf" if value > 0 else "-.inf"
        return repr(value)
    if isinstance(value, int):
        return str(value)
    return _yaml_string(str(value), flow)


def _yaml_value(value: Any, typ: Any, flow: bool) -> str:
    if isinstance(value, dict):
        fields = {f.name: f.type for f in RECORDS[typ.name if isinstance(typ, Rec) else "membership"]}
        return "{" + ", ".join(f"{k}: {_yaml_value(v, fields.get(k), True)}" for k, v in value.items()) + "}"
    if isinstance(value, list):
        item = typ.item if isinstance(typ, ListOf) else None
        return "[" + ", ".join(_yaml_value(v, item, True) for v in value) + "]"
    return _yaml_scalar(value, flow, isinstance(typ, Date))


def _yaml_records(lines: list[str], records: list[dict[str, Any]], name: str) -> None:
    fields = {f.name: f.type for f in RECORDS[name]}
    for rec in records:
        prefix = "- "
        for key, value in rec.items():
            typ = fields.get(key)
            if key == "roles" and value:
                lines.append(f"{prefix}{key}:")
                lines.extend(f"  - {_yaml_value(v, typ.item, True)}" for v in value)  # type: ignore[union-attr]
            else:
                lines.append(f"{prefix}{key}: {_yaml_value(value, typ, False)}")
            prefix = "  "


def yaml_text(data: dict[str, Any]) -> str:
    """YAML text of plain ``data`` (see :func:`plain`) in the canonical layout, records in their order.

    Fields come in the data dictionary's order, nested records and lists of
    plain values on one line, dates quoted; ``entente fmt`` then only sorts.
    """
    lines = [SCHEMA_LINE]
    for f in RECORDS["dataset"]:
        if f.name not in data:
            continue
        value = data[f.name]
        if isinstance(f.type, ListOf) and isinstance(value, list):
            if not value:
                lines.append(f"{f.name}: []")
            else:
                lines.append(f"{f.name}:")
                _yaml_records(lines, value, f.type.item.name)  # type: ignore[attr-defined]
        elif isinstance(f.type, Rec):  # a record at the top level (framing): one field a line
            types = {g.name: g.type for g in RECORDS[f.type.name]}
            lines.append(f"{f.name}:")
            lines.extend(f"  {k}: {_yaml_value(v, types.get(k), False)}" for k, v in value.items())
        else:
            lines.append(f"{f.name}: {_yaml_scalar(value, False)}")
    return "\n".join(lines) + "\n"


def write(data: dict[str, Any], path: str | os.PathLike[str], form: str | None = None) -> list[Path]:
    """Write plain ``data`` at ``path`` in ``form`` (default: by :func:`form_of`); return the files written.

    Each file is written atomically. The CSV form is a folder (``path``, or
    the folder of ``path`` when it names ``actors.csv`` or ``ties.csv``)
    holding ``dataset.json``, ``actors.csv`` and ``ties.csv``.
    """
    from network.output.atomic import write_text

    form = form or form_of(path, default=None)
    if form not in FORMS:
        raise ValueError(f"cannot tell the form of {str(path)!r}; name it .yaml, .json, or a folder for CSV")
    if form == "yaml":
        write_text(path, yaml_text(data))
        return [Path(path)]
    if form == "json":
        from network.dataset.json_form import json_text

        write_text(path, json_text(data))
        return [Path(path)]
    from network.dataset.csv_form import csv_files, folder_of

    folder = folder_of(path)
    written = []
    for name, text in csv_files(data).items():
        write_text(folder / name, text)
        written.append(folder / name)
    return written
