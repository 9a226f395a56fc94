"""The lesson's content: per period, what changed and why (with citations), who was central, balance.

Computation only; :mod:`network.report.render` turns a :class:`Lesson` into
HTML and Markdown. Changes come from :func:`network.measures.diff.diff`, centrality
from :func:`network.measures.centrality.centrality`, balance from :mod:`network.measures.balance`
and the camps from :func:`network.measures.camps.camps`; the
discussion questions (:mod:`network.report.questions`) are drawn from these.

Examples
--------
>>> from network import load
>>> les = lesson(load("tests/data/mini.yaml"))
>>> [p.window.id for p in les.pages]
['rapprochement', 'crisis']
>>> [(c.kind, c.names) for c in les.pages[1].changes][:2]
[('flipped', ('China', 'Soviet Union')), ('strengthened', ('Albania', 'China'))]
>>> les.pages[1].central[0]["name"]
'Albania'
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from network.dataset.model import Dataset
from network.measures.balance import PartitionCache, frustration, triangle_counts, unbalanced_triangles
from network.measures.camps import Camp, camp_groups, camp_text, camps
from network.measures.centrality import centrality
from network.measures.diff import diff
from network.timeline.snapshots import LEVELS, Snapshot, signed_graph, snapshots
from network.timeline.windows import Window

__all__ = ["TieNote", "Change", "Balance", "Page", "Lesson", "lesson", "CHANGE_WORDS", "TOP"]

#: How the pages name each kind of change of :func:`network.measures.diff.diff`, in the order they are listed.
CHANGE_WORDS = {
    "flipped": "flipped",
    "appeared": "formed",
    "disappeared": "broken",
    "strengthened": "strengthened",
    "weakened": "weakened",
}
#: How many of the most central actors a page lists.
TOP = 3


@dataclass(frozen=True)
class TieNote:
    """One tie as a page cites it."""

    id: str
    source: str
    target: str
    sign: int
    type: str
    when: str
    evidence: str
    citation: str
    confidence: str


@dataclass(frozen=True)
class Change:
    """An edge that changed since the previous period, and the ties behind it before and now."""

    kind: str
    source: str
    target: str
    names: tuple[str, str]
    weight_before: float | None
    weight_now: float | None
    before: tuple[TieNote, ...]
    now: tuple[TieNote, ...]


@dataclass(frozen=True)
class Balance:
    """Structural balance of a period's signed graph, and the camps towards the poles.

    ``camps``: each camp in plain words (:func:`network.measures.camps.camp_text`) ->
    its actors' names; ``camp_of``: actor id -> :class:`network.measures.camps.Camp`.
    """

    edges: int
    triangles: int
    balanced_triangles: int
    frustration: int
    violations: tuple[tuple[str, str], ...]
    unbalanced: tuple[tuple[str, str, str], ...]
    camps: dict[str, tuple[str, ...]]
    camp_of: dict[str, Camp] = field(default_factory=dict)

    @property
    def triangle_balance(self) -> float | None:
        """Share of balanced triangles (0-1), None without triangles."""
        return self.balanced_triangles / self.triangles if self.triangles else None


@dataclass(frozen=True)
class Page:
    """One period's page."""

    window: Window
    slug: str
    previous: Window | None
    snapshot: Snapshot
    ties: tuple[TieNote, ...]
    changes: tuple[Change, ...]
    central: tuple[dict[str, Any], ...]
    balance: Balance
    questions: tuple[str, ...] = ()
    cooperative: int = 0
    hostile: int = 0


@dataclass(frozen=True)
class Lesson:
    """Every period's page, in order, and what the index needs."""

    title: str
    references: tuple[str, ...]
    level: str
    by: str
    poles: tuple[str, ...]
    names: dict[str, str]
    pages: tuple[Page, ...] = field(default=())


def _slug(text: str) -> str:
    keep = "".join(c if c.isalnum() or c in "-_" else "-" for c in text)
    return keep.strip("-") or "period"


def _note(dataset: Dataset, tie_id: str) -> TieNote:
    t = dataset.tie(tie_id)
    return TieNote(
        id=t.id,
        source=dataset.actor_name(t.source),
        target=dataset.actor_name(t.target),
        sign=t.sign,
        type=t.type or "tie",
        when=t.when,
        evidence=t.evidence or "",
        citation=str(t.cite) if t.cite is not None else "",
        confidence=t.confidence,
    )


def _notes(dataset: Dataset, ids: Sequence[str]) -> tuple[TieNote, ...]:
    ordered = sorted(ids, key=lambda i: (dataset.tie(i).lower, dataset.tie(i).upper, i))
    return tuple(_note(dataset, i) for i in ordered)


def _edge_ties(snap: Snapshot, u: str, v: str) -> tuple[str, ...]:
    g = snap.graph
    return tuple(g.edges[u, v]["ties"]) if g.has_edge(u, v) else ()


