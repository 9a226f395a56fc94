"""Centrality per period: involvement, signed degree and strength, betweenness, eigenvector, PageRank, PN.

One row per actor with at least one tie in the period (inactive actors are
left out), ranked within the period by :data:`RANK_BY` (involvement, the
total weight of the actor's ties, unless asked otherwise): the one "who was
central" of every output. Formulas, ranges, references and what each measure
rewards and ignores are in ``docs/measures.md``; how the outputs name them, in
:data:`network.output.measure_names.MEASURE_NAMES`.

Examples
--------
>>> from network import load
>>> from network.timeline.snapshots import snapshots
>>> rows = centrality(snapshots(load("tests/data/mini.yaml"), level="state"))
>>> [(r["rank"], r["actor"], r["involvement"], r["ties"]) for r in rows if r["period"] == "1958"]
[(1, 'albania', 5.0, 3), (2, 'ussr', 4.0, 2), (3, 'china', 1.0, 1)]
"""

from __future__ import annotations

import math
from collections.abc import Hashable, Iterable

import networkx as nx
import numpy as np
import scipy.sparse
import scipy.sparse.csgraph
import scipy.sparse.linalg

from network.measures.betweenness import betweenness
from network.measures.choices import BETWEENNESS_EXACT_MAX, BETWEENNESS_SAMPLES, CENTRALITY_MEASURES, RANK_BY
from network.output.rows import Rows
from network.timeline.snapshots import Snapshot

__all__ = [
    "centrality",
    "involvement",
    "rank",
    "MEASURES",
    "RANK_BY",
    "BETWEENNESS_EXACT_MAX",
    "BETWEENNESS_SAMPLES",
    "PN_MAX",
]

MEASURES = CENTRALITY_MEASURES
#: Above this many active actors the PN index (a dense n x n system) is not computed: ``pn`` is null.
PN_MAX = 2000
_DENSE_MAX = 400  # components up to this size get a dense eigen-decomposition, larger ones ARPACK
_PAGERANK_ALPHA = 0.85
#: Bound on the L1 distance of the computed PageRank vector from the exact one: far below the
#: tables' ninth decimal. networkx's default (stop when the L1 step is below 1e-6 per node)
#: leaves errors of order 1e-6, so the last printed digits were noise.
_PAGERANK_ERROR = 1e-12


def involvement(graph: nx.Graph, actor: str) -> tuple[float, int]:
    """The total weight of an actor's ties (cooperative + hostile) and how many ties that is.

    Examples
    --------
    >>> import networkx as nx
    >>> g = nx.Graph()
    >>> g.add_edge("a", "b", pos=3.0, neg=1.0, count=2)
    >>> g.add_edge("a", "c", pos=0.0, neg=2.0, count=1)
    >>> involvement(g, "a")
    (6.0, 3)
    """
    edges = [d for _, _, d in graph.edges(actor, data=True)]
    return sum(d["pos"] for d in edges) + sum(d["neg"] for d in edges), sum(int(d["count"]) for d in edges)


def rank(values: dict[str, float | None], ties: dict[str, int]) -> dict[str, int]:
    """Actor -> rank, 1 = highest value; equal values go to more ties, then to the smaller id.

    Values equal to 9 decimals (rounding noise) count as equal; None ranks
    last. Every output that ranks actors calls this, so they agree.

    Examples
    --------
    >>> rank({"b": 2.0, "a": 2.0, "c": 5.0, "d": None}, {"a": 1, "b": 2, "c": 1, "d": 3})
    {'c': 1, 'b': 2, 'a': 3, 'd': 4}
    """
    order = sorted(values, key=lambda a: (values[a] is None, -round(values[a] or 0.0, 9), -ties.get(a, 0), a))
    return {a: i + 1 for i, a in enumerate(order)}


def _graphs(g: nx.Graph) -> tuple[list[str], nx.Graph, nx.Graph]:
    """Active nodes, the signed graph on them (sign-0 edges left out) and its positive part."""
    active = [n for n, d in g.nodes(data=True) if d.get("active")]
    signed = nx.Graph()
    signed.add_nodes_from(active)
    positive = nx.Graph()
    positive.add_nodes_from(active)
    edges = list(g.edges(data=True))
    signed.add_edges_from(
        (u, v, {"sign": d["sign"], "weight": d["weight"]}) for u, v, d in edges if d["sign"] != 0
    )
    positive.add_edges_from(
        (u, v, {"weight": d["weight"], "distance": 1.0 / d["weight"]}) for u, v, d in edges if d["sign"] > 0
    )
    return active, signed, positive


