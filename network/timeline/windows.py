"""Periodisations: the ordered time windows a dataset is cut into (years, named periods, custom).

A :class:`Window` is an inclusive range of days with an id (``"1958"``, a
period's id, or ``"1958-01/1958-06"``) and a label. Every analysis runs over
a list of windows; :func:`windows_for` picks one from the ``--by`` option.

Examples
--------
>>> from network import load
>>> ds = load("tests/data/mini.yaml")
>>> [w.id for w in year_windows(ds)]
['1957', '1958', '1959', '1960']
>>> [w.id for w in period_windows(ds)]
['rapprochement', 'crisis']
>>> from datetime import date
>>> [w.id for w in custom_windows(date(1958, 1, 1), date(1958, 12, 31), 6, 6)]
['1958-01/1958-06', '1958-07/1958-12']
"""

from __future__ import annotations

import calendar
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from network.dataset.edtf import OPEN_END, OPEN_START
from network.dataset.model import Dataset

__all__ = [
    "Window",
    "dataset_span",
    "year_windows",
    "period_windows",
    "shown_years",
    "custom_windows",
    "windows_for",
    "find_window",
]


@dataclass(frozen=True)
class Window:
    """A time window: ``id``, ``label`` and its first and last day (both inclusive)."""

    id: str
    label: str
    lower: date
    upper: date

    def __post_init__(self) -> None:
        if self.upper < self.lower:
            raise ValueError(f"window {self.id!r} ends ({self.upper}) before it starts ({self.lower})")

    @property
    def days(self) -> int:
        """Number of days in the window."""
        return (self.upper - self.lower).days + 1

    def overlaps(self, lower: date, upper: date) -> bool:
        """Whether the days ``lower`` to ``upper`` (inclusive) meet this window."""
        return lower <= self.upper and upper >= self.lower

    def contains(self, lower: date, upper: date) -> bool:
        """Whether the days ``lower`` to ``upper`` lie wholly inside this window."""
        return self.lower <= lower and upper <= self.upper


def dataset_span(dataset: Dataset) -> tuple[date, date]:
    """:attr:`Dataset.span <network.dataset.model.Dataset.span>` (open ends set aside).

    It reads each tie's days once.

    A tie with an open start counts its last day as a low, one with an open
    end its first day as a high, one open at both ends not at all: the same
    sets as ``Dataset.span``, which reads the ties four times.

    Examples
    --------
    >>> from network import load
    >>> ds = load("tests/data/mini.yaml")
    >>> dataset_span(ds) == ds.span
    True
    """
    lowers = [t.lower for t in dataset.ties]
    uppers = [t.upper for t in dataset.ties]
    dated = [a != OPEN_START or b != OPEN_END for a, b in zip(lowers, uppers, strict=True)]
    if not any(dated):
        raise ValueError("the dataset has no dated ties")
    lo = min(a if a != OPEN_START else b for a, b, d in zip(lowers, uppers, dated, strict=True) if d)
    hi = max(b if b != OPEN_END else a for a, b, d in zip(lowers, uppers, dated, strict=True) if d)
    return lo, hi


def year_windows(dataset: Dataset, first: int | None = None, last: int | None = None) -> list[Window]:
    """One window per calendar year, from ``first`` to ``last``.

    Parameters
    ----------
    dataset : Dataset
        The loaded dataset; its :attr:`~network.dataset.model.Dataset.span` (earliest
        and latest day of its dated ties, open ends ignored) gives the default
        years.
    first, last : int, optional
        First and last year (inclusive); default the dataset's span.

    Returns
    -------
    list of Window
        Ids and labels are the years as strings (``"1958"``).

    Examples
    --------
    >>> from network import load
    >>> ws = year_windows(load("tests/data/mini.yaml"), first=1958, last=1959)
    >>> ws[0]
    Window(id='1958', label='1958', lower=datetime.date(1958, 1, 1), upper=datetime.date(1958, 12, 31))
    >>> len(ws)
    2
    """
    if first is None or last is None:
        lo, hi = dataset_span(dataset)
        first = lo.year if first is None else first
        last = hi.year if last is None else last
    if last < first:
        raise ValueError(f"the last year ({last}) is before the first ({first})")
    return [Window(str(y), str(y), date(y, 1, 1), date(y, 12, 31)) for y in range(first, last + 1)]


