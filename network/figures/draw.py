"""Draw one job's figure and return its files' bytes, with the text-caching canvas or without it.

Each figure is drawn on its own :class:`~matplotlib.figure.Figure` (pyplot
is never imported, so no window opens and no global figure is touched),
with the plotting functions of :mod:`network.figures.plots`, under the
style's rcParams. Given a :class:`~network.figures.canvas.TextCache`, the
PNG pixels and the SVG are drawn by :class:`~network.figures.canvas.TextCanvas`,
which keeps text work from one figure to the next; without one, by
matplotlib's own canvases through ``savefig`` alone. Both give the same
figures (``tests/figures/test_canvas.py``). Should the caching canvas fail
(matplotlib's internals changed under it), the figure is drawn again
without it, a warning says so once, and the rest of the run draws plainly:
slower, never broken.

Examples
--------
>>> from network import load
>>> from network.figures.plan import plan
>>> job = plan(load("tests/data/mini.yaml"), levels=["state"])[0]
>>> files = render_job(job)           # plain matplotlib: no TextCache given
>>> sorted(files), files["png"][:4]
(['png', 'svg'], b'\\x89PNG')
"""

from __future__ import annotations

import io
import traceback
import warnings
from collections.abc import Sequence
from typing import Any, cast

from network.figures.canvas import TextCache
from network.figures.encode import SAVE_METADATA, png_from_rgba, svg_fonts
from network.figures.plan import Job
from network.output import style

__all__ = ["figure", "render_job", "figure_bytes"]


def figure(job: Job) -> Any:
    """The figure of a job, drawn on a fresh Figure (no canvas attached yet)."""
    from matplotlib.figure import Figure

    from network.figures import plots

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
    return fig


def render_job(job: Job, text: TextCache | None = None) -> dict[str, bytes]:
    """Draw one job and return its files' bytes by format.

    With ``text``, the PNG and SVG are drawn by the caching canvas (the caller
    decides, see :func:`network.figures.canvas.use_canvas`); if that canvas
    fails, ``text.failed`` records why and the figure is drawn without it.
    The PNG is made from the canvas's pixels directly (no PNG is encoded only
    to be decoded again for the palette).
    """
    if text is not None and text.failed is None:
        try:
            return _render(job, text)
        except Exception as exc:  # the caching canvas's own failures only: anything else is raised
            if not _raised_in_canvas(exc):
                raise
            text.failed = f"{type(exc).__name__}: {exc}"
            warnings.warn(
                "the text-caching canvas failed with this matplotlib "
                f"({text.failed}); drawing the figures with matplotlib's own canvases "
                "(the same figures, slower)",
                RuntimeWarning,
                stacklevel=2,
            )
    return _render(job, None)


def _raised_in_canvas(exc: BaseException) -> bool:
    """Whether ``exc`` was raised by code of :mod:`network.figures.canvas` (or below it)."""
    from network.figures import canvas

    where = cast(str, canvas.__file__)
    return any(frame.f_code.co_filename == where for frame, _ in traceback.walk_tb(exc.__traceback__))


def _render(job: Job, text: TextCache | None) -> dict[str, bytes]:
    import matplotlib

    with matplotlib.rc_context(cast(Any, style.RC)):
        return figure_bytes(figure(job), job.formats, text)


def figure_bytes(fig: Any, formats: Sequence[str], text: TextCache | None = None) -> dict[str, bytes]:
    """The bytes of a drawn figure in each of ``formats`` (png, svg, pdf), the same on every run.

    Call it inside ``matplotlib.rc_context(style.RC)``, as :func:`render_job`
    does; with ``text``, the caching canvas draws (else matplotlib's own). The
    PNG has the palette of :func:`network.figures.encode.png_from_rgba`, the SVG
    the fallback fonts of :func:`network.figures.encode.svg_fonts`, and no format
    carries a date or a software version (:data:`network.figures.encode.SAVE_METADATA`).
    Every figure module saves through this (:mod:`network.figures.compare` too).
    """
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    from network.figures.canvas import TextCanvas

    out = {}
    canvas = TextCanvas(fig, text) if text is not None else FigureCanvasAgg(fig)
    for fmt in formats:
        buf = io.BytesIO()
        if fmt == "png":
            fig.savefig(buf, format="rgba", dpi=style.DPI)
            out[fmt] = png_from_rgba(buf.getbuffer(), canvas.get_width_height(physical=True))
        elif fmt == "svg":
            fig.savefig(buf, format="svg", dpi=style.DPI, metadata=SAVE_METADATA[fmt])
            out[fmt] = svg_fonts(buf.getvalue())
        else:
            fig.savefig(buf, format=fmt, dpi=style.DPI, metadata=SAVE_METADATA[fmt])
            out[fmt] = buf.getvalue()
    return out
