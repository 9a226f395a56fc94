"""The plain data each figure draws, prepared from the analyses: positions, styles, sizes, texts.

Every number a figure shows is computed here, from :mod:`network.timeline.snapshots`,
:mod:`network.measures.centrality`, :mod:`network.measures.alignment` and :mod:`network.measures.balance`;
the plot functions in :mod:`network.figures.plots` only draw these views.
Views are frozen dataclasses of plain values (picklable, so figures can be
rendered in other processes), with style *keys* (``"positive"``, ``"pole0"``)
that the plot functions look up in :mod:`network.output.style`.

Examples
--------
>>> from network import load
>>> fd = figure_data(load("tests/data/mini.yaml"), level="state")
>>> [v.period for v in fd.years], [v.period for v in fd.periods]
(['1957', '1958', '1959', '1960'], ['rapprochement', 'crisis'])
>>> v = fd.years[3]
>>> [(e.u, e.v, e.kind) for e in v.edges]
[('china', 'ussr', 'negative'), ('albania', 'ussr', 'negative')]
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from pathlib import Path

from network.dataset.model import Dataset
from network.measures.alignment import alignment
from network.measures.balance import PartitionCache, frustration, triangle_counts
from network.measures.camps import CAMP_EXPLAINED, camp_key, camps, legend_text
from network.measures.centrality import centrality, involvement, rank
from network.measures.choices import INVOLVEMENT, RANK_BY, SIZE_MEASURES
from network.output import style
from network.output.layout import (
    LabelGeometry,
    LayoutCache,
    edge_routes,
    label_geometry,
    label_text,
    layout_for,
    place_required_labels,
    text_width,
)
from network.output.measure_names import measure_phrase
from network.output.rows import Rows
from network.timeline.snapshots import HALF_LIFE, LEVELS, Snapshot, signed_graph, snapshots
from network.timeline.windows import Window, period_windows, shown_years

__all__ = [
    "NodeView",
    "EdgeView",
    "SnapshotView",
    "SmallMultiplesView",
    "Series",
    "PeriodBand",
    "AlignmentView",
    "BumpLine",
    "BumpView",
    "BalanceSeries",
    "BalanceView",
    "FigureData",
    "figure_data",
    "alignment_view",
    "balance_view",
    "bump_view",
    "figure_years",
    "record_ties",
    "label_priority",
    "SIZE_MEASURES",
    "INVOLVEMENT",
]

#: The measure "involvement": the summed weight of an actor's ties in the period,
#: cooperative and hostile (weighted degree, ``strength_pos + strength_neg``).
#: Measures nodes can be sized (and the bump chart ranked) by.
_LABEL_GAP_EM = 0.8  # labels in a panel keep this much space between them, so two names never read as one
_BOLD = 1.12  # DejaVu Sans Bold runs this much wider than the regular face
_MARGIN = 1.04  # and rendered text a little wider than its advances
_BAND_MIN_EMS = 8.0  # a period band narrower than this many ems shows only its number
_KEY_ACTORS = (
    8  # actors with the most ties labelled in small multiples, besides the poles and the focal actor
)
_SURE_ACTORS = 2  # of them, those whose label is placed first and made smaller rather than left out
_BUMP_TOP = 5  # an actor is "leading" if ranked this high in some period
_BUMP_MAX_LINES = 10
_DODGE = 0.12  # years between the poles' points of one year, so equal scores do not hide
_BALANCE_LEFT, _BALANCE_RIGHT = 0.06, 0.985  # the balance panels' span, as fractions of the figure width
_LEVEL_NAMES = {
    "person": "person level: persons, parties and states as coded",
    "state": "state level: every tie counted for the state (or stateless body) its actors belong to",
}


@dataclass(frozen=True)
class NodeView:
    """An actor as drawn: where, how big, its camp's colour, faded or not.

    ``bloc`` is the :data:`network.output.style.BLOC` key of its camp
    (:func:`network.measures.camps.camp_key`).

    ``key`` is where its label goes, ``"below"``, ``"above"``, ``"right"`` or
    ``"left"`` of the marker, or a corner (``"below-left"`` ...), or empty:
    not labelled (no room left for it, or, in a panel of the small
    multiples, not one of the key actors). ``key_scale`` is its label's font
    size as a share of the usual one (below 1 only for an actor that must be
    named and fits nowhere at full size).
    """

    id: str
    label: str
    x: float
    y: float
    size: float
    bloc: str
    active: bool
    pole: bool = False
    key: str = ""
    key_scale: float = 1.0


@dataclass(frozen=True)
class EdgeView:
    """A dyad as drawn: end points, style key (``positive``, ``negative``, ``zero``), line width."""

    u: str
    v: str
    x0: float
    y0: float
    x1: float
    y1: float
    kind: str
    width: float
    weight: float
    count: int
    bend: tuple[float, float] | None = None  # control point of a curved line (None: straight)


@dataclass(frozen=True)
class SnapshotView:
    """Everything one snapshot figure shows."""

    period: str
    level: str
    title: str
    subtitle: str
    caption: str
    panel_title: str
    nodes: tuple[NodeView, ...]
    edges: tuple[EdgeView, ...]
    frame: tuple[float, float, float, float]
    legend_blocs: tuple[tuple[str, str], ...]
    legend_title: str
    size_examples: tuple[tuple[str, float], ...]
    ties: int
    triangle_balance: float | None
    frustration: int | float


@dataclass(frozen=True)
class SmallMultiplesView:
    """All yearly snapshots of a level on one page."""

    title: str
    subtitle: str
    caption: str
    panels: tuple[SnapshotView, ...]
    grid: tuple[int, int]
    scale: float
    legend_blocs: tuple[tuple[str, str], ...]
    size_examples: tuple[tuple[str, float], ...]
    size_title: str


@dataclass(frozen=True)
class Series:
    """One pole's alignment scores: x (mid-year), score or None, its interval, ties behind it, marker area."""

    key: str
    label: str
    style: int
    x: tuple[float, ...]
    y: tuple[float | None, ...]
    ties: tuple[int, ...]
    sizes: tuple[float, ...]
    low: tuple[float | None, ...] = ()
    high: tuple[float | None, ...] = ()


