"""Structural balance of a signed graph: triangles, walks, the frustration index and best partitions.

Every function takes an undirected :class:`networkx.Graph` whose edges carry a
``sign`` attribute of +1 or -1. Edges whose sign is 0 or missing are ignored
(their nodes still count); any other sign value is an error.

A signed graph is *balanced* (Cartwright & Harary 1956) when its nodes split
into two blocs with every positive edge inside a bloc and every negative edge
between the blocs. The measures here say how far a graph is from that:

- :func:`triangle_balance`: the share of balanced triangles;
- :func:`walk_balance`: the share of balanced closed walks, weighted by length;
- :func:`frustration`: the fewest edges to delete (or flip) to make it balanced;
- :func:`best_partition`: the fewest violations over partitions into any
  number of blocs (Davis's clusterability, Doreian & Mrvar's criterion).

Examples
--------
>>> import networkx as nx
>>> G = nx.Graph()
>>> G.add_edge("a", "b", sign=1)
>>> G.add_edge("b", "c", sign=-1)
>>> G.add_edge("a", "c", sign=-1)
>>> triangle_balance(G), frustration(G).value
(1.0, 0)
"""

from __future__ import annotations

import math
import random
from collections.abc import Callable, Hashable, Iterator
from dataclasses import dataclass
from typing import Any

import networkx as nx
import numpy as np
from networkx.utils import not_implemented_for

__all__ = [
    "SignedPartition",
    "triangle_counts",
    "triangle_balance",
    "unbalanced_triangles",
    "walk_balance",
    "frustration",
    "best_partition",
    "PartitionCache",
    "EXACT_LIMIT",
    "PARTITION_EXACT_LIMIT",
]

#: Largest connected component (in nodes) :func:`frustration` solves exactly by default.
EXACT_LIMIT = 30
#: Largest connected component (in nodes) :func:`best_partition` solves exactly by default.
PARTITION_EXACT_LIMIT = 18
_RESTARTS = 50  # restarts of the seeded local search (upper bound and fallback)

Node = Hashable
_Edge = tuple[int, int, int, float]  # (i, j, sign, weight) with node indices i < j


# --------------------------------------------------------------------------- helpers


def _node_order(G: nx.Graph) -> list[Node]:
    """The nodes in sorted order, or in insertion order when they cannot be compared."""
    try:
        return sorted(G)
    except TypeError:
        return list(G)


def _signed_edges(G: nx.Graph, weight: str | None = None) -> Iterator[tuple[Node, Node, int, float]]:
    """Yield ``(u, v, sign, w)`` for each edge with sign +1 or -1; skip sign 0 or missing.

    ``w`` is ``abs(G[u][v][weight])`` (1 when ``weight`` is None or missing).
    Raise ValueError for any other sign, or a self-loop with a sign.
    """
    for u, v, data in G.edges(data=True):
        sign = data.get("sign")
        if sign is None or sign == 0:
            continue
        if sign not in (1, -1) or isinstance(sign, bool):
            raise ValueError(f"edge ({u!r}, {v!r}) has sign {sign!r}; expected +1, -1, 0 or none")
        if u == v:
            raise ValueError(f"self-loop on {u!r} carries a sign; remove it first")
        w = 1.0 if weight is None else abs(float(data.get(weight, 1.0)))
        yield u, v, int(sign), w


def _indexed(G: nx.Graph, weight: str | None) -> tuple[list[Node], list[_Edge]]:
    nodes = _node_order(G)
    index = {u: i for i, u in enumerate(nodes)}
    edges = []
    for u, v, s, w in _signed_edges(G, weight):
        i, j = sorted((index[u], index[v]))
        edges.append((i, j, s, w))
    return nodes, edges


def _components(n: int, edges: list[_Edge]) -> list[list[int]]:
    """Connected components of the signed edges, each sorted, in order of their first node."""
    H = nx.Graph()
    H.add_nodes_from(range(n))
    H.add_edges_from((i, j) for i, j, _, _ in edges)
    return sorted((sorted(c) for c in nx.connected_components(H)), key=lambda c: c[0])


