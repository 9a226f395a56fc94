"""Centrality per period: signed degree and strength, positive-graph betweenness, eigenvector, PageRank, PN.

One row per actor with at least one tie in the period (inactive actors are
left out), ranked within the period. Formulas, ranges and references are in
``docs/measures.md``.

Examples
--------
>>> from network import load
>>> from network.snapshots import snapshots
>>> rows = centrality(snapshots(load("tests/data/mini.yaml"), level="state"))
>>> [(r["actor"], r["degree_pos"], r["degree_neg"], r["strength"]) for r in rows if r["period"] == "1958"]
[('albania', 2, 0, 3.0), ('china', 1, 0, 1.0), ('ussr', 1, 0, 2.0)]
"""

from __future__ import annotations

import math
from collections.abc import Iterable

import networkx as nx
import numpy as np
import scipy.sparse
import scipy.sparse.linalg

from .options import CENTRALITY_MEASURES, RANK_BY
from .rows import Rows
from .snapshots import Snapshot

__all__ = ["centrality", "MEASURES", "RANK_BY", "BETWEENNESS_EXACT_MAX", "BETWEENNESS_SAMPLES"]

MEASURES = CENTRALITY_MEASURES
#: Above this many active actors, betweenness is estimated from a sample of source nodes.
BETWEENNESS_EXACT_MAX = 1000
#: Number of sampled source nodes (seeded) above :data:`BETWEENNESS_EXACT_MAX`.
BETWEENNESS_SAMPLES = 500
_DENSE_MAX = 1500  # components up to this size get a dense eigen-decomposition
_PAGERANK_ALPHA = 0.85


def _graphs(g: nx.Graph) -> tuple[list[str], nx.Graph, nx.Graph]:
    """Active nodes, the signed graph on them (sign-0 edges left out) and its positive part."""
    active = [n for n, d in g.nodes(data=True) if d.get("active")]
    signed = nx.Graph()
    signed.add_nodes_from(active)
    positive = nx.Graph()
    positive.add_nodes_from(active)
    for u, v, d in g.edges(data=True):
        if d["sign"] != 0:
            signed.add_edge(u, v, sign=d["sign"], weight=d["weight"])
        if d["sign"] > 0:
            positive.add_edge(u, v, weight=d["weight"], distance=1.0 / d["weight"])
    return active, signed, positive


def _eigenvector(positive: nx.Graph) -> dict[str, float]:
    """Leading eigenvector of the weighted positive adjacency, unit Euclidean norm.

    On a disconnected graph the leading eigenvector lives on the component(s)
    with the largest spectral radius; when several components share it they
    get equal parts of the norm, so the result does not depend on the solver.
    """
    out = dict.fromkeys(positive, 0.0)
    parts = []
    for comp in nx.connected_components(positive):
        if len(comp) < 2:
            continue
        nodes = sorted(comp)
        a = nx.to_scipy_sparse_array(positive, nodelist=nodes, weight="weight", dtype=float)
        if len(nodes) <= _DENSE_MAX:
            vals, vecs = np.linalg.eigh(a.toarray())
            lam, vec = vals[-1], vecs[:, -1]
        else:  # pragma: no cover - large graphs only
            vals, vecs = scipy.sparse.linalg.eigsh(a, k=1, which="LA")
            lam, vec = vals[0], vecs[:, 0]
        vec = np.abs(vec) / np.linalg.norm(vec)
        parts.append((float(lam), nodes, vec))
    if not parts:
        return out
    top = max(lam for lam, _, _ in parts)
    leading = [(nodes, vec) for lam, nodes, vec in parts if lam >= top * (1 - 1e-9)]
    scale = 1.0 / math.sqrt(len(leading))
    for nodes, vec in leading:
        for n, x in zip(nodes, vec, strict=True):
            out[n] = float(x) * scale
    return out


def _betweenness(positive: nx.Graph, seed: int) -> dict[str, float]:
    n = positive.number_of_nodes()
    k = BETWEENNESS_SAMPLES if n > BETWEENNESS_EXACT_MAX else None
    return nx.betweenness_centrality(positive, k=k, normalized=True, weight="distance", seed=seed)


def _ranks(values: dict[str, float | None]) -> dict[str, int]:
    """1 = highest; values equal to 9 decimals (rounding noise) ordered by id; missing last."""
    order = sorted(values, key=lambda a: (values[a] is None, -round(values[a] or 0.0, 9), a))
    return {a: i + 1 for i, a in enumerate(order)}


def centrality(snaps: Iterable[Snapshot], rank_by: str = RANK_BY, seed: int = 0) -> Rows:
    """Centrality of every active actor in every period, ranked within the period.

    Parameters
    ----------
    snaps : iterable of Snapshot
        From :func:`network.snapshots.snapshots`.
    rank_by : str
        Column the ``rank`` follows (default ``"pn"``; any of :data:`MEASURES`).
    seed : int
        Seed of the sampled betweenness (used only above
        :data:`BETWEENNESS_EXACT_MAX` active actors).

    Returns
    -------
    Rows
        Keys ``period, actor, name, degree_pos, degree_neg, strength,
        strength_pos, strength_neg, betweenness, eigenvector, pagerank, pn,
        rank``, sorted by period then rank. Edges of net weight 0 count in no
        degree; ``strength = strength_pos - strength_neg`` sums the ``pos`` and
        ``neg`` weights of every edge. Betweenness (normalised, distance =
        1/weight), eigenvector (unit norm) and PageRank (sums to 1) are
        computed on the positive graph of the active actors; PN (Everett &
        Borgatti 2014) on the signed graph; None where it is undefined (a
        period whose only signed edge is one negative dyad). ``rank`` is 1 for
        the highest ``rank_by``, equal values ordered by actor id, None last.

    Examples
    --------
    >>> from network import load
    >>> from network.snapshots import snapshots
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
    from .signed_centrality import pn_index

    out = Rows()
    for snap in snaps:
        g = snap.graph
        active, signed, positive = _graphs(g)
        if not active:
            continue
        betweenness = _betweenness(positive, seed)
        eigen = _eigenvector(positive)
        pagerank = nx.pagerank(positive, alpha=_PAGERANK_ALPHA, weight="weight")
        try:
            pn = pn_index(signed)
        except ValueError:  # singular, e.g. a lone negative dyad: PN is undefined
            pn = {}
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
                "degree_pos": sum(1 for d in edges if d["sign"] > 0),
                "degree_neg": sum(1 for d in edges if d["sign"] < 0),
                "strength": pos - neg,
                "strength_pos": pos,
                "strength_neg": neg,
                "betweenness": betweenness[a],
                "eigenvector": eigen[a],
                "pagerank": pagerank[a],
                "pn": None if value is None else float(value),
            }
        ranks = _ranks({a: r[rank_by] for a, r in rows.items()})
        for a in sorted(rows, key=ranks.__getitem__):
            rows[a]["rank"] = ranks[a]
            out.append(rows[a])
    return out
