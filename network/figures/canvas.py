"""Canvases that remember text work from one figure to the next: the same bytes, in less time.

Most of the time spent drawing a figure with matplotlib goes to text: measuring
each string (to place labels, legends and titles), laying out its glyphs, and
rasterising every glyph. The snapshots of a level repeat the same labels, at
the same places, in figure after figure, and matplotlib keeps none of that work
from one figure to the next (its caches belong to one renderer, and a figure
gets a new renderer each time it is saved). The renderers here keep it, for
the life of the process:

- text metrics (width, height, descent of a string in a font at a size), for
  the Agg (PNG) and the SVG renderer;
- the glyph layout of a string (which glyphs, at which offsets);
- the bitmap of a glyph, per sub-pixel offset (1/64 pixel, as FreeType
  places it): a glyph drawn a whole number of pixels away gives the same
  bitmap, shifted, so only its offset within the pixel is part of the key.

Every cached value is exactly what matplotlib would compute again (the keys
hold everything the value depends on: the font files, size, resolution,
hinting, text), so a figure has the same bytes with or without the caches;
``tests/figures/test_figures.py`` checks this.

The classes rely on private parts of matplotlib's Agg renderer (its glyph
loop), which change between releases: :data:`SUPPORTED` says whether this
matplotlib has them, and without them the plain renderers are used (only
slower).

Use: ``FigureCanvas(fig)`` before drawing, then ``fig.savefig(buf,
format="rgba")`` for the pixels and ``fig.savefig(buf, format="svg",
backend=SVG_BACKEND)`` for the SVG.
"""

from __future__ import annotations

import codecs
import inspect
import os
from typing import Any, cast

import matplotlib as mpl
import numpy as np
from matplotlib import cbook
from matplotlib.backends import backend_agg, backend_svg
from matplotlib.backends.backend_mixed import MixedModeRenderer
from matplotlib.font_manager import fontManager, get_font
from matplotlib.ft2font import RenderMode
from matplotlib.textpath import TextToPath

__all__ = ["FigureCanvas", "FigureCanvasAgg", "FigureCanvasSVG", "SVG_BACKEND", "SUPPORTED", "clear"]

#: ``backend=`` for ``savefig`` to write an SVG with the caching renderer.
SVG_BACKEND = f"module://{__name__}"

_METRICS: dict[Any, tuple[float, float, float]] = {}
_HEIGHTS: dict[Any, tuple[Any, Any, Any]] = {}
_LAYOUTS: dict[Any, tuple[tuple[Any, int, float, float], ...]] = {}
_GLYPHS: dict[Any, tuple[np.ndarray, int, int]] = {}
_LIMIT = 200_000  # entries per cache; beyond it a cache starts afresh (memory stays bounded)


def _supported() -> bool:
    """Whether matplotlib's Agg renderer has the glyph loop these classes replace (3.11's)."""
    try:
        code = inspect.getsource(backend_agg.RendererAgg._draw_text_glyphs_and_boxes)
        draw = inspect.getsource(backend_agg.RendererAgg.draw_text)
    except (AttributeError, OSError, TypeError):
        return False
    return "_render_glyph" in code and "_set_transform" in code and "_layout(" in draw


#: Whether the caching renderers are used (matplotlib has the internals they rely on).
SUPPORTED = _supported()


def clear() -> None:
    """Forget every cached metric, layout and glyph (for tests and long-lived processes)."""
    _FONTS.clear()
    _METRICS.clear()
    _HEIGHTS.clear()
    _forget_fonts()


def _forget_fonts() -> None:
    """Forget what holds matplotlib's font objects (the layouts and the glyphs keyed by them)."""
    _LAYOUTS.clear()
    _GLYPHS.clear()


# A forked process must not use its parent's font objects: they share the FreeType library and
# the open font files with the parent. matplotlib empties its font cache in the child; the
# layouts and glyphs here hold those objects, so they go too (the metrics, plain numbers, stay).
if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_forget_fonts)


def _remember(cache: dict[Any, Any], key: Any, value: Any) -> Any:
    if len(cache) >= _LIMIT:
        cache.clear()
    cache[key] = value
    return value


_RC_FONT = [
    f"font.{key}"
    for key in (
        "family", "style", "variant", "weight", "stretch", "size",
        "serif", "sans-serif", "cursive", "fantasy", "monospace",
    )
]  # fmt: skip
_FONTS: dict[Any, tuple[str, ...]] = {}


_RC_TOKENS: dict[tuple[Any, ...], int] = {}


def _rc() -> int:
    """The font rcParams, as a small number (the same for the same values): a renderer reads
    them once, when it is made (one figure)."""
    rc: Any = mpl.rcParams
    values = tuple(tuple(v) if isinstance(v, list) else v for v in (rc[k] for k in _RC_FONT))
    return _RC_TOKENS.setdefault(values, len(_RC_TOKENS))