def _triangles(G: nx.Graph) -> Iterator[tuple[tuple[Node, Node, Node], int]]:
    """Yield each triangle of signed edges once, as (node triple, number of negative edges).

    Triangles come in sorted order, each triple sorted (by node order, see ``_node_order``).
    """
    nodes, edges = _indexed(G, None)
    sign: dict[tuple[int, int], int] = {}
    nbrs: list[set[int]] = [set() for _ in nodes]
    for i, j, s, _ in edges:
        sign[i, j] = s
        nbrs[i].add(j)
        nbrs[j].add(i)
    for i in range(len(nodes)):
        later = sorted(x for x in nbrs[i] if x > i)
        for a, j in enumerate(later):
            for k in later[a + 1 :]:
                if k in nbrs[j]:
                    neg = (sign[i, j] < 0) + (sign[i, k] < 0) + (sign[j, k] < 0)
                    yield (nodes[i], nodes[j], nodes[k]), neg


# --------------------------------------------------------------------------- triangles

_PATTERNS = ("+++", "++-", "+--", "---")


@not_implemented_for("directed")
@not_implemented_for("multigraph")
def triangle_counts(G: nx.Graph) -> dict[str, int]:
    """Count the triangles of ``G`` by sign pattern.

    Parameters
    ----------
    G : networkx.Graph
        Undirected graph with edge attribute ``sign`` (+1 or -1).

    Returns
    -------
    dict
        ``{"+++": n0, "++-": n1, "+--": n2, "---": n3}``: triangles with 0, 1,
        2 and 3 negative edges. ``+++`` and ``+--`` are balanced.

    Examples
    --------
    >>> G = nx.complete_graph(4)
    >>> nx.set_edge_attributes(G, 1, "sign")
    >>> G[0][1]["sign"] = -1
    >>> triangle_counts(G)
    {'+++': 2, '++-': 2, '+--': 0, '---': 0}

    References
    ----------
    .. [1] Cartwright, D. and Harary, F. (1956). Structural balance: a
       generalization of Heider's theory. *Psychological Review* 63(5): 277-293.
    """
    counts = dict.fromkeys(_PATTERNS, 0)
    for _, neg in _triangles(G):
        counts[_PATTERNS[neg]] += 1
    return counts


@not_implemented_for("directed")
@not_implemented_for("multigraph")
def triangle_balance(G: nx.Graph) -> float:
    """The share of balanced triangles (an even number of negative edges).

    Parameters
    ----------
    G : networkx.Graph
        Undirected graph with edge attribute ``sign`` (+1 or -1).

    Returns
    -------
    float
        Between 0 and 1; 1 = every triangle balanced. NaN when ``G`` has no
        triangles. Same as signnet's ``balance_score(g, method="triangles")``.

    Examples
    --------
    >>> G = nx.cycle_graph(3)
    >>> nx.set_edge_attributes(G, {(0, 1): 1, (1, 2): 1, (0, 2): -1}, "sign")
    >>> triangle_balance(G)
    0.0

    References
    ----------
    .. [1] Cartwright, D. and Harary, F. (1956). Structural balance: a
       generalization of Heider's theory. *Psychological Review* 63(5): 277-293.
    """
    c = triangle_counts(G)
    total = sum(c.values())
    return (c["+++"] + c["+--"]) / total if total else math.nan


@not_implemented_for("directed")
@not_implemented_for("multigraph")
def unbalanced_triangles(G: nx.Graph) -> list[tuple[Node, Node, Node]]:
    """The triangles with an odd number of negative edges, as sorted node triples, sorted.

    Parameters
    ----------
    G : networkx.Graph
        Undirected graph with edge attribute ``sign`` (+1 or -1).

    Returns
    -------
    list of tuple
        Each unbalanced triangle ``(u, v, w)`` with ``u < v < w``.

    Examples
    --------
    >>> G = nx.complete_graph(4)
    >>> nx.set_edge_attributes(G, 1, "sign")
    >>> G[0][1]["sign"] = -1
    >>> unbalanced_triangles(G)
    [(0, 1, 2), (0, 1, 3)]

    References
    ----------
    .. [1] Cartwright, D. and Harary, F. (1956). Structural balance: a
       generalization of Heider's theory. *Psychological Review* 63(5): 277-293.
    """
    return [t for t, neg in _triangles(G) if neg % 2]


