"""Centrality per period: hand-checkable values on the mini dataset and small graphs."""

import json
import math
from datetime import date
from pathlib import Path

import networkx as nx
import pytest

from network import load
from network.measures.centrality import MEASURES, centrality
from network.measures.signed_centrality import pn_index
from network.timeline.snapshots import Snapshot, signed_graph, snapshots
from network.timeline.windows import Window

DATA = Path(__file__).resolve().parents[1] / "data"


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


def test_keys_are_stable(mini, row_keys):
    """Should give every row the documented keys, in order, and JSON-serialise."""
    rows = centrality(snapshots(mini))
    assert rows and all(list(r) == row_keys["centrality"] for r in rows)
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
    rows = centrality(
        snapshots(load(Path(__file__).resolve().parents[2] / "data" / "tribes.yaml")), rank_by="pn"
    )
    assert len(rows) == 16
    assert rows[0]["actor"] == "masil" and rows[0]["degree_pos"] == 7 and rows[0]["degree_neg"] == 0


# -- fast paths against the plain definitions ---------------------------------------------------


def random_snapshot(n: int, p: float, seed: int) -> Snapshot:
    """A snapshot of a random signed graph with weights that make equal-strength ties common."""
    import random

    rng = random.Random(seed)
    edges = []
    for u, v in nx.gnp_random_graph(n, p, seed=seed).edges:
        edges.append((f"a{u:03d}", f"a{v:03d}", rng.choice([1.0, 2.0, 0.5, -1.0, -2.0])))
    return snap_of(edges, inactive=[f"z{i}" for i in range(3)])


def plain_eigenvector(positive: nx.Graph) -> dict:
    """The definition: a dense eigen-decomposition of every component, the leading one(s) kept."""
    import numpy as np

    out = dict.fromkeys(positive, 0.0)
    parts = []
    for comp in nx.connected_components(positive):
        if len(comp) < 2:
            continue
        nodes = sorted(comp)
        a = nx.to_numpy_array(positive, nodelist=nodes, weight="weight")
        vals, vecs = np.linalg.eigh(a)
        vec = np.abs(vecs[:, -1]) / np.linalg.norm(vecs[:, -1])
        parts.append((vals[-1], nodes, vec))
    if parts:
        top = max(p[0] for p in parts)
        leading = [(nodes, vec) for lam, nodes, vec in parts if lam >= top * (1 - 1e-9)]
        for nodes, vec in leading:
            for n, x in zip(nodes, vec, strict=True):
                out[n] = float(x) / math.sqrt(len(leading))
    return out


@pytest.mark.parametrize("seed", range(8))
def test_measures_equal_their_plain_definitions(seed):
    """Should give networkx's betweenness and the per-component eigenvector, exactly, on random graphs."""
    from network.measures.centrality import _graphs

    snap = random_snapshot(30 + 5 * seed, 0.08, seed)
    active, signed, positive = _graphs(snap.graph)
    rows = by_actor(centrality([snap]), "1958")
    expected_b = nx.betweenness_centrality(positive, normalized=True, weight="distance")
    expected_e = plain_eigenvector(positive)
    assert {a: r["betweenness"] for a, r in rows.items()} == expected_b
    assert {a: r["eigenvector"] for a, r in rows.items()} == expected_e
    try:
        expected_pn = pn_index(signed)
    except ValueError:
        expected_pn = {}
    assert {a: r["pn"] for a, r in rows.items()} == {a: expected_pn.get(a) for a in rows}


def test_large_components_use_arpack_with_the_same_answer(monkeypatch):
    """Should give (to rounding) the dense answer when components are solved by ARPACK."""
    import network.measures.centrality as c

    snap = random_snapshot(80, 0.06, 3)
    dense = by_actor(centrality([snap]), "1958")
    monkeypatch.setattr(c, "_DENSE_MAX", 3)
    sparse = by_actor(centrality([snap]), "1958")
    assert {a: r["eigenvector"] for a, r in sparse.items()} == pytest.approx(
        {a: r["eigenvector"] for a, r in dense.items()}, abs=1e-9
    )


