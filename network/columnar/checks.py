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

from network.columnar.dates import DATE_COLUMNS, parsed_dates
from network.columnar.engine import drop, materialize
from network.columnar.source import RawTies
from network.dataset.check_fields import Converter
from network.dataset.csv_form import _Table, columns
from network.dataset.model import Dataset
from network.dataset.problems import MAX_PROBLEMS, Problem
from network.dataset.spec import ACTOR_ID, TIE_ID, ListOf, Rec
from network.dataset.validate import _Builder
from network.dataset.vocabulary import CONFIDENCE, TIE_TYPES

__all__ = ["full", "check_ties", "Checked"]

_INT = r"^[-+]?[0-9]+$"
_FLOAT = r"^[-+]?([0-9]+\.[0-9]*|\.[0-9]+|[0-9]+)([eE][-+]?[0-9]+)?$"
#: What Python's str.isspace() calls space (RE2's \s is ASCII only).
_SPACE = r"^[\s\x{0b}\x{1c}-\x{1f}\x{85}\p{Z}]+$"
_TAGS = r"^\s*[a-z0-9][a-z0-9_.-]*\s*(\|\s*[a-z0-9][a-z0-9_.-]*\s*)*$"
_BOOLS = ("true", "True", "TRUE", "false", "False", "FALSE")
#: The most rows explained in Python: past the cap of problems, more rows would not be reported.
_ROWS = 4 * MAX_PROBLEMS


def full(pattern: str) -> str:
    """``pattern`` (a spec's ``^...$`` id pattern) anchored to match the whole cell."""
    return "^(?:" + pattern.strip("^$") + ")$"


class Checked:
    """The outcome of the checks: the table with typed dates joined (``table``), and the problems."""

    def __init__(self, table: Any, problems: list[Problem], names: list[str]):
        self.table = table
        self.problems = problems
        self.names = names


def _cell(t: Any, names: list[str], column: str) -> Any:
    """The column of the tie table's cells (a column absent from the file is all null)."""
    return t[column]


def _dates_table(con: Any, t: Any, names: list[str]) -> Any:
    """The distinct date texts of the table, parsed (one small table)."""
    import ibis
    import pyarrow as pa

    parts = [t.select(text=t[c]).filter(lambda s: s.text.notnull()) for c in DATE_COLUMNS if c in names]
    texts: list[str] = []
    if parts:
        u = parts[0] if len(parts) == 1 else ibis.union(*parts, distinct=True)
        texts = sorted(set(u.distinct().to_pyarrow().column("text").to_pylist()))
    cols = parsed_dates(texts)
    schema = pa.schema(
        [
            ("text", pa.string()),
            ("ok", pa.bool_()),
            ("lower", pa.int64()),
            ("upper", pa.int64()),
            ("mid", pa.int64()),
            ("open_start", pa.bool_()),
            ("open_end", pa.bool_()),
        ]
    )
    return pa.table(cols, schema=schema)


def _with_dates(t: Any, names: list[str], dates: Any) -> Any:
    """Join each date column's parsed bounds, as ``<column>_ok``, ``<column>_lower``, ..."""
    import ibis

    for c in DATE_COLUMNS:
        if c not in names:
            t = t.mutate(
                **{
                    f"{c}_ok": ibis.literal(True),
                    f"{c}_lower": ibis.literal(None, type="int64"),
                    f"{c}_upper": ibis.literal(None, type="int64"),
                    f"{c}_mid": ibis.literal(None, type="int64"),
                    f"{c}_open_start": ibis.literal(None, type="boolean"),
                    f"{c}_open_end": ibis.literal(None, type="boolean"),
                }
            )
            continue
        d = ibis.memtable(
            dates.rename_columns([f"{c}_{n}" if n != "text" else f"{c}__text" for n in dates.column_names])
        )
        t = t.left_join(d, t[c] == d[f"{c}__text"]).drop(f"{c}__text")
        t = t.mutate(**{f"{c}_ok": t[f"{c}_ok"].fill_null(True)})
    return t