def _changes(dataset: Dataset, snaps: list[Snapshot], i: int) -> tuple[Change, ...]:
    cur = snaps[i]
    if i == 0:  # the first period: every edge is new
        rows = [
            {
                "change": "appeared",
                "source": min(u, v),
                "target": max(u, v),
                "weight_a": None,
                "weight_b": d["weight"],
            }
            for u, v, d in cur.graph.edges(data=True)
        ]
        rows.sort(key=lambda r: (-abs(r["weight_b"]), r["source"], r["target"]))
    else:
        rows = list(diff(dataset, snaps[i - 1].window.id, cur.window.id, snaps=snaps))
    out = []
    for r in rows:
        u, v = r["source"], r["target"]
        out.append(
            Change(
                kind=CHANGE_WORDS[r["change"]],
                source=u,
                target=v,
                names=(dataset.actor_name(u), dataset.actor_name(v)),
                weight_before=r["weight_a"],
                weight_now=r["weight_b"],
                before=_notes(dataset, _edge_ties(snaps[i - 1], u, v)) if i else (),
                now=_notes(dataset, _edge_ties(cur, u, v)),
            )
        )
    order = list(CHANGE_WORDS.values())
    return tuple(sorted(out, key=lambda c: order.index(c.kind)))


def _balance(
    snap: Snapshot, poles: Sequence[str], names: dict[str, str], partitions: PartitionCache
) -> Balance:
    g = signed_graph(snap.graph)
    counts = triangle_counts(g)
    part = frustration(g, partitions=partitions)
    present = [p for p in poles if p in snap.graph]
    found = camps(snap.graph, present, partitions=partitions)
    groups = (  # no poles: no camps to list
        {
            camp_text(found[members[0]], names): tuple(names.get(a, a) for a in members)
            for members in camp_groups(found).values()
        }
        if present
        else {}
    )
    return Balance(
        edges=g.number_of_edges(),
        triangles=sum(counts.values()),
        balanced_triangles=counts["+++"] + counts["+--"],
        frustration=int(part.value),
        violations=tuple(part.violations),
        unbalanced=tuple(unbalanced_triangles(g)),
        camps=groups,
        camp_of=found,
    )


def lesson(
    dataset: Dataset,
    level: str = "state",
    by: str | None = None,
    poles: Sequence[str] | None = None,
    focal: str | None = None,
    *,
    partitions: PartitionCache | None = None,
) -> Lesson:
    """The lesson's content: one :class:`Page` per period.

    Parameters
    ----------
    dataset : Dataset
        The loaded dataset.
    level : {"person", "state"}
        Snapshot level; ``"state"`` (default) tells the story of states,
        persons' and parties' ties counted with their state.
    by : {"period", "year"}, optional
        One page per named period (default when the dataset has periods) or
        per year.
    poles : sequence of str, optional
        The poles of the camps (those absent from the data are passed over);
        default the dataset's ``framing: poles``, none without a framing (no
        camps are then shown).
    focal : str, optional
        The actor a discussion question follows; default the dataset's
        ``framing: focal`` (no such question without one).
    partitions : PartitionCache, optional
        The partitions solved so far (a build's); default: a new cache for this call, in
        which a period's partition gives both its frustration and its camps.

    Returns
    -------
    Lesson
        Pages in order; each with its snapshot, the ties dated to it, the
        changes since the previous page (formed, broken, flipped,
        strengthened, weakened; the ties behind each before and now, with
        citations), the :data:`TOP` most central actors (by :data:`network.measures.choices.RANK_BY`),
        balance and camps, and discussion questions.
    """
    from network.report.questions import questions

    if level not in LEVELS:
        raise ValueError(f"unknown level {level!r}; choose from {', '.join(LEVELS)}")
    by = by or ("period" if dataset.periods else "year")
    snaps = snapshots(dataset, by=by, level=level)
    rows = centrality(snaps)
    names = {n: dataset.actor_name(n) for s in snaps for n in s.graph}
    poles = dataset.poles if poles is None else tuple(poles)
    focal = dataset.focal if focal is None else focal
    present = tuple(p for p in poles if p in names)
    partitions = PartitionCache() if partitions is None else partitions
    pages = []
    used: set[str] = set()
    for i, snap in enumerate(snaps):
        slug = _slug(snap.window.id)
        while slug in used:
            slug += "-"
        used.add(slug)
        central = tuple(r for r in rows if r["period"] == snap.window.id)[:TOP]
        signs = [d["sign"] for *_, d in snap.graph.edges(data=True)]
        page = Page(
            window=snap.window,
            slug=slug,
            previous=snaps[i - 1].window if i else None,
            snapshot=snap,
            ties=_notes(dataset, list(snap.allocation)),
            changes=_changes(dataset, snaps, i),
            central=central,
            balance=_balance(snap, present, names, partitions),
            cooperative=signs.count(1),
            hostile=signs.count(-1),
        )
        pages.append(page)
    focal = focal if focal in names else None
    pages = [_with_questions(p, questions(p, names, focal)) for p in pages]
    return Lesson(
        title=dataset.title or dataset.path,
        references=tuple(s.citation for s in dataset.sources),
        level=level,
        by=by,
        poles=poles,
        names=names,
        pages=tuple(pages),
    )


def _with_questions(page: Page, qs: Sequence[str]) -> Page:
    from dataclasses import replace

    return replace(page, questions=tuple(qs))
