"""Tests for network.measures.signed_centrality: the PN index against hand values and signnet's."""

from __future__ import annotations

import networkx as nx
import numpy as np
import pytest

from network import load
from network.measures.signed_centrality import pn_index


def tribes():
    """Read's Highland Tribes as a signed graph, from data/tribes.yaml."""
    ds = load("data/tribes.yaml")
    G = nx.Graph()
    G.add_nodes_from(ds.actors)
    for t in ds.ties:
        G.add_edge(t.source, t.target, sign=t.sign)
    return G


def test_no_signed_edges():
    """Without signed edges every node scores 1."""
    G = nx.empty_graph(4)
    G.add_edge(0, 1, sign=0)
    assert pn_index(G) == {0: 1.0, 1: 1.0, 2: 1.0, 3: 1.0}


def test_positive_complete_graph():
    """All-positive K5: A 1 = 4 * 1, so PN = 1 / (1 - 4/8) = 2 for every node (signnet's test)."""
    G = nx.complete_graph(5)
    nx.set_edge_attributes(G, 1, "sign")
    assert pn_index(G) == pytest.approx(dict.fromkeys(range(5), 2.0))


def test_path_by_hand():
    """Path 0 +1 1 -1 2: solve (I - A/4) x = 1 with A = [[0,1,0],[1,0,-2],[0,-2,0]] -> (14, 12, 5) / 11."""
    G = nx.path_graph(3)
    nx.set_edge_attributes(G, {(0, 1): 1, (1, 2): -1}, "sign")
    assert pn_index(G) == pytest.approx({0: 14 / 11, 1: 12 / 11, 2: 5 / 11})


def test_empty_and_single_node():
    """No nodes: empty; one node: 1."""
    assert pn_index(nx.Graph()) == {}
    assert pn_index(nx.empty_graph(1)) == {0: 1.0}


def test_singular_raises():
    """Should raise when I - A/(2n-2) is singular (two nodes joined by a negative edge)."""
    G = nx.Graph()
    G.add_edge("a", "b", sign=-1)
    with pytest.raises(ValueError, match="singular"):
        pn_index(G)


def test_directed_raises():
    """Should raise for a directed graph."""
    G = nx.DiGraph()
    G.add_edge(1, 2, sign=1)
    with pytest.raises(nx.NetworkXNotImplemented):
        pn_index(G)


# signnet's 10-node example (R/centrality_indices.R @examples and the "Centrality" vignette,
# articles/centrality.md): a graph where signed degree ratio is 0.5 for every node.
# The R matrix is filled by column; it is symmetric, so rows read the same.
# fmt: off
SIGNNET_10 = np.array([
    [0, 1, 0, 1, 0, 0, 0, -1, -1, 0],
    [1, 0, 1, -1, 1, -1, -1, 0, 0, 0],
    [0, 1, 0, 1, -1, 0, 0, 0, -1, 0],
    [1, -1, 1, 0, 1, -1, -1, 0, 0, 0],
    [0, 1, -1, 1, 0, 1, 0, -1, 0, -1],
    [0, -1, 0, -1, 1, 0, 1, 0, 1, -1],
    [0, -1, 0, -1, 0, 1, 0, 1, -1, 1],
    [-1, 0, 0, 0, -1, 0, 1, 0, 1, 0],
    [-1, 0, -1, 0, 0, 1, -1, 1, 0, 1],
    [0, 0, 0, 0, -1, -1, 1, 0, 1, 0],
])
# pn_index(g) as printed in the vignette (7 significant digits).
SIGNNET_10_PN = [0.9009747, 0.8613482, 0.9076997, 0.8613482, 0.8410658,
                 0.8496558, 0.8617321, 0.9015909, 0.8509848, 0.9072930]


def test_signnet_ten_node_example():
    """signnet's 10-node example: all ten published values, to the printed 7 digits."""
    assert (SIGNNET_10 == SIGNNET_10.T).all()
    G = nx.Graph()
    G.add_nodes_from(range(10))
    for i, j in zip(*np.nonzero(np.triu(SIGNNET_10)), strict=True):
        G.add_edge(int(i), int(j), sign=int(SIGNNET_10[i, j]))
    pn = pn_index(G)
    assert [pn[i] for i in range(10)] == pytest.approx(SIGNNET_10_PN, abs=5e-7)


# pn_index(tribes) rounded to 3 decimals, as printed in the signnet "Signed Networks" tutorial
# (schochastics, R4SNA: descriptive/signed-networks), in signnet's vertex order.
TRIBES_PN = {
    "gavev": 0.753, "kotun": 0.764, "ove": 1.042, "alika": 1.023, "nagam": 0.903, "gahuk": 0.905,
    "masil": 1.224, "ukudz": 1.141, "notoh": 0.874, "kohik": 0.903, "geham": 0.865, "asaro": 0.934,
    "uheto": 0.916, "seuve": 0.875, "nagad": 0.715, "gama": 0.715,
}
# fmt: on


def test_tribes_pn_index():
    """Read's Highland Tribes: all 16 published PN values within 1e-3; Masil highest."""
    pn = pn_index(tribes())
    assert set(pn) == set(TRIBES_PN)
    for tribe, value in TRIBES_PN.items():
        assert pn[tribe] == pytest.approx(value, abs=1e-3), tribe
    assert max(pn, key=pn.__getitem__) == "masil"


def test_condition_shortcut_decides_as_the_full_condition_number():
    """Should call the same graphs singular as the exact condition number does (random signed graphs)."""
    import random

    from network.measures.signed_centrality import _COND_MAX

    def plain(G):
        nodes = sorted(G)
        n = len(nodes)
        A = np.zeros((n, n))
        for u, v, d in G.edges(data=True):
            if d.get("sign"):
                A[nodes.index(u), nodes.index(v)] = A[nodes.index(v), nodes.index(u)] = (
                    1.0 if d["sign"] > 0 else -2.0
                )
        M = np.eye(n) - A / (2 * n - 2)
        return np.linalg.cond(M) > _COND_MAX

    rng = random.Random(0)
    graphs = [nx.path_graph(2), nx.complete_graph(3), nx.star_graph(3)]
    graphs += [nx.gnp_random_graph(rng.randint(2, 12), rng.random(), seed=s) for s in range(60)]
    for G in graphs:
        if G.number_of_nodes() < 2:
            continue
        hostile = rng.random() < 0.5
        nx.set_edge_attributes(G, {e: -1 if hostile or rng.random() < 0.3 else 1 for e in G.edges}, "sign")
        try:
            pn_index(G)
            singular = False
        except ValueError:
            singular = True
        assert singular == plain(G), sorted(G.edges(data="sign"))