def _row_rules(t: Any, names: list[str], frame: Dataset, strict: bool) -> Any:
    """True where a row breaks no rule of one row (after :func:`_with_dates` and the actor joins)."""
    import ibis

    def c(name: str) -> Any:
        return _cell(t, names, name)

    def text_ok(x: Any) -> Any:
        return x.isnull() | ~x.re_search(_SPACE)

    def slug_ok(x: Any, pattern: str = ACTOR_ID) -> Any:
        return x.isnull() | x.re_search(full(pattern))

    def int_ok(x: Any, minimum: int) -> Any:
        return x.isnull() | (x.re_search(_INT) & (x.try_cast("int64") >= minimum).fill_null(False))

    known = columns("tie")
    rules = [~t[n].notnull() for n in names if n not in known]  # an unknown column, filled
    rules += [c(n).notnull() for n in ("source", "target", "sign")]
    rules += [slug_ok(c("id"), TIE_ID), slug_ok(c("source")), slug_ok(c("target")), slug_ok(c("alternative"))]
    rules += [slug_ok(c("cite_source")), int_ok(c("cite_note"), 1), int_ok(c("cite_page"), 1)]
    rules += [text_ok(c(n)) for n in ("cite_primary", "evidence")]
    rules.append(c("sign").isnull() | c("sign").re_search(r"^[-+]?0*1$"))
    weight = c("weight")
    w = weight.try_cast("float64")
    rules.append(
        weight.isnull() | (weight.re_search(_FLOAT) & (w > 0).fill_null(False) & ~w.isinf().fill_null(True))
    )
    rules.append(c("type").isnull() | c("type").isin(list(TIE_TYPES)))
    rules.append(c("confidence").isnull() | c("confidence").isin(list(CONFIDENCE)))
    rules.append(c("directed").isnull() | c("directed").isin(list(_BOOLS)))
    rules.append(c("tags").isnull() | c("tags").re_search(_TAGS))
    rules += [t[f"{d}_ok"] for d in DATE_COLUMNS]
    # references and the dates against each other (network.dataset.validate, _Builder.tie)
    has_date, has_start, has_end = c("date").notnull(), c("start").notnull(), c("end").notnull()
    rules.append(c("source").isnull() | t.source_known)
    rules.append(c("target").isnull() | t.target_known)
    rules.append((c("source") != c("target")).fill_null(True))
    rules.append(~(has_date & (has_start | has_end)))
    rules.append(has_date | has_start)
    rules.append(~(c("date") == "..").fill_null(False))
    reported = c("reported").notnull()
    rules.append(~reported | has_date)
    rules.append(~(reported & (c("date") != "..") & (t.reported_upper < t.date_lower)).fill_null(False))
    both = has_start & has_end & (c("start") != "..") & (c("end") != "..")
    rules.append(~(both & (t.end_upper < t.start_lower)).fill_null(False))
    for end in ("source", "target"):
        outside = (t.upper < t[f"{end}_exists_lower"]) | (t.lower > t[f"{end}_exists_upper"])
        rules.append(~outside.fill_null(False))
    if frame.sources:
        rules.append(c("cite_source").isnull() | c("cite_source").isin([s.id for s in frame.sources]))
    if strict:
        cited = ibis.or_(*[c(n).notnull() for n in ("cite_source", "cite_note", "cite_page", "cite_primary")])
        rules += [c("type").notnull(), cited, c("evidence").notnull()]
        rules.append(~cited | (c("cite_page").notnull() & c("cite_source").notnull()))
        signs = {name: tt.sign for name, tt in TIE_TYPES.items()}
        positive = [name for name, s in signs.items() if s > 0]
        usual = c("type").isin(positive).ifelse(1, -1)
        given = c("sign").try_cast("int64")
        rules.append(c("type").isnull() | given.isnull() | (usual == given))
    return ibis.and_(*[r.fill_null(True) if hasattr(r, "fill_null") else r for r in rules])


def _bounds(t: Any, names: list[str]) -> Any:
    """The first and last day a tie may cover (``lower``, ``upper``).

    As :class:`~network.dataset.model.Tie` does.
    """
    import ibis

    from network.columnar.dates import OPEN_END_DAY, OPEN_START_DAY

    has_date = _cell(t, names, "date").notnull()
    reported = t.reported_upper
    event_upper = ibis.ifelse(reported.notnull() & (reported < t.date_upper), reported, t.date_upper)
    return t.mutate(
        is_event=has_date,
        lower=ibis.ifelse(has_date, t.date_lower, t.start_lower.fill_null(OPEN_START_DAY)),
        upper=ibis.ifelse(has_date, event_upper, t.end_upper.fill_null(OPEN_END_DAY)),
    )


