"""Plot functions: each takes an Axes (or a Figure, for multi-panel pages) and a view, draws, returns it.

They compute nothing: every position, size, width, text and style key comes
from a view made by :mod:`network.figures.data`, every colour, line style and
font size from :mod:`network.output.style`. They never touch pyplot's current figure.

Examples
--------
>>> from matplotlib.figure import Figure
>>> from network import load
>>> from network.figures.data import figure_data
>>> view = figure_data(load("tests/data/mini.yaml"), level="person").years[3]
>>> ax = draw_snapshot(Figure().add_subplot(), view)
>>> sorted(c.get_gid() for c in ax.collections)
['edges-negative', 'nodes-active', 'nodes-inactive']
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

from matplotlib.axes import Axes
from matplotlib.collections import LineCollection
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Rectangle

from network.figures.data import (
    AlignmentView,
    BalanceView,
    BumpView,
    PeriodBand,
    SmallMultiplesView,
    SnapshotView,
)
from network.output import style
from network.output.layout import route_points

__all__ = [
    "draw_snapshot",
    "draw_small_multiples",
    "draw_alignment_timeline",
    "draw_centrality_bump",
    "draw_balance_timeline",
    "snapshot_legend_handles",
    "size_legend_handles",
    "EDGE_ORDER",
    "BALANCE_MEASURES",
]

#: Edge kinds in drawing order: hostility is drawn on top.
EDGE_ORDER = ("positive", "zero", "negative")
#: Height of one legend row in the small multiples, as a fraction of the figure's height.
LEGEND_ROW = 0.028
#: The two measures of the balance time line: label, colour, marker, line style.
BALANCE_MEASURES: tuple[tuple[Any, ...], ...] = (
    ("triangle balance", style.OKABE_ITO["black"], "o", "solid"),
    ("edge balance (1 \u2212 frustration / edges)", style.OKABE_ITO["reddish_purple"], "s", "dashed"),
)
_POLE_LINES: tuple[Any, ...] = ("solid", "dashed", "dotted", "dashdot")
#: A node label's place: direction of its offset from the marker (x, y) and its alignment.
_LABEL_SIDES = {
    "below": (0, -1, "center", "top"),
    "above": (0, 1, "center", "bottom"),
    "right": (1, 0, "left", "center"),
    "left": (-1, 0, "right", "center"),
    "below-right": (math.sqrt(0.5), -math.sqrt(0.5), "left", "top"),
    "below-left": (-math.sqrt(0.5), -math.sqrt(0.5), "right", "top"),
    "above-right": (math.sqrt(0.5), math.sqrt(0.5), "left", "bottom"),
    "above-left": (-math.sqrt(0.5), math.sqrt(0.5), "right", "bottom"),
}


def _font(key: str) -> float:
    return float(style.FONT[key])


def _dashes(kind: str) -> Any:
    """The matplotlib line style of an edge kind: solid, or its dash pattern (in line widths)."""
    dash = style.EDGE[kind]["dash"]
    return "solid" if dash is None else (0, tuple(dash))


def _series_handle(color: Any, linestyle: Any, marker: str, markersize: float, label: str) -> Line2D:
    """A legend entry for a line-and-marker series (time lines and the bump chart)."""
    return Line2D(
        [],
        [],
        color=color,
        linestyle=linestyle,
        linewidth=2.2,
        marker=marker,
        markersize=markersize,
        markeredgecolor="white",
        label=label,
    )


def _backing() -> dict[str, Any]:
    """A faint white box behind a label, so lines under it do not cut through the letters."""
    return {
        "boxstyle": "square,pad=0.08",
        "facecolor": "white",
        "edgecolor": "none",
        "alpha": style.NODE["backing"],
    }


def _header(ax: Axes, title: str, subtitle: str, pad: float, offset: float = 0.0) -> None:
    """A bold title and a grey subtitle, left-aligned above ``ax`` (and ``offset`` points more).

    Titles here are placed by their ``pad`` (``y=1.0``): matplotlib would otherwise measure every
    tick of the axes at each draw to see whether the title must move up, which it never must.
    """
    ax.set_title(title, loc="left", fontsize=_font("title"), fontweight="bold", pad=pad, y=1.0)
    ax.annotate(
        subtitle,
        (0, 1),
        xycoords="axes fraction",
        xytext=(0, 8 + offset),
        textcoords="offset points",
        va="bottom",
        ha="left",
        fontsize=_font("subtitle"),
        color=style.TEXT["muted"],
        linespacing=1.15,
    )


def _page_caption(fig: Figure, caption: str) -> None:
    """The caption (what the figure shows and its source) at the bottom left of a page of panels."""
    fig.text(
        0.008,
        0.012,
        caption,
        ha="left",
        va="bottom",
        fontsize=_font("caption"),
        color=style.TEXT["caption"],
        linespacing=1.2,
    )


def _caption(ax: Axes, caption: str, below_points: float) -> None:
    ax.annotate(
        caption,
        (0, 0),
        xycoords="axes fraction",
        xytext=(0, -below_points),
        textcoords="offset points",
        va="top",
        ha="left",
        fontsize=_font("caption"),
        color=style.TEXT["caption"],
        linespacing=1.2,
    )


def snapshot_legend_handles(legend_blocs: Sequence[tuple[str, str]], scale: float = 1.0) -> list[Line2D]:
    """Legend entries of a snapshot: the edge styles, the bloc colours, and faded actors."""
    handles = []
    for kind in EDGE_ORDER:
        spec = style.EDGE[kind]
        handles.append(
            Line2D([], [], color=spec["color"], linestyle=_dashes(kind), linewidth=2.5, label=spec["label"])
        )
    for key, text in legend_blocs:
        handles.append(
            Line2D(
                [],
                [],
                linestyle="none",
                marker="o",
                markersize=11,
                markerfacecolor=style.BLOC[key]["color"],
                markeredgecolor=style.NODE["edgecolor"],
                markeredgewidth=style.NODE["linewidth"],
                label=text,
            )
        )
    handles.append(
        Line2D(
            [],
            [],
            linestyle="none",
            marker="o",
            markersize=2 * style.marker_radius(style.INACTIVE["size"] * scale),  # a diameter
            markerfacecolor=style.BLOC["none"]["color"],
            markeredgecolor=style.NODE["edgecolor"],
            alpha=style.INACTIVE["alpha"] + 0.15,
            label=style.BLOC["none"]["label"],
        )
    )
    return handles


def size_legend_handles(size_examples: Sequence[tuple[str, float]], scale: float = 1.0) -> list[Line2D]:
    """Legend entries for node areas: an open marker of each example area."""
    return [
        Line2D(
            [],
            [],
            linestyle="none",
            marker="o",
            markersize=2 * style.marker_radius(area * scale),  # a diameter
            markerfacecolor="white",
            markeredgecolor=style.NODE["edgecolor"],
            markeredgewidth=style.NODE["linewidth"],
            label=text,
        )
        for text, area in size_examples
    ]


def draw_snapshot(ax: Axes, view: SnapshotView, compact: bool = False, scale: float = 1.0) -> Axes:
    """Draw one period's signed network: solid cooperation, dashed hostility, faded actors without ties.

    Parameters
    ----------
    ax : matplotlib.axes.Axes
        Where to draw; its limits become the view's frame (equal aspect).
    view : SnapshotView
        From :func:`network.figures.data.figure_data`.
    compact : bool
        For a panel of the small multiples: a short title, smaller labels,
        no legend or caption. Either way, a node is labelled where its
        ``key`` says (none if empty).
    scale : float
        Factor on marker areas (line widths and gaps scale by its square
        root): a panel is smaller than a page.

    Returns
    -------
    matplotlib.axes.Axes
        ``ax``; the edges are one :class:`~matplotlib.collections.LineCollection`
        per kind (gid ``edges-<kind>``), the nodes one scatter for active
        (``nodes-active``) and one for faded actors (``nodes-inactive``), each
        label an annotation with gid ``label-<actor>``.
    """
    x0, x1, y0, y1 = view.frame
    ax.set_xlim(x0, x1)
    ax.set_ylim(y0, y1)
    ax.set_aspect("equal", adjustable="box")
    ax.set_axis_off()
    linear = math.sqrt(scale)

    for kind in EDGE_ORDER:
        edges = [e for e in view.edges if e.kind == kind]
        if not edges:
            continue
        spec = style.EDGE[kind]
        lines = LineCollection(
            [route_points((e.x0, e.y0), (e.x1, e.y1), e.bend) for e in edges],
            linewidths=[e.width * linear for e in edges],
            colors=spec["color"],
            linestyles=_dashes(kind),
            alpha=spec["alpha"],
            capstyle="butt",
            zorder=1,
        )
        lines.set_gid(f"edges-{kind}")
        ax.add_collection(lines)

    for active in (False, True):
        nodes = [n for n in view.nodes if n.active == active]
        if not nodes:
            continue
        widths = [
            (style.NODE["pole_linewidth"] if n.pole else style.NODE["linewidth"]) * linear for n in nodes
        ]
        sizes = [n.size * scale for n in nodes]
        colors = [style.BLOC[n.bloc]["color"] for n in nodes]
        # one size, width and colour for all when they agree: the SVG then defines the marker once
        points = ax.scatter(
            [n.x for n in nodes],
            [n.y for n in nodes],
            s=sizes[0] if len(set(sizes)) == 1 else sizes,
            c=colors[0] if len(set(colors)) == 1 else colors,
            edgecolors=style.NODE["edgecolor"],
            linewidths=widths[0] if len(set(widths)) == 1 else widths,
            alpha=1.0 if active else style.INACTIVE["alpha"],
            zorder=3 if active else 2,
        )
        points.set_gid("nodes-active" if active else "nodes-inactive")

    size = _font("label_small" if compact else "label")
    for n in view.nodes:
        if not n.key:
            continue
        gap = style.marker_radius(n.size * scale) + style.LABEL["pad_pt"] * linear
        dx, dy, ha, va = _LABEL_SIDES[n.key]
        ax.annotate(
            n.label,
            (n.x, n.y),
            xytext=(dx * gap, dy * gap),
            textcoords="offset points",
            ha=ha,
            va=va,
            fontsize=size * n.key_scale,
            linespacing=1.05,
            color=style.NODE["label_color"] if n.active else style.INACTIVE["label_color"],
            fontweight="bold" if n.pole else "normal",
            zorder=4,
            annotation_clip=False,
            bbox=_backing(),
            gid=f"label-{n.id}",
        )

    if compact:
        ax.set_title(view.panel_title, loc="left", fontsize=_font("panel"), pad=3, y=1.0)
        return ax
    _header(ax, view.title, view.subtitle, pad=14 + 16 * (view.subtitle.count("\n") + 1))
    _caption(ax, view.caption, 6)
    keys = ax.legend(
        handles=snapshot_legend_handles(view.legend_blocs),
        loc="upper left",
        bbox_to_anchor=(1.01, 1.0),
        frameon=False,
        fontsize=_font("legend"),
        labelspacing=0.8,
        borderaxespad=0.0,
        handlelength=2.6,
        alignment="left",
    )
    ax.add_artist(keys)
    ax.legend(
        handles=size_legend_handles(view.size_examples),
        loc="lower left",
        bbox_to_anchor=(1.01, 0.0),
        frameon=False,
        fontsize=_font("legend"),
        borderaxespad=0.0,
        title=view.legend_title,
        title_fontsize=_font("legend"),
        alignment="left",
        labelspacing=1.4,
        handlelength=2.6,
        handletextpad=1.0,
        borderpad=0.6,
    )
    return ax


def draw_small_multiples(fig: Figure, view: SmallMultiplesView) -> Figure:
    """All yearly snapshots of a level on one page, same positions and scales, one legend.

    Parameters
    ----------
    fig : matplotlib.figure.Figure
        An empty figure (``style.FIGSIZE["small_multiples"]``); the panels are added to it.
    view : SmallMultiplesView
        From :func:`network.figures.data.figure_data` (``.small_multiples``).

    Returns
    -------
    matplotlib.figure.Figure
        ``fig``; its axes are the panels, one per year, in order.

    Examples
    --------
    >>> from network import load
    >>> from network.figures.data import figure_data
    >>> view = figure_data(load("tests/data/mini.yaml"), level="state").small_multiples
    >>> [ax.get_title(loc="left") for ax in draw_small_multiples(Figure(), view).axes]
    ['1957: 3 ties', '1958: 3 ties', '1959: 5 ties', '1960: 2 ties']
    """
    rows, cols = view.grid
    handles = snapshot_legend_handles(view.legend_blocs, view.scale)
    edges, blocs = handles[: len(EDGE_ORDER)], handles[len(EDGE_ORDER) :]
    # the legends sit between the panels and the caption: each camp row past three lifts them
    # (and the panels' bottom) by one row, so a fourth row never runs into the caption
    lift = LEGEND_ROW * max(0, math.ceil(len(blocs) / 2) - 3)
    grid = fig.add_gridspec(
        rows, cols, left=0.004, right=0.996, top=0.855, bottom=0.165 + lift, wspace=0.015, hspace=0.1
    )
    for i, panel in enumerate(view.panels):
        ax = fig.add_subplot(grid[i // cols, i % cols])
        draw_snapshot(ax, panel, compact=True, scale=view.scale)
    fig.text(0.008, 0.98, view.title, ha="left", va="top", fontsize=_font("title"), fontweight="bold")
    fig.text(
        0.008,
        0.935,
        view.subtitle,
        ha="left",
        va="top",
        fontsize=_font("subtitle"),
        color=style.TEXT["muted"],
        linespacing=1.15,
    )
    common: dict[str, Any] = {
        "frameon": False,
        "fontsize": _font("legend"),
        "borderaxespad": 0.0,
        "handlelength": 2.6,
        "loc": "upper left",
        "labelspacing": 0.5,
    }
    fig.add_artist(fig.legend(handles=edges, bbox_to_anchor=(0.008, 0.15 + lift), **common))
    # the camps' words on one line each, in two columns of at most four rows (room for the caption
    # below); smaller when every kind of camp is there
    fig.add_artist(
        fig.legend(
            handles=blocs,
            bbox_to_anchor=(0.23, 0.15 + lift),
            ncol=2,
            columnspacing=1.0,
            **{**common, "fontsize": _font("legend" if len(blocs) <= 8 else "label_small")},
        )
    )
    fig.legend(
        handles=size_legend_handles(view.size_examples, view.scale),
        bbox_to_anchor=(0.81, 0.15 + lift),
        ncol=len(view.size_examples),
        title=view.size_title,
        title_fontsize=_font("legend"),
        alignment="left",
        columnspacing=1.2,
        handletextpad=0.8,
        **common,
    )
    _page_caption(fig, view.caption)
    return fig


def _draw_periods(ax: Axes, bands: Sequence[PeriodBand], lanes: int) -> float:
    """Named periods: labelled, shaded bars in lanes just above ``ax``, their bounds as dotted lines.

    The bars sit in an inset axes sharing ``ax``'s x axis (periods may overlap,
    so each lane holds periods that do not); returns its height in points.
    """
    if not bands:
        return 0.0
    line = _font("annotation") * 1.25
    lines = max(b.text.count("\n") + 1 for b in bands)
    lane_pt = lines * line + 8
    fig = ax.get_figure(root=True)
    assert isinstance(fig, Figure)
    ax_pt = ax.get_position().height * fig.get_figheight() * 72
    height = lanes * lane_pt
    top = ax.inset_axes((0.0, 1.0 + 6 / ax_pt, 1.0, height / ax_pt), sharex=ax)
    top.set_ylim(lanes, 0)
    top.set_axis_off()
    lo, hi = ax.get_xlim()
    for x in sorted({x for b in bands for x in (b.x0, b.x1) if lo + 1e-6 < x < hi - 1e-6}):
        ax.axvline(x, color=style.PERIOD_BAND["edge"], linewidth=0.8, linestyle=(0, (2, 3)), zorder=0)
        top.axvline(x, color=style.PERIOD_BAND["edge"], linewidth=0.8, linestyle=(0, (2, 3)), zorder=0)
    for band in bands:
        top.add_patch(
            Rectangle(
                (band.x0, band.lane + 0.06),
                band.x1 - band.x0,
                0.88,
                facecolor=style.PERIOD_BAND["bar"],
                edgecolor=style.PERIOD_BAND["edge"],
                linewidth=0.6,
            )
        )
        top.text(
            (band.x0 + band.x1) / 2,
            band.lane + 0.5,
            band.text,
            ha="center",
            va="center",
            fontsize=_font("annotation"),
            color=style.TEXT["main"],
            linespacing=1.0,
        )
    return height + 6


def _broken_line(ax: Axes, xs: Sequence[float], ys: Sequence[float | None], **kwargs: Any) -> None:
    """A line through consecutive points that have a value; a gap where one is None."""
    run: list[tuple[float, float]] = []
    for x, y in [*zip(xs, ys, strict=True), (math.nan, None)]:
        if y is None:
            if len(run) > 1:
                ax.plot([p[0] for p in run], [p[1] for p in run], **kwargs)
            run = []
        else:
            run.append((x, y))


#: At most this many year labels on a time axis; a longer span labels every 2nd, 5th, 10th ... year.
MAX_YEAR_LABELS = 12


def year_label_step(n_years: int) -> int:
    """The step between labelled years on a time axis of ``n_years`` years.

    Examples
    --------
    >>> [year_label_step(n) for n in (8, 12, 13, 36, 150)]
    [1, 1, 2, 5, 20]
    """
    return next(step for step in (1, 2, 5, 10, 20, 25, 50, 100, 1000) if n_years / step <= MAX_YEAR_LABELS)


def _year_axis(ax: Axes, years: Sequence[int], xlim: tuple[float, float]) -> None:
    ax.set_xlim(*xlim)
    step = year_label_step(len(years))
    labelled = [y for y in years if y % step == 0] if step > 1 else list(years)
    ax.set_xticks([y + 0.5 for y in labelled], [str(y) for y in labelled])
    ax.set_xticks([float(y) for y in years] + [years[-1] + 1.0], minor=True)
    ax.tick_params(axis="x", which="major", length=0, pad=6)
    ax.tick_params(axis="x", which="minor", length=5)


def draw_alignment_timeline(ax: Axes, view: AlignmentView) -> Axes:
    """The focal actor's score with each pole per year, its interval, the named periods, the ties behind it.

    Each pole has its bloc colour, its own marker and line style; a vertical
    bar through each point spans the score's interval (long where the ties
    are few), and the marker area and the number next to it give the ties
    behind the score, so thin years read as thin. A gap: no tie that year.

    Parameters
    ----------
    ax : matplotlib.axes.Axes
        Where to draw (``style.TIMELINE_AXES`` of a ``style.FIGSIZE["timeline"]``
        figure leaves room for the period bars, title and caption).
    view : AlignmentView
        From :func:`network.figures.data.alignment_view`.

    Returns
    -------
    matplotlib.axes.Axes
        ``ax``; per pole, in the order of ``view.series``, the interval bars
        (a LineCollection) then the scatter of the scores.

    Examples
    --------
    >>> from matplotlib.collections import LineCollection
    >>> from network import load
    >>> from network.figures.data import alignment_view
    >>> ax = draw_alignment_timeline(Figure().add_subplot(), alignment_view(load("tests/data/mini.yaml")))
    >>> [(type(c).__name__, len(c.get_segments() if isinstance(c, LineCollection) else c.get_offsets()))
    ...  for c in ax.collections]   # USSR scored in 4 years, China in 2
    [('LineCollection', 4), ('PathCollection', 4), ('LineCollection', 2), ('PathCollection', 2)]
    """
    ax.set_ylim(-1.15, 1.15)
    _year_axis(ax, view.years, view.xlim)
    ax.set_yticks([-1, -0.5, 0, 0.5, 1], ["\u22121", "\u22120.5", "0", "0.5", "1"])
    ax.spines["left"].set_bounds(-1, 1)
    ax.axhline(0, color=style.TEXT["muted"], linewidth=0.8, linestyle=(0, (1, 2)), zorder=1)
    above = _draw_periods(ax, view.periods, view.lanes)
    handles = []
    for s in view.series:
        color = style.pole_colour(s.style) if s.style < style.POLE_COLOURS else style.OKABE_ITO["black"]
        marker = style.POLE_MARKERS[s.style % len(style.POLE_MARKERS)]
        linestyle = _POLE_LINES[s.style % len(_POLE_LINES)]
        _broken_line(ax, s.x, s.y, color=color, linestyle=linestyle, linewidth=2.2, zorder=3)
        spans = [
            (x, lo, hi)
            for x, y, lo, hi in zip(s.x, s.y, s.low, s.high, strict=False)
            if y is not None and lo is not None and hi is not None
        ]
        if spans:
            ax.vlines(
                [p[0] for p in spans],
                [p[1] for p in spans],
                [p[2] for p in spans],
                color=color,
                linewidth=1.4,
                alpha=0.75,
                zorder=2,
            )
        shown = [(x, y, a) for x, y, a in zip(s.x, s.y, s.sizes, strict=True) if y is not None]
        ax.scatter(
            [p[0] for p in shown],
            [p[1] for p in shown],
            s=[p[2] for p in shown],
            color=color,
            marker=marker,
            edgecolors="white",
            linewidths=1.0,
            zorder=4,
        )
        side = -1 if s.style == 0 else 1
        for x, y, n, a in zip(s.x, s.y, s.ties, s.sizes, strict=True):
            if y is None:
                continue
            ax.annotate(
                str(n),
                (x, y),
                xytext=(side * (style.marker_radius(a) + 3), 0),
                textcoords="offset points",
                ha="right" if side < 0 else "left",
                va="center",
                fontsize=_font("annotation"),
                color=style.TEXT["main"],
                zorder=5,
                bbox=_backing(),
            )
        handles.append(_series_handle(color, linestyle, marker, 10, s.label))
    ax.set_ylabel(view.ylabel)
    _header(
        ax, view.title, view.subtitle, pad=above + 14 + 16 * (view.subtitle.count("\n") + 1), offset=above
    )
    ax.legend(
        handles=handles,
        loc="upper left",
        bbox_to_anchor=(1.01, 0.72),
        frameon=False,
        fontsize=_font("legend"),
        title=view.size_note,
        title_fontsize=_font("annotation"),
        alignment="left",
        handlelength=3.0,
    )
    _caption(ax, view.caption, 30)
    return ax


def draw_centrality_bump(ax: Axes, view: BumpView) -> Axes:
    """A bump chart: each leading actor's rank per period, labelled at both ends; a gap: not active.

    Parameters
    ----------
    ax : matplotlib.axes.Axes
        Where to draw (``style.BUMP_AXES`` leaves room for the names at both ends).
    view : BumpView
        From :func:`network.figures.data.bump_view`.

    Returns
    -------
    matplotlib.axes.Axes
        ``ax``; one scatter per actor, in the order of ``view.lines``.

    Examples
    --------
    >>> from network import load
    >>> from network.figures.data import figure_data
    >>> ax = draw_centrality_bump(Figure().add_subplot(), figure_data(load("tests/data/mini.yaml")).bump)
    >>> [t.get_text() for t in ax.get_xticklabels()]
    ['Rapprochement, 1957-November 1958', 'Crisis, December 1958-1960']
    """
    n = len(view.periods)
    ax.set_xlim(-1.0, n)
    ax.set_ylim(view.max_rank + 0.6, 0.4)
    ax.set_xticks(range(n), list(view.periods))
    ax.tick_params(axis="x", length=0, labelsize=_font("annotation") + 1, pad=8)
    ticks = list(range(1, view.max_rank + 1))
    ax.set_yticks(ticks, [str(t) for t in ticks[:-1]] + ["lower" if view.lower else str(ticks[-1])])
    ax.set_ylabel("rank (1 = most central)")
    ax.grid(axis="y", color="#E4E4E4", linewidth=0.8, zorder=0)
    ax.spines["bottom"].set_visible(False)
    for line in view.lines:
        if line.style.startswith("pole"):
            color = style.pole_colour(int(line.style[4:]))
            marker = style.POLE_MARKERS[int(line.style[4:]) % len(style.POLE_MARKERS)]
        else:
            color, marker = style.SERIES[int(line.style[6:]) % len(style.SERIES)]
        points = [(i, r) for i, r in enumerate(line.ranks) if r is not None]
        _broken_line(
            ax, list(range(n)), list(line.ranks), color=color, linewidth=2.6, zorder=2, solid_capstyle="round"
        )
        ax.scatter(
            [p[0] for p in points],
            [p[1] for p in points],
            s=90,
            color=color,
            marker=marker,
            edgecolors="white",
            linewidths=1.0,
            zorder=3,
        )
        first, last = points[0], points[-1]
        ax.annotate(
            line.label,
            first,
            xytext=(-10, 0),
            textcoords="offset points",
            ha="right",
            va="center",
            fontsize=_font("label"),
            color=color,
            zorder=4,
            bbox=_backing(),
            annotation_clip=False,
        )
        if last != first:
            ax.annotate(
                line.label,
                last,
                xytext=(10, 0),
                textcoords="offset points",
                ha="left",
                va="center",
                fontsize=_font("label"),
                color=color,
                zorder=4,
                bbox=_backing(),
                annotation_clip=False,
            )
    _header(ax, view.title, view.subtitle, pad=14 + 16 * (view.subtitle.count("\n") + 1))
    _caption(ax, view.caption, 16 + 13 * (max(p.count("\n") for p in view.periods) + 1))
    return ax


def _balance_panel(ax: Axes, view: BalanceView, panel: int) -> list[Line2D]:
    series = view.panels[panel]
    ax.set_ylim(-0.06, 1.08)
    _year_axis(ax, view.years, view.xlim)
    ax.set_yticks([0, 0.25, 0.5, 0.75, 1])
    ax.spines["left"].set_bounds(0, 1)
    above = _draw_periods(ax, view.periods, view.lanes)
    numbers = (
        [f"{t}" for t in series.triangles],
        [f"{f:g}/{e}" for f, e in zip(series.frustration, series.edges, strict=True)],
    )
    handles = []
    for (label, color, marker, linestyle), values, texts, side in zip(
        BALANCE_MEASURES, (series.triangle_balance, series.edge_balance), numbers, (-1, 1), strict=True
    ):
        _broken_line(ax, series.x, values, color=color, linestyle=linestyle, linewidth=2.2, zorder=3)
        shown = [(x, y) for x, y in zip(series.x, values, strict=True) if y is not None]
        ax.scatter(
            [p[0] for p in shown],
            [p[1] for p in shown],
            s=70,
            color=color,
            marker=marker,
            edgecolors="white",
            zorder=4,
        )
        for x, y, text in zip(series.x, values, texts, strict=True):
            if y is not None:
                ax.annotate(
                    text,
                    (x, y),
                    xytext=(0, 9 * side),
                    textcoords="offset points",
                    ha="center",
                    va="bottom" if side > 0 else "top",
                    fontsize=_font("annotation"),
                    color=color,
                    zorder=5,
                    bbox=_backing(),
                )
        handles.append(_series_handle(color, linestyle, marker, 8, label))
    ax.set_title(
        series.label, loc="left", fontsize=_font("panel") + 2, fontweight="bold", pad=above + 6, y=1.0
    )
    return handles


def draw_balance_timeline(fig: Figure, view: BalanceView) -> Figure:
    """Triangle balance and edge balance (1 - frustration / edges) per year, one panel per level.

    Parameters
    ----------
    fig : matplotlib.figure.Figure
        An empty figure (``style.FIGSIZE["timeline"]``); the panels are added to it.
    view : BalanceView
        From :func:`network.figures.data.balance_view`.

    Returns
    -------
    matplotlib.figure.Figure
        ``fig``; its first axes are the panels, in the order of ``view.panels``
        (each followed by the inset holding the period bars).

    Examples
    --------
    >>> from network import load
    >>> from network.figures.data import balance_view
    >>> fig = draw_balance_timeline(Figure(), balance_view(load("tests/data/mini.yaml")))
    >>> [ax.get_title(loc="left") for ax in fig.axes if ax.get_title(loc="left")]
    ['person level', 'state level']
    """
    n = len(view.panels)
    grid = fig.add_gridspec(1, n, left=view.box[0], right=view.box[1], top=0.66, bottom=0.24, wspace=0.11)
    handles: list[Line2D] = []
    for i in range(n):
        ax = fig.add_subplot(grid[0, i])
        handles = _balance_panel(ax, view, i)
        if i == 0:
            ax.set_ylabel("share (1 = balanced)")
    fig.legend(
        handles=handles,
        loc="upper left",
        bbox_to_anchor=(view.box[0], 0.17),
        frameon=False,
        fontsize=_font("legend"),
        ncol=2,
        borderaxespad=0.0,
        handlelength=3.0,
    )
    fig.text(0.008, 0.98, view.title, ha="left", va="top", fontsize=_font("title"), fontweight="bold")
    fig.text(
        0.008,
        0.925,
        view.subtitle,
        ha="left",
        va="top",
        fontsize=_font("subtitle"),
        color=style.TEXT["muted"],
    )
    _page_caption(fig, view.caption)
    return fig