# --------------------------------------------------------------------------- walks


@not_implemented_for("directed")
@not_implemented_for("multigraph")
def walk_balance(G: nx.Graph) -> float:
    """Walk-based degree of balance of Estrada & Benzi: ``tr exp(A) / tr exp(|A|)``.

    ``A`` is the signed adjacency matrix and ``|A|`` its entrywise absolute
    value. ``tr exp(A)`` sums the closed walks of every length ``l``, weighted by
    ``1/l!``, a balanced walk (even number of negative edges) counting +1 and an
    unbalanced one -1; ``tr exp(|A|)`` counts them all as +1. Computed from the
    eigenvalues, as ``sum(exp(lambda_i)) / sum(exp(mu_i))``, which is signnet's
    ``balance_score(g, method = "walk")``.

    Parameters
    ----------
    G : networkx.Graph
        Undirected graph with edge attribute ``sign`` (+1 or -1).

    Returns
    -------
    float
        Between 0 and 1; 1 = balanced (exactly when ``G`` is balanced).
        NaN for a graph without nodes.

    Examples
    --------
    >>> G = nx.cycle_graph(3)
    >>> nx.set_edge_attributes(G, 1, "sign")
    >>> walk_balance(G)
    1.0
    >>> G[0][1]["sign"] = -1
    >>> round(walk_balance(G), 4)
    0.6858

    References
    ----------
    .. [1] Estrada, E. and Benzi, M. (2014). Walk-based measure of balance in
       signed networks: detecting lack of balance in social networks.
       *Physical Review E* 90(4): 042802.
    """
    nodes, edges = _indexed(G, None)
    n = len(nodes)
    if n == 0:
        return math.nan
    A = np.zeros((n, n))
    for i, j, s, _ in edges:
        A[i, j] = A[j, i] = s
    lam = np.linalg.eigvalsh(A)
    mu = np.linalg.eigvalsh(np.abs(A))
    top = mu.max()  # >= every |lambda_i|: shift both sums to avoid overflow
    value = float(np.exp(lam - top).sum() / np.exp(mu - top).sum())
    return min(value, 1.0)


# --------------------------------------------------------------------------- partitions


@dataclass(frozen=True)
class SignedPartition:
    """A partition of the nodes into blocs and the ties it leaves unbalanced.

    Attributes
    ----------
    value : int or float
        Number of violations (summed ``|weight|`` when a weight is given): negative
        edges inside a bloc plus positive edges between blocs.
    blocs : tuple of tuple
        The blocs, each sorted, in order of their smallest node. From
        :func:`frustration` always two (the second may be empty).
    exact : bool
        True if ``value`` is proven minimal; False if it comes from the
        seeded local search used above the exactness limit.
    violations : tuple of tuple
        The violating edges ``(u, v)`` with ``u < v``, sorted.
    """

    value: int | float
    blocs: tuple[tuple[Node, ...], ...]
    exact: bool
    violations: tuple[tuple[Node, Node], ...]


