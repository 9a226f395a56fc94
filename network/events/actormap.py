"""The mapping file of an import (``--map FILE``): codes or names in event data -> actor ids.

Without one, an event's actors are states, found by country code or name in
:data:`network.events.countries.TABLE`. A mapping file says more, in YAML::

    ALBGOV: albania            # a GDELT actor code -> an actor id
    RUS: soviet_union          # a country code (or, for ICEWS, a country name) -> another id
    Xi Jinping: {actor: xi_jinping, name: Xi Jinping, kind: person}

or as CSV with the columns ``key,actor`` and, optionally, ``name,kind``. A
key is matched against, in order: the event's full actor code (GDELT
``Actor1Code``), its actor name (GDELT ``Actor1Name``, ICEWS ``Source
Name``), then its country's code and name (GDELT gives the code, ICEWS the
name; the table of countries gives the other); case and spacing aside. An
actor id the table of countries has (``soviet_union``) takes the country's name and
kind; so does a key that is a country; any other actor needs its ``kind``.
Every problem is reported at once, at its line and column.

Examples
--------
>>> import tempfile, pathlib
>>> p = pathlib.Path(tempfile.mkdtemp()) / "map.yaml"
>>> _ = p.write_text("ALBGOV: albania\\nRUS: soviet_union\\nXi Jinping: {actor: xi, kind: person}\\n")
>>> mapping, problems = read_mapping(p)
>>> problems, mapping.get("albgov")
([], MappedActor(id='albania', name='Albania', kind='state'))
>>> mapping.get("rus").name, mapping.get("XI JINPING")
('Soviet Union', MappedActor(id='xi', name='Xi Jinping', kind='person'))
"""

from __future__ import annotations

import csv
import io
import os
import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from network.dataset.problems import Problem, did_you_mean
from network.dataset.spec import ACTOR_ID
from network.dataset.vocabulary import ACTOR_KINDS
from network.dataset.yaml_nodes import read_text, read_yaml
from network.events.countries import TABLE, CountryTable

__all__ = ["MappedActor", "Mapping", "read_mapping", "key_of"]

_ID = re.compile(ACTOR_ID)
_FIELDS = ("actor", "name", "kind")


@dataclass(frozen=True, slots=True)
class MappedActor:
    """The actor an event's side is mapped to: id, name and kind."""

    id: str
    name: str
    kind: str


def key_of(text: str) -> str:
    """A key as matched: case folded, runs of white space as one space.

    >>> key_of("  Xi   JINPING ")
    'xi jinping'
    """
    return " ".join(text.split()).casefold()


class Mapping:
    """Keys (codes or names) -> :class:`MappedActor`; empty when no file is given."""

    def __init__(self, entries: dict[str, MappedActor] | None = None):
        self.entries = entries or {}

    def get(self, key: str) -> MappedActor | None:
        """The actor ``key`` maps to, or None."""
        return self.entries.get(key_of(key)) if key else None

    def __len__(self) -> int:
        return len(self.entries)


@dataclass(slots=True)
class _Entry:
    key: str
    actor: str | None
    name: str | None
    kind: str | None
    line: int
    column: int


def read_mapping(path: str | os.PathLike[str], table: CountryTable = TABLE) -> tuple[Mapping, list[Problem]]:
    """Read the mapping file at ``path`` (``.csv``: CSV; otherwise YAML); return it and every problem."""
    name = str(path)
    if Path(path).suffix.lower() == ".csv":
        entries, problems = _csv_entries(name)
    else:
        entries, problems = _yaml_entries(name)
    mapping, more = _resolve(name, entries, table)
    return mapping, problems + more


def _yaml_entries(name: str) -> tuple[list[_Entry], list[Problem]]:
    node, problems = read_yaml(name)
    if node is None:
        return [], problems
    if not isinstance(node, yaml.MappingNode):
        m = node.start_mark
        return [], [Problem(name, m.line + 1, m.column + 1, "a mapping file holds a mapping: KEY: actor_id")]
    entries: list[_Entry] = []
    for key_node, value in node.value:
        m = key_node.start_mark
        where = (m.line + 1, m.column + 1)
        if not isinstance(key_node, yaml.ScalarNode) or not key_node.value.strip():
            problems.append(Problem(name, *where, "a key must be a code or a name"))
            continue
        key = key_node.value
        if isinstance(value, yaml.ScalarNode):
            entries.append(_Entry(key, value.value, None, None, *where))
        elif isinstance(value, yaml.MappingNode):
            fields: dict[str, str] = {}
            for k, v in value.value:
                km = k.start_mark
                if k.value not in _FIELDS:
                    hint = did_you_mean(str(k.value), _FIELDS) or "the fields are actor, name and kind"
                    problems.append(
                        Problem(name, km.line + 1, km.column + 1, f"unknown field {k.value!r}", hint)
                    )
                elif k.value in fields:
                    problems.append(
                        Problem(name, km.line + 1, km.column + 1, f"field {k.value!r} given twice")
                    )
                elif not isinstance(v, yaml.ScalarNode):
                    problems.append(Problem(name, km.line + 1, km.column + 1, f"{k.value} must be text"))
                else:
                    fields[k.value] = v.value
            entries.append(_Entry(key, fields.get("actor"), fields.get("name"), fields.get("kind"), *where))
        else:
            problems.append(
                Problem(name, *where, f"{key!r} maps to a list", "give an actor id, or {actor, name, kind}")
            )
    return entries, problems


