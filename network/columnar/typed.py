"""The checked tie table in the types the aggregation reads: ids (derived where absent), sign, weight, days.

Mirrors what :class:`network.dataset.model.Tie` holds and :mod:`network.dataset.validate` derives: a tie with
no id gets ``source-target-when`` (``/`` as ``_``, qualifiers dropped), with ``-2``, ``-3``...
for the second and later tie of one such id; its weight defaults to 1 and its confidence to
``stated``; ``lower`` and ``upper`` bound its days and ``day`` is the day it is projected at
(an event's midpoint; a standing tie's middle, its known end if the other is open).
Ties sharing an ``alternative`` label are checked here (at least two, of one weight).
"""

from __future__ import annotations

from typing import Any

from network.columnar.checks import Checked, _cell, _rows
from network.columnar.engine import drop, materialize
from network.dataset.problems import Problem

__all__ = ["typed_ties", "TIE_COLUMNS"]

#: The columns of the typed tie table.
TIE_COLUMNS = (
    "id",
    "source",
    "target",
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


def _derived_ids(t: Any, names: list[str]) -> Any:
    """``id`` filled in for the ties that have none, as :mod:`network.dataset.validate` derives it."""
    import ibis

    def c(name: str) -> Any:
        return _cell(t, names, name)

    when = ibis.ifelse(c("date").notnull(), c("date"), c("start"))
    base = (c("source") + "-" + c("target") + "-" + when).replace("/", "_")
    for q in ("~", "?", "%"):
        base = base.replace(q, "")
    t = t.mutate(_base=base)
    n = ibis.row_number().over(ibis.window(group_by=t._base, order_by=t.line)) + 1
    derived = ibis.ifelse(n == 1, t._base, t._base + "-" + n.cast("string"))
    if "id" not in names:
        return t.mutate(id=derived)
    return t.mutate(id=ibis.ifelse(t.id.notnull(), t.id, derived))


def _sequential_ids(t: Any) -> Any:
    """The derived ids the plain path gives, one by one: only when a derived id meets a given one."""
    import ibis
    import pyarrow as pa

    rows = _rows(t.order_by("line"), ("line", "id_given", "_base"))
    seen: set[str] = {given for _, given, _ in rows if given is not None}
    seen_so_far: set[str] = set()
    lines, ids = [], []
    for line, given, base in rows:
        if given is not None:
            tie_id = given
        else:
            tie_id, n = base, 2
            while tie_id in seen_so_far:
                tie_id, n = f"{base}-{n}", n + 1
        seen_so_far.add(tie_id)
        lines.append(line)
        ids.append(tie_id)
    del seen
    fixed = ibis.memtable(pa.table({"_line": pa.array(lines, pa.int64()), "_id": pa.array(ids, pa.string())}))
    return t.join(fixed, t.line == fixed._line).mutate(id=lambda s: s._id).drop("_line", "_id")


def _alternatives(path: str, t: Any, names: list[str]) -> list[Problem]:
    """Alternatives with one tie, or of differing weights (network.dataset.validate's check_alternatives)."""
    import ibis

    if "alternative" not in names:
        return []
    alt = t.filter(t.alternative.notnull())
    w = ibis.window(group_by=alt.alternative, order_by=alt.line)
    alt = alt.mutate(
        n=alt.line.count().over(ibis.window(group_by=alt.alternative)),
        first_weight=alt.weight.first().over(w),
        first_id=alt.id.first().over(w),
        first_line=alt.line.min().over(ibis.window(group_by=alt.alternative)),
    )
    out = []
    column = names.index("alternative") + 1
    for label, line in _rows(alt.filter(alt.n == 1).order_by("line"), ("alternative", "line")):
        out.append(
            Problem(
                path,
                line,
                column,
                f"alternative {label!r} has only one tie",
                "give the other reading the same 'alternative' label, or remove the label",
            )
        )
    differ = alt.filter((alt.weight != alt.first_weight) & (alt.line != alt.first_line)).order_by("line")
    wcol = names.index("weight") + 1 if "weight" in names else 1
    for label, line, weight, first_weight, first_id, given in _rows(
        differ, ("alternative", "line", "weight", "first_weight", "first_id", "weight_given")
    ):
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


def typed_ties(con: Any, checked: Checked, path: str) -> tuple[Any, list[Problem]]:
    """The typed tie table (:data:`TIE_COLUMNS`) of a checked table with no problems, and the
    alternatives' problems."""
    import ibis

    t, names = checked.table, checked.names

    def c(name: str) -> Any:
        return _cell(t, names, name)

    t = t.mutate(
        id_given=c("id"),
        sign=c("sign").cast("int64"),
        weight=c("weight").cast("float64").fill_null(1.0),
        weight_given=c("weight").notnull(),
        confidence=c("confidence").fill_null("stated"),
        type=c("type"),
        alternative=c("alternative"),
        source=c("source"),
        target=c("target"),
    )
    t = with_ids = materialize(con, _derived_ids(t, names))
    drop(con, checked.table)
    # a derived id that meets a given one (or another derived one) needs the one-by-one rule
    given = t.filter(t.id_given.notnull()).select(k=t.id_given)
    derived = t.filter(t.id_given.isnull()).select(k=t.id)
    clash = ibis.union(given, derived, distinct=False).group_by("k").aggregate(n=lambda s: s.count())
    if "id" in names and clash.filter(clash.n > 1).count().to_pyarrow().as_py() > 0:
        t = _sequential_ids(t)
    # the day a tie is projected at (network.timeline.snapshots._own_day)
    start_known = c("start").notnull() & (c("start") != "..") & ~t.start_open_start.fill_null(False)
    end_known = c("end").notnull() & (c("end") != "..") & ~t.end_open_end.fill_null(False)
    lo = ibis.ifelse(start_known, t.lower, t.upper)
    up = ibis.ifelse(end_known, t.upper, lo)
    standing_day = (ibis.least(lo, up) + up) // 2
    t = materialize(
        con,
        t.mutate(day=ibis.ifelse(t.is_event, t.date_mid, standing_day)).select(*TIE_COLUMNS, "weight_given"),
    )
    drop(con, with_ids)
    problems = _alternatives(path, t, names)
    return t, problems
