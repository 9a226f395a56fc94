"""Snapshots from a typed tie table, as relational operations.

The rules are those of :mod:`network.timeline.snapshots`.

Each step is a join or a group-by over the whole table, the windows, and a small table of
projection segments; Python touches one row per edge per window (to build the graphs), never one
object per tie: the ties placed in each window stay in the engine, and a snapshot's
``allocation`` and each edge's ``ties`` read them a window at a time when asked
(:mod:`network.columnar.tie_store`).

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

The same SQL runs on DuckDB and, transpiled by sqlglot, on Spark (:mod:`network.columnar.engine`;
a test runs it on PySpark).
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterator, Sequence
from datetime import date, timedelta
from typing import Any

from network.columnar.checks import actor_codes
from network.columnar.engine import fresh
from network.columnar.tie_store import Allocation, EdgeTies, TieStore
from network.dataset.model import Dataset
from network.timeline.snapshots import _ZERO, Snapshot, _labels, _Projector, project
from network.timeline.windows import Window

__all__ = [
    "projection_segments",
    "window_table",
    "placements_sql",
    "projected_sql",
    "Placed",
    "assemble",
]


def window_table(
    windows: Sequence[Window], half_life: float, heaviest: float, threshold: float
) -> dict[str, tuple[str, list[Any]]]:
    """The windows as a small table (:data:`~network.columnar.engine.Columns`): index ``wi``, ``wl``
    and ``wu`` (first and last day), and ``earliest``, the oldest last day a tie carried into it in
    memory mode can have."""
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
    return {
        "wi": ("BIGINT", list(range(len(windows)))),
        "wl": ("BIGINT", [w.lower.toordinal() for w in windows]),
        "wu": ("BIGINT", [w.upper.toordinal() for w in windows]),
        "earliest": ("BIGINT", earliest),
    }


def projection_segments(dataset: Dataset) -> dict[str, tuple[str, list[Any]]]:
    """For every actor, the spans of days with one projection: ``actor, seg_lo, seg_hi, state``
    (the actor and the one its ties belong to as codes, :func:`~network.columnar.checks.actor_codes`).

    The projection of an actor can change only on its change days (see
    :class:`network.timeline.snapshots._Projector`), so between two of them
    :func:`network.timeline.snapshots.project`
    gives one answer, worked out here once per actor and span (actors are few; ties are many).
    """
    projector = _Projector(dataset)
    code = {a: k for k, a in enumerate(actor_codes(dataset))}
    actors, los, his, states = [], [], [], []
    first, last = date.min.toordinal(), date.max.toordinal()
    for aid in dataset.actors:
        days = [d.toordinal() for d in projector.change_days(aid)]
        bounds = [first] + days
        for k, lo in enumerate(bounds):
            hi = bounds[k + 1] - 1 if k + 1 < len(bounds) else last
            if hi < lo:
                continue
            actors.append(code[aid])
            los.append(lo)
            his.append(hi)
            states.append(code[project(dataset, aid, date.fromordinal(lo))])
    return {
        "actor": ("INTEGER", actors),
        "seg_lo": ("BIGINT", los),
        "seg_hi": ("BIGINT", his),
        "state": ("INTEGER", states),
    }


def placements_sql(
    ties: str, windows: str, allocation: str, level: str, mode: str, half_life: float, threshold: float
) -> str:
    """Every (window, tie) placement: ``wi, id, source, target, sign, weight, share, day`` (``ties``
    a table or a parenthesised query of the typed ties; the ends are actor codes)."""
    cols = "t.id, t.source_code AS source, t.target_code AS target, t.sign, t.weight, t.alternative"
    share = (
        "CASE WHEN n_inside > 0 THEN CAST(inside AS DOUBLE) ELSE 1.0 / CAST(n_over AS DOUBLE) END"
        if allocation == "split"
        else "CAST(inside AS DOUBLE)"
    )
    if level == "state":
        standing_day = "(greatest(t.lower, w.wl) + least(t.upper, w.wu)) // 2"
    else:
        standing_day = "t.day"
    parts = [
        "SELECT h.wi, e.id, e.source_code AS source, e.target_code AS target, e.sign, e.weight, "
        "e.alternative, h.share, e.day "
        "FROM ev e JOIN hit h ON e.lower = h.lower AND e.upper = h.upper",
        f"SELECT w.wi, {cols}, 1.0 AS share, "
        f"{standing_day} AS day FROM t JOIN {windows} w ON t.lower <= w.wu AND t.upper >= w.wl "
        "WHERE NOT t.is_event",
    ]
    if mode == "memory":
        factor = f"power(0.5, CAST(w.wu - t.upper AS DOUBLE) / {float(half_life)!r})"
        parts.append(
            f"SELECT w.wi, {cols}, {factor} AS share, t.day "
            f"FROM t JOIN {windows} w ON t.upper < w.wl AND t.upper >= w.earliest "
            f"WHERE t.weight * {factor} >= {float(threshold)!r}"
        )
    union = " UNION ALL ".join(parts)
    return (
        f"WITH t AS (SELECT * FROM {ties}), "
        "ev AS (SELECT * FROM t WHERE is_event), "
        "spans AS (SELECT DISTINCT lower, upper FROM ev), "
        "hit0 AS (SELECT s.lower, s.upper, w.wi, "
        "CASE WHEN w.wl <= s.lower AND s.upper <= w.wu THEN 1 ELSE 0 END AS inside "
        f"FROM spans s JOIN {windows} w ON s.lower <= w.wu AND s.upper >= w.wl), "
        "hit1 AS (SELECT *, sum(inside) OVER (PARTITION BY lower, upper) AS n_inside, "
        "count(wi) OVER (PARTITION BY lower, upper) AS n_over FROM hit0), "
        f"hit AS (SELECT lower, upper, wi, {share} AS share FROM hit1 WHERE {share} > 0), "
        "alt AS (SELECT alternative AS alt_label, count(*) AS n_alt FROM t "
        "WHERE alternative IS NOT NULL GROUP BY alternative), "
        f"placed AS ({union}) "
        "SELECT p.wi, p.id, p.source, p.target, p.sign, p.weight, p.day, "
        "p.share * CASE WHEN a.n_alt IS NOT NULL THEN 1.0 / CAST(a.n_alt AS DOUBLE) ELSE 1.0 END AS share "
        "FROM placed p LEFT JOIN alt a ON p.alternative = a.alt_label"
    )


def projected_sql(placed: str, level: str, segments: str | None) -> str:
    """The placements with ``u`` and ``v``: their ends, projected at the placement's day (state level)."""
    if level != "state" or segments is None:
        return f"SELECT *, source AS u, target AS v FROM ({placed})"
    return (
        f"SELECT p.*, su.state AS u, sv.state AS v FROM ({placed}) p "
        f"JOIN {segments} su ON p.source = su.actor AND p.day >= su.seg_lo AND p.day <= su.seg_hi "
        f"JOIN {segments} sv ON p.target = sv.actor AND p.day >= sv.seg_lo AND p.day <= sv.seg_hi"
    )


