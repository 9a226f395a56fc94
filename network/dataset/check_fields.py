"""Check a node tree against the field specs and turn it into plain Python values.

Every problem is collected with its line and column; nothing stops at the
first. Mappings come back as :class:`Marked` dicts that remember the node of
each value, so later checks (references, dates) can point at the right place.
The three forms (YAML, JSON, CSV) are all composed into nodes first and
checked here by one walk (:meth:`Converter.convert`), so every message comes
from one place.

Examples
--------
>>> import yaml
>>> node = yaml.compose("id: a\\nname: A\\nkind: state\\nnmae: x\\n")
>>> c = Converter("x.yaml")
>>> value = c.convert(node, Rec("actor"))
>>> [str(p) for p in c.problems]
["x.yaml:4:1: unknown field 'nmae' in actor (hint: did you mean 'name'?)"]
"""

from __future__ import annotations

import math
import re
from functools import cache
from typing import Any

import yaml
from yaml.constructor import SafeConstructor

from network.dataset.edtf import EdtfError, parse_edtf
from network.dataset.problems import MAX_PROBLEMS, Problem, did_you_mean
from network.dataset.spec import (
    RECORDS,
    AnyOf,
    Bool,
    Date,
    Enum,
    Field,
    Int,
    ListOf,
    Number,
    Rec,
    Slug,
    Str,
    Type,
)

__all__ = ["Converter", "Marked", "MISSING", "Spot", "DUPLICATE", "unknown_field", "line_of", "plain_scalar"]

_T = "tag:yaml.org,2002:"
_STR, _INT, _FLOAT, _BOOL, _NULL, _TIMESTAMP, _SEQ, _MAP = (
    _T + n for n in ("str", "int", "float", "bool", "null", "timestamp", "seq", "map")
)
_ALLOWED_TAGS = {_T + n for n in ("str", "int", "float", "bool", "null", "seq", "map", "timestamp")}
_SCALARS = SafeConstructor()
_FIELDS: dict[str, dict[str, Field]] = {name: {f.name: f for f in fields} for name, fields in RECORDS.items()}


class _Missing:
    def __repr__(self) -> str:
        return "MISSING"


MISSING: Any = _Missing()


class _Sentinel:
    def __init__(self, name: str):
        self.name = name

    def __repr__(self) -> str:
        return self.name


#: What :func:`plain_scalar` returns for text its tag does not fit (an explicit ``!!int party``).
_FAIL: Any = _Sentinel("FAIL")
#: What a JSON list cell of the CSV form holds where an object repeats a key (read as no value).
DUPLICATE: Any = _Sentinel("DUPLICATE")


@cache
def _pattern(text: str) -> re.Pattern[str]:
    return re.compile(text)


def unknown_field(key: str, record: str) -> tuple[str, str]:
    """The message and hint for an unknown field ``key`` in ``record`` (also used for CSV columns).

    >>> unknown_field("sing", "tie")
    ("unknown field 'sing' in tie", "did you mean 'sign'?")
    """
    fields = _FIELDS[record]
    label = "the top level" if record == "dataset" else record
    return f"unknown field {key!r} in {label}", did_you_mean(key, fields) or "allowed: " + ", ".join(fields)


class Spot(yaml.Mark):
    """A place in a named file, a YAML mark that also names its ``path``: 0-based ``line`` and ``column``.

    The JSON and CSV readers mark their nodes with spots; a spot names its own
    file, so a problem in a CSV dataset (several files) points into the right one.
    It sets only what a problem reads (a reader makes one for every value, so
    the rest of a PyYAML mark, which points into a text buffer, is left at
    "no buffer").

    >>> spot = Spot("ties.csv", 2, 0)
    >>> spot.line, spot.column, spot.get_snippet()
    (2, 0, None)
    """

    index = 0
    buffer = None
    pointer = 0

    def __init__(self, path: str, line: int, column: int):  # noqa: D107 - no super().__init__: see above
        self.name = self.path = path
        self.line = line
        self.column = column

    def __repr__(self) -> str:
        return f"Spot({self.path!r}, {self.line}, {self.column})"


def line_of(node: Any) -> int:
    """The line (from 1) a node starts on; 0 for None."""
    if node is None:
        return 0
    return node.start_mark.line + 1  # type: ignore[no-any-return]


class Marked(dict[str, Any]):
    """A checked mapping; :meth:`node_of` gives the node a value came from.

    ``node`` is the mapping's node, ``nodes[name]`` the node of each value and
    ``present`` the keys that were given, valid or not.
    """

    __slots__ = ("node", "nodes", "present")
    node: Any
    nodes: dict[str, yaml.Node]
    present: set[str]

    def node_of(self, key: str | None = None) -> Any:
        """The node of the value of ``key``, or of the whole mapping when ``key`` is None or absent."""
        if key is None or key not in self:
            return self.node
        return self.nodes[key]


