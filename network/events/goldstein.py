"""The Goldstein score of an event -> the sign and weight of its tie (``docs/events.md``, "Sign and weight").

GDELT's ``GoldsteinScale`` and ICEWS's ``Intensity`` put every event on one
scale from -10 (most hostile) to +10 (most cooperative) (Goldstein, "A
Conflict-Cooperation Scale for WEIS Events Data", *Journal of Conflict
Resolution* 36(2), 1992). The rule:

- **sign** = the sign of the score;
- **weight** = ``|score| x 0.3``: proportional to the score, so that a
  dyad's net weight in a period (the sum of sign x weight) is 0.3 times its
  summed Goldstein score, the usual "net cooperation" measure of event data;
  and the scale's end (10) weighs 3, the heaviest weight of the codebook's
  rubric (``docs/codebook.md``, section 3);
- a score of **0** gives no sign: such an event is not a tie, and the import
  counts it in its summary.

The score is read as the decimal text the file gives, so the weight is exact
(``1.9`` -> ``0.57``, not ``0.5700000000000001``).

Examples
--------
>>> rule(Decimal("-4.4"))
(-1, 1.32)
>>> rule(Decimal("10")), rule(Decimal("0.1"))
((1, 3.0), (1, 0.03))
>>> rule(Decimal("0")) is None
True
>>> score_problem("11"), score_problem("x")
("score '11' is outside -10..10", "score 'x' is not a number")
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

__all__ = ["WEIGHT_PER_POINT", "LIMIT", "rule", "parse_score", "score_problem"]

#: The weight one point of the score gives: 10 points weigh 3, the codebook's heaviest weight.
WEIGHT_PER_POINT = Decimal("0.3")
#: The scale's end: scores lie in -LIMIT..LIMIT.
LIMIT = Decimal(10)


def rule(score: Decimal) -> tuple[int, float] | None:
    """``(sign, weight)`` of an event with Goldstein ``score``, or None for a score of 0 (no sign)."""
    if score == 0:
        return None
    return (1 if score > 0 else -1), float(abs(score) * WEIGHT_PER_POINT)


def parse_score(text: str) -> Decimal | None:
    """The score written as ``text``, or None when it is not a finite number within -10..10."""
    try:
        score = Decimal(text.strip())
    except InvalidOperation:
        return None
    if not score.is_finite() or abs(score) > LIMIT:
        return None
    return score


def score_problem(text: str, what: str = "score") -> str:
    """Why ``text`` is not a score (only when :func:`parse_score` gave None); ``what`` names the column."""
    try:
        score = Decimal(text.strip())
    except InvalidOperation:
        return f"{what} {text!r} is not a number"
    if not score.is_finite():
        return f"{what} {text!r} is not a finite number"
    return f"{what} {text!r} is outside -10..10"
