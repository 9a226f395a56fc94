"""Analysis results as rows: a list of dicts with stable keys, printable as a table, CSV or JSON.

Every analysis returns :class:`Rows`; the CLI only formats them. The table is
for reading in a terminal: it fits the terminal's width (long lists become
their first items and a count, wide text cells end in an ellipsis); CSV and
JSON keep every detail.

Examples
--------
>>> rows = Rows([{"period": "1958", "actor": "albania", "score": 0.5}])
>>> print(rows.to_csv(), end="")
period,actor,score
1958,albania,0.5
>>> print(rows.to_table())
period  actor    score
------  -------  -----
1958    albania  0.500
"""

from __future__ import annotations

import csv
import io
import json
import shutil
import textwrap
from typing import Any

__all__ = ["Rows", "terminal_width", "LIST_CELL", "MIN_COLUMN", "ELLIPSIS"]

#: A list longer than this many characters in a table cell is shown as its first items and a count.
LIST_CELL = 40
#: No table column is cut narrower than this (or its natural width, if less).
MIN_COLUMN = 8
#: What ends a cell cut to fit.
ELLIPSIS = "\u2026"
_GAP = 2  # spaces between columns


def terminal_width(fallback: int = 100) -> int:
    """The terminal's width in columns (``$COLUMNS`` first); ``fallback`` when output is not a terminal.

    Examples
    --------
    >>> import os
    >>> os.environ["COLUMNS"] = "72"
    >>> terminal_width()
    72
    >>> del os.environ["COLUMNS"]
    """
    return shutil.get_terminal_size((fallback, 24)).columns


def _item(value: Any) -> str:
    if isinstance(value, (list, tuple)):
        return ",".join(map(str, value))
    return _cell(value)


def _list_cell(value: list | tuple, limit: int = LIST_CELL) -> str:
    """A list as ``a | b | c``; when longer than ``limit`` characters, its count and first items.

    The count comes first, so it survives a cell cut to fit; a list of lists
    (blocs) too long to show reads as its groups' sizes.

    >>> _list_cell(["a", "b"])
    'a | b'
    >>> _list_cell([f"tie-{i:02d}" for i in range(30)])
    '30: tie-00 | tie-01 | tie-02 | …'
    >>> _list_cell([f"tie-{i:02d}" for i in range(30)], limit=12)
    '30: tie-00'
    >>> _list_cell([[f"actor{i}" for i in range(9)], ["x", "y"]])
    '2 groups: 9 | 2'
    """
    full = " | ".join(_item(v) for v in value)
    if len(full) <= limit:
        return full
    if any(isinstance(v, (list, tuple)) for v in value):
        return f"{len(value)} group{'s' if len(value) > 1 else ''}: " + " | ".join(
            str(len(v)) if isinstance(v, (list, tuple)) else "1" for v in value
        )
    head = f"{len(value)}: "
    shown: list[str] = []
    for v in value:
        text = _item(v)
        if len(head + " | ".join([*shown, text]) + f" | {ELLIPSIS}") > limit:
            break
        shown.append(text)
    if not shown:
        return _cut(head + _item(value[0]), limit)
    return head + " | ".join(shown) + f" | {ELLIPSIS}"


def _cell(value: Any) -> str:
    if isinstance(value, float):
        return f"{value:.3f}"
    if isinstance(value, (list, tuple)):
        return _list_cell(value)
    if value is None:
        return ""
    return str(value)


def _fit(widths: list[int], width: int, floors: list[int]) -> list[int]:
    """Column widths cut so that the table is at most ``width`` wide, the widest columns first.

    No column is cut below its floor (its header, or :data:`MIN_COLUMN`),
    so the result may still be wider; :meth:`Rows.to_table` drops columns then.

    >>> _fit([6, 7, 300], 40, [2, 2, 5])
    [6, 7, 23]
    >>> _fit([30, 30], 40, [8, 8])
    [19, 19]
    >>> _fit([30, 30, 30], 30, [10, 2, 2])
    [10, 8, 8]
    """
    budget = width - _GAP * (len(widths) - 1)
    if sum(widths) <= budget:
        return widths
    floor = [min(w, max(f, MIN_COLUMN)) for w, f in zip(widths, floors, strict=True)]
    lo, hi = 0, max(widths)  # the largest cap c with sum(max(floor, min(w, c))) <= budget
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if sum(max(f, min(w, mid)) for w, f in zip(widths, floor, strict=True)) <= budget:
            lo = mid
        else:
            hi = mid - 1
    return [max(f, min(w, lo)) for w, f in zip(widths, floor, strict=True)]


