"""Snapshots: one signed, undirected graph per time window, with the ties behind every edge.

The rules (documented in ``docs/measures.md``):

* An **event** tie counts, in full, in every window that wholly contains its
  date. A date that no window contains (``1958/1959`` in years, a
  year-precision date in monthly windows) is allocated by ``allocation``:
  ``"split"`` (default) divides its weight evenly over the windows it
  overlaps; ``"inside"`` leaves it out. ``Snapshot.allocation`` records the
  share counted in each window, so the rule is visible.
* A **standing** tie (start/end) is in force, at full weight, in every window
  it overlaps.
* ``mode="window"`` (default) takes only the window's own ties.
  ``mode="memory"`` also lets every tie that ended before the window opened
  carry on with weight ``w * 0.5 ** (age / half_life)``, the age running from
  the tie's last possible day to the window's last day; a carried weight below
  :data:`MEMORY_THRESHOLD` is dropped.
* ``level="state"`` projects each endpoint onto the actor it belongs to at the
  tie's date (:func:`project`); ties that become self-ties are dropped and
  listed in ``Snapshot.dropped``.
* Parallel ties between two actors become one edge with ``weight`` (net
  signed weight), ``pos`` and ``neg`` (the positive and negative weight, both
  >= 0), ``count`` (number of ties), ``ties`` (their ids, sorted) and ``sign``
  (+1 or -1 from the net weight, 0 when it is zero; measures ignore sign-0
  edges).

Examples
--------
>>> from network import load
>>> snaps = snapshots(load("tests/data/mini.yaml"), level="state")
>>> [s.window.id for s in snaps]
['1957', '1958', '1959', '1960']
>>> e = snaps[2].graph.edges["albania", "china"]
>>> e["weight"], e["pos"], e["neg"], e["count"]
(3.0, 4.0, 1.0, 3)
>>> snaps[1].allocation["khrushchev-hoxha-disapprove-1958"]
0.5
"""

from __future__ import annotations

import math
from bisect import bisect_left, bisect_right
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from itertools import accumulate

import networkx as nx

from .model import Dataset, Tie
from .options import ALLOCATIONS, HALF_LIFE, LEVELS, MODES
from .vocabulary import CONFIDENCE, TIE_TYPES
from .windows import Window, windows_for

__all__ = [
    "Snapshot",
    "snapshots",
    "project",
    "select_ties",
    "signed_graph",
    "LEVELS",
    "MODES",
    "ALLOCATIONS",
    "HALF_LIFE",
    "MEMORY_THRESHOLD",
]

#: In memory mode, carried-over weights below this are dropped.
MEMORY_THRESHOLD = 0.05
#: Net weights closer to zero than this are exactly zero (sign 0).
_ZERO = 1e-9


@dataclass(frozen=True, eq=False)
class Snapshot:
    """The graph of one window, and how much of each tie's weight it counts.

    Attributes
    ----------
    window : Window
        The time window.
    graph : networkx.Graph
        Every actor of the level as a node (``name``, ``kind``, ``active``);
        edges carry ``weight``, ``pos``, ``neg``, ``count``, ``ties``, ``sign``.
    allocation : dict
        Tie id -> the share of its weight counted here (1.0, 1/n under the
        split rule, or the decay factor of a tie carried over in memory mode).
    dropped : tuple of str
        Ids of ties counted in this window but dropped as self-ties at state level.
    """

    window: Window
    graph: nx.Graph
    allocation: dict[str, float]
    dropped: tuple[str, ...] = field(default=())

    @property
    def period(self) -> str:
        """The window's id (``"1958"`` or a period id)."""
        return self.window.id


def project(dataset: Dataset, actor_id: str, day: date) -> str:
    """The actor that ``actor_id``'s ties belong to at state level on ``day``.

    Follows ``member_of`` (the first membership current on ``day``),
    recursively, to an actor that belongs to nothing on that day.

    Examples
    --------
    >>> from network import load
    >>> from datetime import date
    >>> ds = load("tests/data/mini.yaml")
    >>> project(ds, "shehu", date(1958, 6, 1))      # shehu -> pla -> albania
    'albania'
    >>> project(ds, "khrushchev", date(1950, 1, 1))  # before his membership starts
    'khrushchev'
    """
    seen = {actor_id}
    current = actor_id
    while True:
        actor = dataset.actors.get(current)
        parent = actor.parent_at(day) if actor is not None else None
        if parent is None or parent in seen:
            return current
        seen.add(parent)
        current = parent


