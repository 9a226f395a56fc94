"""Render every figure of a dataset into a folder: PNG and SVG (and PDF), byte for byte reproducible.

The views are prepared first (:mod:`network.figures.data`), so bad options
fail before anything is drawn; each figure is then drawn on its own
:class:`~matplotlib.figure.Figure` with an Agg canvas (pyplot is never
imported, so no window opens and no global figure is touched), in worker
processes when there are enough figures, and all files are written at the
end, each atomically.

Speed: the worker processes are forked as soon as the first views are ready
(with matplotlib already imported), and draw while the rest are prepared
(:func:`start`; ``entente build`` computes its tables meanwhile). The
yearly snapshots of a level are drawn by one worker, which also makes their
GIF from the frames it has just drawn. The canvases of
:mod:`network.figures.canvas` keep text work (metrics, glyph layouts, glyph
bitmaps) from one figure to the next, and a PNG is made from the canvas's
pixels directly; both give the bytes matplotlib's own path would.

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

import functools
import io
import os
import re
import time
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass
from pathlib import Path
from typing import Any, cast

from network.dataset.model import Dataset
from network.figures.data import INVOLVEMENT, alignment_view, balance_view, figure_data, figure_years
from network.measures.balance import PartitionCache
from network.output import style
from network.output.atomic import write_bytes
from network.output.layout import LayoutCache
from network.timeline.snapshots import HALF_LIFE, LEVELS

__all__ = [
    "render_all",
    "start",
    "Drawing",
    "FigureCache",
    "Rendered",
    "Job",
    "Task",
    "plan",
    "render_job",
    "figure_bytes",
    "forget",
    "SAVE_METADATA",
    "FORMATS",
]

#: Formats written for every figure (PDF too with ``pdf=True``).
FORMATS = ("png", "svg")
#: Metadata per format: nothing that changes between runs or machines.
SAVE_METADATA: dict[str, dict[str, Any]] = {
    "png": {"Software": None},
    "svg": {"Date": None, "Creator": None},
    "pdf": {"Creator": None, "Producer": None, "CreationDate": None, "ModDate": None},
}
_NEAR = 6  # palette colours closer than this (per channel) to a style colour are dropped
_PARALLEL_MIN_JOBS = 6  # below this many figures, worker start-up costs more than it saves
_MAX_WORKERS = 8  # more would mostly wait for each other (and each holds a copy of matplotlib)
_SAFE = re.compile(r"[^A-Za-z0-9_.-]+")


class Rendered(list[Path]):
    """The files written, in order, with the wall time taken (``seconds``), the worker count
    (``jobs``) and the number of drawing tasks read from a :class:`FigureCache` (``cached``)."""

    seconds: float = 0.0
    jobs: int = 1
    cached: int = 0


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


def _check(dataset: Dataset, levels: Sequence[str]) -> None:
    for level in levels:
        if level not in LEVELS:
            raise ValueError(f"unknown level {level!r}; choose from {', '.join(LEVELS)}")
    if not dataset.ties:
        raise ValueError(f"{dataset.path} has no ties to draw")


def _no_clash(jobs: Sequence[Job]) -> None:
    stems = [j.stem for j in jobs]
    if len(set(stems)) != len(stems):
        clash = sorted({s for s in stems if stems.count(s) > 1})[0]
        raise ValueError(f"two figures would be written to {clash}: a period id equals a year")


def _timeline_jobs(
    dataset: Dataset,
    levels: Sequence[str],
    formats: tuple[str, ...],
    mode: str,
    half_life: float,
    poles: Sequence[str] | None,
    focal: str | None,
    partitions: PartitionCache | None = None,
) -> list[Job]:
    """The jobs of the two time lines (alignment, balance), their views prepared."""
    jobs = []
    timeline = alignment_view(dataset, focal=focal, poles=poles, mode=mode, half_life=half_life)
    if timeline is not None:
        jobs.append(Job("alignment", timeline, "alignment-timeline", formats))
    if levels:
        jobs.append(
            Job(
                "balance",
                balance_view(dataset, levels=levels, mode=mode, half_life=half_life, partitions=partitions),
                "balance-timeline",
                formats,
            )
        )
    return jobs


def _level_jobs(
    dataset: Dataset,
    level: str,
    formats: tuple[str, ...],
    mode: str,
    half_life: float,
    poles: Sequence[str] | None,
    focal: str | None,
    size_by: str,
    partitions: PartitionCache | None = None,
    layouts: LayoutCache | None = None,
) -> list[Job]:
    """The jobs of one level (snapshots, small multiples, bump chart), their views prepared."""
    fd = figure_data(
        dataset,
        level=level,
        poles=poles,
        focal=focal,
        size_by=size_by,
        mode=mode,
        half_life=half_life,
        partitions=partitions,
        layouts=layouts,
    )
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
    _no_clash(jobs)
    return jobs


def plan(
    dataset: Dataset,
    levels: Sequence[str] = LEVELS,
    pdf: bool = False,
    mode: str = "window",
    half_life: float = HALF_LIFE,
    poles: Sequence[str] | None = None,
    focal: str | None = None,
    size_by: str = INVOLVEMENT,
    partitions: PartitionCache | None = None,
    layouts: LayoutCache | None = None,
) -> list[Job]:
    """The figures to draw for a dataset, their views prepared (all computation happens here).

    The views share ``partitions`` and ``layouts`` (a build's caches; default: new ones for this call).

    Examples
    --------
    >>> from network import load
    >>> jobs = plan(load("tests/data/mini.yaml"), levels=["state"])
    >>> [j.stem for j in jobs][:3]
    ['state/snapshot-1957', 'state/snapshot-1958', 'state/snapshot-1959']
    >>> [j.stem for j in jobs][-3:]
    ['state/centrality-bump', 'alignment-timeline', 'balance-timeline']
    """
    _check(dataset, levels)
    formats = FORMATS + (("pdf",) if pdf else ())
    jobs = []
    partitions = PartitionCache() if partitions is None else partitions
    for level in levels:
        jobs += _level_jobs(
            dataset, level, formats, mode, half_life, poles, focal, size_by, partitions, layouts
        )
    jobs += _timeline_jobs(dataset, levels, formats, mode, half_life, poles, focal, partitions)
    _no_clash(jobs)
    return jobs


def _draw(job: Job) -> Any:
    """The figure of a job, drawn on a fresh Figure with the Agg canvas."""
    from matplotlib.figure import Figure

    from network.figures import plots
    from network.figures.canvas import FigureCanvasAgg

    if job.kind == "snapshot":
        fig = Figure(figsize=style.FIGSIZE["snapshot"], dpi=style.DPI)
        plots.draw_snapshot(fig.add_axes(style.SNAPSHOT_AXES), job.view)
    elif job.kind == "small_multiples":
        fig = Figure(figsize=style.FIGSIZE["small_multiples"], dpi=style.DPI)
        plots.draw_small_multiples(fig, job.view)
    elif job.kind == "alignment":
        fig = Figure(figsize=style.FIGSIZE["timeline"], dpi=style.DPI)
        plots.draw_alignment_timeline(fig.add_axes(style.TIMELINE_AXES), job.view)
    elif job.kind == "bump":
        fig = Figure(figsize=style.FIGSIZE["timeline"], dpi=style.DPI)
        plots.draw_centrality_bump(fig.add_axes(style.BUMP_AXES), job.view)
    elif job.kind == "balance":
        fig = Figure(figsize=style.FIGSIZE["timeline"], dpi=style.DPI)
        plots.draw_balance_timeline(fig, job.view)
    else:
        raise ValueError(f"unknown figure kind {job.kind!r}")
    FigureCanvasAgg(fig)
    return fig


def render_job(job: Job) -> dict[str, bytes]:
    """Draw one job and return its files' bytes by format.

    The PNG is made from the canvas's pixels directly (no PNG is encoded only
    to be decoded again for the palette), and the PNG and SVG are drawn with
    the caching renderers of :mod:`network.figures.canvas`: the same bytes as
    matplotlib's own, and text work done once per process, not per figure.
    """
    import matplotlib

    with matplotlib.rc_context(cast(Any, style.RC)):
        return figure_bytes(_draw(job), job.formats)


def figure_bytes(fig: Any, formats: Sequence[str]) -> dict[str, bytes]:
    """The bytes of a drawn figure in each of ``formats`` (png, svg, pdf), the same on every run.

    ``fig`` has an Agg canvas from :mod:`network.figures.canvas`; call this
    inside ``matplotlib.rc_context(style.RC)``, as :func:`render_job` does. The
    PNG has the palette of :func:`_png_from_rgba`, the SVG the fallback fonts
    of :func:`_svg_fonts`, and no format carries a date or a software version
    (:data:`SAVE_METADATA`). Every other figure module saves through this.
    """
    from network.figures.canvas import SVG_BACKEND

    out = {}
    for fmt in formats:
        buf = io.BytesIO()
        if fmt == "png":
            fig.savefig(buf, format="rgba", dpi=style.DPI)
            out[fmt] = _png_from_rgba(buf.getbuffer(), fig.canvas.get_width_height(physical=True))
        elif fmt == "svg":
            fig.savefig(buf, format="svg", dpi=style.DPI, metadata=SAVE_METADATA[fmt], backend=SVG_BACKEND)
            out[fmt] = _svg_fonts(buf.getvalue())
        else:
            fig.savefig(buf, format=fmt, dpi=style.DPI, metadata=SAVE_METADATA[fmt])
            out[fmt] = buf.getvalue()
    return out


@functools.cache
def _style_colors() -> tuple[tuple[int, int, int], ...]:
    """Every colour :mod:`network.output.style` names, white and black first, each once, as RGB."""
    from matplotlib.colors import to_rgb

    names = [
        "#FFFFFF",
        "#000000",
        *style.OKABE_ITO.values(),
        *style.TEXT.values(),
        *style.PERIOD_BAND.values(),
    ]
    names += [e["color"] for e in style.EDGE.values()] + [b["color"] for b in style.BLOC.values()]
    names += [style.NODE["edgecolor"], style.NODE["label_color"], style.INACTIVE["label_color"]]
    names += [c for c, _ in style.SERIES]
    out: list[tuple[int, int, int]] = []
    for name in names:
        r, g, b = (round(255 * v) for v in to_rgb(name))
        if (r, g, b) not in out:
            out.append((r, g, b))
    return tuple(out)


def _quantize(images: Sequence[Any], source: Any, colors: int, method: Any) -> list[Any]:
    """``images`` mapped, without dithering, onto one palette: the style's colours, exactly, then
    ``colors`` less those taken from ``source`` by ``method`` (so no colour that carries meaning,
    a bloc or an edge kind, is ever merged with another)."""
    import numpy as np
    from PIL import Image

    fixed = _style_colors()
    adaptive = source.quantize(colors=max(colors - len(fixed), 2), method=method, dither=Image.Dither.NONE)
    values = adaptive.getpalette() or []
    table = np.zeros((colors + len(values) // 3, 3), dtype=np.int32)  # the entries so far, as rows
    table[: len(fixed)] = fixed
    entries = list(fixed)
    for i in range(0, len(values), 3):
        if len(entries) >= colors:
            break
        rgb = (values[i], values[i + 1], values[i + 2])
        # an adaptive colour next to a fixed one would steal its pixels (the lookup is coarse)
        if not (np.abs(table[: len(entries)] - rgb).max(axis=1) <= _NEAR).any():
            table[len(entries)] = rgb
            entries.append(rgb)
    palette = Image.new("P", (1, 1))
    palette.putpalette([v for e in entries for v in e] + [0, 0, 0] * (256 - len(entries)))
    return [im.quantize(palette=palette, dither=Image.Dither.NONE) for im in images]


def _png_palette(data: bytes, colors: int = style.PNG_COLORS) -> bytes:
    """The PNG with a palette of ``colors`` colours (no dithering): a third of the bytes, same look."""
    from PIL import Image

    return _png_of(Image.open(io.BytesIO(data)).convert("RGB"), colors)


def _png_from_rgba(pixels: Any, size: tuple[int, int], colors: int = style.PNG_COLORS) -> bytes:
    """The palette PNG of a canvas's RGBA pixels (``size`` is width, height): :func:`_png_palette`
    of the PNG matplotlib would have written, without encoding and decoding that PNG."""
    from PIL import Image

    return _png_of(Image.frombytes("RGB", size, pixels, "raw", "RGBX"), colors)


def _png_of(image: Any, colors: int) -> bytes:
    from PIL import Image

    (quantized,) = _quantize([image], image, colors, Image.Quantize.FASTOCTREE)
    buf = io.BytesIO()
    quantized.save(buf, "PNG")
    return buf.getvalue()


def _svg_fonts(data: bytes) -> bytes:
    """Name fallback fonts after DejaVu Sans in an SVG, for viewers that lack it."""
    family = f"font-family: '{style.FONT['family']}'"
    return data.replace(family.encode(), f"{family}, {style.FONT['svg_fallback']}".encode())


def gif_bytes(
    frames: Sequence[bytes],
    duration: int = style.GIF["duration"],
    colors: int = style.GIF["colors"],
    scale: float = style.GIF["dpi"] / style.DPI,
) -> bytes:
    """An animated GIF of PNG frames: scaled, one palette, no dithering, looping, last frame held longer.

    The palette's adaptive part comes from all frames at once by the fast octree method: a tenth
    of the time of median cut, and as close to the frames (mean error 0.63 against 0.64 of 255
    per channel on the curated data; the style's colours are exact either way).
    """
    from PIL import Image

    images = [Image.open(io.BytesIO(f)).convert("RGB") for f in frames]
    if scale != 1.0:
        size = (round(images[0].width * scale), round(images[0].height * scale))
        images = [im.resize(size, Image.Resampling.LANCZOS) for im in images]
    width, height = images[0].size
    sheet = Image.new("RGB", (width, height * len(images)), "white")
    for i, im in enumerate(images):
        sheet.paste(im, (0, i * height))
    quantized = _quantize(images, sheet, colors, Image.Quantize.FASTOCTREE)
    durations = [duration] * (len(images) - 1) + [duration * 2]
    buf = io.BytesIO()
    quantized[0].save(
        buf,
        format="GIF",
        save_all=True,
        append_images=quantized[1:],
        duration=durations,
        loop=0,
        optimize=False,
        disposal=1,
    )
    return buf.getvalue()


def forget() -> None:
    """Forget what this process remembers between figures (the text work of
    :mod:`network.figures.canvas`): the next drawing starts cold, as in a new process."""
    from network.figures import canvas

    canvas.clear()


def _cores() -> int:
    """The CPU cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def _workers(jobs: int | None, count: int) -> int:
    """Worker processes for ``count`` figures: ``jobs`` if given, else one per core (at most
    :data:`_MAX_WORKERS`), or none (drawn here) when there are too few figures to pay for them."""
    if jobs is not None:
        return max(1, jobs)
    if count < _PARALLEL_MIN_JOBS:
        return 1
    return max(1, min(_MAX_WORKERS, _cores()))


@dataclass(frozen=True)
class Task:
    """What one worker draws in one go: a figure, or the yearly snapshots of a level and their GIF
    (``gif``), so that the frames need not travel back before the GIF is made."""

    jobs: tuple[Job, ...]
    gif: str | None = None


def _tasks(jobs: Sequence[Job]) -> list[Task]:
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


def _render_task(task: Task) -> list[tuple[str, bytes]]:
    """Draw a task: its files' names (relative to the output folder) and bytes, in order."""
    files = []
    frames = []
    for job in task.jobs:
        result = render_job(job)
        files += [(f"{job.stem}.{fmt}", result[fmt]) for fmt in job.formats]
        if task.gif:
            frames.append(result["png"])
    if task.gif:
        files.append((task.gif, gif_bytes(frames)))
    return files


def _prepare_workers() -> None:
    """Import what drawing needs (and matplotlib's font list), so that forked workers start with
    them. (Not the fonts themselves: a child opens its own, see :mod:`network.figures.canvas`.)"""
    import matplotlib.backends.backend_agg  # noqa: F401
    import matplotlib.backends.backend_svg  # noqa: F401
    from PIL import GifImagePlugin, Image, PngImagePlugin  # noqa: F401

    from network.figures import canvas, plots  # noqa: F401


class Drawing:
    """Figures being drawn, in worker processes or (with one worker) on :meth:`result`.

    Made by :func:`start`; :meth:`result` waits for the figures and writes
    them, :meth:`cancel` stops the workers and writes nothing.
    """

    def __init__(
        self,
        out: Path,
        workers: int,
        started: float,
        progress: Callable[[str], None] | None,
        cache: FigureCache | None = None,
    ):
        self.out = out
        self.workers = workers
        self.started = started
        self.progress = progress
        self.cache = cache
        self.tasks: list[Task] = []
        self.keys: list[str | None] = []  # per task, its key in the cache (None: no cache)
        self.done: dict[int, list[tuple[str, bytes]]] = {}  # task index -> its files, when known
        self.pool: Any = None
        self.futures: dict[Any, int] = {}  # future -> task index
        self.cached = 0  # tasks found in the cache

    def add(self, jobs: Sequence[Job]) -> None:
        """Queue ``jobs``; with workers, those not in the cache start drawing now."""
        for task in _tasks(jobs):
            i = len(self.tasks)
            self.tasks.append(task)
            key = self.cache.key(task) if self.cache is not None else None
            self.keys.append(key)
            found = self.cache.get(key) if self.cache is not None and key is not None else None
            if found is not None:
                self.done[i] = found
                self.cached += 1
            elif self.workers > 1:
                if self.pool is None:
                    import multiprocessing

                    _prepare_workers()
                    method = "fork" if "fork" in multiprocessing.get_all_start_methods() else None
                    self.pool = ProcessPoolExecutor(
                        max_workers=self.workers, mp_context=multiprocessing.get_context(method)
                    )
                self.futures[self.pool.submit(_render_task, task)] = i

    def cancel(self) -> None:
        """Stop the workers (figures not yet drawn are dropped); nothing is written."""
        if self.pool is not None:
            self.pool.shutdown(wait=True, cancel_futures=True)
            self.pool = None

    def _drawn(self, i: int, files: list[tuple[str, bytes]]) -> None:
        self.done[i] = files
        key = self.keys[i]
        if self.cache is not None and key is not None:
            self.cache.put(key, files)
        if self.progress is not None:
            task = self.tasks[i]
            for job in task.jobs:
                self.progress(f"drew {job.stem} ({', '.join(job.formats)})")
            if task.gif:
                self.progress(f"drew {task.gif} ({len(task.jobs)} frames)")

    def result(self) -> Rendered:
        """Wait for every figure, write the files, remove stale snapshots; the files written."""
        try:
            if self.pool is None:
                for i, task in enumerate(self.tasks):
                    if i not in self.done:
                        self._drawn(i, _render_task(task))
            else:
                for future in as_completed(self.futures):
                    self._drawn(self.futures[future], future.result())
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


class FigureCache:
    """Files drawn before, by a hash of all they depend on, so that a rebuild of unchanged
    figures (a warm build) reads them instead of drawing them again.

    The key of a task hashes its views (every position, text and size drawn), its formats, the
    drawing code (this package's modules and :mod:`network.output.style`) and the versions of Python,
    matplotlib, Pillow and numpy: any change to one of them is a miss, never a stale figure.
    One file per task in ``folder``; the least recently used are removed beyond ``keep``.
    """

    def __init__(self, folder: str | os.PathLike[str], keep: int = 400):
        self.folder = Path(folder)
        self.keep = keep

    @staticmethod
    def default() -> FigureCache | None:
        """The user's cache (``$XDG_CACHE_HOME/entente/figures``, else ``~/.cache/...``), or None
        if ``ENTENTE_NO_CACHE`` is set."""
        if os.environ.get("ENTENTE_NO_CACHE"):
            return None
        base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
        return FigureCache(Path(base) / "entente" / "figures")

    def key(self, task: Task) -> str | None:
        """The task's key, or None if it cannot be hashed (it is then always drawn)."""
        import hashlib
        import pickle

        try:
            data = pickle.dumps(task, protocol=5)
        except (pickle.PicklingError, TypeError, AttributeError):
            return None
        return hashlib.sha256(_code_fingerprint() + data).hexdigest()

    def get(self, key: str) -> list[tuple[str, bytes]] | None:
        """The files cached under ``key``, or None.

        An entry is a zip archive of the task's files, so reading the cache runs no code
        (unlike unpickling), whatever is found in the folder.
        """
        import zipfile

        path = self.folder / f"{key}.zip"
        try:
            with zipfile.ZipFile(path) as archive:
                files = [(info.filename, archive.read(info)) for info in archive.infolist()]
            os.utime(path)  # recently used
        except (OSError, zipfile.BadZipFile, ValueError):
            return None
        return files

    def put(self, key: str, files: list[tuple[str, bytes]]) -> None:
        """Remember ``files`` under ``key`` (a cache that cannot be written is no error)."""
        import zipfile

        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as archive:
            for name, data in files:
                archive.writestr(zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0)), data)
        try:
            write_bytes(self.folder / f"{key}.zip", buffer.getvalue())
            entries = sorted(self.folder.glob("*.zip"), key=lambda p: p.stat().st_mtime)
            for old in entries[: max(0, len(entries) - self.keep)]:
                old.unlink(missing_ok=True)
        except OSError:
            pass


