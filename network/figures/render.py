"""Render every figure of a dataset into a folder: PNG and SVG (and PDF), byte for byte reproducible.

The views are prepared first (:mod:`network.figures.data`), so bad options
fail before anything is drawn; each figure is then drawn on its own
:class:`~matplotlib.figure.Figure` with the Agg canvas (pyplot is never
imported, so no window opens and no global figure is touched), optionally in
worker processes, and all files are written at the end, each atomically.

Reproducible: fonts fixed, ``svg.hashsalt`` fixed, no dates or software
versions in the metadata, a seeded layout; the same data gives the same bytes.

Examples
--------
>>> from network import load
>>> jobs = plan(load("tests/data/mini.yaml"), levels=["state"])    # what render_all would draw
>>> len(jobs), jobs[0].stem, jobs[0].formats, jobs[0].frame
(10, 'state/snapshot-1957', ('png', 'svg'), 'state/snapshots.gif')
"""

from __future__ import annotations

import io
import os
import re
import time
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass
from pathlib import Path
from typing import Any, cast

from .. import style
from ..alignment import FOCAL, POLES
from ..atomic import write_bytes
from ..model import Dataset
from ..snapshots import HALF_LIFE, LEVELS
from .data import INVOLVEMENT, alignment_view, balance_view, figure_data

__all__ = ["render_all", "Rendered", "Job", "plan", "render_job", "SAVE_METADATA", "FORMATS"]

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
_SAFE = re.compile(r"[^A-Za-z0-9_.-]+")
_COST = {
    "small_multiples": 4.0,
    "balance": 1.5,
    "bump": 1.5,
    "snapshot": 1.0,
    "alignment": 0.8,
}  # seconds, roughly


class Rendered(list[Path]):
    """The files written, in order, with the wall time taken (``seconds``) and the worker count (``jobs``)."""

    seconds: float = 0.0
    jobs: int = 1


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


def plan(
    dataset: Dataset,
    levels: Sequence[str] = LEVELS,
    pdf: bool = False,
    mode: str = "window",
    half_life: float = HALF_LIFE,
    poles: Sequence[str] = POLES,
    focal: str = FOCAL,
    size_by: str = INVOLVEMENT,
) -> list[Job]:
    """The figures to draw for a dataset, their views prepared (all computation happens here).

    Examples
    --------
    >>> from network import load
    >>> jobs = plan(load("tests/data/mini.yaml"), levels=["state"])
    >>> [j.stem for j in jobs][:3]
    ['state/snapshot-1957', 'state/snapshot-1958', 'state/snapshot-1959']
    >>> [j.stem for j in jobs][-3:]
    ['state/centrality-bump', 'alignment-timeline', 'balance-timeline']
    """
    for level in levels:
        if level not in LEVELS:
            raise ValueError(f"unknown level {level!r}; choose from {', '.join(LEVELS)}")
    if not dataset.ties:
        raise ValueError(f"{dataset.path} has no ties to draw")
    formats = FORMATS + (("pdf",) if pdf else ())
    jobs = []
    for level in levels:
        fd = figure_data(
            dataset, level=level, poles=poles, focal=focal, size_by=size_by, mode=mode, half_life=half_life
        )
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
    timeline = alignment_view(dataset, focal=focal, poles=poles, mode=mode, half_life=half_life)
    if timeline is not None:
        jobs.append(Job("alignment", timeline, "alignment-timeline", formats))
    if levels:
        jobs.append(
            Job(
                "balance",
                balance_view(dataset, levels=levels, mode=mode, half_life=half_life),
                "balance-timeline",
                formats,
            )
        )
    stems = [j.stem for j in jobs]
    if len(set(stems)) != len(stems):
        clash = sorted({s for s in stems if stems.count(s) > 1})[0]
        raise ValueError(f"two figures would be written to {clash}: a period id equals a year")
    return jobs


def _draw(job: Job) -> Any:
    """The figure of a job, drawn on a fresh Figure with the Agg canvas."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    from . import plots

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
    """Draw one job and return its files' bytes by format."""
    import matplotlib

    out = {}
    with matplotlib.rc_context(cast(Any, style.RC)):
        fig = _draw(job)
        for fmt in job.formats:
            buf = io.BytesIO()
            fig.savefig(buf, format=fmt, dpi=style.DPI, metadata=SAVE_METADATA[fmt])
            data = buf.getvalue()
            out[fmt] = _svg_fonts(data) if fmt == "svg" else _png_palette(data) if fmt == "png" else data
    return out


def _style_colors() -> list[tuple[int, int, int]]:
    """Every colour :mod:`network.style` names, white and black first, each once, as RGB."""
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
    return out