@dataclass(frozen=True)
class PeriodBand:
    """A named period on a time axis: its label, start and end as fractional years, lane."""

    label: str
    text: str
    x0: float
    x1: float
    lane: int


@dataclass(frozen=True)
class AlignmentView:
    """The alignment time line of the focal actor with each pole."""

    title: str
    subtitle: str
    caption: str
    ylabel: str
    series: tuple[Series, ...]
    periods: tuple[PeriodBand, ...]
    lanes: int
    years: tuple[int, ...]
    xlim: tuple[float, float]
    size_note: str


@dataclass(frozen=True)
class BumpLine:
    """One actor's rank per period (None: not active that period); ``style`` is ``pole0``, ``pole1``
    or ``series<i>`` (the i-th of :data:`network.output.style.SERIES`)."""

    actor: str
    label: str
    style: str
    ranks: tuple[int | None, ...]


@dataclass(frozen=True)
class BumpView:
    """The bump chart: the leading actors' ranks per period."""

    title: str
    subtitle: str
    caption: str
    periods: tuple[str, ...]
    lines: tuple[BumpLine, ...]
    max_rank: int
    lower: bool


@dataclass(frozen=True)
class BalanceSeries:
    """Balance measures of one level per year."""

    level: str
    label: str
    x: tuple[float, ...]
    triangle_balance: tuple[float | None, ...]
    triangles: tuple[int, ...]
    edge_balance: tuple[float | None, ...]
    frustration: tuple[int | float, ...]
    edges: tuple[int, ...]


@dataclass(frozen=True)
class BalanceView:
    """The structural balance time line."""

    title: str
    subtitle: str
    caption: str
    panels: tuple[BalanceSeries, ...]
    years: tuple[int, ...]
    xlim: tuple[float, float]
    periods: tuple[PeriodBand, ...]
    lanes: int
    box: tuple[float, float]


@dataclass(frozen=True)
class FigureData:
    """The views of one level: a snapshot per year and per named period, and the small multiples."""

    level: str
    years: tuple[SnapshotView, ...]
    periods: tuple[SnapshotView, ...]
    small_multiples: SmallMultiplesView
    bump: BumpView | None
    positions: dict[str, tuple[float, float]] = field(repr=False)


# --------------------------------------------------------------------------- helpers


#: The years the figures show: :func:`network.timeline.windows.shown_years`, as every output.
figure_years = shown_years


def _fit(text: str, inches: float, font: float, max_lines: int | None = None, bold: bool = False) -> str:
    """``text`` wrapped on spaces to lines that fit ``inches`` at ``font`` points (measured in
    DejaVu Sans), in at most ``max_lines`` lines, the last shortened with \u2026 if need be.

    Examples
    --------
    >>> _fit("one two three four", inches=1.0, font=12)
    'one two\\nthree four'
    >>> print(_fit("one two three four five six seven", inches=0.8, font=12, max_lines=2))
    one two
    three\u2026
    """
    room = inches * 72 / font / (_BOLD if bold else 1.0) / _MARGIN  # in ems
    lines: list[str] = []
    for word in text.split():
        if lines and text_width(f"{lines[-1]} {word}") <= room:
            lines[-1] = f"{lines[-1]} {word}"
        else:
            lines.append(word)
    if max_lines is not None and len(lines) > max_lines:
        last = lines[max_lines - 1]
        while " " in last and text_width(last + "\u2026") > room:
            last = last.rsplit(" ", 1)[0]
        lines = lines[: max_lines - 1] + [last.rstrip(",;:") + "\u2026"]
    return "\n".join(lines or [""])


def _fraction(day: date) -> float:
    """A day as a fractional year (1958-07-02 -> about 1958.5)."""
    start = date(day.year, 1, 1).toordinal()
    length = date(day.year + 1, 1, 1).toordinal() - start
    return day.year + (day.toordinal() - start) / length


def _lanes(spans: Sequence[tuple[float, float]]) -> list[int]:
    """Greedy lane per span so that spans in one lane do not overlap (in the given order)."""
    ends: list[float] = []
    out = []
    for x0, x1 in spans:
        for lane, end in enumerate(ends):
            if x0 >= end - 1e-9:
                ends[lane] = x1
                out.append(lane)
                break
        else:
            ends.append(x1)
            out.append(len(ends) - 1)
    return out