def _fonts(prop: Any, rc: int) -> tuple[str, ...]:
    """The font files a text in ``prop`` is set in (first the font, then its fallbacks).

    Which files those are depends on the font properties and on the font
    rcParams ``rc`` (as for matplotlib's own ``findfont`` cache), so both make the key.
    """
    key = (
        tuple(prop.get_family()),
        prop.get_style(),
        prop.get_variant(),
        prop.get_weight(),
        prop.get_stretch(),
        prop.get_file(),
        rc,
        os.environ.get("MPL_IGNORE_SYSTEM_FONTS"),
    )
    hit = _FONTS.get(key)
    if hit is None:
        hit = _remember(_FONTS, key, tuple(str(f) for f in fontManager._find_fonts_by_props(prop)))
    return hit


def _hashable(value: Any) -> Any:
    try:
        hash(value)
    except TypeError:
        return repr(value)
    return value


def _height_metrics(prop: Any, dpi: float, rc: int) -> tuple[Any, Any, Any]:
    """A font's ascent, descent and line gap in pixels at ``dpi``, from its tables, as
    ``matplotlib.text.Text`` reads them (``(None, None, None)`` without the tables: it then
    measures the font itself). ``Text`` asks a renderer for these if the renderer can tell."""
    key = (_fonts(prop, rc), prop.get_size_in_points(), dpi)
    hit = _HEIGHTS.get(key)
    if hit is not None:
        return hit
    font: Any = get_font(fontManager._find_fonts_by_props(prop))
    value: tuple[Any, Any, Any] = (None, None, None)
    for table_name, linegap_key, ascent_key, descent_key in (
        ("OS/2", "sTypoLineGap", "sTypoAscender", "sTypoDescender"),
        ("hhea", "lineGap", "ascent", "descent"),
    ):
        table = font.get_sfnt_table(table_name)
        if table is None:
            continue
        scale = 1 / font.get_sfnt_table("head")["unitsPerEm"] * prop.get_size_in_points() * dpi / 72
        value = (table[ascent_key] * scale, -table[descent_key] * scale, table[linegap_key] * scale)
        break
    return _remember(_HEIGHTS, key, value)


class RendererAgg(backend_agg.RendererAgg):
    """matplotlib's Agg renderer, with text metrics, glyph layouts and glyph bitmaps kept across figures."""

    def __init__(self, width: Any, height: Any, dpi: Any) -> None:
        super().__init__(width, height, dpi)
        self._rc = _rc()

    def _get_font_height_metrics(self, prop: Any) -> tuple[Any, Any, Any]:
        return _height_metrics(prop, self.dpi, self._rc)

    def get_text_width_height_descent(self, s: str, prop: Any, ismath: Any) -> Any:
        if ismath:
            return super().get_text_width_height_descent(s, prop, ismath)
        key = (
            "agg",
            _fonts(prop, self._rc),
            prop.get_size_in_points(),
            self.dpi,
            s,
            backend_agg.get_hinting_flag(),
        )
        hit = _METRICS.get(key)
        if hit is None:
            hit = _remember(_METRICS, key, super().get_text_width_height_descent(s, prop, ismath))
        return hit

    def draw_text(
        self,
        gc: Any,
        x: float,
        y: float,
        s: str,
        prop: Any,
        angle: float,
        ismath: Any = False,
        mtext: Any = None,
    ) -> None:
        if ismath:
            return super().draw_text(gc, x, y, s, prop, angle, ismath, mtext)
        flags = backend_agg.get_hinting_flag()
        features = mtext.get_fontfeatures() if mtext is not None else None
        language = mtext.get_language() if mtext is not None else None
        size = prop.get_size_in_points()
        key = (_fonts(prop, self._rc), size, self.dpi, s, flags, _hashable(features), _hashable(language))
        items = _LAYOUTS.get(key)
        if items is None:
            font = self._prepare_font(prop)
            laid = font._layout(s, flags=flags, features=features, language=language)
            items = _remember(_LAYOUTS, key, tuple((i.ft_object, i.glyph_index, i.x, i.y) for i in laid))
        self._draw_text_glyphs_and_boxes(
            gc, x, y, angle, ((ft, size, index, 0, 1, dx, dy) for ft, index, dx, dy in items), []
        )
        return None

    def _draw_text_glyphs_and_boxes(
        self, gc: Any, x: float, y: float, angle: float, glyphs: Any, boxes: Any
    ) -> None:
        """matplotlib's glyph loop, drawing each glyph's bitmap from the cache when it has it."""
        import math

        cos = math.cos(math.radians(angle))
        sin = math.sin(math.radians(angle))
        load_flags = backend_agg.get_hinting_flag()
        antialiased = gc.get_antialiased()
        mode = RenderMode.NORMAL if antialiased else RenderMode.MONO
        matrices: dict[tuple[float, float], Any] = {}
        height = int(self.height)
        for font, size, glyph_index, slant, extend, dx, dy in glyphs:  # dy is upwards
            matrix = matrices.get((slant, extend))
            if matrix is None:
                matrix = matrices[(slant, extend)] = (
                    (0x10000 * np.array([[cos, -sin], [sin, cos]]) @ [[extend, extend * slant], [0, 1]])
                    .round()
                    .astype(int)
                )
            # the glyph's origin in 1/64 pixels, as FreeType places it (its y is upwards)
            ox = round(0x40 * (x + dx * cos - dy * sin))
            oy = round(0x40 * (self.height - y + dx * sin + dy * cos))
            key = (
                font,
                size,
                self.dpi,
                glyph_index,
                load_flags,
                antialiased,
                matrix.tobytes(),
                ox & 63,
                oy & 63,
            )
            hit = _GLYPHS.get(key)
            if hit is None:
                font.set_size(size, self.dpi)
                font._set_transform(matrix, [ox & 63, oy & 63])
                bitmap = font._render_glyph(glyph_index, load_flags, mode)
                buffer = np.array(bitmap.buffer, copy=True)
                if not antialiased:
                    buffer *= 0xFF
                hit = _remember(_GLYPHS, key, (buffer, bitmap.left, bitmap.top))
            buffer, left, top = hit
            # draw_text_image's y is downwards, at the bitmap's bottom side
            self._renderer.draw_text_image(
                buffer, left + (ox >> 6), height - (top + (oy >> 6)) + buffer.shape[0], 0, gc
            )
        if boxes:
            super()._draw_text_glyphs_and_boxes(gc, x, y, angle, (), boxes)


