"""What changed between two periods: edges that appeared, disappeared or flipped, rank moves, camp moves.

Every edge change carries the ids of the ties behind it and their citations,
so a table of changes can be checked against the source.

Examples
--------
>>> from network import load
>>> ds = load("tests/data/mini.yaml")
>>> [(r["change"], r["source"], r["target"]) for r in diff(ds, "1959", "1960", level="state")]
[('flipped', 'albania', 'ussr'), ('appeared', 'china', 'ussr'), ('disappeared', 'albania', 'china')]
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from network.dataset.model import Dataset
from network.measures.camps import camps
from network.measures.centrality import RANK_BY, centrality
from network.output.rows import Rows
from network.timeline.snapshots import Snapshot, snapshots
from network.timeline.windows import find_window

__all__ = ["diff", "rank_moves", "bloc_moves", "CHANGES"]

#: Kinds of edge change, in the order they are listed.
CHANGES = ("flipped", "appeared", "disappeared", "strengthened", "weakened")
_TOLERANCE = 1e-9


def _pair(
    dataset: Dataset, a: str, b: str, snaps: Sequence[Snapshot] | None, options: dict[str, Any]
) -> tuple[Snapshot, Snapshot]:
    if snaps is None:
        snaps = snapshots(dataset, **options)
    windows = [s.window for s in snaps]
    wa, wb = find_window(windows, a), find_window(windows, b)
    by_id = {s.window.id: s for s in snaps}
    return by_id[wa.id], by_id[wb.id]


def _change(wa: float | None, wb: float | None) -> str | None:
    if wa is None:
        return "appeared"
    if wb is None:
        return "disappeared"
    if wa * wb < 0:
        return "flipped"
    if abs(wb) > abs(wa) + _TOLERANCE:
        return "strengthened"
    if abs(wb) < abs(wa) - _TOLERANCE:
        return "weakened"
    return None


def diff(
    dataset: Dataset, a: str, b: str, *, snaps: Sequence[Snapshot] | None = None, **options: Any
) -> Rows:
    """The edges that changed from period ``a`` to period ``b``, with the ties and citations behind them.

    Parameters
    ----------
    dataset : Dataset
        The loaded dataset (for the citations).
    a, b : str
        Period ids of the periodisation (``"1958"``, or a named period's id).
    snaps : sequence of Snapshot, optional
        Snapshots already built; otherwise built with ``options``.
    **options
        Keyword arguments of :func:`network.timeline.snapshots.snapshots` (``by``,
        ``level``, ``mode``, ``allocation``, ``confidence``, ``types``, ...).

    Returns
    -------
    Rows
        Keys ``change, source, target, weight_a, weight_b, ties, citations``.
        ``change`` is ``flipped`` (net sign went from + to - or back),
        ``appeared``, ``disappeared``, ``strengthened`` or ``weakened`` (same
        sign, or from or to a net of 0, with a larger or smaller absolute net
        weight); unchanged edges are left out. ``weight_a``/``weight_b`` are
        the net weights (None where there is no edge); ``ties`` the ids behind
        the edge in either period, sorted, and ``citations`` their citations in
        the same order (``""`` for a tie without one). Listed by change, then
        by the size of the change.

    Examples
    --------
    >>> from network import load
    >>> ds = load("tests/data/mini.yaml")
    >>> r = diff(ds, "1959", "1960", level="state")[0]
    >>> r["weight_a"], r["weight_b"], r["ties"][-1], r["citations"][-1]
    (2.0, -2.0, 'ussr-albania-alliance-1957', 'mini, p. 1')
    """
    sa, sb = _pair(dataset, a, b, snaps, options)
    ga, gb = sa.graph, sb.graph
    keys = {tuple(sorted(e)) for e in ga.edges} | {tuple(sorted(e)) for e in gb.edges}
    out = []
    for u, v in sorted(keys):
        ea = ga.edges[u, v] if ga.has_edge(u, v) else None
        eb = gb.edges[u, v] if gb.has_edge(u, v) else None
        wa = ea["weight"] if ea else None
        wb = eb["weight"] if eb else None
        change = _change(wa, wb)
        if change is None:
            continue
        ids = sorted(set(ea["ties"] if ea else ()) | set(eb["ties"] if eb else ()))
        cites = [str(c) if (c := dataset.tie(t).cite) is not None else "" for t in ids]
        out.append(
            {
                "change": change,
                "source": u,
                "target": v,
                "weight_a": wa,
                "weight_b": wb,
                "ties": ids,
                "citations": cites,
            }
        )
    out.sort(
        key=lambda r: (
            CHANGES.index(r["change"]),
            -abs((r["weight_b"] or 0.0) - (r["weight_a"] or 0.0)),
            r["source"],
            r["target"],
        )
    )
    return Rows(out)


def rank_moves(
    dataset: Dataset,
    a: str,
    b: str,
    *,
    rank_by: str = RANK_BY,
    snaps: Sequence[Snapshot] | None = None,
    **options: Any,
) -> Rows:
    """Actors whose centrality rank changed from period ``a`` to ``b``.

    Returns
    -------
    Rows
        Keys ``actor, name, rank_a, rank_b, move, measure``: ranks by
        ``rank_by`` (default :data:`network.measures.choices.RANK_BY`, the total weight
        of the actor's ties) within each period, 1 = most
        central; ``move = rank_a - rank_b`` (positive = moved up), None when
        the actor has no tie in one of the periods. Largest moves first.

    Examples
    --------
    >>> from network import load
    >>> [(r["actor"], r["rank_a"], r["rank_b"], r["move"])
    ...  for r in rank_moves(load("tests/data/mini.yaml"), "1957", "1958", level="state")]
    [('albania', 2, 1, 1), ('ussr', 1, 2, -1)]
    """
    sa, sb = _pair(dataset, a, b, snaps, options)
    ranks = [{r["actor"]: r for r in centrality([s], rank_by=rank_by)} for s in (sa, sb)]
    out = []
    for actor in sorted(set(ranks[0]) | set(ranks[1])):
        ra, rb = ranks[0].get(actor), ranks[1].get(actor)
        rank_a = ra["rank"] if ra else None
        rank_b = rb["rank"] if rb else None
        if rank_a == rank_b:
            continue
        move = rank_a - rank_b if rank_a is not None and rank_b is not None else None
        out.append(
            {
                "actor": actor,
                "name": dataset.actor_name(actor),
                "rank_a": rank_a,
                "rank_b": rank_b,
                "move": move,
                "measure": rank_by,
            }
        )
    out.sort(key=lambda r: (r["move"] is None, -abs(r["move"] or 0), r["actor"]))
    return Rows(out)


def bloc_moves(
    dataset: Dataset,
    a: str,
    b: str,
    *,
    poles: Sequence[str] = (),
    snaps: Sequence[Snapshot] | None = None,
    **options: Any,
) -> Rows:
    """Actors whose camp (:func:`network.measures.camps.camps`) differs between ``a`` and ``b``.

    The camps are reckoned towards ``poles`` (those absent from a period are
    passed over); without poles there are no camps, and a ValueError says how to give them.

    Returns
    -------
    Rows
        Keys ``actor, name, camp_a, camp_b`` (camp labels such as
        ``cooperative:ussr``, ``enemy-side:china``, ``unaligned``; None where
        the actor has no tie in that period), by actor.

    Examples
    --------
    >>> from network import load
    >>> ds = load("tests/data/mini.yaml")
    >>> for r in bloc_moves(ds, "1959", "1960", poles=("ussr", "china"), level="state"):
    ...     print(r["actor"], r["camp_a"], "->", r["camp_b"])
    albania cooperative:ussr+china -> enemy-side:china
    china cooperative:ussr+china -> cooperative:china
    ussr cooperative:ussr+china -> cooperative:ussr
    """
    from network.output.framing import no_framing

    if not poles:
        raise ValueError(no_framing("the camp moves", override=True, options="--pole"))
    sa, sb = _pair(dataset, a, b, snaps, options)
    la, lb = (
        {a: c.label for a, c in camps(s.graph, poles).items() if c.kind != "inactive"} for s in (sa, sb)
    )
    out = Rows()
    for actor in sorted(set(la) | set(lb)):
        if la.get(actor) != lb.get(actor):
            out.append(
                {
                    "actor": actor,
                    "name": dataset.actor_name(actor),
                    "camp_a": la.get(actor),
                    "camp_b": lb.get(actor),
                }
            )
    return out