def _period_bands(
    dataset: Dataset, first: int, last: int, axes_inches: float
) -> tuple[tuple[PeriodBand, ...], int, str]:
    """The named periods on a time axis of the years ``first`` to ``last`` (clipped to it), in lanes.

    Each band shows its number and, if it fits in two lines, its label;
    the key (third item) lists the periods whose band shows only the number.
    """
    lo, hi = float(first), float(last + 1)
    spans = [
        (max(_fraction(p.lower), lo), min(_fraction(p.upper + timedelta(days=1)), hi))
        for p in dataset.periods
    ]
    keep = [
        (i + 1, p, span)
        for i, (p, span) in enumerate(zip(dataset.periods, spans, strict=True))
        if span[1] > span[0]
    ]
    lanes = _lanes([span for *_, span in keep])
    bands = []
    key = []
    font = style.FONT["annotation"]
    for (number, p, (a, b)), lane in zip(keep, lanes, strict=True):
        inches = (b - a) / (hi - lo) * axes_inches - 0.1
        text = _fit(f"{number} \u00b7 {p.label}", inches, font, max_lines=3)
        if inches * 72 / font < _BAND_MIN_EMS:
            text = str(number)
            key.append(f"{number} = {_dated(p.label, p.lower, p.upper)}")
        bands.append(PeriodBand(p.label, text, round(a, 4), round(b, 4), lane))
    return tuple(bands), (max(lanes) + 1 if lanes else 0), ("Periods: " + "; ".join(key) + "." if key else "")


def _dated(label: str, lower: date, upper: date) -> str:
    """A period's label, with its dates if the label does not give its years.

    Examples
    --------
    >>> _dated("Crisis", date(1958, 12, 1), date(1959, 6, 30))
    'Crisis (Dec 1958 to Jun 1959)'
    >>> _dated("The first differences, 1955-57", date(1955, 1, 1), date(1957, 12, 31))
    'The first differences, 1955-57'
    >>> _dated("From the visit to the break of 1961", date(1959, 6, 1), date(1961, 12, 31))
    'From the visit to the break of 1961'
    """
    if re.search(r"1[0-9]{3}|[0-9]{4}|'[0-9]{2}|-[0-9]{2}\b", label):  # the label dates itself
        return label
    return f"{label} ({lower:%b %Y} to {upper:%b %Y})"


def _nice(value: float) -> float:
    """``value`` rounded to one significant figure, at least 1 (a legend example)."""
    if value <= 1:
        return 1.0
    magnitude = 10 ** math.floor(math.log10(value))
    return float(max(1, round(value / magnitude)) * magnitude)


def _source_text(dataset: Dataset) -> str:
    if not dataset.sources:
        return "Source: not given."
    cites = "; ".join(s.citation.rstrip(".") for s in dataset.sources)
    return f"Source{'s' if len(dataset.sources) > 1 else ''}: {cites}."


def _coded(dataset: Dataset) -> str:
    return f"Coded in {Path(dataset.path).name} ({len(dataset.ties)} ties, {len(dataset.actors)} actors)."


def _values(rows: Rows, measure: str) -> dict[tuple[str, str], float]:
    return {(r["period"], r["actor"]): style.size_value(r[measure]) for r in rows}


def _measure(snaps: Sequence[Snapshot], measure: str) -> dict[tuple[str, str], float]:
    """(period, actor) -> ``measure`` of every active actor (never below 0).

    Involvement and ties are summed here from the snapshot's edges by
    :func:`network.measures.centrality.involvement`, as
    :func:`network.measures.centrality.centrality` sums them
    (same order, same floats), without the costly measures it also computes; any other measure
    comes from it.
    """
    if measure not in (INVOLVEMENT, "ties"):
        return _values(centrality(snaps), measure)
    out = {}
    for snap in snaps:
        g = snap.graph
        for a, d in g.nodes(data=True):
            if d.get("active"):
                weight, ties = involvement(g, a)
                out[snap.window.id, a] = style.size_value(weight if measure == INVOLVEMENT else ties)
    return out


def _ranks(snaps: Sequence[Snapshot], measure: str) -> dict[tuple[str, str], int]:
    """(period, actor) -> rank by ``measure`` under :func:`network.measures.centrality.rank`.

    Every output's rule."""
    if measure != INVOLVEMENT:
        return {(r["period"], r["actor"]): r["rank"] for r in centrality(snaps, rank_by=measure)}
    out: dict[tuple[str, str], int] = {}
    for snap in snaps:
        g = snap.graph
        totals = {a: involvement(g, a) for a, d in g.nodes(data=True) if d.get("active")}
        ranks = rank({a: w for a, (w, _) in totals.items()}, {a: n for a, (_, n) in totals.items()})
        out.update(((snap.window.id, a), r) for a, r in ranks.items())
    return out


def _bloc_legend(
    keys: Iterable[str], dataset: Dataset, poles: Sequence[str], inches: float
) -> tuple[tuple[str, str], ...]:
    """Legend entries ``(style key, words)`` of the camps drawn, in :data:`network.output.style.BLOC` order,
    the words wrapped to ``inches``."""
    present = set(keys)
    names = [dataset.actor_name(p) for p in poles]
    return tuple(
        (key, _fit(legend_text(key, names), inches, style.FONT["legend"]))
        for key in style.BLOC
        if key in present and key != "none"
    )


def _balance(snap: Snapshot, partitions: PartitionCache | None) -> tuple[float | None, int, int | float, int]:
    """Triangle balance (None without triangles), triangles, frustration index, signed edges."""
    g = signed_graph(snap.graph)
    counts = triangle_counts(g)
    total = sum(counts.values())
    share = (counts["+++"] + counts["+--"]) / total if total else None
    return share, total, frustration(g, partitions=partitions).value, g.number_of_edges()


def _and(names: Sequence[str]) -> str:
    """``"A and B"``, ``"A, B and C"``.

    >>> _and(["A", "B"]), _and(["A", "B", "C"])
    ('A and B', 'A, B and C')
    """
    return " and ".join(names) if len(names) < 3 else f"{', '.join(names[:-1])} and {names[-1]}"


