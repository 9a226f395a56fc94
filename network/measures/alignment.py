"""Alignment of a focal actor with two or more poles, period by period (camps: :mod:`network.measures.camps`).

Four measures, higher = more aligned (``docs/measures.md``):

* ``"jeffreys"`` (default): the cooperative share of the ties between focal
  and pole, estimated under a Jeffreys prior and mapped to [-1, 1], with its
  95% interval: one tie gives a shrunken score and a wide interval, thirty
  ties a firm one. The score is ``net x n / (n + 1)`` for ``n`` ties.
* ``"net"``: the net signed weight of the ties between focal and
  pole over their total weight, ``(pos - neg) / (pos + neg)``, in [-1, 1],
  with the same interval. It reads the direct, cited evidence and does not
  grow with how much the source says, but one tie scores as high as thirty.
* ``"weight"``: the raw net signed weight ``pos - neg``, unbounded: volume
  counts too.
* ``"s_score"``: Signorino & Ritter's S, in [-1, 1], the similarity of the
  focal's and the pole's tie portfolios towards every other actor either is
  tied to.

Examples
--------
>>> from network import load
>>> from network.timeline.snapshots import snapshots
>>> snaps = snapshots(load("tests/data/mini.yaml"), level="state")
>>> rows = [r for r in alignment(snaps, "albania", ("ussr", "china")) if r["period"] == "1959"]
>>> [(r["pole"], r["score"], r["low"], r["high"], r["ties"]) for r in rows]
[('ussr', 0.3, -0.771, 0.982, 2), ('china', 0.45, -0.468, 0.975, 3)]
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import networkx as nx

from network.measures.choices import ALIGNMENT_LEVEL, ALIGNMENT_MEASURE, ALIGNMENT_MEASURES
from network.output.rows import Rows
from network.timeline.snapshots import Snapshot

__all__ = ["alignment", "lead", "dyad_score", "jeffreys_interval", "MEASURES"]

MEASURES = ALIGNMENT_MEASURES


def dyad_score(graph: nx.Graph, a: str, b: str) -> tuple[float | None, int]:
    """``(pos - neg) / (pos + neg)`` of the edge between ``a`` and ``b``, and its tie count.

    The score is None when there is no edge (no evidence is not neutrality).

    Examples
    --------
    >>> import networkx as nx
    >>> g = nx.Graph()
    >>> g.add_edge("a", "b", pos=3.0, neg=1.0, count=2)
    >>> dyad_score(g, "a", "b"), dyad_score(g, "a", "c")
    ((0.5, 2), (None, 0))
    """
    if not graph.has_edge(a, b):
        return None, 0
    d = graph.edges[a, b]
    total = d["pos"] + d["neg"]
    if total <= 0:
        return None, int(d.get("count", 0))
    return (d["pos"] - d["neg"]) / total, int(d.get("count", 0))


def jeffreys_interval(
    pos: float, neg: float, n: float, level: float = ALIGNMENT_LEVEL
) -> tuple[float, float, float]:
    """Score, low and high of the cooperative share behind ``pos`` and ``neg``, mapped to [-1, 1].

    The ``n`` ties (fractional when a tie is split between windows or decayed
    in memory mode) are read as ``n`` trials of which ``k = n x pos / (pos +
    neg)`` are cooperative. Under the Jeffreys prior Beta(1/2, 1/2) the
    cooperative share has the posterior Beta(k + 1/2, n - k + 1/2); the score
    is its mean and the interval its equal-tailed ``level`` interval, each
    mapped from [0, 1] to [-1, 1] by ``2p - 1``. The mean works out to
    ``net x n / (n + 1)`` with ``net = (pos - neg) / (pos + neg)``, so the
    score can be checked by hand. As Brown, Cai and DasGupta (2001) advise,
    the interval reaches 1 when no tie is hostile and -1 when none is
    cooperative. Rounded to 3 decimals.

    Examples
    --------
    >>> jeffreys_interval(1.0, 0.0, 1)      # one cooperative tie: little evidence
    (0.5, -0.707, 1.0)
    >>> jeffreys_interval(30.0, 0.0, 30)    # thirty: firm
    (0.968, 0.841, 1.0)
    >>> jeffreys_interval(3.0, 1.0, 2)
    (0.333, -0.684, 0.975)

    References
    ----------
    .. [1] Brown, L. D., Cai, T. T. and DasGupta, A. (2001). Interval
       estimation for a binomial proportion. *Statistical Science* 16(2): 101-133.
    """
    from scipy.stats import beta

    share = pos / (pos + neg)
    k = n * share
    a, b = k + 0.5, n - k + 0.5
    tail = (1.0 - level) / 2.0
    low = -1.0 if pos <= 0 else 2.0 * float(beta.ppf(tail, a, b)) - 1.0
    high = 1.0 if neg <= 0 else 2.0 * float(beta.ppf(1.0 - tail, a, b)) - 1.0
    score = 2.0 * a / (a + b) - 1.0
    return round(score, 3), round(low, 3), round(high, 3)


def _evidence(snap: Snapshot, a: str, b: str) -> tuple[float, float, float, int] | None:
    """``pos``, ``neg``, ties counted (shares summed) and tie count of an edge; None without evidence."""
    g = snap.graph
    if not g.has_edge(a, b):
        return None
    d = g.edges[a, b]
    if d["pos"] + d["neg"] <= 0:
        return None
    count = int(d.get("count", 0))
    ids = d.get("ties", ())
    n = sum(snap.allocation.get(t, 1.0) for t in ids) if ids else float(count)
    return float(d["pos"]), float(d["neg"]), float(n), count


def _net_weight(graph: nx.Graph, a: str, b: str) -> tuple[float | None, int]:
    if not graph.has_edge(a, b):
        return None, 0
    d = graph.edges[a, b]
    return float(d["pos"] - d["neg"]), int(d.get("count", 0))


def _s_score(graph: nx.Graph, focal: str, pole: str) -> tuple[float | None, int]:
    others = sorted((set(graph[focal]) | set(graph[pole])) - {focal, pole})
    if not others:
        return None, 0
    distance = 0.0
    ties = 0
    for k in others:
        x, nx_ = dyad_score(graph, focal, k)
        y, ny_ = dyad_score(graph, pole, k)
        distance += abs((x or 0.0) - (y or 0.0))
        ties += nx_ + ny_
    # each entry lies in [-1, 1], so the largest possible distance is 2 per actor
    return 1.0 - 2.0 * distance / (2.0 * len(others)), ties


def check_actors(graph: nx.Graph, names: Sequence[str]) -> None:
    """Raise a ValueError naming the first of ``names`` that is not an actor of ``graph``, and the choices."""
    level = graph.graph.get("level", "person")
    for a in names:
        if a not in graph:
            nodes = sorted(graph)
            choices = ", ".join(nodes[:20]) + (", ..." if len(nodes) > 20 else "")
            note = " (persons and parties count as their state there)" if level == "state" else ""
            raise ValueError(f"unknown actor {a!r} at {level} level{note}; choose from {choices}")


def alignment(
    snaps: Iterable[Snapshot],
    focal: str,
    poles: Sequence[str],
    measure: str = ALIGNMENT_MEASURE,
    level: float = ALIGNMENT_LEVEL,
) -> Rows:
    """How aligned ``focal`` is with each pole, per period, with an interval and the ties behind it.

    Parameters
    ----------
    snaps : iterable of Snapshot
        From :func:`network.timeline.snapshots.snapshots`.
    focal : str
        The focal actor (a dataset's ``framing: focal``).
    poles : sequence of str
        The poles (a dataset's ``framing: poles``).
    measure : {"jeffreys", "net", "weight", "s_score"}
        ``"jeffreys"`` (default): the posterior mean of the cooperative share
        of the ties between focal and pole under a Jeffreys prior, mapped to
        [-1, 1] (see :func:`jeffreys_interval`): ``net x n / (n + 1)`` for
        ``n`` ties, so thin evidence is pulled towards 0. ``"net"``: ``(pos -
        neg) / (pos + neg)`` over the ties between focal and pole; 1 = only
        cooperation, -1 = only hostility, 0 = as much of each. ``"weight"``: the raw net weight ``pos - neg``,
        unbounded, which also grows with how much there is to report (volume,
        dependence) and with how much the source says. ``"s_score"``: ``S = 1 - 2 d / d_max`` with
        ``d = sum_k |x_k - y_k|`` over the actors ``k`` tied to focal or pole
        (themselves excluded), ``x_k`` and ``y_k`` their net scores towards
        ``k`` (0 without a tie) and ``d_max = 2 * len(k)``; 1 = the same
        friends and enemies, -1 = opposite ones.

    Returns
    -------
    Rows
        Keys ``period, focal, pole, score, measure, ties``; ``score`` is None
        (null) when there is no evidence, ``ties`` the number of ties behind
        the score, so thin periods show.

    Examples
    --------
    >>> from network import load
    >>> from network.timeline.snapshots import snapshots
    >>> snaps = snapshots(load("tests/data/mini.yaml"), level="state")
    >>> frame = ("albania", ("ussr", "china"))
    >>> rows = alignment(snaps, *frame, measure="s_score")
    >>> [(r["pole"], r["score"], r["ties"]) for r in rows][4:6]
    [('ussr', 0.4, 3), ('china', 0.5, 2)]
    >>> [(r["pole"], r["score"], r["low"], r["high"]) for r in alignment(snaps, *frame, measure="net")][2:4]
    [('ussr', 0.5, -0.771, 0.982), ('china', 1.0, -0.707, 1.0)]

    References
    ----------
    .. [1] Brown, L. D., Cai, T. T. and DasGupta, A. (2001). Interval
       estimation for a binomial proportion. *Statistical Science* 16(2): 101-133.
    .. [2] Signorino, C. S. and Ritter, J. M. (1999). Tau-b or not tau-b:
       measuring the similarity of foreign policy positions. *International
       Studies Quarterly* 43(1): 115-144.
    """
    if measure not in MEASURES:
        raise ValueError(f"unknown alignment measure {measure!r}; choose from {', '.join(MEASURES)}")
    if not 0.0 < level < 1.0:
        raise ValueError(f"the interval's level must lie between 0 and 1 (got {level})")
    poles = list(poles)
    if not poles:
        raise ValueError("give at least one pole")
    if focal in poles:
        raise ValueError(f"the focal actor {focal!r} cannot also be a pole")
    out = Rows()
    for snap in snaps:
        g = snap.graph
        check_actors(g, [focal, *poles])
        for pole in poles:
            low = high = None
            score: float | None
            if measure in ("jeffreys", "net"):
                evidence = _evidence(snap, focal, pole)
                ties = dyad_score(g, focal, pole)[1]
                score = None
                if evidence is not None:
                    pos, neg, n, ties = evidence
                    score, low, high = jeffreys_interval(pos, neg, n, level)
                    if measure == "net":
                        score = (pos - neg) / (pos + neg)
            elif measure == "weight":
                score, ties = _net_weight(g, focal, pole)
            else:
                score, ties = _s_score(g, focal, pole)
            out.append(
                {
                    "period": snap.window.id,
                    "focal": focal,
                    "pole": pole,
                    "score": score,
                    "low": low,
                    "high": high,
                    "ties": ties,
                    "measure": measure,
                }
            )
    return out


def lead(rows: Iterable[dict]) -> dict[str, str | None]:
    """The pole the focal actor is most aligned with, per period, or None if that is undetermined.

    When every pole has a score, the lead is the highest one (None if the top
    is shared). When some pole has no score (no evidence), the best-scoring
    pole leads only if its score is positive: cooperation outranks silence,
    but hostility towards one pole says nothing about the unrecorded other.

    Examples
    --------
    >>> rows = [("1958", "ussr", 0.5), ("1958", "china", 1.0), ("1960", "ussr", -1), ("1960", "china", None)]
    >>> lead({"period": p, "pole": pole, "score": s} for p, pole, s in rows)
    {'1958': 'china', '1960': None}
    """
    by_period: dict[str, list[tuple[str, float | None]]] = {}
    for r in rows:
        by_period.setdefault(r["period"], []).append((r["pole"], r["score"]))
    out: dict[str, str | None] = {}
    for period, scores in by_period.items():
        scored = [(s, p) for p, s in scores if s is not None]
        if not scored:
            out[period] = None
            continue
        top = max(s for s, _ in scored)
        leaders = [p for s, p in scored if s >= top - 1e-12]
        if len(leaders) > 1 or (len(scored) < len(scores) and top <= 0):
            out[period] = None
        else:
            out[period] = leaders[0]
    return out
