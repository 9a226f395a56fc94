"""Tests for network.figures.canvas: the text-caching canvas is an optional speed-up, never a dependency.

The caching canvas replaces private parts of matplotlib, so it is used only with
the releases it was tested with. These tests compare what it draws with what
matplotlib's own canvases draw (within a tolerance, so that a change in
matplotlib's internals is a difference to look at, not a broken suite), force
the plain path and check that a build completes with the same files, and break
the canvas on purpose to check that drawing falls back to the plain path.
"""

from __future__ import annotations

import io
import re
import tomllib
import types
from pathlib import Path

import matplotlib
import numpy as np
import pytest
from PIL import Image

from network.cli import main
from network.figures import canvas
from network.figures.canvas import NO_CANVAS, TESTED, TextCache, use_canvas
from network.figures.draw import figure, render_job
from network.figures.encode import SAVE_METADATA, png_palette, svg_fonts
from network.figures.plan import plan
from network.figures.render import render_all
from network.output import style

ROOT = Path(__file__).resolve().parents[2]
MINI = ROOT / "tests" / "data" / "mini.yaml"
needs_canvas = pytest.mark.skipif(
    not canvas.SUPPORTED,
    reason=f"matplotlib {matplotlib.__version__} is outside the tested range: the plain path alone is used",
)


def _rms(png_a: bytes, png_b: bytes) -> float:
    """Root-mean-square difference of two PNGs' pixels, per channel on a 0-255 scale."""
    a, b = (np.asarray(Image.open(io.BytesIO(p)).convert("RGB"), dtype=float) for p in (png_a, png_b))
    assert a.shape == b.shape
    return float(np.sqrt(np.mean((a - b) ** 2)))


def _files(folder: Path) -> list[str]:
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file())


def _expected_files(jobs) -> list[str]:
    names = {f"{j.stem}.{fmt}" for j in jobs for fmt in j.formats} | {j.frame for j in jobs if j.frame}
    return sorted(names)


# --------------------------------------------------------------------------- when it is used


def test_pyproject_pins_the_tested_range():
    """Should declare in pyproject.toml exactly the matplotlib releases the canvas was tested with."""
    declared = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["dependencies"]
    (matplotlib_pin,) = [d for d in declared if re.match(r"matplotlib\b", d)]
    (low, high) = (".".join(map(str, release)) for release in TESTED)
    assert matplotlib_pin.replace(" ", "") == f"matplotlib>={low},<{high}"


def test_canvas_only_where_wanted_and_tested(monkeypatch):
    """Should use the caching canvas only if asked, not refused by ENTENTE_NO_CANVAS, and tested."""
    monkeypatch.delenv(NO_CANVAS, raising=False)
    assert use_canvas() is canvas.SUPPORTED
    assert use_canvas(False) is False
    monkeypatch.setenv(NO_CANVAS, "1")
    assert use_canvas() is False
    monkeypatch.delenv(NO_CANVAS)
    monkeypatch.setattr(canvas, "SUPPORTED", False)  # as with a matplotlib outside the range
    assert use_canvas() is False
    assert not canvas.in_tested_range("3.12.0") and not canvas.in_tested_range("3.10.9")


def test_no_text_work_kept_at_module_level():
    """Should keep text work only in TextCache objects that a run owns: no module-level tables."""
    tables = [n for n, v in vars(canvas).items() if isinstance(v, dict | set) and not n.startswith("__")]
    assert tables == []


def test_a_cache_forgets_font_objects_in_another_process():
    """Should drop the entries holding font objects (layouts, glyphs) in a process other than its
    own (a forked worker), and keep the plain numbers (metrics)."""
    text = TextCache()
    text.metrics["m"], text.layouts["l"], text.glyphs["g"] = (1.0, 2.0, 0.5), (), (np.zeros(1), 0, 0)
    text.own_process()
    assert (len(text.metrics), len(text.layouts), len(text.glyphs)) == (1, 1, 1)
    text._pid = -1  # as in a child forked after the parent drew
    text.own_process()
    assert (len(text.metrics), len(text.layouts), len(text.glyphs)) == (1, 0, 0)


# --------------------------------------------------------------------------- the two paths