class _Search:
    """Branch and bound over the bloc labels of one connected component.

    Nodes are labelled in their sorted order; each node joins a bloc already
    used or opens the next one (a restricted growth string, so relabelled
    copies of a partition are never visited). The lower bound of a partial
    labelling adds (i) for every unlabelled node, the least it must pay to the
    labelled nodes whichever bloc it joins, and (ii) the optimum of the
    subgraph induced by the unlabelled nodes, solved beforehand from the last
    node backwards (Russian doll search, Verfaillie, Lemaitre & Schiex 1996).
    Labels are tried in increasing order and only strictly better solutions
    are kept, so the one returned is the lexicographically smallest optimal
    labelling.
    """

    def __init__(self, n: int, edges: list[_Edge], kmax: int) -> None:
        self.n = n
        self.kmax = kmax
        self.later: list[list[tuple[int, int, float]]] = [[] for _ in range(n)]
        for i, j, s, w in edges:
            self.later[i].append((j, s, w))
        self.tol = 1e-9 * max(1.0, sum(w for *_, w in edges))
        self.rds = [0.0] * (n + 1)
        self.labels = [0] * n
        self.first = 0

    def _reset(self, upper: float) -> None:
        n, k = self.n, self.kmax
        self.posw = [0.0] * n
        self.pb = [[0.0] * k for _ in range(n)]
        self.nb = [[0.0] * k for _ in range(n)]
        self.mins = [0.0] * n
        self.d0 = [0.0] * n
        self.d1 = [0.0] * n
        self.best = upper + 2 * self.tol
        self.best_labels: list[int] | None = None

    def _option_min(self, j: int, nblocs: int) -> float:
        pw = self.posw[j]
        best = pw if nblocs < self.kmax else math.inf
        pb, nb = self.pb[j], self.nb[j]
        for b in range(nblocs):
            c = nb[b] + pw - pb[b]
            if c < best:
                best = c
        return best

    def run(self, upper: float) -> tuple[float, list[int]]:
        """The lexicographically smallest optimal labelling; ``upper`` must be reachable."""
        for start in range(self.n - 1, 0, -1):  # optimum of each suffix, shortest first
            self._reset(self.rds[start + 1] + sum(w for *_, w in self.later[start]))
            self.first = start
            self._rec(start, 0.0, 0, 0.0)
            self.rds[start] = self.best
        self._reset(upper)
        self.first = 0
        self._rec(0, 0.0, 0, 0.0)
        assert self.best_labels is not None, "the upper bound was not reachable"
        return self.best, self.best_labels

    def _rec(self, i: int, cost: float, nblocs: int, rest: float) -> None:
        if self.kmax == 2:
            self._rec2(i, cost, rest)
            return
        if i == self.n:
            if cost < self.best - self.tol:
                self.best = cost
                self.best_labels = list(self.labels)
            return
        pw, pb, nb = self.posw[i], self.pb[i], self.nb[i]
        rest -= self.mins[i]
        inner = self.rds[i + 1]
        top = nblocs + 1 if nblocs < self.kmax else nblocs
        for b in range(top):
            c = cost + nb[b] + pw - pb[b]
            if c + rest + inner >= self.best - self.tol:
                continue
            used = max(nblocs, b + 1)
            saved = []
            r = rest
            for j, s, w in self.later[i]:
                saved.append(self.mins[j])
                if s > 0:
                    self.posw[j] += w
                    self.pb[j][b] += w
                else:
                    self.nb[j][b] += w
                m = self._option_min(j, used)
                r += m - self.mins[j]
                self.mins[j] = m
            if c + r + inner < self.best - self.tol:
                self.labels[i] = b
                self._rec(i + 1, c, used, r)
            for m, (j, s, w) in zip(saved, self.later[i], strict=True):
                self.mins[j] = m
                if s > 0:
                    self.posw[j] -= w
                    self.pb[j][b] -= w
                else:
                    self.nb[j][b] -= w

    def _rec2(self, i: int, cost: float, rest: float) -> None:
        """``_rec`` for two blocs; ``d0[j]``, ``d1[j]``: what ``j`` pays to labelled nodes in bloc 0, 1."""
        if i == self.n:
            if cost < self.best - self.tol:
                self.best = cost
                self.best_labels = list(self.labels)
            return
        d0, d1, mins, tol = self.d0, self.d1, self.mins, self.tol
        rest -= mins[i]
        inner = self.rds[i + 1]
        later = self.later[i]
        for b in (0, 1) if i != self.first else (0,):
            c = cost + (d1[i] if b else d0[i])
            if c + rest + inner >= self.best - tol:
                continue
            r = rest
            for j, s, w in later:
                if (s > 0) == (b == 0):
                    d1[j] += w
                else:
                    d0[j] += w
                m = d0[j] if d0[j] < d1[j] else d1[j]
                r += m - mins[j]
                mins[j] = m
            if c + r + inner < self.best - tol:
                self.labels[i] = b
                self._rec2(i + 1, c, r)
            for j, s, w in later:
                if (s > 0) == (b == 0):
                    d1[j] -= w
                else:
                    d0[j] -= w
                mins[j] = d0[j] if d0[j] < d1[j] else d1[j]


