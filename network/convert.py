"""Check a YAML node tree against the field specs and turn it into plain Python values.

Every problem is collected with its line and column; nothing stops at the
first. Mappings come back as :class:`Marked` dicts that remember the node of
each value, so later checks (references, dates) can point at the right place.

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

import re
from typing import Any

import yaml
from yaml.constructor import SafeConstructor

from .edtf import EdtfError, parse_edtf
from .problems import Problem, did_you_mean
from .spec import RECORDS, AnyOf, Bool, Date, Enum, Int, ListOf, Number, Rec, Slug, Str, Type

__all__ = ["Converter", "Marked", "MISSING"]

_T = "tag:yaml.org,2002:"
_ALLOWED_TAGS = {_T + n for n in ("str", "int", "float", "bool", "null", "seq", "map", "timestamp")}
_SCALARS = SafeConstructor()


class _Missing:
    def __repr__(self) -> str:
        return "MISSING"


MISSING: Any = _Missing()


class Marked(dict[str, Any]):
    """A checked mapping; ``nodes[name]`` is the YAML node its value came from."""

    node: yaml.Node
    nodes: dict[str, yaml.Node]
    present: set[str]


def _kind_of(node: yaml.Node) -> str:
    tag = node.tag
    if tag == _T + "int" or tag == _T + "float":
        return "a number"
    if tag == _T + "bool":
        return "true/false"
    if tag == _T + "null":
        return "nothing"
    if isinstance(node, yaml.SequenceNode):
        return "a list"
    if isinstance(node, yaml.MappingNode):
        return "a mapping"
    return "text"


class Converter:
    """Walks nodes against types, collecting :class:`Problem` objects in ``problems``."""

    def __init__(self, path: str):
        self.path = path
        self.problems: list[Problem] = []

    def problem(self, node: yaml.Node | None, message: str, hint: str = "") -> None:
        if node is None:
            self.problems.append(Problem(self.path, 0, 0, message, hint))
        else:
            mark = node.start_mark
            self.problems.append(Problem(self.path, mark.line + 1, mark.column + 1, message, hint))

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
        if node.tag == _T + "null":
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
            if tag in (_T + "int", _T + "float"):
                self.problem(
                    node,
                    f"{what} {node.value} is read as a number, not a date",
                    f"put the date in quotes: '{node.value}'",
                )
                return MISSING
            if tag not in (_T + "str", _T + "timestamp"):
                self.problem(node, f"{what} must be {typ.label}, not {_kind_of(node)}")
                return MISSING
            try:
                return parse_edtf(node.value)
            except EdtfError as exc:
                self.problem(node, f"{what}: {exc}", "see docs/format.md, section Dates")
                return MISSING
        if isinstance(typ, (Str, Slug)):
            if tag not in (_T + "str", _T + "timestamp"):
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
            if isinstance(typ, Slug) and not re.match(typ.pattern, text):
                self.problem(
                    node,
                    f"{what} {text!r} is not a valid id",
                    "use lowercase letters, digits and underscores, starting with a letter",
                )
                return MISSING
            return text
        if isinstance(typ, Bool):
            if tag != _T + "bool":
                self.problem(node, f"{what} must be true or false, not {node.value!r}")
                return MISSING
            return _SCALARS.construct_yaml_bool(node)
        if tag == _T + "int":
            value: Any = _SCALARS.construct_yaml_int(node)
        elif tag == _T + "float":
            value = _SCALARS.construct_yaml_float(node)
        else:
            value = node.value
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
        fields = {f.name: f for f in RECORDS[name]}
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
                hint = did_you_mean(key, fields) or "allowed: " + ", ".join(fields)
                self.problem(key_node, f"unknown field {key!r} in {label}", hint)
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
