"""One stable layout for every period: nodes stay put, so what moves between snapshots is the ties.

The positions are computed once, on the union of the snapshots (every tie of
every period), with a seeded force-directed layout: cooperation pulls two
actors together, hostility pushes them apart, a member is pulled weakly
towards what it belongs to (a person to its state), and the dataset's poles
(``framing: poles``) are pinned on the horizontal axis in their order, the
first at ``x = -1`` and the last at ``x = +1``, so that an actor's horizontal
position itself reads as its alignment over the whole record. A final
deterministic pass moves nodes apart until no two node labels (as drawn in
the snapshot figures) overlap, where space allows.

This is computation, not drawing: the figures (:mod:`network.figures`) and the
HTML explorer both call :func:`layout_for` and so show the same positions.

Examples
--------
>>> from network import load
>>> pos = layout_for(load("tests/data/mini.yaml"), level="state")
>>> pos["ussr"], pos["china"]
((-1.0, 0.0), (1.0, 0.0))
>>> pos == layout_for(load("tests/data/mini.yaml"), level="state")
True
"""

from __future__ import annotations

import math
import textwrap
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass

import networkx as nx
import numpy as np

from network.dataset.model import Dataset
from network.output import style
from network.timeline.snapshots import LEVELS, Snapshot, snapshots
from network.timeline.windows import Window

__all__ = [
    "stable_layout",
    "layout_for",
    "LayoutCache",
    "union_graph",
    "label_text",
    "LabelGeometry",
    "label_geometry",
    "label_boxes",
    "text_width",
    "overlaps",
    "edge_routes",
    "place_labels",
    "label_box",
    "LABEL_SIDES",
    "routes_for",
    "route_points",
    "clearance",
    "pole_x",
    "DECIMALS",
]

#: Positions are rounded to this many decimals, so that output is stable across runs.
DECIMALS = 4
_ITERATIONS = 500
_NEGATIVE_PUSH = 2.0  # extra repulsion of a hostile dyad, relative to the general one
_PARENT_PULL = 0.35  # pull of a member towards what it belongs to (a full-weight tie is 1)
_GRAVITY = 0.04  # pull of every node towards the centre, keeps isolates in the frame
_OVERLAP_SWEEPS = 3000
_PREFER_VERTICAL = 3.0  # move a pair apart vertically unless its x overlap is this much smaller
_RELAX = 0.6  # share of the summed pushes applied per sweep (less oscillation)
_EDGE_CLEARANCE = 1.3  # a node keeps this many marker radii off any edge it is not an end of,
_EDGE_SWEEPS = 300  # in the first sweeps; after them only labels are kept apart
#: Where a label may go, in order of preference: the four sides of its marker, then the corners.
LABEL_SIDES = ("below", "above", "right", "left", "below-right", "below-left", "above-right", "above-left")
_ROUTE_BENDS = tuple(round(0.06 * k, 2) for k in range(1, 17))  # control point offsets tried, in lengths
_ROUTE_SAMPLES = 24  # a curved edge is checked (and drawn as) this many straight pieces
_OVERLAP_MAX_NODES = 600  # above this many nodes, labels are not placed (figures do not label them all)
#: Advance widths in ems of the printable ASCII characters (32-126) in DejaVu Sans.
_ASCII_WIDTHS = (
    ".318 .401 .460 .838 .636 .950 .780 .275 .390 .390 .500 .838 .318 .361 .318 .337 .636 .636 .636 .636 "
    ".636 .636 .636 .636 .636 .636 .337 .337 .838 .838 .838 .531 1.000 .684 .686 .698 .770 .631 .575 .775 "
    ".752 .295 .295 .656 .557 .863 .748 .787 .603 .787 .695 .635 .611 .732 .684 .989 .685 .611 .685 .390 "
    ".337 .390 .838 .500 .500 .613 .635 .550 .635 .615 .352 .635 .634 .278 .279 .579 .278 .974 .634 .611 "
    ".635 .635 .412 .521 .392 .634 .592 .818 .592 .592 .525 .637 .337 .636 .838"
)
_WIDTHS = {chr(32 + i): float(w) for i, w in enumerate(_ASCII_WIDTHS.split())}
_WIDTH_OTHER = 0.70  # any other character (accented letters are about as wide as their base)
_WIDTH_MARGIN = 1.05  # rendered text runs a little wider than its advances (hinting, ink)


@dataclass(frozen=True)
class LabelGeometry:
    """Sizes in layout units of a node and of its label as drawn below it.

    Attributes
    ----------
    em : float
        The label font's size (one em); a text's width is :func:`text_width` ems.
    line_height : float
        Height of one line of a node label.
    radius : float
        Radius of the largest node marker.
    pad : float
        Gap between the marker and its label, and the margin kept between boxes.
    """

    em: float
    line_height: float
    radius: float
    pad: float


def label_geometry() -> LabelGeometry:
    """The label geometry of the snapshot figures, from :mod:`network.output.style`.

    The network axes of a snapshot show exactly :data:`network.output.style.FRAME`
    on a box of ``style.SNAPSHOT_AXES`` of the figure, so one inch on paper is
    a fixed number of layout units.

    Examples
    --------
    >>> g = label_geometry()
    >>> 0 < g.em < g.line_height < 0.2
    True
    """
    fig_w, _ = style.FIGSIZE["snapshot"]
    frame_w = style.FRAME["x1"] - style.FRAME["x0"]
    units_per_inch = frame_w / (fig_w * style.SNAPSHOT_AXES[2])
    em = style.FONT["label"] / 72 * units_per_inch
    radius = style.marker_radius(style.NODE_SIZE[1]) / 72 * units_per_inch
    return LabelGeometry(
        em=em,
        line_height=style.LABEL["line_em"] * em,
        radius=radius,
        pad=style.LABEL["pad_pt"] / 72 * units_per_inch,
    )


