"""Every number or claim README.md makes about the data, computed from the data.

The README's words are read here (each claim by a pattern), so a change to the data that
makes a sentence false fails a test, and so does a change to the sentence. Its code
blocks run in tests/test_docs.py.
"""

import re
from functools import cache
from pathlib import Path

import pytest

from network import load
from network.figures.data import figure_years
from network.measures.alignment import alignment
from network.timeline.snapshots import snapshots
from network.timeline.windows import year_windows

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")
TEXT = " ".join(README.split())  # sentences run across lines
FOCAL, POLES = "albania", ("ussr", "china")


@cache
def _data():
    return load(ROOT / "data" / "actors.yaml")


@cache
def _state():
    return {s.window.id: s for s in snapshots(_data(), level="state")}


@cache
def _scores():
    rows = alignment(list(_state().values()), focal=FOCAL, poles=POLES)
    return {(r["period"], r["pole"]): r for r in rows}


def _claim(pattern: str) -> re.Match:
    m = re.search(pattern, TEXT)
    assert m, f"README.md no longer says {pattern!r}: update this test with the README"
    return m


def _figure_years() -> list[int]:
    return [int(w.id) for w in figure_years(_data())]


def test_the_span_of_the_record_title_and_tables():
    """The record runs from 1939 to 1962: README, title and the yearly tables agree."""
    m = _claim(r"The record runs from (\d{4}) to (\d{4}) \(the tables cover every year of it\)")
    first, last = int(m.group(1)), int(m.group(2))
    lower, upper = _data().span
    assert (lower.year, upper.year) == (first, last)
    tables = [int(w.id) for w in year_windows(_data())]
    assert (tables[0], tables[-1]) == (first, last)
    assert f"{first}-{last}" in _data().title


def test_the_span_of_the_figures():
    """The figures show the article's periods, 1954 to 1961, as the README says twice."""
    years = _figure_years()
    m = _claim(r"the article's own periods, which the figures show, run from (\d{4}) to (\d{4})")
    assert (years[0], years[-1]) == (int(m.group(1)), int(m.group(2)))
    m = _claim(r"one panel per year, (\d{4})-(\d{4})")
    assert (years[0], years[-1]) == (int(m.group(1)), int(m.group(2)))


def test_peking_line_is_solid_and_one_albanian_chinese_tie_is_hostile():
    """'Albania's line to Peking is solid in every year it is drawn (the record's one hostile tie ...)'."""
    m = _claim(
        r"Albania's line to Peking is solid in every year it is drawn \(the record's one hostile tie between "
        r"Albania and a Chinese actor, in (\d{4}), is outweighed by cooperation that year\)"
    )
    hostile = {
        (year, t)
        for year, snap in _state().items()
        if snap.graph.has_edge(FOCAL, "china")
        for t in snap.graph.edges[FOCAL, "china"]["ties"]
        if _data().tie(t).sign < 0
    }
    assert len({t for _, t in hostile}) == 1 and {y for y, _ in hostile} == {m.group(1)}, hostile
    drawn = [y for y in _figure_years() if _state()[str(y)].graph.has_edge(FOCAL, "china")]
    assert drawn and all(_state()[str(y)].graph.edges[FOCAL, "china"]["sign"] > 0 for y in drawn)


def test_moscow_line_turns_dashed():
    """'its line to Moscow stays solid until 1961, when it turns dashed'."""
    year = int(_claim(r"its line to Moscow stays solid until (\d{4}), when it turns dashed").group(1))
    signs = {y: _state()[str(y)].graph.edges[FOCAL, "ussr"]["sign"] for y in _figure_years()}
    assert all(s > 0 for y, s in signs.items() if y < year), signs
    assert signs[year] < 0


def test_soviet_score_first_below_zero():
    """'The Soviet score first falls below zero in 1960'."""
    year = _claim(r"The Soviet score first falls below zero in (\d{4})").group(1)
    below = sorted(p for (p, pole), r in _scores().items() if pole == "ussr" and (r["score"] or 0) < 0)
    assert below and below[0] == year


def test_years_the_intervals_do_not_overlap():
    """'China's interval lies wholly above the Soviet one only in 1956'."""
    m = _claim(r"China's interval lies wholly above the Soviet one only in (\d{4});")
    s = _scores()
    apart = [
        y
        for y in map(str, _figure_years())
        if s[y, "china"]["low"] is not None
        and s[y, "ussr"]["high"] is not None
        and s[y, "china"]["low"] > s[y, "ussr"]["high"]
    ]
    assert apart == [m.group(1)]


@pytest.mark.parametrize(
    "claim", [r"thickens from 1958 to 1961", r"stays at \+1", r"thin year \(1957, 1960\)"]
)
def test_withdrawn_claims_stay_out(claim):
    """The claims the data did not bear out (issue 12) are gone."""
    assert not re.search(claim, TEXT)