def _quantize(images: Sequence[Any], source: Any, colors: int, method: Any) -> list[Any]:
    """``images`` mapped, without dithering, onto one palette: the style's colours, exactly, then
    ``colors`` less those taken from ``source`` by ``method`` (so no colour that carries meaning,
    a bloc or an edge kind, is ever merged with another)."""
    from PIL import Image

    fixed = _style_colors()
    adaptive = source.quantize(colors=max(colors - len(fixed), 2), method=method, dither=Image.Dither.NONE)
    values = adaptive.getpalette() or []
    entries = list(fixed)
    for i in range(0, len(values), 3):
        rgb = (values[i], values[i + 1], values[i + 2])
        # an adaptive colour next to a fixed one would steal its pixels (the lookup is coarse)
        near = any(max(abs(a - b) for a, b in zip(rgb, e, strict=True)) <= _NEAR for e in entries)
        if not near and len(entries) < colors:
            entries.append(rgb)
    palette = Image.new("P", (1, 1))
    palette.putpalette([v for e in entries for v in e] + [0, 0, 0] * (256 - len(entries)))
    return [im.quantize(palette=palette, dither=Image.Dither.NONE) for im in images]


def _png_palette(data: bytes, colors: int = style.PNG_COLORS) -> bytes:
    """The PNG with a palette of ``colors`` colours (no dithering): a third of the bytes, same look."""
    from PIL import Image

    image = Image.open(io.BytesIO(data)).convert("RGB")
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
    """An animated GIF of PNG frames: scaled, one palette, no dithering, looping, last frame held longer."""
    from PIL import Image

    images = [Image.open(io.BytesIO(f)).convert("RGB") for f in frames]
    if scale != 1.0:
        size = (round(images[0].width * scale), round(images[0].height * scale))
        images = [im.resize(size, Image.Resampling.LANCZOS) for im in images]
    width, height = images[0].size
    sheet = Image.new("RGB", (width, height * len(images)), "white")
    for i, im in enumerate(images):
        sheet.paste(im, (0, i * height))
    quantized = _quantize(images, sheet, colors, Image.Quantize.MEDIANCUT)
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


def _workers(jobs: int | None, count: int) -> int:
    if jobs is not None:
        return max(1, jobs)
    if count < _PARALLEL_MIN_JOBS:
        return 1
    return max(1, min(2, os.cpu_count() or 1))


def _run(jobs: list[Job], workers: int, done: Callable[[Job], None]) -> list[dict[str, bytes]]:
    results: list[dict[str, bytes] | None] = [None] * len(jobs)
    if workers <= 1:
        for i, job in enumerate(jobs):
            results[i] = render_job(job)
            done(job)
    else:
        import multiprocessing

        method = "fork" if "fork" in multiprocessing.get_all_start_methods() else None
        with ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context(method)) as pool:
            # the longest figures first, so that no worker is left with one at the end
            order = sorted(range(len(jobs)), key=lambda i: (-_COST.get(jobs[i].kind, 1.0), i))
            futures = {pool.submit(render_job, jobs[i]): i for i in order}
            for future in as_completed(futures):
                i = futures[future]
                results[i] = future.result()
                done(jobs[i])
    return [r for r in results if r is not None]


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


def render_all(
    dataset: Dataset,
    out_dir: str | os.PathLike[str],
    levels: Sequence[str] = ("person", "state"),
    pdf: bool = False,
    jobs: int | None = None,
    *,
    mode: str = "window",
    half_life: float = HALF_LIFE,
    poles: Sequence[str] = POLES,
    focal: str = FOCAL,
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
        Worker processes; default 2 (or the CPU count, if smaller) when there
        are enough figures to pay for starting them, else 1.
    mode, half_life : optional
        Snapshot mode, see :func:`network.snapshots.snapshots`.
    poles, focal : optional
        The two poles (pinned left and right) and the focal actor of the alignment time line.
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
    t0 = time.perf_counter()
    out = Path(out_dir)
    todo = plan(
        dataset,
        levels=levels,
        pdf=pdf,
        mode=mode,
        half_life=half_life,
        poles=poles,
        focal=focal,
        size_by=size_by,
    )
    out.mkdir(parents=True, exist_ok=True)  # fail now, not after drawing, if it cannot be made
    workers = _workers(jobs, len(todo))

    def done(job: Job) -> None:
        if progress is not None:
            progress(f"drew {job.stem} ({', '.join(job.formats)})")

    results = _run(todo, workers, done)
    files: list[tuple[Path, bytes]] = []
    frames: dict[str, list[bytes]] = {}
    for job, result in zip(todo, results, strict=True):
        for fmt in job.formats:
            files.append((out / f"{job.stem}.{fmt}", result[fmt]))
        if job.frame:
            frames.setdefault(job.frame, []).append(result["png"])
    for name, pngs in frames.items():
        files.append((out / name, gif_bytes(pngs)))
        if progress is not None:
            progress(f"drew {name} ({len(pngs)} frames)")
    written = Rendered()
    for path, data in files:
        write_bytes(path, data)
        written.append(path)
    _prune(out, todo, set(written))
    written.seconds = time.perf_counter() - t0
    written.jobs = workers
    return written
