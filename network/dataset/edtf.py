"""Parse the EDTF dates (ISO 8601-2, Library of Congress) the format uses: levels 0 and 1, less a few forms.

Each date string is parsed once, at load time, into an :class:`EdtfDate`
holding its earliest and latest possible day and its precision, so nothing
downstream compares date strings.

Supported forms
---------------
``1958`` (year), ``1958-12`` (month), ``1958-12-16`` (day); unspecified
digits on the right (level 1): ``195X`` and ``19XX`` (a decade, a century),
``1958-XX`` (some month of 1958), ``1958-12-XX`` and ``1958-XX-XX``; a
qualifier at the end: ``?`` uncertain, ``~`` approximate, ``%`` both;
intervals ``1958-12/1959-06`` whose ends may be open (``..``). Only ASCII
digits, and nothing around the date (no spaces, no line breaks).

Refused as "valid EDTF, not supported here", each with what to write
instead: seasons (``1958-21``: write the months, ``1958-03/1958-05``), an
unknown end or start (``1958/``, which EDTF distinguishes from the open
``1958/..``: write ``..`` or the latest possible date), a date and time
(``1958-12-16T10:00``: write the day), years before 1 or after 9999, and the
level 2 forms this parser recognises (more unspecified digits, qualifiers
inside a date). Anything else is "not a date this format reads".

Examples
--------
>>> d = parse_edtf("1958-12~")
>>> d.lower, d.upper, d.precision, d.approximate
(datetime.date(1958, 12, 1), datetime.date(1958, 12, 31), 'month', True)
>>> parse_edtf("1958-12/1959-06").upper
datetime.date(1959, 6, 30)
>>> parse_edtf("1960-02-XX").upper
datetime.date(1960, 2, 29)
>>> parse_edtf("1958-21")  # doctest: +ELLIPSIS
Traceback (most recent call last):
...
network.dataset.edtf.EdtfError: '1958-21': valid EDTF, not supported here: a season (21 = spring) ...
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date

__all__ = ["EdtfDate", "EdtfError", "parse_edtf", "OPEN_START", "OPEN_END"]

OPEN_START = date(1, 1, 1)
OPEN_END = date(9999, 12, 31)

_SINGLE = re.compile(
    r"(?P<year>[0-9]{2}XX|[0-9]{3}X|[0-9]{4})(?:-(?P<month>[0-9]{2}|XX)(?:-(?P<day>[0-9]{2}|XX))?)?(?P<q>[?~%])?",
    re.ASCII,
)
_NOT_HERE = "valid EDTF, not supported here"
_SEASONS = {21: "spring", 22: "summer", 23: "autumn", 24: "winter"}
#: Valid EDTF (levels 0 to 2) this module refuses, with why and what to write instead: (pattern, message).
_REFUSED = (
    (
        re.compile(r"(?P<y>[0-9]{4})-(?P<s>2[1-4])"),
        "a season ({s} = {season}) has no agreed months (write the months it covers instead, "
        "e.g. {y}-03/{y}-05)",
    ),
    (
        re.compile(r"(?P<y>[0-9]{4})-(?P<s>2[5-9]|3[0-9]|4[01])"),
        "a level 2 season, quarter or half-year ({s}) (write the months it covers instead, "
        "e.g. {y}-01/{y}-03)",
    ),
    (
        re.compile(
            r"(?P<d>-?[0-9]{4}-[0-9]{2}-[0-9]{2})T[0-9]{2}:[0-9]{2}(:[0-9]{2})?(Z|[+-][0-9]{2}(:[0-9]{2})?)?"
        ),
        "a date and time; the format dates to the day (write {d} instead)",
    ),
    (
        re.compile(r"(Y-?[0-9]+(E[0-9]+)?(S[0-9]+)?|-[0-9]{4}(-[0-9]{2}){0,2})[?~%]?"),
        "a year before 1 or after 9999 (write a year from 0001 to 9999 instead)",
    ),
    (
        re.compile(r"[0-9X]{4}(-[0-9X]{2}){0,2}[?~%]?"),
        "these unspecified digits are EDTF level 2 (write the interval they cover instead, "
        "e.g. 1000/1999 for 1XXX, or an unspecified year as 195X or 19XX)",
    ),
    (
        re.compile(r"[?~%]?[0-9X]{4}[?~%]?(-[?~%]?[0-9X]{2}[?~%]?){0,2}"),
        "a qualifier inside a date is EDTF level 2 (put one ?, ~ or % at the end, for the whole date)",
    ),
    (
        re.compile(r"[\[{].*[\]}]"),
        "a set of dates (one of, or all of) is EDTF level 2 (write an interval, or one tie per date)",
    ),
)


class EdtfError(ValueError):
    """Raised for a string that is not a date in the supported EDTF subset (saying why, and what to write)."""


@dataclass(frozen=True, slots=True)
class EdtfDate:
    """A parsed EDTF date or interval: the span of days it may denote.

    ``lower`` and ``upper`` are inclusive. ``precision`` is ``"century"``,
    ``"decade"``, ``"year"``, ``"month"``, ``"day"`` or ``"open"`` (``..``) (for an interval, the
    coarser of its two ends); ``interval`` says whether it was written as one.
    """

    text: str
    lower: date
    upper: date
    precision: str
    approximate: bool = False
    uncertain: bool = False
    interval: bool = False
    open_start: bool = False
    open_end: bool = False

    def __str__(self) -> str:
        return self.text

    @property
    def midpoint(self) -> date:
        """The middle day of the span (for sorting and drawing).

        >>> parse_edtf("1958").midpoint
        datetime.date(1958, 7, 2)
        """
        lo = self.lower.toordinal()
        hi = self.upper.toordinal()
        if self.open_start:
            lo = hi
        if self.open_end:
            hi = lo
        return date.fromordinal((lo + hi) // 2)


_DAYS_IN_MONTH = (0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)
_PRECISION_RANK = {"day": 0, "month": 1, "year": 2, "decade": 3, "century": 4}


def _refusal(text: str, part: str) -> EdtfError:
    """Why ``part`` (of ``text``) is refused: valid EDTF outside the subset, or not a date at all."""
    for pattern, message in _REFUSED:
        m = pattern.fullmatch(part)
        if m:
            season = _SEASONS.get(int(m.group("s")), "") if "s" in m.groupdict() else ""
            return EdtfError(f"{text!r}: {_NOT_HERE}: " + message.format(**m.groupdict(), season=season))
    return _not_a_date(text)


def _not_a_date(text: str) -> EdtfError:
    return EdtfError(
        f"{text!r} is not a date this format reads; write YYYY, YYYY-MM or YYYY-MM-DD "
        "(ASCII digits; X for unspecified digits on the right), optionally followed by ?, ~ or %, "
        "or an interval A/B with '..' for an open end"
    )


def _parse_single(text: str, part: str | None = None) -> tuple[date, date, str, str]:
    part = text if part is None else part
    m = _SINGLE.fullmatch(part)
    if not m:
        raise _refusal(text, part)
    ytext, mtext, dtext, q = m.group("year", "month", "day", "q")
    if "X" in ytext:
        if mtext:
            raise EdtfError(
                f"{text!r}: {_NOT_HERE}: a month after an unspecified year is EDTF level 2 "
                f"(write the decade or century alone, {ytext})"
            )
        base = int(ytext.replace("X", "0"))
        span = 100 if ytext.endswith("XX") else 10
        precision = "century" if span == 100 else "decade"
        return date(max(base, 1), 1, 1), date(base + span - 1, 12, 31), precision, q or ""
    year = int(ytext)
    if year < 1:
        raise EdtfError(
            f"{text!r}: {_NOT_HERE}: the year 0 (1 BC); the format dates from the year 1 "
            "(write 0001 or later instead)"
        )
    if mtext is None or (mtext == "XX" and dtext in (None, "XX")):
        return date(year, 1, 1), date(year, 12, 31), "year", q or ""
    if mtext == "XX":
        raise EdtfError(
            f"{text!r}: {_NOT_HERE}: a known day in an unspecified month is EDTF level 2 "
            f"(write the year alone, {ytext})"
        )
    month = int(mtext)
    if 21 <= month <= 41:
        raise _refusal(text, part) if not q and dtext is None else _not_a_date(text)
    if not 1 <= month <= 12:
        raise EdtfError(f"{text!r}: month {month:02d} does not exist (01-12)")
    last = _DAYS_IN_MONTH[month] + (month == 2 and calendar.isleap(year))  # monthrange, less the weekday
    if dtext is None or dtext == "XX":
        return date(year, month, 1), date(year, month, last), "month", q or ""
    day = int(dtext)
    if not 1 <= day <= last:
        raise EdtfError(f"{text!r}: {year}-{month:02d} has no day {day:02d} (it has {last} days)")
    d = date(year, month, day)
    return d, d, "day", q or ""


def parse_edtf(text: str) -> EdtfDate:
    """Parse an EDTF string into an :class:`EdtfDate`.

    Raises :class:`EdtfError` with a message a curator can act on.

    >>> parse_edtf("1959-02-30")
    Traceback (most recent call last):
    ...
    network.dataset.edtf.EdtfError: '1959-02-30': 1959-02 has no day 30 (it has 28 days)
    >>> parse_edtf("1956/..").open_end
    True
    """
    if text != text.strip() or "\n" in text or "\r" in text:
        raise EdtfError(
            f"{text!r} has spaces or a line break around or in it; write the date alone: {text.strip()!r}"
        )
    if text == "..":
        return EdtfDate(text, OPEN_START, OPEN_END, "open", open_start=True, open_end=True)
    if "/" not in text:
        lo, hi, precision, q = _parse_single(text)
        return EdtfDate(text, lo, hi, precision, "~" in q or "%" in q, "?" in q or "%" in q)
    if text.count("/") > 1:
        raise EdtfError(f"{text!r}: an interval has exactly one '/'")
    left, right = text.split("/")
    if left in ("", "..") and right in ("", ".."):
        raise EdtfError(f"{text!r}: an interval needs at least one known end")
    if left == "" or right == "":
        known = right if left == "" else left
        raise EdtfError(
            f"{text!r}: {_NOT_HERE}: an unknown {'start' if left == '' else 'end'}, which EDTF "
            f"distinguishes from an open one (write {'../' + known if left == '' else known + '/..'} "
            "for an open one, or the earliest or latest possible date)"
        )
    approx = uncertain = False
    precisions = []
    if left in ("", ".."):
        lo, open_start = OPEN_START, True
    else:
        lo, _, p, q = _parse_single(text, left)
        open_start = False
        precisions.append(p)
        approx |= "~" in q or "%" in q
        uncertain |= "?" in q or "%" in q
    if right in ("", ".."):
        hi, open_end = OPEN_END, True
    else:
        _, hi, p, q = _parse_single(text, right)
        open_end = False
        precisions.append(p)
        approx |= "~" in q or "%" in q
        uncertain |= "?" in q or "%" in q
    if hi < lo:
        raise EdtfError(f"{text!r}: the interval ends before it starts")
    precision = max(precisions, key=_PRECISION_RANK.__getitem__)
    return EdtfDate(text, lo, hi, precision, approx, uncertain, True, open_start, open_end)
