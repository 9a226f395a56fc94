"""The whole dataset as node-link JSON: actors as nodes, every tie as a link with its dates and citation.

The layout is networkx's (``nx.node_link_graph(data, edges="links")`` reads
it back as a MultiGraph, each tie keyed by its id) and d3's. Nothing is
aggregated: a link is a tie, so the file is the record, not a snapshot.

The graph is undirected (``"directed": false``), as some ties are (an
alliance, a rivalry); each link says whether its tie is ``directed``, and a
directed tie runs from ``source`` to ``target``. networkx consumes those two
keys and orders an undirected edge's ends its own way, so each link repeats
them as ``from`` and ``to``. A node's degree in the graph networkx reads is
the number of ties it takes part in. ``weight`` is the tie's strength (never negative), ``net`` the
signed value (``sign`` times ``weight``).

Examples
--------
>>> import networkx as nx
>>> from network import load
>>> data = node_link(load("tests/data/mini.yaml"))
>>> g = nx.node_link_graph(data, edges="links")
>>> g.is_directed(), g.number_of_edges(), g["mao"]["hoxha"]["mao-hoxha-praise-1958-11"]["citation"]
(False, 11, "mini, p. 4 (People's Daily, November 29, 1958)")
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from network.dataset.model import Dataset, Span
from network.export.tables import tie_rows

__all__ = ["node_link", "node_link_json"]


def _span(span: Span | None) -> dict[str, str | None] | None:
    if span is None:
        return None
    return {"start": span.start.text if span.start else None, "end": span.end.text if span.end else None}


def node_link(dataset: Dataset) -> dict[str, Any]:
    """The dataset as a node-link dict: ``directed``, ``multigraph``, ``graph``, ``nodes``, ``links``.

    ``graph`` holds the title, the file name, the sources (id and full
    reference), the framing (``focal`` and ``poles``, or null) and the named
    periods (with ISO ``lower``/``upper``). Each node
    is an actor with every field; each link a tie with every field of
    :func:`network.export.tables.tie_rows` (``key`` = ``id`` = the tie id),
    tags as a list and the citation both as parts (``cite``) and as text.
    """
    links = []
    for row, tie in zip(tie_rows(dataset), dataset.ties, strict=True):
        link = {"key": tie.id, **row, "from": tie.source, "to": tie.target}
        link["cite"] = (
            {
                "source": tie.cite.source,
                "page": tie.cite.page,
                "note": tie.cite.note,
                "primary": tie.cite.primary,
            }
            if tie.cite
            else None
        )
        for k in ("cite_source", "cite_page", "cite_note", "cite_primary", "source_name", "target_name"):
            link.pop(k)
        links.append(link)
    nodes = []
    for a in sorted(dataset.actors.values(), key=lambda a: a.id):
        nodes.append(
            {
                "id": a.id,
                "name": a.name,
                "kind": a.kind,
                "aliases": list(a.aliases),
                "member_of": [{"of": m.of, **(_span(m.span) or {})} for m in a.member_of],
                "roles": [
                    {
                        "title": r.title,
                        "of": r.of,
                        **(_span(r.span) or {}),
                        "citation": str(r.cite) if r.cite else None,
                    }
                    for r in a.roles
                ],
                "exists": _span(a.exists),
                "note": a.note,
            }
        )
    periods = [
        {
            "id": p.id,
            "label": p.label,
            "start": p.start.text,
            "end": p.end.text,
            "lower": p.lower.isoformat(),
            "upper": p.upper.isoformat(),
            "description": p.description,
            "citation": str(p.cite) if p.cite else None,
        }
        for p in dataset.periods
    ]
    return {
        "directed": False,
        "multigraph": True,
        "graph": {
            "title": dataset.title,
            "file": Path(dataset.path).name,
            "format": dataset.format,
            "sources": [{"id": s.id, "citation": s.citation} for s in dataset.sources],
            "framing": (
                {"focal": dataset.framing.focal, "poles": list(dataset.framing.poles)}
                if dataset.framing
                else None
            ),
            "periods": periods,
        },
        "nodes": nodes,
        "links": links,
    }


def node_link_json(dataset: Dataset) -> str:
    """:func:`node_link` as indented JSON text (UTF-8, keys in a fixed order)."""
    return json.dumps(node_link(dataset), indent=2, ensure_ascii=False) + "\n"
