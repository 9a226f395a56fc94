"""Format v1 declared once: the field specs the loader checks and the JSON Schema is generated from.

Each record (dataset, actor, tie, ...) is a list of :class:`Field`. The same
list drives :mod:`network.dataset.check_fields` (node tree -> checked Python values) and
:func:`json_schema` (draft-07, for editors), so the two cannot drift apart.

Examples
--------
>>> [f.name for f in RECORDS["source"]]
['id', 'citation']
>>> json_schema()["$schema"]
'http://json-schema.org/draft-07/schema#'
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from network.dataset.model import POLICIES
from network.dataset.vocabulary import ACTOR_KINDS, CONFIDENCE, TIE_TYPES

__all__ = [
    "Type",
    "Str",
    "Slug",
    "Int",
    "Number",
    "Bool",
    "Date",
    "Enum",
    "ListOf",
    "Rec",
    "AnyOf",
    "Field",
    "RECORDS",
    "FORMAT_VERSION",
    "SCHEMA_ID",
    "json_schema",
    "field_tables",
]

FORMAT_VERSION = 1
SCHEMA_ID = "https://entente.invalid/schemas/format-1.schema.json"
ACTOR_ID = r"^[a-z][a-z0-9_]*$"
TIE_ID = r"^[a-z0-9][a-z0-9_.-]*$"


class Type:
    """Base of the small type language the fields are declared in."""

    label = "value"

    def schema(self) -> dict[str, Any]:
        raise NotImplementedError


@dataclass(frozen=True)
class Str(Type):
    label = "text"

    def schema(self) -> dict[str, Any]:
        return {"type": "string", "minLength": 1}


@dataclass(frozen=True)
class Slug(Type):
    pattern: str = ACTOR_ID
    label = "an id"

    def schema(self) -> dict[str, Any]:
        return {"type": "string", "pattern": self.pattern}


@dataclass(frozen=True)
class Int(Type):
    minimum: int | None = None
    label = "a whole number"

    def schema(self) -> dict[str, Any]:
        s: dict[str, Any] = {"type": "integer"}
        if self.minimum is not None:
            s["minimum"] = self.minimum
        return s


@dataclass(frozen=True)
class Number(Type):
    exclusive_minimum: float | None = None
    label = "a number"

    def schema(self) -> dict[str, Any]:
        s: dict[str, Any] = {"type": "number"}
        if self.exclusive_minimum is not None:
            s["exclusiveMinimum"] = self.exclusive_minimum
        return s


@dataclass(frozen=True)
class Bool(Type):
    label = "true or false"

    def schema(self) -> dict[str, Any]:
        return {"type": "boolean"}


@dataclass(frozen=True)
class Date(Type):
    label = "an EDTF date in quotes"

    def schema(self) -> dict[str, Any]:
        return {"$ref": "#/definitions/edtf"}


@dataclass(frozen=True)
class Enum(Type):
    values: tuple[Any, ...] = ()

    @property
    def label(self) -> str:  # type: ignore[override]
        return "one of " + ", ".join(str(v) for v in self.values)

    def schema(self) -> dict[str, Any]:
        return {"enum": list(self.values)}


@dataclass(frozen=True)
class ListOf(Type):
    item: Type = field(default_factory=Str)
    label = "a list"

    def schema(self) -> dict[str, Any]:
        return {"type": "array", "items": self.item.schema()}


@dataclass(frozen=True)
class Rec(Type):
    name: str = ""
    label = "a mapping"

    def schema(self) -> dict[str, Any]:
        return {"$ref": f"#/definitions/{self.name}"}


@dataclass(frozen=True)
class AnyOf(Type):
    options: tuple[Type, ...] = ()

    @property
    def label(self) -> str:  # type: ignore[override]
        return " or ".join(o.label for o in self.options)

    def schema(self) -> dict[str, Any]:
        return {"anyOf": [o.schema() for o in self.options]}


@dataclass(frozen=True)
class Field:
    """One field of a record: its name, type, whether it is required, and its meaning."""

    name: str
    type: Type
    required: bool = False
    doc: str = ""


CITE = [
    Field("source", Slug(), doc="id of an entry in `sources`"),
    Field("note", Int(minimum=1), doc="footnote number in the source"),
    Field("page", Int(minimum=1), doc="page of the source"),
    Field(
        "primary",
        Str(),
        doc="the primary source the footnote names, e.g. 'Bashkimi, September 28, 1956, p. 1'",
    ),
]

SPAN = [
    Field("start", Date(), doc="first day it may have held (EDTF)"),
    Field("end", Date(), doc="last day it may have held (EDTF; '..' for open)"),
]

RECORDS: dict[str, list[Field]] = {
    "dataset": [
        Field("format", Enum((FORMAT_VERSION,)), True, "format version; must be 1"),
        Field("title", Str(), doc="title of the dataset"),
        Field("sources", ListOf(Rec("source")), doc="the works the data is curated from"),
        Field(
            "framing",
            Rec("framing"),
            doc="whose alignment the outputs follow and between which poles; the outputs that need it "
            "are left out without it",
        ),
        Field(
            "policy",
            Enum(POLICIES),
            doc="curation policy: basic (default; the format's rules) or strict (also every tie typed, "
            "cited with a page, with evidence)",
        ),
        Field("periods", ListOf(Rec("period")), doc="named periods (a periodisation)"),
        Field("actors", ListOf(Rec("actor")), True, "the actors"),
        Field("ties", ListOf(Rec("tie")), True, "the dated ties between actors"),
    ],
    "framing": [
        Field("focal", Slug(), True, "id of the actor whose alignment is followed"),
        Field(
            "poles",
            ListOf(Slug()),
            True,
            "ids of the sides it moves between, two or more, in drawing order from left to right",
        ),
    ],
    "source": [
        Field("id", Slug(), True, "id cited by `cite.source`"),
        Field("citation", Str(), True, "full bibliographic citation"),
    ],
    "period": [
        Field("id", Slug(), True, "unique id"),
        Field("label", Str(), True, "label as the source names it"),
        Field("start", Date(), True, "first day of the period (EDTF)"),
        Field("end", Date(), True, "last day of the period (EDTF)"),
        Field("description", Str(), doc="what the source says of the period"),
        Field("cite", Rec("cite"), doc="where the source names the period"),
    ],
    "actor": [
        Field("id", Slug(), True, "unique id: lowercase letters, digits, underscores"),
        Field("name", Str(), True, "name as the source spells it"),
        Field("kind", Enum(ACTOR_KINDS), True, "person, state, party, organisation or group"),
        Field("aliases", ListOf(Str()), doc="other spellings and names"),
        Field(
            "member_of",
            ListOf(AnyOf((Slug(), Rec("membership")))),
            doc="actors it belongs to; the first one current at a date is where its ties project",
        ),
        Field(
            "projects",
            Bool(),
            doc="default true; false: at state level its ties stay its own (a faction acting against "
            "the state it belongs to)",
        ),
        Field("roles", ListOf(Rec("role")), doc="offices held"),
        Field("exists", Rec("span"), doc="life or existence; ties outside it are errors"),
        Field("note", Str(), doc="curator's note"),
    ],
    "membership": [
        Field("actor", Slug(), True, "id of the actor belonged to"),
        *SPAN,
    ],
    "role": [
        Field("title", Str(), True, "title of the office"),
        Field("of", Slug(), doc="id of the actor the office is in"),
        *SPAN,
        Field("cite", Rec("cite"), doc="where the source says so"),
    ],
    "span": SPAN,
    "tie": [
        Field("id", Slug(TIE_ID), doc="unique id; derived from source, target and date when absent"),
        Field("source", Slug(), True, "id of the actor that acts"),
        Field("target", Slug(), True, "id of the actor acted upon"),
        Field("date", Date(), doc="when the event happened (EDTF); or give start/end"),
        Field("start", Date(), doc="first day of a standing relation (EDTF)"),
        Field("end", Date(), doc="last day of a standing relation (EDTF; '..' open)"),
        Field(
            "reported",
            Date(),
            doc="an event known only from a report: the report's date; the event happened on or before it",
        ),
        Field("sign", Enum((1, -1)), True, "+1 cooperation, -1 hostility"),
        Field("weight", Number(exclusive_minimum=0), doc="strength, > 0; default 1"),
        Field("type", Enum(tuple(TIE_TYPES)), doc="type from the codebook"),
        Field("directed", Bool(), doc="default true; false for a symmetric relation"),
        Field("cite", Rec("cite"), doc="where the source says it"),
        Field("evidence", Str(), doc="paraphrase of what the source says"),
        Field("confidence", Enum(CONFIDENCE), doc="stated, hedged or alleged"),
        Field(
            "alternative",
            Slug(),
            doc="label shared by mutually exclusive readings of one act; each counts at weight / their count",
        ),
        Field("tags", ListOf(Slug(TIE_ID)), doc="free tags"),
    ],
    "cite": CITE,
}


def _record_schema(fields: list[Field]) -> dict[str, Any]:
    props = {}
    for f in fields:
        s = dict(f.type.schema())
        if f.doc:
            s["description"] = f.doc
        props[f.name] = s
    out: dict[str, Any] = {"type": "object", "properties": props, "additionalProperties": False}
    required = [f.name for f in fields if f.required]
    if required:
        out["required"] = required
    return out


def json_schema() -> dict[str, Any]:
    """The draft-07 JSON Schema of format v1, generated from :data:`RECORDS`."""
    definitions = {name: _record_schema(fields) for name, fields in RECORDS.items() if name != "dataset"}
    one = r"([0-9]{2}XX|[0-9]{3}X|[0-9]{4})(-(0[1-9]|1[0-2]|XX)(-(0[1-9]|[12][0-9]|3[01]|XX))?)?[?~%]?"
    definitions["edtf"] = {
        "type": "string",
        "description": (
            "EDTF date (network/dataset/edtf.py): YYYY, YYYY-MM or YYYY-MM-DD, X for unspecified digits on "
            "the right, then ?, ~ or %; intervals A/B; '..' open"
        ),
        "pattern": rf"^(\.\.|{one}|({one}|\.\.)/({one}|\.\.))$",
        "not": {"pattern": "\n"},
    }
    tie = definitions["tie"]
    tie["not"] = {"required": ["date", "start"]}
    tie["anyOf"] = [{"required": ["date"]}, {"required": ["start"]}]
    schema = {
        "$schema": "http://json-schema.org/draft-07/schema#",
        "$id": SCHEMA_ID,
        "title": "entente dataset, format v1",
        **_record_schema(RECORDS["dataset"]),
        "definitions": definitions,
    }
    return schema


def _type_name(t: Type) -> str:
    if isinstance(t, ListOf):
        return "list of " + _type_name(t.item)
    if isinstance(t, Rec):
        return f"[{t.name}](#{t.name})"
    if isinstance(t, AnyOf):
        return " or ".join(_type_name(o) for o in t.options)
    return t.label


def field_tables() -> str:
    """The data dictionary's field tables in Markdown, generated from :data:`RECORDS`.

    ``docs/format.md`` embeds this text; a test keeps the two identical.

    >>> field_tables().splitlines()[0]
    '### dataset'
    """
    out = []
    for name, fields in RECORDS.items():
        out.append(f"### {name}\n\n| field | type | required | meaning |\n|---|---|---|---|")
        out.extend(
            f"| `{f.name}` | {_type_name(f.type)} | {'yes' if f.required else ''} | {f.doc} |" for f in fields
        )
        out.append("")
    return "\n".join(out)
