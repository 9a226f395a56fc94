"""Check a node tree against the field specs and turn it into plain Python values.

Every problem is collected with its line and column; nothing stops at the
first. Mappings come back as :class:`Marked` dicts that remember the node of
each value, so later checks (references, dates) can point at the right place.

The node walk (:meth:`Converter.convert`) is the rule book: every message
comes from it. Records in long lists take a fast path first: their values
are checked as plain Python values, and a record is accepted there only if
the node walk would accept it unchanged; any other record goes through the
node walk, which reports its problems. Lists read from JSON or CSV
(:class:`RecordSeq`) hold plain values, and a record's nodes are composed
only when a problem in it must be located.

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
from collections.abc import Callable
from functools import cache
from typing import Any, Protocol

import yaml
from yaml.constructor import SafeConstructor

from network.dataset.edtf import EdtfDate, EdtfError, parse_edtf
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

__all__ = [
    "Converter",
    "Marked",
    "MISSING",
    "RecordSeq",
    "Locator",
    "Spot",
    "DUPLICATE",
    "unknown_field",
    "line_of",
    "plain_scalar",
]

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


#: What a fast check returns for a value it does not accept (the node walk then decides).
_FAIL: Any = _Sentinel("FAIL")
#: What a JSON reader puts where an object repeats a key (so the node walk reports it).
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
    """

    def __init__(self, path: str, line: int, column: int):
        super().__init__(path, 0, line, column, None, None)  # type: ignore[arg-type]
        self.path = path

    def __repr__(self) -> str:
        return f"Spot({self.path!r}, {self.line}, {self.column})"


class Locator(Protocol):
    """Where the records of a :class:`RecordSeq` are in their file, and their nodes."""

    def node_at(self, k: int) -> yaml.Node:
        """The marked node tree of record ``k``, composed from the file."""

    def mark_at(self, k: int) -> Any:
        """Where record ``k`` starts (a :class:`Spot`)."""

    def line_at(self, k: int) -> int:
        """The 0-based line record ``k`` starts on."""


class RecordSeq(yaml.SequenceNode):
    """A list of records read from JSON or CSV: plain values, each record's nodes composed on demand.

    ``items[i]`` is the i-th record as plain values (a :class:`Marked` when it
    is a mapping); ``locator`` composes a record's marked node tree and tells
    where it starts. The converter checks the plain values and asks for the
    nodes only to report a problem.
    """

    def __init__(self, items: list[Any], start_mark: Any, locator: Locator):
        self.tag = _SEQ
        self.items = items
        self.start_mark = self.end_mark = start_mark
        self.flow_style = None
        self.locator = locator

    @property  # type: ignore[override]
    def value(self) -> list[yaml.Node]:
        return [self.locator.node_at(i) for i in range(len(self.items))]


class _Lazy:
    """Where a record read from JSON or CSV (or a record inside it) is; its node is composed on demand."""

    __slots__ = ("locator", "index", "path")

    def __init__(self, locator: Locator, index: int, path: tuple[str | int, ...] = ()):
        self.locator = locator
        self.index = index
        self.path = path

    @property
    def start_mark(self) -> Any:
        if not self.path:
            return self.locator.mark_at(self.index)
        return self.node().start_mark

    def node(self) -> yaml.Node:
        node = self.locator.node_at(self.index)
        for step in self.path:
            if isinstance(step, int):
                node = node.value[step]
            else:
                node = next(v for k, v in node.value if k.value == step)
        return node

    def child(self, step: str | int) -> _Lazy:
        return _Lazy(self.locator, self.index, self.path + (step,))


def line_of(node: Any) -> int:
    """The line (from 1) a node starts on; 0 for None. Cheap for a record read from JSON or CSV."""
    if node is None:
        return 0
    if type(node) is _Lazy and not node.path:
        return node.locator.line_at(node.index) + 1
    return node.start_mark.line + 1  # type: ignore[no-any-return]


