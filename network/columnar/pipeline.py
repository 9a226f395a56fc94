"""The columnar path end to end: read, check, type, aggregate, and build the snapshots.

Examples
--------
>>> import pytest; _ = pytest.importorskip("duckdb")  # the events extra; skipped without it
>>> import tempfile, pathlib
>>> d = pathlib.Path(tempfile.mkdtemp())
>>> _ = (d / "actors.csv").write_text("id,name,kind\\na,A,state\\nb,B,state\\n")
>>> _ = (d / "ties.csv").write_text("source,target,date,sign\\na,b,1958,1\\na,b,1958/1959,-1\\n")
>>> [(s.period, s.graph.edges["a", "b"]["weight"]) for s in snapshots(d)]
[('1958', 0.5), ('1959', -0.5)]
"""

from __future__ import annotations

import os
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from network.columnar.dates import OPEN_END_DAY, OPEN_START_DAY
from network.columnar.engine import connect, drop
from network.dataset.model import Dataset
from network.dataset.problems import MAX_PROBLEMS, DatasetError, Problem
from network.measures.choices import HALF_LIFE
from network.timeline.snapshots import MEMORY_THRESHOLD, Snapshot, _check_options, select_ties
from network.timeline.windows import Window, period_windows, windows_for, year_windows

__all__ = ["ColumnarData", "load", "check", "snapshots"]


@dataclass
class ColumnarData:
    """A checked columnar dataset: the dataset around the ties (actors, periods, sources, framing;
    ``dataset.ties`` is empty) and the typed tie table in the engine (``ties``, an Ibis table)."""

    dataset: Dataset
    ties: Any
    con: Any
    path: str

    def span(self) -> tuple[date, date]:
        """First and last day of the dated ties, open ends aside.

        As :func:`network.timeline.windows.dataset_span`.
        """
        import ibis

        t = self.ties
        dated = t.filter((t.lower != OPEN_START_DAY) | (t.upper != OPEN_END_DAY))
        lo = ibis.ifelse(dated.lower != OPEN_START_DAY, dated.lower, dated.upper).min()
        hi = ibis.ifelse(dated.upper != OPEN_END_DAY, dated.upper, dated.lower).max()
        row = dated.aggregate(lo=lo, hi=hi).to_pyarrow().to_pylist()[0]
        if row["lo"] is None:
            raise ValueError("the dataset has no dated ties")
        return date.fromordinal(row["lo"]), date.fromordinal(row["hi"])

    def windows(self, by: str | Sequence[Window] = "year") -> list[Window]:
        """The windows of a ``by`` option, as :func:`network.timeline.windows.windows_for` gives them."""
        if by == "year":
            lo, hi = self.span()
            return year_windows(self.dataset, lo.year, hi.year)
        if by == "period":
            return period_windows(self.dataset)
        return windows_for(self.dataset, by)


def check(
    path: str | os.PathLike[str], strict: bool | None = None, con: Any = None
) -> tuple[ColumnarData | None, list[Problem]]:
    """Read and check the columnar dataset at ``path``: ``(data, [])`` or ``(None, problems)``.

    ``path`` is a CSV-form folder (or its ``ties.csv``), or a folder holding ``actors.csv`` and
    ``ties.parquet`` (or that file). Problems are those the plain path reports, ``FILE:ROW:COLUMN``,
    all at once up to :data:`~network.dataset.problems.MAX_PROBLEMS`. Needs the ``events`` extra
    (:class:`~network.columnar.engine.EngineMissing` says what to install).
    """
    from network.columnar.checks import check_ties
    from network.columnar.source import read_frame, read_raw_ties
    from network.columnar.typed import typed_ties

    con = connect() if con is None else con
    frame, problems = read_frame(path)
    if frame is None:
        return None, problems
    try:
        raw = read_raw_ties(con, path)
        checked = check_ties(con, raw, frame, strict)
    except (ValueError, OSError, RuntimeError) as exc:
        if type(exc).__module__.startswith(("duckdb", "ibis")) or isinstance(exc, ValueError | OSError):
            return None, _plain_problems(path, exc)
        raise
    problems = checked.problems
    if problems:
        return None, _capped(str(path), problems)
    ties, problems = typed_ties(con, checked, raw.path)
    if problems:
        return None, _capped(str(path), problems)
    return ColumnarData(frame, ties, con, raw.path), []


def _plain_problems(path: str | os.PathLike[str], exc: Exception) -> list[Problem]:
    """A table the engine cannot read as a table (rows of too many cells, broken quotes, a repeated
    column): the plain CSV reader says where, as it does for every form."""
    from network.dataset.loader import check as plain_check

    _, problems = plain_check(path)
    if problems:
        return problems
    return [Problem(str(path), 0, 0, f"the engine cannot read the tie table: {exc}")]


def _capped(path: str, problems: list[Problem]) -> list[Problem]:
    if len(problems) < MAX_PROBLEMS:
        return problems
    return problems[:MAX_PROBLEMS] + [
        Problem(
            path,
            0,
            0,
            f"stopped after {MAX_PROBLEMS} problems; there may be more",
            "fix these and check again",
        )
    ]


def load(path: str | os.PathLike[str], strict: bool | None = None) -> ColumnarData:
    """:func:`check`, raising :class:`~network.dataset.problems.DatasetError` with every problem."""
    data, problems = check(path, strict)
    if data is None:
        raise DatasetError(problems)
    return data


def snapshots(
    data: str | os.PathLike[str] | ColumnarData,
    by: str | Sequence[Window] = "year",
    level: str = "person",
    mode: str = "window",
    allocation: str = "split",
    half_life: float = HALF_LIFE,
    confidence: Collection[str] | None = None,
    types: Collection[str] | None = None,
    threshold: float = MEMORY_THRESHOLD,
    strict: bool | None = None,
) -> list[Snapshot]:
    """The snapshots of a columnar dataset.

    Equal to :func:`network.timeline.snapshots.snapshots` of the same data.

    ``data`` is a path (read and checked by :func:`load`; DatasetError if invalid) or a
    :class:`ColumnarData`. The options and defaults are those of :func:`network.timeline.snapshots.snapshots`.
    """
    import ibis

    from network.columnar.aggregate import (
        assemble,
        edges_and_shares,
        placements,
        projection_segments,
        window_table,
    )

    _check_options(level, mode, allocation, half_life)
    if not threshold > 0:
        raise ValueError(f"the memory threshold must be positive (got {threshold})")
    if not isinstance(data, ColumnarData):
        data = load(data, strict)
    dataset = data.dataset
    select_ties(dataset, confidence, types)  # checks the names given
    windows = data.windows(by)
    ties = data.ties
    if confidence is not None:
        ties = ties.filter(ties.confidence.isin(sorted(set(confidence))))
    if types is not None:
        ties = ties.filter(ties.type.isin(sorted(set(types))))
    heaviest = 0.0
    if mode == "memory":
        heaviest = ties.weight.max().to_pyarrow().as_py() or 0.0
    wt = ibis.memtable(window_table(windows, half_life, heaviest, threshold))
    placed = placements(ties, wt, allocation, level, mode, half_life, threshold)
    segments = ibis.memtable(projection_segments(dataset)) if level == "state" else None
    edges, shares, gone, placed_table = edges_and_shares(data.con, placed, level, segments)
    options = {"level": level, "mode": mode, "allocation": allocation, "half_life": half_life}
    results = edges.to_pyarrow(), shares.to_pyarrow(), gone.to_pyarrow()
    drop(data.con, placed_table)
    return assemble(dataset, windows, *results, options)
