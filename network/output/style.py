"""The one style mapping of every output: colours, line styles, sizes, fonts, and how data sets them.

The figures, the HTML explorer, the lesson pages' pictures and the exports
all read it, so an actor's colour, a marker's area and a line's width and
dash are decided here once: :func:`edge_kind` (a tie's sign to its look),
:func:`edge_top` and :func:`edge_width` (a line's width by its |net
weight|), :func:`size_value`, :func:`node_top` and :func:`node_area` (a
marker's area by the actor's measure, involvement by default),
:func:`marker_radius`. Plain data (dicts, tuples, numbers and strings) and
plain functions, so that any module can read it without importing matplotlib.
Colours are the Okabe-Ito palette (Okabe & Ito 2008), which stays
distinguishable under the common forms of colour blindness; every colour
difference is doubled by a second cue (a line style, a marker, a label), so
nothing is told by colour alone.

Examples
--------
>>> EDGE["negative"]["linestyle"], EDGE["negative"]["color"] == OKABE_ITO["vermillion"]
('dashed', True)
>>> BLOC["pole0"]["color"], BLOC["pole1"]["color"]
('#0072B2', '#E69F00')
>>> RC["svg.hashsalt"]
'entente'
>>> edge_width(2.0, edge_top([2.0, -1.0])), node_area(5.0, node_top([5.0, 10.0]))
(4.0, 495.0)

References
----------
.. [1] Okabe, M. and Ito, K. (2008). Color Universal Design (CUD): how to make
   figures and presentations that are friendly to colorblind people.
   https://jfly.uni-koeln.de/color/
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from typing import Any

__all__ = [
    "OKABE_ITO",
    "EDGE",
    "EDGE_KIND",
    "EDGE_WIDTH",
    "EDGE_WEIGHT_FULL",
    "edge_kind",
    "edge_top",
    "edge_width",
    "size_value",
    "node_top",
    "node_area",
    "marker_radius",
    "scale",
    "BLOC",
    "INACTIVE",
    "NODE",
    "NODE_SIZE",
    "POLE_MARKERS",
    "FONT",
    "FIGSIZE",
    "SNAPSHOT_AXES",
    "TIMELINE_AXES",
    "BUMP_AXES",
    "COMPARE_AXES",
    "DPI",
    "GIF",
    "PNG_COLORS",
    "FRAME",
    "LABEL",
    "PERIOD_BAND",
    "SERIES",
    "POLE_COLOURS",
    "pole_colour",
    "RC",
    "TEXT",
]

#: The Okabe-Ito palette, by its colour names.
OKABE_ITO: dict[str, Any] = {
    "black": "#000000",
    "orange": "#E69F00",
    "sky_blue": "#56B4E9",
    "bluish_green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "reddish_purple": "#CC79A7",
}

#: Edge kinds: net cooperation, net hostility, and a dyad whose ties cancel out (net weight 0).
#: ``linestyle`` names the look; ``dash`` is the pattern drawn (on, off, ... in line widths;
#: None = solid), the same in the figures and the explorer.
EDGE: dict[str, dict[str, Any]] = {
    "positive": {
        "color": OKABE_ITO["bluish_green"],
        "linestyle": "solid",
        "alpha": 0.85,
        "label": "cooperation (net positive)",
        "dash": None,
    },
    "negative": {
        "color": OKABE_ITO["vermillion"],
        "linestyle": "dashed",
        "alpha": 0.9,
        "label": "hostility (net negative)",
        "dash": (4, 2),
    },
    "zero": {
        "color": "#7F7F7F",
        "linestyle": "dotted",
        "alpha": 0.9,
        "label": "mixed (cooperation = hostility)",
        "dash": (1, 2),
    },
}
#: The :data:`EDGE` kind of a dyad by the sign of its net weight (+1, -1, 0).
EDGE_KIND: dict[int, str] = {1: "positive", -1: "negative", 0: "zero"}
#: Line width in points of the lightest and of the heaviest edge (|net weight|, one scale for all periods).
EDGE_WIDTH = (1.0, 7.0)
#: The heaviest width goes to the heaviest edge, or to this net weight if no edge is as heavy
#: (so that a record of equal, light ties is not drawn all in the heaviest lines).
EDGE_WEIGHT_FULL = 4.0


def edge_kind(sign: int) -> str:
    """The :data:`EDGE` kind of a dyad whose net weight has ``sign``.

    >>> edge_kind(-1), EDGE[edge_kind(0)]["linestyle"]
    ('negative', 'dotted')
    """
    return EDGE_KIND[sign]


def scale(value: float, top: float, out: tuple[float, float] | list[float]) -> float:
    """``value`` in ``0..top`` mapped linearly onto ``out[0]..out[1]`` (a ``top`` of 0 counts as 1).

    >>> scale(2.0, 4.0, (1.0, 7.0)), scale(9.0, 4.0, (1.0, 7.0)), scale(0.0, 0.0, (1.0, 7.0))
    (4.0, 7.0, 1.0)
    """
    return out[0] + (out[1] - out[0]) * min(value, top) / (top or 1.0)


def edge_top(weights: Iterable[float]) -> float:
    """The net weight drawn in the widest line: the largest |weight| drawn on one scale, at least
    :data:`EDGE_WEIGHT_FULL`.

    >>> edge_top([1.0, -6.5]), edge_top([1.0]), edge_top([])
    (6.5, 4.0, 4.0)
    """
    return max([abs(w) for w in weights] + [EDGE_WEIGHT_FULL])


def edge_width(weight: float, top: float) -> float:
    """Line width in points of a dyad of net ``weight``, on the scale whose widest line is ``top``
    (:func:`edge_top` of every weight drawn on that scale).

    >>> edge_width(-4.0, 4.0), edge_width(1.0, edge_top([1.0]))
    (7.0, 2.5)
    """
    return scale(abs(weight), top, EDGE_WIDTH)


#: Node colour by camp (:func:`network.measures.camps.camps`, key from
#: :func:`network.measures.camps.camp_key`), and
#: the legend's words: what the colour means and no more. ``pole0``/``pole1``: cooperative ties
#: link the actor to that pole; ``both``: to two or more poles; ``enemy0``/``enemy1``/``enemy_both``:
#: on that pole's (those poles') side only through shared enemies, drawn in a lighter shade of the
#: pole's colour; ``pole_other``/``enemy_other``: the same towards a pole after the second;
#: ``no_side``: hostile ties reach a pole but put it on no pole's side; ``unaligned``: no path of
#: ties to any pole; ``none``: no tie this period (drawn faded). ``{pole0}``, ``{pole1}`` and
#: ``{several}`` (the poles named together, or "two or more poles") are filled in by the caller;
#: ``name`` names the colour for texts without a picture (the Markdown lesson pages). Drawn as they
#: are (``none`` faded by :data:`INACTIVE`), the closest two under simulated deuteranomaly,
#: protanomaly or tritanomaly (Machado et al. 2009, severity 100, via colorspacious) are 11 apart
#: in CAM02-UCS (orange and purple, tritanomaly), and a faded ``none`` at least 13.6 from any other.
BLOC: dict[str, dict[str, str]] = {
    "pole0": {"color": OKABE_ITO["blue"], "name": "blue", "label": "linked to {pole0} by cooperative ties"},
    "pole1": {
        "color": OKABE_ITO["orange"],
        "name": "orange",
        "label": "linked to {pole1} by cooperative ties",
    },
    "both": {
        "color": OKABE_ITO["reddish_purple"],
        "name": "purple",
        "label": "linked to {several} by cooperative ties",
    },
    "pole_other": {
        "color": OKABE_ITO["bluish_green"],
        "name": "green",
        "label": "linked to another pole by cooperative ties",
    },
    "enemy0": {
        "color": OKABE_ITO["sky_blue"],
        "name": "sky blue",
        "label": "on {pole0}'s side only through shared enemies",
    },
    "enemy1": {
        "color": OKABE_ITO["yellow"],
        "name": "yellow",
        "label": "on {pole1}'s side only through shared enemies",
    },
    "enemy_both": {
        "color": "#E8C4DA",
        "name": "light purple",
        "label": "on the side of {several} only through shared enemies",
    },
    "enemy_other": {
        "color": "#A8DCCB",
        "name": "light green",
        "label": "on another pole's side only through shared enemies",
    },
    "no_side": {"color": "#6E6E6E", "name": "dark grey", "label": "hostile ties only, on no pole's side"},
    "unaligned": {"color": "#FFFFFF", "name": "white", "label": "no path of ties to any pole"},
    "none": {"color": "#888888", "name": "faded grey", "label": "no tie this period"},
}
#: Poles drawn in a colour of their own in the time lines and the bump chart (the first three).
POLE_COLOURS = 3


def pole_colour(i: int) -> str:
    """The colour of pole ``i`` (from 0, below :data:`POLE_COLOURS`) in the time lines and the bump chart.

    The colour of the camp of actors linked to it by cooperative ties (a third
    pole: "another pole"'s).

    >>> pole_colour(0) == BLOC["pole0"]["color"], pole_colour(2) == BLOC["pole_other"]["color"]
    (True, True)
    """
    return BLOC[("pole0", "pole1", "pole_other")[i]]["color"]


#: How actors without a tie in the period are drawn: faded, labels grey.
INACTIVE: dict[str, Any] = {"alpha": 0.25, "label_color": "#9A9A9A", "size": 60.0}
#: Node outline and label colour of active nodes; labels sit on a white box this opaque.
NODE: dict[str, Any] = {
    "edgecolor": "#222222",
    "linewidth": 0.8,
    "label_color": "#111111",
    "pole_linewidth": 2.0,
    "backing": 0.7,
}
#: Marker area in points^2 of the least and of the most central active actor (one scale for all periods).
NODE_SIZE = (90.0, 900.0)


def size_value(value: float | None) -> float:
    """What a marker's area shows of an actor's measure: the value, 0 if missing or below 0.

    The measure is involvement (:data:`network.measures.choices.INVOLVEMENT`, the total weight of
    the actor's ties in the period) unless a figure is asked for another.

    >>> size_value(3), size_value(None), size_value(-0.5)
    (3.0, 0.0, 0.0)
    """
    return 0.0 if value is None else max(float(value), 0.0)


def node_top(values: Iterable[float]) -> float:
    """The value drawn in the largest marker: the largest :func:`size_value` on one scale (0: none).

    >>> node_top([1.0, 3.5]), node_top([])
    (3.5, 0.0)
    """
    return max(values, default=0.0)


def node_area(value: float, top: float) -> float:
    """Marker area in points^2 of an active actor whose :func:`size_value` is ``value``, on the scale
    whose largest marker is ``top`` (:func:`node_top`); an actor without a tie is drawn at
    ``INACTIVE["size"]``.

    >>> node_area(0.0, 10.0), node_area(10.0, 10.0), node_area(5.0, 10.0)
    (90.0, 900.0, 495.0)
    """
    return scale(value, top, NODE_SIZE)


def marker_radius(area: float) -> float:
    """Radius in points of a marker of ``area`` points^2 (matplotlib's: the diameter is ``sqrt(area)``).

    >>> marker_radius(900.0)
    15.0
    """
    return math.sqrt(area) / 2


#: Markers of the poles' series in the time lines (a second cue besides colour).
POLE_MARKERS = ("o", "s", "D", "^", "v")

#: Font sizes in points, chosen for a slide (the figures are written at the size they are shown).
FONT: dict[str, Any] = {
    "family": "DejaVu Sans",
    # an SVG names these fonts after it, for viewers without DejaVu Sans (narrower, so no new overlaps)
    "svg_fallback": "Arial, Helvetica, sans-serif",
    "title": 19,
    "subtitle": 13,
    "label": 11,
    "label_small": 9,
    "legend": 11,
    "axis": 12,
    "tick": 11,
    "caption": 9.5,
    "panel": 12,
    "annotation": 9,
}

#: Figure sizes in inches.
FIGSIZE: dict[str, Any] = {
    "snapshot": (13.333, 7.5),  # 16:9, a full slide
    "small_multiples": (16.0, 9.0),
    "timeline": (13.333, 7.5),
}
#: Where the network sits in a snapshot figure (left, bottom, width, height as fractions of
#: the figure): its aspect equals :data:`FRAME`'s, so layout units map to inches at one scale.
SNAPSHOT_AXES = (0.012, 0.118, 0.72, 0.7315)
#: The data area of a time line figure (left, bottom, width, height as fractions of the figure).
TIMELINE_AXES = (0.075, 0.165, 0.72, 0.525)
#: The data area of the bump chart (room for actor names at both ends).
BUMP_AXES = (0.06, 0.2, 0.9, 0.64)
#: The data area of the comparison figure (``entente compare --figure``): room for dyad names on the
#: left and the legend on the right.
COMPARE_AXES = (0.2, 0.2, 0.5, 0.56)
#: Raster resolution of the PNG files (dots per inch).
DPI = 100
#: The animated GIF: resolution of its frames, milliseconds per frame, palette size.
GIF: dict[str, Any] = {"dpi": 72, "duration": 1600, "colors": 64}
#: PNG files are written with a palette of this many colours (a third of the size, no visible loss).
PNG_COLORS = 128

#: The snapshot's drawing frame in layout units: the poles sit at x = -1 and +1,
#: every actor inside ``x0..x1`` and ``y0..y1``. The network axes of a snapshot
#: show exactly this frame.
FRAME: dict[str, Any] = {"x0": -1.75, "x1": 1.75, "y0": -1.0, "y1": 1.0}
#: Geometry of a node label in the snapshot (for the layout's overlap removal): line height
#: as a fraction of the font size, gap to the marker in points, and the longest line (in
#: characters) before a name is wrapped.
LABEL: dict[str, Any] = {"line_em": 1.25, "wrap": 16, "pad_pt": 3.0}

#: Named periods in the time lines: the shaded bar of each period above the data, and the
#: colour of its outline and of the dotted lines that carry its bounds down through the data.
PERIOD_BAND: dict[str, Any] = {"bar": "#E6E6E6", "edge": "#8C8C8C"}
#: Colour and marker of lines that are not the poles (the bump chart); the poles keep their
#: bloc colours (:data:`BLOC`) and :data:`POLE_MARKERS`, so blue and orange are left out here.
SERIES = (
    (OKABE_ITO["bluish_green"], "D"),
    (OKABE_ITO["vermillion"], "^"),
    (OKABE_ITO["reddish_purple"], "v"),
    (OKABE_ITO["sky_blue"], "P"),
    (OKABE_ITO["black"], "X"),
    ("#8C6D00", "h"),  # dark yellow: Okabe-Ito yellow is too light for a line on white
    ("#7F7F7F", "p"),
)

#: Text colours.
TEXT: dict[str, Any] = {"main": "#111111", "muted": "#555555", "caption": "#333333"}

#: matplotlib rcParams for every figure: fixed font, no hash randomness in SVG ids.
RC: dict[str, Any] = {
    "font.family": FONT["family"],
    "font.size": FONT["tick"],
    "axes.titlesize": FONT["title"],
    "axes.labelsize": FONT["axis"],
    "xtick.labelsize": FONT["tick"],
    "ytick.labelsize": FONT["tick"],
    "legend.fontsize": FONT["legend"],
    "svg.hashsalt": "entente",
    "svg.fonttype": "none",  # text stays text: small, searchable, editable; DejaVu Sans or a narrower font
    "path.simplify": True,
    "path.simplify_threshold": 0.5,
    "pdf.fonttype": 42,
    "savefig.dpi": DPI,
    "figure.dpi": DPI,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.edgecolor": "#444444",
    "text.color": TEXT["main"],
}