class Marked(dict[str, Any]):
    """A checked mapping; :meth:`node_of` gives the node a value came from.

    ``node`` is the mapping's node, ``nodes[name]`` the node of each value
    (None until asked for, for records that took the fast path) and
    ``present`` the keys that were given, valid or not.
    """

    __slots__ = ("node", "nodes", "given")
    node: Any
    nodes: dict[str, yaml.Node] | None
    #: The keys given, valid or not; None when they are the record's own keys (a fast-path record).
    given: set[str] | None

    @property
    def present(self) -> Any:
        """The keys that were given, valid or not (a set, or the record's keys view).

        A fast-path record stores None and this returns its keys view on demand:
        a keys view kept in the record would refer back to it, a reference cycle
        per record that only the cyclic garbage collector frees (at 200,000 ties,
        most of a second of collecting after loading, the records alive till then).
        """
        given = self.given
        return self.keys() if given is None else given

    def node_of(self, key: str | None = None) -> Any:
        """The node of the value of ``key``, or of the whole mapping when ``key`` is None or absent."""
        if key is None or key not in self:
            return self.node
        nodes = self.nodes
        if nodes is None:
            node = self.node
            if isinstance(node, _Lazy):
                node = node.node()
            nodes = {}
            for k, v in node.value:
                nodes.setdefault(k.value, v)
            self.nodes = nodes
        return nodes[key]


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


def _plain(node: yaml.Node) -> Any:
    """The plain value of a YAML node, as the node walk would see it; _FAIL where it would object.

    Mappings become :class:`Marked` (their node kept), scalars the value the
    walk constructs from their tag (text for str and timestamp), so the fast
    checks below see what the walk sees.
    """
    cls = type(node)
    tag = node.tag
    if cls is yaml.ScalarNode:
        return plain_scalar(tag, node.value)
    if cls is yaml.MappingNode and tag == _MAP:
        rec = Marked()
        for key_node, value_node in node.value:
            if type(key_node) is not yaml.ScalarNode or key_node.tag != _STR:
                return _FAIL
            key = key_node.value
            if key in rec:
                return _FAIL
            value = _plain(value_node)
            if value is _FAIL:
                return _FAIL
            rec[key] = value
        rec.node = node
        rec.nodes = None
        rec.given = None
        return rec
    if cls is yaml.SequenceNode and tag == _SEQ:
        out = []
        for item in node.value:
            value = _plain(item)
            if value is _FAIL:
                return _FAIL
            out.append(value)
        return out
    return _FAIL