def period_windows(dataset: Dataset) -> list[Window]:
    """One window per named period of the dataset, in the dataset's order.

    Named periods may overlap or leave gaps; each is its own window.

    Examples
    --------
    >>> from network import load
    >>> w = period_windows(load("tests/data/mini.yaml"))[1]
    >>> w.id, w.lower, w.upper
    ('crisis', datetime.date(1958, 12, 1), datetime.date(1960, 12, 31))
    """
    if not dataset.periods:
        raise ValueError(f"{dataset.path} has no named periods; use years instead")
    return [Window(p.id, p.label, p.lower, p.upper) for p in dataset.periods]


def shown_years(dataset: Dataset) -> list[Window]:
    """The years every output shows (figures, explorer): those of the named periods if any, else
    the dataset's span.

    The record may reach back (a 1948 break) or forward (an open end); the
    outputs tell the story the periods frame.

    Examples
    --------
    >>> from network import load
    >>> [w.id for w in shown_years(load("tests/data/mini.yaml"))]
    ['1957', '1958', '1959', '1960']
    """
    if dataset.periods:
        first = min(p.lower for p in dataset.periods).year
        last = max(p.upper for p in dataset.periods).year
        return year_windows(dataset, first, last)
    return year_windows(dataset)


def _add_months(day: date, months: int) -> date:
    index = day.year * 12 + (day.month - 1) + months
    year, month = divmod(index, 12)
    return date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def _month_text(day: date, end: bool) -> str:
    whole = day.day == (calendar.monthrange(day.year, day.month)[1] if end else 1)
    return f"{day.year:04d}-{day.month:02d}" if whole else day.isoformat()


def custom_windows(start: date, end: date, width_months: int, step_months: int) -> list[Window]:
    """Sliding (or tiling) windows of ``width_months`` months every ``step_months`` months.

    The first window starts on ``start``; each next one ``step_months``
    later. A window that would run past ``end`` is cut at ``end``, and no
    window starts after the first one that reaches ``end``.

    Parameters
    ----------
    start, end : datetime.date
        First and last day to cover.
    width_months : int
        Length of each window in months (>= 1).
    step_months : int
        Months between window starts (>= 1); equal to the width for tiles,
        smaller for overlapping windows.

    Returns
    -------
    list of Window
        Ids are EDTF-like: ``"1958-03"`` for a one-month window,
        ``"1958-01/1958-06"`` otherwise.

    Examples
    --------
    >>> from datetime import date
    >>> [w.id for w in custom_windows(date(1958, 1, 1), date(1958, 12, 31), 6, 3)]
    ['1958-01/1958-06', '1958-04/1958-09', '1958-07/1958-12']
    >>> custom_windows(date(1959, 1, 1), date(1959, 2, 28), 1, 1)[1].id
    '1959-02'
    """
    if width_months < 1 or step_months < 1:
        raise ValueError("window width and step must be at least one month")
    if end < start:
        raise ValueError(f"the end ({end}) is before the start ({start})")
    out = []
    k = 0
    while True:
        lower = _add_months(start, k * step_months)
        if lower > end:
            break
        upper = min(_add_months(lower, width_months) - timedelta(days=1), end)
        a, b = _month_text(lower, False), _month_text(upper, True)
        ident = a if a == b else f"{a}/{b}"
        out.append(Window(ident, ident, lower, upper))
        if upper >= end:
            break
        k += 1
    return out


def windows_for(dataset: Dataset, by: str | Sequence[Window] = "year") -> list[Window]:
    """The windows for a ``by`` option: ``"year"``, ``"period"`` or a list of :class:`Window`.

    Examples
    --------
    >>> from network import load
    >>> len(windows_for(load("tests/data/mini.yaml"), "period"))
    2
    """
    if isinstance(by, str):
        if by == "year":
            return year_windows(dataset)
        if by == "period":
            return period_windows(dataset)
        raise ValueError(f"unknown periodisation {by!r}; use 'year', 'period' or a list of windows")
    windows = list(by)
    ids = [w.id for w in windows]
    if len(set(ids)) != len(ids):
        raise ValueError("window ids must be unique")
    return windows


def find_window(windows: Sequence[Window], window_id: str) -> Window:
    """The window with id ``window_id``; a ValueError naming the choices if there is none.

    Examples
    --------
    >>> from network import load
    >>> find_window(year_windows(load("tests/data/mini.yaml")), "1962")
    Traceback (most recent call last):
    ...
    ValueError: unknown period '1962'; choose from 1957, 1958, 1959, 1960
    """
    for w in windows:
        if w.id == window_id:
            return w
    choices = ", ".join(w.id for w in windows)
    raise ValueError(f"unknown period {window_id!r}; choose from {choices}")
