"""GEXF 1.3 in dynamic mode, for Gephi's timeline: an edge lives in the years it has ties, its sign changing.

One node per actor, one edge per pair of actors (the snapshots' edges, at
person or state level). Times are ISO dates (``timeformat="date"``):

* a node's and an edge's ``<spells>`` are the windows it is active in
  (adjacent windows merged); an actor with no tie in any window (at this
  level) would have no spell, which Gephi takes as "always there", so it is
  left out, and the ``<description>`` names it;
* an edge's ``sign`` (-1, 0, +1), ``net`` (net signed weight), ``weight``
  (cooperative plus hostile weight, so never negative), ``pos``, ``neg``,
  ``count``, ``ties`` (the tie ids) and ``citations`` (their citations, in
  the same order, joined with `` | ``) are dynamic attribute values, one per
  window, with that window's start and end. Each attribute's ``id`` is its
  title: Gephi's importer makes the dynamic edge attribute whose *id* is
  ``weight`` the edge weight (its ``ImporterGEXF`` keys columns by id, and
  its processor looks up the column ``"weight"``), so Gephi draws thickness
  and runs weighted statistics on the positive total;
* nodes carry ``name``, ``kind`` and the figures' position (``viz:position``),
  and, when there are poles (the dataset's framing), a dynamic ``camp``, one
  value per window they are active in: their camp towards the poles
  (:func:`network.measures.camps.camps`; ``cooperative:ussr``, ``enemy-side:china``,
  ``no-side``, ``unaligned``).

Examples
--------
>>> import io, networkx as nx
>>> from network import load
>>> text = gexf(load("tests/data/mini.yaml"), level="state")
>>> g = nx.read_gexf(io.BytesIO(text.encode()), version="1.3")
>>> g.graph["mode"], sorted(g["albania"]["ussr"]["sign"])[:2]
('dynamic', [(-1, '1960-01-01', '1960-12-31'), (1, '1957-01-01', '1957-12-31')])
>>> [camp for camp, start, end in g.nodes["albania"]["camp"] if start.startswith("1960")]
['enemy-side:china']
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Sequence
from datetime import timedelta

from network import __version__
from network.dataset.model import Dataset
from network.timeline.snapshots import Snapshot, snapshots
from network.timeline.windows import Window, windows_for

__all__ = ["gexf", "NS", "VIZ", "EDGE_ATTRIBUTES", "SEPARATOR"]

NS = "http://gexf.net/1.3"
VIZ = "http://gexf.net/1.3/viz"
#: Joins the ids and the citations of the ties behind an edge in one attribute value.
SEPARATOR = " | "
#: The dynamic edge attributes: (id, title, GEXF type). The id ``weight`` is what Gephi reads as weight.
EDGE_ATTRIBUTES = (
    ("sign", "sign", "integer"),
    ("net", "net", "double"),
    ("weight", "weight", "double"),
    ("pos", "pos", "double"),
    ("neg", "neg", "double"),
    ("count", "count", "integer"),
    ("ties", "ties", "string"),
    ("citations", "citations", "string"),
)
_NODE_ATTRIBUTES = (("name", "name", "string"), ("kind", "kind", "string"))
#: The dynamic node attribute: the camp per window (only when there are poles).
_NODE_DYNAMIC = (("camp", "camp", "string"),)
_POSITION_SCALE = 100.0  # layout units (poles at x = -1 and +1) to Gephi's


def _num(x: float) -> str:
    return repr(round(float(x), 6))


def _merge(windows: Sequence[Window]) -> list[tuple[str, str]]:
    """Spells of consecutive windows merged: [(start, end)] as ISO dates."""
    spells: list[list] = []
    for w in sorted(windows, key=lambda w: w.lower):
        if spells and spells[-1][1] + timedelta(days=1) >= w.lower:
            spells[-1][1] = max(spells[-1][1], w.upper)
        else:
            spells.append([w.lower, w.upper])
    return [(a.isoformat(), b.isoformat()) for a, b in spells]


def _check_windows(windows: Sequence[Window]) -> None:
    ordered = sorted(windows, key=lambda w: w.lower)
    for a, b in zip(ordered, ordered[1:], strict=False):
        if b.lower <= a.upper:
            raise ValueError(
                f"GEXF needs windows that do not overlap; {a.id!r} and {b.id!r} do "
                "(use years, or periods that do not overlap)"
            )


def _attributes(parent: ET.Element, cls: str, mode: str, specs: Sequence[tuple[str, str, str]]) -> None:
    el = ET.SubElement(parent, "attributes", {"class": cls, "mode": mode})
    for ident, title, kind in specs:
        ET.SubElement(el, "attribute", {"id": ident, "title": title, "type": kind})


def _spells(parent: ET.Element, spells: list[tuple[str, str]]) -> None:
    el = ET.SubElement(parent, "spells")
    for start, end in spells:
        ET.SubElement(el, "spell", {"start": start, "end": end})


def gexf(
    dataset: Dataset,
    level: str = "person",
    by: str | Sequence[Window] = "year",
    poles: Sequence[str] | None = None,
) -> str:
    """The dataset's snapshots as one dynamic GEXF 1.3 document (see the module docstring).

    Parameters
    ----------
    dataset : Dataset
        The loaded dataset.
    level : {"person", "state"}
        Snapshot level (:func:`network.timeline.snapshots.snapshots`).
    by : {"year", "period"} or list of Window
        The windows; they must not overlap (Gephi's intervals would clash).
    poles : sequence of str, optional
        The poles of the camps (default: the dataset's ``framing: poles``;
        those absent from the data are passed over; none: no ``camp``).

    Returns
    -------
    str
        The XML text, with its declaration; the same data gives the same text.
    """
    from network.measures.camps import camps
    from network.output.layout import layout_for

    windows = windows_for(dataset, by)
    _check_windows(windows)
    snaps: list[Snapshot] = snapshots(dataset, by=windows, level=level)
    active: dict[str, list[Window]] = {}
    for snap in snaps:
        for n, d in snap.graph.nodes(data=True):
            if d.get("active"):
                active.setdefault(n, []).append(snap.window)
    every = sorted({n for s in snaps for n in s.graph})
    never = sorted(set(every) - set(active))
    nodes = sorted(active)
    if poles is None:
        poles = dataset.poles  # the framing's (none without one)
    positions = layout_for(dataset, level=level, poles=poles, nodes=every)  # pinned, as in the figures

    root = ET.Element("gexf", {"xmlns": NS, "xmlns:viz": VIZ, "version": "1.3"})
    meta = ET.SubElement(root, "meta")
    ET.SubElement(meta, "creator").text = f"entente {__version__}"
    sources = "; ".join(s.citation for s in dataset.sources)
    ET.SubElement(meta, "description").text = (
        f"{dataset.title or dataset.path}. {level.capitalize()} level, one window per "
        f"{'year' if by == 'year' else 'period'}; edge attributes are dynamic, one value per window. "
        + (f"Left out, having no tie in any window: {', '.join(never)}. " if never else "")
        + f"Sources: {sources}"
        + (
            f". Framing: {dataset.framing.focal} between {', '.join(dataset.framing.poles)}"
            if dataset.framing
            else ""
        )
    )
    graph = ET.SubElement(
        root,
        "graph",
        {
            "defaultedgetype": "undirected",
            "mode": "dynamic",
            "timeformat": "date",
            "start": min(w.lower for w in windows).isoformat(),
            "end": max(w.upper for w in windows).isoformat(),
        },
    )
    _attributes(graph, "node", "static", _NODE_ATTRIBUTES)
    if poles:
        _attributes(graph, "node", "dynamic", _NODE_DYNAMIC)
    _attributes(graph, "edge", "dynamic", EDGE_ATTRIBUTES)

    camp_of: dict[str, list[tuple[Window, str]]] = {n: [] for n in nodes}
    edges: dict[tuple[str, str], list[tuple[Window, dict]]] = {}
    for snap in snaps:
        if poles:
            found = camps(snap.graph, [p for p in poles if p in snap.graph])
            for n in nodes:
                if n in snap.graph and snap.graph.nodes[n].get("active"):
                    camp_of[n].append((snap.window, found[n].label))
        for u, v, d in snap.graph.edges(data=True):
            edges.setdefault((min(u, v), max(u, v)), []).append((snap.window, d))

    first = snaps[0].graph if snaps else None
    el_nodes = ET.SubElement(graph, "nodes", {"count": str(len(nodes))})
    for n in nodes:
        data = first.nodes[n] if first is not None else {}
        node = ET.SubElement(el_nodes, "node", {"id": n, "label": str(data.get("name") or n)})
        values = ET.SubElement(node, "attvalues")
        ET.SubElement(values, "attvalue", {"for": "name", "value": str(data.get("name") or n)})
        ET.SubElement(values, "attvalue", {"for": "kind", "value": str(data.get("kind") or "")})
        for w, label in camp_of[n]:
            ET.SubElement(
                values,
                "attvalue",
                {"for": "camp", "value": label, "start": w.lower.isoformat(), "end": w.upper.isoformat()},
            )
        _spells(node, _merge(active[n]))
        x, y = positions.get(n, (0.0, 0.0))
        ET.SubElement(
            node, "viz:position", {"x": _num(x * _POSITION_SCALE), "y": _num(y * _POSITION_SCALE), "z": "0.0"}
        )

    el_edges = ET.SubElement(graph, "edges", {"count": str(len(edges))})
    for (u, v), spans in sorted(edges.items()):
        edge = ET.SubElement(el_edges, "edge", {"id": f"{u}--{v}", "source": u, "target": v})
        values = ET.SubElement(edge, "attvalues")
        for w, d in spans:
            ids = list(d["ties"])
            cites = [str(c) if (c := dataset.tie(t).cite) is not None else "" for t in ids]
            for ident, value in (
                ("sign", str(d["sign"])),
                ("net", _num(d["weight"])),
                ("weight", _num(d["pos"] + d["neg"])),
                ("pos", _num(d["pos"])),
                ("neg", _num(d["neg"])),
                ("count", str(d["count"])),
                ("ties", SEPARATOR.join(ids)),
                ("citations", SEPARATOR.join(cites)),
            ):
                ET.SubElement(
                    values,
                    "attvalue",
                    {"for": ident, "value": value, "start": w.lower.isoformat(), "end": w.upper.isoformat()},
                )
        _spells(edge, _merge([w for w, _ in spans]))

    ET.indent(root, space="  ")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
