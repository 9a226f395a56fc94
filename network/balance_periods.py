"""Structural balance period by period: one row of :mod:`network.balance` measures per snapshot."""

from __future__ import annotations

import math
from collections.abc import Iterable

from .rows import Rows
from .snapshots import Snapshot, signed_graph

__all__ = ["balance_rows"]


def _number(x: float) -> float | None:
    return None if math.isnan(x) else x


def balance_rows(snaps: Iterable[Snapshot]) -> Rows:
    """One row of balance measures per period (see network.balance).

    Keys: period, nodes, edges, triangles, balanced_triangles,
    triangle_balance, walk_balance, frustration, blocs, exact. NaN measures
    (no triangles; no edges) are None.

    >>> from network import load
    >>> from network.snapshots import snapshots
    >>> r = balance_rows(snapshots(load("data/tribes.yaml")))[0]
    >>> r["nodes"], r["edges"], r["triangles"], r["frustration"], r["exact"]
    (16, 58, 68, 7, True)
    """
    from .balance import frustration, triangle_counts, walk_balance

    out = Rows()
    for snap in snaps:
        g = signed_graph(snap.graph)
        counts = triangle_counts(g)
        total = sum(counts.values())
        balanced = counts["+++"] + counts["+--"]
        part = frustration(g)
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
                "blocs": [list(b) for b in part.blocs],
                "exact": part.exact,
            }
        )
    return out