class Placed:
    """The placements of one run of :func:`snapshots` (``wi, a, b, id, share, w``: the edge's ends
    ``a <= b``, the share counted in window ``wi``, ``w`` the signed weight counted), and what
    the snapshots read of them: the edges and the self-ties dropped, in one pass, and
    (:meth:`store`) the ties of each window, when asked.

    No table of the placements is made for the snapshots: at ten million events it took as
    much memory as the tie table itself. The store makes one when a window's ties are first
    asked for (:meth:`network.columnar.tie_store.TieStore.window`).
    """

    def __init__(self, engine: Any, placed: str, level: str, segments: str | None):
        self.engine = engine
        self.sql = (  # a and b are actor codes
            "SELECT CAST(wi AS INTEGER) AS wi, least(u, v) AS a, greatest(u, v) AS b, id, share, "
            "CASE WHEN sign > 0 THEN weight * share ELSE -(weight * share) END AS w "
            f"FROM ({projected_sql(placed, level, segments)})"
        )

    def edges_and_gone(self) -> tuple[Any, Any]:
        """The edges (``wi, a, b, pos, neg, n``, in order of window and ends ``a < b``) and the
        self-ties dropped (``wi, id``, in order of window): one pass over the placements."""
        grouped = self.engine.table(
            fresh("edges"),
            "SELECT wi, a, b, sum(CASE WHEN w > 0 THEN w ELSE 0.0 END) AS pos, "
            "sum(CASE WHEN w < 0 THEN -w ELSE 0.0 END) AS neg, count(*) AS n, "
            f"list(id) FILTER (WHERE a = b) AS gone FROM ({self.sql}) GROUP BY wi, a, b",
        )
        try:
            edges = self.engine.query(
                f"SELECT wi, a, b, pos, neg, n FROM {grouped} WHERE a != b ORDER BY wi, a, b"
            )
            gone = self.engine.query(f"SELECT wi, unnest(gone) AS id FROM {grouped} WHERE a = b ORDER BY wi")
        finally:
            self.engine.drop(grouped)
        return edges, gone

    def store(self, names: list[str], tables: list[str]) -> TieStore:
        """The placements, read a window at a time by the snapshots (``names``: the actor of each
        code); ``tables`` (those they are made from and nothing else reads) are dropped with
        the last snapshot."""
        return TieStore(self.engine, self.sql, names, tables)


