"""What changed between two periods: edges with citations, rank moves, bloc moves."""

from pathlib import Path

import pytest

from network.measures.diff import bloc_moves, diff, rank_moves
from network.timeline.snapshots import snapshots

DATA = Path(__file__).resolve().parents[1] / "data"
KEYS = ["change", "source", "target", "weight_a", "weight_b", "ties", "citations"]


def test_edges_appear_disappear_and_flip(mini):
    """Should list a flipped, an appeared and a disappeared edge from 1959 to 1960."""
    rows = diff(mini, "1959", "1960", level="state")
    assert all(list(r) == KEYS for r in rows)
    got = {(r["source"], r["target"]): (r["change"], r["weight_a"], r["weight_b"]) for r in rows}
    assert got == {
        ("albania", "ussr"): ("flipped", 2.0, -2.0),
        ("china", "ussr"): ("appeared", None, -1.0),
        ("albania", "china"): ("disappeared", 3.0, None),
    }


def test_changes_carry_their_ties_and_citations(mini):
    """Should give the ids of the ties behind a change and their citations, in the same order."""
    flipped = diff(mini, "1959", "1960", level="state")[0]
    assert flipped["ties"] == [
        "khrushchev-hoxha-disapprove-1958",
        "ussr-albania-accuse-1960-06",
        "ussr-albania-alliance-1957",
    ]
    assert flipped["citations"] == ["mini, p. 3", "mini, p. 7", "mini, p. 1"]
    grown = diff(mini, "1958", "1959", level="state")
    assert [(r["change"], r["source"], r["target"]) for r in grown] == [("strengthened", "albania", "china")]
    assert "mini, p. 4 (People's Daily, November 29, 1958)" in grown[0]["citations"]


def test_weakened_and_unchanged(mini):
    """Should call a smaller net of the same sign weakened and leave unchanged edges out."""
    rows = diff(mini, "1957", "1958", level="state")
    got = {(r["source"], r["target"]): r["change"] for r in rows}
    assert got == {
        ("albania", "ussr"): "weakened",
        ("albania", "china"): "appeared",
        ("china", "ussr"): "disappeared",
    }
    assert diff(mini, "1958", "1958") == []


def test_named_periods_and_options(mini):
    """Should accept period ids and the snapshot options, or snapshots already built."""
    rows = diff(mini, "rapprochement", "crisis", by="period", level="state", confidence={"stated"})
    assert {r["change"] for r in rows} <= {"flipped", "appeared", "disappeared", "strengthened", "weakened"}
    snaps = snapshots(mini, level="state")
    assert diff(mini, "1959", "1960", snaps=snaps) == diff(mini, "1959", "1960", level="state")


def test_unknown_period_is_a_clear_error(mini):
    """Should name the valid period ids."""
    with pytest.raises(ValueError, match="unknown period '1962'; choose from 1957"):
        diff(mini, "1958", "1962")


def test_rank_moves(mini):
    """Should list the actors whose rank moved, largest move first (by total weight of ties)."""
    # 1957: USSR 6 (3 ties), Albania 5, China 1; 1958: Albania 5, USSR 4, China 1 (unmoved)
    rows = rank_moves(mini, "1957", "1958", level="state")
    assert [(r["actor"], r["rank_a"], r["rank_b"], r["move"]) for r in rows] == [
        ("albania", 2, 1, 1),
        ("ussr", 1, 2, -1),
    ]
    assert {r["measure"] for r in rows} == {"involvement"}
    rows = rank_moves(mini, "1957", "1958")  # person level: shehu and pla enter in 1958
    entered = [r for r in rows if r["rank_a"] is None]
    assert {r["actor"] for r in entered} >= {"shehu", "pla"} and all(r["move"] is None for r in entered)


def test_bloc_moves(mini):
    """Should list the actors whose camp changed (Albania: no tie with China in 1960, only a shared enemy)."""
    rows = bloc_moves(mini, "1959", "1960", poles=mini.framing.poles, level="state")
    assert [(r["actor"], r["camp_a"], r["camp_b"]) for r in rows] == [
        ("albania", "cooperative:ussr+china", "enemy-side:china"),
        ("china", "cooperative:ussr+china", "cooperative:china"),
        ("ussr", "cooperative:ussr+china", "cooperative:ussr"),
    ]
    assert bloc_moves(mini, "1958", "1959", poles=mini.framing.poles, level="state") == []
    with pytest.raises(ValueError, match="declares no framing"):  # no poles: no camps, and it says so
        bloc_moves(mini, "1958", "1959", level="state")
