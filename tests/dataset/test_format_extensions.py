"""The format fields the codebook's rules need: report dates, alternatives, factions that keep their ties."""

from datetime import date

import pytest

from network import DatasetError, load
from network.timeline.snapshots import alternative_shares, project, snapshots

HEAD = (
    "format: 1\nactors:\n- {id: a, name: A, kind: state}\n- {id: b, name: B, kind: state}\n"
    "- {id: c, name: C, kind: state}\n"
)


def _load(tmp_path, ties, actors=""):
    path = tmp_path / "d.yaml"
    path.write_text(HEAD + actors + "ties:\n" + ties, encoding="utf-8")
    return load(path)


def _problems(tmp_path, ties, actors=""):
    with pytest.raises(DatasetError) as err:
        _load(tmp_path, ties, actors)
    return [str(p) for p in err.value.problems]


def test_reported_event_ends_on_the_report_day(tmp_path):
    """Should take an event known from a report as lying between its date's first day and the report."""
    ds = _load(tmp_path, "- {source: a, target: b, date: '1956-11', reported: '1956-11-15', sign: -1}\n")
    (tie,) = ds.ties
    assert (tie.lower.isoformat(), tie.upper.isoformat()) == ("1956-11-01", "1956-11-15")
    assert tie.id == "a-b-1956-11"  # reported does not enter a derived id


def test_reported_moves_an_event_into_the_year_of_its_report(tmp_path):
    """Should count an event dated '1958/1959' but reported in 1958 wholly in 1958, not split in two."""
    ties = "- {source: a, target: b, date: '1958/1959', reported: '1958-12-17', sign: 1, weight: 2}\n"
    ties += "- {source: a, target: c, date: '1959', sign: 1}\n"
    snaps = {s.window.id: s for s in snapshots(_load(tmp_path, ties))}
    assert snaps["1958"].graph.edges["a", "b"]["weight"] == 2.0
    assert not snaps["1959"].graph.has_edge("a", "b")


def test_report_before_the_event_is_refused(tmp_path):
    """Should refuse a report that comes before the event's date begins, naming the line."""
    tie = "- {source: a, target: b, date: '1957', reported: '1956-12-31', sign: 1}\n"
    problems = _problems(tmp_path, tie)
    assert any(":7:" in p and "reported 1956-12-31 comes before the event's date 1957" in p for p in problems)


def test_reported_on_a_standing_tie_is_refused(tmp_path):
    """Should refuse 'reported' on a tie with start/end (a report dates an event)."""
    problems = _problems(tmp_path, "- {source: a, target: b, start: '1957', reported: '1958', sign: 1}\n")
    assert any("only an event" in p for p in problems)


ALTERNATIVES = (
    "- {source: a, target: b, date: '1956-04', sign: -1, weight: 3, alternative: who}\n"
    "- {source: c, target: b, date: '1956-04', sign: -1, weight: 3, alternative: who}\n"
)


def test_alternatives_share_one_weight(tmp_path):
    """Should count each of n alternatives at weight / n, visibly in the allocation."""
    ds = _load(tmp_path, ALTERNATIVES)
    assert alternative_shares(ds) == {"a-b-1956-04": 0.5, "c-b-1956-04": 0.5}
    (snap,) = snapshots(ds)
    assert snap.graph.edges["a", "b"]["weight"] == -1.5
    assert snap.graph.edges["b", "c"]["weight"] == -1.5
    assert snap.allocation["a-b-1956-04"] == 0.5


def test_alternative_alone_is_refused(tmp_path):
    """Should refuse an alternative label on a single tie."""
    problems = _problems(tmp_path, "- {source: a, target: b, date: '1956', sign: 1, alternative: lone}\n")
    assert any("alternative 'lone' has only one tie" in p for p in problems)


def test_alternatives_of_different_weights_are_refused(tmp_path):
    """Should refuse alternatives whose weights differ (they share one weight)."""
    ties = ALTERNATIVES.replace("weight: 3", "weight: 2", 1)
    problems = _problems(tmp_path, ties)
    assert any("weight 3 differs from 2 of" in p for p in problems)


FACTION = (
    "- {id: p, name: P, kind: party, member_of: [a]}\n"
    "- {id: f, name: F, kind: group, member_of: [a, p], projects: false}\n"
    "- {id: leader, name: L, kind: person, member_of: [a, p]}\n"
)


def test_faction_keeps_its_ties_at_state_level(tmp_path):
    """Should keep a faction's ties its own at state level: backing it is no tie to its state."""
    ties = (
        "- {source: b, target: f, date: '1959', sign: 1, weight: 2}\n"
        "- {source: f, target: leader, date: '1959', sign: -1, weight: 3}\n"
        "- {source: b, target: leader, date: '1959', sign: -1}\n"
    )
    ds = _load(tmp_path, ties, FACTION)
    assert ds.actors["f"].projects is False and ds.actors["leader"].projects is True
    assert project(ds, "f", date(1959, 6, 1)) == "f"
    assert project(ds, "leader", date(1959, 6, 1)) == "a"
    (snap,) = snapshots(ds, level="state")
    g = snap.graph
    assert g.edges["a", "b"]["weight"] == -1.0  # only b's act against the leader
    assert g.edges["b", "f"]["weight"] == 2.0
    assert g.edges["a", "f"]["weight"] == -3.0  # the plot is not a self-tie
    assert not snap.dropped


def test_faction_without_projects_false_merges_into_its_state(tmp_path):
    """Should, as before, project a plain member group onto its state (the old modelling, for contrast)."""
    ties = "- {source: b, target: f, date: '1959', sign: 1, weight: 2}\n"
    ds = _load(tmp_path, ties, FACTION.replace(", projects: false", ""))
    (snap,) = snapshots(ds, level="state")
    assert snap.graph.edges["a", "b"]["weight"] == 2.0
