"""Alignment measures (net, S score) and the lead (camps: tests/measures/test_camps.py)."""

from datetime import date
from pathlib import Path

import networkx as nx
import pytest

from network import load
from network.measures.alignment import alignment, dyad_score, lead
from network.timeline.snapshots import Snapshot, snapshots
from network.timeline.windows import Window

DATA = Path(__file__).resolve().parents[1] / "data"
ROOT = Path(__file__).resolve().parents[2]
MINI = ("albania", ("ussr", "china"))  # the framing tests/data/mini.yaml declares


@pytest.fixture(scope="module")
def mini_state():
    return snapshots(load(DATA / "mini.yaml"), level="state")


def snap_of(edges, nodes=()):
    """A snapshot of hand-made (u, v, pos, neg) edges."""
    g = nx.Graph(level="person")
    g.add_nodes_from(nodes, active=False)
    for u, v, pos, neg in edges:
        g.add_edge(u, v, pos=pos, neg=neg, weight=pos - neg, count=1, ties=(), sign=(pos > neg) - (pos < neg))
    return Snapshot(Window("w", "w", date(1958, 1, 1), date(1958, 12, 31)), g, {})


def scores(rows):
    return {(r["period"], r["pole"]): (r["score"], r["ties"]) for r in rows}


def test_net_scores_by_hand(mini_state):
    """Should score (pos - neg) / (pos + neg) of the focal-pole edge, None without one."""
    got = scores(alignment(mini_state, *MINI, measure="net"))
    assert got == {
        ("1957", "ussr"): (1.0, 2),
        ("1957", "china"): (None, 0),
        ("1958", "ussr"): (0.5, 2),
        ("1958", "china"): (1.0, 1),
        ("1959", "ussr"): (0.5, 2),
        ("1959", "china"): (pytest.approx(0.6), 3),
        ("1960", "ussr"): (-1.0, 1),
        ("1960", "china"): (None, 0),
    }


def test_raw_net_weight(mini_state):
    """Should give pos - neg of the focal-pole edge under measure='weight'."""
    got = scores(alignment(mini_state, *MINI, measure="weight"))
    assert got[("1959", "ussr")] == (2.0, 2) and got[("1959", "china")] == (3.0, 3)
    assert got[("1960", "ussr")] == (-2.0, 1) and got[("1960", "china")] == (None, 0)


def test_keys_are_stable(mini_state):
    """Should give the documented keys in order, higher score = more aligned."""
    rows = alignment(mini_state, *MINI, measure="s_score")
    keys = ["period", "focal", "pole", "score", "low", "high", "ties", "measure"]
    assert all(list(r) == keys for r in rows)
    assert {r["measure"] for r in rows} == {"s_score"}


def test_s_score_hand_made():
    """Should compute 1 - 2d/d_max over the actors tied to either side."""
    snap = snap_of([("f", "a", 1, 0), ("f", "b", 0, 1), ("p", "a", 2, 0), ("p", "c", 0, 2), ("f", "p", 1, 0)])
    # over a, b, c: focal (1, -1, 0), pole (1, 0, -1): d = 2, d_max = 2 * 3
    [row] = alignment([snap], focal="f", poles=["p"], measure="s_score")
    assert row["score"] == pytest.approx(1 - 2 * 2 / 6)
    assert row["ties"] == 4


def test_s_score_extremes():
    """Should give 1 for the same friends and enemies, -1 for opposite ones, None with no third party."""
    same = snap_of([("f", "a", 1, 0), ("p", "a", 3, 0), ("f", "b", 0, 1), ("p", "b", 0, 1)])
    opposite = snap_of([("f", "a", 1, 0), ("p", "a", 0, 1)])
    alone = snap_of([("f", "p", 1, 0)])
    for snap, expected in ((same, 1.0), (opposite, -1.0), (alone, None)):
        [row] = alignment([snap], focal="f", poles=["p"], measure="s_score")
        assert row["score"] == expected


def test_s_score_on_mini(mini_state):
    """Should match the hand computation for 1959 (Albania vs the USSR and China)."""
    got = scores(alignment(mini_state, *MINI, measure="s_score"))
    assert got[("1959", "ussr")] == (pytest.approx(1 - 0.6), 3)  # only third party: China (0.6 vs none)
    assert got[("1959", "china")] == (pytest.approx(1 - 0.5), 2)  # only third party: the USSR (0.5 vs none)


