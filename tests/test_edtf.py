"""EDTF parsing: bounds, precision, qualifiers, intervals and impossible dates."""

from datetime import date

import pytest

from network.edtf import EdtfError, parse_edtf


@pytest.mark.parametrize(
    ("text", "lower", "upper", "precision"),
    [
        ("1958", date(1958, 1, 1), date(1958, 12, 31), "year"),
        ("1958-02", date(1958, 2, 1), date(1958, 2, 28), "month"),
        ("1960-02", date(1960, 2, 1), date(1960, 2, 29), "month"),
        ("1958-12-16", date(1958, 12, 16), date(1958, 12, 16), "day"),
        ("195X", date(1950, 1, 1), date(1959, 12, 31), "decade"),
        ("19XX", date(1900, 1, 1), date(1999, 12, 31), "century"),
        ("1958-12/1959-06", date(1958, 12, 1), date(1959, 6, 30), "month"),
        ("1958/1959-06-03", date(1958, 1, 1), date(1959, 6, 3), "year"),
    ],
)
def test_bounds_and_precision(text, lower, upper, precision):
    """Should turn each form into its first and last possible day."""
    d = parse_edtf(text)
    assert (d.lower, d.upper, d.precision) == (lower, upper, precision)


@pytest.mark.parametrize(
    ("text", "approx", "uncertain"),
    [("1958~", True, False), ("1958?", False, True), ("1958%", True, True), ("1958", False, False)],
)
def test_qualifiers(text, approx, uncertain):
    """Should read ~ as approximate, ? as uncertain and % as both."""
    d = parse_edtf(text)
    assert (d.approximate, d.uncertain) == (approx, uncertain)


def test_open_intervals():
    """Should treat '..' as an open end."""
    d = parse_edtf("1956/..")
    assert d.open_end and not d.open_start and d.lower == date(1956, 1, 1)
    assert parse_edtf("../1961-12").open_start
    assert parse_edtf("..").open_start and parse_edtf("..").open_end


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("1958-13", "month 13 does not exist"),
        ("1959-02-29", "has no day 29"),
        ("1958-00", "month 00 does not exist"),
        ("58", "is not an EDTF date"),
        ("1958-12-16T10:00", "is not an EDTF date"),
        ("1959/1958", "ends before it starts"),
        ("../..", "at least one known end"),
        ("1958/1959/1960", "exactly one '/'"),
        ("December 1958", "is not an EDTF date"),
    ],
)
def test_impossible_dates_raise(text, message):
    """Should raise EdtfError with a message saying what is wrong."""
    with pytest.raises(EdtfError, match=message):
        parse_edtf(text)


def test_midpoint_of_open_interval_uses_known_end():
    """Should place an open interval at its known end."""
    assert parse_edtf("1956/..").midpoint == date(1956, 1, 1)
