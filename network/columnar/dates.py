"""The EDTF dates of a tie table, each distinct text parsed once in Python and joined back as a table.

A tie table of millions of rows holds a few thousand distinct date texts (days of a few decades),
so each is parsed by :func:`network.dataset.edtf.parse_edtf`, the one parser of the format, and its
bounds go back to the engine as a small table keyed by the text: days are proleptic ordinals
(``date.toordinal()``), which every engine compares and subtracts alike. A plain calendar day
(``1958-12-03``, most texts of event data) is one day, its own bounds and midpoint: it is read by
``date.fromisoformat`` (ten times faster; anything it refuses goes to the parser, which words
the problem; ``tests/columnar`` checks the two agree).

Examples
--------
>>> from datetime import date
>>> rows = parsed_dates(["1958-12~", "1958-21"])
>>> rows["ok"], rows["lower"][0] == date(1958, 12, 1).toordinal()
([True, False], True)
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date
from typing import Any

from network.dataset.edtf import OPEN_END, OPEN_START, EdtfError, parse_edtf

__all__ = ["parsed_dates", "DATE_COLUMNS", "OPEN_START_DAY", "OPEN_END_DAY"]

#: The tie columns that hold EDTF dates.
DATE_COLUMNS = ("date", "start", "end", "reported")
OPEN_START_DAY = OPEN_START.toordinal()
OPEN_END_DAY = OPEN_END.toordinal()
_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def _bounds(text: str) -> tuple[Any, ...]:
    """``ok, lower, upper, mid, open_start, open_end`` of one date text."""
    if _DAY.fullmatch(text):
        try:
            day = date.fromisoformat(text).toordinal()
        except ValueError:
            pass  # not a calendar day: the parser says why
        else:
            return True, day, day, day, False, False
    try:
        d = parse_edtf(text)
    except EdtfError:
        return False, None, None, None, None, None
    return True, d.lower.toordinal(), d.upper.toordinal(), d.midpoint.toordinal(), d.open_start, d.open_end


def parsed_dates(texts: Iterable[str]) -> dict[str, list[Any]]:
    """Columns ``text, ok, lower, upper, mid, open_start, open_end`` for the distinct ``texts``.

    ``ok`` is False for a text the parser refuses (the row is then explained by the plain checks,
    which give the parser's message); its other columns are then null.
    """
    out: dict[str, list[Any]] = {
        k: [] for k in ("text", "ok", "lower", "upper", "mid", "open_start", "open_end")
    }
    for text in texts:
        values = _bounds(text)
        out["text"].append(text)
        for key, value in zip(("ok", "lower", "upper", "mid", "open_start", "open_end"), values, strict=True):
            out[key].append(value)
    return out