def _violations(labels: list[int], edges: list[_Edge]) -> list[_Edge]:
    """The edges ``labels`` leaves unbalanced: negative inside a bloc, positive between blocs."""
    return [e for e in edges if (labels[e[0]] == labels[e[1]]) != (e[2] > 0)]


def _cost(labels: list[int], edges: list[_Edge]) -> float:
    """The summed weight of the violations of ``labels``."""
    return sum(w for *_, w in _violations(labels, edges))


def _canonical(labels: list[int]) -> list[int]:
    """Relabel blocs in order of first appearance."""
    seen: dict[int, int] = {}
    return [seen.setdefault(b, len(seen)) for b in labels]


def _local_search(n: int, edges: list[_Edge], kmax: int, seed: int) -> tuple[float, list[int]]:
    """Seeded local search with restarts: move single nodes to their best bloc until none improves."""
    rng = random.Random(seed)
    adj: list[list[tuple[int, int, float]]] = [[] for _ in range(n)]
    for i, j, s, w in edges:
        adj[i].append((j, s, w))
        adj[j].append((i, s, w))
    best_cost, best_labels = math.inf, [0] * n
    for r in range(_RESTARTS):
        start = min(kmax, 2 + r % 4)  # restarts from random labellings with 2 to 5 blocs
        labels = [0] * n if r == 0 else [rng.randrange(start) for _ in range(n)]
        size = [0] * (n + 1)  # bloc labels stay below n + 1: a node only opens a bloc when one is empty
        for b in labels:
            size[b] += 1
        used = sum(1 for x in size if x)
        improved = True
        while improved:
            improved = False
            for i in rng.sample(range(n), n):
                # cost of i in bloc b: its positive weight + delta[b] (negative minus positive weight into b)
                delta: dict[int, float] = {}
                for j, s, w in adj[i]:
                    delta[labels[j]] = delta.get(labels[j], 0.0) + (w if s < 0 else -w)
                here = labels[i]
                target, gain = here, delta.get(here, 0.0)
                for b, d in delta.items():
                    if d < gain - 1e-12:
                        target, gain = b, d
                if gain > 1e-12:  # a bloc holding no neighbour of i costs 0: an empty one or another
                    if used < kmax:
                        target, gain = size.index(0), 0.0
                    else:
                        free = (b for b, x in enumerate(size) if x and b != here and b not in delta)
                        other = next(free, None)
                        if other is not None:
                            target, gain = other, 0.0
                if target != here:
                    size[here] -= 1
                    size[target] += 1
                    used += (size[target] == 1) - (size[here] == 0)
                    labels[i] = target
                    improved = True
        c = _cost(labels, edges)
        if c < best_cost:
            best_cost, best_labels = c, _canonical(labels)
    return best_cost, best_labels


class PartitionCache:
    """Partitions (:func:`frustration`, :func:`best_partition`) solved once and handed out again.

    A build asks for the frustration partition of the same snapshot many times over (the
    tables, the figures' blocs and balance, the explorer, the lesson pages); the build makes
    one cache and passes it to every analysis and output as ``partitions=``, so each is solved
    once. The key holds everything the answer depends on: the nodes (in the order they are
    labelled, each with its type), the signed edges with their costs, the number of blocs
    allowed, the exactness limit and the seed; so a partition is reused only where solving
    again would give the same one. :class:`SignedPartition` is frozen, so the one shared
    answer cannot be changed by a caller. Nothing is kept anywhere else: a call given no cache
    solves afresh, so timing a repeated call measures the solve each time.

    ``hits`` and ``misses`` count the answers handed out again and those solved.

    Examples
    --------
    >>> G = nx.cycle_graph(4)
    >>> nx.set_edge_attributes(G, -1, "sign")
    >>> cache = PartitionCache()
    >>> frustration(G, partitions=cache) is frustration(G, partitions=cache)
    True
    >>> cache.misses, cache.hits, len(cache)
    (1, 1, 1)
    >>> frustration(G) is frustration(G)
    False
    """

    def __init__(self) -> None:
        self._found: dict[tuple[Any, ...], SignedPartition] = {}
        self.hits = 0
        self.misses = 0

    def __len__(self) -> int:
        return len(self._found)

    def __repr__(self) -> str:
        return f"PartitionCache({len(self)} partitions, {self.hits} hits, {self.misses} misses)"

    def get(self, key: tuple[Any, ...], solve: Callable[[], SignedPartition]) -> SignedPartition:
        """The partition kept under ``key``, or ``solve()``'s, kept from now on."""
        found = self._found.get(key)
        if found is None:
            self.misses += 1
            found = self._found[key] = solve()
        else:
            self.hits += 1
        return found


