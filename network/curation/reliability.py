"""Chance-corrected agreement coefficients: Krippendorff's alpha and Cohen's kappa.

Alpha follows Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability"
(Annenberg School for Communication, University of Pennsylvania): the values
of each unit are paired, every pair counted ``1/(m_u - 1)`` times in a
coincidence matrix ``o``, and

    alpha = 1 - (n - 1) * sum(o[c,k] * d2(c,k)) / sum(n_c * n_k * d2(c,k))

where ``n_c`` are the matrix's margins, ``n`` its total (pairable values only)
and ``d2`` the squared difference of the level of measurement: nominal
(0 if equal, else 1), ordinal, interval ``(c - k)**2`` or ratio
``((c - k) / (c + k))**2``. Units with fewer than two values are not pairable
and drop out. Cohen's kappa (1960) is for exactly two coders and nominal codes:
``(p_o - p_e) / (1 - p_e)`` with ``p_e`` from each coder's own margins.

Both return ``None`` where the coefficient is undefined: fewer than two
pairable values, or no variation at all (every value the same, so the
expected disagreement is zero).

Examples
--------
Krippendorff (2011), example A: two coders, binary data, ten units.

>>> kim = [0, 1, 0, 0, 0, 0, 0, 0, 1, 0]
>>> ann = [1, 1, 1, 0, 0, 1, 0, 0, 0, 0]
>>> round(krippendorff_alpha(list(zip(kim, ann)), "nominal"), 3)
0.095
>>> round(cohen_kappa(list(zip(kim, ann))), 3)    # p_o = 0.6, p_e = 0.56
0.091
"""

from __future__ import annotations

import math
import random
from collections import Counter, defaultdict
from collections.abc import Hashable, Iterable, Sequence
from itertools import permutations
from typing import Any

__all__ = ["METRICS", "krippendorff_alpha", "bootstrap_alpha", "cohen_kappa", "coincidences"]

METRICS = ("nominal", "ordinal", "interval", "ratio")


def coincidences(
    units: Iterable[Sequence[Hashable]], counts: Iterable[int] | None = None
) -> dict[tuple[Any, Any], float]:
    """The coincidence matrix ``o[(c, k)]`` of the units' values (missing values left out by the caller).

    Each ordered pair of values from different coders of a unit counts
    ``1 / (m_u - 1)``, so every pairable value contributes 1 to its row.
    ``counts``, if given, says how many times each unit occurs.

    >>> dict(sorted(coincidences([("a", "a"), ("a", "b"), ("b",)]).items()))
    {('a', 'a'): 2.0, ('a', 'b'): 1.0, ('b', 'a'): 1.0}
    """
    o: dict[tuple[Any, Any], float] = defaultdict(float)
    units = list(units)
    times_each = list(counts) if counts is not None else [1] * len(units)
    for unit, times in zip(units, times_each, strict=True):
        m = len(unit)
        if m < 2 or not times:
            continue
        for c, k in permutations(unit, 2):
            o[(c, k)] += times / (m - 1)
    return dict(o)


def _delta2(metric: str, margins: dict[Any, float], values: list[Any]) -> dict[tuple[Any, Any], float]:
    if metric == "nominal":
        return {(c, k): float(c != k) for c in values for k in values}
    if metric == "interval":
        return {(c, k): float(c - k) ** 2 for c in values for k in values}
    if metric == "ratio":
        return {(c, k): (float(c - k) / (c + k)) ** 2 if c + k else 0.0 for c in values for k in values}
    if metric == "ordinal":
        ranks = sorted(values)
        out = {}
        for i, c in enumerate(ranks):
            for j, k in enumerate(ranks):
                lo, hi = min(i, j), max(i, j)
                between = sum(margins[ranks[g]] for g in range(lo, hi + 1))
                out[(c, k)] = (between - (margins[c] + margins[k]) / 2) ** 2
        return out
    raise ValueError(f"unknown level of measurement {metric!r} (choose from {', '.join(METRICS)})")


