"""Read and write the CSV form of format v1: a folder with ``actors.csv``, ``ties.csv`` and ``dataset.json``.

One row per actor or tie, one column per field (``docs/tabular.md``). A
nested record is flattened into a column per field (``cite_source``,
``cite_page``, ``exists_start``, ...); a list cell holds its items joined
with ``|``, or a JSON array (always for ``roles``, and for dated
memberships); an empty cell is an absent field. ``dataset.json`` holds the
rest of the top level (``format``, ``title``, ``sources``, ``framing``,
``policy``, ``periods``); without it the data is read as format 1 with no
sources or periods.

:func:`read_csv` composes the folder into the node tree
:class:`network.dataset.check_fields.Converter` checks, by the same rules as YAML. Each
row becomes a mapping node, each cell's node marked ``FILE:ROW:COLUMN`` (ROW the
line the row starts on, the header being line 1, and COLUMN the column's
number, 1 = A in a spreadsheet).

Examples
--------
>>> import tempfile, pathlib
>>> d = pathlib.Path(tempfile.mkdtemp())
>>> _ = (d / "actors.csv").write_text("id,name,kind\\na,A,state\\nb,B,state\\n")
>>> _ = (d / "ties.csv").write_text("source,target,date,sign\\na,b,1958,1\\na,c,1959,-1\\n")
>>> from network import check
>>> [str(p).replace(str(d), "D") for p in check(d)[1]]
["D/ties.csv:3:2: target 'c' is not an actor (hint: define it under actors)"]
"""

from __future__ import annotations

import csv
import io
import json
import math
import os
import re
from array import array
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

from network.dataset.check_fields import DUPLICATE, Spot
from network.dataset.json_form import JsonSyntaxError, compose_json, value_node
from network.dataset.problems import Problem
from network.dataset.spec import RECORDS, Bool, Enum, Int, ListOf, Number, Rec, Type
from network.dataset.yaml_nodes import DEFAULT_MAX_BYTES, read_text

__all__ = ["read_csv", "csv_files", "folder_of", "columns", "FILES", "META"]

#: The two tables of the CSV form, and the record each row holds.
FILES = {"actors": "actors.csv", "ties": "ties.csv"}
#: The optional file holding the rest of the top level.
META = "dataset.json"
_RECORD = {"actors": "actor", "ties": "tie"}
LIST_SEPARATOR = "|"

_T = "tag:yaml.org,2002:"
_STR, _INT, _FLOAT, _BOOL, _SEQ, _MAP = (_T + n for n in ("str", "int", "float", "bool", "seq", "map"))
_INT_TEXT = re.compile(r"[-+]?[0-9]+\Z")
_FLOAT_TEXT = re.compile(r"[-+]?(?:[0-9]+\.[0-9]*|\.[0-9]+|[0-9]+)(?:[eE][-+]?[0-9]+)?\Z")
_SPECIAL_FLOATS = {".inf": math.inf, "+.inf": math.inf, "-.inf": -math.inf, ".nan": math.nan}
_SMALL_INTS = {str(i): i for i in range(-9, 1000)}
_BOOLS = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}


def columns(record: str) -> dict[str, tuple[str, str | None, Type]]:
    """The CSV columns of ``record``: name -> (field, field of the nested record or None, type).

    >>> list(columns("tie"))[-7:]
    ['cite_note', 'cite_page', 'cite_primary', 'evidence', 'confidence', 'alternative', 'tags']
    """
    out: dict[str, tuple[str, str | None, Type]] = {}
    for f in RECORDS[record]:
        if isinstance(f.type, Rec):
            for sub in RECORDS[f.type.name]:
                out[f"{f.name}_{sub.name}"] = (f.name, sub.name, sub.type)
        else:
            out[f.name] = (f.name, None, f.type)
    return out


def _kind(typ: Type | None) -> str:
    """How a cell of this type is read: text, number, bool or list."""
    if isinstance(typ, (Int, Number)) or (isinstance(typ, Enum) and isinstance(typ.values[0], int)):
        return "number"
    if isinstance(typ, Bool):
        return "bool"
    if isinstance(typ, ListOf):
        return "list"
    return "text"


