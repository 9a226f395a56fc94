"""Flat tables of the dataset: one row per tie (every field, with its citation) and one row per actor.

For spreadsheets, R (``read.csv``) and pandas. Lists are joined with ``|``;
a span is written ``start/end`` in EDTF, ``..`` for an open end; ``lower``
and ``upper`` are the first and last day a tie may cover, in ISO 8601.
``weight`` is the tie's strength (never negative), ``net`` the signed value
(``sign`` times ``weight``). In CSV (:func:`csv_text`) booleans are ``true``
and ``false`` (as ``entente convert`` writes them) and whole numbers have no
decimal point; dates are text, so a reader must be told to keep them as text
(``docs/tabular.md`` gives the reading calls for pandas and R).

Examples
--------
>>> from network import load
>>> rows = tie_rows(load("tests/data/mini.yaml"))
>>> r = rows[1]
>>> r["id"], r["date"], r["lower"], r["upper"], r["citation"]
('hoxha-khrushchev-visit-1957-04', '1957-04', '1957-04-01', '1957-04-30', 'mini, p. 2, n. 7')
>>> actor_rows(load("tests/data/mini.yaml"))[3]["member_of"]
'ussr 1953-09/..'
"""

from __future__ import annotations

from network.dataset.edtf import OPEN_END, OPEN_START
from network.dataset.forms import number
from network.dataset.model import Dataset, Span
from network.output.rows import Rows

__all__ = ["tie_rows", "actor_rows", "csv_text", "TIE_COLUMNS", "ACTOR_COLUMNS", "span_text"]

#: Columns of :func:`tie_rows`, in order.
TIE_COLUMNS = (
    "id",
    "source",
    "source_name",
    "target",
    "target_name",
    "sign",
    "weight",
    "net",
    "type",
    "directed",
    "date",
    "start",
    "end",
    "lower",
    "upper",
    "confidence",
    "evidence",
    "cite_source",
    "cite_page",
    "cite_note",
    "cite_primary",
    "citation",
    "reference",
    "tags",
    "line",
)
#: Columns of :func:`actor_rows`, in order.
ACTOR_COLUMNS = ("id", "label", "kind", "aliases", "member_of", "roles", "exists", "note")


def span_text(span: Span | None) -> str:
    """A span as EDTF ``start/end``, ``..`` for an open end; ``""`` for no span or an unbounded one.

    >>> from network.dataset.edtf import parse_edtf
    >>> span_text(Span(parse_edtf("1953-09"))), span_text(Span()), span_text(None)
    ('1953-09/..', '', '')
    """
    if span is None or (span.start is None and span.end is None):
        return ""
    return f"{span.start.text if span.start else '..'}/{span.end.text if span.end else '..'}"


def _day(day: object) -> str:
    return "" if day in (OPEN_START, OPEN_END) else str(day)


def tie_rows(dataset: Dataset) -> Rows:
    """One row per tie, in the dataset's order, with every field of :data:`TIE_COLUMNS`.

    ``citation`` is the citation as the pages print it (source, page, note,
    primary source); ``reference`` the full reference of its source;
    ``line`` the tie's line in the data file. Missing values are None.
    """
    references = {s.id: s.citation for s in dataset.sources}
    out = Rows()
    for t in dataset.ties:
        c = t.cite
        out.append(
            {
                "id": t.id,
                "source": t.source,
                "source_name": dataset.actor_name(t.source),
                "target": t.target,
                "target_name": dataset.actor_name(t.target),
                "sign": t.sign,
                "weight": number(t.weight),
                "net": number(t.sign * t.weight),
                "type": t.type,
                "directed": t.directed,
                "date": t.date.text if t.date else None,
                "start": t.start.text if t.start else None,
                "end": t.end.text if t.end else None,
                "lower": _day(t.lower) or None,
                "upper": _day(t.upper) or None,
                "confidence": t.confidence,
                "evidence": t.evidence,
                "cite_source": c.source if c else None,
                "cite_page": c.page if c else None,
                "cite_note": c.note if c else None,
                "cite_primary": c.primary if c else None,
                "citation": str(c) if c else None,
                "reference": references.get(c.source) if c and c.source else None,
                "tags": list(t.tags),
                "line": t.line,
            }
        )
    return out


def actor_rows(dataset: Dataset) -> Rows:
    """One row per actor, by id, with every field of :data:`ACTOR_COLUMNS`.

    The display name is ``label``, as in GraphML and GEXF, so that igraph
    (R's ``graph_from_data_frame``, python's ``Graph.DataFrame``), which
    names each vertex by the first column, the id, finds no clash.

    ``member_of`` lists ``actor`` or ``actor start/end``; ``roles`` lists
    ``title of actor start/end (citation)``.
    """
    out = Rows()
    for a in sorted(dataset.actors.values(), key=lambda a: a.id):
        members = [f"{m.of} {span_text(m.span)}".strip() for m in a.member_of]
        roles = []
        for r in a.roles:
            text = (
                r.title
                + (f" of {r.of}" if r.of else "")
                + (f" {span_text(r.span)}" if span_text(r.span) else "")
            )
            roles.append(text + (f" ({r.cite})" if r.cite else ""))
        out.append(
            {
                "id": a.id,
                "label": a.name,
                "kind": a.kind,
                "aliases": list(a.aliases),
                "member_of": "|".join(members),
                "roles": "|".join(roles),
                "exists": span_text(a.exists),
                "note": a.note,
            }
        )
    return out


def csv_text(rows: Rows) -> str:
    """``rows`` as CSV the way every export writes it: ``true``/``false``, whole numbers without ``.0``.

    >>> print(csv_text(Rows([{"id": "t", "directed": False, "weight": 2.0, "net": -2.5}])), end="")
    id,directed,weight,net
    t,false,2,-2.5
    """
    plain = Rows(
        {
            k: ("true" if v else "false") if isinstance(v, bool) else number(v) if isinstance(v, float) else v
            for k, v in row.items()
        }
        for row in rows
    )
    return plain.to_csv()
