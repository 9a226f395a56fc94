"""Read and write the JSON form of format v1: the YAML structure as JSON, checked by the same rules.

A JSON dataset is one object with the same fields as the YAML file
(``docs/tabular.md``). :func:`read_json` composes it into the node tree
:class:`network.dataset.check_fields.Converter` checks, every node marked with its line
and column, so a problem reads ``PATH:LINE:COL`` as it does for YAML. Each
scalar is decoded by the standard library's JSON scanner.

Marking every node costs more than the rest of a load, so a reader that only
needs to know whether the file is valid asks for ``marks="record"``: each
record of the long lists (``actors``, ``ties``) is then decoded whole by the
standard library (``json.JSONDecoder.raw_decode``) and all its nodes carry the
record's own mark. The loader reads a file that way first and again with
``marks="exact"`` only when it has a problem to place
(:func:`network.dataset.loader.check`).

Examples
--------
>>> import tempfile, pathlib
>>> p = pathlib.Path(tempfile.mkdtemp()) / "x.json"
>>> text = '{"format": 1,\\n "actors": [{"id": "a", "name": "A", "kind": "nation"}],\\n "ties": []}'
>>> _ = p.write_text(text)
>>> from network import check
>>> [(problem.line, problem.column, problem.message) for problem in check(p)[1]]
[(2, 46, "actor.kind must be one of person, state, party, organisation, group; found 'nation'")]
"""

from __future__ import annotations

import json
import os
import re
from bisect import bisect_right
from typing import Any

import yaml

from network.dataset.check_fields import Spot
from network.dataset.problems import Problem
from network.dataset.yaml_nodes import DEFAULT_MAX_BYTES, read_text

__all__ = ["read_json", "json_text", "compose_json", "JsonSyntaxError"]

_T = "tag:yaml.org,2002:"
_STR, _INT, _FLOAT, _BOOL, _NULL, _SEQ, _MAP = (
    _T + n for n in ("str", "int", "float", "bool", "null", "seq", "map")
)
_WS = re.compile(r"[ \t\n\r]*")
#: The lists whose records ``marks="record"`` decodes whole.
RECORD_LISTS = ("actors", "ties")
_HINT = "check the brackets, commas and quotes here; JSON allows no trailing commas and no comments"


class JsonSyntaxError(ValueError):
    """Text that is not JSON: ``pos`` is the offset where reading stopped."""

    def __init__(self, msg: str, pos: int):
        super().__init__(msg)
        self.msg = msg
        self.pos = pos


def _scalar_node(value: Any, mark: Any) -> yaml.ScalarNode:
    kind = type(value)
    if kind is str:
        return yaml.ScalarNode(_STR, value, mark, mark)
    if kind is bool:
        return yaml.ScalarNode(_BOOL, "true" if value else "false", mark, mark)
    if kind is int:
        return yaml.ScalarNode(_INT, str(value), mark, mark)
    if kind is float:
        text = repr(value)
        return yaml.ScalarNode(
            _FLOAT, {"inf": ".inf", "-inf": "-.inf", "nan": ".nan"}.get(text, text), mark, mark
        )
    return yaml.ScalarNode(_NULL, "null", mark, mark)


def value_node(value: Any, mark: Any) -> yaml.Node:
    """The node tree of a decoded JSON value, every node marked ``mark`` (for values inside a CSV cell)."""
    if isinstance(value, list):
        return yaml.SequenceNode(_SEQ, [value_node(v, mark) for v in value], mark, mark)
    if isinstance(value, dict):
        return yaml.MappingNode(
            _MAP,
            [(yaml.ScalarNode(_STR, k, mark, mark), value_node(v, mark)) for k, v in value.items()],
            mark,
            mark,
        )
    return _scalar_node(value, mark)


class _RepeatedKey(Exception):
    """A record gives a key twice: it is composed node by node, so the checker can say where."""


