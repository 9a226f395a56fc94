"""Centrality in signed graphs: the PN index of Everett & Borgatti.

Examples
--------
>>> import networkx as nx
>>> G = nx.path_graph(3)
>>> nx.set_edge_attributes(G, {(0, 1): 1, (1, 2): -1}, "sign")
>>> {u: round(v, 3) for u, v in pn_index(G).items()}
{0: 1.273, 1: 1.091, 2: 0.455}
"""

from __future__ import annotations

import math
from collections.abc import Hashable

import networkx as nx
import numpy as np
from networkx.utils import not_implemented_for

from network.measures.balance import _indexed

__all__ = ["pn_index"]


#: Above this condition number ``I - A/(2n-2)`` counts as singular.
_COND_MAX = 1e12


def _condition_bound(A: np.ndarray, n: int) -> float:
    """An upper bound on the 2-norm condition number of ``M = I - A/(2n-2)`` (inf if none), in O(n^2).

    ``M`` is symmetric, so its condition number is its largest over its
    smallest absolute eigenvalue. By Gershgorin's theorem every eigenvalue of
    ``M`` lies within ``r`` of 1, ``r`` being the largest absolute row sum
    of ``A/(2n-2)``, so when ``r < 1`` the condition number is at most
    ``(1 + r) / (1 - r)``. With ``|A_ij| <= 2`` that is below the singularity
    threshold unless some actor is hostile to nearly every other one, so the
    exact condition number (an O(n^3) singular value decomposition, the
    dominant cost on large graphs) is needed only then.
    """
    r = float(np.abs(A).sum(axis=1).max()) / (2 * n - 2)
    return (1 + r) / (1 - r) if r < 1 else math.inf


@not_implemented_for("directed")
@not_implemented_for("multigraph")
def pn_index(G: nx.Graph) -> dict[Hashable, float]:
    """The PN centrality index of every node of an undirected signed graph.

    ``PN = (I - A / (2n - 2))^-1 1`` with ``A = P - 2N``, where ``P`` and ``N``
    are the adjacency matrices of the positive and the negative edges and
    ``n`` the number of nodes. A node scores high when it has many positive
    ties to nodes with many positive ties; a negative tie counts twice as much
    as a positive one, against. Like Katz status or Hubbell's measure, it sums
    walks of every length, shorter walks weighing more. Same as signnet's
    ``pn_index(g)``.

    Parameters
    ----------
    G : networkx.Graph
        Undirected graph with edge attribute ``sign`` (+1 or -1); edges with
        sign 0 or none are ignored.

    Returns
    -------
    dict
        Node -> PN index. Every node scores 1 in a graph without signed edges
        and 2 in a complete graph of positive edges; higher = more positive
        and fewer negative walks starting at the node.

    Raises
    ------
    ValueError
        If ``I - A / (2n - 2)`` is singular (e.g. two nodes joined by a
        negative edge), so the index is undefined.

    Examples
    --------
    >>> G = nx.complete_graph(5)
    >>> nx.set_edge_attributes(G, 1, "sign")
    >>> {u: round(v, 6) for u, v in pn_index(G).items()}
    {0: 2.0, 1: 2.0, 2: 2.0, 3: 2.0, 4: 2.0}

    References
    ----------
    .. [1] Everett, M. G. and Borgatti, S. P. (2014). Networks containing
       negative ties. *Social Networks* 38: 111-120.
    """
    nodes, edges = _indexed(G, None)
    n = len(nodes)
    if n == 0:
        return {}
    if n == 1:
        return {nodes[0]: 1.0}
    A = np.zeros((n, n))
    for i, j, s, _ in edges:
        A[i, j] = A[j, i] = 1.0 if s > 0 else -2.0
    M = np.eye(n) - A / (2 * n - 2)
    try:
        pn = np.linalg.solve(M, np.ones(n))
    except np.linalg.LinAlgError:
        raise ValueError("I - A/(2n-2) is singular: the PN index is undefined for this graph") from None
    if not np.all(np.isfinite(pn)) or _condition_bound(A, n) > _COND_MAX and np.linalg.cond(M) > _COND_MAX:
        raise ValueError("I - A/(2n-2) is singular: the PN index is undefined for this graph")
    order = {u: i for i, u in enumerate(nodes)}
    return {u: float(pn[order[u]]) for u in G}