def _plural(n: float, word: str) -> str:
    return f"{n:g} {word}{'' if n == 1 else 's'}"


# --------------------------------------------------------------------------- snapshots


def _snapshot_views(
    dataset: Dataset,
    snaps: list[Snapshot],
    positions: dict[str, tuple[float, float]],
    poles: Sequence[str],
    size_by: str,
    kind: str,
    partitions: PartitionCache,
) -> list[SnapshotView]:
    """One view per snapshot; node areas and line widths on one scale for all of ``snaps``."""
    level = snaps[0].graph.graph["level"] if snaps else "person"
    values = _measure(snaps, size_by)
    vmax = style.node_top(values.values()) or 1.0  # the legend's examples need a scale
    wmax = style.edge_top(d["weight"] for s in snaps for *_, d in s.graph.edges(data=True))
    labels = {a.id: label_text(a.name, a.aliases) for a in dataset.actors.values()}
    frame = (style.FRAME["x0"], style.FRAME["x1"], style.FRAME["y0"], style.FRAME["y1"])
    blocs_per_snap = [
        {
            a: camp_key(c, poles)
            for a, c in camps(s.graph, [p for p in poles if p in s.graph], partitions=partitions).items()
        }
        for s in snaps
    ]
    fig_w = style.FIGSIZE["snapshot"][0]
    column = fig_w * (1 - style.SNAPSHOT_AXES[0] - style.SNAPSHOT_AXES[2]) - 0.25
    unit = "year" if kind == "year" else "period"
    legend_title = _fit(f"Node area: {measure_phrase(size_by)} in the {unit}", column, style.FONT["legend"])
    examples = sorted({_nice(vmax / 10), _nice(vmax / 2.5), _nice(vmax)})
    size_examples = tuple((f"{v:g}", round(style.node_area(v, vmax), 2)) for v in examples)
    placed = [dataset.actor_name(p) for p in poles if p in positions]
    pinned = ""
    if len(placed) == 2:
        pinned = (
            f" ({placed[0]} pinned left, {placed[1]} right), so a place shows alignment over the whole record"
        )
    elif len(placed) > 2:
        pinned = (
            f" ({_and(placed)} pinned from left to right), so a place shows alignment over the whole record"
        )
    colour = f"Colour: the actor's camp in the {unit}. {CAMP_EXPLAINED} " if poles else ""
    # one legend for every snapshot of the set (frames of the GIF keep the same key)
    legend = _bloc_legend({k for b in blocs_per_snap for k in b.values()}, dataset, poles, column - 0.5)
    views = []
    for snap, blocs in zip(snaps, blocs_per_snap, strict=True):
        g = snap.graph
        nodes = []
        for n in sorted(g):
            x, y = positions[n]
            active = bool(g.nodes[n]["active"])
            size = (
                style.node_area(values.get((snap.period, n), 0.0), vmax) if active else style.INACTIVE["size"]
            )
            nodes.append(
                NodeView(
                    id=n,
                    label=labels.get(n) or label_text(str(g.nodes[n].get("name", n))),
                    x=x,
                    y=y,
                    size=round(size, 2),
                    bloc=blocs[n],
                    active=active,
                    pole=n in poles,
                )
            )
        edges = []
        for u, v, d in sorted(g.edges(data=True), key=lambda e: (abs(e[2]["weight"]), e[0], e[1])):
            width = style.edge_width(d["weight"], wmax)
            (x0, y0), (x1, y1) = positions[u], positions[v]
            edges.append(
                EdgeView(
                    u,
                    v,
                    x0,
                    y0,
                    x1,
                    y1,
                    style.edge_kind(d["sign"]),
                    round(width, 3),
                    float(d["weight"]),
                    int(d["count"]),
                )
            )
        share, triangles, frus, signed_edges = _balance(snap, partitions)
        n_pos = sum(1 for e in edges if e.kind == "positive")
        n_neg = sum(1 for e in edges if e.kind == "negative")
        ties = len(snap.allocation)
        w = snap.window
        if kind == "year":
            title = f"{w.label}: who cooperated with and who opposed whom"
        else:
            title = _fit(
                _dated(w.label, w.lower, w.upper), fig_w - 0.3, style.FONT["title"], max_lines=2, bold=True
            )
        tri = (
            f"{share:.0%} of {_plural(triangles, 'triangle')} balanced"
            if share is not None
            else "no triangles"
        )
        subtitle = _fit(
            f"{_plural(ties, 'tie')} coded  \u00b7  {n_pos} cooperative and {n_neg} hostile "
            f"pair{'' if n_neg == 1 else 's'}  \u00b7  {tri}  \u00b7  frustration {frus:g} of "
            f"{_plural(signed_edges, 'edge')}",
            fig_w - 0.3,
            style.FONT["subtitle"],
        )
        caption = _fit(
            f"{_source_text(dataset)} {_coded(dataset)} {_LEVEL_NAMES[level].capitalize()}. A line sums the "
            f"ties of two actors in the {unit}; width: |cooperation \u2212 hostility|, one scale for all "
            f"{unit}s. {colour}Actors keep their places "
            f"in every snapshot{pinned}.",
            fig_w - 0.3,
            style.FONT["caption"],
        )
        views.append(
            SnapshotView(
                period=snap.period,
                level=level,
                title=title,
                subtitle=subtitle,
                caption=caption,
                panel_title=f"{w.label}: {_plural(ties, 'tie')}",
                nodes=tuple(nodes),
                edges=tuple(edges),
                frame=frame,
                legend_blocs=legend,
                legend_title=legend_title,
                size_examples=size_examples,
                ties=ties,
                triangle_balance=share,
                frustration=frus,
            )
        )
    return views


