"""Where actors sit and how ties and actors look: the figures' layout and style, in the page's units.

The explorer and the lesson pages draw what the snapshot figures draw: the
positions of :func:`network.output.layout.layout_for`, the colours, dashes, widths
and marker sizes of :mod:`network.output.style`. Drawings are in points (1/72 in)
at the size of a snapshot figure's network axes, which show exactly
``style.FRAME``; a page scales the whole drawing to fit.

Examples
--------
>>> from network import load
>>> ds = load("tests/data/mini.yaml")
>>> pos = positions(ds, level="state")
>>> v = view()
>>> pos["ussr"][0] < pos["albania"][0] < pos["china"][0] < v["width"]
True
>>> look(("ussr", "china"), {"ussr": "Soviet Union", "china": "China"})["bloc"]["enemy0"]["label"]
"on Soviet Union's side only through shared enemies"
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from network.dataset.model import Dataset
from network.measures.choices import INVOLVEMENT

if TYPE_CHECKING:
    from network.output.layout import LayoutCache
    from network.timeline.snapshots import Snapshot

__all__ = [
    "positions",
    "look",
    "view",
    "Scales",
    "bends",
    "routes",
    "label_order",
    "LABEL_SCALE",
]

#: Labels on a page are this much larger than in the figures, to be read on a projector.
LABEL_SCALE = 1.25
_DIGITS = 2


def _label_points() -> float:
    """Size in points of an actor's label on a page."""
    from network.output import style

    return float(style.FONT["label"]) * LABEL_SCALE  # type: ignore[arg-type]


def view() -> dict[str, float]:
    """The drawing's size in points: the figures' network frame plus a margin for labels.

    Returns
    -------
    dict
        ``width``, ``height`` (the whole drawing), ``margin`` (around the
        frame), ``scale`` (points per layout unit).
    """
    from network.output import style

    frame_w = style.FRAME["x1"] - style.FRAME["x0"]
    frame_h = style.FRAME["y1"] - style.FRAME["y0"]
    scale = style.FIGSIZE["snapshot"][0] * style.SNAPSHOT_AXES[2] * 72 / frame_w
    margin = 2.5 * _label_points()
    return {
        "width": round(frame_w * scale + 2 * margin, _DIGITS),
        "height": round(frame_h * scale + 2 * margin, _DIGITS),
        "margin": round(margin, _DIGITS),
        "scale": round(scale, _DIGITS),
    }


def positions(
    dataset: Dataset,
    level: str = "person",
    poles: Sequence[str] | None = None,
    seed: int = 0,
    nodes: Iterable[str] = (),
    layouts: LayoutCache | None = None,
) -> dict[str, tuple[float, float]]:
    """Every actor's position in the drawing, in points from the top left (y grows downwards).

    The layout is :func:`network.output.layout.layout_for` (the figures' own), so
    an actor sits where the snapshot figures put it.

    Parameters
    ----------
    dataset : Dataset
        The loaded dataset.
    level : {"person", "state"}
        Snapshot level.
    poles : sequence of str, optional
        Pinned by the layout (default: the dataset's ``framing: poles``).
    seed : int
        Seed of the layout.
    nodes : iterable of str
        Further actors to place.
    layouts : LayoutCache, optional
        The layouts computed so far (a build's; default: computed afresh).
    """
    from network.output import style
    from network.output.layout import layout_for

    v = view()
    raw = layout_for(dataset, level=level, poles=poles, seed=seed, nodes=nodes, layouts=layouts)
    x0, y1 = style.FRAME["x0"], style.FRAME["y1"]
    return {
        n: (
            round(v["margin"] + (x - x0) * v["scale"], _DIGITS),
            round(v["margin"] + (y1 - y) * v["scale"], _DIGITS),
        )
        for n, (x, y) in sorted(raw.items())
    }


def _dash(pattern: tuple[float, ...] | None) -> list[float]:
    return [float(x) for x in pattern] if pattern else []


def look(poles: Sequence[str] = (), names: Mapping[str, str] | None = None) -> dict[str, Any]:
    """Colours, dashes, widths, sizes and fonts of :mod:`network.output.style`, as the pages use them.

    Parameters
    ----------
    poles : sequence of str
        The poles, to name them in the camps' legend.
    names : mapping, optional
        Actor id -> name, for those legend entries.

    Returns
    -------
    dict
        ``sign``: ``"1"``, ``"-1"``, ``"0"`` -> ``colour``, ``dash`` (in
        multiples of the line width, ``[]`` = solid), ``alpha``, ``label``;
        ``edge_width``: points of the lightest and heaviest edge; ``bloc``:
        camp key (:func:`network.measures.camps.camp_key`) -> ``colour``, ``name``, ``label``
        (:func:`network.measures.camps.legend_text`); ``camps``: what a camp is, in a
        sentence; ``node``, ``inactive``, ``node_size`` (marker areas in
        points^2; the diameter is the square root), ``font`` (label size in
        points), ``text``, ``view`` (:func:`view`).
    """
    from network.measures.camps import CAMP_EXPLAINED, legend_text
    from network.output import style

    names = names or {}
    pole_names = [names.get(p, p) for p in poles]
    edge = {str(sign): style.EDGE[kind] for sign, kind in style.EDGE_KIND.items()}
    return {
        "sign": {
            k: {"colour": e["color"], "dash": _dash(e["dash"]), "alpha": e["alpha"], "label": e["label"]}
            for k, e in edge.items()
        },
        "edge_width": list(style.EDGE_WIDTH),
        "bloc": {
            k: {"colour": b["color"], "name": b["name"], "label": legend_text(k, pole_names)}
            for k, b in style.BLOC.items()
        },
        "camps": CAMP_EXPLAINED,
        "node": {
            "edge": style.NODE["edgecolor"],
            "width": style.NODE["linewidth"],
            "pole_width": style.NODE["pole_linewidth"],
            "label": style.NODE["label_color"],
        },
        "inactive": {
            "alpha": style.INACTIVE["alpha"],
            "label": style.INACTIVE["label_color"],
            "size": style.INACTIVE["size"],
        },
        "node_size": list(style.NODE_SIZE),
        "font": round(_label_points(), _DIGITS),
        "line": style.LABEL["line_em"],
        "pad": style.LABEL["pad_pt"],
        "text": dict(style.TEXT),
        "view": view(),
    }