class FigureCanvasAgg(backend_agg.FigureCanvasAgg):
    """An Agg canvas drawing with :class:`RendererAgg` (where :data:`SUPPORTED`)."""

    def get_renderer(self) -> Any:
        if not SUPPORTED:
            return super().get_renderer()
        w, h = self.get_width_height(physical=True)
        key = w, h, self.figure.dpi
        if self._lastKey != key:
            self.renderer = RendererAgg(w, h, self.figure.dpi)
            self._lastKey = key  # type: ignore[assignment]
        return self.renderer


class _TextToPath(TextToPath):
    """matplotlib's text-to-path converter, with the metrics of a string kept across figures."""

    def __init__(self, rc: int) -> None:
        super().__init__()
        self._rc = rc

    def get_text_width_height_descent(self, s: str, prop: Any, ismath: Any) -> Any:
        if ismath:
            return super().get_text_width_height_descent(s, prop, ismath)
        key = ("path", _fonts(prop, self._rc), prop.get_size_in_points(), s)
        hit = _METRICS.get(key)
        if hit is None:
            hit = _remember(_METRICS, key, super().get_text_width_height_descent(s, prop, ismath))
        return hit


class RendererSVG(backend_svg.RendererSVG):
    """matplotlib's SVG renderer, measuring text with a converter that remembers across figures."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._rc = _rc()
        self._text2path = _TextToPath(self._rc)

    def _get_font_height_metrics(self, prop: Any) -> tuple[Any, Any, Any]:
        return _height_metrics(prop, FigureCanvasSVG.fixed_dpi, self._rc)  # an SVG is drawn at 72 dpi


class FigureCanvasSVG(backend_svg.FigureCanvasSVG):
    """An SVG canvas writing with :class:`RendererSVG` (its ``print_svg`` is matplotlib's, but for that)."""

    def print_svg(
        self, filename: Any, *, bbox_inches_restore: Any = None, metadata: Any = None, **_: Any
    ) -> None:
        """Write the SVG (``savefig`` passes options of other formats too: they are ignored)."""
        if not SUPPORTED:
            return super().print_svg(filename, bbox_inches_restore=bbox_inches_restore, metadata=metadata)
        fh: Any
        with cbook.open_file_cm(filename, "w", encoding="utf-8") as fh:
            if not cbook.file_requires_unicode(fh):
                fh = codecs.getwriter("utf-8")(fh)
            dpi = self.figure.dpi
            self.figure.dpi = 72
            width, height = self.figure.get_size_inches()
            w, h = width * 72, height * 72
            renderer = MixedModeRenderer(
                self.figure,
                width,
                height,
                dpi,
                RendererSVG(w, h, fh, image_dpi=dpi, metadata=metadata),
                bbox_inches_restore=bbox_inches_restore,
            )
            self.figure.draw(cast(Any, renderer))
            renderer.finalize()
        return None


#: What ``savefig(..., backend=SVG_BACKEND)`` draws with.
FigureCanvas = FigureCanvasSVG