def _solve(
    G: nx.Graph,
    kmax: int | None,
    weight: str | None,
    exact_limit: int,
    seed: int,
    partitions: PartitionCache | None,
) -> SignedPartition:
    nodes, edges = _indexed(G, weight)
    if partitions is None:
        return _solve_indexed(nodes, edges, kmax, weight, exact_limit, seed)
    key = (tuple((type(u), u) for u in nodes), tuple(edges), kmax, weight is None, exact_limit, seed)
    return partitions.get(key, lambda: _solve_indexed(nodes, edges, kmax, weight, exact_limit, seed))


def _solve_indexed(
    nodes: list[Node], edges: list[_Edge], kmax: int | None, weight: str | None, exact_limit: int, seed: int
) -> SignedPartition:
    """The best partition of the indexed signed graph (:func:`_indexed`) into at most ``kmax`` blocs."""
    labels = [0] * len(nodes)
    exact = True
    comps = _components(len(nodes), edges)
    where = {u: (c, a) for c, comp in enumerate(comps) for a, u in enumerate(comp)}
    subs: list[list[_Edge]] = [[] for _ in comps]
    for i, j, s, w in edges:
        c, a = where[i]
        subs[c].append((a, where[j][1], s, w))
    for comp, sub in zip(comps, subs, strict=True):
        m = len(comp)
        k = m if kmax is None else min(kmax, m)
        upper, found = _local_search(m, sub, k, seed)
        if m <= exact_limit:
            found = _Search(m, sub, k).run(upper)[1]
        else:
            exact = False
        for a, u in enumerate(comp):
            labels[u] = found[a]
    nblocs = max(labels, default=-1) + 1
    if kmax == 2:
        nblocs = 2
    blocs = tuple(tuple(nodes[i] for i in range(len(nodes)) if labels[i] == b) for b in range(nblocs))
    violated = _violations(labels, edges)
    bad = sorted((i, j) for i, j, _, _ in violated)
    value = sum(w for *_, w in violated)
    return SignedPartition(
        value=int(value) if weight is None else value,
        blocs=blocs,
        exact=exact,
        violations=tuple((nodes[i], nodes[j]) for i, j in bad),
    )


@not_implemented_for("directed")
@not_implemented_for("multigraph")
def frustration(
    G: nx.Graph,
    weight: str | None = None,
    *,
    exact_limit: int = EXACT_LIMIT,
    seed: int = 0,
    partitions: PartitionCache | None = None,
) -> SignedPartition:
    """The frustration index (line index of balance) and a best split into two blocs.

    The frustration index is the least number of edges whose deletion (or,
    equivalently, whose sign change) makes ``G`` balanced: the minimum, over
    all splits of the nodes into two blocs, of the negative edges inside a bloc
    plus the positive edges between the blocs.

    Each connected component is solved on its own. A component of at most
    ``exact_limit`` nodes (default :data:`EXACT_LIMIT` = 30) is solved exactly
    by branch and bound: under 0.5 s for a random 30-node component, dense
    or sparse; the time about triples with every 4 more nodes. A larger one
    falls back to a seeded local search with restarts and the result says
    ``exact=False``: its ``value`` is then an upper bound.

    Ties are broken deterministically: the smallest node of each component is in
    the first bloc and, among the optimal splits, the one whose bloc labels read
    in sorted node order are lexicographically smallest is returned.

    Parameters
    ----------
    G : networkx.Graph
        Undirected graph with edge attribute ``sign`` (+1 or -1).
    weight : str, optional
        Edge attribute whose absolute value is the cost of frustrating the
        edge (default: every edge costs 1).
    exact_limit : int
        Largest component, in nodes, solved exactly.
    seed : int
        Seed of the local search (used for the upper bound, and as the answer
        above ``exact_limit``).
    partitions : PartitionCache, optional
        Where a partition solved before is found, and this one kept (default: solved afresh).

    Returns
    -------
    SignedPartition
        ``value`` (the index), ``blocs`` (two sorted tuples, the first holding
        the smallest node), ``exact`` and the frustrated edges (``violations``).
        ``1 - 2 * value / m``, with ``m`` signed edges, is the normalised
        index of Aref & Wilson (between 0 and 1; 1 = balanced), which is
        signnet's ``balance_score(g, method = "frustration")``.

    Examples
    --------
    >>> G = nx.cycle_graph(4)
    >>> nx.set_edge_attributes(G, {(0, 1): 1, (1, 2): -1, (2, 3): 1, (0, 3): 1}, "sign")
    >>> r = frustration(G)
    >>> r.value, r.blocs, r.exact, r.violations
    (1, ((0, 1, 2, 3), ()), True, ((1, 2),))

    References
    ----------
    .. [1] Harary, F. (1959). On the measurement of structural balance.
       *Behavioral Science* 4(4): 316-323.
    .. [2] Aref, S., Mason, A. J. and Wilson, M. C. (2020). A modeling and
       computational study of the frustration index in signed networks.
       *Networks* 75(1): 95-110.
    .. [3] Aref, S. and Wilson, M. C. (2018). Measuring partial balance in
       signed networks. *Journal of Complex Networks* 6(4): 566-595.
    """
    return _solve(G, 2, weight, exact_limit, seed, partitions)


