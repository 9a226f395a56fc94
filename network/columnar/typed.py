"""The checked tie table in the types the aggregation reads: ids (derived where absent), sign, weight, days.

Mirrors what :class:`network.dataset.model.Tie` holds and :mod:`network.dataset.validate` derives: a tie with
no id gets ``source-target-when`` (``/`` as ``_``, qualifiers dropped), with ``-2``, ``-3``...
for the second and later tie of one such id; its weight defaults to 1 and its confidence to
``stated``; ``lower`` and ``upper`` bound its days and ``day`` is the day it is projected at
(an event's midpoint; a standing tie's middle, its known end if the other is open). The ends are
actor codes (:func:`~network.columnar.checks.actor_codes`), integers that sort as the ids do.
Ties sharing an ``alternative`` label are checked here (at least two, of one weight).
"""

from __future__ import annotations

from typing import Any

from network.columnar.checks import ROWS, checked_sql, duplicates, explain, rows_of, rules_sql
from network.columnar.engine import fresh, ident
from network.columnar.source import RawTies
from network.dataset.model import Dataset
from network.dataset.problems import Problem

__all__ = ["typed_ties", "TIE_COLUMNS"]

#: The columns of the typed tie table.
TIE_COLUMNS = (
    "id",
    "source_code",
    "target_code",
    "sign",
    "weight",
    "is_event",
    "lower",
    "upper",
    "day",
    "confidence",
    "type",
    "alternative",
    "line",
)

_BASE = (
    "replace(replace(replace(replace(source || '-' || target || '-' || "
    "CASE WHEN date IS NOT NULL THEN date ELSE start END, '/', '_'), '~', ''), '?', ''), '%', '')"
)


def _typed_sql(checked: str, derive: bool, ok: str) -> str:
    """The typed columns of each row of :func:`~network.columnar.checks.checked_sql`, and ``_bad``:
    whether the row breaks a rule of one row (``ok`` false)."""
    if derive:
        n = "row_number() OVER (PARTITION BY _base ORDER BY line)"
        derived = f"CASE WHEN {n} = 1 THEN _base ELSE _base || '-' || CAST({n} AS VARCHAR) END"
        tie_id = f"CASE WHEN id IS NOT NULL THEN id ELSE {derived} END"
        source = f"(SELECT *, {_BASE} AS _base FROM ({checked}))"
    else:
        tie_id, source = "id", f"({checked})"
    base = ", _base" if derive else ""
    # the day a tie is projected at (network.timeline.snapshots._own_day)
    start_known = "(start IS NOT NULL AND start != '..' AND NOT COALESCE(start_open_start, FALSE))"
    end_known = '("end" IS NOT NULL AND "end" != \'..\' AND NOT COALESCE(end_open_end, FALSE))'
    lo = f"CASE WHEN {start_known} THEN lower ELSE upper END"
    up = f"CASE WHEN {end_known} THEN upper ELSE {lo} END"
    standing_day = f"(least({lo}, {up}) + {up}) // 2"
    return (
        f"SELECT {tie_id} AS id, source_code, target_code, TRY_CAST(sign AS INTEGER) AS sign, "
        "COALESCE(TRY_CAST(weight AS DOUBLE), 1.0) AS weight, is_event, "
        "CAST(lower AS INTEGER) AS lower, CAST(upper AS INTEGER) AS upper, "
        f"CAST(CASE WHEN is_event THEN date_mid ELSE {standing_day} END AS INTEGER) AS day, "
        "COALESCE(confidence, 'stated') AS confidence, type, alternative, line, "
        "weight IS NOT NULL AS weight_given, id IS NULL AS id_derived, "
        f"NOT ({ok}) AS _bad{base} FROM {source}"
    )


