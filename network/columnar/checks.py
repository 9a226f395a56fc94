"""Validate a tie table relationally: the engine finds the rows that break a rule, the rule book says why.

Every rule of format v1 that one row can break is written as a predicate over the row's cells
(``docs/format.md``): required columns, unknown columns, ids, references to actors and sources,
sign, weight, codebook type, confidence, booleans, lists of tags, EDTF dates (parsed once per
distinct text, :mod:`network.columnar.dates`), dates against each other and against the actors'
existence, and the strict policy. The engine evaluates them over all rows at once and returns
only the rows that fail one; those few (at most :data:`~network.dataset.problems.MAX_PROBLEMS` problems
are reported) are then explained by the same code that checks every other form
(:class:`network.dataset.check_fields.Converter` and :mod:`network.dataset.validate`), so the
messages, the hints and
the places (``FILE:ROW:COLUMN``) are the ones the plain path gives. The rules between rows,
duplicate ids and alternatives, are group-bys whose few hits are worded here.

Examples
--------
>>> full("^[a-z]$")
'^(?:[a-z])$'
"""

from __future__ import annotations

import csv
import io
from array import array
from typing import Any

from network.columnar.dates import DATE_COLUMNS, OPEN_END_DAY, OPEN_START_DAY, parsed_dates
from network.columnar.engine import ident, in_list, quote
from network.columnar.source import RawTies
from network.dataset.check_fields import Converter
from network.dataset.csv_form import _Table, columns
from network.dataset.model import Dataset
from network.dataset.problems import MAX_PROBLEMS, Problem
from network.dataset.spec import ACTOR_ID, TIE_ID, ListOf, Rec
from network.dataset.validate import _Builder
from network.dataset.vocabulary import CONFIDENCE, TIE_TYPES

__all__ = [
    "full",
    "actor_codes",
    "cells_sql",
    "checked_sql",
    "rules_sql",
    "dates_table",
    "explain",
    "duplicates",
]

_INT = r"^[-+]?[0-9]+$"
_FLOAT = r"^[-+]?([0-9]+\.[0-9]*|\.[0-9]+|[0-9]+)([eE][-+]?[0-9]+)?$"
#: What Python's str.isspace() calls space (RE2's \s is ASCII only).
_SPACE = r"^[\s\x{0b}\x{1c}-\x{1f}\x{85}\p{Z}]+$"
_TAGS = r"^\s*[a-z0-9][a-z0-9_.-]*\s*(\|\s*[a-z0-9][a-z0-9_.-]*\s*)*$"
_BOOLS = ("true", "True", "TRUE", "false", "False", "FALSE")
#: The most rows explained in Python: past the cap of problems, more rows would not be reported.
ROWS = 4 * MAX_PROBLEMS


def full(pattern: str) -> str:
    """``pattern`` (a spec's ``^...$`` id pattern) anchored to match the whole cell."""
    return "^(?:" + pattern.strip("^$") + ")$"


def cells_sql(raw: RawTies) -> str:
    """The tie table's cells: empty cells as null, rows of empty cells left out (no record,
    ``docs/tabular.md``), every column of format v1 present (null where the file has none), ``line``."""
    names = raw.names
    cells = [f"NULLIF({ident(n)}, '') AS {ident(n)}" for n in names]
    absent = [f"CAST(NULL AS VARCHAR) AS {ident(n)}" for n in columns("tie") if n not in names]
    where = " OR ".join(f"NULLIF({ident(n)}, '') IS NOT NULL" for n in names) or "TRUE"
    return (
        f"SELECT {', '.join([*cells, *absent, f'{raw.line} AS line'])} FROM {ident(raw.table)} WHERE {where}"
    )


