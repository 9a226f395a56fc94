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
  tie's date (:func:`project`; an actor with ``projects: false``, a faction,
  keeps its own ties); ties that become self-ties are dropped and listed in
  ``Snapshot.dropped``.
* Ties sharing an ``alternative`` label (mutually exclusive readings of one
  act) each count at their weight divided by their number
  (:func:`alternative_shares`); the share is part of ``Snapshot.allocation``.
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
from collections.abc import Collection, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from itertools import accumulate, chain

import networkx as nx

from network.dataset.model import Dataset, Tie
from network.dataset.vocabulary import CONFIDENCE, TIE_TYPES
from network.measures.choices import ALLOCATIONS, HALF_LIFE, LEVELS, MODES
from network.timeline.windows import Window, windows_for

__all__ = [
    "Snapshot",
    "snapshots",
    "project",
    "select_ties",
    "alternative_shares",
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
    allocation : Mapping
        Tie id -> the share of its weight counted here (1.0, 1/n under the
        split rule, or the decay factor of a tie carried over in memory mode).
        A dict on this path; on the columnar path a read-only mapping that reads
        the engine when first used (:mod:`network.columnar.tie_store`).
    dropped : tuple of str
        Ids of ties counted in this window but dropped as self-ties at state level.
    """

    window: Window
    graph: nx.Graph
    allocation: Mapping[str, float]
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
        if actor is not None and not actor.projects:  # a faction keeps its ties
            return current
        parent = actor.parent_at(day) if actor is not None else None
        if parent is None or parent in seen:
            return current
        seen.add(parent)
        current = parent


def alternative_shares(dataset: Dataset) -> dict[str, float]:
    """Tie id -> the share of its weight an alternative counts at: 1 / the number of its alternatives.

    Ties that share an ``alternative`` label are mutually exclusive readings
    of one act, so together they carry the weight of one (codebook, section
    5.9). Ties with no label are not listed (share 1).

    Examples
    --------
    >>> from network import load
    >>> alternative_shares(load("tests/data/mini.yaml"))
    {}
    """
    groups: dict[str, list[str]] = {}
    for t in dataset.ties:
        if t.alternative is not None:
            groups.setdefault(t.alternative, []).append(t.id)
    return {tid: 1.0 / len(ids) for ids in groups.values() for tid in ids}


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
    """Find the windows a range of days meets in O(log W) plus the number found.

    Answers are cached by range: ties at scale share few distinct ranges (a
    year, a month or a day of a few decades), and the answer depends on the
    range alone, so each is worked out once.
    """

    def __init__(self, windows: Sequence[Window], allocation: str) -> None:
        self.windows = windows
        self.allocation = allocation
        self.order = sorted(range(len(windows)), key=lambda i: (windows[i].lower, windows[i].upper))
        self.lowers = [windows[i].lower for i in self.order]
        self.max_upper = list(accumulate((windows[i].upper for i in self.order), max))
        self._overlapping: dict[tuple[date, date], list[int]] = {}
        self._events: dict[tuple[date, date], list[tuple[int, float]]] = {}

    def overlapping(self, lower: date, upper: date) -> list[int]:
        """Indices of the windows that meet the days ``lower`` to ``upper``, in window order of start."""
        key = (lower, upper)
        hits = self._overlapping.get(key)
        if hits is None:
            right = bisect_right(self.lowers, upper)
            left = bisect_left(self.max_upper, lower)
            hits = [self.order[k] for k in range(left, right) if self.windows[self.order[k]].upper >= lower]
            self._overlapping[key] = hits
        return hits

    def event_shares(self, lower: date, upper: date) -> list[tuple[int, float]]:
        """(window index, share) for an event dated ``lower`` to ``upper`` under the allocation rule.

        Full weight in every window wholly containing the date; else, under
        ``split``, ``1/n`` in each of the ``n`` windows it overlaps, and under
        ``inside`` nowhere.
        """
        key = (lower, upper)
        shares = self._events.get(key)
        if shares is None:
            hits = self.overlapping(lower, upper)
            inside = [i for i in hits if self.windows[i].contains(lower, upper)]
            if inside:
                shares = [(i, 1.0) for i in inside]
            elif self.allocation == "split" and hits:
                share = 1.0 / len(hits)
                shares = [(i, share) for i in hits]
            else:
                shares = []
            self._events[key] = shares
        return shares


def _middle(lower: date, upper: date) -> date:
    return date.fromordinal((lower.toordinal() + upper.toordinal()) // 2)


def _own_day(tie: Tie) -> date:
    """The day a tie is projected at: an event's midpoint; a standing tie's middle (its end if open)."""
    if tie.date is not None:
        return tie.date.midpoint
    lower = tie.lower if tie.start is not None and not tie.start.open_start else tie.upper
    upper = tie.upper if tie.end is not None and not tie.end.open_end else lower
    return _middle(min(lower, upper), upper)


class _Projector:
    """:func:`project` for every end of every tie, each distinct answer worked out once.

    Why caching is exact: ``project(a, day)`` reads only ``parent_at(day)``
    of the actors reachable from ``a`` through ``member_of`` (any
    membership, whatever its dates). ``parent_at`` can change value only on
    the first day of a membership or on the day after its last. So between
    two consecutive such days of the reachable actors (the *change days* of
    ``a``) the projection is the same: the answer is cached per actor and
    per segment between change days. An actor with no change days (a state
    belonging to nothing, an unknown id) always projects to the same actor.

    A tie whose days all lie in one segment of an actor needs no exact day
    for that end: the day a tie is projected at lies within its days, so
    the segment is known from its first and last day alone.
    """

    def __init__(self, dataset: Dataset) -> None:
        self.dataset = dataset
        #: actor id -> (its change days, the cached answer in each segment between them)
        self._actors: dict[str, tuple[list[date], list[str | None]]] = {}

    def change_days(self, actor_id: str) -> list[date]:
        """Sorted days on which the projection of ``actor_id`` may change."""
        found: set[date] = set()
        seen = {actor_id}
        stack = [actor_id]
        while stack:
            actor = self.dataset.actors.get(stack.pop())
            if actor is not None and not actor.projects:
                continue  # projection stops here, whatever its memberships
            for m in actor.member_of if actor is not None else ():
                found.add(m.span.lower)
                if m.span.upper < date.max:
                    found.add(m.span.upper + timedelta(days=1))
                if m.of not in seen:
                    seen.add(m.of)
                    stack.append(m.of)
        return sorted(found)

    def end(self, actor_id: str, tie: Tie, day: date | None) -> str:
        """``project(dataset, actor_id, day)`` for an end of ``tie`` (``day`` None: the tie's own day)."""
        entry = self._actors.get(actor_id)
        if entry is None:
            days = self.change_days(actor_id)
            entry = self._actors[actor_id] = (days, [None] * (len(days) + 1))
        days, answers = entry
        if not days:
            segment = 0
        elif day is not None:
            segment = bisect_right(days, day)
        else:
            segment = bisect_right(days, tie.lower)
            if segment != bisect_right(days, tie.upper):  # a change day falls within the tie's days
                day = _own_day(tie)
                segment = bisect_right(days, day)
        out = answers[segment]
        if out is None:
            out = answers[segment] = project(self.dataset, actor_id, _own_day(tie) if day is None else day)
        return out


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


#: One placement of a tie: window index, the tie, the share of its weight
#: counted there, and the day it is projected at (None: the tie's own day,
#: :func:`_own_day`, worked out only if a projection needs it).
_Placement = tuple[int, Tie, float, "date | None"]


def _sorted_ties(ties: list[Tie]) -> list[Tie]:
    """The ties in the order (first day, last day, id): the order their weights are summed in.

    Two stable sorts: by id, then by one integer packing the first and last
    day's ordinals (both below 2**22, the ordinal of 9999-12-31 being
    3,652,059), which orders as the pair does. Same order as sorting by the
    tuple ``(lower, upper, id)``, at about half the cost.
    """
    out = sorted(ties, key=lambda t: t.id)
    out.sort(key=lambda t: (t.lower.toordinal() << 22) | t.upper.toordinal())
    return out


def _placements(
    ties: Sequence[Tie], windows: Sequence[Window], allocation: str, level: str
) -> Iterator[_Placement]:
    """The placements of ``ties`` by the allocation rule, in the order of ``ties``.

    Only a standing tie's day depends on the window (the middle of its
    overlap with it), and it matters only at state level, so at person level
    it is left out (None).
    """
    index = _WindowIndex(windows, allocation)
    state = level == "state"
    for tie in ties:
        lower, upper = tie.lower, tie.upper
        if tie.is_event:
            for i, share in index.event_shares(lower, upper):
                yield i, tie, share, None
        else:
            for i in index.overlapping(lower, upper):
                day = None
                if state:
                    w = windows[i]
                    day = _middle(max(lower, w.lower), min(upper, w.upper))
                yield i, tie, 1.0, day


def _carried(
    ties: Sequence[Tie], windows: Sequence[Window], half_life: float, threshold: float
) -> Iterator[_Placement]:
    """Memory mode: the earlier ties each window carries, decayed, while above ``threshold``.

    Ties are sorted by their last day, so each window reads only the slice
    young enough to matter (the heaviest tie fades below the threshold after
    ``half_life * log2(heaviest / threshold)`` days).
    """
    if not ties:
        return
    by_upper = sorted(ties, key=lambda t: (t.upper, t.id))
    uppers = [t.upper for t in by_upper]
    heaviest = max(t.weight for t in ties)
    if heaviest <= threshold:
        return
    max_age = half_life * math.log2(heaviest / threshold)
    for i, w in enumerate(windows):
        end = bisect_left(uppers, w.lower)
        try:
            earliest = w.upper - timedelta(days=math.ceil(max_age))
        except OverflowError:
            earliest = date.min
        for tie in by_upper[bisect_left(uppers, earliest) : end]:
            factor = 0.5 ** ((w.upper - tie.upper).days / half_life)
            if tie.weight * factor >= threshold:
                yield i, tie, factor, None


class _Combined:
    """One window's ties combined into edges, with the shares counted and the self-ties dropped.

    ``edges`` maps ``(u, v)`` (u < v) to the edge's attribute dict, filled
    in as the ties come: ``pos`` and ``neg`` summed, ``ties`` a list of ids;
    :func:`_graph` completes it. ``active`` holds the ends of the edges.
    """

    __slots__ = ("edges", "alloc", "gone", "active")

    def __init__(self) -> None:
        self.edges: dict[tuple[str, str], dict] = {}
        self.alloc: dict[str, float] = {}
        self.gone: list[str] = []
        self.active: set[str] = set()


def _combine(
    placements: Iterable[_Placement], n_windows: int, projector: _Projector | None
) -> list[_Combined]:
    """Combine the placements into each window's edges; ``projector`` is None at person level.

    Each edge sums its ties' weights in the order of ``placements`` (the
    ties sorted, then those carried over), so the floating-point sums are
    those of the plain definition.
    """
    out = [_Combined() for _ in range(n_windows)]
    for i, tie, share, day in placements:
        if projector is None:
            u, v = tie.source, tie.target
        else:
            u, v = projector.end(tie.source, tie, day), projector.end(tie.target, tie, day)
        window = out[i]
        if u == v:
            window.gone.append(tie.id)
            continue
        key = (u, v) if u < v else (v, u)
        edge = window.edges.get(key)
        if edge is None:
            # the keys in their final order; _graph fills in weight, count and sign
            edge = window.edges[key] = {
                "weight": 0.0,
                "pos": 0.0,
                "neg": 0.0,
                "count": 0,
                "ties": [],
                "sign": 0,
            }
            window.active.update(key)
        edge["pos" if tie.sign > 0 else "neg"] += tie.weight * share
        edge["ties"].append(tie.id)
        window.alloc[tie.id] = share
    return out


def _graph(graph_attrs: dict, labels: dict[str, tuple[str, str | None]], window: _Combined) -> nx.Graph:
    """The snapshot graph: every node of ``labels`` (in its order), then the edges in sorted order."""
    g = nx.Graph(**graph_attrs)
    active = window.active
    g.add_nodes_from(
        (n, {"name": name, "kind": kind, "active": n in active}) for n, (name, kind) in labels.items()
    )
    edges = window.edges
    finished = []
    for key in sorted(edges):
        d = edges[key]
        net = d["pos"] - d["neg"]
        if abs(net) < _ZERO:
            net = 0.0
        ids = d["ties"]
        d["weight"] = net
        d["count"] = len(ids)
        d["ties"] = tuple(sorted(ids)) if len(ids) > 1 else tuple(ids)
        d["sign"] = (net > 0) - (net < 0)
        finished.append((*key, d))
    g.add_edges_from(finished)
    return g


def _labels(dataset: Dataset, node_ids: set[str]) -> dict[str, tuple[str, str | None]]:
    """Sorted node id -> (name, kind); an id that is no actor is its own name, of no kind."""
    out: dict[str, tuple[str, str | None]] = {}
    for n in sorted(node_ids):
        actor = dataset.actors.get(n)
        out[n] = (actor.name, actor.kind) if actor else (n, None)
    return out


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
        periods, or custom windows (:func:`network.timeline.windows.custom_windows`).
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
    ties = _sorted_ties(select_ties(dataset, confidence, types))
    placements: Iterable[_Placement] = _placements(ties, windows, allocation, level)
    if mode == "memory":
        placements = chain(placements, _carried(ties, windows, half_life, threshold))
    shares = alternative_shares(dataset)
    if shares:
        placements = ((i, t, share * shares.get(t.id, 1.0), day) for i, t, share, day in placements)
    projector = _Projector(dataset) if level == "state" else None
    combined = _combine(placements, len(windows), projector)
    del ties, placements, projector

    if level == "state":
        node_ids = {a.id for a in dataset.actors.values() if not a.member_of or not a.projects}
    else:
        node_ids = set(dataset.actors)
    for c in combined:
        node_ids |= c.active
    labels = _labels(dataset, node_ids)

    out = []
    for i, w in enumerate(windows):
        c = combined[i]
        combined[i] = None  # type: ignore[call-overload]  # free each window's working state once built
        graph_attrs = {
            "period": w.id,
            "label": w.label,
            "lower": w.lower,
            "upper": w.upper,
            "level": level,
            "mode": mode,
            "allocation": allocation,
            "half_life": half_life,
        }
        graph = _graph(graph_attrs, labels, c)
        out.append(Snapshot(w, graph, c.alloc, tuple(sorted(c.gone))))
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
