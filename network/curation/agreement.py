"""Agreement between two codings of the same text (``entente agree A B``; docs/agreement.md).

Two curators code the same article into two datasets of format v1. The
second often covers only part of the text, so the comparison is restricted to
a :class:`Scope` (pages, footnotes, tie ids): a tie takes part when its
citation's page or footnote, or its id, lies in the scope. Then:

1. **Units.** Each tie in scope is a unit. Its two ends are the actors as
   coded (``level="person"``) or projected onto the state they belong to at the
   tie's own day (``level="state"``, the rule of :func:`network.timeline.snapshots.project`).
   An actor of B whose id A lacks is renamed to A's actor with the same name
   or alias (case-insensitive) when exactly one such actor exists.
2. **Candidates.** A tie of A and a tie of B may be paired when (a) they join
   the same two actors, in either direction; (b) their date bounds overlap
   (``lower``/``upper``, so ``1958`` overlaps ``1958-11``); (c) they have the same
   form: both events (``date``) or both standing relations (``start``/``end``).
   Type, sign, weight, precision and confidence, the fields measured, are not
   conditions, so a pair can disagree on every one of them.
3. **Matching.** A one-to-one matching of the candidates, an assignment
   problem solved exactly (:func:`scipy.optimize.linear_sum_assignment`) among
   the ties of each pair of actors: first the most pairs, then the highest total
   :func:`match_score` (same type 4, same direction 2, same sign 1, plus the
   overlap of the two date ranges over their union, 0 to 1, plus 0.1 for each
   of the same weight, precision and confidence). Ties are taken in id order,
   so the matching is deterministic.
4. **Measures.** For each field of :data:`FIELDS`, Krippendorff's alpha over the
   matched pairs at the field's level of measurement (nominal for type, sign,
   precision and confidence; interval for weight, whose rubric steps 1, 2, 3 are
   equal) with a 95% bootstrap interval over the pairs, and, for the nominal
   fields, Cohen's kappa. Ties only one coder has are listed, and
   ``unit_agreement`` = 2 x matched / (ties of A + ties of B) says how far the
   coders agree on *which* ties there are (not chance-corrected).

Examples
--------
>>> r = agreement("tests/data/agree/a.yaml", "tests/data/agree/b.yaml", scope=Scope.of(pages=[1, 2, 3]))
>>> r.coded_a, r.coded_b, r.matched, len(r.only_a), len(r.only_b)
(6, 6, 4, 2, 2)
>>> round(r.field("type").alpha, 3), round(r.field("type").kappa, 3)
(0.667, 0.636)
>>> round(r.field("weight").alpha, 3), r.field("weight").kappa is None
(0.821, True)
"""

from __future__ import annotations

import os
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from network.curation.reliability import bootstrap_alpha, cohen_kappa, krippendorff_alpha
from network.dataset.edtf import _PRECISION_RANK
from network.dataset.model import Dataset, Tie
from network.measures.choices import LEVELS
from network.output.rows import Rows
from network.timeline.snapshots import _own_day, project

__all__ = [
    "Field",
    "FIELDS",
    "Scope",
    "MatchedPair",
    "FieldAgreement",
    "Agreement",
    "agreement",
    "match_score",
    "precision_of",
]


def precision_of(tie: Tie) -> str:
    """The precision a tie is dated at: its date's, or for a standing tie the coarser known end's.

    A standing tie open at both ends has precision ``"open"``.

    >>> from network.dataset.edtf import parse_edtf
    >>> precision_of(Tie(id="t", source="a", target="b", sign=1, start=parse_edtf("1957"),
    ...                  end=parse_edtf("1961-12")))
    'year'
    """
    if tie.date is not None:
        return tie.date.precision
    known = [d.precision for d in (tie.start, tie.end) if d is not None and d.precision != "open"]
    return max(known, key=_PRECISION_RANK.__getitem__) if known else "open"


@dataclass(frozen=True)
class Field:
    """A coded field compared between the coders: its name, level of measurement and how to read it."""

    name: str
    measurement: str
    value: Callable[[Tie], Any]


#: The fields compared, in report order; the one home of each field's level of measurement.
FIELDS: tuple[Field, ...] = (
    Field("type", "nominal", lambda t: t.type),
    Field("sign", "nominal", lambda t: t.sign),
    Field("weight", "interval", lambda t: t.weight),
    Field("precision", "nominal", precision_of),
    Field("confidence", "nominal", lambda t: t.confidence),
)


