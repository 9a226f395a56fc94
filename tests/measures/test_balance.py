"""Tests for network.measures.balance: small hand-checkable graphs, brute force, published tribes values."""

from __future__ import annotations

import itertools
import math
import random

import networkx as nx
import pytest

from network import load
from network.measures.balance import (
    PartitionCache,
    best_partition,
    frustration,
    triangle_balance,
    triangle_counts,
    unbalanced_triangles,
    walk_balance,
)


def signed(edges):
    """A graph from ``(u, v, sign)`` triples."""
    G = nx.Graph()
    for u, v, s in edges:
        G.add_edge(u, v, sign=s)
    return G


def tribes():
    """Read's Highland Tribes as a signed graph, from data/tribes.yaml."""
    ds = load("data/tribes.yaml")
    G = nx.Graph()
    G.add_nodes_from(ds.actors)
    for t in ds.ties:
        G.add_edge(t.source, t.target, sign=t.sign)
    return G


def random_signed(n, p, seed, weighted=False):
    rng = random.Random(seed)
    G = nx.gnp_random_graph(n, p, seed=seed)
    for u, v in G.edges:
        G[u][v]["sign"] = rng.choice((1, -1))
        if weighted:
            G[u][v]["w"] = rng.choice((1, 2, 3, 0.5))
    return G


def violations(G, labels, weight=None):
    return sum(
        (1 if weight is None else d[weight])
        for u, v, d in G.edges(data=True)
        if d.get("sign") and (labels[u] == labels[v]) != (d["sign"] > 0)
    )


def set_partitions(items):
    """Every partition of ``items`` as a label dict (restricted growth strings)."""

    def rec(i, labels, k):
        if i == len(items):
            yield dict(zip(items, labels, strict=True))
            return
        for b in range(k + 1):
            yield from rec(i + 1, labels + [b], max(k, b + 1))

    yield from rec(0, [], 0)


TRIANGLE_PPP = signed([("a", "b", 1), ("b", "c", 1), ("a", "c", 1)])
TRIANGLE_PMM = signed([("a", "b", 1), ("b", "c", -1), ("a", "c", -1)])
TRIANGLE_PPM = signed([("a", "b", 1), ("b", "c", 1), ("a", "c", -1)])
TRIANGLE_MMM = signed([("a", "b", -1), ("b", "c", -1), ("a", "c", -1)])


# ---------------------------------------------------------------- small graphs


@pytest.mark.parametrize(
    ("G", "pattern", "balanced"),
    [
        (TRIANGLE_PPP, "+++", True),
        (TRIANGLE_PMM, "+--", True),
        (TRIANGLE_PPM, "++-", False),
        (TRIANGLE_MMM, "---", False),
    ],
)
def test_single_triangles(G, pattern, balanced):
    """Each sign pattern of a triangle is counted once and judged by its number of negative edges."""
    counts = triangle_counts(G)
    assert counts[pattern] == 1 and sum(counts.values()) == 1
    assert triangle_balance(G) == (1.0 if balanced else 0.0)
    assert unbalanced_triangles(G) == ([] if balanced else [("a", "b", "c")])
    assert frustration(G).value == (0 if balanced else 1)
    assert (walk_balance(G) == pytest.approx(1.0)) is balanced


def test_triangle_ppp_partitions():
    """An all-positive triangle is one bloc."""
    assert frustration(TRIANGLE_PPP).blocs == (("a", "b", "c"), ())
    assert best_partition(TRIANGLE_PPP).blocs == (("a", "b", "c"),)


def test_triangle_pmm_partitions():
    """Friends a, b against the enemy c."""
    r = frustration(TRIANGLE_PMM)
    assert (r.value, r.blocs, r.violations) == (0, (("a", "b"), ("c",)), ())


def test_all_negative_triangle():
    """Three mutual enemies: frustration 1 (one pair must share a bloc), but clusterable into three blocs."""
    r = frustration(TRIANGLE_MMM)
    assert r.value == 1 and r.exact
    assert r.blocs == (("a", "b"), ("c",))  # lexicographically smallest of the three optimal splits
    assert r.violations == (("a", "b"),)
    p = best_partition(TRIANGLE_MMM)
    assert (p.value, p.blocs) == (0, (("a",), ("b",), ("c",)))
    assert best_partition(TRIANGLE_MMM, k=2).value == 1