def _kind_of(node: yaml.Node) -> str:
    tag = node.tag
    if tag == _INT or tag == _FLOAT:
        return "a number"
    if tag == _BOOL:
        return "true/false"
    if tag == _NULL:
        return "nothing"
    if isinstance(node, yaml.SequenceNode):
        return "a list"
    if isinstance(node, yaml.MappingNode):
        return "a mapping"
    return "text"


def _yaml_int(text: str) -> int:
    """The int YAML reads from an int-tagged scalar's text (decimal at once; 0x, 0o, 1_000 by PyYAML)."""
    digits = text[1:] if text[:1] == "-" else text
    if digits.isdigit() and digits[0] != "0":
        return int(text)
    return _SCALARS.construct_yaml_int(yaml.ScalarNode(_INT, text))  # type: ignore[no-any-return]


def plain_scalar(tag: str, text: str) -> Any:
    """The value the node walk constructs from a scalar with this tag and text: text for str and
    timestamp, numbers and booleans as YAML reads them; _FAIL for any other tag, or for text the
    tag does not fit (an explicit ``!!int x``), which the node walk then judges."""
    if tag == _STR or tag == _TIMESTAMP:
        return text
    try:
        if tag == _INT:
            return _yaml_int(text)
        if tag == _FLOAT:
            return _SCALARS.construct_yaml_float(yaml.ScalarNode(tag, text))
        if tag == _BOOL:
            return _SCALARS.construct_yaml_bool(yaml.ScalarNode(tag, text))
    except (ValueError, IndexError, KeyError):
        return _FAIL
    return _FAIL