@dataclass(frozen=True)
class Scope:
    """The part of the text both coders coded: pages, footnotes, tie ids (all empty: the whole text).

    A tie is in scope when its citation's page is one of ``pages``, its
    footnote one of ``notes``, or its id one of ``ties`` (for a part of a page
    that no footnote marks: list the ties of that part). With a scope given, a
    tie without a citation is in it only by its id.

    >>> s = Scope.of(pages=[125, 131], notes=[13])
    >>> str(s)
    'pages 125, 131; notes 13'
    >>> str(Scope())
    'everything'
    """

    pages: frozenset[int] = frozenset()
    notes: frozenset[int] = frozenset()
    ties: frozenset[str] = frozenset()

    @classmethod
    def of(cls, pages: Iterable[int] = (), notes: Iterable[int] = (), ties: Iterable[str] = ()) -> Scope:
        """A scope from any iterables of page numbers, footnote numbers and tie ids."""
        return cls(frozenset(pages), frozenset(notes), frozenset(ties))

    @property
    def everything(self) -> bool:
        return not self.pages and not self.notes and not self.ties

    def covers(self, tie: Tie) -> bool:
        """Whether ``tie`` lies in the scope."""
        if self.everything or tie.id in self.ties:
            return True
        cite = tie.cite
        if cite is None:
            return False
        return cite.page in self.pages or cite.note in self.notes

    def __str__(self) -> str:
        parts = []
        if self.pages:
            parts.append("pages " + ", ".join(map(str, sorted(self.pages))))
        if self.notes:
            parts.append("notes " + ", ".join(map(str, sorted(self.notes))))
        if self.ties:
            parts.append("ties " + ", ".join(sorted(self.ties)))
        return "; ".join(parts) or "everything"


@dataclass(frozen=True)
class MatchedPair:
    """A tie of A matched to a tie of B, with the score that chose the pair."""

    a: Tie
    b: Tie
    score: float


@dataclass(frozen=True)
class FieldAgreement:
    """Agreement on one field over the matched pairs.

    ``pairs`` counts the pairs where both coders gave a value, ``agreed`` those
    with equal values; ``alpha`` is Krippendorff's alpha at ``measurement``,
    ``kappa`` Cohen's kappa (nominal fields only). Either is None where undefined
    (no pairs, or no variation in the values). ``alpha_low`` and ``alpha_high``
    bound the 95% bootstrap interval of alpha over the pairs
    (:func:`network.curation.reliability.bootstrap_alpha`), None when not computed.
    """

    field: str
    measurement: str
    pairs: int
    agreed: int
    alpha: float | None
    kappa: float | None
    alpha_low: float | None = None
    alpha_high: float | None = None


@dataclass(frozen=True)
class Agreement:
    """What :func:`agreement` returns: the matching and the agreement per field.

    Attributes
    ----------
    a, b : str
        The two datasets' paths.
    scope : Scope
    level : {"person", "state"}
    coded_a, coded_b : int
        Ties of each coder in scope (the units).
    outside_a, outside_b : int
        Ties of each coder left out by the scope.
    pairs : tuple of MatchedPair
        The matched ties, in A's id order.
    only_a, only_b : tuple of Tie
        Ties in scope that only one coder has.
    fields : tuple of FieldAgreement
        One per entry of :data:`FIELDS`, in that order.
    actor_map : dict
        B's actor ids renamed to A's (by name or alias).
    """

    a: str
    b: str
    scope: Scope
    level: str
    coded_a: int
    coded_b: int
    outside_a: int
    outside_b: int
    pairs: tuple[MatchedPair, ...]
    only_a: tuple[Tie, ...]
    only_b: tuple[Tie, ...]
    fields: tuple[FieldAgreement, ...]
    actor_map: dict[str, str]

    @property
    def matched(self) -> int:
        return len(self.pairs)

    @property
    def unit_agreement(self) -> float | None:
        """2 x matched / (coded_a + coded_b): the share of units both coders have; None if none."""
        total = self.coded_a + self.coded_b
        return 2 * self.matched / total if total else None

    def field(self, name: str) -> FieldAgreement:
        """The agreement on field ``name`` (one of :data:`FIELDS`)."""
        for f in self.fields:
            if f.field == name:
                return f
        raise KeyError(name)

    def summary_rows(self) -> Rows:
        """The counts: scope, level, units of each coder, matched, only A, only B, unit agreement."""
        items: list[tuple[str, Any]] = [
            ("scope", str(self.scope)),
            ("level", self.level),
            ("ties_a", self.coded_a),
            ("ties_b", self.coded_b),
            ("outside_scope_a", self.outside_a),
            ("outside_scope_b", self.outside_b),
            ("matched", self.matched),
            ("only_a", len(self.only_a)),
            ("only_b", len(self.only_b)),
            ("unit_agreement", self.unit_agreement),
        ]
        items += [(f"actor_map:{k}", v) for k, v in sorted(self.actor_map.items())]
        return Rows({"measure": k, "value": v} for k, v in items)

    def field_rows(self) -> Rows:
        """One row per field: measurement, pairs, agreed, alpha, its 95% interval, kappa."""
        return Rows(
            {
                "field": f.field,
                "measurement": f.measurement,
                "pairs": f.pairs,
                "agreed": f.agreed,
                "alpha": f.alpha,
                "alpha_low": f.alpha_low,
                "alpha_high": f.alpha_high,
                "kappa": f.kappa,
            }
            for f in self.fields
        )

    def pair_rows(self) -> Rows:
        """One row per matched pair: both tie ids and each field's two values."""
        rows = Rows()
        for p in self.pairs:
            row: dict[str, Any] = {"tie_a": p.a.id, "tie_b": p.b.id, "score": p.score}
            for f in FIELDS:
                row[f"{f.name}_a"] = f.value(p.a)
                row[f"{f.name}_b"] = f.value(p.b)
            rows.append(row)
        return rows

    def unmatched_rows(self) -> Rows:
        """One row per tie only one coder has: coder, id, ends, date, type, sign, citation."""
        return Rows(
            {
                "coder": coder,
                "tie": t.id,
                "source": t.source,
                "target": t.target,
                "when": t.when,
                "type": t.type,
                "sign": t.sign,
                "cite": str(t.cite) if t.cite else None,
            }
            for coder, ties in (("a", self.only_a), ("b", self.only_b))
            for t in ties
        )