def _small_scale(count: int) -> tuple[tuple[int, int], float]:
    """Grid of the small multiples and the factor on marker areas that fits a panel."""
    rows, cols = _grid(count)
    panel_w = style.FIGSIZE["small_multiples"][0] * 0.99 / cols
    return (rows, cols), min(1.0, panel_w / (style.FIGSIZE["snapshot"][0] * style.SNAPSHOT_AXES[2])) ** 2


def record_ties(dataset: Dataset, level: str) -> dict[str, int]:
    """Actor -> the number of ties it has over the whole record at ``level`` (who the story turns on).

    Examples
    --------
    >>> from network import load
    >>> record_ties(load("tests/data/mini.yaml"), "state")
    {'albania': 8, 'china': 6, 'ussr': 6}
    """
    lo, hi = dataset.span
    for p in dataset.periods:
        lo, hi = min(lo, p.lower), max(hi, p.upper)
    (whole,) = snapshots(dataset, by=[Window("all", "all", lo, hi)], level=level)
    g = whole.graph
    return {n: sum(int(d["count"]) for *_, d in g.edges(n, data=True)) for n in sorted(g)}


def label_priority(ties: dict[str, int], poles: Sequence[str], focal: str | None) -> list[str]:
    """Actors in the order their labels are placed: the poles, the focal actor, then by ties (most first).

    Examples
    --------
    >>> label_priority({"a": 3, "b": 9, "c": 1, "p": 2}, ["p"], "c")
    ['p', 'c', 'b', 'a']
    """
    first = list(dict.fromkeys(p for p in (*poles, focal) if p in ties))
    return first + sorted((n for n in ties if n not in first), key=lambda n: (-ties[n], n))


def _place_labels(
    view: SnapshotView,
    candidates: Sequence[str],
    geometry: LabelGeometry,
    marker_scale: float,
    required: Sequence[str] = (),
) -> dict[str, tuple[str, float]]:
    """Where each candidate's label goes in ``view``, at what share of its size: ``{actor: (side, scale)}``,
    :func:`network.output.layout.place_required_labels` with the labels measured in DejaVu Sans,
    ``_LABEL_GAP_EM``
    ems between labels, and the markers of the active actors and of the candidates as what a label may not
    cover; the ``required`` candidates are placed first, smaller if need be."""
    units_per_point = geometry.radius / style.marker_radius(style.NODE_SIZE[1])
    markers = {
        n.id: (n.x, n.y, style.marker_radius(n.size * marker_scale) * units_per_point)
        for n in view.nodes
        if n.active or n.id in candidates
    }
    sizes = {
        n.id: (
            text_width(n.label) * _MARGIN * geometry.em * (_BOLD if n.pole else 1.0),
            (n.label.count("\n") + 1) * geometry.line_height,
        )
        for n in view.nodes
        if n.id in markers
    }
    return place_required_labels(
        markers, sizes, candidates, view.frame, geometry.em * _LABEL_GAP_EM, geometry.pad, required
    )


def _label_views(
    views: Sequence[SnapshotView],
    priority: Sequence[str],
    geometry: LabelGeometry,
    marker_scale: float = 1.0,
    only: Sequence[str] | None = None,
    sure: Sequence[str] = (),
) -> list[SnapshotView]:
    """``views`` with each node's label place and size (``key``, ``key_scale``) set by :func:`_place_labels`.

    Every actor is a candidate (active ones first, each group in ``priority``
    order), or, with ``only``, the active actors among ``only``. The active
    actors among ``sure`` must be named: their labels go first, smaller if need be.
    """
    rank = {n: i for i, n in enumerate(priority)}
    out = []
    for v in views:
        active = [n.id for n in v.nodes if n.active]
        if only is not None:
            chosen = [n for n in only if n in active]
        else:
            faded = [n.id for n in v.nodes if not n.active]
            chosen = sorted(active, key=lambda a: (rank.get(a, len(rank)), a)) + sorted(
                faded, key=lambda a: (rank.get(a, len(rank)), a)
            )
        keys = _place_labels(v, chosen, geometry, marker_scale, [n for n in sure if n in active])
        placed = {n.id: keys.get(n.id, ("", 1.0)) for n in v.nodes}
        nodes = tuple(replace(n, key=placed[n.id][0], key_scale=placed[n.id][1]) for n in v.nodes)
        out.append(replace(v, nodes=nodes))
    return out


def _panel_geometry(scale: float) -> LabelGeometry:
    """The label geometry of a small-multiples panel, in layout units (its labels are smaller)."""
    full = label_geometry()
    inch = math.sqrt(scale)  # a panel shows the frame this much smaller
    factor = style.FONT["label_small"] / style.FONT["label"] / inch
    return LabelGeometry(full.em * factor, full.line_height * factor, full.radius, full.pad / inch)


