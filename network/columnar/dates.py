"""The EDTF dates of a tie table, each distinct text parsed once in Python and joined back as a table.

A tie table of millions of rows holds a few thousand distinct date texts (days of a few decades),
so each is parsed by :func:`network.dataset.edtf.parse_edtf`, the one parser of the format, and its
bounds go back to the engine as a small table keyed by the text: days are proleptic ordinals
(``date.toordinal()``), which every engine compares and subtracts alike.

Examples
--------
>>> from datetime import date
>>> rows = parsed_dates(["1958-12~", "1958-21"])
>>> rows["ok"], rows["lower"][0] == date(1958, 12, 1).toordinal()
([True, False], True)
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from network.dataset.edtf import OPEN_END, OPEN_START, EdtfError, parse_edtf

__all__ = ["parsed_dates", "DATE_COLUMNS", "OPEN_START_DAY", "OPEN_END_DAY"]

#: The tie columns that hold EDTF dates.
DATE_COLUMNS = ("date", "start", "end", "reported")
OPEN_START_DAY = OPEN_START.toordinal()
OPEN_END_DAY = OPEN_END.toordinal()


def parsed_dates(texts: Iterable[str]) -> dict[str, list[Any]]:
    """Columns ``text, ok, lower, upper, mid, open_start, open_end`` for the distinct ``texts``.

    ``ok`` is False for a text the parser refuses (the row is then explained by the plain checks,
    which give the parser's message); its other columns are then null.
    """
    out: dict[str, list[Any]] = {
        k: [] for k in ("text", "ok", "lower", "upper", "mid", "open_start", "open_end")
    }
    for text in texts:
        try:
            d = parse_edtf(text)
        except EdtfError:
            values: tuple[Any, ...] = (False, None, None, None, None, None)
        else:
            values = (
                True,
                d.lower.toordinal(),
                d.upper.toordinal(),
                d.midpoint.toordinal(),
                d.open_start,
                d.open_end,
            )
        out["text"].append(text)
        for key, value in zip(("ok", "lower", "upper", "mid", "open_start", "open_end"), values, strict=True):
            out[key].append(value)
    return out