def select_ties(
    dataset: Dataset, confidence: Collection[str] | None = None, types: Collection[str] | None = None
) -> list[Tie]:
    """The dataset's ties whose confidence and type are among those allowed (None: all).

    Examples
    --------
    >>> from network import load
    >>> ds = load("tests/data/mini.yaml")
    >>> len(select_ties(ds)), len(select_ties(ds, confidence={"stated"})), len(select_ties(ds, types={"aid"}))
    (11, 7, 1)
    """
    if confidence is not None:
        confidence = set(confidence)
        unknown = confidence - set(CONFIDENCE)
        if unknown:
            raise ValueError(
                f"unknown confidence level {sorted(unknown)[0]!r}; choose from {', '.join(CONFIDENCE)}"
            )
    if types is not None:
        types = set(types)
        unknown = types - set(TIE_TYPES)
        if unknown:
            raise ValueError(f"unknown tie type {sorted(unknown)[0]!r}; choose from {', '.join(TIE_TYPES)}")
    return [
        t
        for t in dataset.ties
        if (confidence is None or t.confidence in confidence) and (types is None or t.type in types)
    ]


class _WindowIndex:
    """Find the windows a range of days meets in O(log W) plus the number found."""

    def __init__(self, windows: Sequence[Window]) -> None:
        self.windows = windows
        self.order = sorted(range(len(windows)), key=lambda i: (windows[i].lower, windows[i].upper))
        self.lowers = [windows[i].lower for i in self.order]
        self.max_upper = list(accumulate((windows[i].upper for i in self.order), max))

    def overlapping(self, lower: date, upper: date) -> list[int]:
        right = bisect_right(self.lowers, upper)
        left = bisect_left(self.max_upper, lower)
        return [self.order[k] for k in range(left, right) if self.windows[self.order[k]].upper >= lower]