def _csv_entries(name: str) -> tuple[list[_Entry], list[Problem]]:
    text, problems = read_text(name)
    if text is None:
        return [], problems
    reader = csv.reader(io.StringIO(text, newline=""))
    header = [h.strip() for h in next(reader, [])]
    unknown = [h for h in header if h not in ("key", *_FIELDS)]
    for h in unknown:
        problems.append(
            Problem(
                name,
                1,
                header.index(h) + 1,
                f"unknown column {h!r}",
                "the columns are key, actor, name, kind",
            )
        )
    for needed in ("key", "actor"):
        if needed not in header:
            problems.append(
                Problem(name, 1, 0, f"no {needed!r} column", "the first row names key,actor[,name,kind]")
            )
    if problems:
        return [], problems
    entries = []
    line = reader.line_num + 1
    for row in reader:
        if any(cell.strip() for cell in row):
            if len(row) > len(header):
                problems.append(
                    Problem(name, line, len(header) + 1, f"row has {len(row)} cells, header {len(header)}")
                )
            cells = dict(zip(header, (c.strip() for c in row), strict=False))
            entries.append(
                _Entry(
                    cells.get("key", ""),
                    cells.get("actor") or None,
                    cells.get("name") or None,
                    cells.get("kind") or None,
                    line,
                    1,
                )
            )
        line = reader.line_num + 1
    return entries, problems


def _resolve(name: str, entries: list[_Entry], table: CountryTable) -> tuple[Mapping, list[Problem]]:
    problems: list[Problem] = []
    first: dict[str, int] = {}
    valid: list[_Entry] = []
    for e in entries:  # each entry by itself, in the file's order
        where = (e.line, e.column)
        key = key_of(e.key)
        if not key:
            problems.append(Problem(name, *where, "empty key", "give a code or a name"))
        elif key in first:
            problems.append(Problem(name, *where, f"key {e.key!r} given twice (first at line {first[key]})"))
        elif not e.actor:
            problems.append(Problem(name, *where, f"{e.key!r} maps to no actor", "give an actor id"))
        elif not _ID.fullmatch(e.actor):
            problems.append(
                Problem(name, *where, f"actor id {e.actor!r} is not an id", "lowercase letters, digits and _")
            )
        elif e.kind is not None and e.kind not in ACTOR_KINDS:
            hint = did_you_mean(e.kind, ACTOR_KINDS) or "one of " + ", ".join(ACTOR_KINDS)
            problems.append(Problem(name, *where, f"kind {e.kind!r} is not a kind", hint))
        else:
            valid.append(e)
        first.setdefault(key, e.line)
    by_actor = {c.actor: c for c in table.by_code.values()}
    defined: dict[str, tuple[MappedActor, int]] = {}
    out: dict[str, MappedActor] = {}
    # entries that say the actor's name or kind first, then the plain "KEY: id" ones, which take an
    # actor defined anywhere in the file, or a country's name and kind
    for e in sorted(valid, key=lambda e: (e.name is None and e.kind is None, e.line)):
        assert e.actor is not None
        where = (e.line, e.column)
        plain = e.name is None and e.kind is None
        if plain and e.actor in defined:
            out[key_of(e.key)] = defined[e.actor][0]
            continue
        country = by_actor.get(e.actor) or table.by_code.get(e.key.strip().upper()) or table.by_name(e.key)
        kind = e.kind or ("state" if country is not None else None)
        if kind is None:
            problems.append(
                Problem(
                    name,
                    *where,
                    f"actor {e.actor!r} is not a country: give its kind",
                    f"{{actor: {e.actor}, kind: person}} (or party, organisation, group, state)",
                )
            )
            continue
        actor = MappedActor(e.actor, e.name or (country.name if country is not None else e.key.strip()), kind)
        earlier = defined.get(actor.id)
        if earlier is not None and earlier[0] != actor:
            problems.append(
                Problem(
                    name,
                    *where,
                    f"actor {actor.id!r} is given as {actor.name!r} ({actor.kind}) here "
                    f"and as {earlier[0].name!r} ({earlier[0].kind}) at line {earlier[1]}",
                    "give one name and kind for an actor",
                )
            )
            continue
        defined.setdefault(actor.id, (actor, e.line))
        out[key_of(e.key)] = actor
    return Mapping(out), problems
