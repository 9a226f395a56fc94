"""GEXF 1.3 in dynamic mode, for Gephi's timeline: an edge lives in the years it has ties, its sign changing.

One node per actor, one edge per pair of actors (the snapshots' edges, at
person or state level). Times are ISO dates (``timeformat="date"``):

* a node's and an edge's ``<spells>`` are the windows it is active in
  (adjacent windows merged);
* an edge's ``sign`` (-1, 0, +1), ``net`` (net signed weight), ``weight``
  (cooperative plus hostile weight, so always positive, which Gephi draws as
  thickness), ``pos``, ``neg``, ``count``, ``ties`` (the tie ids) and
  ``citations`` (their citations, in the same order, joined with `` | ``) are
  dynamic attribute values, one per window, with that window's start and end;
* nodes carry ``name``, ``kind`` and the figures' position (``viz:position``),
  and a dynamic ``camp``, one value per window they are active in: their camp
  towards the poles (:func:`network.camps.camps`; ``cooperative:ussr``,
  ``enemy-side:china``, ``no-side``, ``unaligned``).

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

from .. import __version__
from ..model import Dataset
from ..snapshots import Snapshot, snapshots
from ..windows import Window, windows_for

__all__ = ["gexf", "NS", "VIZ", "EDGE_ATTRIBUTES", "SEPARATOR", "DEFAULT_POLES"]

NS = "http://gexf.net/1.3"
VIZ = "http://gexf.net/1.3/viz"
#: Joins the ids and the citations of the ties behind an edge in one attribute value.
SEPARATOR = " | "
#: The dynamic edge attributes: (id, title, GEXF type).
EDGE_ATTRIBUTES = (
    ("0", "sign", "integer"),
    ("1", "net", "double"),
    ("2", "weight", "double"),
    ("3", "pos", "double"),
    ("4", "neg", "double"),
    ("5", "count", "integer"),
    ("6", "ties", "string"),
    ("7", "citations", "string"),
)
_NODE_ATTRIBUTES = (("0", "name", "string"), ("1", "kind", "string"))
#: The dynamic node attribute: the camp per window (its id follows the static ones).
_NODE_DYNAMIC = (("2", "camp", "string"),)
#: The poles of the layout and of the camps when none are given (those present in the data).
DEFAULT_POLES = ("ussr", "china")
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
    poles: Sequence[str] = DEFAULT_POLES,
) -> str:
    """The dataset's snapshots as one dynamic GEXF 1.3 document (see the module docstring).

    Parameters
    ----------
    dataset : Dataset
        The loaded dataset.
    level : {"person", "state"}
        Snapshot level (:func:`network.snapshots.snapshots`).
    by : {"year", "period"} or list of Window
        The windows; they must not overlap (Gephi's intervals would clash).
    poles : sequence of str
        The poles of the camps (those absent from the data are passed over).

    Returns
    -------
    str
        The XML text, with its declaration; the same data gives the same text.
    """
    from ..camps import camps
    from ..layout import layout_for

    windows = windows_for(dataset, by)
    _check_windows(windows)
    snaps: list[Snapshot] = snapshots(dataset, by=windows, level=level)
    nodes = sorted({n for s in snaps for n in s.graph})
    positions = layout_for(
        dataset, level=level, poles=[p for p in ("ussr", "china") if p in nodes], nodes=nodes
    )

    root = ET.Element("gexf", {"xmlns": NS, "xmlns:viz": VIZ, "version": "1.3"})
    meta = ET.SubElement(root, "meta")
    ET.SubElement(meta, "creator").text = f"entente {__version__}"
    sources = "; ".join(s.citation for s in dataset.sources)
    ET.SubElement(meta, "description").text = (
        f"{dataset.title or dataset.path}. {level.capitalize()} level, one window per "
        f"{'year' if by == 'year' else 'period'}; edge attributes are dynamic, one value per window. "
        f"Sources: {sources}"
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
    _attributes(graph, "node", "dynamic", _NODE_DYNAMIC)
    _attributes(graph, "edge", "dynamic", EDGE_ATTRIBUTES)

    active: dict[str, list[Window]] = {n: [] for n in nodes}
    camp_of: dict[str, list[tuple[Window, str]]] = {n: [] for n in nodes}
    edges: dict[tuple[str, str], list[tuple[Window, dict]]] = {}
    for snap in snaps:
        found = camps(snap.graph, [p for p in poles if p in snap.graph])
        for n, d in snap.graph.nodes(data=True):
            if d.get("active"):
                active[n].append(snap.window)
                camp_of[n].append((snap.window, found[n].label))
        for u, v, d in snap.graph.edges(data=True):
            edges.setdefault((min(u, v), max(u, v)), []).append((snap.window, d))

    first = snaps[0].graph if snaps else None
    el_nodes = ET.SubElement(graph, "nodes", {"count": str(len(nodes))})
    for n in nodes:
        data = first.nodes[n] if first is not None else {}
        node = ET.SubElement(el_nodes, "node", {"id": n, "label": str(data.get("name") or n)})
        values = ET.SubElement(node, "attvalues")
        ET.SubElement(values, "attvalue", {"for": "0", "value": str(data.get("name") or n)})
        ET.SubElement(values, "attvalue", {"for": "1", "value": str(data.get("kind") or "")})
        for w, label in camp_of[n]:
            ET.SubElement(
                values,
                "attvalue",
                {"for": "2", "value": label, "start": w.lower.isoformat(), "end": w.upper.isoformat()},
            )
        if active[n]:
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
                ("0", str(d["sign"])),
                ("1", _num(d["weight"])),
                ("2", _num(d["pos"] + d["neg"])),
                ("3", _num(d["pos"])),
                ("4", _num(d["neg"])),
                ("5", str(d["count"])),
                ("6", SEPARATOR.join(ids)),
                ("7", SEPARATOR.join(cites)),
            ):
                ET.SubElement(
                    values,
                    "attvalue",
                    {"for": ident, "value": value, "start": w.lower.isoformat(), "end": w.upper.isoformat()},
                )
        _spells(edge, _merge([w for w, _ in spans]))

    ET.indent(root, space="  ")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