def _leading(a: scipy.sparse.csr_array) -> tuple[float, np.ndarray]:
    """Largest eigenvalue and its eigenvector of a symmetric non-negative matrix (one component).

    Dense ``eigh`` up to ``_DENSE_MAX`` rows; above, ARPACK (``eigsh``) started
    from the all-ones vector, which is never orthogonal to the positive
    Perron vector, so the answer is deterministic.
    """
    n = a.shape[0]
    if n <= _DENSE_MAX:
        vals, vecs = np.linalg.eigh(a.toarray())
        return float(vals[-1]), vecs[:, -1]
    vals, vecs = scipy.sparse.linalg.eigsh(a, k=1, which="LA", v0=np.ones(n))
    return float(vals[0]), vecs[:, 0]


def _eigenvector(positive: nx.Graph) -> dict[str, float]:
    """Leading eigenvector of the weighted positive adjacency, unit Euclidean norm.

    On a disconnected graph the leading eigenvector lives on the component(s)
    with the largest spectral radius; when several components share it they
    get equal parts of the norm, so the result does not depend on the solver.

    One sparse matrix holds the whole graph (nodes sorted); each component's
    block is cut from it, the same matrix ``to_scipy_sparse_array`` would
    give for the component's sorted nodes. Components are taken largest
    first, and one whose largest weighted degree (a bound on its spectral
    radius) is below the radius found so far cannot lead and is skipped.
    """
    out = dict.fromkeys(positive, 0.0)
    nodes = sorted(positive)
    if positive.number_of_edges() == 0:
        return out
    a = nx.to_scipy_sparse_array(positive, nodelist=nodes, weight="weight", dtype=float, format="csr")
    _, labels = scipy.sparse.csgraph.connected_components(a, directed=False)
    members: dict[int, list[int]] = {}
    for i, label in enumerate(labels.tolist()):
        members.setdefault(label, []).append(i)
    degree = np.asarray(a.sum(axis=1)).ravel()
    comps = sorted((idx for idx in members.values() if len(idx) >= 2), key=lambda idx: (-len(idx), idx[0]))
    parts = []
    top = 0.0
    for idx in comps:
        if degree[idx].max() < top * (1 - 1e-9):
            continue  # spectral radius <= largest row sum < the leading one's
        lam, vec = _leading(a[idx][:, idx])
        vec = np.abs(vec) / np.linalg.norm(vec)
        parts.append((lam, idx, vec))
        top = max(top, lam)
    leading = [(idx, vec) for lam, idx, vec in parts if lam >= top * (1 - 1e-9)]
    scale = 1.0 / math.sqrt(len(leading))
    for idx, vec in leading:
        for i, x in zip(idx, vec.tolist(), strict=True):
            out[nodes[i]] = x * scale
    return out


def _betweenness(positive: nx.Graph, seed: int, samples: int) -> tuple[dict[Hashable, float], int | None]:
    """Betweenness (distance = 1/weight) and the number of sampled sources (None: exact)."""
    n = positive.number_of_nodes()
    k = samples if n > BETWEENNESS_EXACT_MAX else None
    if k is not None and k >= n:
        k = None
    return betweenness(positive, k=k, weight="distance", seed=seed), k


def _pn(signed: nx.Graph) -> tuple[dict[str, float], bool]:
    """PN index of the signed graph ({} where undefined) and whether it was computed at all."""
    from network.measures.signed_centrality import pn_index

    if signed.number_of_nodes() > PN_MAX:
        return {}, False
    try:
        return pn_index(signed), True
    except ValueError:  # singular, e.g. a lone negative dyad: PN is undefined
        return {}, True


def _note(n: int, k: int | None, pn_done: bool) -> str | None:
    """What in a period's rows is estimated or left out, for the ``note`` column (None: nothing)."""
    parts = []
    if k is not None:
        parts.append(f"betweenness estimated from {k} sampled sources ({n} actors > {BETWEENNESS_EXACT_MAX})")
    if not pn_done:
        parts.append(f"pn not computed ({n} actors > {PN_MAX})")
    return "; ".join(parts) or None