def match_score(a: Tie, b: Tie, ends_a: tuple[str, str], ends_b: tuple[str, str]) -> float:
    """How alike two candidate ties are; the matching maximises its total.

    Same type 4, same direction 2 (always, if either tie is undirected),
    same sign 1, plus the days the two date
    ranges share over the days either covers (0 to 1), plus 0.1 for each of
    the same weight, the same precision and the same confidence (tie-breakers,
    so that a coding compared with itself pairs every tie with itself).
    ``ends_a`` and ``ends_b`` are the ties' (source, target) at the level compared.

    >>> from network.dataset.edtf import parse_edtf
    >>> x = Tie(id="x", source="a", target="b", sign=1, type="visit", date=parse_edtf("1958"))
    >>> y = Tie(id="y", source="b", target="a", sign=1, type="visit", date=parse_edtf("1958"))
    >>> round(match_score(x, y, ("a", "b"), ("b", "a")), 3)   # type 4 + sign 1 + overlap 1 + 0.3
    6.3
    """
    same_direction = ends_a == ends_b or not (a.directed and b.directed)  # undirected: either way
    score = 4.0 * (a.type == b.type) + 2.0 * same_direction + 1.0 * (a.sign == b.sign)
    lo, hi = max(a.lower, b.lower), min(a.upper, b.upper)
    shared = hi.toordinal() - lo.toordinal() + 1
    union = max(a.upper, b.upper).toordinal() - min(a.lower, b.lower).toordinal() + 1
    score += max(shared, 0) / union
    score += 0.1 * (a.weight == b.weight) + 0.1 * (precision_of(a) == precision_of(b))
    return score + 0.1 * (a.confidence == b.confidence)


_MAX_SCORE = 8.3


def _names(actor: Any) -> set[str]:
    return {actor.name.casefold(), *(alias.casefold() for alias in actor.aliases)}


def _actor_map(a: Dataset, b: Dataset) -> dict[str, str]:
    """B's actor ids that A lacks, renamed to the one actor of A sharing a name or alias."""
    by_name: dict[str, set[str]] = defaultdict(set)
    for actor in a.actors.values():
        for name in _names(actor):
            by_name[name].add(actor.id)
    out = {}
    for actor in b.actors.values():
        if actor.id in a.actors:
            continue
        found = set().union(*(by_name.get(n, set()) for n in _names(actor)))
        if len(found) == 1:
            out[actor.id] = found.pop()
    return out


def _ends(dataset: Dataset, tie: Tie, level: str, rename: dict[str, str]) -> tuple[str, str]:
    if level == "state":
        day = _own_day(tie)
        source, target = project(dataset, tie.source, day), project(dataset, tie.target, day)
    else:
        source, target = tie.source, tie.target
    return rename.get(source, source), rename.get(target, target)


