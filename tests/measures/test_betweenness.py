"""The fast weighted betweenness: networkx's algorithm, counting every equally short path.

Where no two different path lengths are near-equal it equals networkx's
``betweenness_centrality`` to the last bit; where float sums of equally short
paths differ in the last bit it counts both, as an exact rational-arithmetic
count and igraph do (networkx keeps one).
"""

import random
from fractions import Fraction
from itertools import combinations

import networkx as nx
import pytest

from network.measures.betweenness import betweenness

igraph = pytest.importorskip("igraph")


def random_graph(n: int, p: float, seed: int, lengths: str) -> nx.Graph:
    """A G(n, p) graph with string nodes (inserted in shuffled order) and edge lengths."""
    rng = random.Random(seed)
    g = nx.gnp_random_graph(n, p, seed=seed)
    h = nx.Graph()
    order = list(g)
    rng.shuffle(order)
    h.add_nodes_from(f"n{i}" for i in order)
    for u, v in g.edges:
        if lengths == "unit":
            d = 1.0
        elif lengths == "few":  # many equal-length paths
            d = 1.0 / rng.choice([1, 2, 4])
        else:
            d = 1.0 / rng.uniform(0.5, 3.0)
        h.add_edge(f"n{u}", f"n{v}", distance=d)
    return h


@pytest.mark.parametrize("lengths", ["unit", "few", "any"])
@pytest.mark.parametrize("seed", range(6))
def test_exact_equals_networkx(seed, lengths):
    """Should give networkx's normalised betweenness, bit for bit, where lengths tie exactly or not at all."""
    g = random_graph(40, 0.08, seed, lengths)
    ours = betweenness(g, weight="distance")
    theirs = nx.betweenness_centrality(g, normalized=True, weight="distance")
    assert list(ours) == list(theirs)
    assert ours == theirs


@pytest.mark.parametrize("k", [1, 5, 20, 60])
@pytest.mark.parametrize("seed", range(3))
def test_sampled_equals_networkx(seed, k):
    """Should sample the same sources as networkx for a seed and give the same estimate."""
    g = random_graph(60, 0.05, seed, "few")
    ours = betweenness(g, k=k, weight="distance", seed=seed)
    theirs = nx.betweenness_centrality(g, k=k, normalized=True, weight="distance", seed=seed)
    assert ours.keys() == theirs.keys()
    assert all(ours[v] == theirs[v] or (ours[v] != ours[v] and theirs[v] != theirs[v]) for v in ours)


def test_small_and_unweighted_graphs():
    """Should agree on tiny graphs and without a weight attribute."""
    for g in (nx.Graph(), nx.path_graph(1), nx.path_graph(2), nx.path_graph(5), nx.star_graph(4)):
        assert betweenness(g) == nx.betweenness_centrality(g)


def test_refuses_directed_graphs():
    """Should refuse what it does not mirror."""
    with pytest.raises(nx.NetworkXNotImplemented):
        betweenness(nx.DiGraph([(0, 1)]))


def exact_betweenness(g: nx.Graph, weight: str) -> dict:
    """Normalised betweenness in rational arithmetic, from all-pairs distances and path counts.

    Independent of Brandes' accumulation: ``b(v)`` sums, over the pairs
    ``s < t`` other than ``v``, the share ``sigma(s,v) sigma(v,t) / sigma(s,t)``
    of their shortest paths through ``v``, where ``d(s,v) + d(v,t) = d(s,t)``
    exactly. Edge weights are the exact rationals their floats hold; the
    length of an edge is ``1 / weight``.
    """
    nodes = list(g)
    length = {(u, v): 1 / Fraction(d[weight]) for u, v, d in g.edges(data=True)}
    length.update({(v, u): x for (u, v), x in list(length.items())})
    dist = {s: {s: Fraction(0)} for s in nodes}
    sigma = {s: {s: 1} for s in nodes}
    for s in nodes:  # Dijkstra on exact lengths, then path counts in order of distance
        todo = set(nodes) - {s}
        frontier = {w: length[s, w] for w in g[s]}
        while frontier:
            v = min(frontier, key=frontier.__getitem__)
            dist[s][v] = frontier.pop(v)
            todo.discard(v)
            for w in g[v]:
                if w in todo and (w not in frontier or dist[s][v] + length[v, w] < frontier[w]):
                    frontier[w] = dist[s][v] + length[v, w]
        for t in sorted(dist[s], key=dist[s].__getitem__)[1:]:
            sigma[s][t] = sum(
                sigma[s][u] for u in g[t] if u in dist[s] and dist[s][u] + length[u, t] == dist[s][t]
            )
    n = len(nodes)
    out = dict.fromkeys(nodes, Fraction(0))
    for s, t in combinations(nodes, 2):
        if t not in dist[s]:
            continue
        for v in nodes:
            if v in (s, t) or v not in dist[s]:
                continue
            if dist[s][v] + dist[v][t] == dist[s][t]:
                out[v] += Fraction(sigma[s][v] * sigma[v][t], sigma[s][t])
    scale = Fraction(2, (n - 1) * (n - 2)) if n > 2 else Fraction(1)
    return {v: b * scale for v, b in out.items()}