def dates_table(engine: Any, cells: str, names: list[str]) -> tuple[dict[str, tuple[str, list[Any]]], bool]:
    """The distinct date texts of the table, parsed (a small :data:`~network.columnar.engine.Columns`),
    and whether some row has no id; one pass (a group-by on the date columns: their few combinations)."""
    present = [c for c in DATE_COLUMNS if c in names]
    no_id = "count(*) FILTER (WHERE id IS NULL) AS no_id"
    texts: set[str] = set()
    if present:
        cols = ", ".join(ident(c) for c in present)
        found = engine.query(f"SELECT {cols}, {no_id} FROM {ident(cells)} GROUP BY {cols}")
        for c in present:
            texts.update(t for t in found.column(c).to_pylist() if t is not None)
        missing = sum(found.column("no_id").to_pylist()) > 0
    else:
        missing = engine.scalar(f"SELECT {no_id} FROM {ident(cells)}") > 0
    types = {"text": "VARCHAR", "ok": "BOOLEAN", "open_start": "BOOLEAN", "open_end": "BOOLEAN"}
    return {k: (types.get(k, "BIGINT"), v) for k, v in parsed_dates(sorted(texts)).items()}, missing


def actor_codes(frame: Dataset) -> list[str]:
    """The actors' ids in sorted order: an actor's code in the typed tie table is its position.

    Codes sort as the ids do (DuckDB compares text by its UTF-8 bytes, Python by code points:
    the same order), so the ends of an edge, ``least`` and ``greatest``, are the same either way;
    joins and group-bys on the ends compare integers, not text.

    >>> from network import load
    >>> actor_codes(load("tests/data/mini.yaml"))[:3]
    ['albania', 'china', 'hoxha']
    """
    return sorted(frame.actors)


def actors_table(frame: Dataset) -> dict[str, tuple[str, list[Any]]]:
    """The actors' ids, codes (:func:`actor_codes`) and the first and last day of their existence
    (null where open)."""
    ids = actor_codes(frame)
    actors = [frame.actors[i] for i in ids]
    lo = [a.exists.lower.toordinal() if a.exists else None for a in actors]
    hi = [a.exists.upper.toordinal() if a.exists else None for a in actors]
    return {
        "id": ("VARCHAR", ids),
        "code": ("INTEGER", list(range(len(ids)))),
        "lo": ("BIGINT", lo),
        "hi": ("BIGINT", hi),
    }


def checked_sql(cells: str, names: list[str], dates: str, actors: str) -> str:
    """The cells with each date column's parsed bounds (``<column>_ok``, ``<column>_lower``, ...),
    the tie's bounds (``is_event``, ``lower``, ``upper``, as :class:`~network.dataset.model.Tie`
    has them), and whether each end is an actor, with its existence and code (``source_known``,
    ``source_lo``, ``source_hi``, ``source_code``...)."""
    select = ["c.*"]
    joins = []
    for col in DATE_COLUMNS:
        if col in names:
            d = f"d_{col}"
            joins.append(f"LEFT JOIN {ident(dates)} {d} ON c.{ident(col)} = {d}.text")
            select.append(f"COALESCE({d}.ok, TRUE) AS {col}_ok")
            select += [f"{d}.{k} AS {col}_{k}" for k in ("lower", "upper", "mid", "open_start", "open_end")]
        else:
            select.append(f"TRUE AS {col}_ok")
            select += [f"CAST(NULL AS BIGINT) AS {col}_{k}" for k in ("lower", "upper", "mid")]
            select += [f"CAST(NULL AS BOOLEAN) AS {col}_{k}" for k in ("open_start", "open_end")]
    for end in ("source", "target"):
        if end in names:
            a = f"a_{end}"
            joins.append(f"LEFT JOIN {ident(actors)} {a} ON c.{end} = {a}.id")
            select += [f"{a}.id IS NOT NULL AS {end}_known", f"{a}.lo AS {end}_lo", f"{a}.hi AS {end}_hi"]
            select.append(f"{a}.code AS {end}_code")
        else:
            select += [f"FALSE AS {end}_known", f"CAST(NULL AS BIGINT) AS {end}_lo"]
            select += [f"CAST(NULL AS BIGINT) AS {end}_hi", f"CAST(NULL AS INTEGER) AS {end}_code"]
    inner = f"SELECT {', '.join(select)} FROM {ident(cells)} c {' '.join(joins)}"
    event_upper = (
        "CASE WHEN reported_upper IS NOT NULL AND reported_upper < date_upper THEN reported_upper "
        "ELSE date_upper END"
    )
    return (
        f"SELECT *, date IS NOT NULL AS is_event, "
        "CASE WHEN date IS NOT NULL THEN date_lower "
        f"ELSE COALESCE(start_lower, {OPEN_START_DAY}) END AS lower, "
        f"CASE WHEN date IS NOT NULL THEN {event_upper} "
        f"ELSE COALESCE(end_upper, {OPEN_END_DAY}) END AS upper "
        f"FROM ({inner})"
    )