def _sequential_ids(engine: Any, ties: str) -> None:
    """The derived ids the plain path gives, one by one: only when a derived id meets a given one."""

    found = engine.query(f"SELECT line, id, id_derived, _base FROM {ident(ties)} ORDER BY line")
    seen_so_far: set[str] = set()
    lines, ids = [], []
    for line, given, derived, base in rows_of(found, ("line", "id", "id_derived", "_base")):
        if not derived:
            tie_id = given
        else:
            tie_id, n = base, 2
            while tie_id in seen_so_far:
                tie_id, n = f"{base}-{n}", n + 1
        seen_so_far.add(tie_id)
        lines.append(line)
        ids.append(tie_id)
    fixed = fresh("ids")
    engine.register(fixed, {"_line": ("BIGINT", lines), "_id": ("VARCHAR", ids)})
    engine.execute(
        f"UPDATE {ident(ties)} SET id = f._id FROM {ident(fixed)} f WHERE {ident(ties)}.line = f._line"
    )
    engine.unregister(fixed)


def _alternatives(engine: Any, path: str, ties: str, names: list[str]) -> list[Problem]:
    """Alternatives with one tie, or of differing weights (network.dataset.validate's check_alternatives)."""
    if "alternative" not in names:
        return []
    alt = (
        "SELECT *, count(line) OVER (PARTITION BY alternative) AS n, "
        "first(weight ORDER BY line) OVER (PARTITION BY alternative) AS first_weight, "
        "first(id ORDER BY line) OVER (PARTITION BY alternative) AS first_id, "
        "min(line) OVER (PARTITION BY alternative) AS first_line "
        f"FROM {ident(ties)} WHERE alternative IS NOT NULL"
    )
    found = engine.query(
        f"SELECT * FROM ({alt}) WHERE n = 1 OR (weight != first_weight AND line != first_line) ORDER BY line"
    )
    out = []
    column = names.index("alternative") + 1
    wcol = names.index("weight") + 1 if "weight" in names else 1
    cols = ("alternative", "line", "n", "weight", "first_weight", "first_id", "weight_given")
    rows = rows_of(found, cols)
    for label, line, n, *_ in rows:
        if n == 1:
            out.append(
                Problem(
                    path,
                    line,
                    column,
                    f"alternative {label!r} has only one tie",
                    "give the other reading the same 'alternative' label, or remove the label",
                )
            )
    for label, line, n, weight, first_weight, first_id, given in rows:
        if n != 1:
            out.append(
                Problem(
                    path,
                    line,
                    wcol if given else 1,
                    f"alternative {label!r}: weight {weight:g} differs from {first_weight:g} of {first_id!r}",
                    "alternatives share one weight: give them all the same weight",
                )
            )
    return out


def typed_ties(
    engine: Any,
    raw: RawTies,
    cells: str,
    dates: str,
    actors: str,
    frame: Dataset,
    strict: bool,
    derive: bool = True,
) -> tuple[str | None, list[Problem]]:
    """The typed tie table (:data:`TIE_COLUMNS`), made in one pass over the cells with every rule of
    one row checked on the way; or None and the problems (rows explained by the plain path's code,
    repeated ids, alternatives). ``derive``: some row has no id (its id is derived)."""
    names = raw.names
    checked = checked_sql(cells, names, dates, actors)
    ties = engine.table(fresh("ties"), _typed_sql(checked, derive, rules_sql(names, frame, strict)))
    bad = engine.query(f"SELECT line FROM {ident(ties)} WHERE _bad ORDER BY line LIMIT {ROWS}").column(0)
    problems = []
    if len(bad):
        lines = ", ".join(str(n) for n in bad.to_pylist())
        rows = engine.query(f"SELECT * FROM {ident(cells)} WHERE line IN ({lines}) ORDER BY line").to_pylist()
        problems = explain(raw, rows, frame, strict)
    problems += duplicates(engine, raw, ties)
    if problems:
        engine.drop(ties)
        return None, problems
    if derive and "id" in names:
        # a derived id that meets a given one (or another derived one) needs the one-by-one rule
        clash = engine.scalar(
            f"SELECT count(*) FROM (SELECT id FROM {ident(ties)} GROUP BY id HAVING count(*) > 1)"
        )
        if clash:
            _sequential_ids(engine, ties)
    problems = _alternatives(engine, raw.path, ties, names)
    return ties, problems
