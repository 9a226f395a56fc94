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
    triangle_balance, walk_balance, frustration, blocs, exact (the two-bloc
    partition), then the best partition into any number of blocs
    (``k_violations``, ``k_blocs``, ``k_exact``) and the unbalanced triangles by
    name (``unbalanced``: "A / B / C"). NaN measures (no triangles; no edges)
    are None.

    >>> from network import load
    >>> from network.snapshots import snapshots
    >>> r = balance_rows(snapshots(load("data/tribes.yaml")))[0]
    >>> r["nodes"], r["edges"], r["triangles"], r["frustration"], r["exact"]
    (16, 58, 68, 7, True)
    >>> r["k_violations"], len(r["k_blocs"]), len(r["unbalanced"])
    (2, 3, 9)
    """
    from .balance import best_partition, frustration, triangle_counts, unbalanced_triangles, walk_balance

    out = Rows()
    for snap in snaps:
        g = signed_graph(snap.graph)
        counts = triangle_counts(g)
        total = sum(counts.values())
        balanced = counts["+++"] + counts["+--"]
        part = frustration(g)
        k_part = best_partition(g)
        names = snap.graph.nodes
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
                "k_violations": k_part.value,
                "k_blocs": [list(b) for b in k_part.blocs],
                "k_exact": k_part.exact,
                "unbalanced": [
                    " / ".join(str(names[n].get("name", n)) for n in tri) for tri in unbalanced_triangles(g)
                ],
            }
        )
    return out
