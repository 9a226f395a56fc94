"""Typed, immutable records of a loaded dataset.

Produced by :func:`network.load`; everything downstream reads these and
never the YAML. Dates are :class:`~network.dataset.edtf.EdtfDate` objects, signs
are ints, ids are checked.

Examples
--------
>>> from network.dataset.edtf import parse_edtf
>>> t = Tie(id="a-b-1958", source="a", target="b", sign=1, date=parse_edtf("1958"))
>>> t.is_event, t.lower.year, t.upper.year
(True, 1958, 1958)
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field
from datetime import date

from network.dataset.edtf import OPEN_END, OPEN_START, EdtfDate

__all__ = [
    "Citation",
    "Source",
    "Membership",
    "Role",
    "Span",
    "Actor",
    "Tie",
    "Period",
    "Framing",
    "POLICIES",
    "Dataset",
]

#: Curation policies a dataset can declare: ``basic`` (the format's rules) or ``strict`` (also every
#: tie typed, cited with a page, and with evidence).
POLICIES = ("basic", "strict")


@dataclass(frozen=True, slots=True)
class Citation:
    """Where a source says something: source id, footnote, page, the primary source it names."""

    source: str | None = None
    note: int | None = None
    page: int | None = None
    primary: str | None = None

    def __str__(self) -> str:
        parts = []
        if self.source:
            parts.append(self.source)
        if self.page is not None:
            parts.append(f"p. {self.page}")
        if self.note is not None:
            parts.append(f"n. {self.note}")
        text = ", ".join(parts)
        return f"{text} ({self.primary})" if self.primary else text


@dataclass(frozen=True, slots=True)
class Source:
    id: str
    citation: str


@dataclass(frozen=True, slots=True)
class Span:
    """A span of time; a missing end is open. ``covers(day)`` asks if the day lies inside."""

    start: EdtfDate | None = None
    end: EdtfDate | None = None

    @property
    def lower(self) -> date:
        return self.start.lower if self.start else OPEN_START

    @property
    def upper(self) -> date:
        return self.end.upper if self.end else OPEN_END

    def covers(self, day: date) -> bool:
        return self.lower <= day <= self.upper


@dataclass(frozen=True, slots=True)
class Membership:
    """``actor`` belongs to the actor ``of`` during ``span``."""

    of: str
    span: Span = Span()


@dataclass(frozen=True, slots=True)
class Role:
    title: str
    of: str | None = None
    span: Span = Span()
    cite: Citation | None = None


@dataclass(frozen=True, slots=True)
class Actor:
    id: str
    name: str
    kind: str
    aliases: tuple[str, ...] = ()
    member_of: tuple[Membership, ...] = ()
    roles: tuple[Role, ...] = ()
    exists: Span | None = None
    note: str | None = None
    projects: bool = True

    def parent_at(self, day: date) -> str | None:
        """The first actor this one belongs to on ``day``, or None."""
        for m in self.member_of:
            if m.span.covers(day):
                return m.of
        return None


@dataclass(frozen=True, slots=True)
class Tie:
    """A signed tie: an event (``date``) or a standing relation (``start``/``end``).

    ``lower`` and ``upper`` bound the days it may cover; an event with a
    ``reported`` date happened on or before the report, so its last day is
    the report's. ``alternative`` labels mutually exclusive readings of one
    act (the analyses count each at ``weight`` divided by their number).

    Examples
    --------
    >>> from network.dataset.edtf import parse_edtf
    >>> t = Tie("a-b", "a", "b", 1, date=parse_edtf("1956-11"), reported=parse_edtf("1956-11-15"))
    >>> t.lower.isoformat(), t.upper.isoformat()
    ('1956-11-01', '1956-11-15')
    """

    id: str
    source: str
    target: str
    sign: int
    date: EdtfDate | None = None
    start: EdtfDate | None = None
    end: EdtfDate | None = None
    weight: float = 1.0
    type: str | None = None
    directed: bool = True
    cite: Citation | None = None
    evidence: str | None = None
    confidence: str = "stated"
    tags: tuple[str, ...] = ()
    line: int = 0
    reported: EdtfDate | None = None
    alternative: str | None = None

    @property
    def is_event(self) -> bool:
        return self.date is not None

    @property
    def lower(self) -> _dt.date:
        if self.date is not None:
            return self.date.lower
        return self.start.lower if self.start is not None else OPEN_START

    @property
    def upper(self) -> _dt.date:
        if self.date is not None:
            if self.reported is not None and self.reported.upper < self.date.upper:
                return self.reported.upper  # on or before the report
            return self.date.upper
        return self.end.upper if self.end is not None else OPEN_END

    @property
    def when(self) -> str:
        """The date as written: ``1958-12~`` or ``1954/1961-12`` for a standing tie."""
        if self.date is not None:
            return self.date.text
        return f"{self.start.text if self.start else '..'}/{self.end.text if self.end else '..'}"


@dataclass(frozen=True, slots=True)
class Period:
    id: str
    label: str
    start: EdtfDate
    end: EdtfDate
    description: str | None = None
    cite: Citation | None = None

    @property
    def lower(self) -> date:
        return self.start.lower

    @property
    def upper(self) -> date:
        return self.end.upper


@dataclass(frozen=True, slots=True)
class Framing:
    """Whose alignment the outputs follow (``focal``) and the sides it moves between (``poles``).

    The poles come in drawing order: the first is drawn leftmost, the last rightmost.

    >>> Framing("albania", ("ussr", "china")).poles[0]
    'ussr'
    """

    focal: str
    poles: tuple[str, ...]


@dataclass(frozen=True)
class Dataset:
    """A loaded dataset: actors and ties by id, periods in order, and where it came from."""

    path: str
    title: str | None
    sources: tuple[Source, ...]
    actors: dict[str, Actor]
    ties: tuple[Tie, ...]
    periods: tuple[Period, ...] = ()
    format: int = 1
    framing: Framing | None = None
    policy: str = "basic"
    _tie_index: dict[str, Tie] = field(default_factory=dict, repr=False, compare=False)

    def tie(self, tie_id: str) -> Tie:
        """The tie with id ``tie_id``."""
        if not self._tie_index:
            self._tie_index.update((t.id, t) for t in self.ties)
        return self._tie_index[tie_id]

    @property
    def focal(self) -> str | None:
        """The focal actor its framing names, or None without a framing."""
        return self.framing.focal if self.framing else None

    @property
    def poles(self) -> tuple[str, ...]:
        """The poles its framing names, in drawing order; none without a framing."""
        return self.framing.poles if self.framing else ()

    def actor_name(self, actor_id: str) -> str:
        actor = self.actors.get(actor_id)
        return actor.name if actor else actor_id

    @property
    def span(self) -> tuple[date, date]:
        """Earliest and latest day the dataset's dated ties touch (open ends ignored)."""
        lows = [t.lower for t in self.ties if t.lower != OPEN_START]
        highs = [t.upper for t in self.ties if t.upper != OPEN_END]
        lows += [t.upper for t in self.ties if t.lower == OPEN_START and t.upper != OPEN_END]
        highs += [t.lower for t in self.ties if t.upper == OPEN_END and t.lower != OPEN_START]
        if not lows or not highs:
            raise ValueError("the dataset has no dated ties")
        return min(lows), max(highs)
