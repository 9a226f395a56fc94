"""GraphML with one graph per period: the snapshots, each edge with its sign, weights, tie ids and citations.

One ``<graph>`` per window (``id`` = the window id, ``"1958"`` or a period's
id), in order, in one file. Each node carries its ``camp`` in that window
(:func:`network.camps.camps`: ``cooperative:ussr``, ``enemy-side:china``,
``no-side``, ``unaligned``, ``inactive``). networkx reads them all with
``list(nx.readwrite.graphml.GraphMLReader()(path=...))`` (``nx.read_graphml``
returns the first); igraph with ``read_graph(path, format="graphml", index=k)``.

Examples
--------
>>> from network import load
>>> import networkx as nx
>>> text = graphml(load("tests/data/mini.yaml"), level="state")
>>> graphs = list(nx.readwrite.graphml.GraphMLReader()(string=text.encode()))
>>> [g.graph["period"] for g in graphs]
['1957', '1958', '1959', '1960']
>>> e = graphs[3]["albania"]["ussr"]
>>> e["sign"], e["ties"], e["citations"]
(-1, 'ussr-albania-accuse-1960-06', 'mini, p. 7')
>>> graphs[3].nodes["albania"]["camp"]   # no tie with China in 1960: only the USSR as a shared enemy
'enemy-side:china'
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Sequence
from typing import Any

from ..model import Dataset
from ..snapshots import snapshots
from ..windows import Window
from .gexf import DEFAULT_POLES, SEPARATOR

__all__ = ["graphml", "NS", "KEYS"]

NS = "http://graphml.graphdrawing.org/xmlns"
#: The GraphML keys: (id, for, attr.name, attr.type).
KEYS = (
    ("g_period", "graph", "period", "string"),
    ("g_label", "graph", "label", "string"),
    ("g_lower", "graph", "lower", "string"),
    ("g_upper", "graph", "upper", "string"),
    ("g_level", "graph", "level", "string"),
    ("n_name", "node", "name", "string"),
    ("n_kind", "node", "kind", "string"),
    ("n_active", "node", "active", "boolean"),
    ("n_camp", "node", "camp", "string"),
    ("e_sign", "edge", "sign", "int"),
    ("e_weight", "edge", "weight", "double"),
    ("e_pos", "edge", "pos", "double"),
    ("e_neg", "edge", "neg", "double"),
    ("e_count", "edge", "count", "int"),
    ("e_ties", "edge", "ties", "string"),
    ("e_citations", "edge", "citations", "string"),
)


def _data(parent: ET.Element, key: str, value: Any) -> None:
    if isinstance(value, bool):
        text = "true" if value else "false"
    elif isinstance(value, float):
        text = repr(round(value, 6))
    else:
        text = str(value)
    ET.SubElement(parent, "data", {"key": key}).text = text


def graphml(
    dataset: Dataset,
    level: str = "person",
    by: str | Sequence[Window] = "year",
    poles: Sequence[str] = DEFAULT_POLES,
) -> str:
    """The snapshots as GraphML, one undirected graph per window (see the module docstring).

    Node ``camp`` is the camp towards ``poles`` (those absent from the data
    are passed over).

    Edge ``weight`` is the net signed weight, ``pos``/``neg`` its two parts,
    ``ties`` the ids of the ties behind the edge and ``citations`` their
    citations in the same order, each joined with `` | ``.
    """
    from ..camps import camps

    snaps = snapshots(dataset, by=by, level=level)
    root = ET.Element("graphml", {"xmlns": NS})
    for ident, target, name, kind in KEYS:
        ET.SubElement(root, "key", {"id": ident, "for": target, "attr.name": name, "attr.type": kind})
    for snap in snaps:
        w, g = snap.window, snap.graph
        graph = ET.SubElement(root, "graph", {"id": w.id, "edgedefault": "undirected"})
        for key, value in (
            ("g_period", w.id),
            ("g_label", w.label),
            ("g_lower", w.lower.isoformat()),
            ("g_upper", w.upper.isoformat()),
            ("g_level", level),
        ):
            _data(graph, key, value)
        found = camps(g, [p for p in poles if p in g])
        for n in sorted(g):
            d = g.nodes[n]
            node = ET.SubElement(graph, "node", {"id": n})
            _data(node, "n_name", d.get("name") or n)
            _data(node, "n_kind", d.get("kind") or "")
            _data(node, "n_active", bool(d.get("active")))
            _data(node, "n_camp", found[n].label)
        for u, v, d in sorted((min(u, v), max(u, v), d) for u, v, d in g.edges(data=True)):
            edge = ET.SubElement(graph, "edge", {"id": f"{w.id}:{u}--{v}", "source": u, "target": v})
            ids = list(d["ties"])
            cites = [str(c) if (c := dataset.tie(t).cite) is not None else "" for t in ids]
            values: tuple[tuple[str, Any], ...] = (
                ("e_sign", d["sign"]),
                ("e_weight", float(d["weight"])),
                ("e_pos", float(d["pos"])),
                ("e_neg", float(d["neg"])),
                ("e_count", d["count"]),
                ("e_ties", SEPARATOR.join(ids)),
                ("e_citations", SEPARATOR.join(cites)),
            )
            for key, value in values:
                _data(edge, key, value)
    ET.indent(root, space="  ")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