def test_walk_balance_of_unbalanced_triangle():
    """tr exp(A) / tr exp(|A|) for ++- by hand: eigenvalues {1, 1, -2} against {2, -1, -1}."""
    expected = (2 * math.e + math.exp(-2)) / (math.exp(2) + 2 * math.exp(-1))
    assert walk_balance(TRIANGLE_PPM) == pytest.approx(expected)


def test_empty_graph():
    """No nodes: no triangles (NaN), walk balance NaN, nothing frustrated."""
    G = nx.Graph()
    assert triangle_counts(G) == {"+++": 0, "++-": 0, "+--": 0, "---": 0}
    assert math.isnan(triangle_balance(G))
    assert math.isnan(walk_balance(G))
    assert unbalanced_triangles(G) == []
    r = frustration(G)
    assert (r.value, r.blocs, r.exact) == (0, ((), ()), True)
    assert best_partition(G).blocs == ()


def test_isolated_node():
    """An isolated node joins the first bloc and changes nothing else."""
    G = signed([("a", "b", -1)])
    G.add_node("z")
    assert math.isnan(triangle_balance(G))
    assert walk_balance(G) == pytest.approx(1.0)
    r = frustration(G)
    assert (r.value, r.blocs) == (0, (("a", "z"), ("b",)))
    assert best_partition(G).blocs == (("a", "z"), ("b",))


def test_zero_and_missing_signs_are_ignored():
    """Edges with sign 0 or no sign do not count, so this is a +-- triangle plus loose edges."""
    G = signed([("a", "b", 1), ("b", "c", -1), ("a", "c", -1), ("a", "d", 0)])
    G.add_edge("c", "d")
    assert triangle_counts(G) == {"+++": 0, "++-": 0, "+--": 1, "---": 0}
    assert frustration(G).blocs == (("a", "b", "d"), ("c",))


def test_bad_sign_raises():
    """Should raise when a sign is neither +1, -1, 0 nor missing."""
    G = signed([("a", "b", 2)])
    with pytest.raises(ValueError, match="has sign 2"):
        triangle_balance(G)


def test_directed_raises():
    """Should raise for a directed graph."""
    G = nx.DiGraph()
    G.add_edge(1, 2, sign=1)
    with pytest.raises(nx.NetworkXNotImplemented):
        frustration(G)


def test_four_cycle_with_one_negative_edge():
    """A cycle with one negative edge is frustrated by exactly one edge."""
    G = signed([(0, 1, 1), (1, 2, -1), (2, 3, 1), (3, 0, 1)])
    r = frustration(G)
    assert r.value == 1
    assert r.blocs == ((0, 1, 2, 3), ())  # smallest labelling: all in one bloc, the - edge frustrated


def test_components_are_solved_separately():
    """Two disjoint negative triangles: frustration 2, each component's smallest node in the first bloc."""
    G = signed([(0, 1, -1), (1, 2, -1), (0, 2, -1), (3, 4, -1), (4, 5, -1), (3, 5, -1)])
    r = frustration(G)
    assert r.value == 2
    assert r.blocs == ((0, 1, 3, 4), (2, 5))
    p = best_partition(G)
    assert p.value == 0 and len(p.blocs) == 3


def test_weighted_frustration():
    """With weights the cheapest edge is the one left frustrated."""
    G = signed([("a", "b", -1), ("b", "c", -1), ("a", "c", -1)])
    G["a"]["b"]["w"], G["b"]["c"]["w"], G["a"]["c"]["w"] = 3, 2, 0.5
    r = frustration(G, weight="w")
    assert r.value == pytest.approx(0.5)
    assert r.violations == (("a", "c"),)


def test_heuristic_is_labelled():
    """Above the exactness limit the result says exact=False; its value is an upper bound."""
    G = random_signed(12, 0.6, seed=3)
    exact = frustration(G)
    heuristic = frustration(G, exact_limit=5)
    assert exact.exact and not heuristic.exact
    assert heuristic.value >= exact.value


def test_deterministic():
    """Same graph, same answer, whatever the insertion order of the edges."""
    G = random_signed(14, 0.5, seed=7)
    H = nx.Graph()
    H.add_nodes_from(sorted(G, reverse=True))
    H.add_edges_from(reversed(list(G.edges(data=True))))
    assert frustration(G) == frustration(H)
    assert best_partition(G) == best_partition(H)