def test_dyad_score():
    """Should give None without an edge and the balance of pos and neg with one."""
    snap = snap_of([("a", "b", 1, 3)])
    assert dyad_score(snap.graph, "a", "b") == (-0.5, 1)
    assert dyad_score(snap.graph, "a", "z") == (None, 0)


def test_bad_actors_are_clear_errors(mini_state):
    """Should name an unknown actor, and refuse a focal that is also a pole."""
    with pytest.raises(ValueError, match="unknown actor 'hoxha' at state level"):
        alignment(mini_state, "hoxha", MINI[1])
    with pytest.raises(ValueError, match="cannot also be a pole"):
        alignment(mini_state, "albania", ("albania", "ussr"))
    with pytest.raises(ValueError, match="unknown alignment measure"):
        alignment(mini_state, *MINI, measure="tau_b")
    with pytest.raises(ValueError, match="at least one pole"):
        alignment(mini_state, "albania", ())


def test_lead(mini_state):
    """Should name the best-aligned pole; none when undetermined."""
    assert lead(alignment(mini_state, *MINI)) == {
        "1957": "ussr",
        "1958": "china",
        "1959": "china",
        "1960": None,
    }
    rows = [{"period": "x", "pole": "a", "score": 0.5}, {"period": "x", "pole": "b", "score": 0.5}]
    assert lead(rows) == {"x": None}  # shared top
    rows = [{"period": "x", "pole": "a", "score": -0.5}, {"period": "x", "pole": "b", "score": -1.0}]
    assert lead(rows) == {"x": "a"}  # both scored: the less hostile leads


# --- the default measure: the cooperative share under a Jeffreys prior, with its interval ---------


def test_jeffreys_is_the_default_and_shrinks_thin_evidence(mini_state):
    """Should score net x n / (n + 1): mini 1958 China, one cooperative tie, 1 x 1/2 = 0.5."""
    rows = alignment(mini_state, *MINI)
    assert {r["measure"] for r in rows} == {"jeffreys"}
    got = {(r["period"], r["pole"]): r for r in rows}
    china = got[("1958", "china")]
    assert (china["score"], china["ties"], china["high"]) == (0.5, 1, 1.0)
    # USSR 1959: the alliance (+3, in full) and half the hedged 1958/1959 rebuke (-2 x 0.5): n = 1.5
    ussr = got[("1959", "ussr")]
    assert ussr["score"] == pytest.approx(0.5 * 1.5 / 2.5, abs=1e-3)
    assert got[("1960", "china")]["score"] is None and got[("1960", "china")]["low"] is None


def test_jeffreys_interval_against_the_beta_quantiles():
    """Should be the equal-tailed 95% interval of Beta(k + 1/2, n - k + 1/2), mapped by 2p - 1."""
    from scipy.stats import beta

    from network.measures.alignment import jeffreys_interval

    score, low, high = jeffreys_interval(pos=3.0, neg=1.0, n=4)  # k = 3 of 4
    assert score == pytest.approx(2 * 3.5 / 5 - 1, abs=1e-3)
    assert low == pytest.approx(2 * beta.ppf(0.025, 3.5, 1.5) - 1, abs=1e-3)
    assert high == pytest.approx(2 * beta.ppf(0.975, 3.5, 1.5) - 1, abs=1e-3)
    # one-sided evidence reaches the end of the scale (Brown, Cai and DasGupta 2001)
    assert jeffreys_interval(0.0, 2.0, 2)[1] == -1.0 and jeffreys_interval(2.0, 0.0, 2)[2] == 1.0


def test_more_ties_narrow_the_interval():
    """Should give a thirty-tie score a narrower interval, and a score nearer the share, than one tie."""
    from network.measures.alignment import jeffreys_interval

    one = jeffreys_interval(1.0, 0.0, 1)
    thirty = jeffreys_interval(30.0, 0.0, 30)
    assert thirty[0] > one[0]
    assert thirty[2] - thirty[1] < (one[2] - one[1]) / 5


def test_interval_brackets_the_score(mini_state):
    """Should have low <= score <= high wherever there is a score, for jeffreys and net."""
    for measure in ("jeffreys", "net"):
        for r in alignment(mini_state, *MINI, measure=measure):
            if r["score"] is not None:
                assert r["low"] <= r["score"] + 1e-9 and r["score"] <= r["high"] + 1e-9


def test_bad_interval_level(mini_state):
    """Should refuse a coverage outside (0, 1)."""
    with pytest.raises(ValueError, match="level"):
        alignment(mini_state, *MINI, level=1.5)
