"""Structural balance period by period: one row of :mod:`network.measures.balance` measures per snapshot."""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from network.output.rows import Rows
from network.timeline.snapshots import Snapshot, signed_graph

if TYPE_CHECKING:
    from network.measures.balance import PartitionCache

__all__ = ["balance_rows"]


def _number(x: float) -> float | None:
    return None if math.isnan(x) else x


def balance_rows(
    snaps: Iterable[Snapshot], poles: Sequence[str] = (), *, partitions: PartitionCache | None = None
) -> Rows:
    """One row of balance measures per period (see network.measures.balance).

    Keys: period, nodes, edges, triangles, balanced_triangles,
    triangle_balance, walk_balance, frustration, ``partition`` (the two sides
    of a best split behind the frustration index, a measure, not membership),
    exact, then the best partition into any number of sides
    (``k_violations``, ``k_partition``, ``k_exact``), the unbalanced triangles by
    name (``unbalanced``: "A / B / C") and ``camps``: each camp of
    :func:`network.measures.camps.camps` towards the ``poles`` present in the period,
    as a list ``[camp label, actor, ...]`` (None when no pole is present).
    NaN measures (no triangles; no edges) are None. ``partitions`` (a
    :class:`network.measures.balance.PartitionCache`) holds the partitions solved so far.

    >>> from network import load
    >>> from network.timeline.snapshots import snapshots
    >>> r = balance_rows(snapshots(load("data/tribes.yaml")))[0]
    >>> r["nodes"], r["edges"], r["triangles"], r["frustration"], r["exact"]
    (16, 58, 68, 7, True)
    >>> r["k_violations"], len(r["k_partition"]), len(r["unbalanced"])
    (2, 3, 9)
    >>> r = balance_rows(snapshots(load("tests/data/mini.yaml"), level="state"), ["ussr", "china"])[3]
    >>> r["partition"]
    [['albania', 'china'], ['ussr']]
    >>> r["camps"]  # Albania has no tie with China in 1960, only the USSR as a shared enemy
    [['cooperative:china', 'china'], ['cooperative:ussr', 'ussr'], ['enemy-side:china', 'albania']]
    """
    from network.measures.balance import (
        best_partition,
        frustration,
        triangle_counts,
        unbalanced_triangles,
        walk_balance,
    )
    from network.measures.camps import camp_groups, camps

    out = Rows()
    for snap in snaps:
        g = signed_graph(snap.graph)
        counts = triangle_counts(g)
        total = sum(counts.values())
        balanced = counts["+++"] + counts["+--"]
        part = frustration(g, partitions=partitions)
        k_part = best_partition(g, partitions=partitions)
        names = snap.graph.nodes
        present = [p for p in poles if p in snap.graph]
        groups = camp_groups(camps(snap.graph, present, partitions=partitions)) if present else None
        out.append(
            {
                "period": snap.window.id,
                "nodes": g.number_of_nodes(),
                "edges": g.number_of_edges(),
                "triangles": total,
                "balanced_triangles": balanced,
                "triangle_balance": balanced / total if total else None,
                "walk_balance": _number(walk_balance(g)) if g.number_of_nodes() else None,
                "frustration": part.value,
                "partition": [list(b) for b in part.blocs],
                "exact": part.exact,
                "k_violations": k_part.value,
                "k_partition": [list(b) for b in k_part.blocs],
                "k_exact": k_part.exact,
                "unbalanced": [
                    " / ".join(str(names[n].get("name", n)) for n in tri) for tri in unbalanced_triangles(g)
                ],
                "camps": None if groups is None else [[k, *v] for k, v in groups.items()],
            }
        )
    return out