def label_text(name: str, aliases: Sequence[str] = (), width: int | None = None) -> str:
    """The label drawn for an actor: its name, an abbreviation if the name is long, wrapped.

    A name longer than ``width`` (default ``style.LABEL["wrap"]``) is replaced
    by an alias that is an abbreviation (capitals, at most 6 letters), if the
    actor has one, else wrapped on spaces.

    Examples
    --------
    >>> label_text("Council for Economic Mutual Assistance", ("CEMA", "Comecon"))
    'CEMA'
    >>> label_text("anti-Hoxha forces")
    'anti-Hoxha\\nforces'
    >>> label_text("Albania")
    'Albania'
    """
    width = style.LABEL["wrap"] if width is None else width
    if len(name) <= width:
        return name
    for alias in aliases:
        letters = alias.replace(".", "")
        if 2 <= len(letters) <= 6 and letters.isalpha() and letters.isupper():
            return alias
    return "\n".join(textwrap.wrap(name, width=width, break_long_words=False, break_on_hyphens=False))


def union_graph(snaps: Iterable[Snapshot]) -> nx.Graph:
    """Every node of every snapshot; an edge per dyad with ``pos`` and ``neg`` summed over them.

    Examples
    --------
    >>> from network import load
    >>> from network.timeline.snapshots import snapshots
    >>> u = union_graph(snapshots(load("tests/data/mini.yaml"), level="state"))
    >>> u.edges["albania", "ussr"]["pos"], u.edges["albania", "ussr"]["neg"]
    (11.0, 4.0)
    """
    u = nx.Graph()
    for snap in snaps:
        g = snap.graph
        for n, d in g.nodes(data=True):
            if n not in u:
                u.add_node(n, name=d.get("name", n))
        for a, b, d in g.edges(data=True):
            if u.has_edge(a, b):
                u.edges[a, b]["pos"] += d["pos"]
                u.edges[a, b]["neg"] += d["neg"]
            else:
                u.add_edge(a, b, pos=float(d["pos"]), neg=float(d["neg"]))
    return u


def _weights(
    u: nx.Graph, nodes: list[str], index: dict[str, int], parents: Mapping[str, str]
) -> tuple[np.ndarray, np.ndarray]:
    n = len(nodes)
    pos = np.zeros((n, n))
    neg = np.zeros((n, n))
    for a, b, d in u.edges(data=True):
        i, j = index[a], index[b]
        pos[i, j] = pos[j, i] = d["pos"]
        neg[i, j] = neg[j, i] = d["neg"]
    # compress: a dyad with many ties should not collapse onto itself
    top = max(pos.max(initial=0.0), neg.max(initial=0.0))
    if top > 0:
        pos = np.sqrt(pos / top)
        neg = np.sqrt(neg / top)
    for child in sorted(parents):
        parent = parents[child]
        if child in index and parent in index and child != parent:
            i, j = index[child], index[parent]
            pos[i, j] = pos[j, i] = pos[i, j] + _PARENT_PULL
    return pos, neg


def _forces(
    pos_w: np.ndarray, neg_w: np.ndarray, fixed: dict[int, tuple[float, float]], seed: int
) -> np.ndarray:
    """A Fruchterman-Reingold layout with signed edges, pinned nodes and a frame; seeded."""
    n = pos_w.shape[0]
    x0, x1, y0, y1 = (style.FRAME[k] for k in ("x0", "x1", "y0", "y1"))
    lo = np.array([x0, y0]) * 0.97
    hi = np.array([x1, y1]) * 0.97
    rng = np.random.default_rng(seed)
    xy = rng.uniform(lo * 0.6, hi * 0.6, size=(n, 2))
    pinned = np.array(sorted(fixed), dtype=int)
    if len(pinned):
        xy[pinned] = [fixed[i] for i in pinned]
    k = 0.75 * math.sqrt((x1 - x0) * (y1 - y0) / max(n, 1))
    temperature = 0.12 * (x1 - x0)
    step = temperature / (_ITERATIONS + 1)
    for _ in range(_ITERATIONS):
        delta = xy[:, None, :] - xy[None, :, :]
        dist2 = np.maximum((delta**2).sum(axis=2), 1e-4)
        dist = np.sqrt(dist2)
        repel = k * k / dist2 * (1.0 + _NEGATIVE_PUSH * neg_w)
        attract = pos_w * dist / k
        np.fill_diagonal(repel, 0.0)
        coeff = repel - attract
        disp = (delta * coeff[:, :, None]).sum(axis=1) - _GRAVITY * n * xy * k
        length = np.maximum(np.sqrt((disp**2).sum(axis=1)), 1e-12)
        xy += disp * (np.minimum(length, temperature) / length)[:, None]
        np.clip(xy, lo, hi, out=xy)
        if len(pinned):
            xy[pinned] = [fixed[i] for i in pinned]
        temperature -= step
    return xy


def text_width(text: str) -> float:
    """Width in ems of ``text`` (its longest line) set in DejaVu Sans, the figures' font.

    Examples
    --------
    >>> round(text_width("CEMA"), 3), round(text_width("Mehmet Shehu"), 3)
    (2.876, 7.563)
    """
    return max(sum(_WIDTHS.get(c, _WIDTH_OTHER) for c in line) for line in text.split("\n"))


