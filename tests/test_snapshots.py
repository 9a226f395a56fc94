"""Snapshots: allocation, projection, modes, combined edges."""

import time
from collections import defaultdict
from datetime import date
from pathlib import Path

import pytest

from network import load
from network.edtf import parse_edtf
from network.model import Actor, Dataset, Tie
from network.snapshots import project, select_ties, signed_graph, snapshots
from network.windows import Window, custom_windows

DATA = Path(__file__).resolve().parent / "data"
SPANNING = "khrushchev-hoxha-disapprove-1958"  # dated 1958/1959


@pytest.fixture(scope="module")
def mini():
    return load(DATA / "mini.yaml")


@pytest.fixture(scope="module")
def switch():
    return load(DATA / "analysis" / "switch.yaml")


def shares(snaps):
    total = defaultdict(float)
    for s in snaps:
        for tie_id, share in s.allocation.items():
            total[tie_id] += share
    return total


def test_split_allocation_sums_to_one(mini):
    """Should count each event once in all, a spanning date half in each year."""
    snaps = snapshots(mini)
    assert snaps[1].allocation[SPANNING] == 0.5 and snaps[2].allocation[SPANNING] == 0.5
    total = shares(snaps)
    for tie in mini.ties:
        if tie.is_event:
            assert total[tie.id] == pytest.approx(1.0), tie.id


def test_inside_allocation_leaves_spanning_dates_out(mini):
    """Should leave out a date wholly inside no year and keep the rest in full."""
    snaps = snapshots(mini, allocation="inside")
    total = shares(snaps)
    assert SPANNING not in total
    assert all(total[t.id] == 1.0 for t in mini.ties if t.is_event and t.id != SPANNING)
    assert snapshots(mini)[1].graph.edges["hoxha", "khrushchev"]["weight"] == -1.0
    assert not snaps[1].graph.has_edge("hoxha", "khrushchev")


def test_named_periods_split_a_date_that_straddles_them(mini):
    """Should split 1958/1959 over the two periods it overlaps, or drop it under inside."""
    snaps = snapshots(mini, by="period")
    assert [s.allocation[SPANNING] for s in snaps] == [0.5, 0.5]
    assert all(SPANNING not in s.allocation for s in snapshots(mini, by="period", allocation="inside"))


def test_year_precision_in_monthly_windows(switch):
    """Should spread a year-precision date over twelve months, 1/12 each, summing to 1."""
    months = custom_windows(date(1958, 1, 1), date(1958, 12, 31), 1, 1)
    snaps = snapshots(switch, by=months)
    got = [s.allocation.get("ally-west-trade-1958") for s in snaps]
    assert got == [pytest.approx(1 / 12)] * 12
    assert sum(got) == pytest.approx(1.0)
    assert all(s.allocation["east-ally-alliance-1957-07"] == 1.0 for s in snaps)  # standing: in force
    assert snaps[2].allocation["dedijer-west-visit-1958-03"] == 1.0
    assert "dedijer-west-visit-1958-03" not in snaps[3].allocation
    inside = snapshots(switch, by=months, allocation="inside")
    assert all("ally-west-trade-1958" not in s.allocation for s in inside)


def test_a_date_inside_overlapping_windows_counts_in_full_in_each(switch):
    """Should count a month-precision event in full in every window containing it."""
    slide = custom_windows(date(1958, 1, 1), date(1958, 12, 31), 6, 3)
    snaps = snapshots(switch, by=slide)
    assert [s.allocation.get("dedijer-west-visit-1958-03") for s in snaps] == [1.0, None, None]
    assert [s.allocation.get("ally-west-disapprove-1958-10") for s in snaps] == [None, None, 1.0]
    assert [s.allocation.get("ally-west-trade-1958") for s in snaps] == [pytest.approx(1 / 3)] * 3
    w = [
        Window("a", "a", date(1958, 1, 1), date(1958, 6, 30)),
        Window("b", "b", date(1958, 3, 1), date(1958, 12, 31)),
    ]
    assert [s.allocation.get("dedijer-west-visit-1958-03") for s in snapshots(switch, by=w)] == [1.0, 1.0]


