"""The Goldstein score -> sign and weight rule (network/events/goldstein.py)."""

from decimal import Decimal

import pytest

from network.events.goldstein import LIMIT, WEIGHT_PER_POINT, parse_score, rule, score_problem


@pytest.mark.parametrize(
    ("text", "expected"),
    [("1.9", (1, 0.57)), ("-2.0", (-1, 0.6)), ("10", (1, 3.0)), ("-10.0", (-1, 3.0)), ("0.1", (1, 0.03))],
)
def test_sign_is_the_scores_and_weight_is_proportional(text, expected):
    """Should give the score's sign and |score| x 0.3, exactly as the decimal text says."""
    assert rule(Decimal(text)) == expected


def test_the_scales_end_weighs_the_codebooks_heaviest_weight():
    """Should weigh a score of 10 as 3, the heaviest weight of the codebook's rubric."""
    assert LIMIT * WEIGHT_PER_POINT == 3


@pytest.mark.parametrize("text", ["0", "0.0", "-0.0"])
def test_a_score_of_zero_gives_no_sign(text):
    """Should give no tie for a score of 0 (the import counts it)."""
    assert rule(Decimal(text)) is None


def test_net_weight_is_a_fixed_multiple_of_summed_scores():
    """Should make the sum of sign x weight 0.3 x the summed scores, whatever the scores."""
    scores = [Decimal(s) for s in ("1.9", "-2.0", "7.4", "-10", "3.4")]
    net = sum(sign * weight for sign, weight in (rule(s) for s in scores))
    assert net == pytest.approx(float(sum(scores) * WEIGHT_PER_POINT))


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("high", "is not a number"),
        ("", "is not a number"),
        ("NaN", "is not a finite number"),
        ("inf", "is not a finite number"),
        ("10.1", "is outside -10..10"),
        ("-12", "is outside -10..10"),
    ],
)
def test_bad_scores_are_refused_and_named(text, message):
    """Should refuse what is not a score from -10 to 10, saying why."""
    assert parse_score(text) is None
    assert message in score_problem(text, "GoldsteinScale")
    assert score_problem(text, "GoldsteinScale").startswith("GoldsteinScale")
