"""A canvas that remembers text work from one figure to the next: the same figures, in less time.

Most of the time spent drawing a figure with matplotlib goes to text: measuring
each string (to place labels, legends and titles), laying out its glyphs, and
rasterising every glyph. The snapshots of a level repeat the same labels, at
the same places, in figure after figure, and matplotlib keeps none of that work
from one figure to the next (its caches belong to one renderer, and a figure
gets a new renderer each time it is saved). :class:`TextCanvas` keeps it, in a
:class:`TextCache` that the render run makes and hands to every canvas it draws
on (nothing is kept at module level):

- text metrics (width, height, descent of a string in a font at a size), for
  the Agg (PNG) and the SVG renderer;
- the glyph layout of a string (which glyphs, at which offsets);
- the bitmap of a glyph, per sub-pixel offset (1/64 pixel, as FreeType
  places it): a glyph drawn a whole number of pixels away gives the same
  bitmap, shifted, so only its offset within the pixel is part of the key.

Every cached value is what matplotlib would compute again (the keys hold
everything the value depends on: the font files, size, resolution, hinting,
text), so a figure looks the same with or without the caches;
``tests/figures/test_canvas.py`` compares the two paths.

The caching renderer replaces private parts of matplotlib's Agg renderer (its
glyph loop), which change between releases. It is used only with the
matplotlib releases it was tested with (:data:`TESTED`, the range
``pyproject.toml`` pins) and when the private names it calls exist
(:data:`SUPPORTED`); otherwise, or with ``ENTENTE_NO_CANVAS=1`` set, the
figures are drawn with matplotlib's own canvases through its public API
(:func:`use_canvas`), only slower.

Examples
--------
>>> from matplotlib.figure import Figure
>>> fig = Figure(figsize=(1, 1), dpi=50)
>>> _ = fig.text(0.5, 0.5, "Tirana")
>>> text = TextCache()
>>> canvas = TextCanvas(fig, text)
>>> import io
>>> fig.savefig(io.BytesIO(), format="rgba")
>>> len(text.metrics) > 0 or not SUPPORTED
True
"""

from __future__ import annotations

import codecs
import math
import os
import re
from typing import Any, cast

import matplotlib as mpl
import numpy as np
from matplotlib import cbook, ft2font
from matplotlib.backends import backend_agg, backend_svg
from matplotlib.backends.backend_mixed import MixedModeRenderer
from matplotlib.font_manager import fontManager, get_font
from matplotlib.textpath import TextToPath

__all__ = ["TextCache", "TextCanvas", "TESTED", "SUPPORTED", "NO_CANVAS", "in_tested_range", "use_canvas"]

#: The matplotlib releases the caching renderer was tested with: from the first, up to but not
#: including the second (``pyproject.toml`` pins the same range; a test checks they agree).
TESTED = ((3, 11), (3, 12))
#: Set (to anything but an empty string) to draw with matplotlib's own canvases only.
NO_CANVAS = "ENTENTE_NO_CANVAS"
_LIMIT = 200_000  # entries per cache; beyond it a cache starts afresh (memory stays bounded)


def in_tested_range(version: str = mpl.__version__) -> bool:
    """Whether a matplotlib version is in the range :data:`TESTED`.

    Examples
    --------
    >>> [in_tested_range(v) for v in ("3.11.2", "3.11.0rc1", "3.10.8", "3.12.0")]
    [True, True, False, False]
    """
    m = re.match(r"(\d+)\.(\d+)", version)
    if m is None:
        return False
    release = (int(m.group(1)), int(m.group(2)))
    return TESTED[0] <= release < TESTED[1]


def _has_internals() -> bool:
    """Whether matplotlib has every private name the caching renderer calls (by name only)."""
    return (
        all(hasattr(backend_agg.RendererAgg, n) for n in ("_draw_text_glyphs_and_boxes", "_prepare_font"))
        and all(hasattr(ft2font.FT2Font, n) for n in ("_layout", "_set_transform", "_render_glyph"))
        and hasattr(ft2font, "RenderMode")
        and hasattr(backend_agg, "get_hinting_flag")
        and hasattr(fontManager, "_find_fonts_by_props")
    )


#: Whether this matplotlib is one the caching renderer was tested with, and has what it calls.
SUPPORTED = in_tested_range() and _has_internals()


def use_canvas(wanted: bool = True) -> bool:
    """Whether to draw with :class:`TextCanvas`: ``wanted``, :data:`SUPPORTED`, and
    :data:`NO_CANVAS` not set in the environment.

    Examples
    --------
    >>> use_canvas(False)
    False
    """
    return wanted and SUPPORTED and not os.environ.get(NO_CANVAS)


_RC_FONT = [
    f"font.{key}"
    for key in (
        "family", "style", "variant", "weight", "stretch", "size",
        "serif", "sans-serif", "cursive", "fantasy", "monospace",
    )
]  # fmt: skip