def _parts(table: Any, columns: tuple[str, ...]) -> Iterator[tuple[int, list[Any]]]:
    """``(window index, [values of each column])`` for each window of a table sorted by ``wi``.

    (Cut in Python from the ``wi`` column: a NumPy view would import pandas, some 1.5 s.)
    """
    wi = table.column("wi").to_pylist()
    start = 0
    for k, run in itertools.groupby(wi):
        count = sum(1 for _ in run)
        part = table.slice(start, count)
        start += count
        yield k, [part.column(c) for c in columns]


def assemble(
    dataset: Dataset,
    windows: Sequence[Window],
    edges: Any,
    store: TieStore,
    gone: Any,
    graph_options: dict[str, Any],
) -> list[Snapshot]:
    """The snapshots from the engine's results (:class:`Placed`), graphs built in bulk.

    The graphs are those :func:`network.timeline.snapshots.snapshots` makes: every node of the
    level in sorted order (``name``, ``kind``, ``active``), then the edges in sorted order with
    ``weight`` (net, 0 within :data:`~network.timeline.snapshots._ZERO`), ``pos``, ``neg``,
    ``count``, ``ties`` (sorted ids) and ``sign``; through networkx's public API. Each edge's
    ``ties`` and each snapshot's ``allocation`` are read from ``store`` when first used
    (:mod:`network.columnar.tie_store`)."""
    import networkx as nx

    n = len(windows)
    edge_rows: list[list[list[Any]]] = [[[], [], [], [], []] for _ in range(n)]
    active: list[set[str]] = [set() for _ in range(n)]
    names = store.names
    for wi, cols in _parts(edges, ("a", "b", "pos", "neg", "n")):
        edge_rows[wi] = [c.to_pylist() for c in cols]
        for end in (0, 1):  # codes to ids
            edge_rows[wi][end] = list(map(names.__getitem__, edge_rows[wi][end]))
        active[wi] = set(edge_rows[wi][0]) | set(edge_rows[wi][1])
    dropped: list[tuple[str, ...]] = [() for _ in range(n)]
    for wi, (id_column,) in _parts(gone, ("id",)):
        dropped[wi] = tuple(sorted(id_column.to_pylist()))

    level = graph_options["level"]
    if level == "state":
        node_ids = {a.id for a in dataset.actors.values() if not a.member_of or not a.projects}
    else:
        node_ids = set(dataset.actors)
    for s in active:
        node_ids |= s
    labels = _labels(dataset, node_ids)
    out = []
    for i, w in enumerate(windows):
        attrs = {"period": w.id, "label": w.label, "lower": w.lower, "upper": w.upper, **graph_options}
        g = nx.Graph(**attrs)
        on = active[i]
        g.add_nodes_from(
            (v, {"name": name, "kind": kind, "active": v in on}) for v, (name, kind) in labels.items()
        )
        g.add_edges_from(_edges(store, i, *edge_rows[i]))
        out.append(Snapshot(w, g, Allocation(store, i, sum(edge_rows[i][4])), dropped[i]))
    return out


def _edges(
    store: TieStore, wi: int, a: list[str], b: list[str], pos: list[float], neg: list[float], count: list[int]
) -> Any:
    """The edges of window ``wi`` with their attributes, as the plain path's graphs hold them (each
    edge's ``ties`` read from ``store`` when first used)."""
    for u, v, p, q, n in zip(a, b, pos, neg, count, strict=True):
        net = p - q
        if abs(net) < _ZERO:
            net = 0.0
        yield (
            u,
            v,
            {
                "weight": net,
                "pos": p,
                "neg": q,
                "count": n,
                "ties": EdgeTies(store, wi, u, v, n),
                "sign": (net > 0) - (net < 0),
            },
        )
