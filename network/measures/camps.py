"""Camps: how each actor of a period stands towards each pole: by cooperation, by shared enemies, or not.

One classification, used by every output that shows blocs (the commands, the
figures, the explorer, the lesson pages and the exports). It tells apart what
the best two-camp split of a signed graph (the frustration partition of
:func:`network.measures.balance.frustration`) runs together: being linked to a pole by
cooperation, and being put on its side only because the two have enemies in
common. Per period, for each actor and each pole:

* ``cooperative``: a path of cooperative (net positive) edges joins the actor
  to the pole (the pole itself included);
* ``same_side``: no such path, but every best two-camp split of the signed
  graph puts the actor on the pole's side: it gets there only through hostile
  ties ("the enemy of my enemy");
* ``other_side``: no cooperative path, and every best split puts it on the
  other side;
* ``either_side``: no cooperative path, and the best splits disagree (a
  tie-break would decide, so none is made);
* ``no_path``: no path of cooperative or hostile edges to the pole at all (or
  the pole has no tie this period).

The actor's camp (:class:`Camp`) sums these up, in this order:

* ``cooperative`` with the poles it is cooperatively linked to (two or more:
  linked cooperatively to several poles, its own class);
* else ``enemy_side`` with the poles it is on the side of;
* else ``no_side`` when hostile paths reach a pole but put it on no pole's side;
* else ``unaligned``: no path to any pole (never placed by a tie-break);
* ``inactive`` when the actor has no tie in the period.

Worked example: the USSR is hostile to Yugoslavia and to the United States;
Albania cooperates with the USSR, Greece with the United States, and Albania is
hostile to Greece. Canada cooperates with Italy and no one else.

>>> import networkx as nx
>>> from network.timeline.snapshots import Snapshot
>>> g = nx.Graph()
>>> g.add_nodes_from(["ussr", "albania", "yugoslavia", "usa", "greece", "canada", "italy"], active=True)
>>> g.add_node("cuba", active=False)
>>> for u, v, s in [("ussr", "albania", 1), ("ussr", "yugoslavia", -1), ("ussr", "usa", -1),
...                 ("greece", "usa", 1), ("albania", "greece", -1), ("canada", "italy", 1)]:
...     g.add_edge(u, v, sign=s)
>>> for actor, camp in camps(g, ["ussr"]).items():
...     print(f"{actor:10} {camp.label}")
albania    cooperative:ussr
canada     unaligned
cuba       inactive
greece     no-side
italy      unaligned
usa        no-side
ussr       cooperative:ussr
yugoslavia no-side

The best two-camp split puts Yugoslavia, the United States and Greece
together, against the USSR and Albania; nothing here calls them anyone's camp.
With a second pole, China, hostile to Albania, they land on its side of that
split, but only through shared enemies:

>>> g.add_node("china", active=True)
>>> g.add_edge("china", "albania", sign=-1)
>>> c = camps(g, ["ussr", "china"])
>>> c["yugoslavia"].label, c["usa"].label, c["albania"].label
('enemy-side:china', 'enemy-side:china', 'cooperative:ussr')
>>> c["usa"].relations
(('ussr', 'other_side'), ('china', 'same_side'))

References
----------
.. [1] Cartwright, D. and Harary, F. (1956). Structural balance: a
   generalization of Heider's theory. *Psychological Review* 63(5): 277-293.
.. [2] Doreian, P. and Mrvar, A. (1996). A partitioning approach to structural
   balance. *Social Networks* 18(2): 149-168.
.. [3] Aref, S. and Wilson, M. C. (2018). Measuring partial balance in signed
   networks. *Journal of Complex Networks* 6(4): 566-595.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import networkx as nx

from network.output.rows import Rows

if TYPE_CHECKING:
    from network.measures.balance import PartitionCache

__all__ = [
    "Camp",
    "camps",
    "camp_rows",
    "camp_groups",
    "camp_key",
    "camp_text",
    "legend_text",
    "CAMP_EXPLAINED",
    "NO_POLES",
    "KINDS",
    "RELATIONS",
]

#: The camps, in the order they are listed.
KINDS = ("cooperative", "enemy_side", "no_side", "unaligned", "inactive")
#: How an actor stands towards one pole.
RELATIONS = ("cooperative", "same_side", "other_side", "either_side", "no_path")
#: What a camp is, in one sentence (pages, explorer, help texts).
CAMP_EXPLAINED = (
    "A camp says how an actor stood towards the poles in the period: linked to a pole by cooperative ties "
    "(directly or through cooperating actors), on a pole's side only through shared enemies, or with no path "
    "of ties to any pole. It is not an alliance."
)

#: What an actor's colour means when there are no poles (a dataset without a framing).
NO_POLES = "no camps: no poles are given (the framing)"


@dataclass(frozen=True)
class Camp:
    """An actor's camp in one period: its kind, the poles it names, and its relation to each pole.

    Attributes
    ----------
    kind : str
        One of :data:`KINDS`.
    poles : tuple of str
        The poles of a ``cooperative`` or ``enemy_side`` camp, in the poles'
        order; empty otherwise.
    relations : tuple of (str, str)
        ``(pole, relation)`` for every pole, a relation of :data:`RELATIONS`.

    Examples
    --------
    >>> Camp("cooperative", ("ussr", "china")).label
    'cooperative:ussr+china'
    >>> Camp("unaligned").label
    'unaligned'
    """

    kind: str
    poles: tuple[str, ...] = ()
    relations: tuple[tuple[str, str], ...] = ()

    @property
    def label(self) -> str:
        """``kind`` with dashes, and the poles joined by ``+`` after a colon (``enemy-side:china``)."""
        kind = self.kind.replace("_", "-")
        return f"{kind}:{'+'.join(self.poles)}" if self.poles else kind

    def relation(self, pole: str) -> str:
        """The relation to ``pole`` (``no_path`` for a pole not classified)."""
        return dict(self.relations).get(pole, "no_path")


def _signed(graph: nx.Graph) -> nx.Graph:
    """The edges of net sign +1 or -1, between their end points."""
    g = nx.Graph()
    g.add_edges_from(
        (u, v, {"sign": d["sign"]}) for u, v, d in graph.edges(data=True) if d.get("sign") in (1, -1)
    )
    return g


def _side_together(
    g: nx.Graph,
    labels: Mapping[str, int],
    actor: str,
    pole: str,
    best: float,
    partitions: PartitionCache | None = None,
) -> str:
    """``same_side``, ``other_side`` or ``either_side``: where every best split puts ``actor``.

    ``labels`` is one best split (value ``best``). The other placement is forced
    by a tie between the two that costs more than all the edges together;
    if the best split under that constraint frustrates no more of the real
    edges than ``best``, the best splits disagree.
    """
    from network.measures.balance import frustration

    together = labels[actor] == labels[pole]
    forced = nx.Graph()
    forced.add_nodes_from(g)
    forced.add_edges_from((u, v, {"sign": d["sign"], "cost": 1}) for u, v, d in g.edges(data=True))
    forced.add_edge(actor, pole, sign=-1 if together else 1, cost=g.number_of_edges() + 1)
    other = frustration(forced, weight="cost", partitions=partitions)
    side = {u: b for b, bloc in enumerate(other.blocs) for u in bloc}
    cost = sum(1 for u, v, d in g.edges(data=True) if (side[u] == side[v]) != (d["sign"] > 0))
    if cost <= best:
        return "either_side"
    return "same_side" if together else "other_side"


def camps(
    graph: nx.Graph, poles: Sequence[str], *, partitions: PartitionCache | None = None
) -> dict[str, Camp]:
    """The camp of every actor of a period's graph towards ``poles`` (see the module docstring).

    Parameters
    ----------
    graph : networkx.Graph
        A snapshot's graph (:attr:`network.timeline.snapshots.Snapshot.graph`): nodes
        with ``active``, edges with their net ``sign`` (+1, -1, or 0 for ties
        that cancel out, which link nobody).
    poles : sequence of str
        The poles, in their order. A pole that is not in the graph is a
        ValueError; one without a tie in the period is reached by no one.
    partitions : PartitionCache, optional
        The partitions solved so far (:class:`network.measures.balance.PartitionCache`),
        where this call finds those it needs and keeps those it solves.

    Returns
    -------
    dict
        Actor id -> :class:`Camp`, for every node, in sorted order.

    Examples
    --------
    >>> import networkx as nx
    >>> g = nx.Graph()
    >>> g.add_nodes_from("abcx", active=True)
    >>> g.add_edge("a", "b", sign=1); g.add_edge("b", "c", sign=-1)
    >>> {a: c.label for a, c in camps(g, ["a"]).items()}
    {'a': 'cooperative:a', 'b': 'cooperative:a', 'c': 'no-side', 'x': 'unaligned'}
    """
    from network.measures.alignment import check_actors
    from network.measures.balance import frustration

    check_actors(graph, poles)
    poles = list(dict.fromkeys(poles))
    signed = _signed(graph)
    friendly = nx.Graph()
    friendly.add_edges_from((u, v) for u, v, d in signed.edges(data=True) if d["sign"] > 0)
    coop = {p: nx.node_connected_component(friendly, p) if p in friendly else {p} for p in poles}
    reach = {p: nx.node_connected_component(signed, p) if p in signed else {p} for p in poles}
    split = frustration(signed, partitions=partitions) if signed.number_of_nodes() else None
    labels = {u: b for b, bloc in enumerate(split.blocs) for u in bloc} if split else {}
    out: dict[str, Camp] = {}
    for actor in sorted(graph):
        if not graph.nodes[actor].get("active", True):
            out[actor] = Camp("inactive", (), tuple((p, "no_path") for p in poles))
            continue
        relations = []
        for p in poles:
            if actor in coop[p]:
                relation = "cooperative"
            elif actor in reach[p] and split is not None:
                relation = _side_together(signed, labels, actor, p, split.value, partitions)
            else:
                relation = "no_path"
            relations.append((p, relation))
        by = {r: tuple(p for p, rel in relations if rel == r) for r in RELATIONS}
        if by["cooperative"]:
            camp = Camp("cooperative", by["cooperative"], tuple(relations))
        elif by["same_side"]:
            camp = Camp("enemy_side", by["same_side"], tuple(relations))
        elif by["other_side"] or by["either_side"]:
            camp = Camp("no_side", (), tuple(relations))
        else:
            camp = Camp("unaligned", (), tuple(relations))
        out[actor] = camp
    return out


def camp_rows(
    snaps: Iterable,
    poles: Sequence[str],
    *,
    inactive: bool = False,
    partitions: PartitionCache | None = None,
) -> Rows:
    """The camp of every actor with a tie, per period: the rows of ``entente alignment --blocs``.

    Parameters
    ----------
    snaps : iterable of Snapshot
        From :func:`network.timeline.snapshots.snapshots`.
    poles : sequence of str
        The poles.
    inactive : bool
        Also list the actors without a tie in the period.
    partitions : PartitionCache, optional
        As for :func:`camps`.

    Returns
    -------
    Rows
        Keys ``period, actor, camp`` (:attr:`Camp.label`), ``kind``, ``poles``
        (a list) and one column per pole with the relation to it, by period
        then actor.

    Examples
    --------
    >>> from network import load
    >>> from network.timeline.snapshots import snapshots
    >>> rows = camp_rows(snapshots(load("tests/data/mini.yaml"), level="state"), ["ussr", "china"])
    >>> [(r["actor"], r["camp"]) for r in rows if r["period"] == "1960"]   # Albania: no tie with China
    [('albania', 'enemy-side:china'), ('china', 'cooperative:china'), ('ussr', 'cooperative:ussr')]
    """
    out = Rows()
    for snap in snaps:
        for actor, camp in camps(snap.graph, poles, partitions=partitions).items():
            if camp.kind == "inactive" and not inactive:
                continue
            out.append(
                {
                    "period": snap.window.id,
                    "actor": actor,
                    "camp": camp.label,
                    "kind": camp.kind,
                    "poles": list(camp.poles),
                    **dict(camp.relations),
                }
            )
    return out


def camp_groups(found: Mapping[str, Camp]) -> dict[str, list[str]]:
    """Camp label -> its actors (sorted), the camps in :data:`KINDS` order, inactive actors left out.

    >>> camp_groups({"b": Camp("unaligned"), "a": Camp("cooperative", ("x",)), "c": Camp("unaligned")})
    {'cooperative:x': ['a'], 'unaligned': ['b', 'c']}
    """
    groups: dict[str, list[str]] = {}
    order = sorted(
        (c for c in found.items() if c[1].kind != "inactive"), key=lambda c: (KINDS.index(c[1].kind), c[0])
    )
    for actor, camp in order:
        groups.setdefault(camp.label, []).append(actor)
    return {k: sorted(v) for k, v in groups.items()}


def camp_key(camp: Camp, poles: Sequence[str]) -> str:
    """The :data:`network.output.style.BLOC` key (colour, legend entry) of ``camp``.

    The first two ``poles`` are drawn.

    ``pole0``/``pole1``: cooperative ties link it to that pole only; ``both``:
    to two or more poles; ``enemy0``/``enemy1``: on that pole's side only
    through shared enemies; ``enemy_both``: on the side of two or more poles
    that way; ``pole_other``/``enemy_other``: the same towards a pole after the
    second; ``no_side``, ``unaligned``; ``none``: no tie this period.

    Examples
    --------
    >>> poles = ("ussr", "china")
    >>> [camp_key(c, poles) for c in (Camp("cooperative", ("china",)), Camp("cooperative", poles),
    ...  Camp("enemy_side", ("ussr",)), Camp("no_side"), Camp("unaligned"), Camp("inactive"))]
    ['pole1', 'both', 'enemy0', 'no_side', 'unaligned', 'none']
    """
    if camp.kind == "inactive":
        return "none"
    if camp.kind not in ("cooperative", "enemy_side"):
        return camp.kind
    prefix = "pole" if camp.kind == "cooperative" else "enemy"
    if len(camp.poles) > 1:
        return "both" if prefix == "pole" else "enemy_both"
    drawn = list(poles[:2])
    return f"{prefix}{drawn.index(camp.poles[0])}" if camp.poles[0] in drawn else f"{prefix}_other"


def camp_text(camp: Camp, names: Mapping[str, str]) -> str:
    """What ``camp`` means, in plain words, with its poles named.

    The words are the legend's, :data:`network.output.style.BLOC`.

    >>> camp_text(Camp("enemy_side", ("china",)), {"china": "China"})
    "on China's side only through shared enemies"
    >>> camp_text(Camp("cooperative", ("ussr", "china")), {"ussr": "Soviet Union", "china": "China"})
    'linked to Soviet Union and China by cooperative ties'
    >>> camp_text(Camp("unaligned", (), (("ussr", "no_path"),)), {})
    'no path of ties to any pole'
    >>> camp_text(Camp("unaligned"), {})   # no poles at all
    'no camps: no poles are given (the framing)'
    """
    from network.output import style

    if not camp.relations and camp.kind == "unaligned":
        return NO_POLES
    named = [names.get(p, p) for p in camp.poles]
    key = camp_key(camp, camp.poles)
    several = ", ".join(named[:-1]) + " and " + named[-1] if len(named) > 1 else ""
    return style.BLOC[key]["label"].format(pole0=named[0] if named else "", pole1="", several=several)


def legend_text(key: str, pole_names: Sequence[str]) -> str:
    """The legend's words for a :data:`network.output.style.BLOC` key, with the poles' names filled in.

    >>> legend_text("enemy1", ["Soviet Union", "China"])
    "on China's side only through shared enemies"
    >>> legend_text("both", ["Soviet Union", "China"])
    'linked to Soviet Union and China by cooperative ties'
    >>> legend_text("both", ["A", "B", "C"])
    'linked to two or more poles by cooperative ties'
    >>> legend_text("unaligned", [])
    'no camps: no poles are given (the framing)'
    """
    from network.output import style

    names = list(pole_names)
    if not names and key == "unaligned":
        return NO_POLES
    fill = {
        "pole0": names[0] if names else "the first pole",
        "pole1": names[1] if len(names) > 1 else "the second pole",
        "several": " and ".join(names) if len(names) == 2 else "two or more poles",
    }
    return style.BLOC[key]["label"].format(**fill)
