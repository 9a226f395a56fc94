"""GraphML, one file per window: each a plain undirected graph that igraph, R and networkx read whole.

igraph (R and Python) reads only the first ``<graph>`` of a GraphML file, so
each window (a year, or a named period) is its own document, named
``<window id>.graphml`` (:func:`graphml_files`). Every node's ``name`` is
its actor id (R igraph's vertex ``name``; python-igraph's ``vs["name"]``),
its ``label`` the display name. Edge ``weight`` is never negative: it is the
total strength of the ties behind the edge, cooperative plus hostile; the
signed value is ``net`` (cooperative minus hostile) and ``sign`` its sign
(-1, 0, +1). ``docs/explorer.md`` has the table of every attribute in every
export format.
Each node also carries its ``camp`` in that window when there are poles (the
dataset's framing): :func:`network.measures.camps.camps`, ``cooperative:ussr``,
``enemy-side:china``, ``no-side``, ``unaligned``, ``inactive``.

Examples
--------
>>> from network import load
>>> import io, networkx as nx
>>> files = graphml_files(load("tests/data/mini.yaml"), level="state")
>>> list(files)
['1957.graphml', '1958.graphml', '1959.graphml', '1960.graphml']
>>> g = nx.read_graphml(io.BytesIO(files["1960.graphml"].encode()))
>>> e = g["albania"]["ussr"]
>>> e["weight"], e["net"], e["sign"], e["ties"], e["citations"]
(2.0, -2.0, -1, 'ussr-albania-accuse-1960-06', 'mini, p. 7')
>>> g.nodes["albania"]["name"], g.nodes["albania"]["label"]
('albania', 'Albania')
>>> g.nodes["albania"]["camp"]   # no tie with China in 1960: only the USSR as a shared enemy
'enemy-side:china'
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Sequence
from typing import Any

from network.dataset.model import Dataset
from network.export.gexf import SEPARATOR
from network.timeline.snapshots import Snapshot, snapshots
from network.timeline.windows import Window

__all__ = ["graphml", "graphml_files", "NS", "KEYS", "SUFFIX"]

NS = "http://graphml.graphdrawing.org/xmlns"
#: The file name of a window's graph is its id plus this.
SUFFIX = ".graphml"
#: The GraphML keys: (id, for, attr.name, attr.type).
KEYS = (
    ("g_period", "graph", "period", "string"),
    ("g_label", "graph", "label", "string"),
    ("g_lower", "graph", "lower", "string"),
    ("g_upper", "graph", "upper", "string"),
    ("g_level", "graph", "level", "string"),
    ("n_name", "node", "name", "string"),
    ("n_label", "node", "label", "string"),
    ("n_kind", "node", "kind", "string"),
    ("n_active", "node", "active", "boolean"),
    ("n_camp", "node", "camp", "string"),
    ("e_weight", "edge", "weight", "double"),
    ("e_net", "edge", "net", "double"),
    ("e_sign", "edge", "sign", "int"),
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


def _document(dataset: Dataset, snap: Snapshot, level: str, poles: Sequence[str]) -> str:
    from network.measures.camps import camps

    w, g = snap.window, snap.graph
    root = ET.Element("graphml", {"xmlns": NS})
    for ident, target, name, kind in KEYS:
        ET.SubElement(root, "key", {"id": ident, "for": target, "attr.name": name, "attr.type": kind})
    graph = ET.SubElement(root, "graph", {"id": w.id, "edgedefault": "undirected"})
    for key, value in (
        ("g_period", w.id),
        ("g_label", w.label),
        ("g_lower", w.lower.isoformat()),
        ("g_upper", w.upper.isoformat()),
        ("g_level", level),
    ):
        _data(graph, key, value)
    found = camps(g, [p for p in poles if p in g]) if poles else {}
    for n in sorted(g):
        d = g.nodes[n]
        node = ET.SubElement(graph, "node", {"id": n})
        _data(node, "n_name", n)
        _data(node, "n_label", d.get("name") or n)
        _data(node, "n_kind", d.get("kind") or "")
        _data(node, "n_active", bool(d.get("active")))
        if n in found:
            _data(node, "n_camp", found[n].label)
    for u, v, d in sorted((min(u, v), max(u, v), d) for u, v, d in g.edges(data=True)):
        edge = ET.SubElement(graph, "edge", {"id": f"{u}--{v}", "source": u, "target": v})
        ids = list(d["ties"])
        cites = [str(c) if (c := dataset.tie(t).cite) is not None else "" for t in ids]
        values: tuple[tuple[str, Any], ...] = (
            ("e_weight", float(d["pos"] + d["neg"])),
            ("e_net", float(d["weight"])),
            ("e_sign", d["sign"]),
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


def graphml_files(
    dataset: Dataset,
    level: str = "person",
    by: str | Sequence[Window] = "year",
    poles: Sequence[str] | None = None,
) -> dict[str, str]:
    """The snapshots as GraphML documents, one per window: file name -> text, in window order.

    Parameters
    ----------
    dataset : Dataset
        The loaded dataset.
    level : {"person", "state"}
        Snapshot level (:func:`network.timeline.snapshots.snapshots`).
    by : {"year", "period"} or list of Window
        The windows.
    poles : sequence of str, optional
        The poles of each node's ``camp`` (default: the dataset's ``framing:
        poles``; those absent from the data are passed over; none: no ``camp``).

    Returns
    -------
    dict of str to str
        ``"<window id>.graphml"`` -> the XML text; the same data gives the same text.
    """
    if poles is None:
        poles = dataset.poles  # the framing's (none without one)
    return {
        f"{snap.window.id}{SUFFIX}": _document(dataset, snap, level, poles)
        for snap in snapshots(dataset, by=by, level=level)
    }


def graphml(
    dataset: Dataset,
    window: str,
    level: str = "person",
    by: str | Sequence[Window] = "year",
    poles: Sequence[str] | None = None,
) -> str:
    """One window's snapshot as a GraphML document (see the module docstring).

    Raises ValueError naming the windows there are when ``window`` is not one of them.

    >>> from network import load
    >>> graphml(load("tests/data/mini.yaml"), "1949")
    Traceback (most recent call last):
    ...
    ValueError: no window '1949'; the windows are 1957, 1958, 1959, 1960
    """
    files = graphml_files(dataset, level=level, by=by, poles=poles)
    name = f"{window}{SUFFIX}"
    if name not in files:
        known = ", ".join(f.removesuffix(SUFFIX) for f in files)
        raise ValueError(f"no window {window!r}; the windows are {known}")
    return files[name]