def _number(text: str) -> Any:
    small = _SMALL_INTS.get(text)  # signs, weights, pages: most number cells, read without a regex
    if small is not None:
        return small
    if _INT_TEXT.match(text):
        return int(text)
    if _FLOAT_TEXT.match(text):
        return float(text)
    special = _SPECIAL_FLOATS.get(text.lower()) if text[:1] in "+-." else None
    return text if special is None else special


def _bool(text: str) -> Any:
    return _BOOLS.get(text, text)


def _list(text: str) -> Any:
    """Items of a list cell: a JSON array if it starts with '[', else the text split at '|'."""
    if text.startswith("["):
        return json.loads(text, object_pairs_hook=_pairs)
    return [item.strip() for item in text.split(LIST_SEPARATOR)]


def _pairs(pairs: list[tuple[str, Any]]) -> Any:
    rec = dict(pairs)
    return rec if len(rec) == len(pairs) else DUPLICATE


_READERS: dict[str, Callable[[str], Any] | None] = {
    "text": None,
    "number": _number,
    "bool": _bool,
    "list": _list,
}


def _scalar_node(value: Any, text: str, mark: Spot) -> yaml.Node:
    if isinstance(value, bool):
        return yaml.ScalarNode(_BOOL, "true" if value else "false", mark, mark)
    if isinstance(value, int):
        return yaml.ScalarNode(_INT, str(value), mark, mark)
    if isinstance(value, float):
        return yaml.ScalarNode(_FLOAT, text, mark, mark)
    return yaml.ScalarNode(_STR, text, mark, mark)


def _column(record: str, name: str) -> tuple[str, str | None, Callable[[str], Any] | None]:
    known = columns(record)
    if name in known:
        field, sub, typ = known[name]
        return field, sub, _READERS[_kind(typ)]
    nested = {f.name for f in RECORDS[record] if isinstance(f.type, Rec)}
    head, _, tail = name.partition("_")
    if head in nested and tail:
        return head, tail, None
    return name, None, None


def folder_of(path: str | os.PathLike[str]) -> Path:
    """The folder of the CSV form named by ``path``: the folder itself, or that of actors.csv or ties.csv."""
    p = Path(path)
    if p.suffix.lower() == ".csv":
        if p.name not in FILES.values():
            raise ValueError(f"{p.name!r} is not {' or '.join(FILES.values())}")
        return p.parent
    return p