class TextCache:
    """The text work of the figures of one render run: metrics, glyph layouts, glyph bitmaps.

    Made by the run and passed to every :class:`TextCanvas` it draws on (one
    per worker process). Entries that hold matplotlib's font objects (layouts,
    glyphs) belong to the process that made them: a forked process must not
    use its parent's (they share the FreeType library and the open font
    files), so in another process the cache forgets them, keeping the plain
    numbers. Pickled, a cache travels empty. Each table starts afresh beyond
    ``limit`` entries, so memory stays bounded. ``failed`` says why the caching
    canvas failed, if it did (:func:`network.figures.draw.render_job` then draws
    without it).

    Examples
    --------
    >>> import pickle
    >>> cache = TextCache()
    >>> cache.metrics["key"] = (1.0, 2.0, 0.5)
    >>> len(pickle.loads(pickle.dumps(cache)).metrics)
    0
    """

    def __init__(self, limit: int = _LIMIT) -> None:
        self.limit = limit
        self.metrics: dict[Any, tuple[float, float, float]] = {}
        self.heights: dict[Any, tuple[Any, Any, Any]] = {}
        self.fonts: dict[Any, tuple[str, ...]] = {}
        self.layouts: dict[Any, tuple[tuple[Any, int, float, float], ...]] = {}
        self.glyphs: dict[Any, tuple[np.ndarray, int, int]] = {}
        self._rc_tokens: dict[tuple[Any, ...], int] = {}
        self._pid = os.getpid()
        #: Why the caching canvas failed in this process, if it did (it is then not used again).
        self.failed: str | None = None

    def __getstate__(self) -> dict[str, Any]:
        return {"limit": self.limit}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__init__(state["limit"])  # type: ignore[misc]

    def own_process(self) -> None:
        """Forget the entries holding font objects if this is not the process that made them."""
        if os.getpid() != self._pid:
            self.layouts.clear()
            self.glyphs.clear()
            self._pid = os.getpid()

    def remember(self, table: dict[Any, Any], key: Any, value: Any) -> Any:
        """Put ``value`` in ``table`` (emptied first when full) and return it."""
        if len(table) >= self.limit:
            table.clear()
        table[key] = value
        return value

    def rc(self) -> int:
        """The font rcParams now, as a small number (the same for the same values): a renderer
        reads them once, when it is made (one figure)."""
        params: Any = mpl.rcParams
        values = tuple(tuple(v) if isinstance(v, list) else v for v in (params[k] for k in _RC_FONT))
        return self._rc_tokens.setdefault(values, len(self._rc_tokens))

    def font_files(self, prop: Any, rc: int) -> tuple[str, ...]:
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
        hit = self.fonts.get(key)
        if hit is None:
            files = tuple(str(f) for f in fontManager._find_fonts_by_props(prop))
            hit = self.remember(self.fonts, key, files)
        return hit

    def height_metrics(self, prop: Any, dpi: float, rc: int) -> tuple[Any, Any, Any]:
        """A font's ascent, descent and line gap in pixels at ``dpi``, from its tables, as
        ``matplotlib.text.Text`` reads them (``(None, None, None)`` without the tables: it then
        measures the font itself). ``Text`` asks a renderer for these if the renderer can tell."""
        key = (self.font_files(prop, rc), prop.get_size_in_points(), dpi)
        hit = self.heights.get(key)
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
        return self.remember(self.heights, key, value)


def _hashable(value: Any) -> Any:
    try:
        hash(value)
    except TypeError:
        return repr(value)
    return value