@dataclass(frozen=True)
class Scales:
    """One scale of marker areas and line widths for a set of snapshots, as the figures draw them.

    ``node_top`` is the involvement drawn in the largest marker, ``edge_top`` the |net weight|
    drawn in the widest line (:func:`network.output.style.node_top`,
    :func:`network.output.style.edge_top`).

    Examples
    --------
    >>> sc = Scales(node_top=10.0, edge_top=4.0)
    >>> sc.area({"involvement": 10.0}), sc.area(None), sc.width(-2.0)
    (900.0, 60.0, 4.0)
    """

    node_top: float
    edge_top: float

    @classmethod
    def of(cls, snaps: Iterable[Snapshot], rows: Iterable[Mapping[str, Any]]) -> Scales:
        """The scale of ``snaps``, given their centrality ``rows``
        (:func:`network.measures.centrality.centrality`)."""
        from network.output import style

        return cls(
            node_top=style.node_top(style.size_value(r[INVOLVEMENT]) for r in rows),
            edge_top=style.edge_top(d["weight"] for s in snaps for *_, d in s.graph.edges(data=True)),
        )

    def area(self, row: Mapping[str, Any] | None) -> float:
        """Marker area in points^2 of an actor with centrality ``row`` (None: no tie, drawn faded)."""
        from network.output import style

        if row is None:
            return float(style.INACTIVE["size"])
        return style.node_area(style.size_value(row[INVOLVEMENT]), self.node_top)

    def width(self, weight: float) -> float:
        """Line width in points of a dyad of net ``weight``."""
        from network.output import style

        return style.edge_width(weight, self.edge_top)

    def widest(self, snaps: Iterable[Snapshot]) -> float:
        """The widest line drawn in ``snaps``."""
        return max(
            (self.width(d["weight"]) for s in snaps for *_, d in s.graph.edges(data=True)), default=0.0
        )


def bends(
    pos: Mapping[str, tuple[float, float]],
    snaps: Sequence[Snapshot],
    rows: Iterable[Mapping[str, Any]],
    scales: Scales,
) -> dict[tuple[str, str], tuple[float, float] | None]:
    """:func:`routes` of every dyad of ``snaps``, each line kept off every node at its largest marker.

    One route per dyad for all of ``snaps`` (keys ``(u, v)`` with ``u < v``), so a line keeps its
    shape from one snapshot to the next, as in the figures.
    """
    from network.output import style

    biggest = {n: float(style.INACTIVE["size"]) for s in snaps for n in s.graph}
    for r in rows:
        biggest[r["actor"]] = max(biggest[r["actor"]], scales.area(r))
    dyads = sorted({(min(a, b), max(a, b)) for s in snaps for a, b in s.graph.edges()})
    radii = {n: style.marker_radius(a) for n, a in biggest.items()}
    return routes(pos, dyads, radii, scales.widest(snaps))


def routes(
    pos: Mapping[str, tuple[float, float]],
    dyads: Iterable[tuple[str, str]],
    radii: Mapping[str, float],
    widest: float,
) -> dict[tuple[str, str], tuple[float, float] | None]:
    """Each dyad's curve control point in the drawing (None: straight), clear of the other nodes.

    :func:`network.output.layout.edge_routes` in the page's points: a line keeps
    half the widest line plus the label pad off every node's largest
    marker (``radii``, points), and stays inside the drawing.

    Examples
    --------
    >>> pos = {"a": (10.0, 50.0), "b": (90.0, 50.0), "c": (50.0, 50.0)}
    >>> routes(pos, [("a", "b")], {"c": 5.0}, widest=2.0)[("a", "b")] is not None
    True
    """
    from network.output import style
    from network.output.layout import edge_routes

    v = view()
    room = {n: r + widest / 2 + float(style.LABEL["pad_pt"]) for n, r in radii.items()}
    out = edge_routes(pos, dyads, room, frame=(0.0, v["width"], 0.0, v["height"]))
    return {k: None if c is None else (round(c[0], _DIGITS), round(c[1], _DIGITS)) for k, c in out.items()}


def label_order(ties: Mapping[str, int], poles: Sequence[str], focal: str | None = None) -> list[str]:
    """Actors in the order their labels claim room: the poles, the focal actor, then by ties over the record.

    Examples
    --------
    >>> label_order({"a": 3, "b": 9, "c": 1}, ["c"])
    ['c', 'b', 'a']
    """
    from network.figures.data import label_priority

    return label_priority(dict(ties), poles, focal if focal is not None else "")