class _Table:
    """One CSV file of the form: its rows, where each starts, and how to read each column."""

    def __init__(self, path: str, text: str, record: str):
        self.path = path
        self.record = record
        reader = csv.reader(io.StringIO(text, newline=""))
        try:
            header = next(reader, [])
        except csv.Error:
            header = []
        self.names = [name.strip() for name in header]
        # column -> (field, subfield or None, reader); an unknown column is a field the converter reports,
        # in the nested record its prefix names (cite_pgae: unknown field 'pgae' in cite)
        self.plan = [(i, *_column(record, name)) for i, name in enumerate(self.names)]
        self.rows: list[list[str]] = []
        self.lines = array("q")
        self.problems: list[Problem] = []
        width = len(self.names)
        line = reader.line_num + 1
        try:
            for row in reader:
                if any(row):
                    if len(row) > width and any(row[width:]):
                        extra = width + next(i for i, cell in enumerate(row[width:]) if cell)
                        self.problems.append(
                            Problem(
                                path,
                                line,
                                extra + 1,
                                f"row has {len(row)} cells but the header names {width} columns",
                                "quote a cell that holds a comma, or add the column's name to the header",
                            )
                        )
                    self.rows.append(row)
                    self.lines.append(line)
                line = reader.line_num + 1
        except csv.Error as exc:
            self.problems.append(Problem(path, line, 0, f"CSV error: {exc}", "check the quotes on this row"))

    def node_at(self, k: int) -> yaml.MappingNode:
        """Row ``k`` as a node tree, every node marked with its row and column."""
        row, line = self.rows[k], self.lines[k] - 1
        pairs: list[tuple[yaml.Node, yaml.Node]] = []
        nested: dict[str, yaml.MappingNode] = {}
        for i, field, sub, read in self.plan:
            text = row[i] if i < len(row) else ""
            if not text:
                continue
            mark = Spot(self.path, line, i)
            value = text if read is None else read(text)
            node = value_node(value, mark) if isinstance(value, list) else _scalar_node(value, text, mark)
            key = yaml.ScalarNode(_STR, field, mark, mark)
            if sub is None:
                pairs.append((key, node))
            else:
                parent = nested.get(field)
                if parent is None:
                    parent = nested[field] = yaml.MappingNode(_MAP, [], mark, mark)
                    pairs.append((key, parent))
                parent.value.append((yaml.ScalarNode(_STR, sub, mark, mark), node))
        start = Spot(self.path, line, 0)
        return yaml.MappingNode(_MAP, pairs, start, start)

    def records(self) -> yaml.SequenceNode:
        """The rows as a list of marked nodes; a list cell that is not valid JSON is a problem here."""
        items = []
        for k in range(len(self.rows)):
            try:
                items.append(self.node_at(k))
            except (json.JSONDecodeError, RecursionError):
                self.problems.extend(self.json_problems(k))
        start = Spot(self.path, 0, 0)
        return yaml.SequenceNode(_SEQ, items, start, start)

    def json_problems(self, k: int) -> list[Problem]:
        row, out = self.rows[k], []
        for i, _, _, read in self.plan:
            if read is _list and i < len(row) and row[i].startswith("["):
                try:
                    _list(row[i])
                except json.JSONDecodeError as exc:
                    message = (
                        f"{self.names[i]} is not a valid JSON array: {exc.msg} at character {exc.pos + 1}"
                    )
                except RecursionError:
                    message = f"{self.names[i]} nests too deeply"
                else:
                    continue
                out.append(
                    Problem(
                        self.path,
                        self.lines[k],
                        i + 1,
                        message,
                        f"a list cell starting with '[' is read as JSON; otherwise write its items "
                        f"joined with '{LIST_SEPARATOR}'",
                    )
                )
        return out