def _route_edges(
    views: Sequence[SnapshotView], positions: dict[str, tuple[float, float]]
) -> list[SnapshotView]:
    """``views`` with every edge routed off the nodes it does not end at (by :func:`edge_routes`).

    The room kept from a node is its largest marker in any of ``views``, plus
    half the widest line drawn and the label pad; one route per dyad, so a
    line keeps its shape in every view.
    """
    geometry = label_geometry()
    units_per_point = geometry.radius / style.marker_radius(style.NODE_SIZE[1])
    biggest: dict[str, float] = {}
    widest = 0.0
    for v in views:
        for node in v.nodes:
            biggest[node.id] = max(biggest.get(node.id, 0.0), node.size)
        widest = max([widest, *(e.width for e in v.edges)])
    room = {
        n: (style.marker_radius(size) + widest / 2) * units_per_point + geometry.pad
        for n, size in biggest.items()
    }
    dyads = sorted({(e.u, e.v) for v in views for e in v.edges})
    routes = edge_routes({n: positions[n] for n in biggest}, dyads, room)
    return [replace(v, edges=tuple(replace(e, bend=routes[e.u, e.v]) for e in v.edges)) for v in views]


def _grid(n: int) -> tuple[int, int]:
    """Rows and columns for ``n`` panels on a wide page (2 rows of 4 for 8 years)."""
    cols = max(1, math.ceil(math.sqrt(n * 2)))
    rows = math.ceil(n / cols)
    while cols > 1 and math.ceil(n / (cols - 1)) == rows:
        cols -= 1
    return rows, cols


def bump_view(
    dataset: Dataset,
    snaps: list[Snapshot],
    rank_by: str = RANK_BY,
    poles: Sequence[str] = (),
    top: int = _BUMP_TOP,
    max_lines: int = _BUMP_MAX_LINES,
) -> BumpView | None:
    """The leading actors' rank in each window (1 = most central), for the bump chart.

    An actor is shown if it ranks ``top`` or better in some window (at most
    ``max_lines`` actors, best ranks first). Ranks below ``2 * top`` are
    shown as one row, ``lower``. None if no actor has a tie.

    Examples
    --------
    >>> from network import load
    >>> from network.timeline.snapshots import snapshots
    >>> ds = load("tests/data/mini.yaml")
    >>> v = bump_view(ds, snapshots(ds, by="period", level="state"), poles=ds.framing.poles)
    >>> [(line.actor, line.ranks) for line in v.lines]
    [('albania', (1, 1)), ('ussr', (2, 2)), ('china', (3, 3))]
    """
    if rank_by not in SIZE_MEASURES:
        raise ValueError(f"unknown measure {rank_by!r}; choose from {', '.join(SIZE_MEASURES)}")
    ranks = _ranks(snaps, rank_by)
    if not ranks:
        return None
    best = {a: min(r for (_, b), r in ranks.items() if b == a) for _, a in ranks}
    leading = sorted((a for a in best if best[a] <= top), key=lambda a: (best[a], a))[:max_lines]

    def first_rank(a: str) -> tuple[int, int, str]:
        i, r = next((i, ranks[s.period, a]) for i, s in enumerate(snaps) if (s.period, a) in ranks)
        return i, r, a

    order = sorted(leading, key=first_rank)
    cap = 2 * top
    styles = {p: f"pole{i}" for i, p in enumerate(poles[: style.POLE_COLOURS])}
    others = [a for a in order if a not in styles]
    styles.update((a, f"series{i % len(style.SERIES)}") for i, a in enumerate(others))
    lines = tuple(
        BumpLine(
            a,
            dataset.actor_name(a),
            styles[a],
            tuple(None if (s.period, a) not in ranks else min(ranks[s.period, a], cap + 1) for s in snaps),
        )
        for a in order
    )
    shown = max(r for line in lines for r in line.ranks if r is not None)
    level = snaps[0].graph.graph["level"]
    kind = "year" if all(s.period.isdigit() for s in snaps) else "period"
    fig_w = style.FIGSIZE["timeline"][0]
    per = fig_w * style.BUMP_AXES[2] / (len(snaps) + 1)  # the x axis runs from -1 to len(snaps)
    return BumpView(
        title=f"Who was central, {kind} by {kind} ({level} level)",
        subtitle=_fit(
            f"Rank by {measure_phrase(rank_by)}; 1 = most central. The actors ranked {top} or better in "
            f"some {kind}; a gap: no tie that {kind}.",
            fig_w * 0.96 - fig_w * style.BUMP_AXES[0],
            style.FONT["subtitle"],
        ),
        caption=_fit(
            f"{_source_text(dataset)} {_coded(dataset)} {_LEVEL_NAMES[level].capitalize()}.",
            fig_w * (0.98 - style.BUMP_AXES[0]),
            style.FONT["caption"],
        ),
        periods=tuple(
            _fit(s.window.label, per - 0.15, style.FONT["annotation"] + 1, max_lines=4) for s in snaps
        ),
        lines=lines,
        max_rank=min(shown, cap + 1),
        lower=shown > cap,
    )


