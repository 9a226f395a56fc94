"""Weighted betweenness (Brandes 2001) on integer-indexed adjacency lists, counting every equally short path.

:func:`betweenness` follows networkx's
``betweenness_centrality(G, k=k, normalized=True, weight=weight, seed=seed)``
on an undirected graph operation for operation: it samples the same sources (a
``random.Random(seed)`` drawing ``k`` of ``list(G)``), runs the same Dijkstra
(the same heap entries, ties broken by the same insertion counter, the same
neighbour order), accumulates the dependencies in the same order and rescales
the same way. What it saves is networkx's per-edge overhead (adjacency views,
a weight function called per edge, dicts keyed by node): nodes become list
indices and each edge's length is read once.

One thing differs, on purpose: two path lengths equal to within a relative
:data:`LENGTH_RTOL` are equally short. networkx compares the float sums with
``==``, so of two equally short paths whose sums differ in the last bit
(lengths 1 + 1/6 against 1/2 + 2/3) it keeps only the one that rounds
shorter, and the betweenness of the nodes on the other is lost. igraph
compares with a relative tolerance too (1e-10). Where no two different sums
lie that close, the result is networkx's to the last bit;
``tests/measures/test_betweenness.py`` checks both (against networkx, igraph and an
exact rational-arithmetic count).

Examples
--------
>>> import networkx as nx
>>> G = nx.path_graph(4)
>>> betweenness(G)
{0: 0.0, 1: 0.6666666666666666, 2: 0.6666666666666666, 3: 0.0}

A 4-cycle with two equally short paths between ``a`` and ``c`` (lengths
1 + 1/6 and 1/2 + 2/3, whose float sums differ in the last bit): ``b`` and
``d`` each lie on one of them, half of the pair's paths.

>>> C = nx.Graph()
>>> for u, v, w in [("a", "b", 1), ("b", "c", 6), ("c", "d", 1.5), ("d", "a", 2)]:
...     C.add_edge(u, v, distance=1 / w)
>>> {v: round(b, 4) for v, b in betweenness(C, weight="distance").items()}
{'a': 0.0, 'b': 0.1667, 'c': 0.3333, 'd': 0.1667}
"""

from __future__ import annotations

import math
import random
from collections.abc import Hashable
from heapq import heappop, heappush
from itertools import count

import networkx as nx

__all__ = ["betweenness", "LENGTH_RTOL"]

#: Two path lengths closer than this, relative to the larger, are equally short. Sums of
#: float lengths carry a relative rounding error of about (number of edges) x 1.1e-16, far
#: below it; data given to fewer than nine significant digits cannot tell lengths closer apart.
LENGTH_RTOL = 1e-9


def _adjacency(G: nx.Graph, weight: str | None) -> tuple[list[Hashable], list[list[tuple[int, float]]]]:
    """Nodes in graph order and, per node, ``(neighbour index, length)`` in adjacency order.

    A missing length counts 1, as networkx's weight function reads it
    (``d.get(weight, 1)``).
    """
    nodes = list(G)
    index = {v: i for i, v in enumerate(nodes)}
    adj = [
        [(index[w], 1 if weight is None else d.get(weight, 1)) for w, d in G.adj[v].items()] for v in nodes
    ]
    return nodes, adj


def _components(adj: list[list[tuple[int, float]]]) -> list[int]:
    """For each node, the id of its connected component."""
    comp = [-1] * len(adj)
    for start in range(len(adj)):
        if comp[start] < 0:
            comp[start] = start
            stack = [start]
            while stack:
                v = stack.pop()
                for w, _ in adj[v]:
                    if comp[w] < 0:
                        comp[w] = start
                        stack.append(w)
    return comp


