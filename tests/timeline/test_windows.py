"""Periodisations: year, named-period and custom windows."""

from datetime import date
from pathlib import Path

import pytest

from network import load
from network.timeline.windows import (
    Window,
    custom_windows,
    find_window,
    period_windows,
    windows_for,
    year_windows,
)

DATA = Path(__file__).resolve().parents[1] / "data"


def test_years_span_the_dated_ties(mini):
    """Should give one window per year from the earliest to the latest dated tie."""
    ws = year_windows(mini)
    assert [w.id for w in ws] == ["1957", "1958", "1959", "1960"]
    assert ws[0].lower == date(1957, 1, 1) and ws[-1].upper == date(1960, 12, 31)
    assert all(w.label == w.id for w in ws)


def test_open_ends_are_ignored_in_the_span():
    """Should not stretch the years to an open-ended standing tie's 9999."""
    ds = load(DATA / "analysis" / "switch.yaml")
    assert [w.id for w in year_windows(ds)] == ["1957", "1958"]


def test_years_can_be_chosen(mini):
    """Should honour first and last, and refuse them reversed."""
    assert [w.id for w in year_windows(mini, first=1950, last=1951)] == ["1950", "1951"]
    with pytest.raises(ValueError, match="before the first"):
        year_windows(mini, first=1960, last=1959)


def test_named_periods(mini):
    """Should give the dataset's periods, in order, with their days."""
    ws = period_windows(mini)
    assert [(w.id, w.lower, w.upper) for w in ws] == [
        ("rapprochement", date(1957, 1, 1), date(1958, 11, 30)),
        ("crisis", date(1958, 12, 1), date(1960, 12, 31)),
    ]


def test_no_named_periods_is_an_error():
    """Should say so when the dataset has no periods."""
    with pytest.raises(ValueError, match="no named periods"):
        period_windows(load(DATA / "analysis" / "switch.yaml"))


def test_custom_tiles_and_slides():
    """Should tile months and slide overlapping windows, cut at the end."""
    tiles = custom_windows(date(1958, 1, 1), date(1958, 12, 31), 3, 3)
    assert [w.id for w in tiles] == [
        "1958-01/1958-03",
        "1958-04/1958-06",
        "1958-07/1958-09",
        "1958-10/1958-12",
    ]
    months = custom_windows(date(1958, 1, 1), date(1958, 12, 31), 1, 1)
    assert len(months) == 12 and months[1].upper == date(1958, 2, 28)
    slide = custom_windows(date(1958, 1, 1), date(1958, 10, 31), 6, 3)
    assert [w.id for w in slide] == ["1958-01/1958-06", "1958-04/1958-09", "1958-07/1958-10"]
    with pytest.raises(ValueError, match="at least one month"):
        custom_windows(date(1958, 1, 1), date(1958, 12, 31), 0, 1)


def test_windows_for(mini):
    """Should pick years, periods or a given list, and refuse anything else."""
    assert len(windows_for(mini)) == 4
    assert len(windows_for(mini, "period")) == 2
    own = [Window("a", "A", date(1958, 1, 1), date(1958, 6, 30))]
    assert windows_for(mini, own) == own
    with pytest.raises(ValueError, match="unknown periodisation"):
        windows_for(mini, "decade")
    with pytest.raises(ValueError, match="unique"):
        windows_for(mini, own + own)


def test_a_window_cannot_end_before_it_starts():
    """Should refuse a reversed window."""
    with pytest.raises(ValueError, match="ends"):
        Window("x", "x", date(1959, 1, 1), date(1958, 1, 1))


def test_find_window_names_the_choices(mini):
    """Should name the valid period ids for an unknown one."""
    assert find_window(year_windows(mini), "1959").id == "1959"
    with pytest.raises(ValueError, match="unknown period 'x'; choose from 1957, 1958"):
        find_window(year_windows(mini), "x")
