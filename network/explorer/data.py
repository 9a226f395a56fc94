"""The explorer's data: one JSON-ready payload with every year's edges, the ties behind them and centrality.

Everything the page shows is computed here; the page's script only draws it.

Examples
--------
>>> from network import load
>>> p = payload(load("tests/data/mini.yaml"), level="state")
>>> p["years"]
[1957, 1958, 1959, 1960]
>>> [(e["source"], e["target"], e["sign"]) for e in p["frames"]["1960"]["edges"]]
[('albania', 'ussr', -1), ('china', 'ussr', -1)]
>>> p["ties"]["mao-hoxha-praise-1958-11"]["citation"]
"mini, p. 4 (People's Daily, November 29, 1958)"
>>> p["frames"]["1958"]["centrality"]["albania"]["rank"]
1
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING, Any

from network.dataset.model import Dataset, Tie
from network.explorer.look import Scales, bends, label_order, look, positions
from network.measures.camps import camp_key, camps
from network.measures.centrality import RANK_BY, centrality
from network.output.measure_names import measure_title, measure_words
from network.timeline.snapshots import LEVELS, Snapshot, snapshots
from network.timeline.windows import shown_years

if TYPE_CHECKING:
    from network.measures.balance import PartitionCache
    from network.output.layout import LayoutCache

__all__ = ["payload", "tie_record", "years", "CENTRALITY_FIELDS", "MEASURE_LABELS", "FORMAT"]

#: Version of the payload's layout (bumped when a key changes meaning).
FORMAT = 1
#: Centrality columns shown for a clicked actor, in order (see docs/measures.md).
#: The rank follows :data:`network.measures.choices.RANK_BY`, shown next; the other measures beside it.
CENTRALITY_FIELDS = (
    "rank",
    RANK_BY,
    "ties",
    "degree_pos",
    "degree_neg",
    "strength",
    "pn",
    "betweenness",
    "eigenvector",
    "pagerank",
)
#: How the page names each of :data:`CENTRALITY_FIELDS`
#: (from :data:`network.output.measure_names.MEASURE_NAMES`).
MEASURE_LABELS = {
    "rank": f"Rank (by {measure_title(RANK_BY).lower()})",
    **{k: measure_title(k) for k in CENTRALITY_FIELDS[1:]},
}
#: What each field rewards and ignores, in plain words (a tooltip on its label).
MEASURE_WORDS = {
    "rank": f"1 = the highest {measure_title(RANK_BY).lower()} this year; equal totals go to more ties.",
    **{k: measure_words(k) for k in CENTRALITY_FIELDS[1:]},
}
_DIGITS = 4


def _num(x: float | None) -> float | int | None:
    """A float rounded for the page (so the bytes do not depend on the last bits); ints stay ints."""
    if x is None or isinstance(x, int):
        return x
    r = round(float(x), _DIGITS)
    return int(r) if r == int(r) else r


def tie_record(dataset: Dataset, tie: Tie) -> dict[str, Any]:
    """What the page shows about one tie: who, what, when, the evidence and the citation.

    Examples
    --------
    >>> from network import load
    >>> ds = load("tests/data/mini.yaml")
    >>> r = tie_record(ds, ds.tie("hoxha-khrushchev-visit-1957-04"))
    >>> r["type"], r["when"], r["citation"], r["reference"]
    ('visit', '1957-04', 'mini, p. 2, n. 7', 'A made-up source for the tests')
    """
    cite = tie.cite
    sources = {s.id: s.citation for s in dataset.sources}
    return {
        "source": tie.source,
        "target": tie.target,
        "sign": tie.sign,
        "weight": _num(tie.weight),
        "type": tie.type or "",
        "when": tie.when,
        "evidence": tie.evidence or "",
        "citation": str(cite) if cite is not None else "",
        "reference": sources.get(cite.source, "") if cite is not None and cite.source else "",
        "confidence": tie.confidence,
        "directed": tie.directed,
    }


def _year_position(day: date, first: int) -> float:
    """Where a day falls on the slider's axis, in years from ``first`` (year ``y`` covers y-0.5 to y+0.5)."""
    start = date(day.year, 1, 1)
    length = (date(day.year + 1, 1, 1) - start).days
    return day.year - first - 0.5 + (day - start).days / length