# ---------------------------------------------------------------- brute force


@pytest.mark.parametrize("seed", range(12))
@pytest.mark.parametrize("weighted", [False, True])
def test_frustration_matches_brute_force(seed, weighted):
    """Branch and bound finds the optimum and the lexicographically smallest optimal split."""
    G = random_signed(9, 0.5 + 0.04 * seed, seed, weighted)
    weight = "w" if weighted else None
    nodes = sorted(G)
    best = min(
        (violations(G, dict(zip(nodes, (0,) + bits, strict=True)), weight), (0,) + bits)
        for bits in itertools.product((0, 1), repeat=len(nodes) - 1)
    )
    r = frustration(G, weight=weight)
    assert r.value == pytest.approx(best[0])
    if nx.is_connected(G):
        assert r.blocs[0] == tuple(u for u, b in zip(nodes, best[1], strict=True) if b == 0)


@pytest.mark.parametrize("seed", range(8))
@pytest.mark.parametrize("k", [None, 2, 3])
def test_best_partition_matches_brute_force(seed, k):
    """Any number of blocs (or at most k): the optimum over all set partitions."""
    G = random_signed(8, 0.6, seed)
    best = min(
        violations(G, labels) for labels in set_partitions(sorted(G)) if k is None or max(labels.values()) < k
    )
    r = best_partition(G, k)
    assert r.value == best
    assert violations(G, {u: b for b, bloc in enumerate(r.blocs) for u in bloc}) == best


def test_best_partition_with_two_blocs_is_the_frustration_index():
    """At most two blocs is the frustration problem."""
    for seed in range(5):
        G = random_signed(11, 0.5, seed)
        assert best_partition(G, 2).value == frustration(G).value


# ---------------------------------------------------------------- Read's Highland Tribes


def test_tribes_triangles():
    """signnet: balance_score(tribes, "triangles") = 0.8676471, i.e. 59 of 68 triangles balanced."""
    # Published in the signnet "Signed Networks" tutorial (R4SNA, schochastics.github.io/R4SNA).
    counts = triangle_counts(tribes())
    assert sum(counts.values()) == 68
    assert counts["+++"] + counts["+--"] == 59
    assert triangle_balance(tribes()) == pytest.approx(0.8676471, abs=1e-7)
    assert len(unbalanced_triangles(tribes())) == 9


def test_tribes_walk_balance():
    """signnet: balance_score(tribes, "walk") = 0.3575761."""
    # Same source as above.
    assert walk_balance(tribes()) == pytest.approx(0.3575761, abs=1e-7)


def test_tribes_frustration():
    """Frustration index 7, unique best split {Gavev, Kotun, Nagad, Gama} vs the other twelve."""
    # signnet tutorial: balance_score(tribes, "frustration") = 0.7586207 = 1 - L / (m / 2) with
    # m = 58 edges (signnet R/balance_scores.R), so L = 7. The split: Hage & Harary (1983).
    G = tribes()
    r = frustration(G)
    assert r.exact and r.value == 7
    assert 1 - 2 * r.value / G.number_of_edges() == pytest.approx(0.7586207, abs=1e-7)
    assert set(map(frozenset, r.blocs)) == {
        frozenset({"gavev", "kotun", "nagad", "gama"}),
        frozenset(set(G) - {"gavev", "kotun", "nagad", "gama"}),
    }
    assert len(r.violations) == 7


def test_tribes_frustration_split_is_unique():
    """No other two-bloc split reaches 7 (checked against all 2**15 splits)."""
    G = tribes()
    nodes = sorted(G)
    values = [
        violations(G, dict(zip(nodes, (0,) + bits, strict=True)))
        for bits in itertools.product((0, 1), repeat=len(nodes) - 1)
    ]
    assert min(values) == 7 and values.count(7) == 1