class _Component:
    """One connected component with its own node numbering, so a search costs its size, not the graph's."""

    def __init__(self, members: list[int], adj: list[list[tuple[int, float]]]) -> None:
        self.members = members  # local index -> global index
        local = {g: i for i, g in enumerate(members)}
        self.adj = [[(local[w], length) for w, length in adj[g]] for g in members]
        self.local = local

    def dependencies(self, source: int, total: list[float]) -> None:
        """Add to ``total`` (global indices) the dependencies of global node ``source``.

        Dijkstra, then Brandes' accumulation, mirroring networkx's
        ``_single_source_dijkstra_path_basic`` and ``_accumulate_basic``
        operation for operation (see the module docstring), with lists
        indexed by node where networkx keeps dicts keyed by node. A search
        never leaves the component, so it loses nothing by seeing only it.
        """
        adj, members = self.adj, self.members
        s = self.local[source]
        n = len(adj)
        order: list[int] = []  # networkx's S: nodes in the order they are settled
        preds: list[list[int]] = [[] for _ in range(n)]
        sigma = [0.0] * n
        seen = [math.inf] * n  # tentative distance
        done = [False] * n
        sigma[s] = 1.0
        seen[s] = 0.0
        c = count()
        heap: list[tuple[float, int, int, int]] = [(0.0, next(c), s, s)]
        shorter = 1.0 - LENGTH_RTOL
        while heap:
            dist, _, pred, v = heappop(heap)
            if done[v]:
                continue
            sigma[v] += sigma[pred]
            order.append(v)
            done[v] = True
            sigma_v = sigma[v]
            for w, length in adj[v]:
                vw_dist = dist + length
                seen_w = seen[w]
                if not done[w] and vw_dist < seen_w * shorter:  # shorter beyond rounding (or the first path)
                    seen[w] = vw_dist
                    heappush(heap, (vw_dist, next(c), v, w))
                    sigma[w] = 0.0
                    preds[w] = [v]
                elif abs(vw_dist - seen_w) <= LENGTH_RTOL * seen_w:  # as short, up to rounding
                    sigma[w] += sigma_v
                    preds[w].append(v)
        delta = [0.0] * n
        while order:
            w = order.pop()
            coeff = (1 + delta[w]) / sigma[w]
            for v in preds[w]:
                delta[v] += sigma[v] * coeff
            if w != s:
                total[members[w]] += delta[w]


def betweenness(
    G: nx.Graph, k: int | None = None, weight: str | None = None, seed: int | None = None
) -> dict[Hashable, float]:
    """Normalised betweenness of every node of an undirected graph, from all or ``k`` sampled sources.

    Parameters
    ----------
    G : networkx.Graph
        Undirected graph.
    k : int, optional
        Number of sources sampled (``random.Random(seed).sample(list(G), k)``);
        None (or ``len(G)``): every node, the exact value.
    weight : str, optional
        Edge attribute holding the length of an edge (default: every edge 1).
    seed : int, optional
        Seed of the sample.

    Returns
    -------
    dict
        Node -> betweenness, equal to networkx's ``betweenness_centrality``
        with ``normalized=True`` and the same arguments.
    """
    if G.is_directed() or G.is_multigraph():
        raise nx.NetworkXNotImplemented("betweenness here is for simple undirected graphs")
    nodes, adj = _adjacency(G, weight)
    n = len(nodes)
    if k == n:
        k = None
    if k is None:
        sources = list(range(n))
        sampled = None
    else:
        rng = random.Random(seed)
        sampled = rng.sample(nodes, k)
        position = {v: i for i, v in enumerate(nodes)}
        sources = [position[v] for v in sampled]
    comp = _components(adj)
    members: dict[int, list[int]] = {}
    for i, c in enumerate(comp):
        members.setdefault(c, []).append(i)
    components: dict[int, _Component] = {}
    total = [0.0] * n
    for s in sources:
        if len(members[comp[s]]) < 3:
            continue  # no shortest path has an inner node: nothing to add
        part = components.get(comp[s])
        if part is None:
            part = components[comp[s]] = _Component(members[comp[s]], adj)
        part.dependencies(s, total)
    return dict(zip(nodes, _rescale(total, n, sources if sampled is not None else None), strict=True))


def _rescale(total: list[float], n: int, sampled: list[int] | None) -> list[float]:
    """networkx's ``_rescale`` for normalised, undirected betweenness without endpoints."""
    big_n = n - 1
    if big_n < 2:
        return total
    if sampled is None:
        scale = 1 / (big_n * (big_n - 1))
        return [b * scale for b in total] if scale != 1 else total
    k = len(sampled)
    scale_source = 1 / ((k - 1) * (big_n - 1)) if k > 1 else math.nan
    scale_nonsource = 1 / (k * (big_n - 1))
    chosen = set(sampled)
    return [b * (scale_source if i in chosen else scale_nonsource) for i, b in enumerate(total)]
