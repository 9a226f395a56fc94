"""The figures to draw for a dataset, as jobs whose views are prepared: all computation happens here.

A :class:`Job` names one figure: its kind, its view (from
:mod:`network.figures.data`), the file stem and formats, and the GIF its PNG
is a frame of. Bad options raise ValueError here, before anything is drawn.

Examples
--------
>>> from network import load
>>> jobs = plan(load("tests/data/mini.yaml"), levels=["state"])    # what render_all would draw
>>> len(jobs), jobs[0].stem, jobs[0].formats, jobs[0].frame
(10, 'state/snapshot-1957', ('png', 'svg'), 'state/snapshots.gif')
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from network.dataset.model import Dataset
from network.figures.data import alignment_view, balance_view, figure_data, figure_years
from network.figures.options import RenderOptions
from network.measures.balance import PartitionCache
from network.timeline.snapshots import LEVELS

__all__ = ["Job", "plan", "check", "timeline_jobs", "level_jobs", "no_clash", "figure_count"]

_SAFE = re.compile(r"[^A-Za-z0-9_.-]+")


@dataclass(frozen=True)
class Job:
    """One figure to draw: what (``kind``), from which view, to which file stem, in which formats.

    ``frame`` names the GIF its PNG becomes a frame of (scaled down).
    """

    kind: str
    view: Any
    stem: str
    formats: tuple[str, ...]
    frame: str | None = None


def _file_id(window_id: str) -> str:
    return _SAFE.sub("_", window_id)


def check(dataset: Dataset, options: RenderOptions) -> None:
    """Raise ValueError for an unknown level or a dataset without ties."""
    for level in options.levels:
        if level not in LEVELS:
            raise ValueError(f"unknown level {level!r}; choose from {', '.join(LEVELS)}")
    if not dataset.ties:
        raise ValueError(f"{dataset.path} has no ties to draw")


def no_clash(jobs: Sequence[Job]) -> None:
    """Raise ValueError if two jobs would write the same file."""
    stems = [j.stem for j in jobs]
    if len(set(stems)) != len(stems):
        clash = sorted({s for s in stems if stems.count(s) > 1})[0]
        raise ValueError(f"two figures would be written to {clash}: a period id equals a year")


def figure_count(dataset: Dataset, options: RenderOptions, timelines: int) -> int:
    """How many figures the levels of ``options`` and ``timelines`` time lines make (before the
    views are prepared)."""
    per_level = len(figure_years(dataset)) + len(dataset.periods) + 2
    return len(options.levels) * per_level + timelines


def timeline_jobs(dataset: Dataset, options: RenderOptions) -> list[Job]:
    """The jobs of the two time lines (alignment, balance), their views prepared."""
    o = options
    jobs = []
    timeline = alignment_view(dataset, focal=o.focal, poles=o.poles, mode=o.mode, half_life=o.half_life)
    if timeline is not None:
        jobs.append(Job("alignment", timeline, "alignment-timeline", o.formats))
    if o.levels:
        jobs.append(
            Job(
                "balance",
                balance_view(
                    dataset, levels=o.levels, mode=o.mode, half_life=o.half_life, partitions=o.partitions
                ),
                "balance-timeline",
                o.formats,
            )
        )
    return jobs


def level_jobs(dataset: Dataset, level: str, options: RenderOptions) -> list[Job]:
    """The jobs of one level (snapshots, small multiples, bump chart), their views prepared."""
    o = options
    fd = figure_data(
        dataset,
        level=level,
        poles=o.poles,
        focal=o.focal,
        size_by=o.size_by,
        mode=o.mode,
        half_life=o.half_life,
        partitions=o.partitions,
        layouts=o.layouts,
    )
    formats = o.formats
    jobs = []
    for view in fd.years:
        jobs.append(
            Job(
                "snapshot",
                view,
                f"{level}/snapshot-{_file_id(view.period)}",
                formats,
                frame=f"{level}/snapshots.gif",
            )
        )
    for view in fd.periods:
        jobs.append(Job("snapshot", view, f"{level}/snapshot-{_file_id(view.period)}", formats))
    jobs.append(Job("small_multiples", fd.small_multiples, f"{level}/small-multiples", formats))
    if fd.bump is not None:
        jobs.append(Job("bump", fd.bump, f"{level}/centrality-bump", formats))
    no_clash(jobs)
    return jobs


def plan(dataset: Dataset, options: RenderOptions | None = None, **changes: Any) -> list[Job]:
    """The figures to draw for a dataset, their views prepared (all computation happens here).

    ``options`` (:class:`~network.figures.options.RenderOptions`, by default the
    defaults) with ``changes`` to its fields. The views share ``partitions`` and
    ``layouts`` (a build's caches; by default new partitions for this call).

    Examples
    --------
    >>> from network import load
    >>> jobs = plan(load("tests/data/mini.yaml"), levels=["state"])
    >>> [j.stem for j in jobs][:3]
    ['state/snapshot-1957', 'state/snapshot-1958', 'state/snapshot-1959']
    >>> [j.stem for j in jobs][-3:]
    ['state/centrality-bump', 'alignment-timeline', 'balance-timeline']
    """
    o = RenderOptions.of(options, **changes)
    if o.partitions is None:
        o = RenderOptions.of(o, partitions=PartitionCache())
    check(dataset, o)
    jobs = []
    for level in o.levels:
        jobs += level_jobs(dataset, level, o)
    jobs += timeline_jobs(dataset, o)
    no_clash(jobs)
    return jobs