class Converter:
    """Walks nodes against types, collecting :class:`Problem` objects in ``problems``."""

    def __init__(self, path: str):
        self.path = path
        self.problems: list[Problem] = []
        self._dates: dict[str, Any] = {}  # EDTF text -> EdtfDate or EdtfError, parsed once per file

    def problem(self, node: yaml.Node | None, message: str, hint: str = "") -> None:
        if node is None:
            self.problems.append(Problem(self.path, 0, 0, message, hint))
        else:
            mark = node.start_mark
            path = getattr(mark, "path", self.path)
            self.problems.append(Problem(path, mark.line + 1, mark.column + 1, message, hint))

    def _date(self, text: str) -> Any:
        """The parsed date of ``text`` (or the EdtfError it raises), parsed once per file."""
        found = self._dates.get(text)
        if found is None:
            try:
                found = parse_edtf(text)
            except EdtfError as exc:
                found = exc
            self._dates[text] = found
        return found

    # -- entry point -------------------------------------------------------
    def convert(self, node: yaml.Node, typ: Type, what: str = "value") -> Any:
        """Check ``node`` against ``typ``; return its value or MISSING after reporting."""
        if node.tag not in _ALLOWED_TAGS:
            self.problem(
                node,
                f"tag {node.tag!r} is not allowed in {what}",
                "remove the tag; the data holds only plain text, numbers, lists and mappings",
            )
            return MISSING
        if node.tag == _NULL:
            self.problem(node, f"{what} has no value", "give it a value, or remove the key")
            return MISSING
        if isinstance(typ, Rec):
            return self._record(node, typ.name, what)
        if isinstance(typ, ListOf):
            return self._list(node, typ, what)
        if isinstance(typ, AnyOf):
            for option in typ.options:
                if isinstance(option, Rec) == isinstance(node, yaml.MappingNode):
                    return self.convert(node, option, what)
            self.problem(node, f"{what} must be {typ.label}, not {_kind_of(node)}")
            return MISSING
        if not isinstance(node, yaml.ScalarNode):
            self.problem(node, f"{what} must be {typ.label}, not {_kind_of(node)}")
            return MISSING
        return self._scalar(node, typ, what)

    # -- scalars -----------------------------------------------------------
    def _scalar(self, node: yaml.ScalarNode, typ: Type, what: str) -> Any:
        tag = node.tag
        if isinstance(typ, Date):
            if tag in (_INT, _FLOAT):
                self.problem(
                    node,
                    f"{what} {node.value} is read as a number, not a date",
                    f"put the date in quotes: '{node.value}'",
                )
                return MISSING
            if tag not in (_STR, _TIMESTAMP):
                self.problem(node, f"{what} must be {typ.label}, not {_kind_of(node)}")
                return MISSING
            date = self._date(node.value)
            if isinstance(date, EdtfError):
                self.problem(node, f"{what}: {date}", "see docs/format.md, section Dates")
                return MISSING
            return date
        if isinstance(typ, (Str, Slug)):
            if tag not in (_STR, _TIMESTAMP):
                self.problem(
                    node,
                    f"{what} must be {typ.label}, not {_kind_of(node)}",
                    f"put it in quotes: '{node.value}'",
                )
                return MISSING
            text = node.value
            if not text.strip():
                self.problem(node, f"{what} is empty", "give it a value, or remove the key")
                return MISSING
            if isinstance(typ, Slug) and not _pattern(typ.pattern).fullmatch(text):
                self.problem(
                    node,
                    f"{what} {text!r} is not a valid id",
                    "use lowercase letters, digits and underscores, starting with a letter",
                )
                return MISSING
            return text
        value: Any = plain_scalar(tag, node.value) if tag in (_INT, _FLOAT, _BOOL) else node.value
        if value is _FAIL:  # an explicit tag the text does not fit, such as '!!int party'
            kind = {_INT: "a whole number", _FLOAT: "a number", _BOOL: "true or false"}[tag]
            short = tag.replace("tag:yaml.org,2002:", "!!")
            self.problem(
                node,
                f"{what} {node.value!r} is tagged {short} but is not {kind}",
                "remove the tag, or write the value the tag says",
            )
            return MISSING
        if isinstance(typ, Bool):
            if tag != _BOOL:
                self.problem(node, f"{what} must be true or false, not {node.value!r}")
                return MISSING
            return value
        if isinstance(typ, Enum):
            if value in typ.values and type(value) is type(typ.values[0]):
                return value
            if what == "format":
                self.problem(
                    node,
                    f"unknown format {node.value!r}; this version of entente reads format 1",
                    "write 'format: 1', or upgrade entente to read newer formats",
                )
                return MISSING
            if what.endswith(".type"):
                self.problem(
                    node,
                    f"{what} {node.value!r} is not in the codebook",
                    did_you_mean(str(node.value), [str(v) for v in typ.values])
                    or "see docs/codebook.md for the types",
                )
                return MISSING
            self.problem(
                node,
                f"{what} must be {typ.label}; found {node.value!r}",
                did_you_mean(str(node.value), [str(v) for v in typ.values]),
            )
            return MISSING
        if isinstance(typ, Int):
            if not isinstance(value, int) or isinstance(value, bool):
                self.problem(node, f"{what} must be a whole number, not {node.value!r}")
                return MISSING
            if typ.minimum is not None and value < typ.minimum:
                self.problem(node, f"{what} must be at least {typ.minimum}; found {value}")
                return MISSING
            return value
        if isinstance(typ, Number):
            if not isinstance(value, (int, float)) or isinstance(value, bool):
                self.problem(node, f"{what} must be a number, not {node.value!r}")
                return MISSING
            if not math.isfinite(value):
                self.problem(
                    node,
                    f"{what} must be a finite number, not {node.value!r}",
                    "write a number such as 1 or 2.5",
                )
                return MISSING
            if typ.exclusive_minimum is not None and not value > typ.exclusive_minimum:
                self.problem(
                    node,
                    f"{what} must be greater than {typ.exclusive_minimum:g}; found {value}",
                    "a weight measures strength and is positive; use sign for hostility",
                )
                return MISSING
            return value
        raise TypeError(f"unknown type {typ!r}")  # pragma: no cover - spec bug

    # -- collections -------------------------------------------------------
    def _list(self, node: yaml.Node, typ: ListOf, what: str) -> Any:
        if not isinstance(node, yaml.SequenceNode):
            self.problem(
                node,
                f"{what} must be a list, not {_kind_of(node)}",
                "write a list: one '- item' per line, or [a, b]",
            )
            return MISSING
        out = []
        for i, item in enumerate(node.value):
            if len(self.problems) >= MAX_PROBLEMS:  # a hostile file: stop (network.dataset.loader says so)
                break
            value = self.convert(item, typ.item, f"{what}[{i + 1}]")
            if value is not MISSING:
                out.append(value)
        return out

    def _record(self, node: yaml.Node, name: str, what: str) -> Any:
        if not isinstance(node, yaml.MappingNode):
            self.problem(
                node,
                f"{what} must be a mapping of fields, not {_kind_of(node)}",
                "write 'field: value' lines",
            )
            return MISSING
        fields = _FIELDS[name]
        out = Marked()
        out.node = node
        out.nodes = {}
        out.present = set()
        seen: dict[str, yaml.Node] = {}
        label = "the top level" if name == "dataset" else name
        for key_node, value_node in node.value:
            if key_node.tag not in _ALLOWED_TAGS or not isinstance(key_node, yaml.ScalarNode):
                self.problem(key_node, f"a key in {label} must be a plain field name")
                continue
            key = key_node.value
            if key in seen:
                first = seen[key].start_mark.line + 1
                self.problem(
                    key_node,
                    f"duplicate key {key!r} in {label} (first at line {first})",
                    "keep one of them; YAML would silently keep only the last",
                )
                continue
            seen[key] = key_node
            out.present.add(key)
            spec = fields.get(key)
            if spec is None:
                self.problem(key_node, *unknown_field(key, name))
                continue
            value = self.convert(value_node, spec.type, f"{name}.{key}" if name != "dataset" else key)
            if value is not MISSING:
                out[key] = value
                out.nodes[key] = value_node
        for spec in fields.values():
            if spec.required and spec.name not in seen:
                self.problem(
                    node,
                    f"{label} is missing the required field {spec.name!r}",
                    f"add '{spec.name}:' ({spec.doc})",
                )
        return out
