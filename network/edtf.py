"""Parse the subset of EDTF dates (ISO 8601-2, Library of Congress) the format uses.

Each date string is parsed once, at load time, into an :class:`EdtfDate`
holding its earliest and latest possible day and its precision, so nothing
downstream compares date strings.

Supported forms
---------------
``1958``, ``195X`` and ``19XX`` (year, decade, century), ``1958-12`` (month),
``1958-12-16`` (day); a qualifier at the end: ``?`` uncertain, ``~``
approximate, ``%`` both; intervals ``1958-12/1959-06`` whose ends may be
open (``..``) or unknown (empty).

Examples
--------
>>> d = parse_edtf("1958-12~")
>>> d.lower, d.upper, d.precision, d.approximate
(datetime.date(1958, 12, 1), datetime.date(1958, 12, 31), 'month', True)
>>> parse_edtf("1958-12/1959-06").upper
datetime.date(1959, 6, 30)
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date

from .slotinit import slot_init

__all__ = ["EdtfDate", "EdtfError", "parse_edtf", "OPEN_START", "OPEN_END"]

OPEN_START = date(1, 1, 1)
OPEN_END = date(9999, 12, 31)

_SINGLE = re.compile(
    r"^(?P<year>\d{2}XX|\d{3}X|\d{4})(?:-(?P<month>\d{2})(?:-(?P<day>\d{2}))?)?(?P<q>[?~%])?$"
)


class EdtfError(ValueError):
    """Raised for a string that is not a date in the supported EDTF subset."""


@slot_init
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


def _parse_single(text: str) -> tuple[date, date, str, str]:
    m = _SINGLE.match(text)
    if not m:
        raise EdtfError(
            f"{text!r} is not an EDTF date; write YYYY, YYYY-MM or YYYY-MM-DD, "
            "optionally followed by ?, ~ or %"
        )
    ytext, mtext, dtext, q = m.group("year", "month", "day", "q")
    if "X" in ytext:
        if mtext:
            raise EdtfError(f"{text!r}: a month cannot follow an unspecified year")
        base = int(ytext.replace("X", "0"))
        span = 100 if ytext.endswith("XX") else 10
        precision = "century" if span == 100 else "decade"
        return date(max(base, 1), 1, 1), date(base + span - 1, 12, 31), precision, q or ""
    year = int(ytext)
    if year < 1:
        raise EdtfError(f"{text!r}: year 0000 is outside the supported range")
    if mtext is None:
        return date(year, 1, 1), date(year, 12, 31), "year", q or ""
    month = int(mtext)
    if not 1 <= month <= 12:
        raise EdtfError(f"{text!r}: month {month:02d} does not exist (01-12)")
    last = _DAYS_IN_MONTH[month] + (month == 2 and calendar.isleap(year))  # monthrange, less the weekday
    if dtext is None:
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
    network.edtf.EdtfError: '1959-02-30': 1959-02 has no day 30 (it has 28 days)
    >>> parse_edtf("1956/..").open_end
    True
    """
    text = text.strip()
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
    approx = uncertain = False
    precisions = []
    if left in ("", ".."):
        lo, open_start = OPEN_START, True
    else:
        lo, _, p, q = _parse_single(left)
        open_start = False
        precisions.append(p)
        approx |= "~" in q or "%" in q
        uncertain |= "?" in q or "%" in q
    if right in ("", ".."):
        hi, open_end = OPEN_END, True
    else:
        _, hi, p, q = _parse_single(right)
        open_end = False
        precisions.append(p)
        approx |= "~" in q or "%" in q
        uncertain |= "?" in q or "%" in q
    if hi < lo:
        raise EdtfError(f"{text!r}: the interval ends before it starts")
    precision = max(precisions, key=_PRECISION_RANK.__getitem__)
    return EdtfDate(text, lo, hi, precision, approx, uncertain, True, open_start, open_end)