def _with_actors(t: Any, names: list[str], frame: Dataset) -> Any:
    """Whether source and target are actors, and their existence bounds."""
    import ibis
    import pyarrow as pa

    ids = list(frame.actors)
    lo = [a.exists.lower.toordinal() if a.exists else None for a in frame.actors.values()]
    hi = [a.exists.upper.toordinal() if a.exists else None for a in frame.actors.values()]
    base = pa.table(
        {"id": pa.array(ids, pa.string()), "lo": pa.array(lo, pa.int64()), "hi": pa.array(hi, pa.int64())}
    )
    for end in ("source", "target"):
        a = ibis.memtable(base.rename_columns([f"{end}__id", f"{end}_exists_lower", f"{end}_exists_upper"]))
        col = _cell(t, names, end)
        if end not in names:
            t = t.mutate(
                **{
                    f"{end}_known": ibis.literal(False),
                    f"{end}_exists_lower": ibis.literal(None, type="int64"),
                    f"{end}_exists_upper": ibis.literal(None, type="int64"),
                }
            )
            continue
        t = t.left_join(a, col == a[f"{end}__id"])
        t = t.mutate(**{f"{end}_known": t[f"{end}__id"].notnull()}).drop(f"{end}__id")
    return t


def _explain(raw: RawTies, rows: list[dict[str, Any]], frame: Dataset, strict: bool) -> list[Problem]:
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


def _duplicates(raw: RawTies, t: Any) -> list[Problem]:
    """A tie id given twice: each later row, pointing at the first (by line)."""
    import ibis

    if "id" not in raw.names:
        return []
    given = t.filter(t.id.notnull())
    first = given.line.min().over(ibis.window(group_by=given.id))
    many = given.mutate(first=first).filter(lambda s: s.line != s.first).order_by("line").limit(MAX_PROBLEMS)
    column = raw.names.index("id") + 1
    out = []
    for tie_id, line, first_line in _rows(many, ("id", "line", "first")):
        message = f"duplicate tie id {tie_id!r} (first at line {first_line})"
        out.append(Problem(raw.path, line, column, message, "give each tie its own id"))
    return out


def _rows(expr: Any, cols: tuple[str, ...]) -> list[tuple[Any, ...]]:
    table = expr.select(*cols).to_pyarrow()
    return list(zip(*(table.column(c).to_pylist() for c in cols), strict=True))


def check_ties(con: Any, raw: RawTies, frame: Dataset, strict: bool | None = None) -> Checked:
    """Check every row of ``raw`` against the rules of format v1; the problems as the plain path words them.

    ``strict`` None checks the strict policy where the dataset declares it (``policy: strict``).
    """
    import ibis

    names = raw.names
    if strict is None:
        strict = frame.policy == "strict"
    t = raw.table
    cells = [t[n].nullif("") for n in names]
    t = t.mutate(**{n: x for n, x in zip(names, cells, strict=True)})
    if names:  # a row of empty cells is no record (docs/tabular.md)
        t = t.filter(ibis.or_(*[t[n].notnull() for n in names]))
    absent = {n: ibis.literal(None, type="string") for n in columns("tie") if n not in names}
    t = cells = materialize(
        con, t.mutate(**absent)
    )  # each stage starts from a table: small queries to compile
    dates = _dates_table(con, t, names)
    t = _with_dates(t, names, dates)
    t = _bounds(t, names)
    t = materialize(con, _with_actors(t, names, frame))
    drop(con, cells)
    ok = _row_rules(t, names, frame, strict)
    bad = t.filter(~ok).order_by("line").limit(_ROWS).select(*names, "line").to_pyarrow().to_pylist()
    problems = _explain(raw, bad, frame, strict) if bad else []
    problems += _duplicates(raw, t)
    return Checked(t, problems, names)