def _periods(dataset: Dataset, first: int, last: int) -> list[dict[str, Any]]:
    out = []
    for p in dataset.periods:
        lo, hi = max(p.lower, date(first, 1, 1)), min(p.upper, date(last, 12, 31))
        if hi < lo:
            continue
        out.append(
            {
                "id": p.id,
                "label": p.label,
                "lower": p.lower.isoformat(),
                "upper": p.upper.isoformat(),
                "first": lo.year,
                "last": hi.year,
                "start": _num(_year_position(lo, first)),
                "end": _num(_year_position(hi, first) + 1.0 / 365),
            }
        )
    return out


#: The years the explorer shows: :func:`network.timeline.windows.shown_years`, as every output.
years = shown_years


def _bend(control: tuple[float, float] | None) -> list[float] | None:
    return None if control is None else [control[0], control[1]]


def _frame(
    dataset: Dataset,
    snap: Snapshot,
    rows: list[dict[str, Any]],
    poles: Sequence[str],
    scales: Scales,
    routed: dict[tuple[str, str], tuple[float, float] | None],
    partitions: PartitionCache | None,
) -> dict[str, Any]:
    def by_date(ids: Sequence[str]) -> list[str]:
        return sorted(ids, key=lambda t: (dataset.tie(t).lower, dataset.tie(t).upper, t))

    edges = []
    for u, v, d in sorted(snap.graph.edges(data=True), key=lambda e: (min(e[0], e[1]), max(e[0], e[1]))):
        a, b = (u, v) if u < v else (v, u)
        edges.append(
            {
                "source": a,
                "target": b,
                "sign": d["sign"],
                "weight": _num(d["weight"]),
                "pos": _num(d["pos"]),
                "neg": _num(d["neg"]),
                "ties": by_date(d["ties"]),
                "width": _num(scales.width(d["weight"])),
                "bend": _bend(routed.get((a, b))),
            }
        )
    shares = {t: _num(s) for t, s in sorted(snap.allocation.items()) if abs(s - 1.0) > 1e-9}
    cent = {r["actor"]: {k: _num(r[k]) for k in CENTRALITY_FIELDS} for r in rows}
    found = camps(snap.graph, [p for p in poles if p in snap.graph], partitions=partitions)
    nodes = {}
    for r in sorted(rows, key=lambda r: r["actor"]):
        nodes[r["actor"]] = {
            "bloc": camp_key(found[r["actor"]], poles),
            "area": _num(scales.area(r)),
        }
    return {"edges": edges, "shares": shares, "centrality": dict(sorted(cent.items())), "nodes": nodes}