class Converter:
    """Walks nodes against types, collecting :class:`Problem` objects in ``problems``.

    ``fast=False`` sends every record through the node walk (the tests compare the two paths).
    """

    def __init__(self, path: str, fast: bool = True):
        self.path = path
        self.fast = fast
        self.problems: list[Problem] = []
        self._dates: dict[str, Any] = {}  # EDTF text -> EdtfDate or EdtfError, parsed once per file
        self._checks: dict[str, Callable[[Any], bool]] = {}
        self._ids: dict[str, set[str]] = {}  # pattern -> ids found valid (see _valid_ids)

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
            if isinstance(typ, Slug) and not _pattern(typ.pattern).match(text):
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
        if self.fast and isinstance(typ.item, Rec):
            return self._records(node, typ.item.name, what)
        out = []
        for i, item in enumerate(node.value):
            value = self.convert(item, typ.item, f"{what}[{i + 1}]")
            if value is not MISSING:
                out.append(value)
        return out

    def _records(self, node: yaml.SequenceNode, name: str, what: str) -> list[Any]:
        """A list of records: each checked on the fast path, or walked when that does not accept it."""
        check = self._record_check(name)
        out = []
        if isinstance(node, RecordSeq):
            locator = node.locator
            nested = [f.name for f in RECORDS[name] if isinstance(f.type, (Rec, ListOf, AnyOf))]
            for i, item in enumerate(node.items):
                if (
                    len(self.problems) >= MAX_PROBLEMS
                ):  # a hostile file: stop, and say so (network.dataset.loader)
                    break
                if type(item) is Marked and check(item):
                    place = _Lazy(locator, i)
                    item.node = place
                    item.nodes = None
                    item.given = None
                    for key in nested:
                        if key in item:
                            _place(item[key], place.child(key))
                    out.append(item)
                    continue
                value = self.convert(locator.node_at(i), Rec(name), f"{what}[{i + 1}]")
                if value is not MISSING:
                    out.append(value)
            return out
        for i, item_node in enumerate(node.value):
            if len(self.problems) >= MAX_PROBLEMS:
                break
            if item_node.tag == _MAP:
                item = _plain(item_node)
                if item is not _FAIL and check(item):
                    out.append(item)
                    continue
            value = self.convert(item_node, Rec(name), f"{what}[{i + 1}]")
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
        out.given = set()
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
            out.given.add(key)
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

    # -- the fast path -----------------------------------------------------
    # Each check takes a plain value and returns the value the node walk would
    # return, or _FAIL where the walk would report anything (or where it is
    # not worth deciding here). Records are checked and converted in place.
    def _valid_ids(self, pattern: str) -> set[str]:
        """The texts found to be valid ids of ``pattern`` so far in this file.

        A reference (a tie's source and target, a citation's source) names one
        of a few thousand ids hundreds of thousands of times; a text in this set
        matched the pattern before, so it matches again, and a set look-up is
        several times cheaper than the match. Only exact ``str`` values are
        looked up (the type is checked first), so equal means the same text.
        """
        return self._ids.setdefault(pattern, set())

    def _record_check(self, name: str) -> Callable[[Any], bool]:
        check = self._checks.get(name)
        if check is None:
            check = self._checks[name] = self._make_record_check(name)
        return check

    def _make_record_check(self, name: str) -> Callable[[Any], bool]:
        """Compile the fast check of record ``name`` into one function, one test per field.

        Like the ``__init__`` of a dataclass, the function is generated from
        the field specs, so that checking a field costs no function call: at
        200,000 ties this is most of the converter's time. It returns True
        only for a mapping whose every key is a field and every value passes
        (converted in place: dates parsed), with the required fields present.
        """
        env: dict[str, Any] = {"EdtfDate": EdtfDate, "dates": self._dates, "parse": self._date}
        lines = ["def check(rec):", "    get = rec.get", "    n = 0"]
        for k, f in enumerate(RECORDS[name]):
            lines.append(f"    v = get({f.name!r})")
            if f.required:
                lines.append("    if v is None:")
                lines.append("        return False")
                body, pad = lines, "    "
            else:
                lines.append("    if v is not None:")
                body, pad = lines, "        "
            typ = f.type
            fail = f"{pad}    return False"
            if isinstance(typ, Slug) and f.name == "id":  # unique by rule: remembering them would not pay
                env[f"match{k}"] = _pattern(typ.pattern).match
                body += [f"{pad}if type(v) is not str or not match{k}(v) or v.isspace():", fail]
            elif isinstance(typ, Slug):  # a reference: the same few ids again and again
                env[f"match{k}"] = _pattern(typ.pattern).match
                env[f"valid{k}"] = self._valid_ids(typ.pattern)
                body += [
                    f"{pad}if type(v) is not str:",
                    fail,
                    f"{pad}if v not in valid{k}:",
                    f"{pad}    if not match{k}(v) or v.isspace():",
                    f"{pad}        return False",
                    f"{pad}    valid{k}.add(v)",
                ]
            elif isinstance(typ, Str):
                body += [f"{pad}if type(v) is not str or not v or v.isspace():", fail]
            elif isinstance(typ, Date):
                body += [
                    f"{pad}if type(v) is not str:",
                    fail,
                    f"{pad}d = dates.get(v)",
                    f"{pad}if d is None:",
                    f"{pad}    d = parse(v)",
                    f"{pad}if type(d) is not EdtfDate:",
                    fail,
                    f"{pad}rec[{f.name!r}] = d",
                ]
            elif isinstance(typ, Enum):  # a set: the codebook's types are many (the type is checked first)
                env[f"values{k}"], env[f"kind{k}"] = frozenset(typ.values), type(typ.values[0])
                body += [f"{pad}if type(v) is not kind{k} or v not in values{k}:", fail]
            elif isinstance(typ, Int):
                low = "" if typ.minimum is None else f" or v < {typ.minimum!r}"
                body += [f"{pad}if type(v) is not int{low}:", fail]
            elif isinstance(typ, Number):
                above = "" if typ.exclusive_minimum is None else f" or not v > {typ.exclusive_minimum!r}"
                env["isfinite"] = math.isfinite
                finite = " or type(v) is float and not isfinite(v)"
                body += [f"{pad}if (type(v) is not int and type(v) is not float){finite}{above}:", fail]
            elif isinstance(typ, Bool):
                body += [f"{pad}if type(v) is not bool:", fail]
            else:  # records and lists: a nested check, converted in place
                env[f"value{k}"] = self._value_check(typ)
                body += [
                    f"{pad}new = value{k}(v)",
                    f"{pad}if new is FAIL:",
                    fail,
                    f"{pad}if new is not v:",
                    f"{pad}    rec[{f.name!r}] = new",
                ]
            body.append(f"{pad}n += 1")
        lines.append("    return n == len(rec)")
        env["FAIL"] = _FAIL
        exec("\n".join(lines), env)  # noqa: S102 - code generated from the field specs only
        return env["check"]  # type: ignore[no-any-return]

    def _value_check(self, typ: Type) -> Callable[[Any], Any]:
        if isinstance(typ, Slug):
            match = _pattern(typ.pattern).match
            return lambda v: v if type(v) is str and match(v) and not v.isspace() else _FAIL
        if isinstance(typ, Str):
            return lambda v: v if type(v) is str and v and not v.isspace() else _FAIL
        if isinstance(typ, Date):
            dates = self._dates
            date = self._date

            def check_date(v: Any) -> Any:
                if type(v) is not str:
                    return _FAIL
                found = dates.get(v)
                if found is None:
                    found = date(v)
                return found if type(found) is EdtfDate else _FAIL

            return check_date
        if isinstance(typ, Enum):
            values, kind = frozenset(typ.values), type(typ.values[0])
            return lambda v: v if type(v) is kind and v in values else _FAIL
        if isinstance(typ, Int):
            low = typ.minimum
            return lambda v: v if type(v) is int and (low is None or v >= low) else _FAIL
        if isinstance(typ, Number):
            above = typ.exclusive_minimum
            return lambda v: (
                v
                if (type(v) is int or type(v) is float and math.isfinite(v)) and (above is None or v > above)
                else _FAIL
            )
        if isinstance(typ, Bool):
            return lambda v: v if type(v) is bool else _FAIL
        if isinstance(typ, Rec):
            name = typ.name
            record = self._record_check

            def check_record(v: Any) -> Any:
                return v if type(v) is Marked and record(name)(v) else _FAIL

            return check_record
        if isinstance(typ, ListOf):
            item = self._value_check(typ.item)

            def check_list(v: Any) -> Any:
                if type(v) is not list:
                    return _FAIL
                for i, x in enumerate(v):
                    new = item(x)
                    if new is _FAIL:
                        return _FAIL
                    if new is not x:
                        v[i] = new
                return v

            return check_list
        if isinstance(typ, AnyOf):
            mapping = next((self._value_check(o) for o in typ.options if isinstance(o, Rec)), None)
            other = next((self._value_check(o) for o in typ.options if not isinstance(o, Rec)), None)

            def check_any(v: Any) -> Any:
                c = mapping if type(v) is Marked else other
                return _FAIL if c is None else c(v)

            return check_any
        raise TypeError(f"unknown type {typ!r}")  # pragma: no cover - spec bug


def _place(value: Any, place: _Lazy) -> None:
    """Give the records inside a fast-checked value their lazy places."""
    if type(value) is Marked:
        value.node = place
        value.nodes = None
        value.given = None
        for key, item in value.items():
            if type(item) is Marked or type(item) is list:
                _place(item, place.child(key))
    elif type(value) is list:
        for i, item in enumerate(value):
            if type(item) is Marked or type(item) is list:
                _place(item, place.child(i))