def _match(
    units_a: list[tuple[Tie, tuple[str, str]]], units_b: list[tuple[Tie, tuple[str, str]]]
) -> list[MatchedPair]:
    """The matching of step 3: per pair of actors, most pairs first, then the highest total score."""
    from scipy.optimize import linear_sum_assignment

    groups: dict[frozenset[str], tuple[list[Any], list[Any]]] = defaultdict(lambda: ([], []))
    for unit in units_a:
        groups[frozenset(unit[1])][0].append(unit)
    for unit in units_b:
        groups[frozenset(unit[1])][1].append(unit)
    pairs = []
    for key in sorted(groups, key=sorted):
        side_a, side_b = groups[key]
        if not side_a or not side_b:
            continue
        bonus = _MAX_SCORE * min(len(side_a), len(side_b)) + 1  # one more pair beats any score
        value = [[0.0] * len(side_b) for _ in side_a]
        for i, (ta, ea) in enumerate(side_a):
            for j, (tb, eb) in enumerate(side_b):
                if ta.is_event == tb.is_event and ta.lower <= tb.upper and tb.lower <= ta.upper:
                    value[i][j] = bonus + match_score(ta, tb, ea, eb)
        rows, cols = linear_sum_assignment(value, maximize=True)
        for i, j in zip(rows, cols, strict=True):
            if value[i][j] > 0:
                pairs.append(MatchedPair(side_a[i][0], side_b[j][0], value[i][j] - bonus))
    return sorted(pairs, key=lambda p: p.a.id)


def _field_agreement(f: Field, pairs: list[MatchedPair], resamples: int, seed: int) -> FieldAgreement:
    values = [(f.value(p.a), f.value(p.b)) for p in pairs]
    both = [(x, y) for x, y in values if x is not None and y is not None]
    interval = bootstrap_alpha(both, f.measurement, resamples=resamples, seed=seed)
    return FieldAgreement(
        field=f.name,
        measurement=f.measurement,
        pairs=len(both),
        agreed=sum(x == y for x, y in both),
        alpha=krippendorff_alpha(both, f.measurement),
        kappa=cohen_kappa(both) if f.measurement == "nominal" else None,
        alpha_low=interval[0] if interval else None,
        alpha_high=interval[1] if interval else None,
    )


def _as_dataset(data: Dataset | str | os.PathLike[str]) -> Dataset:
    if isinstance(data, Dataset):
        return data
    from network.dataset.loader import load

    return load(data)


def agreement(
    a: Dataset | str | os.PathLike[str],
    b: Dataset | str | os.PathLike[str],
    scope: Scope | None = None,
    level: str = "person",
    resamples: int = 1000,
    seed: int = 0,
) -> Agreement:
    """Compare two codings of the same text (see the module docstring for the rule).

    Parameters
    ----------
    a, b : Dataset or path
        The two codings (a path is loaded with :func:`network.load`, which
        raises :class:`network.dataset.problems.DatasetError` for an invalid file).
    scope : Scope, optional
        The part of the text both coded; default everything.
    level : {"person", "state"}
        Compare actors as coded, or projected onto their states.
    resamples, seed : int
        Bootstrap draws for each alpha's 95% interval (0: none) and their seed.

    Returns
    -------
    Agreement

    Examples
    --------
    >>> r = agreement("tests/data/agree/a.yaml", "tests/data/agree/b.yaml",
    ...               scope=Scope.of(pages=[1, 2, 3]), level="state")
    >>> r.matched, [t.id for t in r.only_a], round(r.unit_agreement, 3)
    (5, ['mao-hoxha-praise-1959'], 0.833)
    """
    if level not in LEVELS:
        raise ValueError(f"unknown level {level!r} (choose from {', '.join(LEVELS)})")
    scope = scope or Scope()
    da, db = _as_dataset(a), _as_dataset(b)
    rename = _actor_map(da, db)
    in_a = sorted((t for t in da.ties if scope.covers(t)), key=lambda t: t.id)
    in_b = sorted((t for t in db.ties if scope.covers(t)), key=lambda t: t.id)
    units_a = [(t, _ends(da, t, level, {})) for t in in_a]
    units_b = [(t, _ends(db, t, level, rename)) for t in in_b]
    pairs = _match(units_a, units_b)
    paired_a = {p.a.id for p in pairs}
    paired_b = {p.b.id for p in pairs}
    return Agreement(
        a=da.path,
        b=db.path,
        scope=scope,
        level=level,
        coded_a=len(in_a),
        coded_b=len(in_b),
        outside_a=len(da.ties) - len(in_a),
        outside_b=len(db.ties) - len(in_b),
        pairs=tuple(pairs),
        only_a=tuple(t for t in in_a if t.id not in paired_a),
        only_b=tuple(t for t in in_b if t.id not in paired_b),
        fields=tuple(_field_agreement(f, pairs, resamples, seed) for f in FIELDS),
        actor_map=rename,
    )
