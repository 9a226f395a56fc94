"""Render every figure of a dataset into a folder: PNG and SVG (and PDF), byte for byte reproducible.

The entry points: :func:`render_all` draws and writes every figure;
:func:`start` starts drawing and returns a :class:`Drawing`, whose
:meth:`~Drawing.result` writes the files (``entente build`` computes its
tables meanwhile). Both take one :class:`~network.figures.options.RenderOptions`
(or its fields as keywords). The work is split by job, each in its module:

- :mod:`network.figures.plan`: the jobs, their views prepared (all computation;
  bad options fail here, before anything is drawn);
- :mod:`network.figures.draw`: one job's figure and its files' bytes
  (:mod:`network.figures.plots` draws, :mod:`network.figures.canvas` keeps text
  work between figures, :mod:`network.figures.encode` makes deterministic PNG,
  SVG and GIF bytes);
- :mod:`network.figures.workers`: tasks drawn in forked worker processes;
- :mod:`network.figures.cache`: figures read back from an earlier build;
- here: the run, which owns the text cache, the workers and the figure cache,
  and writes the files at the end, each atomically.

Speed: the worker processes are forked as soon as the first views are ready
(with matplotlib already imported), and draw while the rest are prepared.
The yearly snapshots of a level are drawn by one worker, which also makes
their GIF from the frames it has just drawn.

Reproducible: fonts fixed, ``svg.hashsalt`` fixed, no dates or software
versions in the metadata, a seeded layout; the same data gives the same
bytes, whether drawn in one process or several.

Examples
--------
>>> from network import load
>>> jobs = plan(load("tests/data/mini.yaml"), levels=["state"])    # what render_all would draw
>>> len(jobs), jobs[0].stem, jobs[0].formats, jobs[0].frame
(10, 'state/snapshot-1957', ('png', 'svg'), 'state/snapshots.gif')
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from network.dataset.model import Dataset
from network.figures.cache import FigureCache
from network.figures.canvas import TextCache, use_canvas
from network.figures.draw import render_job
from network.figures.encode import SAVE_METADATA, gif_bytes
from network.figures.options import FORMATS, RenderOptions
from network.figures.plan import Job, check, figure_count, level_jobs, no_clash, plan, timeline_jobs
from network.figures.workers import Files, Task, Workers, tasks_of, worker_count
from network.measures.balance import PartitionCache
from network.output.atomic import write_bytes

__all__ = [
    "render_all",
    "start",
    "Drawing",
    "RenderOptions",
    "Rendered",
    # defined in the modules named above, and importable from here as before
    "FigureCache",
    "Job",
    "Task",
    "plan",
    "render_job",
    "gif_bytes",
    "SAVE_METADATA",
    "FORMATS",
]


class Rendered(list[Path]):
    """The files written, in order, with the wall time taken (``seconds``), the worker count
    (``jobs``) and the number of drawing tasks read from a :class:`FigureCache` (``cached``)."""

    seconds: float = 0.0
    jobs: int = 1
    cached: int = 0


class Drawing:
    """One render run: figures being drawn, in worker processes or (with one worker) on
    :meth:`result`.

    Made by :func:`start`. The run owns what its figures share: the text cache
    of the caching canvas (``text``; None when matplotlib's own canvases draw,
    see :func:`network.figures.canvas.use_canvas`), the workers and the figure
    cache of ``options``. :meth:`result` waits for the figures and writes
    them, :meth:`cancel` stops the workers and writes nothing.
    """

    def __init__(self, out: Path, workers: int, started: float, options: RenderOptions):
        self.out = out
        self.workers = workers
        self.started = started
        self.options = options
        self.text = TextCache() if use_canvas(options.canvas) else None
        self.pool = Workers(workers, self.text)
        self.tasks: list[Task] = []
        self.keys: list[str | None] = []  # per task, its key in the cache (None: no cache)
        self.done: dict[int, Files] = {}  # task index -> its files, when known
        self.cached = 0  # tasks found in the cache

    def add(self, jobs: Sequence[Job]) -> None:
        """Queue ``jobs``; with workers, those not in the cache start drawing now."""
        cache = self.options.cache
        drawer = "canvas" if self.text is not None else "plain"
        for task in tasks_of(jobs):
            i = len(self.tasks)
            self.tasks.append(task)
            key = cache.key(task, drawer) if cache is not None else None
            self.keys.append(key)
            found = cache.get(key) if cache is not None and key is not None else None
            if found is not None:
                self.done[i] = found
                self.cached += 1
            else:
                self.pool.submit(task, i)

    def cancel(self) -> None:
        """Stop the workers (figures not yet drawn are dropped); nothing is written."""
        self.pool.cancel()

    def _drawn(self, i: int, files: Files) -> None:
        self.done[i] = files
        key, cache, progress = self.keys[i], self.options.cache, self.options.progress
        if cache is not None and key is not None:
            cache.put(key, files)
        if progress is not None:
            task = self.tasks[i]
            for job in task.jobs:
                progress(f"drew {job.stem} ({', '.join(job.formats)})")
            if task.gif:
                progress(f"drew {task.gif} ({len(task.jobs)} frames)")

    def result(self) -> Rendered:
        """Wait for every figure, write the files, remove stale snapshots; the files written."""
        try:
            if self.workers <= 1:
                for i, task in enumerate(self.tasks):
                    if i not in self.done:
                        self._drawn(i, self.pool.here(task))
            else:
                for i, files in self.pool.finished():
                    self._drawn(i, files)
        finally:
            self.cancel()
        files = [item for i in range(len(self.tasks)) for item in self.done[i]]
        files.sort(key=lambda item: item[0].endswith(".gif"))  # the GIFs last, as they always were
        written = Rendered()
        for name, data in files:
            path = self.out / name
            write_bytes(path, data)
            written.append(path)
        _prune(self.out, [job for task in self.tasks for job in task.jobs], set(written))
        written.seconds = time.perf_counter() - self.started
        written.jobs = self.workers
        written.cached = self.cached
        return written


def _prune(out: Path, jobs: Iterable[Job], written: set[Path]) -> list[Path]:
    """Remove snapshot files of windows that no longer exist in a level folder this run wrote."""
    removed = []
    for level in sorted({j.stem.split("/")[0] for j in jobs if "/" in j.stem}):
        folder = out / level
        for path in sorted(folder.glob("snapshot-*")):
            if path.suffix in (".png", ".svg", ".pdf") and path.with_suffix(".png") not in written:
                path.unlink()
                removed.append(path)
    return removed


def start(
    dataset: Dataset,
    out_dir: str | os.PathLike[str],
    options: RenderOptions | None = None,
    **changes: Any,
) -> Drawing:
    """Start drawing every figure of ``dataset``; ``.result()`` of the return value writes them.

    The views are prepared here, part by part (the time lines, then each
    level); with workers, each part's figures start drawing as soon as it is
    ready, while the next is prepared, and go on while the caller does other
    work (``entente build`` computes its tables meanwhile). Bad options raise
    ValueError before anything is drawn or written. Options as for
    :func:`render_all`; with ``cache``, figures found in it are not drawn
    again, and those drawn are put in it; the views share ``partitions`` and ``layouts``
    (a build's caches; by default new partitions for this run, layouts afresh).
    """
    t0 = time.perf_counter()
    o = RenderOptions.of(options, **changes)
    check(dataset, o)
    out = Path(out_dir)
    # the views of the snapshots and of the balance time line share their partitions
    if o.partitions is None:
        o = RenderOptions.of(o, partitions=PartitionCache())
    timelines = timeline_jobs(dataset, o)
    drawing = Drawing(out, worker_count(o.jobs, figure_count(dataset, o, len(timelines))), t0, o)
    try:
        out.mkdir(parents=True, exist_ok=True)  # fail now, not after drawing, if it cannot be made
        drawing.add(timelines)
        planned = list(timelines)
        for level in o.levels:
            part = level_jobs(dataset, level, o)
            planned += part
            no_clash(planned)
            drawing.add(part)
    except BaseException:
        drawing.cancel()
        raise
    return drawing


def render_all(
    dataset: Dataset,
    out_dir: str | os.PathLike[str],
    options: RenderOptions | None = None,
    **changes: Any,
) -> Rendered:
    """Write every figure of ``dataset`` into ``out_dir``; return the files written and the time taken.

    Parameters
    ----------
    dataset : Dataset
        A valid, loaded dataset.
    out_dir : path
        Output folder (created if needed). Per level ``<level>/snapshot-<window>``
        (a year or a named period), ``<level>/small-multiples``,
        ``<level>/centrality-bump`` and ``<level>/snapshots.gif``; then
        ``alignment-timeline`` and ``balance-timeline``.
    options : RenderOptions, optional
        What to draw and how (levels, PDF, workers, snapshot mode, poles and focal actor,
        node size, progress, figure cache, canvas); by default the defaults.
    **changes
        Fields of :class:`~network.figures.options.RenderOptions` to change in ``options``
        (``levels=["state"], jobs=1``, say).

    Returns
    -------
    Rendered
        A list of the paths written, with ``seconds`` (wall time) and ``jobs``.
        Files are written only once every figure has been drawn; snapshot
        files of windows the data no longer has are removed.

    Examples
    --------
    >>> import tempfile
    >>> from network import load
    >>> with tempfile.TemporaryDirectory() as out:
    ...     written = render_all(load("tests/data/mini.yaml"), out, levels=["state"], jobs=1)
    ...     sorted(p.relative_to(out).as_posix() for p in written)[:3]
    ['alignment-timeline.png', 'alignment-timeline.svg', 'balance-timeline.png']
    """
    return start(dataset, out_dir, options, **changes).result()