def test_large_periods_are_sampled_or_skipped_and_say_so(monkeypatch, row_keys):
    """Should sample betweenness and skip PN above the thresholds, and name both in a note column."""
    import network.measures.centrality as c

    snap = random_snapshot(40, 0.1, 1)
    assert "note" not in centrality([snap])[0]
    monkeypatch.setattr(c, "BETWEENNESS_EXACT_MAX", 10)
    monkeypatch.setattr(c, "BETWEENNESS_SAMPLES", 7)
    monkeypatch.setattr(c, "PN_MAX", 20)
    rows = centrality([snap], rank_by="strength")
    n = len(rows)
    assert all(list(r) == row_keys["centrality"] + ["note"] for r in rows)
    assert rows[0]["note"] == (
        f"betweenness estimated from 7 sampled sources ({n} actors > 10); pn not computed ({n} actors > 20)"
    )
    assert all(r["pn"] is None for r in rows)
    _, _, positive = c._graphs(snap.graph)
    sampled = nx.betweenness_centrality(positive, k=7, normalized=True, weight="distance", seed=0)
    assert {r["actor"]: r["betweenness"] for r in rows} == sampled
    # a small period next to a large one: its rows carry the key, with no note
    small = snap_of([("a", "b", 1.0), ("b", "c", 1.0)])
    mixed = centrality([small, snap], rank_by="strength")
    assert [r["note"] for r in mixed[:3]] == [None, None, None]


def test_sample_count_can_be_chosen(monkeypatch):
    """Should estimate betweenness from the number of sources asked for, and refuse fewer than one."""
    import network.measures.centrality as c

    snap = random_snapshot(40, 0.1, 1)
    monkeypatch.setattr(c, "BETWEENNESS_EXACT_MAX", 10)
    rows = centrality([snap], rank_by="strength", samples=12)
    assert rows[0]["note"].startswith("betweenness estimated from 12 sampled sources")
    _, _, positive = c._graphs(snap.graph)
    sampled = nx.betweenness_centrality(positive, k=12, normalized=True, weight="distance", seed=0)
    assert {r["actor"]: r["betweenness"] for r in rows} == sampled
    with pytest.raises(ValueError, match="at least one sampled source"):
        centrality([snap], samples=0)


def solved_pagerank(positive: nx.Graph, alpha: float = 0.85) -> dict:
    """PageRank by a direct dense linear solve, no iteration.

    With a uniform jump, and an actor without positive ties (a dangling node)
    jumping uniformly too, the PageRank vector x satisfies
    ``x (I - alpha P) = c 1`` for a scalar c, P the row-normalised weighted
    adjacency: x is the solution of ``(I - alpha P)^T y = 1``, scaled to sum 1.
    """
    import numpy as np

    nodes = list(positive)
    a = nx.to_numpy_array(positive, nodelist=nodes, weight="weight")
    rows = a.sum(axis=1)
    p = np.divide(a, rows[:, None], out=np.zeros_like(a), where=rows[:, None] != 0)
    y = np.linalg.solve((np.eye(len(nodes)) - alpha * p).T, np.ones(len(nodes)))
    return dict(zip(nodes, (y / y.sum()).tolist(), strict=True))


@pytest.mark.parametrize("seed", range(8))
def test_pagerank_equals_a_direct_solve_on_random_graphs(seed):
    """Should give PageRank to 1e-12 of a direct linear solve: every one of the 9 printed decimals right."""
    from network.measures.centrality import _graphs

    snap = random_snapshot(30 + 20 * seed, 0.08, seed)
    _, _, positive = _graphs(snap.graph)
    rows = by_actor(centrality([snap]), "1958")
    expected = solved_pagerank(positive)
    assert {a: r["pagerank"] for a, r in rows.items()} == pytest.approx(expected, rel=0, abs=1e-12)


def test_pagerank_to_networkx_default_tolerance_would_fail_that():
    """Should test something: networkx's default tolerance is off by more than 1e-9 on those graphs."""
    from network.measures.centrality import _graphs

    worst = 0.0
    for seed in range(8):
        _, _, positive = _graphs(random_snapshot(30 + 20 * seed, 0.08, seed).graph)
        loose = nx.pagerank(positive, alpha=0.85, weight="weight")
        expected = solved_pagerank(positive)
        worst = max(worst, max(abs(loose[a] - expected[a]) for a in expected))
    assert worst > 1e-9


@pytest.mark.parametrize("level", ["person", "state"])
@pytest.mark.parametrize("by", ["year", "period"])
def test_pagerank_equals_a_direct_solve_on_the_curated_data(by, level):
    """Should give PageRank to 1e-12 of a direct linear solve in every curated period."""
    from network.measures.centrality import _graphs

    snaps = snapshots(load("data/actors.yaml"), by=by, level=level)
    rows = centrality(snaps)
    for snap in snaps:
        _, _, positive = _graphs(snap.graph)
        if positive.number_of_nodes() == 0:
            continue
        got = {a: r["pagerank"] for a, r in by_actor(rows, snap.window.id).items()}
        assert got == pytest.approx(solved_pagerank(positive), rel=0, abs=1e-12), snap.window.id
