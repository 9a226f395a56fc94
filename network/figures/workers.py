"""Drawing tasks and the worker processes that draw them.

A :class:`Task` is what one worker draws in one go: a figure, or the yearly
snapshots of a level together with their GIF (made from the frames just
drawn, so they need not travel back first). :class:`Workers` draws tasks in
forked worker processes, started with matplotlib already imported, or, with
one worker, here. Each worker keeps the text work of its figures in the
:class:`~network.figures.canvas.TextCache` the run gave it (or draws with
matplotlib's own canvases when the run gave none).

Examples
--------
>>> from network import load
>>> from network.figures.plan import plan
>>> tasks = tasks_of(plan(load("tests/data/mini.yaml"), levels=["state"]))
>>> [(len(t.jobs), t.gif) for t in tasks][:2]
[(4, 'state/snapshots.gif'), (1, None)]
>>> worker_count(None, 3), worker_count(2, 3)
(1, 2)
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor, as_completed
from dataclasses import dataclass

from network.figures.canvas import TextCache
from network.figures.draw import render_job
from network.figures.encode import gif_bytes
from network.figures.plan import Job

__all__ = ["Task", "tasks_of", "draw_task", "worker_count", "Workers", "Files"]

#: A task's files: names relative to the output folder, and bytes, in order.
Files = list[tuple[str, bytes]]
_PARALLEL_MIN_JOBS = 6  # below this many figures, worker start-up costs more than it saves
_MAX_WORKERS = 8  # more would mostly wait for each other (and each holds a copy of matplotlib)


@dataclass(frozen=True)
class Task:
    """What one worker draws in one go: a figure, or the yearly snapshots of a level and their GIF
    (``gif``), so that the frames need not travel back before the GIF is made."""

    jobs: tuple[Job, ...]
    gif: str | None = None


def tasks_of(jobs: Sequence[Job]) -> list[Task]:
    """The jobs as tasks: the frames of each GIF together (first), then every other figure alone."""
    gifs: dict[str, list[Job]] = {}
    alone = []
    for job in jobs:
        if job.frame:
            gifs.setdefault(job.frame, []).append(job)
        else:
            alone.append(job)
    tasks = [Task(tuple(frames), gif) for gif, frames in gifs.items()]
    return tasks + [Task((job,)) for job in alone]


def draw_task(task: Task, text: TextCache | None) -> Files:
    """Draw a task (with the caching canvas if ``text`` is given): its files, in order."""
    files = []
    frames = []
    for job in task.jobs:
        result = render_job(job, text)
        files += [(f"{job.stem}.{fmt}", result[fmt]) for fmt in job.formats]
        if task.gif:
            frames.append(result["png"])
    if task.gif:
        files.append((task.gif, gif_bytes(frames)))
    return files


def _cores() -> int:
    """The CPU cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def worker_count(jobs: int | None, figures: int) -> int:
    """Worker processes for ``figures`` figures: ``jobs`` if given, else one per core (at most
    :data:`_MAX_WORKERS`), or none (drawn here) when there are too few figures to pay for them."""
    if jobs is not None:
        return max(1, jobs)
    if figures < _PARALLEL_MIN_JOBS:
        return 1
    return max(1, min(_MAX_WORKERS, _cores()))


def _prepare() -> None:
    """Import what drawing needs (and matplotlib's font list), so that forked workers start with
    them. (Not the fonts themselves: a child opens its own, see :class:`TextCache`.)"""
    import matplotlib.backends.backend_agg  # noqa: F401
    import matplotlib.backends.backend_svg  # noqa: F401
    from PIL import GifImagePlugin, Image, PngImagePlugin  # noqa: F401

    from network.figures import canvas, plots  # noqa: F401


# In a worker process (only there): the text cache the run that started the worker gave it.
_worker_text: TextCache | None = None


def _adopt(text: TextCache | None) -> None:
    """Pool initializer: keep the run's text cache for this worker's tasks."""
    global _worker_text
    _worker_text = text


def _draw_in_worker(task: Task) -> Files:
    return draw_task(task, _worker_text)


class Workers:
    """Tasks drawn in ``count`` worker processes, or here when ``count`` is 1.

    The processes are forked on the first :meth:`submit` (by then matplotlib
    is imported and the first views are ready); each is given ``text``, the
    run's :class:`TextCache` (or None: matplotlib's own canvases).
    """

    def __init__(self, count: int, text: TextCache | None) -> None:
        self.count = count
        self.text = text
        self._pool: ProcessPoolExecutor | None = None
        self._futures: dict[Future[Files], int] = {}

    def submit(self, task: Task, index: int) -> None:
        """Start drawing ``task`` in a worker (with one worker: nothing yet, see :meth:`here`)."""
        if self.count <= 1:
            return
        if self._pool is None:
            import multiprocessing

            _prepare()
            method = "fork" if "fork" in multiprocessing.get_all_start_methods() else None
            self._pool = ProcessPoolExecutor(
                max_workers=self.count,
                mp_context=multiprocessing.get_context(method),
                initializer=_adopt,
                initargs=(self.text,),
            )
        self._futures[self._pool.submit(_draw_in_worker, task)] = index

    def here(self, task: Task) -> Files:
        """Draw ``task`` in this process."""
        return draw_task(task, self.text)

    def finished(self) -> Iterator[tuple[int, Files]]:
        """The submitted tasks' indices and files, as each is done."""
        for future in as_completed(self._futures):
            yield self._futures[future], future.result()

    def cancel(self) -> None:
        """Stop the workers (tasks not yet drawn are dropped)."""
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None