def _middle(lower: date, upper: date) -> date:
    return date.fromordinal((lower.toordinal() + upper.toordinal()) // 2)


def _own_day(tie: Tie) -> date:
    """The day a tie is projected at: an event's midpoint; a standing tie's middle (its end if open)."""
    if tie.date is not None:
        return tie.date.midpoint
    lower = tie.lower if tie.start is not None and not tie.start.open_start else tie.upper
    upper = tie.upper if tie.end is not None and not tie.end.open_end else lower
    return _middle(min(lower, upper), upper)


def _check_options(level: str, mode: str, allocation: str, half_life: float) -> None:
    for name, value, choices in (
        ("level", level, LEVELS),
        ("mode", mode, MODES),
        ("allocation", allocation, ALLOCATIONS),
    ):
        if value not in choices:
            raise ValueError(f"unknown {name} {value!r}; choose from {', '.join(choices)}")
    if not half_life > 0:
        raise ValueError(f"the half-life must be positive (got {half_life})")


def snapshots(
    dataset: Dataset,
    by: str | Sequence[Window] = "year",
    level: str = "person",
    mode: str = "window",
    allocation: str = "split",
    half_life: float = HALF_LIFE,
    confidence: Collection[str] | None = None,
    types: Collection[str] | None = None,
    threshold: float = MEMORY_THRESHOLD,
) -> list[Snapshot]:
    """The ordered sequence of (window, graph) for a periodisation.

    Parameters
    ----------
    dataset : Dataset
        The loaded dataset.
    by : {"year", "period"} or list of Window
        Calendar years spanning the data (default), the dataset's named
        periods, or custom windows (:func:`network.windows.custom_windows`).
    level : {"person", "state"}
        ``"person"``: the actors as they are. ``"state"``: each endpoint
        projected with :func:`project` at the tie's midpoint (a standing
        tie's: the middle of its overlap with the window); self-ties dropped.
    mode : {"window", "memory"}
        ``"window"`` (default): only the window's own ties, so every edge
        rests on ties dated to it. ``"memory"``: ties that ended before the
        window also count, decayed with ``half_life``.
    allocation : {"split", "inside"}
        Rule for an event whose date lies wholly inside no window (it spans
        two or more): ``"split"`` (default) counts ``1/n`` of its weight in
        each of the ``n`` windows it overlaps; ``"inside"`` leaves it out. An
        event wholly inside a window always counts in full there (in each
        such window, if windows overlap).
    half_life : float
        Half-life of a carried-over tie in days (default 365.25: one year).
    confidence : collection of str, optional
        Allowed confidence levels, e.g. ``{"stated"}``; default all.
    types : collection of str, optional
        Allowed tie types; default all (ties without a type are then kept).
    threshold : float
        Memory mode drops carried-over weights below this (default 0.05).

    Returns
    -------
    list of Snapshot
        In the order of the windows.

    Notes
    -----
    Ties are sorted once and each is placed in the windows it meets by
    binary search, so building takes O(T log T + T log W + E) for T ties,
    W windows and E (tie, window) placements.

    Examples
    --------
    >>> from network import load
    >>> ds = load("tests/data/mini.yaml")
    >>> s = snapshots(ds, by="period", level="state", allocation="inside")
    >>> "khrushchev-hoxha-disapprove-1958" in s[0].allocation   # 1958/1959 spans both periods
    False
    >>> m = snapshots(ds, level="state", mode="memory")[3]        # 1960, a thin year
    >>> round(m.graph.edges["albania", "ussr"]["weight"], 3)
    -1.785
    """
    _check_options(level, mode, allocation, half_life)
    if not threshold > 0:
        raise ValueError(f"the memory threshold must be positive (got {threshold})")
    windows = windows_for(dataset, by)
    ties = sorted(select_ties(dataset, confidence, types), key=lambda t: (t.lower, t.upper, t.id))
    index = _WindowIndex(windows)

    # (tie, share, day) per window
    placed: list[list[tuple[Tie, float, date]]] = [[] for _ in windows]
    for tie in ties:
        hits = index.overlapping(tie.lower, tie.upper)
        if not hits:
            continue
        if tie.is_event:
            day = _own_day(tie)
            inside = [i for i in hits if windows[i].contains(tie.lower, tie.upper)]
            if inside:
                for i in inside:
                    placed[i].append((tie, 1.0, day))
            elif allocation == "split":
                share = 1.0 / len(hits)
                for i in hits:
                    placed[i].append((tie, share, day))
        else:
            for i in hits:
                w = windows[i]
                placed[i].append((tie, 1.0, _middle(max(tie.lower, w.lower), min(tie.upper, w.upper))))

    if mode == "memory" and ties:
        by_upper = sorted(ties, key=lambda t: (t.upper, t.id))
        uppers = [t.upper for t in by_upper]
        heaviest = max(t.weight for t in ties)
        max_age = half_life * math.log2(heaviest / threshold) if heaviest > threshold else -1.0
        for i, w in enumerate(windows):
            if max_age < 0:
                break
            end = bisect_left(uppers, w.lower)
            try:
                earliest = w.upper - timedelta(days=math.ceil(max_age))
            except OverflowError:
                earliest = date.min
            for tie in by_upper[bisect_left(uppers, earliest) : end]:
                factor = 0.5 ** ((w.upper - tie.upper).days / half_life)
                if tie.weight * factor >= threshold:
                    placed[i].append((tie, factor, _own_day(tie)))

    # combine parallel ties into edges
    combined: list[dict[tuple[str, str], list]] = []
    allocations: list[dict[str, float]] = []
    dropped: list[tuple[str, ...]] = []
    endpoints: set[str] = set()
    for entries in placed:
        edges: dict[tuple[str, str], list] = {}
        alloc: dict[str, float] = {}
        gone: list[str] = []
        for tie, share, day in entries:
            if level == "state":
                u, v = project(dataset, tie.source, day), project(dataset, tie.target, day)
            else:
                u, v = tie.source, tie.target
            if u == v:
                gone.append(tie.id)
                continue
            key = (u, v) if u < v else (v, u)
            acc = edges.setdefault(key, [0.0, 0.0, []])
            amount = tie.weight * share
            acc[0 if tie.sign > 0 else 1] += amount
            acc[2].append(tie.id)
            alloc[tie.id] = share
            endpoints.update(key)
        combined.append(edges)
        allocations.append(alloc)
        dropped.append(tuple(sorted(gone)))

    if level == "state":
        node_ids = {a.id for a in dataset.actors.values() if not a.member_of} | endpoints
    else:
        node_ids = set(dataset.actors) | endpoints
    nodes = sorted(node_ids)

    out = []
    for w, edges, alloc, self_ties in zip(windows, combined, allocations, dropped, strict=True):
        g = nx.Graph(
            period=w.id,
            label=w.label,
            lower=w.lower,
            upper=w.upper,
            level=level,
            mode=mode,
            allocation=allocation,
            half_life=half_life,
        )
        for n in nodes:
            actor = dataset.actors.get(n)
            g.add_node(n, name=actor.name if actor else n, kind=actor.kind if actor else None, active=False)
        for (u, v), (pos, neg, ids) in sorted(edges.items()):
            net = pos - neg
            if abs(net) < _ZERO:
                net = 0.0
            g.add_edge(
                u,
                v,
                weight=net,
                pos=pos,
                neg=neg,
                count=len(ids),
                ties=tuple(sorted(ids)),
                sign=(net > 0) - (net < 0),
            )
            g.nodes[u]["active"] = g.nodes[v]["active"] = True
        out.append(Snapshot(w, g, alloc, self_ties))
    return out


def signed_graph(graph: nx.Graph) -> nx.Graph:
    """The part of a snapshot graph the measures read: edges of sign +1 or -1 and their nodes.

    Inactive actors and sign-0 edges (net weight exactly zero) are left out;
    node and edge attributes are copied.

    Examples
    --------
    >>> from network import load
    >>> g = snapshots(load("tests/data/mini.yaml"), level="state")[0].graph
    >>> sorted(g), sorted(signed_graph(g))
    (['albania', 'china', 'ussr'], ['albania', 'china', 'ussr'])
    >>> sorted(signed_graph(snapshots(load("tests/data/mini.yaml"))[3].graph))
    ['albania', 'china', 'ussr']
    """
    h = nx.Graph()
    h.graph.update(graph.graph)
    keep = [(u, v, d) for u, v, d in graph.edges(data=True) if d.get("sign", 0) != 0]
    ends = {n for u, v, _ in keep for n in (u, v)}
    h.add_nodes_from((n, graph.nodes[n]) for n in graph if n in ends)
    h.add_edges_from(keep)
    return h