def centrality(
    snaps: Iterable[Snapshot], rank_by: str = RANK_BY, seed: int = 0, samples: int | None = None
) -> Rows:
    """Centrality of every active actor in every period, ranked within the period.

    Parameters
    ----------
    snaps : iterable of Snapshot
        From :func:`network.timeline.snapshots.snapshots`.
    rank_by : str
        Column the ``rank`` follows (default :data:`RANK_BY`, ``"involvement"``;
        any of :data:`MEASURES`).
    seed : int
        Seed of the sampled betweenness (used only above
        :data:`BETWEENNESS_EXACT_MAX` active actors).
    samples : int, optional
        Sampled sources of the estimated betweenness (default
        :data:`BETWEENNESS_SAMPLES`): more is slower and closer to exact.

    Returns
    -------
    Rows
        Keys ``period, actor, name, rank, involvement, ties, degree_pos,
        degree_neg, strength, strength_pos, strength_neg, betweenness,
        eigenvector, pagerank, pn``, sorted by period then rank. ``involvement`` is
        ``strength_pos + strength_neg``, the total weight of the actor's
        ties; ``ties`` how many ties that is. Edges of net weight 0 count in no
        degree; ``strength = strength_pos - strength_neg`` sums the ``pos`` and
        ``neg`` weights of every edge. Betweenness (normalised, distance =
        1/weight), eigenvector (unit norm) and PageRank (sums to 1) are
        computed on the positive graph of the active actors; PN (Everett &
        Borgatti 2014) on the signed graph; None where it is undefined (a
        period whose only signed edge is one negative dyad). ``rank`` is 1 for
        the highest ``rank_by``, equal values ordered by more ties, then by
        actor id, None last (:func:`rank`).

        Large periods: above :data:`BETWEENNESS_EXACT_MAX` active actors
        betweenness is estimated from :data:`BETWEENNESS_SAMPLES` sampled
        sources; above :data:`PN_MAX` the PN index is not computed (None).
        When that happens in any period, every row gets a last key ``note``
        saying what in its period is estimated or left out (None where
        nothing is); otherwise there is no ``note`` key.

    Examples
    --------
    >>> from network import load
    >>> from network.timeline.snapshots import snapshots
    >>> rows = centrality(snapshots(load("tests/data/mini.yaml"), level="state"))
    >>> r = rows[0]
    >>> r["period"], r["actor"], r["rank"], round(r["pagerank"], 3)
    ('1957', 'ussr', 1, 0.486)

    References
    ----------
    .. [1] Brandes, U. (2001). A faster algorithm for betweenness centrality.
       *Journal of Mathematical Sociology* 25(2): 163-177.
    .. [2] Bonacich, P. (1972). Factoring and weighting approaches to status
       scores and clique identification. *Journal of Mathematical Sociology* 2(1): 113-120.
    .. [3] Brin, S. and Page, L. (1998). The anatomy of a large-scale
       hypertextual Web search engine. *Computer Networks and ISDN Systems* 30: 107-117.
    .. [4] Everett, M. G. and Borgatti, S. P. (2014). Networks containing
       negative ties. *Social Networks* 38: 111-120.
    """
    if rank_by not in MEASURES:
        raise ValueError(f"unknown measure {rank_by!r} to rank by; choose from {', '.join(MEASURES)}")
    if samples is None:
        samples = BETWEENNESS_SAMPLES
    if samples < 1:
        raise ValueError(f"the betweenness needs at least one sampled source (got {samples})")
    out = Rows()
    noted = False
    for snap in snaps:
        g = snap.graph
        active, signed, positive = _graphs(g)
        if not active:
            continue
        between, k = _betweenness(positive, seed, samples)
        eigen = _eigenvector(positive)
        # Power iteration contracts by alpha, so the distance to the exact vector is at most
        # alpha / (1 - alpha) times the last L1 step, which networkx stops below tol x n.
        step = _PAGERANK_ERROR * (1 - _PAGERANK_ALPHA) / _PAGERANK_ALPHA
        pagerank = nx.pagerank(
            positive, alpha=_PAGERANK_ALPHA, weight="weight", tol=step / len(active), max_iter=1000
        )
        pn, pn_done = _pn(signed)
        note = _note(len(active), k, pn_done)
        noted = noted or note is not None
        rows = {}
        for a in active:
            edges = [d for _, _, d in g.edges(a, data=True)]
            pos = sum(d["pos"] for d in edges)
            neg = sum(d["neg"] for d in edges)
            value = pn.get(a)
            rows[a] = {
                "period": snap.window.id,
                "actor": a,
                "name": g.nodes[a].get("name", a),
                "rank": 0,  # filled in below, once the period's values are known
                "involvement": pos + neg,
                "ties": sum(int(d["count"]) for d in edges),
                "degree_pos": sum(1 for d in edges if d["sign"] > 0),
                "degree_neg": sum(1 for d in edges if d["sign"] < 0),
                "strength": pos - neg,
                "strength_pos": pos,
                "strength_neg": neg,
                "betweenness": between[a],
                "eigenvector": eigen[a],
                "pagerank": pagerank[a],
                "pn": None if value is None else float(value),
            }
        ranks = rank({a: r[rank_by] for a, r in rows.items()}, {a: r["ties"] for a, r in rows.items()})
        for a in sorted(rows, key=ranks.__getitem__):
            rows[a]["rank"] = ranks[a]
            rows[a]["note"] = note
            out.append(rows[a])
    if not noted:  # every value exact and computed: the rows keep the plain keys
        for row in out:
            del row["note"]
    return out