@functools.cache
def _code_fingerprint() -> bytes:
    """A hash of what turns views into bytes: the drawing code and the libraries' versions."""
    import hashlib
    import sys

    import matplotlib
    import numpy
    import PIL

    from network.figures import canvas, plots

    h = hashlib.sha256()
    for module in (sys.modules[__name__], plots, canvas, style):
        h.update(Path(cast(str, module.__file__)).read_bytes())
    for version in (sys.version, matplotlib.__version__, PIL.__version__, numpy.__version__):
        h.update(version.encode())
    return h.digest()


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
    levels: Sequence[str] = ("person", "state"),
    pdf: bool = False,
    jobs: int | None = None,
    *,
    mode: str = "window",
    half_life: float = HALF_LIFE,
    poles: Sequence[str] | None = None,
    focal: str | None = None,
    size_by: str = INVOLVEMENT,
    progress: Callable[[str], None] | None = None,
    cache: FigureCache | None = None,
    partitions: PartitionCache | None = None,
    layouts: LayoutCache | None = None,
) -> Drawing:
    """Start drawing every figure of ``dataset``; ``.result()`` of the return value writes them.

    The views are prepared here, part by part (the time lines, then each
    level); with workers, each part's figures start drawing as soon as it is
    ready, while the next is prepared, and go on while the caller does other
    work (``entente build`` computes its tables meanwhile). Bad options raise
    ValueError before anything is drawn or written. Arguments as for
    :func:`render_all`; with a ``cache``, figures found in it are not drawn
    again, and those drawn are put in it. The views share ``partitions`` and ``layouts``
    (a build's caches, :class:`network.measures.balance.PartitionCache` and
    :class:`network.output.layout.LayoutCache`; default: new partitions, layouts afresh).
    """
    t0 = time.perf_counter()
    _check(dataset, levels)
    formats = FORMATS + (("pdf",) if pdf else ())
    out = Path(out_dir)
    # the views of the snapshots and of the balance time line share their partitions
    partitions = PartitionCache() if partitions is None else partitions
    timelines = _timeline_jobs(dataset, levels, formats, mode, half_life, poles, focal, partitions)
    figures_per_level = len(figure_years(dataset)) + len(dataset.periods) + 2
    workers = _workers(jobs, len(levels) * figures_per_level + len(timelines))
    drawing = Drawing(out, workers, t0, progress, cache)
    try:
        out.mkdir(parents=True, exist_ok=True)  # fail now, not after drawing, if it cannot be made
        drawing.add(timelines)
        planned = list(timelines)
        for level in levels:
            part = _level_jobs(
                dataset, level, formats, mode, half_life, poles, focal, size_by, partitions, layouts
            )
            planned += part
            _no_clash(planned)
            drawing.add(part)
    except BaseException:
        drawing.cancel()
        raise
    return drawing


