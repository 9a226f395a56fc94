"""Robustness of the alignment lead and the blocs across allocation rules, modes and confidence filters."""

from pathlib import Path

import pytest

from network import load
from network.measures.robustness import VARIANTS, Variant, _same_camps, robustness

DATA = Path(__file__).resolve().parents[1] / "data"


@pytest.fixture(scope="module")
def rows():
    return robustness(load(DATA / "mini.yaml"), "albania", ("ussr", "china"))


def test_twelve_variants_default_first():
    """Should compare 2 allocation rules x 2 modes x 3 confidence filters, split/window/all first."""
    assert len(VARIANTS) == 12 and len(set(VARIANTS)) == 12
    assert VARIANTS[0] == Variant("split", "window", "all")
    assert VARIANTS[0].label == "split/window/all"


def test_keys_are_stable(rows, row_keys):
    """Should give the documented keys in order."""
    assert [r["period"] for r in rows] == ["1957", "1958", "1959", "1960"]
    assert all(list(r) == row_keys["robustness"] for r in rows)


def test_a_well_supported_lead_holds(rows):
    """Should find 1957's lead (the USSR, on stated ties only) in every variant."""
    r = rows[0]
    assert (r["lead"], r["lead_agree"], r["lead_holds"], r["lead_dissent"]) == ("ussr", 12, True, [])
    assert r["blocs_hold"] and r["blocs"] == [["albania", "china", "ussr"]]


def test_a_lead_resting_on_a_hedged_tie_is_flagged(rows):
    """Should show 1958's lead of China fails when the hedged 1958/1959 rebuke is dropped or not split."""
    r = rows[1]
    assert r["lead"] == "china" and not r["lead_holds"]
    assert "split/window/stated" in r["lead_dissent"]  # without the hedged tie the two poles tie
    assert "inside/window/all" in r["lead_dissent"]  # the 1958/1959 tie counts in neither year
    assert "split/window/stated+hedged" not in r["lead_dissent"]
    assert r["lead_agree"] == 12 - len(r["lead_dissent"])


def test_a_thin_year_has_no_lead_in_window_mode(rows):
    """Should give 1960 no lead (hostility to one pole, silence on the other) but memory mode one."""
    r = rows[3]
    assert r["lead"] is None
    assert all("/memory/" in v for v in r["lead_dissent"])


def test_camp_comparison_on_common_actors():
    """Should compare the camps only on the actors both place, by their labels."""
    base = {"a": "cooperative:x", "b": "cooperative:x", "c": "unaligned"}
    assert _same_camps(base, {"a": "cooperative:x", "c": "unaligned", "d": "no-side"})
    assert not _same_camps(base, {"a": "cooperative:x", "b": "enemy-side:x"})


def test_baseline_can_change():
    """Should compare against another baseline reading when asked."""
    rows = robustness(
        load(DATA / "mini.yaml"), "albania", ("ussr", "china"), baseline=Variant("inside", "window", "all")
    )
    assert rows[1]["lead"] is None  # without the 1958/1959 rebuke both poles score 1.0
    assert (
        "split/window/all" in rows[1]["lead_dissent"] and "inside/window/all" not in rows[1]["lead_dissent"]
    )