def _unique(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    value = dict(pairs)
    if len(value) != len(pairs):
        raise _RepeatedKey
    return value


class _Composer:
    """Compose JSON text into marked nodes; scalars are decoded by the standard library's scanner."""

    def __init__(self, text: str, path: str, whole_records: bool = False):
        self.text = text
        self.path = path
        self.scan = json.JSONDecoder().raw_decode
        self.whole_records = whole_records
        self.records_decoder = json.JSONDecoder(object_pairs_hook=_unique)
        self._newlines: list[int] | None = None
        self.top = -1  # where the top-level value starts (set by compose_json)

    def mark(self, i: int) -> Spot:
        if self._newlines is None:
            self._newlines = [m.start() for m in re.finditer("\n", self.text)]
        line = bisect_right(self._newlines, i - 1)
        start = self._newlines[line - 1] + 1 if line else 0
        return Spot(self.path, line, i - start)

    def skip(self, i: int) -> int:
        return _WS.match(self.text, i).end()  # type: ignore[union-attr]

    def scalar(self, i: int) -> tuple[Any, int]:
        try:
            return self.scan(self.text, i)
        except json.JSONDecodeError as exc:  # no value at i: "Expecting value", pos i
            raise JsonSyntaxError(exc.msg, exc.pos) from None

    def node(self, i: int) -> tuple[yaml.Node, int]:
        """The node of the value at offset ``i`` and the offset after it."""
        text = self.text
        c = text[i : i + 1]
        if c == "{":
            return self.mapping(i)
        if c == "[":
            start, items = i, []
            i = self.skip(i + 1)
            if text[i : i + 1] == "]":
                return yaml.SequenceNode(_SEQ, [], self.mark(start), self.mark(start)), i + 1
            while True:
                item, i = self.node(i)
                items.append(item)
                i = self.skip(i)
                c = text[i : i + 1]
                if c == "]":
                    return yaml.SequenceNode(_SEQ, items, self.mark(start), self.mark(start)), i + 1
                if c != ",":
                    raise JsonSyntaxError("Expecting ',' delimiter", i)
                i = self.skip(i + 1)
        value, end = self.scalar(i)
        return _scalar_node(value, self.mark(i)), end

    def mapping(self, i: int) -> tuple[yaml.MappingNode, int]:
        text = self.text
        start, pairs = i, []
        i = self.skip(i + 1)
        if text[i : i + 1] == "}":
            return yaml.MappingNode(_MAP, [], self.mark(start), self.mark(start)), i + 1
        while True:
            if text[i : i + 1] != '"':
                raise JsonSyntaxError("Expecting property name enclosed in double quotes", i)
            key, after = self.scalar(i)
            key_node = yaml.ScalarNode(_STR, key, self.mark(i), self.mark(i))
            i = self.skip(after)
            if text[i : i + 1] != ":":
                raise JsonSyntaxError("Expecting ':' delimiter", i)
            i = self.skip(i + 1)
            value: yaml.Node
            if self.whole_records and start == self.top and key in RECORD_LISTS and text[i : i + 1] == "[":
                value, i = self.records(i)
            else:
                value, i = self.node(i)
            pairs.append((key_node, value))
            i = self.skip(i)
            c = text[i : i + 1]
            if c == "}":
                return yaml.MappingNode(_MAP, pairs, self.mark(start), self.mark(start)), i + 1
            if c != ",":
                raise JsonSyntaxError("Expecting ',' delimiter", i)
            i = self.skip(i + 1)

    def records(self, i: int) -> tuple[yaml.SequenceNode, int]:
        """The list at offset ``i``, each record decoded whole and its nodes marked where it starts.

        A record the standard library cannot decode, or that repeats a key, is
        composed node by node instead (which raises the same syntax errors as
        everywhere else, and leaves the repeated key for the checker to report).
        """
        text, start, items = self.text, i, []
        i = self.skip(i + 1)
        if text[i : i + 1] != "]":
            while True:
                item: yaml.Node
                try:
                    value, end = self.records_decoder.raw_decode(text, i)
                    if not isinstance(value, dict):
                        raise _RepeatedKey  # not a record: composed as any value is
                    item = value_node(value, self.mark(i))
                except (json.JSONDecodeError, _RepeatedKey, RecursionError):
                    item, end = self.node(i)
                items.append(item)
                i = self.skip(end)
                c = text[i : i + 1]
                if c == "]":
                    break
                if c != ",":
                    raise JsonSyntaxError("Expecting ',' delimiter", i)
                i = self.skip(i + 1)
        return yaml.SequenceNode(_SEQ, items, self.mark(start), self.mark(start)), i + 1


def compose_json(text: str, path: str, marks: str = "exact") -> yaml.Node:
    """Compose JSON ``text`` into a node tree marked with lines and columns of ``path``.

    Raises :class:`JsonSyntaxError` (``pos``: where) for text that is not JSON.
    With ``marks="record"`` the nodes of each record of the top-level lists
    ``actors`` and ``ties`` carry the record's mark (see the module docstring).

    >>> node = compose_json('{"a": [1, "x"]}', "x.json")
    >>> [(n.tag.rsplit(":", 1)[1], n.value, n.start_mark.column) for n in node.value[0][1].value]
    [('int', '1', 7), ('str', 'x', 10)]
    >>> node = compose_json('{"ties": [{"id": "t1", "sign": 1}]}', "x.json", marks="record")
    >>> [(k.value, v.value, v.start_mark.column) for k, v in node.value[0][1].value[0].value]
    [('id', 't1', 10), ('sign', '1', 10)]
    """
    if marks not in ("exact", "record"):
        raise ValueError(f"marks must be 'exact' or 'record', not {marks!r}")
    composer = _Composer(text, path, whole_records=marks == "record")
    i = composer.top = composer.skip(0)
    node, end = composer.node(i)
    end = composer.skip(end)
    if end != len(text):
        raise JsonSyntaxError("Extra data", end)
    return node


def read_json(
    path: str | os.PathLike[str], max_bytes: int = DEFAULT_MAX_BYTES, marks: str = "exact"
) -> tuple[yaml.Node | None, list[Problem]]:
    """Compose the JSON file at ``path`` into a node tree, or return the problems that stop it.

    Returns ``(node, [])`` on success and ``(None, problems)`` otherwise; ``marks``
    as for :func:`compose_json`.
    """
    name = str(path)
    text, problems = read_text(path, max_bytes)
    if text is None:
        return None, problems
    try:
        return compose_json(text, name, marks), []
    except JsonSyntaxError as exc:
        mark = _Composer(text, name).mark(exc.pos)
        return None, [Problem(name, mark.line + 1, mark.column + 1, f"JSON syntax error: {exc.msg}", _HINT)]
    except RecursionError:
        return None, [
            Problem(name, 0, 0, "JSON nested too deeply", "the data never nests more than four levels")
        ]


def json_text(data: dict[str, Any]) -> str:
    """JSON text of plain ``data`` (see :func:`network.dataset.forms.plain`): one record per line.

    >>> print(json_text({"format": 1, "actors": [{"id": "a"}, {"id": "b"}], "ties": []}))
    {
      "format": 1,
      "actors": [
        {"id": "a"},
        {"id": "b"}
      ],
      "ties": []
    }
    <BLANKLINE>
    """
    lines = ["{"]
    items = list(data.items())
    for n, (key, value) in enumerate(items):
        comma = "," if n < len(items) - 1 else ""
        head = f"  {json.dumps(key)}: "
        if isinstance(value, list) and value:
            lines.append(head + "[")
            lines.append(",\n".join("    " + json.dumps(v, ensure_ascii=False) for v in value))
            lines.append("  ]" + comma)
        else:
            lines.append(head + json.dumps(value, ensure_ascii=False) + comma)
    lines.append("}")
    return "\n".join(lines) + "\n"
