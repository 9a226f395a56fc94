"""Snapshots: allocation, projection, modes, combined edges."""

from collections import defaultdict
from datetime import date
from pathlib import Path

import pytest

from network import load
from network.dataset.edtf import parse_edtf
from network.dataset.model import Actor, Dataset, Tie
from network.timeline.snapshots import project, select_ties, signed_graph, snapshots
from network.timeline.windows import Window, custom_windows

DATA = Path(__file__).resolve().parents[1] / "data"
SPANNING = "khrushchev-hoxha-disapprove-1958"  # dated 1958/1959


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


def test_building_a_large_memory_mode_dataset():
    """Should build 60 yearly snapshots of 40,000 ties in memory mode, splitting and carrying ties.

    How the time grows with the ties is measured by ``bench/run.py`` (area growth), not here:
    tests assert no wall-clock times.
    """
    ds = _big(40_000)
    snaps = snapshots(ds, mode="memory")
    assert len(snaps) == 60
    assert sum(s.allocation.get("t1", 0) for s in snaps[:2]) >= 1.0


# -- the fast build against a plain reference -----------------------------------------------------


def reference_snapshots(dataset, windows, level, mode, allocation, half_life=365.25, threshold=0.05):
    """The rules written plainly: every window scans every tie, projects with project(), adds one by one."""
    import networkx as nx

    from network.timeline.snapshots import _own_day

    ties = sorted(dataset.ties, key=lambda t: (t.lower, t.upper, t.id))
    out = []
    for w in windows:
        entries = []
        for t in ties:
            if t.is_event:
                hits = [x for x in windows if x.overlaps(t.lower, t.upper)]
                if w.contains(t.lower, t.upper):
                    entries.append((t, 1.0, _own_day(t)))
                elif (
                    w in hits
                    and allocation == "split"
                    and not any(x.contains(t.lower, t.upper) for x in hits)
                ):
                    entries.append((t, 1.0 / len(hits), _own_day(t)))
            elif w.overlaps(t.lower, t.upper):
                lo, hi = max(t.lower, w.lower), min(t.upper, w.upper)
                entries.append((t, 1.0, date.fromordinal((lo.toordinal() + hi.toordinal()) // 2)))
        if mode == "memory":
            for t in sorted(ties, key=lambda t: (t.upper, t.id)):
                if t.upper < w.lower:
                    factor = 0.5 ** ((w.upper - t.upper).days / half_life)
                    if t.weight * factor >= threshold:
                        entries.append((t, factor, _own_day(t)))
        edges, alloc, gone = {}, {}, []
        for t, share, day in entries:
            u, v = t.source, t.target
            if level == "state":
                u, v = project(dataset, u, day), project(dataset, v, day)
            if u == v:
                gone.append(t.id)
                continue
            acc = edges.setdefault(tuple(sorted((u, v))), [0.0, 0.0, []])
            acc[0 if t.sign > 0 else 1] += t.weight * share
            acc[2].append(t.id)
            alloc[t.id] = share
        out.append((edges, alloc, tuple(sorted(gone))))
    ends = {n for edges, _, _ in out for key in edges for n in key}
    if level == "state":
        nodes = sorted({a.id for a in dataset.actors.values() if not a.member_of} | ends)
    else:
        nodes = sorted(set(dataset.actors) | ends)
    graphs = []
    for edges, alloc, gone in out:
        g = nx.Graph()
        for n in nodes:
            a = dataset.actors.get(n)
            g.add_node(n, name=a.name if a else n, kind=a.kind if a else None, active=False)
        for (u, v), (pos, neg, ids) in sorted(edges.items()):
            net = pos - neg
            net = 0.0 if abs(net) < 1e-9 else net
            g.add_edge(
                u,
                v,
                weight=net,
                pos=pos,
                neg=neg,
                count=len(ids),
                ties=tuple(sorted(ids)),
                sign=(net > 0) - (net < 0),
            )
            g.nodes[u]["active"] = g.nodes[v]["active"] = True
        graphs.append((g, alloc, gone))
    return graphs


def _random_dataset(seed: int) -> Dataset:
    """Persons in parties in states, with changing memberships; events of every precision; standing ties."""
    import random

    from network.dataset.model import Membership, Span

    rng = random.Random(seed)
    states = [Actor(f"s{i}", f"S{i}", "state") for i in range(4)]
    parties = [
        Actor(f"p{i}", f"P{i}", "party", member_of=(Membership(f"s{i % 4}", Span(parse_edtf("1950"), None)),))
        for i in range(5)
    ]
    persons = []
    for i in range(12):
        first = rng.randint(1950, 1956)
        ms = (
            Membership(f"p{rng.randrange(5)}", Span(parse_edtf(str(first)), parse_edtf(f"{first + 2}-06"))),
            Membership(f"s{rng.randrange(4)}", Span(parse_edtf(f"{first + 2}-07"), None)),
        )
        persons.append(Actor(f"x{i}", f"X{i}", "person", member_of=ms))
    actors = {a.id: a for a in states + parties + persons}
    ids = list(actors)
    ties = []
    for k in range(150):
        y = rng.randint(1950, 1959)
        form = rng.choice(["day", "month", "year", "two", "standing", "open"])
        text = {
            "day": f"{y}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
            "month": f"{y}-{rng.randint(1, 12):02d}",
            "year": str(y),
            "two": f"{y}/{y + 1}",
            "standing": None,
            "open": None,
        }[form]
        u, v = rng.sample(ids, 2)
        kwargs = (
            {"date": parse_edtf(text)}
            if text
            else (
                {"start": parse_edtf(f"{y}-03"), "end": parse_edtf(f"{y + rng.randint(0, 3)}-10")}
                if form == "standing"
                else {"start": parse_edtf(f"{y}"), "end": parse_edtf("..")}
            )
        )
        ties.append(
            Tie(f"t{k:03d}", u, v, rng.choice([1, -1]), weight=rng.choice([1.0, 2.0, 0.5, 3.0]), **kwargs)
        )
    return Dataset("random", None, (), actors, tuple(ties))


@pytest.mark.parametrize("seed", range(4))
@pytest.mark.parametrize("level", ["person", "state"])
@pytest.mark.parametrize("mode", ["window", "memory"])
@pytest.mark.parametrize("allocation", ["split", "inside"])
@pytest.mark.parametrize("by", ["year", "slide"])
def test_fast_build_equals_the_plain_rules(seed, level, mode, allocation, by):
    """Should build exactly the graphs, shares and self-ties of the plain reference, in the same order."""
    ds = _random_dataset(seed)
    windows = custom_windows(date(1950, 1, 1), date(1962, 12, 31), 18, 7) if by == "slide" else None
    from network.timeline.windows import year_windows

    windows = windows or year_windows(ds, 1950, 1963)
    fast = snapshots(ds, by=windows, level=level, mode=mode, allocation=allocation)
    plain = reference_snapshots(ds, windows, level, mode, allocation)
    for s, (g, alloc, gone) in zip(fast, plain, strict=True):
        assert list(s.graph.nodes(data=True)) == list(g.nodes(data=True))
        assert [(u, v, list(d.items())) for u, v, d in s.graph.edges(data=True)] == [
            (u, v, list(d.items())) for u, v, d in g.edges(data=True)
        ]
        assert {n: list(s.graph.adj[n]) for n in s.graph} == {n: list(g.adj[n]) for n in g}
        assert list(s.allocation.items()) == list(alloc.items())
        assert s.dropped == gone


def test_dataset_span_is_the_datasets():
    """Should give Dataset.span, open ends set aside, in one pass."""
    from network.timeline.windows import dataset_span

    for seed in range(4):
        ds = _random_dataset(seed)
        assert dataset_span(ds) == ds.span


@pytest.mark.parametrize("level", ["person", "state"])
@pytest.mark.parametrize("mode", ["window", "memory"])
def test_building_makes_no_garbage_cycles(mini, level, mode):
    """Should leave nothing for the garbage collector: a cycle made per tie or per edge would keep
    a build's working state alive until the collector's next pass, not free it as soon as it is done."""
    import gc

    ds = load(Path(__file__).parents[2] / "data" / "actors.yaml")
    gc.collect()
    gc.disable()
    try:
        snaps = snapshots(ds, level=level, mode=mode)
        snaps += snapshots(mini, by="period", level=level, mode=mode)
        gc.set_debug(gc.DEBUG_SAVEALL)
        gc.collect()
        left = list(gc.garbage)
    finally:
        gc.set_debug(0)
        gc.garbage.clear()
        gc.enable()
    assert snaps and left == []