def figure_data(
    dataset: Dataset,
    level: str = "person",
    poles: Sequence[str] | None = None,
    focal: str | None = None,
    size_by: str = INVOLVEMENT,
    mode: str = "window",
    half_life: float = HALF_LIFE,
    seed: int = 0,
    *,
    partitions: PartitionCache | None = None,
    layouts: LayoutCache | None = None,
) -> FigureData:
    """Every snapshot view of one level: a view per year, per named period, and the small multiples.

    Parameters
    ----------
    dataset : Dataset
        The loaded dataset.
    level : {"person", "state"}
        The snapshots' level.
    poles : sequence of str, optional
        The poles: pinned from left to right; the camps' colours are reckoned
        towards them (default: the dataset's ``framing: poles``; without them,
        no actor is pinned and there are no camps).
    focal : str, optional
        The focal actor, labelled first after the poles wherever it is active
        (default: the dataset's ``framing: focal``).
    size_by : str
        Node area by this measure (one of :data:`SIZE_MEASURES`, default the
        total weight of an actor's ties in the period).
    mode : {"window", "memory"}
        Snapshot mode (:func:`network.timeline.snapshots.snapshots`).
    half_life : float
        Half-life in days for ``mode="memory"``.
    seed : int
        Layout seed.
    partitions : PartitionCache, optional
        The partitions solved so far (a build's); default: a new cache for this call, in
        which a snapshot's partition gives both its camps and its frustration.
    layouts : LayoutCache, optional
        The layouts computed so far (a build's); default: computed afresh.

    Examples
    --------
    >>> from network import load
    >>> fd = figure_data(load("tests/data/mini.yaml"))
    >>> fd.small_multiples.grid, [n.id for n in fd.years[0].nodes if not n.active]
    ((2, 2), ['mao', 'pla', 'shehu'])
    """
    if level not in LEVELS:
        raise ValueError(f"unknown level {level!r}; choose from {', '.join(LEVELS)}")
    if size_by not in SIZE_MEASURES:
        raise ValueError(f"unknown measure {size_by!r}; choose from {', '.join(SIZE_MEASURES)}")
    poles = dataset.poles if poles is None else tuple(poles)
    focal = dataset.focal if focal is None else focal
    year_snaps = snapshots(dataset, by=figure_years(dataset), level=level, mode=mode, half_life=half_life)
    period_snaps = (
        snapshots(dataset, by=period_windows(dataset), level=level, mode=mode, half_life=half_life)
        if dataset.periods
        else []
    )
    nodes = {n for s in year_snaps + period_snaps for n in s.graph}
    positions = layout_for(dataset, level=level, poles=poles, seed=seed, nodes=nodes, layouts=layouts)
    grid, scale = _small_scale(len(year_snaps))
    partitions = PartitionCache() if partitions is None else partitions
    years = _snapshot_views(dataset, year_snaps, positions, poles, size_by, "year", partitions)
    periods = _snapshot_views(dataset, period_snaps, positions, poles, size_by, "period", partitions)
    routed = _route_edges(years + periods, positions)
    years, periods = routed[: len(years)], routed[len(years) :]
    priority = label_priority(record_ties(dataset, level), poles, focal)
    first_named = len({*poles, focal} & set(priority))
    key_actors, sure = priority[: first_named + _KEY_ACTORS], priority[: first_named + _SURE_ACTORS]
    panels = _label_views(years, priority, _panel_geometry(scale), scale, only=key_actors, sure=sure)
    years = _label_views(years, priority, label_geometry(), sure=sure)
    periods = _label_views(periods, priority, label_geometry(), sure=sure)
    first, last = year_snaps[0].window.id, year_snaps[-1].window.id
    width = style.FIGSIZE["small_multiples"][0] - 0.3
    small = SmallMultiplesView(
        title=f"Year by year, {first} to {last}: who cooperated with and who opposed whom ({level} level)",
        subtitle=_fit(
            f"Every actor keeps its place in every year, so what changes is the ties. Node area: "
            f"{measure_phrase(size_by)} in the year; line width: |net weight|; one scale for all "
            f"years.",
            width,
            style.FONT["subtitle"],
        ),
        caption=_fit(
            f"{_source_text(dataset)} {_coded(dataset)} {_LEVEL_NAMES[level].capitalize()}. "
            + (
                "Colour: each actor's camp towards the poles in the year, as the legend says (a camp is not "
                "an alliance). "
                if poles
                else ""
            )
            + f"Labelled wherever active: the poles, the focal actor and the {_SURE_ACTORS} actors with the "
            f"most ties over the whole record (in smaller type where crowded), and the next "
            f"{_KEY_ACTORS - _SURE_ACTORS} as many as fit; the full-size snapshot of each year names "
            f"every actor there is room for.",
            width,
            style.FONT["caption"],
        ),
        panels=tuple(panels),
        grid=grid,
        scale=round(scale, 4),
        legend_blocs=tuple((k, text.replace("\n", " ")) for k, text in years[0].legend_blocs)
        if years
        else (),
        size_examples=years[0].size_examples if years else (),
        size_title="Node area",
    )
    return FigureData(
        level=level,
        years=tuple(years),
        periods=tuple(periods),
        small_multiples=small,
        bump=bump_view(dataset, period_snaps or year_snaps, poles=poles),
        positions=positions,
    )


# --------------------------------------------------------------------------- time lines