def _shown(natural: list[int], headers: list[int], width: int) -> int:
    """How many columns, from the left, fit in ``width`` with each at least its header wide (at least 1).

    >>> _shown([10, 10, 10], [5, 5, 5], 20)
    2
    """
    n = len(natural)
    while n > 1:
        floor = sum(min(w, max(h, MIN_COLUMN)) for w, h in zip(natural[:n], headers[:n], strict=True))
        if floor + _GAP * (n - 1) <= width:
            break
        n -= 1
    return n


def _cut(text: str, width: int) -> str:
    return text if len(text) <= width else text[: max(width - 1, 0)] + ELLIPSIS


def _csv_cell(value: Any) -> Any:
    """Lists become ``a|b``; a list of lists (blocs) becomes ``a,b|c,d``."""
    if isinstance(value, (list, tuple)):
        return "|".join(",".join(map(str, v)) if isinstance(v, (list, tuple)) else str(v) for v in value)
    if isinstance(value, float):
        return repr(round(value, 9))  # stable across platforms' last-digit noise
    return "" if value is None else value


class Rows(list[dict[str, Any]]):
    """A list of row dicts sharing the same keys."""

    @property
    def columns(self) -> list[str]:
        cols: dict[str, None] = {}
        for row in self:
            cols.update(dict.fromkeys(row))
        return list(cols)

    def to_json(self) -> str:
        """A JSON array of row objects."""
        return json.dumps(list(self), indent=2, ensure_ascii=False, default=str) + "\n"

    def to_csv(self) -> str:
        """CSV with a header row; lists are joined with ``|`` (inner lists with ``,``).

        >>> print(Rows([{"blocs": [["a", "b"], ["c"]]}]).to_csv(), end="")
        blocs
        "a,b|c"
        """
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        cols = self.columns
        writer.writerow(cols)
        for row in self:
            writer.writerow([_csv_cell(row.get(c)) for c in cols])
        return out.getvalue()

    def to_table(self, width: int | None = None) -> str:
        """An aligned plain-text table at most ``width`` columns wide (default: the terminal's).

        Long lists show their count and first items; text wider than its
        column is cut with an ellipsis; when even the headers do not fit, the
        last columns are left out and a last line names them. The full values
        are in :meth:`to_csv` and :meth:`to_json`.

        >>> note = "a long sentence that will not fit"
        >>> rows = Rows([{"id": "a", "note": note, "ties": list("abcdefghijklmnopqrstuvwxyz")}])
        >>> print(rows.to_table(width=40))
        id  note               ties
        --  -----------------  -----------------
        a   a long sentence …  26: a | b | c | …
        >>> print(Rows([{"first": 1, "second": 2, "third": 3, "fourth": 4}]).to_table(width=24))
        first  second  third
        -----  ------  -----
        1      2       3
        (1 more column: fourth;
        all of them with
        --format csv or json)
        """
        width = terminal_width() if width is None else width
        every = self.columns
        cells = [[_cell(row.get(c)) for c in every] for row in self]
        natural = [max([len(c)] + [len(r[i]) for r in cells]) for i, c in enumerate(every)]
        n = _shown(natural, [len(c) for c in every], width)
        cols, hidden = every[:n], every[n:]
        cells = [r[:n] for r in cells]
        widths = _fit(natural[:n], width, [len(c) for c in cols])
        for r, row in zip(cells, self, strict=True):  # lists cut to their column: count and first items
            for i, c in enumerate(cols):
                value = row.get(c)
                if isinstance(value, (list, tuple)) and len(r[i]) > widths[i]:
                    r[i] = _list_cell(value, widths[i])
        cols = [_cut(c, w) for c, w in zip(cols, widths, strict=True)]
        cells = [[_cut(v, w) for v, w in zip(r, widths, strict=True)] for r in cells]
        lines = [
            "  ".join(c.ljust(w) for c, w in zip(cols, widths, strict=True)).rstrip(),
            "  ".join("-" * w for w in widths),
        ]
        lines += ["  ".join(v.ljust(w) for v, w in zip(r, widths, strict=True)).rstrip() for r in cells]
        if hidden:
            many = f"{len(hidden)} more column{'s' if len(hidden) > 1 else ''}"
            note = f"({many}: {', '.join(hidden)}; all of them with --format csv or json)"
            lines += textwrap.wrap(note, max(width, 1), break_on_hyphens=False)
        return "\n".join(lines)

    def format(self, fmt: str) -> str:
        """Render as ``table``, ``csv`` or ``json``."""
        if fmt == "json":
            return self.to_json()
        if fmt == "csv":
            return self.to_csv()
        return self.to_table() + "\n"

    def to_pandas(self) -> Any:
        """A pandas DataFrame of the rows (pandas must be installed)."""
        try:
            import pandas as pd
        except ImportError as exc:  # pragma: no cover - depends on the environment
            raise ImportError("to_pandas() needs pandas: pip install pandas") from exc
        return pd.DataFrame(list(self), columns=self.columns)