def render_all(
    dataset: Dataset,
    out_dir: str | os.PathLike[str],
    levels: Sequence[str] = ("person", "state"),
    pdf: bool = False,
    jobs: int | None = None,
    *,
    mode: str = "window",
    half_life: float = HALF_LIFE,
    poles: Sequence[str] | None = None,
    focal: str | None = None,
    size_by: str = INVOLVEMENT,
    progress: Callable[[str], None] | None = None,
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
    levels : sequence of {"person", "state"}
        The levels to draw snapshots at.
    pdf : bool
        Also write a PDF of every figure.
    jobs : int, optional
        Worker processes; default one per CPU core (at most
        :data:`_MAX_WORKERS`) when there are enough figures to pay for
        starting them, else 1 (drawn in this process).
    mode, half_life : optional
        Snapshot mode, see :func:`network.timeline.snapshots.snapshots`.
    poles, focal : optional
        The poles (pinned from left to right, the camps reckoned towards them) and the focal
        actor of the alignment time line; by default the dataset's ``framing:``. Without a
        framing the alignment time line is left out, no actor is pinned and none is in a camp.
    size_by : str
        Node area by this measure (:data:`network.figures.data.SIZE_MEASURES`).
    progress : callable, optional
        Called with a line of text as each figure is drawn.

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
    return start(
        dataset,
        out_dir,
        levels=levels,
        pdf=pdf,
        jobs=jobs,
        mode=mode,
        half_life=half_life,
        poles=poles,
        focal=focal,
        size_by=size_by,
        progress=progress,
    ).result()