def igraph_betweenness(g: nx.Graph, weight: str) -> dict:
    """igraph's weighted betweenness (relative tolerance 1e-10 on path lengths), normalised like networkx."""
    nodes = list(g)
    index = {v: i for i, v in enumerate(nodes)}
    edges = list(g.edges(data=True))
    h = igraph.Graph(n=len(nodes), edges=[(index[u], index[v]) for u, v, _ in edges])
    raw = h.betweenness(directed=False, weights=[d[weight] for _, _, d in edges])
    n = len(nodes)
    return {v: b * 2 / ((n - 1) * (n - 2)) for v, b in zip(nodes, raw, strict=True)}


def four_cycle() -> nx.Graph:
    """The cycle a-b-c-d-a with weights 1, 6, 1.5, 2: lengths 1, 1/6, 2/3, 1/2.

    a to c: 1 + 1/6 = 7/6 through b, 1/2 + 2/3 = 7/6 through d, two equally
    short paths whose float sums differ in the last bit; b to d: 5/6 through c.
    """
    g = nx.Graph()
    for u, v, w in [("a", "b", 1.0), ("b", "c", 6.0), ("c", "d", 1.5), ("d", "a", 2.0)]:
        g.add_edge(u, v, weight=w, distance=1.0 / w)
    return g


def test_four_cycle_counts_both_equally_short_paths():
    """Should give b = d = 1/6 and c = 1/3, where the float sums alone give b = 0 and d = 1/3."""
    g = four_cycle()
    assert 1.0 + 1.0 / 6.0 != 1.0 / 2.0 + 1.0 / 1.5  # the slip this guards against is real in floats
    ours = betweenness(g, weight="distance")
    exact = exact_betweenness(g, "weight")
    assert exact == {"a": 0, "b": Fraction(1, 6), "c": Fraction(1, 3), "d": Fraction(1, 6)}
    assert ours == pytest.approx({v: float(x) for v, x in exact.items()}, abs=1e-15)
    assert ours == pytest.approx(igraph_betweenness(g, "distance"), abs=1e-15)
    assert nx.betweenness_centrality(g, weight="distance")["b"] == 0.0  # networkx drops one path


def rational_graph(n: int, p: float, seed: int) -> nx.Graph:
    """A G(n, p) graph whose weights are small rationals exact in binary, so many paths tie exactly."""
    rng = random.Random(seed)
    g = nx.gnp_random_graph(n, p, seed=seed)
    h = nx.Graph()
    h.add_nodes_from(f"n{i}" for i in g)
    for u, v in g.edges:
        w = rng.choice([0.5, 0.75, 1.0, 1.5, 2.0, 2.5, 3.0, 4.0, 6.0])
        h.add_edge(f"n{u}", f"n{v}", weight=w, distance=1.0 / w)
    return h


@pytest.mark.parametrize("seed", range(8))
def test_equals_exact_count_and_igraph_on_random_graphs(seed):
    """Should equal the exact rational count and igraph on graphs full of exactly tied path lengths."""
    g = rational_graph(18, 0.2, seed)
    ours = betweenness(g, weight="distance")
    exact = {v: float(x) for v, x in exact_betweenness(g, "weight").items()}
    assert ours == pytest.approx(exact, abs=1e-12)
    assert ours == pytest.approx(igraph_betweenness(g, "distance"), abs=1e-12)


def test_random_graphs_do_show_the_float_slip():
    """Should test something: on some of those graphs, comparing float sums exactly gives other values."""
    differ = 0
    for seed in range(8):
        g = rational_graph(18, 0.2, seed)
        exact = {v: float(x) for v, x in exact_betweenness(g, "weight").items()}
        plain = nx.betweenness_centrality(g, weight="distance")
        differ += plain != pytest.approx(exact, abs=1e-12)
    assert differ >= 4


@pytest.mark.parametrize("level", ["person", "state"])
@pytest.mark.parametrize("by", ["year", "period"])
def test_equals_igraph_on_the_curated_data(by, level):
    """Should equal igraph's count on the positive graph of every curated period."""
    from network import load
    from network.measures.centrality import _graphs
    from network.timeline.snapshots import snapshots

    for snap in snapshots(load("data/actors.yaml"), by=by, level=level):
        _, _, positive = _graphs(snap.graph)
        if positive.number_of_nodes() < 3:
            continue
        ours = betweenness(positive, weight="distance")
        assert ours == pytest.approx(igraph_betweenness(positive, "distance"), abs=1e-12), snap.window.id