def test_tribes_best_partition():
    """Two violations with three blocs: Hage & Harary's three groups, as signnet's signed_blockmodel."""
    # signnet tutorial: signed_blockmodel(tribes, k = 3, alpha = 0.5) has criterion 2 and
    # membership 2 2 1 1 3 1 1 1 3 3 1 1 3 3 2 2 in the order Gavev ... Gama.
    r = best_partition(tribes())
    assert r.exact and r.value == 2
    assert r.blocs == (
        ("alika", "asaro", "gahuk", "geham", "masil", "ove", "ukudz"),
        ("gama", "gavev", "kotun", "nagad"),
        ("kohik", "nagam", "notoh", "seuve", "uheto"),
    )
    assert r.violations == (("masil", "nagam"), ("masil", "uheto"))
    assert best_partition(tribes(), k=3) == r


# --------------------------------------------------------------------------- shared partitions


def _random_signed(n, p, seed):
    rng = random.Random(seed)
    G = nx.Graph()
    G.add_nodes_from(range(n))
    for u, v in itertools.combinations(range(n), 2):
        if rng.random() < p:
            G.add_edge(u, v, sign=rng.choice((1, -1)), w=rng.choice((1.0, 2.5)))
    return G


def test_cached_partitions_equal_a_fresh_solve():
    graphs = [_random_signed(12, 0.4, seed) for seed in range(6)] + [tribes()]
    fresh = [(frustration(G), best_partition(G), frustration(G, "w")) for G in graphs]
    cache = PartitionCache()
    first = [
        (
            frustration(G, partitions=cache),
            best_partition(G, partitions=cache),
            frustration(G, "w", partitions=cache),
        )
        for G in graphs
    ]
    again = [
        (
            frustration(G.copy(), partitions=cache),
            best_partition(G, partitions=cache),
            frustration(G, "w", partitions=cache),
        )
        for G in graphs
    ]
    assert first == fresh and again == fresh
    assert all(a is b for f, g in zip(first, again, strict=True) for a, b in zip(f, g, strict=True))
    assert (cache.misses, cache.hits, len(cache)) == (3 * len(graphs), 3 * len(graphs), 3 * len(graphs))


def test_cached_partitions_never_serve_another_question():
    G = signed([("a", "b", -1), ("b", "c", -1), ("a", "c", -1), ("c", "d", 1)])
    c = PartitionCache()
    two = frustration(G, partitions=c)
    any_k = best_partition(G, partitions=c)  # the same graph, any number of blocs: another answer
    assert (two.value, len(two.blocs)) == (1, 2)
    assert (any_k.value, len(any_k.blocs)) == (0, 3)
    # k is in the key
    assert best_partition(G, 2, partitions=c) == two and best_partition(G, 2, partitions=c) is not two
    # the limit too
    assert frustration(G, exact_limit=0, partitions=c) == frustration(G, exact_limit=0, partitions=c)
    assert frustration(G, exact_limit=0, partitions=c).exact is False and two.exact is True
    weighted = frustration(G, "w", partitions=c)  # every cost 1, but a weight was asked for: a float value
    assert weighted.value == 1 and isinstance(weighted.value, float) and isinstance(two.value, int)
    G.edges["a", "b"]["sign"] = 1  # the graph changed: solved again
    assert frustration(G, partitions=c).value == 0
    H = signed([(0, 1, -1)])
    K = signed([(False, True, -1)])  # equal to 0 and 1, but other nodes
    assert frustration(K, partitions=c).blocs == ((False,), (True,))
    assert type(frustration(H, partitions=c).blocs[0][0]) is int


def test_a_partition_cache_is_used_only_where_passed_and_nothing_is_kept_elsewhere():
    """Should count a hit for a partition asked for again with the cache, keep nothing for a call
    without one (two such calls solve twice), and keep two caches apart."""
    from network.measures import balance

    G = _random_signed(10, 0.5, 1)
    one, other = PartitionCache(), PartitionCache()
    first = frustration(G, partitions=one)
    assert frustration(G, partitions=one) is first and (one.misses, one.hits) == (1, 1)
    assert frustration(G) == first and frustration(G) is not first and frustration(G) is not frustration(G)
    assert (one.misses, one.hits) == (1, 1)  # calls without the cache did not touch it
    assert frustration(G, partitions=other) is not first and (other.misses, other.hits) == (1, 0)
    module_state = [
        name
        for name, value in vars(balance).items()
        if isinstance(value, dict | list | set | PartitionCache)
        and not name.isupper()
        and not name.startswith("__")
    ]
    assert module_state == [], "a module-level cache in network.measures.balance"