def test_standing_tie_in_every_window_it_overlaps(mini):
    """Should count a standing tie at full weight in every year it overlaps, and not after."""
    snaps = snapshots(mini, level="state")
    alliance = "ussr-albania-alliance-1957"
    assert [s.allocation.get(alliance) for s in snaps] == [1.0, 1.0, 1.0, None]


def test_projection_follows_memberships(mini, switch):
    """Should follow member_of recursively and by date."""
    assert project(mini, "hoxha", date(1958, 1, 1)) == "albania"
    assert project(mini, "shehu", date(1958, 1, 1)) == "albania"  # shehu -> pla -> albania
    assert project(mini, "pla", date(1958, 1, 1)) == "albania"
    assert project(mini, "khrushchev", date(1953, 1, 1)) == "khrushchev"
    assert project(mini, "albania", date(1958, 1, 1)) == "albania"
    assert project(switch, "dedijer", date(1958, 3, 16)) == "east"
    assert project(switch, "dedijer", date(1958, 9, 16)) == "west"


def test_state_level_drops_self_ties_and_lists_them(mini, switch):
    """Should drop ties that become self-ties at state level, and say which."""
    s1958 = snapshots(mini, level="state")[1]
    assert s1958.dropped == ("shehu-pla-support-1958-06",)
    assert "shehu-pla-support-1958-06" not in s1958.allocation
    assert snapshots(mini)[1].graph.has_edge("shehu", "pla")
    s = snapshots(switch, level="state")[1]
    assert s.dropped == ("dedijer-west-praise-1958-09",)  # dedijer is West's by then
    assert s.graph.edges["east", "west"]["ties"] == ("dedijer-west-visit-1958-03",)


def test_parallel_ties_combine_and_keep_their_ids(mini):
    """Should combine parallel ties into one edge with net, pos, neg, count and sorted ids."""
    e = snapshots(mini, level="state")[2].graph.edges["albania", "china"]
    assert e["ties"] == (
        "albania-china-reject-1959-09",
        "china-albania-aid-1959-02-13",
        "hoxha-china-visit-1959-05",
    )
    assert (e["weight"], e["pos"], e["neg"], e["count"], e["sign"]) == (3.0, 4.0, 1.0, 3, 1)
    e = snapshots(mini, level="state")[1].graph.edges["albania", "ussr"]
    assert (e["weight"], e["pos"], e["neg"], e["count"]) == (2.0, 3.0, 1.0, 2)


def test_zero_net_edges_have_sign_zero_and_are_left_out_of_signed_graph(switch):
    """Should give sign 0 to an edge whose ties cancel, and leave it out of signed_graph."""
    g = snapshots(switch, level="state")[1].graph
    assert g.edges["ally", "west"]["sign"] == 0 and g.edges["ally", "west"]["weight"] == 0.0
    h = signed_graph(g)
    assert not h.has_edge("ally", "west")
    assert sorted(h.edges) == [("ally", "east"), ("east", "west")]


def test_every_actor_of_the_level_is_a_node(mini):
    """Should keep every actor as a node in every period, marking who is active."""
    for s in snapshots(mini):
        assert sorted(s.graph) == sorted(mini.actors)
    s1960 = snapshots(mini)[3].graph
    assert sorted(n for n, d in s1960.nodes(data=True) if d["active"]) == ["albania", "china", "ussr"]
    assert s1960.nodes["hoxha"] == {"name": "Enver Hoxha", "kind": "person", "active": False}
    assert all(sorted(s.graph) == ["albania", "china", "ussr"] for s in snapshots(mini, level="state"))