@needs_canvas
def test_the_two_paths_draw_the_same_figures(mini):
    """Should draw, with the caching canvas, cold and warm (every text in the caches the second
    time round), what matplotlib's own canvases draw: PNG pixels within a small tolerance, the
    same SVG text."""
    jobs = plan(mini, levels=["person"])
    chosen = [jobs[0], jobs[3], *[j for j in jobs if j.kind != "snapshot"]]
    text = TextCache()
    for job in chosen + chosen:
        cached, plain = render_job(job, text), render_job(job)
        assert _rms(cached["png"], plain["png"]) <= 1.0, job.stem
        assert cached["svg"].decode() == plain["svg"].decode(), job.stem
    assert text.failed is None and len(text.glyphs) > 0


def test_the_plain_path_is_matplotlibs_own_png_and_svg(mini):
    """Should write, without the caching canvas, the palette PNG of the PNG that ``savefig``
    writes, and its SVG (the PNG is quantized from the pixels, not encoded and decoded)."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    job = plan(mini, levels=["state"])[3]
    ours = render_job(job)
    with matplotlib.rc_context(style.RC):
        fig = figure(job)
        FigureCanvasAgg(fig)
        written = {}
        for fmt in ("png", "svg"):
            buf = io.BytesIO()
            fig.savefig(buf, format=fmt, dpi=style.DPI, metadata=SAVE_METADATA[fmt])
            written[fmt] = buf.getvalue()
    assert ours["png"] == png_palette(written["png"])
    assert ours["svg"] == svg_fonts(written["svg"])


def test_forced_plain_rendering_gives_the_same_files(mini, tmp_path):
    """Should write the same files, the same figures, with the canvas refused (``canvas=False``)
    as with it where it is used."""
    plain = render_all(mini, tmp_path / "plain", levels=["state"], jobs=1, canvas=False)
    default = render_all(mini, tmp_path / "default", levels=["state"], jobs=1)
    assert len(plain) == len(default)
    names = _files(tmp_path / "plain")
    assert names == _files(tmp_path / "default") == _expected_files(plan(mini, levels=["state"]))
    for name in names:
        a, b = (tmp_path / "plain" / name).read_bytes(), (tmp_path / "default" / name).read_bytes()
        if name.endswith(".png"):
            assert _rms(a, b) <= 1.0, name
        elif name.endswith(".svg"):
            assert a.decode() == b.decode(), name


def test_build_completes_without_the_canvas(monkeypatch, tmp_path):
    """Should complete ``entente build`` (its figures, in worker processes) with ENTENTE_NO_CANVAS
    set, never touching the caching canvas, and write every figure."""

    def refuse(*_args, **_kwargs):
        raise AssertionError("the caching canvas was used although ENTENTE_NO_CANVAS is set")

    monkeypatch.setenv(NO_CANVAS, "1")
    monkeypatch.setattr(canvas.TextCanvas, "__init__", refuse)
    out = tmp_path / "out"
    assert main(["build", str(MINI), "--out", str(out), "--stage", "figures", "--no-cache"]) == 0
    from network import load

    figures = [n for n in _files(out) if n != "entente-build.json"]
    assert figures == _expected_files(plan(load(MINI)))


# --------------------------------------------------------------------------- a broken canvas


@needs_canvas
def test_a_canvas_broken_by_matplotlib_falls_back_to_plain_drawing(mini, monkeypatch):
    """Should draw the figure with matplotlib's own canvases, warn once, and keep drawing plainly,
    when the caching canvas fails (here: a private name it uses has gone from matplotlib)."""
    jobs = plan(mini, levels=["state"])
    expected = [render_job(job) for job in jobs[:2]]
    monkeypatch.setattr(canvas, "ft2font", types.SimpleNamespace())  # no RenderMode any more
    text = TextCache()
    with pytest.warns(RuntimeWarning, match="text-caching canvas failed"):
        first = render_job(jobs[0], text)
    assert text.failed is not None and "RenderMode" in text.failed
    second = render_job(jobs[1], text)  # no second warning (the suite turns warnings into errors)
    assert [first, second] == expected


def test_other_errors_are_not_hidden_by_the_fallback(mini):
    """Should raise an error of the drawing itself, canvas or not, rather than retry it."""
    job = plan(mini, levels=["state"])[0]
    bad = type(job)("no-such-kind", job.view, job.stem, job.formats)
    with pytest.raises(ValueError, match="unknown figure kind"):
        render_job(bad, TextCache())