def read_csv(
    path: str | os.PathLike[str], max_bytes: int = DEFAULT_MAX_BYTES, tables: tuple[str, ...] = tuple(FILES)
) -> tuple[yaml.Node | None, list[Problem]]:
    """Compose the CSV form at ``path`` (a folder, or its actors.csv or ties.csv) into a node tree.

    Returns ``(node, [])`` on success and ``(None, problems)`` otherwise. ``tables`` names the
    tables read (``"actors"``, ``"ties"``); one left out is read as empty (the columnar path,
    :mod:`network.columnar`, reads the tie table itself).
    """
    name = str(path)
    try:
        folder = folder_of(path)
    except ValueError as exc:
        return None, [
            Problem(
                name,
                0,
                0,
                f"{exc}: the CSV form is a folder with actors.csv and ties.csv",
                "name the folder, or its actors.csv or ties.csv",
            )
        ]
    if not folder.exists():
        return None, [Problem(name, 0, 0, "no such file", "check the path; the default is data/actors.yaml")]
    if not folder.is_dir():
        return None, [
            Problem(name, 0, 0, "is not a folder", "the CSV form is a folder with actors.csv and ties.csv")
        ]
    paths = {key: folder / file for key, file in FILES.items()}
    present = [key for key, p in paths.items() if p.exists() or key not in tables]
    if not present:
        return None, [
            Problem(
                name,
                0,
                0,
                "is a folder, not a file, and holds no actors.csv and ties.csv",
                "name the YAML or JSON file inside it, or put the CSV form's files in it",
            )
        ]
    if len(present) == 1:
        missing = FILES["ties" if present == ["actors"] else "actors"]
        return None, [
            Problem(
                str(paths[present[0]]),
                0,
                0,
                f"no {missing} next to it",
                f"the CSV form is a pair: add {missing} (a header row is enough)",
            )
        ]

    problems: list[Problem] = []
    meta_path = folder / META
    top_pairs: list[tuple[yaml.Node, yaml.Node]] = []
    top_mark = Spot(str(meta_path) if meta_path.exists() else str(folder), 0, 0)
    if meta_path.exists():
        text, found = read_text(meta_path, max_bytes)
        problems += found
        if text is not None:
            try:
                meta = compose_json(text, str(meta_path))
            except JsonSyntaxError as exc:
                line = text.count("\n", 0, exc.pos)
                column = exc.pos - text.rfind("\n", 0, exc.pos)
                problems.append(
                    Problem(
                        str(meta_path),
                        line + 1,
                        column,
                        f"JSON syntax error: {exc.msg}",
                        "check the brackets, commas and quotes here",
                    )
                )
            except RecursionError:
                problems.append(Problem(str(meta_path), 0, 0, "JSON nested too deeply"))
            else:
                if not isinstance(meta, yaml.MappingNode):
                    mark = meta.start_mark
                    problems.append(
                        Problem(
                            str(meta_path),
                            mark.line + 1,
                            mark.column + 1,
                            f"{META} must hold an object (format, title, sources, framing, policy, periods)",
                        )
                    )
                else:
                    top_pairs = list(meta.value)
    else:
        one = yaml.ScalarNode(_INT, "1", top_mark, top_mark)
        top_pairs = [(yaml.ScalarNode(_STR, "format", top_mark, top_mark), one)]

    for key in FILES:
        table_path = str(paths[key])
        if key not in tables:
            mark = Spot(table_path, 0, 0)
            empty = yaml.SequenceNode(_SEQ, [], mark, mark)
            top_pairs.append((yaml.ScalarNode(_STR, key, mark, mark), empty))
            continue
        text, found = read_text(table_path, max_bytes)
        if text is None:
            problems += found
            continue
        table = _Table(table_path, text, _RECORD[key])
        seq = table.records()
        problems += table.problems
        mark = Spot(table_path, 0, 0)
        top_pairs.append((yaml.ScalarNode(_STR, key, mark, mark), seq))
    if problems:
        return None, problems
    return yaml.MappingNode(_MAP, top_pairs, top_mark, top_mark), []


# -- writing ------------------------------------------------------------------
def _cell(value: Any, typ: Type | None) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        if math.isinf(value):
            return ".inf" if value > 0 else "-.inf"
        if math.isnan(value):
            return ".nan"
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, list):
        simple = all(isinstance(v, str) and v and v == v.strip() and LIST_SEPARATOR not in v for v in value)
        if simple and value and not value[0].startswith("["):
            return LIST_SEPARATOR.join(value)
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def _table(records: list[dict[str, Any]], record: str) -> str:
    cols = columns(record)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(list(cols))
    for rec in records:
        row = []
        for field, sub, typ in cols.values():
            value = rec.get(field)
            if sub is not None:
                if value is not None and not value:
                    raise ValueError(
                        f"{record} {rec.get('id', '')!r} has an empty {field} ({field}: {{}}), "
                        f"which the CSV form cannot hold; give it a field or remove it"
                    )
                value = None if value is None else value.get(sub)
            row.append("" if value is None else _cell(value, typ))
        writer.writerow(row)
    return out.getvalue()


def csv_files(data: dict[str, Any]) -> dict[str, str]:
    """The files of the CSV form of plain ``data`` (see :func:`network.dataset.forms.plain`): name -> text.

    >>> files = csv_files({"format": 1, "actors": [{"id": "a", "name": "A", "kind": "state",
    ...                    "aliases": ["Shqipëria", "Albania"]}], "ties": []})
    >>> print(files["actors.csv"], end="")
    id,name,kind,aliases,member_of,projects,roles,exists_start,exists_end,note
    a,A,state,Shqipëria|Albania,,,,,,
    """
    meta = {k: v for k, v in data.items() if k not in FILES}
    return {
        META: json.dumps(meta, ensure_ascii=False, indent=2) + "\n",
        FILES["actors"]: _table(data.get("actors", []), "actor"),
        FILES["ties"]: _table(data.get("ties", []), "tie"),
    }
