"""Camps: cooperative, only through shared enemies, on no side, unaligned, inactive (measures.camps)."""

from pathlib import Path

import networkx as nx
import pytest

from network import load
from network.measures.camps import Camp, camp_groups, camp_key, camp_rows, camp_text, camps
from network.timeline.snapshots import snapshots
from network.timeline.windows import period_windows

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "data" / "actors.yaml"
POLES = ("p", "q")


def graph(edges, inactive=(), isolated=()):
    """A period's graph: ``(u, v, sign)`` edges between active actors, plus inactive and tie-less ones."""
    g = nx.Graph()
    for u, v, s in edges:
        g.add_node(u, active=True)
        g.add_node(v, active=True)
        g.add_edge(u, v, sign=s)
    g.add_nodes_from(isolated, active=True)
    g.add_nodes_from(inactive, active=False)
    return g


def labels(g, poles=POLES):
    return {a: c.label for a, c in camps(g, poles).items()}


def test_cooperative_paths_direct_and_through_others():
    """Should link an actor to a pole by a path of cooperative ties, however long."""
    g = graph([("p", "a", 1), ("a", "b", 1), ("b", "c", 1), ("q", "d", 1), ("p", "q", -1)])
    got = labels(g)
    assert got["a"] == got["b"] == got["c"] == "cooperative:p"
    assert got["d"] == "cooperative:q" and got["p"] == "cooperative:p" and got["q"] == "cooperative:q"


def test_cooperative_link_to_both_poles_is_its_own_class():
    """Should say so when cooperative ties link an actor to both poles, even if the poles are enemies."""
    g = graph([("p", "a", 1), ("a", "q", 1), ("p", "q", -1)])
    c = camps(g, POLES)["a"]
    assert c.label == "cooperative:p+q" and c.poles == ("p", "q")
    assert camp_key(c, POLES) == "both"


def test_reachable_only_through_a_hostile_tie_is_not_cooperative():
    """Should put an enemy of a pole's enemy on its side only through shared enemies, never as cooperative."""
    # p and q are enemies; x is hostile to q only: it shares p's enemy
    g = graph([("p", "q", -1), ("x", "q", -1)])
    c = camps(g, POLES)["x"]
    assert c.kind == "enemy_side" and c.poles == ("p",)
    assert c.relations == (("p", "same_side"), ("q", "other_side"))
    assert camp_key(c, POLES) == "enemy0"
    # the enemy of a pole's friend: hostile ties only, on the other side of the pole
    g = graph([("p", "a", 1), ("a", "y", -1)])
    assert labels(g, ["p"])["y"] == "no-side"


def test_an_actor_hostile_to_the_focal_actor_is_not_in_its_friends_camp():
    """Should not call an enemy of Albania's a member of the USSR's camp (issue 12: the 1961 legend)."""
    # albania cooperates with china and is hostile to the ussr and to the usa; usa cooperates with greece
    g = graph(
        [("albania", "china", 1), ("albania", "ussr", -1), ("albania", "usa", -1), ("usa", "greece", 1)]
    )
    got = camps(g, ["ussr", "china"])
    assert got["usa"].label == got["greece"].label == "enemy-side:ussr"
    assert "cooperative:ussr" not in {got["usa"].label, got["greece"].label}
    assert (
        camp_text(got["usa"], {"ussr": "Soviet Union"})
        == "on Soviet Union's side only through shared enemies"
    )


def test_isolated_component_is_unaligned_not_placed_by_a_tie_break():
    """Should leave a component without a pole unaligned, however its ties run."""
    g = graph([("p", "q", -1), ("p", "a", 1), ("b", "c", 1), ("c", "d", -1)], isolated=["e"])
    got = labels(g)
    assert got["b"] == got["c"] == got["d"] == got["e"] == "unaligned"
    assert all(r == "no_path" for _, r in camps(g, POLES)["b"].relations)


def test_zero_net_ties_link_no_one():
    """Should treat ties that cancel out (net sign 0) as no path."""
    g = graph([("p", "a", 0), ("q", "b", 1)])
    assert labels(g)["a"] == "unaligned" and labels(g)["b"] == "cooperative:q"


def test_inactive_actors_stay_inactive():
    """Should keep actors without a tie in the period inactive, poles included."""
    g = graph([("p", "a", 1)], inactive=["q", "z"])
    got = camps(g, POLES)
    assert got["z"] == Camp("inactive", (), (("p", "no_path"), ("q", "no_path")))
    assert got["q"].kind == "inactive" and camp_key(got["q"], POLES) == "none"
    assert got["a"].relation("q") == "no_path"


