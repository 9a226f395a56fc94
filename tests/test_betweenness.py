"""The fast weighted betweenness equals networkx's betweenness_centrality to the last bit."""

import random

import networkx as nx
import pytest

from network.betweenness import betweenness


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
    """Should give networkx's exact normalised betweenness, bit for bit."""
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
