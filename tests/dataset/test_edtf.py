"""EDTF parsing: bounds, precision, qualifiers, intervals, impossible dates, and the forms refused.

The ``edtf`` package (PyPI) is the oracle: every form this parser accepts it
parses too, with the same first and last day, and every form refused as
"valid EDTF, not supported here" it parses. It is wrong on some dates (it
accepts ``1959-02-29``, and ``1900-02-29``, days that do not exist; it puts
the end of ``1958/`` ten years on), which the tests say where they meet them.
"""

import time
from datetime import date

import edtf
import pytest

from network.dataset.edtf import EdtfError, parse_edtf


@pytest.mark.parametrize(
    ("text", "lower", "upper", "precision"),
    [
        ("1958", date(1958, 1, 1), date(1958, 12, 31), "year"),
        ("1958-02", date(1958, 2, 1), date(1958, 2, 28), "month"),
        ("1960-02", date(1960, 2, 1), date(1960, 2, 29), "month"),
        ("1958-12-16", date(1958, 12, 16), date(1958, 12, 16), "day"),
        ("195X", date(1950, 1, 1), date(1959, 12, 31), "decade"),
        ("19XX", date(1900, 1, 1), date(1999, 12, 31), "century"),
        ("1958-XX", date(1958, 1, 1), date(1958, 12, 31), "year"),
        ("1958-XX-XX", date(1958, 1, 1), date(1958, 12, 31), "year"),
        ("1958-12-XX", date(1958, 12, 1), date(1958, 12, 31), "month"),
        ("1960-02-XX", date(1960, 2, 1), date(1960, 2, 29), "month"),
        ("1900-02-XX", date(1900, 2, 1), date(1900, 2, 28), "month"),
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
        ("1958-24~", "is not a date this format reads"),  # a qualified season is not EDTF (the oracle agrees)
        ("1959-02-29", "has no day 29"),
        ("1958-00", "month 00 does not exist"),
        ("58", "is not a date this format reads"),
        ("1959/1958", "ends before it starts"),
        ("../..", "at least one known end"),
        ("1958/1959/1960", "exactly one '/'"),
        ("December 1958", "is not a date this format reads"),
        ("\u0661\u0669\u0665\u0668", "is not a date this format reads"),  # Arabic-Indic digits
        ("\uff11\uff19\uff15\uff18", "is not a date this format reads"),  # full-width digits
        (" 1958", "spaces or a line break"),
        ("1958 ", "spaces or a line break"),
        ("1958\n", "spaces or a line break"),
        ("1958\n/1959", "spaces or a line break"),
    ],
)
def test_impossible_dates_raise(text, message):
    """Should raise EdtfError with a message saying what is wrong."""
    with pytest.raises(EdtfError, match=message):
        parse_edtf(text)


def test_midpoint_of_open_interval_uses_known_end():
    """Should place an open interval at its known end."""
    assert parse_edtf("1956/..").midpoint == date(1956, 1, 1)


# --------------------------------------------------------------------------- valid EDTF refused

REFUSED = [
    ("1958-21", "a season (21 = spring)", "1958-03/1958-05"),
    ("1958-24", "a season (24 = winter)", "1958-03/1958-05"),
    ("1958-33", "level 2 season, quarter or half-year", "1958-01/1958-03"),
    ("1958-12-16T10:00:00", "a date and time", "write 1958-12-16 instead"),
    ("1958-12-16T10:00:00Z", "a date and time", "write 1958-12-16 instead"),
    ("1958/", "an unknown end", "1958/.."),
    ("/1958-06", "an unknown start", "../1958-06"),
    ("1958-06/", "an unknown end", "1958-06/.."),
    ("0000", "the year 0", "0001"),
    ("-0100", "a year before 1 or after 9999", "0001 to 9999"),
    ("Y170000002", "a year before 1 or after 9999", "0001 to 9999"),
    ("1XXX", "unspecified digits are EDTF level 2", "1000/1999"),
    ("195X-12", "a month after an unspecified year", "195X"),
    ("1958-XX-12", "a known day in an unspecified month", "1958"),
    ("2004?-06", "a qualifier inside a date", "at the end"),
    ("[1958, 1959]", "a set of dates", "an interval"),
]


@pytest.mark.parametrize(("text", "why", "instead"), REFUSED)
def test_valid_edtf_outside_the_subset_is_refused_saying_what_to_write(text, why, instead):
    """Should say 'valid EDTF, not supported here', why, and what to write instead."""
    with pytest.raises(EdtfError) as info:
        parse_edtf(text)
    message = str(info.value)
    assert "valid EDTF, not supported here" in message and why in message and instead in message


def _oracle_days(text):
    """The first and last day the edtf package gives, or None where it cannot say."""
    parsed = edtf.parse_edtf(text)
    lo, hi = parsed.lower_strict(), parsed.upper_strict()
    if not isinstance(lo, time.struct_time) or not isinstance(hi, time.struct_time):
        return None
    return date(*lo[:3]), date(*hi[:3])


@pytest.mark.parametrize(("text", "why", "instead"), REFUSED)
def test_what_is_refused_as_valid_edtf_is_valid_for_the_oracle(text, why, instead):
    """Should call valid only what the edtf package parses (a set is EDTF level 2, which it reads as such)."""
    edtf.parse_edtf(text)


ACCEPTED = [
    "1958",
    "1958-02",
    "1960-02",
    "1958-12-16",
    "1960-02-29",
    "195X",
    "19XX",
    "1958-XX",
    "1958-12-XX",
    "1958-XX-XX",
    "1960-02-XX",
    "1900-02-XX",
    "1958~",
    "1958-12?",
    "1958-12-16%",
    "1958-12/1959-06",
    "1958/1959-06-03",
    "1958~/1959-06?",
    "0001",
    "9999-12-31",
]


@pytest.mark.parametrize("text", ACCEPTED)
def test_bounds_agree_with_the_edtf_package(text):
    """Should give the same first and last day as the edtf package for every form accepted."""
    d = parse_edtf(text)
    assert (d.lower, d.upper) == _oracle_days(text)


def test_the_oracle_is_wrong_on_days_that_do_not_exist_and_on_unknown_ends():
    """Should record where the edtf package errs, so the oracle is trusted no further than it goes."""
    wrong = edtf.parse_edtf("1959-02-29")  # accepted, though 1959 has no 29 February
    assert tuple(wrong.lower_strict()[:3]) == (1959, 2, 29)
    with pytest.raises(EdtfError, match="has no day 29"):
        parse_edtf("1959-02-29")
    with pytest.raises(EdtfError, match="has no day 29"):
        parse_edtf("1900-02-29")  # 1900 is not a leap year
    assert _oracle_days("1958/")[1] == date(1968, 1, 1)  # a guess, not EDTF's "unknown"


def test_open_end_and_unknown_end_are_distinct():
    """Should read '1958/..' as open and refuse '1958/' (unknown), which EDTF distinguishes."""
    assert parse_edtf("1958/..").open_end
    with pytest.raises(EdtfError, match="unknown end"):
        parse_edtf("1958/")
