"""Centrality per period: hand-checkable values on the mini dataset and small graphs."""

import json
import math
from datetime import date
from pathlib import Path

import networkx as nx
import pytest

from network import load
from network.centrality import MEASURES, centrality
from network.signed_centrality import pn_index
from network.snapshots import Snapshot, signed_graph, snapshots
from network.windows import Window

DATA = Path(__file__).resolve().parent / "data"
KEYS = [
    "period",
    "actor",
    "name",
    "degree_pos",
    "degree_neg",
    "strength",
    "strength_pos",
    "strength_neg",
    "betweenness",
    "eigenvector",
    "pagerank",
    "pn",
    "rank",
]


@pytest.fixture(scope="module")
def mini():
    return load(DATA / "mini.yaml")


def snap_of(edges, inactive=()):
    """A one-window snapshot of hand-made (u, v, net weight) edges."""
    g = nx.Graph(level="person")
    for n in inactive:
        g.add_node(n, name=n, kind="state", active=False)
    for u, v, w in edges:
        for n in (u, v):
            g.add_node(n, name=n, kind="state", active=True)
        g.add_edge(
            u,
            v,
            weight=w,
            pos=max(w, 0.0),
            neg=max(-w, 0.0),
            count=1,
            ties=(f"{u}-{v}",),
            sign=(w > 0) - (w < 0),
        )
    return Snapshot(Window("1958", "1958", date(1958, 1, 1), date(1958, 12, 31)), g, {})


def by_actor(rows, period):
    return {r["actor"]: r for r in rows if r["period"] == period}


def test_keys_are_stable(mini):
    """Should give every row the documented keys, in order, and JSON-serialise."""
    rows = centrality(snapshots(mini))
    assert rows and all(list(r) == KEYS for r in rows)
    json.loads(rows.to_json())


def test_degree_and_strength_split_by_sign(mini):
    """Should split degree by edge sign and strength into positive and negative weight."""
    r = by_actor(centrality(snapshots(mini, level="state")), "1958")
    assert (r["albania"]["degree_pos"], r["albania"]["degree_neg"]) == (2, 0)
    assert (r["albania"]["strength"], r["albania"]["strength_pos"], r["albania"]["strength_neg"]) == (
        3.0,
        4.0,
        1.0,
    )
    assert r["ussr"]["strength"] == 2.0
    r = by_actor(centrality(snapshots(mini, level="state")), "1960")
    assert (r["ussr"]["degree_pos"], r["ussr"]["degree_neg"], r["ussr"]["strength"]) == (0, 2, -3.0)


def test_inactive_actors_are_left_out(mini):
    """Should report only actors with a tie in the period."""
    rows = centrality(snapshots(mini))
    assert sorted(by_actor(rows, "1960")) == ["albania", "china", "ussr"]
    assert "shehu" in by_actor(rows, "1958") and "shehu" not in by_actor(rows, "1957")


def test_positive_graph_measures_on_a_path():
    """Should give the middle of a positive path all the betweenness; PageRank sums to 1."""
    rows = by_actor(
        centrality([snap_of([("a", "b", 1.0), ("b", "c", 1.0), ("c", "d", -1.0)], inactive=["z"])]), "1958"
    )
    assert sorted(rows) == ["a", "b", "c", "d"]
    # positive graph a-b-c plus d alone: b lies on the one shortest path a-c of the 3 pairs of 4 nodes
    assert rows["b"]["betweenness"] == pytest.approx(1 / 3)
    assert rows["a"]["betweenness"] == rows["d"]["betweenness"] == 0.0
    assert sum(r["pagerank"] for r in rows.values()) == pytest.approx(1.0)
    assert rows["b"]["eigenvector"] == pytest.approx(math.sqrt(0.5))
    assert rows["a"]["eigenvector"] == pytest.approx(0.5)
    assert rows["d"]["eigenvector"] == 0.0


def test_betweenness_distance_is_inverse_weight():
    """Should route shortest paths over strong ties (distance = 1/weight)."""
    rows = by_actor(centrality([snap_of([("a", "b", 4.0), ("b", "c", 4.0), ("a", "c", 1.0)])]), "1958")
    assert rows["b"]["betweenness"] == pytest.approx(1.0)  # a-b-c costs 0.5, a-c costs 1


def test_eigenvector_on_equal_components_is_shared():
    """Should split the norm evenly between components of equal spectral radius."""
    rows = by_actor(centrality([snap_of([("a", "b", 1.0), ("c", "d", 1.0)])]), "1958")
    assert [rows[n]["eigenvector"] for n in "abcd"] == [pytest.approx(0.5)] * 4
    assert sum(r["eigenvector"] ** 2 for r in rows.values()) == pytest.approx(1.0)


def test_pn_is_everett_borgatti_on_the_signed_graph(mini):
    """Should report the PN index of the period's signed graph."""
    snap = snapshots(mini, level="state")[1]
    expected = pn_index(signed_graph(snap.graph))
    rows = by_actor(centrality([snap]), "1958")
    assert {a: r["pn"] for a, r in rows.items()} == pytest.approx(expected)


def test_pn_undefined_for_a_lone_negative_dyad():
    """Should give pn None (not crash) where the PN system is singular."""
    rows = centrality([snap_of([("a", "b", -1.0)])])
    assert [r["pn"] for r in rows] == [None, None]
    assert [r["rank"] for r in rows] == [1, 2]


def test_ranks_are_dense_and_ties_broken_by_id():
    """Should rank 1..n by the measure, equal values in actor-id order."""
    rows = centrality([snap_of([("b", "a", 1.0), ("c", "d", 1.0)])], rank_by="strength")
    assert [(r["actor"], r["rank"]) for r in rows] == [("a", 1), ("b", 2), ("c", 3), ("d", 4)]
    rows = centrality([snap_of([("a", "b", 1.0), ("b", "c", 2.0)])], rank_by="strength")
    assert [(r["actor"], r["rank"]) for r in rows] == [("b", 1), ("c", 2), ("a", 3)]


def test_default_rank_is_by_pn(mini):
    """Should rank by the PN index by default."""
    for period in ("1957", "1958", "1959"):
        rows = [r for r in centrality(snapshots(mini, level="state")) if r["period"] == period]
        assert [r["pn"] for r in rows] == sorted((r["pn"] for r in rows), reverse=True)


def test_unknown_rank_measure():
    """Should refuse a measure it cannot rank by."""
    with pytest.raises(ValueError, match="unknown measure"):
        centrality([], rank_by="fame")
    assert "pn" in MEASURES


def test_tribes_runs_and_masil_leads():
    """Should rank Masil first by PN in Read's Highland Tribes (all positive, no negative ties)."""
    rows = centrality(snapshots(load(Path(__file__).resolve().parents[1] / "data" / "tribes.yaml")))
    assert len(rows) == 16
    assert rows[0]["actor"] == "masil" and rows[0]["degree_pos"] == 7 and rows[0]["degree_neg"] == 0