def test_side_not_decided_by_a_tie_break():
    """Should say no side when the best splits disagree on which side an actor is (an odd hostile cycle)."""
    # p, a, b all hostile to each other: every best split puts one pair together, each pair equally
    g = graph([("p", "a", -1), ("a", "b", -1), ("p", "b", -1)])
    got = camps(g, ["p"])
    assert got["a"].relations == (("p", "either_side"),) and got["a"].kind == "no_side"
    assert got["b"].relations == (("p", "either_side"),)


def test_both_poles_on_one_side():
    """Should name both poles when shared enemies put an actor on the side of both."""
    g = graph([("p", "q", 1), ("q", "y", -1), ("y", "x", -1)])
    got = camps(g, POLES)
    assert got["x"].label == "enemy-side:p+q" and camp_key(got["x"], POLES) == "enemy_both"
    assert got["y"].label == "no-side"


def test_unknown_pole_is_an_error():
    """Should name an unknown pole."""
    with pytest.raises(ValueError, match="unknown actor 'nobody'"):
        camps(graph([("p", "a", 1)]), ["nobody"])


def test_without_poles_no_actor_is_placed_and_the_words_say_why():
    """Should put no actor in a camp when there are no poles (a dataset without a framing), and say so."""
    from network.measures.camps import NO_POLES, legend_text

    g = graph([("a", "b", 1), ("b", "c", -1)], isolated=["x"], inactive=["z"])
    found = camps(g, ())
    assert {a: c.kind for a, c in found.items()} == {
        "a": "unaligned",
        "b": "unaligned",
        "c": "unaligned",
        "x": "unaligned",
        "z": "inactive",
    }
    assert camp_text(found["a"], {}) == legend_text("unaligned", []) == NO_POLES
    assert camp_text(camps(g, ("a",))["x"], {}) == "no path of ties to any pole"


def test_groups_and_rows_agree():
    """Should list the same camps as rows and as groups, leaving inactive actors out."""
    snaps = snapshots(load(ROOT / "tests" / "data" / "mini.yaml"), level="state")
    rows = camp_rows(snaps, ["ussr", "china"])
    for snap in snaps:
        groups = camp_groups(camps(snap.graph, ["ussr", "china"]))
        from_rows = {}
        for r in rows:
            if r["period"] == snap.window.id:
                from_rows.setdefault(r["camp"], []).append(r["actor"])
        assert from_rows == groups


@pytest.mark.parametrize("level", ["state", "person"])
@pytest.mark.parametrize("by", ["year", "period"])
def test_curated_data_no_enemy_of_the_focal_actor_in_a_pole_camp_without_cooperation(level, by):
    """On the curated data, no actor hostile to Albania is shown in a pole's camp unless cooperation links it.

    A camp that names a pole as cooperative must rest on a path of net cooperative edges
    to that pole; and every actor without any path to a pole is unaligned.
    """
    dataset = load(DATA)
    windows = period_windows(dataset) if by == "period" else by
    focal = "albania"
    checked = 0
    for snap in snapshots(dataset, by=windows, level=level):
        g = snap.graph
        poles = [p for p in ("ussr", "china") if p in g]
        friendly = nx.Graph([(u, v) for u, v, d in g.edges(data=True) if d["sign"] == 1])
        signed = nx.Graph([(u, v) for u, v, d in g.edges(data=True) if d["sign"] in (1, -1)])
        for actor, camp in camps(g, poles).items():
            if camp.kind == "cooperative":
                for p in camp.poles:
                    assert actor == p or (
                        actor in friendly and p in friendly and nx.has_path(friendly, actor, p)
                    )
            if focal in g and g.has_edge(actor, focal) and g.edges[actor, focal]["sign"] == -1:
                checked += 1
                for p in camp.poles if camp.kind == "cooperative" else ():
                    assert nx.has_path(friendly, actor, p), (snap.window.id, actor, p)
            reach = any(actor in signed and p in signed and nx.has_path(signed, actor, p) for p in poles)
            if g.nodes[actor]["active"] and not reach:
                assert camp.kind == "unaligned", (snap.window.id, actor, camp)
    assert checked > 0  # the record has enemies of Albania to check


def test_1961_usa_and_greece_not_in_the_soviet_camp():
    """Issue 12: in 1961 the United States and Greece, hostile to Albania, were drawn as the USSR's bloc."""
    snap = next(s for s in snapshots(load(DATA), level="state") if s.window.id == "1961")
    got = camps(snap.graph, ["ussr", "china"])
    assert snap.graph.edges["usa", "albania"]["sign"] == -1
    for actor in ("usa", "greece"):
        assert got[actor].kind != "cooperative", got[actor]
        assert got[actor].relation("ussr") != "cooperative"