def rules_sql(names: list[str], frame: Dataset, strict: bool) -> str:
    """True where a row of :func:`checked_sql` breaks no rule of one row."""

    def matches(x: str, pattern: str) -> str:
        return f"regexp_matches({x}, {quote(pattern)})"

    def text_ok(x: str) -> str:
        return f"{x} IS NULL OR NOT {matches(x, _SPACE)}"

    def slug_ok(x: str, pattern: str = ACTOR_ID) -> str:
        return f"{x} IS NULL OR {matches(x, full(pattern))}"

    def int_ok(x: str, minimum: int) -> str:
        return (
            f"{x} IS NULL OR ({matches(x, _INT)} AND COALESCE(TRY_CAST({x} AS BIGINT) >= {minimum}, FALSE))"
        )

    known = columns("tie")
    rules = [f"{ident(n)} IS NULL" for n in names if n not in known]  # an unknown column, filled
    rules += [f"{n} IS NOT NULL" for n in ("source", "target", "sign")]
    # (an end that is no actor id fails the reference rule below, which also catches a malformed one)
    rules += [slug_ok("id", TIE_ID), slug_ok("alternative")]
    rules += [slug_ok("cite_source"), int_ok("cite_note", 1), int_ok("cite_page", 1)]
    rules += [text_ok(n) for n in ("cite_primary", "evidence")]
    rules.append(f"sign IS NULL OR {matches('sign', r'^[-+]?0*1$')}")
    w = "TRY_CAST(weight AS DOUBLE)"
    rules.append(
        f"weight IS NULL OR ({matches('weight', _FLOAT)} AND COALESCE({w} > 0, FALSE) "
        f"AND NOT COALESCE(isinf({w}), TRUE))"
    )
    rules.append(f"type IS NULL OR type IN {in_list(TIE_TYPES)}")
    rules.append(f"confidence IS NULL OR confidence IN {in_list(CONFIDENCE)}")
    rules.append(f"directed IS NULL OR directed IN {in_list(_BOOLS)}")
    rules.append(f"tags IS NULL OR {matches('tags', _TAGS)}")
    rules += [f"{d}_ok" for d in DATE_COLUMNS]
    # references and the dates against each other (network.dataset.validate, _Builder.tie)
    rules.append("source IS NULL OR source_known")
    rules.append("target IS NULL OR target_known")
    rules.append("COALESCE(source != target, TRUE)")
    rules.append('NOT (date IS NOT NULL AND (start IS NOT NULL OR "end" IS NOT NULL))')
    rules.append("date IS NOT NULL OR start IS NOT NULL")
    rules.append("NOT COALESCE(date = '..', FALSE)")
    rules.append("reported IS NULL OR date IS NOT NULL")
    rules.append("NOT COALESCE(reported IS NOT NULL AND date != '..' AND reported_upper < date_lower, FALSE)")
    both = "start IS NOT NULL AND \"end\" IS NOT NULL AND start != '..' AND \"end\" != '..'"
    rules.append(f"NOT COALESCE({both} AND end_upper < start_lower, FALSE)")
    for end in ("source", "target"):
        rules.append(f"NOT COALESCE(upper < {end}_lo OR lower > {end}_hi, FALSE)")
    if frame.sources:
        rules.append(f"cite_source IS NULL OR cite_source IN {in_list(s.id for s in frame.sources)}")
    if strict:
        cited = " OR ".join(
            f"{n} IS NOT NULL" for n in ("cite_source", "cite_note", "cite_page", "cite_primary")
        )
        rules += ["type IS NOT NULL", f"({cited})", "evidence IS NOT NULL"]
        rules.append(f"NOT ({cited}) OR (cite_page IS NOT NULL AND cite_source IS NOT NULL)")
        positive = [name for name, tt in TIE_TYPES.items() if tt.sign > 0]
        usual = f"CASE WHEN type IN {in_list(positive)} THEN 1 ELSE -1 END"
        rules.append(
            f"type IS NULL OR TRY_CAST(sign AS BIGINT) IS NULL OR {usual} = TRY_CAST(sign AS BIGINT)"
        )
    return " AND ".join(f"COALESCE(({r}), TRUE)" for r in rules)