def alignment_view(
    dataset: Dataset,
    focal: str | None = None,
    poles: Sequence[str] | None = None,
    level: str = "state",
    mode: str = "window",
    half_life: float = HALF_LIFE,
) -> AlignmentView | None:
    """The focal actor's alignment score with each pole per year; None if an actor is missing.

    The focal actor and the poles are the dataset's (``framing:``) unless given;
    None without them.

    Examples
    --------
    >>> from network import load
    >>> v = alignment_view(load("tests/data/mini.yaml"))
    >>> [(s.key, s.y, s.ties) for s in v.series][1]
    ('china', (None, 0.5, 0.45, None), (0, 1, 3, 0))
    >>> v.series[1].low, v.series[1].high
    ((None, -0.707, -0.468, None), (None, 1.0, 0.975, None))
    """
    focal = dataset.focal if focal is None else focal
    poles = dataset.poles if poles is None else tuple(poles)
    if focal is None or not poles:
        return None
    snaps = snapshots(dataset, by=figure_years(dataset), level=level, mode=mode, half_life=half_life)
    try:
        rows = alignment(snaps, focal, poles)
    except ValueError:
        return None
    years = tuple(int(s.period) for s in snaps)
    most = max((r["ties"] for r in rows), default=0) or 1
    series = []
    for i, pole in enumerate(poles):
        mine = [r for r in rows if r["pole"] == pole]
        series.append(
            Series(
                key=pole,
                label=f"with {dataset.actor_name(pole)}",
                style=i,
                x=tuple(round(y + 0.5 + (i - (len(poles) - 1) / 2) * _DODGE, 4) for y in years),
                y=tuple(None if r["score"] is None else round(float(r["score"]), 6) for r in mine),
                ties=tuple(int(r["ties"]) for r in mine),
                sizes=tuple(round(30.0 + 330.0 * r["ties"] / most, 2) for r in mine),
                low=tuple(r["low"] for r in mine),
                high=tuple(r["high"] for r in mine),
            )
        )
    fig_w = style.FIGSIZE["timeline"][0]
    bands, lanes, key = _period_bands(dataset, years[0], years[-1], fig_w * style.TIMELINE_AXES[2])
    name = dataset.actor_name(focal)
    column = fig_w * (1 - style.TIMELINE_AXES[0] - style.TIMELINE_AXES[2]) - 0.3
    text_w = fig_w * (0.99 - style.TIMELINE_AXES[0])
    return AlignmentView(
        title=f"{name} between {_and([dataset.actor_name(p) for p in poles])}, year by year",
        subtitle=_fit(
            "Score: the cooperative share of the ties between "
            f"{name} and each side (Jeffreys estimate), 1 only cooperation, \u22121 only hostility; "
            "bar: its 95% interval, long where the ties are few.",
            text_w,
            style.FONT["subtitle"],
        ),
        caption=_fit(
            f"{_source_text(dataset)} {_coded(dataset)} {_LEVEL_NAMES[level].capitalize()}. No point: "
            f"no tie that year. {key}",
            text_w,
            style.FONT["caption"],
        ),
        ylabel=f"alignment of {name}",
        series=tuple(series),
        periods=bands,
        lanes=lanes,
        years=years,
        xlim=(years[0], years[-1] + 1.0),
        size_note=_fit("Marker area and number: the ties behind the score", column, style.FONT["annotation"]),
    )


def balance_view(
    dataset: Dataset,
    levels: Sequence[str] = LEVELS,
    mode: str = "window",
    half_life: float = HALF_LIFE,
    *,
    partitions: PartitionCache | None = None,
) -> BalanceView:
    """Triangle balance and the frustration index per year, one panel per level.

    ``partitions`` holds the partitions solved so far (a build's; default: solved afresh).

    ``edge_balance`` is ``1 - frustration / edges``: the share of signed
    edges that agree with the best two-bloc split; like triangle balance it
    is 1 for a balanced graph.

    Examples
    --------
    >>> from network import load
    >>> p = balance_view(load("tests/data/mini.yaml"), levels=["state"]).panels[0]
    >>> p.edge_balance, p.frustration, p.edges, p.triangles
    ((1.0, 1.0, 1.0, 1.0), (0, 0, 0, 0), (2, 2, 2, 2), (0, 0, 0, 0))
    """
    windows = figure_years(dataset)
    panels = []
    for level in levels:
        snaps = snapshots(dataset, by=windows, level=level, mode=mode, half_life=half_life)
        tb, tri, eb, fr, ed = [], [], [], [], []
        for s in snaps:
            share, triangles, frus, edges = _balance(s, partitions)
            tb.append(None if share is None else round(share, 6))
            tri.append(triangles)
            eb.append(None if edges == 0 else round(1.0 - frus / edges, 6))
            fr.append(frus)
            ed.append(edges)
        panels.append(
            BalanceSeries(
                level,
                f"{level} level",
                tuple(int(w.id) + 0.5 for w in windows),
                tuple(tb),
                tuple(tri),
                tuple(eb),
                tuple(fr),
                tuple(ed),
            )
        )
    years = tuple(int(w.id) for w in windows)
    fig_w = style.FIGSIZE["timeline"][0]
    panel_w = fig_w * (_BALANCE_RIGHT - _BALANCE_LEFT) / max(len(levels), 1) * (0.9 if len(levels) > 1 else 1)
    bands, lanes, key = _period_bands(dataset, years[0], years[-1], panel_w)
    return BalanceView(
        title="How balanced was the network? Year by year",
        subtitle=_fit(
            "1 = balanced: the actors split into two camps, friendly within and hostile between "
            "(Cartwright & Harary 1956).",
            fig_w - 0.3,
            style.FONT["subtitle"],
        ),
        caption=_fit(
            f"{_source_text(dataset)} {_coded(dataset)} Triangle balance: the share of triangles with "
            "an even number of hostile ties (number: triangles). Edge balance: 1 \u2212 frustration / "
            "edges, the share of ties that fit the best two-bloc split (numbers: frustration / edges). "
            f"No point: no triangle or no tie. {key}",
            fig_w - 0.3,
            style.FONT["caption"],
        ),
        panels=tuple(panels),
        years=years,
        xlim=(years[0], years[-1] + 1.0),
        periods=bands,
        lanes=lanes,
        box=(_BALANCE_LEFT, _BALANCE_RIGHT),
    )