def payload(
    dataset: Dataset,
    level: str = "person",
    poles: Sequence[str] | None = None,
    seed: int = 0,
    *,
    partitions: PartitionCache | None = None,
    layouts: LayoutCache | None = None,
) -> dict[str, Any]:
    """The explorer's data for ``dataset``: years, periods, actors with positions, ties, one frame per year.

    Parameters
    ----------
    dataset : Dataset
        The loaded dataset.
    level : {"person", "state"}
        Snapshot level (see :func:`network.timeline.snapshots.snapshots`).
    poles : sequence of str, optional
        Pinned by the layout as in the figures, the camps reckoned towards
        them (default: the dataset's ``framing: poles``; without them, no camps).
    seed : int
        Seed of the layout.
    partitions : PartitionCache, optional
        The partitions solved so far (a build's; default: solved afresh).
    layouts : LayoutCache, optional
        The layouts computed so far (a build's; default: computed afresh).

    Returns
    -------
    dict
        ``format``, ``title``, ``level``, ``years`` (ints), ``periods`` (id,
        label, ISO ``lower``/``upper``, ``first``/``last`` year, ``start``/``end``
        on the slider's axis in years from the first, each year's stop
        covering its value +- 0.5), ``actors`` (id, name, kind, ``label`` as
        the figures draw it, ``x``/``y`` in points from the top left of the
        drawing, ``pole``, ``rank``: the order in which labels claim room, the
        poles first, then by ties over the whole record), ``ties`` (id -> :func:`tie_record`), ``frames``
        (year -> ``edges``: source < target, sign, net weight, pos, neg, tie
        ids (by date), ``width`` in points (by the absolute net weight, one scale for
        all years), ``bend``: the control point ``[x, y]`` of a curve that keeps the
        line off the nodes it does not connect, or None for a straight line;
        ``shares``: tie id -> the part of its weight counted that year, when not
        all of it; ``centrality``: actor ->
        :data:`CENTRALITY_FIELDS`; ``nodes``: active actor -> ``bloc`` (its camp's
        :data:`network.output.style.BLOC` key,
        :func:`network.measures.camps.camp_key`) and marker ``area`` in points^2 (by
        involvement, cooperative plus hostile strength, one scale for all
        years, as in the figures)),
        ``measures`` (``[key, label, plain words]`` of each centrality field), ``look``
        (colours and dashes, :func:`network.explorer.look.look`).
        Floats are rounded to 4 decimals; keys and lists are in a fixed
        order, so the same data gives the same payload.
    """
    if level not in LEVELS:
        raise ValueError(f"unknown level {level!r}; choose from {', '.join(LEVELS)}")
    from network.figures.data import record_ties
    from network.output.layout import label_text

    windows = years(dataset)
    snaps = snapshots(dataset, by=windows, level=level)
    rows = centrality(snaps)
    by_period: dict[str, list[dict[str, Any]]] = {}
    for r in rows:
        by_period.setdefault(r["period"], []).append(r)
    nodes = sorted({n for s in snaps for n in s.graph})
    poles = dataset.poles if poles is None else tuple(poles)
    pos = positions(dataset, level=level, poles=poles, seed=seed, nodes=nodes, layouts=layouts)
    names = {n: dataset.actor_name(n) for n in nodes}
    look_ = look(poles, {p: dataset.actor_name(p) for p in poles})
    scales = Scales.of(snaps, rows)  # one scale for all years, as in the figures
    first, last = int(windows[0].id), int(windows[-1].id)
    # a line bends round the nodes it does not connect, each at its largest marker
    routed = bends(pos, snaps, rows, scales)
    order = {n: i for i, n in enumerate(label_order(record_ties(dataset, level), poles))}
    actors = []
    for n in nodes:
        actor = dataset.actors.get(n)
        actors.append(
            {
                "id": n,
                "name": names[n],
                "kind": actor.kind if actor else "",
                "label": label_text(names[n], actor.aliases if actor else ()),
                "x": pos[n][0],
                "y": pos[n][1],
                "pole": n in poles,
                "rank": order.get(n, len(order)),
            }
        )
    return {
        "format": FORMAT,
        "title": dataset.title or dataset.path,
        "level": level,
        "years": [int(w.id) for w in windows],
        "periods": _periods(dataset, first, last),
        "actors": actors,
        "ties": {t.id: tie_record(dataset, t) for t in sorted(dataset.ties, key=lambda t: t.id)},
        "frames": {
            s.window.id: _frame(dataset, s, by_period.get(s.window.id, []), poles, scales, routed, partitions)
            for s in snaps
        },
        "measures": [[k, MEASURE_LABELS[k], MEASURE_WORDS[k]] for k in CENTRALITY_FIELDS],
        "look": look_,
    }