class _RendererAgg(backend_agg.RendererAgg):
    """matplotlib's Agg renderer, with text metrics, glyph layouts and glyph bitmaps kept across
    figures in a :class:`TextCache`."""

    def __init__(self, width: Any, height: Any, dpi: Any, text: TextCache) -> None:
        super().__init__(width, height, dpi)
        text.own_process()
        self._text = text
        self._rc = text.rc()

    def _get_font_height_metrics(self, prop: Any) -> tuple[Any, Any, Any]:
        return self._text.height_metrics(prop, self.dpi, self._rc)

    def get_text_width_height_descent(self, s: str, prop: Any, ismath: Any) -> Any:
        if ismath:
            return super().get_text_width_height_descent(s, prop, ismath)
        text = self._text
        key = (
            "agg",
            text.font_files(prop, self._rc),
            prop.get_size_in_points(),
            self.dpi,
            s,
            backend_agg.get_hinting_flag(),
        )
        hit = text.metrics.get(key)
        if hit is None:
            hit = text.remember(text.metrics, key, super().get_text_width_height_descent(s, prop, ismath))
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
        text = self._text
        flags = backend_agg.get_hinting_flag()
        features = mtext.get_fontfeatures() if mtext is not None else None
        language = mtext.get_language() if mtext is not None else None
        size = prop.get_size_in_points()
        files = text.font_files(prop, self._rc)
        key = (files, size, self.dpi, s, flags, _hashable(features), _hashable(language))
        items = text.layouts.get(key)
        if items is None:
            font = self._prepare_font(prop)
            laid = font._layout(s, flags=flags, features=features, language=language)
            placed = tuple((i.ft_object, i.glyph_index, i.x, i.y) for i in laid)
            items = text.remember(text.layouts, key, placed)
        self._draw_text_glyphs_and_boxes(
            gc, x, y, angle, ((ft, size, index, 0, 1, dx, dy) for ft, index, dx, dy in items), []
        )
        return None

    def _draw_text_glyphs_and_boxes(
        self, gc: Any, x: float, y: float, angle: float, glyphs: Any, boxes: Any
    ) -> None:
        """matplotlib's glyph loop, drawing each glyph's bitmap from the cache when it has it."""
        cos = math.cos(math.radians(angle))
        sin = math.sin(math.radians(angle))
        load_flags = backend_agg.get_hinting_flag()
        antialiased = gc.get_antialiased()
        mode = ft2font.RenderMode.NORMAL if antialiased else ft2font.RenderMode.MONO
        matrices: dict[tuple[float, float], Any] = {}
        height = int(self.height)
        cache = self._text.glyphs
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
            hit = cache.get(key)
            if hit is None:
                font.set_size(size, self.dpi)
                font._set_transform(matrix, [ox & 63, oy & 63])
                bitmap = font._render_glyph(glyph_index, load_flags, mode)
                buffer = np.array(bitmap.buffer, copy=True)
                if not antialiased:
                    buffer *= 0xFF
                hit = self._text.remember(cache, key, (buffer, bitmap.left, bitmap.top))
            buffer, left, top = hit
            # draw_text_image's y is downwards, at the bitmap's bottom side
            self._renderer.draw_text_image(
                buffer, left + (ox >> 6), height - (top + (oy >> 6)) + buffer.shape[0], 0, gc
            )
        if boxes:
            super()._draw_text_glyphs_and_boxes(gc, x, y, angle, (), boxes)


class _TextToPath(TextToPath):
    """matplotlib's text-to-path converter, with the metrics of a string kept in a :class:`TextCache`."""

    def __init__(self, text: TextCache, rc: int) -> None:
        super().__init__()
        self._text = text
        self._rc = rc

    def get_text_width_height_descent(self, s: str, prop: Any, ismath: Any) -> Any:
        if ismath:
            return super().get_text_width_height_descent(s, prop, ismath)
        text = self._text
        key = ("path", text.font_files(prop, self._rc), prop.get_size_in_points(), s)
        hit = text.metrics.get(key)
        if hit is None:
            hit = text.remember(text.metrics, key, super().get_text_width_height_descent(s, prop, ismath))
        return hit


class _RendererSVG(backend_svg.RendererSVG):
    """matplotlib's SVG renderer, measuring text with a converter that remembers across figures."""

    def __init__(self, *args: Any, text: TextCache, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._text = text
        self._rc = text.rc()
        self._text2path = _TextToPath(text, self._rc)

    def _get_font_height_metrics(self, prop: Any) -> tuple[Any, Any, Any]:
        return self._text.height_metrics(prop, 72, self._rc)  # an SVG is drawn at 72 dpi


class TextCanvas(backend_agg.FigureCanvasAgg):
    """An Agg canvas whose PNG pixels (``savefig(format="rgba")``) and SVG (``format="svg"``) are
    drawn by renderers that keep text work in ``text``, a :class:`TextCache`.

    Use it only where :func:`use_canvas` says so (with another matplotlib it
    may fail or draw differently); other formats are matplotlib's own.
    """

    def __init__(self, figure: Any, text: TextCache) -> None:
        super().__init__(figure)
        self.text = text

    def get_renderer(self) -> Any:
        w, h = self.get_width_height(physical=True)
        key = w, h, self.figure.dpi
        if getattr(self, "_text_key", None) != key:
            self.renderer = _RendererAgg(w, h, self.figure.dpi, self.text)
            self._text_key = key
        return self.renderer

    def print_svg(
        self, filename: Any, *, bbox_inches_restore: Any = None, metadata: Any = None, **_: Any
    ) -> None:
        """Write the SVG as matplotlib's ``FigureCanvasSVG.print_svg`` does, with the caching
        SVG renderer (``savefig`` passes options of other formats too: they are ignored)."""
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
                _RendererSVG(w, h, fh, image_dpi=dpi, metadata=metadata, text=self.text),
                bbox_inches_restore=bbox_inches_restore,
            )
            self.figure.draw(cast(Any, renderer))
            renderer.finalize()
