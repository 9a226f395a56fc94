"""Snapshots from a typed tie table, as relational operations.

The rules are those of :mod:`network.timeline.snapshots`.

Each step is a join or a group-by over the whole table, the windows, and a small table of
projection segments; Python touches one row per edge per window (to build the graphs) and one
entry per tie placed in a window (``Snapshot.allocation``), never one object per tie.

* Allocation: the distinct spans ``(lower, upper)`` of the events are joined with the windows
  they overlap; an event counts in full in each window wholly containing it, else (``split``)
  ``1/n`` in each of the ``n`` it overlaps; the shares are joined back on the span.
* Standing ties count in full in every window they overlap (projected at the middle of the
  overlap); in memory mode every tie that ended before a window is carried, decayed by
  ``0.5 ** (age / half_life)``, while its weight stays above the threshold.
* Alternatives count at ``1 / their number``.
* State level: each end is joined with the segments of its actor's projection
  (:func:`projection_segments`: for each actor, the days between two changes of
  ``member_of`` and the actor its ties belong to then), at the tie's day.
* Parallel ties become one edge per window: ``pos``, ``neg``, their ids sorted; a tie whose
  two ends meet is dropped (``Snapshot.dropped``).

The same expressions run on any Ibis backend (DuckDB by default; a test runs them on PySpark).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from datetime import date, timedelta
from typing import Any

from network.columnar.engine import materialize
from network.dataset.model import Dataset
from network.timeline.snapshots import Snapshot, _Combined, _graph, _labels, _Projector, project
from network.timeline.windows import Window

__all__ = ["projection_segments", "window_table", "placements", "edges_and_shares", "assemble"]


def window_table(windows: Sequence[Window], half_life: float, heaviest: float, threshold: float) -> Any:
    """The windows as a table: index ``wi``, ``wl`` and ``wu`` (first and last day), and ``earliest``,
    the oldest last day a tie carried into it in memory mode can have."""
    import pyarrow as pa

    max_age = half_life * math.log2(heaviest / threshold) if heaviest > threshold else -1.0
    earliest = []
    for w in windows:
        if max_age < 0:
            earliest.append(w.lower.toordinal())  # nothing is carried
            continue
        try:
            earliest.append((w.upper - timedelta(days=math.ceil(max_age))).toordinal())
        except OverflowError:
            earliest.append(date.min.toordinal())
    return pa.table(
        {
            "wi": pa.array(range(len(windows)), pa.int64()),
            "wl": pa.array([w.lower.toordinal() for w in windows], pa.int64()),
            "wu": pa.array([w.upper.toordinal() for w in windows], pa.int64()),
            "earliest": pa.array(earliest, pa.int64()),
        }
    )


def projection_segments(dataset: Dataset) -> Any:
    """For every actor, the spans of days with one projection: ``actor, seg_lo, seg_hi, state``.

    The projection of an actor can change only on its change days (see
    :class:`network.timeline.snapshots._Projector`), so between two of them
    :func:`network.timeline.snapshots.project`
    gives one answer, worked out here once per actor and span (actors are few; ties are many).
    """
    import pyarrow as pa

    projector = _Projector(dataset)
    actors, los, his, states = [], [], [], []
    first, last = date.min.toordinal(), date.max.toordinal()
    for aid in dataset.actors:
        days = [d.toordinal() for d in projector.change_days(aid)]
        bounds = [first] + days
        for k, lo in enumerate(bounds):
            hi = bounds[k + 1] - 1 if k + 1 < len(bounds) else last
            if hi < lo:
                continue
            actors.append(aid)
            los.append(lo)
            his.append(hi)
            states.append(project(dataset, aid, date.fromordinal(lo)))
    return pa.table(
        {
            "actor": pa.array(actors, pa.string()),
            "seg_lo": pa.array(los, pa.int64()),
            "seg_hi": pa.array(his, pa.int64()),
            "state": pa.array(states, pa.string()),
        }
    )


def placements(
    ties: Any, windows: Any, allocation: str, level: str, mode: str, half_life: float, threshold: float
) -> Any:
    """Every (window, tie) placement: ``wi, id, source, target, sign, weight, share, day``."""
    import ibis

    cols = ("id", "source", "target", "sign", "weight", "alternative")
    events = ties.filter(ties.is_event)
    spans = events.select("lower", "upper").distinct()
    hit = spans.join(windows, (spans.lower <= windows.wu) & (spans.upper >= windows.wl))
    hit = hit.mutate(inside=((hit.wl <= hit.lower) & (hit.upper <= hit.wu)).cast("int64"))
    per_span = ibis.window(group_by=[hit.lower, hit.upper])
    hit = hit.mutate(n_inside=hit.inside.sum().over(per_span), n_over=hit.wi.count().over(per_span))
    if allocation == "split":
        share = ibis.ifelse(hit.n_inside > 0, hit.inside.cast("float64"), 1.0 / hit.n_over.cast("float64"))
    else:
        share = hit.inside.cast("float64")
    hit = hit.mutate(share=share).filter(lambda s: s.share > 0).select("lower", "upper", "wi", "share")
    placed_events = events.join(hit, ["lower", "upper"]).select("wi", *cols, "share", "day")

    standing = ties.filter(~ties.is_event)
    st = standing.join(windows, (standing.lower <= windows.wu) & (standing.upper >= windows.wl))
    if level == "state":
        day = (ibis.greatest(st.lower, st.wl) + ibis.least(st.upper, st.wu)) // 2
    else:
        day = st.day
    placed_standing = st.select("wi", *cols, share=ibis.literal(1.0), day=day)
    out = placed_events.union(placed_standing, distinct=False)

    if mode == "memory":
        cm = ties.join(windows, (ties.upper < windows.wl) & (ties.upper >= windows.earliest))
        factor = ibis.literal(0.5).pow((cm.wu - cm.upper).cast("float64") / half_life)
        cm = cm.mutate(share=factor).filter(lambda s: s.weight * s.share >= threshold)
        out = out.union(cm.select("wi", *cols, "share", "day"), distinct=False)

    # alternatives count at 1 / their number
    alt = ties.filter(ties.alternative.notnull()).group_by("alternative").aggregate(n_alt=lambda s: s.count())
    alt = alt.rename(_alt="alternative")
    out = out.left_join(alt, out.alternative == alt._alt)
    one = ibis.ifelse(out.n_alt.notnull(), 1.0 / out.n_alt.cast("float64"), 1.0)
    return out.select("wi", "id", "source", "target", "sign", "weight", "day", share=out.share * one)


def _project_ends(placed: Any, segments: Any) -> Any:
    """``u`` and ``v``: the ends of each placement projected at its day (state level)."""
    out = placed
    for end, name in (("source", "u"), ("target", "v")):
        seg = segments.rename(
            **{f"{end}_actor": "actor", f"{end}_lo": "seg_lo", f"{end}_hi": "seg_hi", name: "state"}
        )
        out = out.join(
            seg,
            (out[end] == seg[f"{end}_actor"]) & (out.day >= seg[f"{end}_lo"]) & (out.day <= seg[f"{end}_hi"]),
        ).drop(f"{end}_actor", f"{end}_lo", f"{end}_hi")
    return out


def edges_and_shares(con: Any, placed: Any, level: str, segments: Any | None) -> tuple[Any, Any, Any, Any]:
    """Three queries: the edges per window (``wi, a, b, pos, neg, ids``), the shares counted
    (``wi, id, share``) and the self-ties dropped (``wi, id``); and the table of placements they
    read (to drop once they have run)."""
    import ibis

    if level == "state":
        placed = _project_ends(placed, segments)
    else:
        placed = placed.mutate(u=placed.source, v=placed.target)
    placed = materialize(con, placed)  # one run of the placements, read by the three queries below
    kept = placed.filter(placed.u != placed.v)
    gone = placed.filter(placed.u == placed.v).select("wi", "id")
    kept = kept.mutate(
        a=ibis.least(kept.u, kept.v), b=ibis.greatest(kept.u, kept.v), ws=kept.weight * kept.share
    )
    edges = kept.group_by(["wi", "a", "b"]).aggregate(
        pos=kept.ws.sum(where=kept.sign > 0).fill_null(0.0),
        neg=kept.ws.sum(where=kept.sign < 0).fill_null(0.0),
        ids=kept.id.collect(),  # sorted by network.timeline.snapshots._graph
    )
    return edges, kept.select("wi", "id", "share"), gone, placed


def _by_window(table: Any, columns: tuple[str, ...]) -> Any:
    """``(wi, [column values...])`` for each window index present in ``table`` (pyarrow), in order."""
    if table.num_rows == 0:
        return
    table = table.sort_by("wi")
    wi = table.column("wi").to_numpy()
    values = [table.column(c).to_pylist() for c in columns]
    cuts = [0, *(int(k) + 1 for k in (wi[1:] != wi[:-1]).nonzero()[0]), len(wi)]
    for a, b in zip(cuts, cuts[1:], strict=False):
        yield int(wi[a]), [v[a:b] for v in values]


def assemble(
    dataset: Dataset,
    windows: Sequence[Window],
    edges: Any,
    shares: Any,
    gone: Any,
    graph_options: dict[str, Any],
) -> list[Snapshot]:
    """The snapshots from the engine's three result tables (pyarrow).

    They are built by :mod:`network.timeline.snapshots`'s
    own graph code (:func:`network.timeline.snapshots._graph`), so the graphs are made alike."""
    combined = [_Combined() for _ in windows]
    for wi, (a, b, pos, neg, ids) in _by_window(edges, ("a", "b", "pos", "neg", "ids")):
        c = combined[wi]
        c.edges = {
            (u, v): {"weight": 0.0, "pos": p, "neg": n, "count": 0, "ties": i, "sign": 0}
            for u, v, p, n, i in zip(a, b, pos, neg, ids, strict=True)
        }
        c.active = set(a) | set(b)
    for wi, (ids, share) in _by_window(shares, ("id", "share")):
        combined[wi].alloc = dict(zip(ids, share, strict=True))
    for wi, (ids,) in _by_window(gone, ("id",)):
        combined[wi].gone = ids

    level = graph_options["level"]
    if level == "state":
        node_ids = {a.id for a in dataset.actors.values() if not a.member_of or not a.projects}
    else:
        node_ids = set(dataset.actors)
    for c in combined:
        node_ids |= c.active
    labels = _labels(dataset, node_ids)
    out = []
    for i, w in enumerate(windows):
        c = combined[i]
        attrs = {"period": w.id, "label": w.label, "lower": w.lower, "upper": w.upper, **graph_options}
        out.append(Snapshot(w, _graph(attrs, labels, c), c.alloc, tuple(sorted(c.gone))))
    return out
