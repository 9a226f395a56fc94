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
from network.columnar.engine import connect
from network.dataset.loader import paused_gc
from network.dataset.model import Dataset
from network.dataset.problems import MAX_PROBLEMS, DatasetError, Problem
from network.measures.choices import HALF_LIFE
from network.timeline.snapshots import MEMORY_THRESHOLD, Snapshot, _check_options, select_ties
from network.timeline.windows import Window, period_windows, windows_for, year_windows

__all__ = ["ColumnarData", "load", "check", "snapshots"]


@dataclass
class ColumnarData:
    """A checked columnar dataset: the dataset around the ties (actors, periods, sources, framing;
    ``dataset.ties`` is empty), the typed tie table (``ties``, the name of a table of ``engine``,
    :data:`~network.columnar.typed.TIE_COLUMNS`) and the engine holding it
    (:class:`~network.columnar.engine.DuckDB`, or :class:`~network.columnar.engine.Spark`)."""

    dataset: Dataset
    ties: str
    engine: Any
    path: str

    def span(self) -> tuple[date, date]:
        """First and last day of the dated ties, open ends aside.

        As :func:`network.timeline.windows.dataset_span`.
        """
        lo = f"CASE WHEN lower != {OPEN_START_DAY} THEN lower ELSE upper END"
        hi = f"CASE WHEN upper != {OPEN_END_DAY} THEN upper ELSE lower END"
        row = self.engine.query(
            f"SELECT min({lo}) AS lo, max({hi}) AS hi FROM {self.table} "
            f"WHERE lower != {OPEN_START_DAY} OR upper != {OPEN_END_DAY}"
        ).to_pylist()[0]
        if row["lo"] is None:
            raise ValueError("the dataset has no dated ties")
        return date.fromordinal(row["lo"]), date.fromordinal(row["hi"])

    @property
    def table(self) -> str:
        """The tie table's name in the engine's SQL (a plain identifier)."""
        return self.ties

    def windows(self, by: str | Sequence[Window] = "year") -> list[Window]:
        """The windows of a ``by`` option, as :func:`network.timeline.windows.windows_for` gives them."""
        if by == "year":
            lo, hi = self.span()
            return year_windows(self.dataset, lo.year, hi.year)
        if by == "period":
            return period_windows(self.dataset)
        return windows_for(self.dataset, by)


def check(
    path: str | os.PathLike[str], strict: bool | None = None, engine: Any = None
) -> tuple[ColumnarData | None, list[Problem]]:
    """Read and check the columnar dataset at ``path``: ``(data, [])`` or ``(None, problems)``.

    ``path`` is a CSV-form folder (or its ``ties.csv``), or a folder holding ``actors.csv`` and
    ``ties.parquet`` (or that file). Problems are those the plain path reports, ``FILE:ROW:COLUMN``,
    all at once up to :data:`~network.dataset.problems.MAX_PROBLEMS`. Needs the ``events`` extra
    (:class:`~network.columnar.engine.EngineMissing` says what to install).

    The tie table is read once into a table of the engine; the rules of one row, the typing and
    the derived ids are one pass over it, the repeated ids another (``docs/columnar.md``).
    """
    import duckdb

    from network.columnar.checks import actors_table, cells_sql, dates_table
    from network.columnar.engine import fresh
    from network.columnar.source import read_frame, read_raw_ties
    from network.columnar.typed import typed_ties

    engine = connect() if engine is None else engine
    frame, problems = read_frame(path)
    if frame is None:
        return None, problems
    if strict is None:
        strict = frame.policy == "strict"
    raw = None
    try:
        # a table the engine cannot read, or a row the plain reader alone can word (a list cell of
        # broken JSON): the plain path's checks say what and where
        try:
            raw = read_raw_ties(engine, path)
            cells = engine.view(fresh("cells"), cells_sql(raw))
            parsed, derive = dates_table(engine, cells, raw.names)
            dates = engine.register(fresh("dates"), parsed)
            actors = engine.register(fresh("actors"), actors_table(frame))
            ties, problems = typed_ties(engine, raw, cells, dates, actors, frame, strict, derive)
        except (ValueError, OSError, duckdb.Error) as exc:
            return None, _plain_problems(path, exc)
        engine.unregister(dates)
        engine.unregister(actors)
        engine.execute(f"DROP VIEW IF EXISTS {cells}")
    finally:
        if raw is not None:
            engine.drop(raw.table, view=raw.view)
    if ties is None or problems:
        engine.drop(ties)
        return None, _capped(str(path), problems)
    return ColumnarData(frame, ties, engine, raw.path), []


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
    from network.columnar.aggregate import (
        Placed,
        assemble,
        placements_sql,
        projection_segments,
        window_table,
    )
    from network.columnar.checks import actor_codes
    from network.columnar.engine import fresh, in_list

    _check_options(level, mode, allocation, half_life)
    if not threshold > 0:
        raise ValueError(f"the memory threshold must be positive (got {threshold})")
    owned = not isinstance(data, ColumnarData)
    if not isinstance(data, ColumnarData):
        data = load(data, strict)
    dataset = data.dataset
    select_ties(dataset, confidence, types)  # checks the names given
    windows = data.windows(by)
    engine = data.engine
    where = []
    if confidence is not None:
        where.append(f"confidence IN {in_list(sorted(set(confidence)))}")
    if types is not None:
        where.append(f"type IN {in_list(sorted(set(types)))}")
    ties = f"(SELECT * FROM {data.table} WHERE {' AND '.join(where)})" if where else data.table
    heaviest = 0.0
    if mode == "memory":
        heaviest = engine.scalar(f"SELECT max(weight) FROM {ties}") or 0.0
    names: list[str] = [data.ties] if owned else []  # the tables the snapshots' ties are read from
    store = None
    try:
        wt = engine.register(fresh("windows"), window_table(windows, half_life, heaviest, threshold))
        names.append(wt)
        segments = None
        if level == "state":
            segments = engine.register(fresh("segments"), projection_segments(dataset))
            names.append(segments)
        placed = placements_sql(ties, wt, allocation, level, mode, half_life, threshold)
        options = {"level": level, "mode": mode, "allocation": allocation, "half_life": half_life}
        run = Placed(engine, placed, level, segments)
        edges, gone = run.edges_and_gone()
        store = run.store(actor_codes(dataset), names)
        with paused_gc():  # some objects per edge, none garbage until the snapshots are built
            return assemble(dataset, windows, edges, store, gone, options)
    finally:
        if store is None:  # the run stopped before the snapshots were made
            for name in names:
                engine.unregister(name)