def _fill_frame(xy: np.ndarray, share: float = 0.9) -> np.ndarray:
    """Centre the positions in the frame and scale them to fill ``share`` of it (no pole pins the scale)."""
    lo, hi = xy.min(axis=0), xy.max(axis=0)
    span = np.where(hi - lo > 1e-9, hi - lo, 1.0)
    x0, x1, y0, y1 = (style.FRAME[k] for k in ("x0", "x1", "y0", "y1"))
    size = np.array([x1 - x0, y1 - y0]) * share
    centre = np.array([(x0 + x1) / 2, (y0 + y1) / 2])
    return centre + (xy - (lo + hi) / 2) * (size / span)


def label_boxes(
    xy: np.ndarray, labels: Sequence[str], geometry: LabelGeometry, radii: Sequence[float] | None = None
) -> np.ndarray:
    """Box ``(x0, y0, x1, y1)`` per node around its marker and its label, centred below it.

    ``radii`` are the markers' radii (default ``geometry.radius`` for all).

    Examples
    --------
    >>> g = LabelGeometry(em=0.1, line_height=0.2, radius=0.05, pad=0.0)
    >>> label_boxes(np.array([[0.0, 0.0]]), ["CEMA"], g).round(2).tolist()
    [[-0.15, -0.25, 0.15, 0.05]]
    """
    return _boxes(xy, _extents(labels, geometry, radii))