def test_memory_mode_decays_earlier_ties(mini):
    """Should carry earlier ties into a thin year at weight * 0.5 ** (age / half-life)."""
    s = snapshots(mini, level="state", mode="memory")[3]
    f = lambda days: 0.5 ** (days / 365.25)  # noqa: E731
    assert s.allocation["ussr-albania-alliance-1957"] == pytest.approx(f(550))  # 1959-06-30 -> 1960-12-31
    assert s.allocation[SPANNING] == pytest.approx(f(366))
    assert s.allocation["ussr-albania-accuse-1960-06"] == 1.0  # the year's own tie: not decayed
    expected = -2 + 3 * f(550) - 2 * f(366) + 2 * f(1341)
    assert s.graph.edges["albania", "ussr"]["weight"] == pytest.approx(expected)
    # carried into 1960: 1959's aid (3), visit (1) and rejection (-1), and 1958's praise (1)
    assert s.graph.edges["albania", "china"]["weight"] == pytest.approx(3 * f(687) + f(580) - f(458) + f(762))
    assert not snapshots(mini, level="state", mode="window")[3].graph.has_edge("albania", "china")


def test_memory_mode_drops_faded_ties(mini):
    """Should drop carried-over weights below the threshold; a shorter half-life drops more."""
    s = snapshots(mini, level="state", mode="memory")[3]
    assert "hoxha-khrushchev-visit-1957-04" in s.allocation  # 2 * 0.5 ** (1341 / 365.25) = 0.157
    short = snapshots(mini, level="state", mode="memory", half_life=100)[3]
    assert "hoxha-khrushchev-visit-1957-04" not in short.allocation
    assert all(w * f >= 0.05 for t, f in short.allocation.items() for w in [mini.tie(t).weight])


def test_confidence_and_type_filters(mini):
    """Should keep only the confidence levels and types asked for."""
    stated = snapshots(mini, level="state", confidence={"stated"})
    assert SPANNING not in stated[1].allocation
    assert stated[1].graph.edges["albania", "ussr"]["weight"] == 3.0
    aid = snapshots(mini, types={"aid"})
    assert [list(s.allocation) for s in aid] == [[], [], ["china-albania-aid-1959-02-13"], []]
    assert len(select_ties(mini, confidence=["stated", "hedged"])) == 9


@pytest.mark.parametrize(
    "kwargs, match",
    [
        ({"level": "party"}, "unknown level"),
        ({"mode": "decay"}, "unknown mode"),
        ({"allocation": "all"}, "unknown allocation"),
        ({"half_life": 0}, "half-life"),
        ({"threshold": 0}, "threshold"),
        ({"confidence": {"sure"}}, "unknown confidence level 'sure'"),
        ({"types": {"hug"}}, "unknown tie type 'hug'"),
    ],
)
def test_bad_options_are_clear_errors(mini, kwargs, match):
    """Should raise ValueError naming the bad option."""
    with pytest.raises(ValueError, match=match):
        snapshots(mini, **kwargs)


def _big(n_ties: int) -> Dataset:
    actors = {f"a{i}": Actor(f"a{i}", f"A{i}", "state") for i in range(200)}
    ties = []
    for k in range(n_ties):
        y = 1900 + k % 60
        text = f"{y}-{k % 12 + 1:02d}" if k % 3 else f"{y}/{y + 1}"
        ties.append(
            Tie(f"t{k}", f"a{k % 200}", f"a{(k * 7 + 1) % 200}", 1 if k % 4 else -1, date=parse_edtf(text))
        )
    return Dataset("big", None, (), actors, tuple(ties))


def test_building_scales_linearly():
    """Should build 60 yearly snapshots of 40,000 ties in memory mode in seconds, not minutes."""
    ds = _big(40_000)
    t0 = time.perf_counter()
    snaps = snapshots(ds, mode="memory")
    assert len(snaps) == 60
    assert time.perf_counter() - t0 < 20
    assert sum(s.allocation.get("t1", 0) for s in snaps[:2]) >= 1.0