def explain(raw: RawTies, rows: list[dict[str, Any]], frame: Dataset, strict: bool) -> list[Problem]:
    """The problems of the failing ``rows`` (cells and ``line``), by the plain path's own checks."""
    names = raw.names
    text = io.StringIO()
    writer = csv.writer(text, lineterminator="\n")
    writer.writerow(names)
    for row in rows:
        writer.writerow(["" if row[n] is None else row[n] for n in names])
    table = _Table(raw.path, text.getvalue(), "tie")
    table.lines = array("q", [row["line"] for row in rows])
    seq = table.records()
    if table.problems:  # a cell that cannot be read (a list cell of bad JSON): the plain reader stops there
        return table.problems
    converter = Converter(raw.path)
    records = converter.convert(seq, ListOf(Rec("tie")), "ties")
    builder = _Builder(raw.path, strict)
    sources = {s.id: s for s in frame.sources}
    for rec in records:
        if len(converter.problems) + len(builder.problems) >= MAX_PROBLEMS:
            break
        builder.tie(rec, frame.actors, {}, sources, {})
    return table.problems + converter.problems + builder.problems


def duplicates(engine: Any, raw: RawTies, ties: str) -> list[Problem]:
    """A tie id given twice: each later row, pointing at the first (by line). ``ties`` holds ``id``,
    ``line`` and ``id_derived`` (the row gave no id)."""
    if "id" not in raw.names:
        return []
    given = f"(SELECT id, line FROM {ident(ties)} WHERE NOT id_derived)"
    # grouped first by the ids' 64-bit hashes (a table of integers, not of strings, over every
    # row), then by id among the few rows whose hash is repeated
    found = engine.query(
        f"WITH h AS (SELECT hash(id) AS h FROM {given} GROUP BY h HAVING count(*) > 1), "
        f"c AS (SELECT id, line FROM {given} WHERE hash(id) IN (SELECT h FROM h)), "
        "d AS (SELECT id, min(line) AS first FROM c GROUP BY id HAVING count(*) > 1) "
        "SELECT c.id, c.line, d.first FROM c JOIN d ON c.id = d.id "
        f"WHERE c.line != d.first ORDER BY c.line LIMIT {MAX_PROBLEMS}"
    )
    column = raw.names.index("id") + 1
    out = []
    for tie_id, line, first_line in rows_of(found, ("id", "line", "first")):
        message = f"duplicate tie id {tie_id!r} (first at line {first_line})"
        out.append(Problem(raw.path, line, column, message, "give each tie its own id"))
    return out


def rows_of(table: Any, cols: tuple[str, ...]) -> list[tuple[Any, ...]]:
    """The rows of a PyArrow table, as tuples of ``cols``."""
    return list(zip(*(table.column(c).to_pylist() for c in cols), strict=True))