def _extents(
    labels: Sequence[str], geometry: LabelGeometry, radii: Sequence[float] | None = None
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Per node: the marker's radius, the box's half width, and how far it reaches below the centre.

    They depend on the labels only, not on where the nodes are, so
    :func:`_separate` measures them once for all its sweeps.
    """
    r = np.full(len(labels), geometry.radius) if radii is None else np.asarray(radii, dtype=float)
    half = np.maximum(r, np.array([text_width(t) * _WIDTH_MARGIN * geometry.em / 2 for t in labels]))
    below = r + geometry.pad + np.array([(t.count("\n") + 1) * geometry.line_height for t in labels])
    return r, half, below


def _boxes(xy: np.ndarray, extents: tuple[np.ndarray, np.ndarray, np.ndarray]) -> np.ndarray:
    """The boxes of :func:`label_boxes`, from the :func:`_extents` of the labels."""
    r, half, below = extents
    return np.column_stack([xy[:, 0] - half, xy[:, 1] - below, xy[:, 0] + half, xy[:, 1] + r])


def overlaps(boxes: np.ndarray, margin: float = 0.0) -> list[tuple[int, int]]:
    """Pairs of boxes ``(x0, y0, x1, y1)`` closer than ``margin``, in order.

    Examples
    --------
    >>> overlaps(np.array([[0, 0, 1, 1], [0.5, 0.5, 2, 2], [3, 3, 4, 4]]))
    [(0, 1)]
    """
    out = []
    for i in range(len(boxes)):
        bi = boxes[i]
        for j in range(i + 1, len(boxes)):
            bj = boxes[j]
            if (
                bi[0] < bj[2] + margin
                and bj[0] < bi[2] + margin
                and bi[1] < bj[3] + margin
                and bj[1] < bi[3] + margin
            ):
                out.append((i, j))
    return out


def _off_edges(xy: np.ndarray, ends: np.ndarray, nodes: np.ndarray, clearance: float) -> np.ndarray | None:
    """Pushes that move each node off the edges passing closer than ``clearance`` to its centre (or None)."""
    p, q, w = xy[ends[:, 0]], xy[ends[:, 1]], xy[nodes]
    seg = q - p
    length2 = np.maximum((seg**2).sum(axis=1), 1e-12)
    t = ((w - p) * seg).sum(axis=1) / length2
    inner = (t > 0.02) & (t < 0.98)
    closest = p + np.clip(t, 0, 1)[:, None] * seg
    away = w - closest
    dist = np.sqrt((away**2).sum(axis=1))
    near = inner & (dist < clearance)
    if not near.any():
        return None
    normal = np.column_stack([-seg[:, 1], seg[:, 0]]) / np.sqrt(length2)[:, None]
    side = np.where((away * normal).sum(axis=1) >= 0, 1.0, -1.0)
    move = normal * (side * (clearance - dist))[:, None]
    push = np.zeros_like(xy)
    np.add.at(push, nodes[near], move[near])
    return push


def _separate(
    xy: np.ndarray,
    labels: Sequence[str],
    pinned: set[int],
    geometry: LabelGeometry,
    edges: Sequence[tuple[int, int]] = (),
) -> np.ndarray:
    """Move overlapping node-and-label boxes apart, mostly vertically, inside the frame; pinned nodes stay.

    Every sweep finds all overlapping pairs and moves each pair apart by its
    overlap, along y unless the x overlap is much smaller (the x position
    carries the alignment), both nodes half way or a free node all the way
    from a pinned one; in the second half of the sweeps, along the smaller
    overlap, to get out of corners. In the first sweeps a free node lying on
    an edge between two others (so that the edge would seem to end at it) is
    moved off it too, where that does not fight the labels.
    """
    x0, x1, y0, y1 = (style.FRAME[k] for k in ("x0", "x1", "y0", "y1"))
    xy = xy.copy()
    n = len(xy)
    extents = _extents(labels, geometry)
    boxes = _boxes(xy, extents)
    lo = np.column_stack([x0 + (xy[:, 0] - boxes[:, 0]), y0 + (xy[:, 1] - boxes[:, 1])])
    hi = np.column_stack([x1 - (boxes[:, 2] - xy[:, 0]), y1 - (boxes[:, 3] - xy[:, 1])])
    free = np.array([m not in pinned for m in range(n)])
    xy[free] = np.clip(xy[free], lo[free], hi[free])
    first, second = np.triu_indices(n, 1)
    ends = np.array(edges, dtype=int).reshape(-1, 2)
    # (edge, node) pairs to keep apart: every free node not an end of the edge
    on_e, on_n = np.nonzero(
        (np.arange(n)[None, :] != ends[:, :1]) & (np.arange(n)[None, :] != ends[:, 1:]) & free[None, :]
    )
    clearance = geometry.radius * _EDGE_CLEARANCE
    # The sweep is the same map of the positions within a phase (edges pushed or not; vertical
    # preferred or not). Once the positions repeat, exactly, after one or two sweeps of one phase,
    # they alternate so until the phase ends: its remaining sweeps are skipped, to the positions
    # they would end on. The result is the same, bit for bit, as doing them.
    phases = sorted({0, min(_EDGE_SWEEPS, _OVERLAP_SWEEPS), _OVERLAP_SWEEPS // 2, _OVERLAP_SWEEPS})
    seen: list[tuple[int, np.ndarray]] = []  # (sweep, positions before it), the last two
    sweep = 0
    while sweep < _OVERLAP_SWEEPS:
        end = next(p for p in phases if p > sweep)  # the current phase's last sweep + 1
        for back, (then, before) in enumerate(reversed(seen), start=1):
            if (
                then >= sweep - back
                and _phase(then, phases) == _phase(sweep, phases)
                and (np.array_equal(before, xy))
            ):
                # period ``back`` (1 or 2): after ``end - sweep`` more sweeps the positions are
                # those of ``(end - sweep) % back`` sweeps from now
                if (end - sweep) % back:
                    xy = seen[-1][1].copy()
                sweep = end
                break
        else:
            seen = [*seen[-1:], (sweep, xy.copy())]
            xy, stop = _sweep(
                xy, sweep, extents, geometry, free, lo, hi, first, second, ends, on_e, on_n, clearance
            )
            if stop:
                break
            sweep += 1
            continue
        seen = []
    return xy


def _phase(sweep: int, phases: Sequence[int]) -> int:
    """Which phase of :func:`_separate` a sweep belongs to (the index of the phase's start)."""
    return sum(p <= sweep for p in phases)


def _sweep(
    xy: np.ndarray,
    sweep: int,
    extents: tuple[np.ndarray, np.ndarray, np.ndarray],
    geometry: LabelGeometry,
    free: np.ndarray,
    lo: np.ndarray,
    hi: np.ndarray,
    first: np.ndarray,
    second: np.ndarray,
    ends: np.ndarray,
    on_e: np.ndarray,
    on_n: np.ndarray,
    clearance: float,
) -> tuple[np.ndarray, bool]:
    """One sweep of :func:`_separate`: the new positions, and whether nothing was left to move."""
    b = _boxes(xy, extents)
    ox = np.minimum(b[first, 2], b[second, 2]) - np.maximum(b[first, 0], b[second, 0]) + geometry.pad
    oy = np.minimum(b[first, 3], b[second, 3]) - np.maximum(b[first, 1], b[second, 1]) + geometry.pad
    hit = (ox > 0) & (oy > 0) & (free[first] | free[second])
    push = _off_edges(xy, ends[on_e], on_n, clearance) if len(on_e) and sweep < _EDGE_SWEEPS else None
    if not hit.any() and push is None:
        return xy, True
    if push is not None:
        xy[free] = np.clip(xy[free] + _RELAX * push[free], lo[free], hi[free])
    if not hit.any():
        return xy, False
    i, j, ox, oy = first[hit], second[hit], ox[hit], oy[hit]
    vertical = oy <= ox * (_PREFER_VERTICAL if sweep < _OVERLAP_SWEEPS // 2 else 1.0)
    dx = xy[j, 0] - xy[i, 0]
    dy = (b[j, 1] + b[j, 3]) - (b[i, 1] + b[i, 3])
    move = np.zeros((len(i), 2))
    move[:, 1] = np.where(vertical, np.where(dy >= 0, 1.0, -1.0) * oy, 0.0)
    move[:, 0] = np.where(vertical, 0.0, np.where(dx >= 0, 1.0, -1.0) * ox)
    share = np.where(~free[i], 0.0, np.where(~free[j], 1.0, 0.5))
    disp = np.zeros_like(xy)
    np.add.at(disp, i, -move * share[:, None])
    np.add.at(disp, j, move * (1.0 - share)[:, None])
    xy[free] = np.clip(xy[free] + _RELAX * disp[free], lo[free], hi[free])
    return xy, False


def pole_x(count: int) -> tuple[float, ...]:
    """Where ``count`` poles are pinned on the horizontal axis, in drawing order: -1 to +1, evenly.

    >>> pole_x(2), pole_x(3), pole_x(1)
    ((-1.0, 1.0), (-1.0, 0.0, 1.0), (-1.0,))
    """
    if count < 2:
        return (-1.0,) * count
    return tuple(-1.0 + 2.0 * i / (count - 1) for i in range(count))


def stable_layout(
    snaps: Iterable[Snapshot],
    poles: Sequence[str] = (),
    seed: int = 0,
    parents: Mapping[str, str] | None = None,
    labels: Mapping[str, str] | None = None,
    nodes: Iterable[str] = (),
    geometry: LabelGeometry | None = None,
) -> dict[str, tuple[float, float]]:
    """Positions for every actor of ``snaps``, computed once on their union.

    Parameters
    ----------
    snaps : iterable of Snapshot
        The snapshots the positions must serve (their union is laid out).
    poles : sequence of str
        Pinned at ``y = 0`` in their order, from ``x = -1`` to ``x = +1`` (see
        :func:`pole_x`); a pole that is not a node is not pinned (any dataset works).
    seed : int
        Seed of the initial positions; the same inputs and seed give the
        same positions.
    parents : mapping, optional
        Actor -> the actor it belongs to; a member is pulled weakly towards
        it (a person towards its state), so the figures group them.
    labels : mapping, optional
        Actor -> its label as drawn (default: :func:`label_text` of the node's
        ``name``); used to keep labels from overlapping.
    nodes : iterable of str
        Further nodes to place (isolates if they have no ties).
    geometry : LabelGeometry, optional
        Label and marker sizes in layout units (default :func:`label_geometry`).

    Returns
    -------
    dict
        Node -> ``(x, y)`` rounded to :data:`DECIMALS` decimals, inside
        :data:`network.output.style.FRAME`; keys sorted.

    Notes
    -----
    Forces (Fruchterman & Reingold 1991): every pair repels with ``k^2/d``,
    times ``1 + 2 w_neg`` for a hostile dyad; a cooperative dyad attracts
    with ``w_pos d^2 / k``; ``w`` is the square root of the dyad's summed
    weight over the heaviest dyad's. Weak gravity keeps isolates in the
    frame. Then overlapping node-and-label boxes are pushed apart, mostly
    vertically, in a fixed order.

    Examples
    --------
    >>> from network import load
    >>> from network.timeline.snapshots import snapshots
    >>> pos = stable_layout(snapshots(load("tests/data/mini.yaml")), poles=("ussr", "china"))
    >>> pos["ussr"][0] < pos["albania"][0] < pos["china"][0]
    True

    References
    ----------
    .. [1] Fruchterman, T. M. J. and Reingold, E. M. (1991). Graph drawing by
       force-directed placement. *Software: Practice and Experience* 21(11): 1129-1164.
    """
    u = union_graph(snaps)
    for n in nodes:
        if n not in u:
            u.add_node(n, name=n)
    order = sorted(u)
    if not order:
        return {}
    index = {n: i for i, n in enumerate(order)}
    pos_w, neg_w = _weights(u, order, index, parents or {})
    fixed: dict[int, tuple[float, float]] = {}
    for pole, x in zip(poles, pole_x(len(poles)), strict=True):
        if pole in index:
            fixed[index[pole]] = (x, 0.0)
    xy = _forces(pos_w, neg_w, fixed, seed)
    if not fixed:
        xy = _fill_frame(xy)
    if len(order) <= _OVERLAP_MAX_NODES:
        texts = [(labels or {}).get(n) or label_text(u.nodes[n].get("name", n)) for n in order]
        edges = [(index[a], index[b]) for a, b in sorted(u.edges(), key=lambda e: (index[e[0]], index[e[1]]))]
        xy = _separate(xy, texts, set(fixed), geometry or label_geometry(), edges)
    out = {}
    for n, (x, y) in zip(order, xy, strict=True):
        out[n] = (round(float(x), DECIMALS) + 0.0, round(float(y), DECIMALS) + 0.0)
    return out


def _layout_window(dataset: Dataset) -> Window:
    lo, hi = dataset.span
    for p in dataset.periods:
        lo, hi = min(lo, p.lower), max(hi, p.upper)
    return Window("all", "all", lo, hi)


class LayoutCache:
    """Layouts (:func:`layout_for`) computed once and handed out again, for one dataset object.

    The figures, the explorer and the lesson pages of one build all ask for the same
    layouts; the build makes one cache and passes it to each as ``layouts=``. A layout is
    kept by all it depends on (the level, the poles, the seed, the actors placed besides
    the record's) and by the dataset it was computed from: an entry holds that dataset, so
    an entry is used only for the very same object, never for another dataset that happens
    to reuse its ``id``. Nothing is kept anywhere else: a call given no cache computes the
    layout afresh. ``hits`` and ``misses`` count the layouts handed out again and those computed.

    Examples
    --------
    >>> from network import load
    >>> ds, cache = load("tests/data/mini.yaml"), LayoutCache()
    >>> layout_for(ds, layouts=cache) == layout_for(ds, layouts=cache) == layout_for(ds)
    True
    >>> cache.misses, cache.hits
    (1, 1)
    """

    def __init__(self) -> None:
        self._found: dict[tuple[object, ...], tuple[Dataset, dict[str, tuple[float, float]]]] = {}
        self.hits = 0
        self.misses = 0

    def __len__(self) -> int:
        return len(self._found)

    def __repr__(self) -> str:
        return f"LayoutCache({len(self)} layouts, {self.hits} hits, {self.misses} misses)"

    def get(
        self,
        dataset: Dataset,
        key: tuple[object, ...],
        compute: Callable[[], dict[str, tuple[float, float]]],
    ) -> dict[str, tuple[float, float]]:
        """A copy of the layout of ``dataset`` kept under ``key``, or of ``compute()``'s, kept from now on."""
        full = (id(dataset), *key)
        hit = self._found.get(full)
        if hit is not None and hit[0] is dataset:
            self.hits += 1
            return dict(hit[1])
        self.misses += 1
        out = compute()
        self._found[full] = (dataset, dict(out))
        return out


def layout_for(
    dataset: Dataset,
    level: str = "person",
    poles: Sequence[str] | None = None,
    seed: int = 0,
    nodes: Iterable[str] = (),
    layouts: LayoutCache | None = None,
) -> dict[str, tuple[float, float]]:
    """The positions the figures use: :func:`stable_layout` of every tie of the dataset at ``level``.

    The union is one window over the whole record, with every tie (no
    confidence or type filter), so the positions do not depend on how time
    is cut or which ties are shown. With ``layouts`` (a :class:`LayoutCache`), a layout
    asked for before is handed out again and this one kept; without, it is computed afresh.
    Members are pulled towards the actor
    they belong to first (``member_of``); labels are :func:`label_text` of
    the actors' names and aliases. The poles pinned are ``poles``, by default the
    dataset's (``framing: poles``; none without a framing).

    Examples
    --------
    >>> from network import load
    >>> pos = layout_for(load("tests/data/mini.yaml"))
    >>> sorted(pos)[:3], pos["ussr"]
    (['albania', 'china', 'hoxha'], (-1.0, 0.0))
    """
    if level not in LEVELS:
        raise ValueError(f"unknown level {level!r}; choose from {', '.join(LEVELS)}")
    union = snapshots(dataset, by=[_layout_window(dataset)], level=level)
    # ``nodes`` the union already holds change nothing: the key holds only the others
    present = set(union[0].graph) if union else set()
    extra = frozenset(n for n in nodes if n not in present)
    poles = dataset.poles if poles is None else tuple(poles)

    def compute() -> dict[str, tuple[float, float]]:
        parents = {a.id: a.member_of[0].of for a in dataset.actors.values() if a.member_of}
        labels = {a.id: label_text(a.name, a.aliases) for a in dataset.actors.values()}
        return stable_layout(
            union, poles=poles, seed=seed, parents=parents, labels=labels, nodes=sorted(extra)
        )

    if layouts is None:
        return compute()
    return layouts.get(dataset, (level, tuple(poles), seed, extra), compute)


def clearance(geometry: LabelGeometry | None = None) -> float:
    """How far in layout units an edge keeps from the centre of a node it does not connect.

    The largest marker's radius, half the widest edge line and a gap of
    ``geometry.pad``: so no line drawn touches a node it does not end at,
    whatever its size that year.

    Examples
    --------
    >>> 0 < clearance() < 0.2
    True
    """
    g = geometry or label_geometry()
    units_per_point = g.radius / style.marker_radius(style.NODE_SIZE[1])
    return g.radius + style.EDGE_WIDTH[1] / 2 * units_per_point + g.pad


def route_points(
    start: tuple[float, float],
    end: tuple[float, float],
    bend: tuple[float, float] | None,
    pieces: int = _ROUTE_SAMPLES,
) -> list[tuple[float, float]]:
    """The points an edge is drawn through: its two ends, or a quadratic Bezier curve through ``bend``.

    ``bend`` is the curve's control point (None: a straight line).

    Examples
    --------
    >>> route_points((0.0, 0.0), (2.0, 0.0), None)
    [(0.0, 0.0), (2.0, 0.0)]
    >>> route_points((0.0, 0.0), (2.0, 0.0), (1.0, 1.0), pieces=2)
    [(0.0, 0.0), (1.0, 0.5), (2.0, 0.0)]
    """
    if bend is None:
        return [start, end]
    t = np.linspace(0.0, 1.0, pieces + 1)[:, None]
    pts = (1 - t) ** 2 * np.array(start) + 2 * t * (1 - t) * np.array(bend) + t**2 * np.array(end)
    return [(float(x), float(y)) for x, y in pts]


def _polyline_distance(points: np.ndarray, others: np.ndarray) -> np.ndarray:
    """Distance of each point of ``others`` to the polyline through ``points``."""
    p, q = points[:-1], points[1:]
    seg = q - p
    length2 = np.maximum((seg**2).sum(axis=1), 1e-12)
    rel = others[:, None, :] - p[None, :, :]
    t = np.clip((rel * seg[None, :, :]).sum(axis=2) / length2[None, :], 0.0, 1.0)
    closest = p[None, :, :] + t[:, :, None] * seg[None, :, :]
    return np.sqrt(((others[:, None, :] - closest) ** 2).sum(axis=2)).min(axis=1)


def edge_routes(
    positions: Mapping[str, tuple[float, float]],
    dyads: Iterable[tuple[str, str]],
    room: float | Mapping[str, float] | None = None,
    frame: tuple[float, float, float, float] | None = None,
) -> dict[tuple[str, str], tuple[float, float] | None]:
    """For each dyad, None if the straight line between its ends keeps ``room`` off every other node,
    else the control point of the least bent curve that does.

    A line that passes over a node reads as a tie of that node, which it is
    not. Curves bend to one side by a growing share of the edge's length
    (:data:`_ROUTE_BENDS`, the left side first at each step) and stay inside
    ``frame``; if none keeps clear, the one that keeps
    farthest from the nodes is used.

    Parameters
    ----------
    positions : mapping
        Node -> ``(x, y)``: every node drawn (all are obstacles).
    dyads : iterable of (str, str)
        The edges to route; the key of the result is each as given.
    room : float or mapping, optional
        Distance to keep from a node's centre, for all nodes or per node
        (default :func:`clearance`; a node missing from the mapping gets it).
    frame : tuple, optional
        ``(x0, x1, y0, y1)`` a curve must stay within (default
        :data:`network.output.style.FRAME`); any units, the same as ``positions``.

    Examples
    --------
    >>> pos = {"a": (-1.0, 0.0), "b": (1.0, 0.0), "c": (0.0, 0.0), "d": (0.0, 1.0)}
    >>> routes = edge_routes(pos, [("a", "b"), ("a", "d")], room=0.1)
    >>> routes[("a", "d")] is None, routes[("a", "b")]
    (True, (0.0, 0.24))
    """
    default = clearance()
    names = sorted(positions)
    xy = np.array([positions[n] for n in names], dtype=float).reshape(-1, 2)
    rooms = np.array(
        [
            (default if room is None else room) if not isinstance(room, Mapping) else room.get(n, default)
            for n in names
        ],
        dtype=float,
    )
    x0, x1, y0, y1 = frame or tuple(style.FRAME[k] for k in ("x0", "x1", "y0", "y1"))
    low, high = np.array([x0, y0]), np.array([x1, y1])
    out: dict[tuple[str, str], tuple[float, float] | None] = {}
    for a, b in dyads:
        keep = np.array([n not in (a, b) for n in names], dtype=bool)
        others, need = xy[keep], rooms[keep]
        start, end = np.array(positions[a], dtype=float), np.array(positions[b], dtype=float)
        if not len(others) or (_polyline_distance(np.array([start, end]), others) - need).min() > 0:
            out[a, b] = None
            continue
        seg = end - start
        normal = np.array([-seg[1], seg[0]])
        best: tuple[float, tuple[float, float] | None] = (-math.inf, None)
        for share in _ROUTE_BENDS:
            for side in (1.0, -1.0):
                bend = (start + end) / 2 + side * share * normal
                control = (round(float(bend[0]), DECIMALS) + 0.0, round(float(bend[1]), DECIMALS) + 0.0)
                curve = np.array(route_points(positions[a], positions[b], control))
                gap = float((_polyline_distance(curve, others) - need).min())
                if (curve < low).any() or (curve > high).any():  # a curve leaving the frame would be cut
                    gap = min(gap, -1.0)
                if gap > best[0]:
                    best = (gap, control)
                if gap > 0:
                    break
            if best[0] > 0:
                break
        out[a, b] = best[1]
    return out


def routes_for(
    dataset: Dataset,
    level: str = "person",
    poles: Sequence[str] | None = None,
    seed: int = 0,
    nodes: Iterable[str] = (),
    room: float | Mapping[str, float] | None = None,
    layouts: LayoutCache | None = None,
) -> dict[tuple[str, str], tuple[float, float] | None]:
    """:func:`edge_routes` of every dyad of the whole record, clear of every node of :func:`layout_for`.

    ``poles`` and ``layouts`` as in :func:`layout_for` (default: the dataset's framing).

    One route per dyad for every period, so a line keeps its shape from year
    to year; keys are ``(u, v)`` with ``u < v``. ``room`` is passed on (the
    distance to keep from each node: its largest marker's radius as drawn,
    plus half the widest line and a gap).

    Examples
    --------
    >>> from network import load
    >>> routes = routes_for(load("tests/data/mini.yaml"), level="state")
    >>> sorted(routes)
    [('albania', 'china'), ('albania', 'ussr'), ('china', 'ussr')]
    """
    positions = layout_for(dataset, level=level, poles=poles, seed=seed, nodes=nodes, layouts=layouts)
    union = snapshots(dataset, by=[_layout_window(dataset)], level=level)
    dyads = sorted({(min(a, b), max(a, b)) for s in union for a, b in s.graph.edges()})
    return edge_routes(positions, dyads, room)


def label_box(
    x: float, y: float, reach: float, width: float, height: float, side: str
) -> tuple[float, float, float, float]:
    """Box ``(x0, y0, x1, y1)`` of a label ``width`` by ``height`` on ``side`` of a marker at ``(x, y)``.

    ``reach`` is the marker's radius plus the gap to the label; y grows
    upwards (``"above"`` is larger y). A corner label touches the marker's
    circle diagonally.

    Examples
    --------
    >>> label_box(0.0, 0.0, 1.0, 4.0, 2.0, "below")
    (-2.0, -3.0, 2.0, -1.0)
    >>> label_box(0.0, 0.0, 1.0, 4.0, 2.0, "right")
    (1.0, -1.0, 5.0, 1.0)
    """
    half = width / 2
    if side == "below":
        return (x - half, y - reach - height, x + half, y - reach)
    if side == "above":
        return (x - half, y + reach, x + half, y + reach + height)
    if side == "right":
        return (x + reach, y - height / 2, x + reach + width, y + height / 2)
    if side == "left":
        return (x - reach - width, y - height / 2, x - reach, y + height / 2)
    vertical, horizontal = side.split("-")
    cx = x + (1 if horizontal == "right" else -1) * reach * math.sqrt(0.5)
    cy = y + (1 if vertical == "above" else -1) * reach * math.sqrt(0.5)
    left = cx if horizontal == "right" else cx - width
    bottom = cy if vertical == "above" else cy - height
    return (left, bottom, left + width, bottom + height)


def place_labels(
    markers: Mapping[str, tuple[float, float, float]],
    sizes: Mapping[str, tuple[float, float]],
    candidates: Sequence[str],
    frame: tuple[float, float, float, float],
    gap: float,
    pad: float,
) -> dict[str, str]:
    """Where each candidate's label goes, ``{actor: side}``, greedily in the order of ``candidates``.

    A label is tried on each of :data:`LABEL_SIDES` in turn and goes on the
    first where its box (:func:`label_box`) stays inside ``frame``
    ``(x0, x1, y0, y1)``, keeps ``gap`` off every label placed before it,
    covers no marker but its own, and lies nearer its own marker than any
    other (so it cannot be read as another actor's name). If no side is free, one label placed before
    may move to another free side to make room. A candidate that still finds
    no place is left out: the earlier in ``candidates``, the surer an actor is
    of its label. :func:`place_required_labels` adds labels that must be
    placed (first, and smaller as a last resort).

    Parameters
    ----------
    markers : mapping
        Actor -> ``(x, y, radius)`` of every marker a label may not cover
        (the candidates' own among them); y grows upwards.
    sizes : mapping
        Candidate -> ``(width, height)`` of its label, in the same units.
    candidates : sequence of str
        The actors to label, most important first.
    frame : tuple
        ``(x0, x1, y0, y1)`` every label stays within.
    gap : float
        Space kept between two labels, so that two names never read as one.
    pad : float
        Space between a marker and its label.

    Examples
    --------
    >>> markers = {"a": (0.0, 0.0, 1.0), "b": (0.0, -4.0, 1.0)}
    >>> place_labels(markers, {"a": (4, 2), "b": (4, 2)}, ["a", "b"], (-10, 10, -10, 10), 0.5, 0.5)
    {'a': 'above', 'b': 'below'}
    """
    placed = place_required_labels(markers, sizes, candidates, frame, gap, pad)
    return {n: side for n, (side, _) in placed.items()}


#: Font sizes, as shares of the normal one, a required label is tried at when it fits nowhere at full size.
REQUIRED_LABEL_STEPS = (0.9, 0.8)


def place_required_labels(
    markers: Mapping[str, tuple[float, float, float]],
    sizes: Mapping[str, tuple[float, float]],
    candidates: Sequence[str],
    frame: tuple[float, float, float, float],
    gap: float,
    pad: float,
    required: Collection[str] = (),
    steps: Sequence[float] = REQUIRED_LABEL_STEPS,
) -> dict[str, tuple[str, float]]:
    """Where each candidate's label goes and at what share of its size, ``{actor: (side, scale)}``.

    The rule of :func:`place_labels`, with ``required`` candidates (those that
    must be named wherever they are drawn) placed before all the others, in
    the order of ``candidates``, so an optional label never takes their room.
    A required label that fits on no side, even after one placed label moves,
    is tried again at each smaller size of ``steps`` (shares of ``sizes``), in
    turn; only then is it left out. Every other label keeps its full size
    (scale 1.0), or is left out.

    Parameters
    ----------
    markers, sizes, candidates, frame, gap, pad
        As in :func:`place_labels`.
    required : collection of str
        Candidates whose label is placed first and may be made smaller.
    steps : sequence of float
        Shares of its size (below 1, largest first) a required label is tried at.

    Examples
    --------
    Between two markers, a label too wide for the room goes on smaller when it is required:

    >>> markers = {"a": (0.0, 0.0, 1.0), "b": (6.5, 0.0, 1.0), "c": (-6.5, 0.0, 1.0)}
    >>> sizes = {"a": (4.0, 1.0)}
    >>> place_required_labels(markers, sizes, ["a"], (-8, 8, -1.8, 1.8), 0.5, 0.5)
    {}
    >>> place_required_labels(markers, sizes, ["a"], (-8, 8, -1.8, 1.8), 0.5, 0.5, required={"a"})
    {'a': ('right', 0.8)}
    """
    x0, x1, y0, y1 = frame
    ids = list(markers)
    marker_boxes = np.array([[x - r, y - r, x + r, y + r] for x, y, r in markers.values()]).reshape(-1, 4)
    centres = np.array([[x, y] for x, y, _ in markers.values()]).reshape(-1, 2)
    radii = np.array([r for *_, r in markers.values()])
    scale: dict[str, float] = {}

    def box_of(n: str, side: str) -> np.ndarray:
        x, y, r = markers[n]
        width, height = sizes[n]
        share = scale.get(n, 1.0)
        return np.array(label_box(x, y, r + pad, width * share, height * share, side))

    def free(n: str, box: np.ndarray, placed: Mapping[str, str]) -> bool:
        if box[0] < x0 or box[2] > x1 or box[1] < y0 or box[3] > y1:
            return False
        others = [box_of(m, side) for m, side in placed.items() if m != n]
        if any(i == 0 for i, _ in overlaps(np.array([box, *others]), gap)):
            return False
        own = ids.index(n)
        covered = overlaps(np.vstack([box[None, :], marker_boxes]), 0.0)
        if any(i == 0 and j - 1 != own for i, j in covered):
            return False
        # and nearer its own marker than any other, so that it cannot be read as another's name
        dx = np.maximum(np.maximum(box[0] - centres[:, 0], centres[:, 0] - box[2]), 0.0)
        dy = np.maximum(np.maximum(box[1] - centres[:, 1], centres[:, 1] - box[3]), 0.0)
        reach = np.hypot(dx, dy) - radii
        return bool(np.delete(reach, own).min(initial=np.inf) > reach[own])

    def first_free(n: str, placed: Mapping[str, str]) -> str | None:
        return next((side for side in LABEL_SIDES if free(n, box_of(n, side), placed)), None)

    def place(n: str, out: dict[str, str]) -> dict[str, str] | None:
        side = first_free(n, out)
        if side is not None:
            return {**out, n: side}
        for m in list(out):  # make room: move one label placed before, if both then fit
            for other in LABEL_SIDES:
                if other == out[m]:
                    continue
                moved = {**out, m: other}
                if free(m, box_of(m, other), moved):
                    side = first_free(n, moved)
                    if side is not None:
                        return {**moved, n: side}
        return None

    must = set(required)
    order = [n for n in candidates if n in must] + [n for n in candidates if n not in must]
    out: dict[str, str] = {}
    for n in order:
        if n not in markers or n not in sizes or n in out:
            continue
        for share in (1.0, *steps) if n in must else (1.0,):
            scale[n] = share
            placed = place(n, out)
            if placed is not None:
                out = placed
                break
        else:
            del scale[n]
    return {n: (side, scale[n]) for n, side in out.items()}