@not_implemented_for("directed")
@not_implemented_for("multigraph")
def best_partition(
    G: nx.Graph,
    k: int | None = None,
    weight: str | None = None,
    *,
    exact_limit: int = PARTITION_EXACT_LIMIT,
    seed: int = 0,
    partitions: PartitionCache | None = None,
) -> SignedPartition:
    """A partition into blocs with the fewest violations (negative inside plus positive between).

    With ``k=None`` any number of blocs is allowed (a graph with value 0 is
    *clusterable* in Davis's sense); with ``k`` at most ``k`` blocs, so
    ``best_partition(G, 2).value == frustration(G).value``. Violations are
    counted with equal weight (Doreian & Mrvar's criterion with alpha = 0.5,
    up to a factor).

    Each connected component is solved on its own and their blocs are merged
    by rank (first bloc of every component together, and so on), which costs
    nothing since no edge joins two components. A component of at most
    ``exact_limit`` nodes (default :data:`PARTITION_EXACT_LIMIT` = 18) is solved
    exactly by branch and bound, under 0.5 s for a random 18-node component
    but ten times that at 22 nodes; a larger one by a seeded local search, and
    the result says ``exact=False``. Ties are broken as in :func:`frustration`:
    bloc labels in sorted node order, lexicographically smallest.

    Parameters
    ----------
    G : networkx.Graph
        Undirected graph with edge attribute ``sign`` (+1 or -1).
    k : int, optional
        Largest number of blocs (default: no limit).
    weight : str, optional
        Edge attribute whose absolute value is the cost of a violation.
    exact_limit : int
        Largest component, in nodes, solved exactly.
    seed : int
        Seed of the local search.
    partitions : PartitionCache, optional
        Where a partition solved before is found, and this one kept (default: solved afresh).

    Returns
    -------
    SignedPartition
        ``value``, ``blocs`` (sorted tuples, in order of their smallest node),
        ``exact`` and the violating edges.

    Examples
    --------
    >>> G = nx.complete_graph(3)
    >>> nx.set_edge_attributes(G, -1, "sign")
    >>> best_partition(G).blocs, best_partition(G).value
    (((0,), (1,), (2,)), 0)
    >>> frustration(G).value
    1

    References
    ----------
    .. [1] Davis, J. A. (1967). Clustering and structural balance in graphs.
       *Human Relations* 20(2): 181-187.
    .. [2] Doreian, P. and Mrvar, A. (1996). A partitioning approach to
       structural balance. *Social Networks* 18(2): 149-168.
    """
    if k is not None and k < 1:
        raise ValueError(f"k must be at least 1, got {k}")
    return _solve(G, k, weight, exact_limit, seed, partitions)
