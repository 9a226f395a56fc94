"""Analysis results as rows: a list of dicts with stable keys, printable as a table, CSV or JSON.

Every analysis returns :class:`Rows`; the CLI only formats them.

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
from typing import Any

__all__ = ["Rows"]


def _cell(value: Any) -> str:
    if isinstance(value, float):
        return f"{value:.3f}"
    if isinstance(value, (list, tuple)):
        return " | ".join(
            _cell(v) if not isinstance(v, (list, tuple)) else ",".join(map(str, v)) for v in value
        )
    if value is None:
        return ""
    return str(value)


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

    def to_table(self) -> str:
        """An aligned plain-text table."""
        cols = self.columns
        cells = [[_cell(row.get(c)) for c in cols] for row in self]
        widths = [max([len(c)] + [len(r[i]) for r in cells]) for i, c in enumerate(cols)]
        lines = [
            "  ".join(c.ljust(w) for c, w in zip(cols, widths, strict=True)).rstrip(),
            "  ".join("-" * w for w in widths),
        ]
        lines += ["  ".join(v.ljust(w) for v, w in zip(r, widths, strict=True)).rstrip() for r in cells]
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