def krippendorff_alpha(units: Iterable[Sequence[Hashable]], metric: str = "nominal") -> float | None:
    """Krippendorff's alpha of the units' values at a level of measurement.

    Parameters
    ----------
    units : iterable of sequences
        One sequence per unit: the values the coders gave it, missing ones left out.
    metric : {"nominal", "ordinal", "interval", "ratio"}
        The level of measurement; the three last need numbers.

    Returns
    -------
    float or None
        1 is perfect agreement, 0 agreement at chance level; None where alpha is undefined.

    Examples
    --------
    Krippendorff (2011), example B: two coders, nominal values, twelve units.

    >>> ben =   "a a b b d c c c e d d a".split()
    >>> gerry = "b a b b b c c c e d d d".split()
    >>> round(krippendorff_alpha(zip(ben, gerry)), 3)
    0.692
    """
    if metric not in METRICS:
        raise ValueError(f"unknown level of measurement {metric!r} (choose from {', '.join(METRICS)})")
    return _alpha(coincidences(units), metric)


def _alpha(o: dict[tuple[Any, Any], float], metric: str) -> float | None:
    """Alpha from a coincidence matrix (Krippendorff 2011)."""
    margins: dict[Any, float] = defaultdict(float)
    for (c, _k), count in o.items():
        margins[c] += count
    n = sum(margins.values())
    if n < 2:
        return None
    values = sorted(margins) if metric != "nominal" else list(margins)
    d2 = _delta2(metric, margins, values)
    observed = sum(count * d2[pair] for pair, count in o.items())
    expected = sum(margins[c] * margins[k] * d2[(c, k)] for c in values for k in values)
    if expected == 0:
        return None
    return 1.0 - (n - 1) * observed / expected


def bootstrap_alpha(
    units: Sequence[Sequence[Hashable]],
    metric: str = "nominal",
    resamples: int = 1000,
    seed: int = 0,
    confidence: float = 0.95,
) -> tuple[float, float] | None:
    """A percentile bootstrap interval of alpha, resampling the units with replacement.

    Each of ``resamples`` draws takes as many units as there are, at random with
    replacement (``random.Random(seed)``, so the interval is reproducible), and
    computes alpha; draws where alpha is undefined are left out. The interval
    runs from the ``(1 - confidence) / 2`` to the ``(1 + confidence) / 2``
    quantile of the draws (nearest rank). It shows how much alpha rests on the
    particular units coded; it does not capture uncertainty in what the units are.
    None when no draw gives a defined alpha.

    >>> low, high = bootstrap_alpha(list(zip("aabbccddee", "aabbccdded")), resamples=200)
    >>> 0 < low < high <= 1
    True
    """
    if metric not in METRICS:
        raise ValueError(f"unknown level of measurement {metric!r} (choose from {', '.join(METRICS)})")
    if resamples < 1 or not units:
        return None
    rng = random.Random(seed)
    kinds: dict[tuple[Any, ...], int] = {}  # each distinct unit once; a draw counts how often it comes
    which = [kinds.setdefault(tuple(unit), len(kinds)) for unit in units]
    distinct = list(kinds)
    draws = []
    for _ in range(resamples):
        counts = [0] * len(distinct)
        for k in rng.choices(which, k=len(which)):
            counts[k] += 1
        alpha = _alpha(coincidences(distinct, counts), metric)
        if alpha is not None:
            draws.append(alpha)
    if not draws:
        return None
    draws.sort()
    tail = (1 - confidence) / 2

    def rank(q: float) -> float:
        return draws[min(len(draws) - 1, max(0, math.ceil(q * len(draws)) - 1))]

    return rank(tail), rank(1 - tail)


def cohen_kappa(pairs: Iterable[tuple[Hashable, Hashable]]) -> float | None:
    """Cohen's kappa of two coders' nominal codes, one ``(first, second)`` pair per unit.

    >>> cohen_kappa([("a", "a"), ("b", "b"), ("a", "b"), ("b", "b")])
    0.5
    >>> cohen_kappa([("a", "a"), ("a", "a")]) is None    # no variation: undefined
    True
    """
    pairs = list(pairs)
    n = len(pairs)
    if n == 0:
        return None
    first = Counter(a for a, _ in pairs)
    second = Counter(b for _, b in pairs)
    p_observed = sum(a == b for a, b in pairs) / n
    p_expected = sum(first[v] * second[v] for v in first) / (n * n)
    if p_expected == 1:
        return None
    return (p_observed - p_expected) / (1 - p_expected)
