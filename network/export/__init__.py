"""Exports that keep the dates and the citations: GEXF (dynamic), GraphML, CSV tables, node-link JSON."""

from network.dataset.model import Dataset
from network.export.gexf import gexf
from network.export.graphml import graphml, graphml_files
from network.export.nodelink import node_link, node_link_json
from network.export.tables import actor_rows, csv_text, tie_rows
from network.measures.choices import EXPORT_FORMATS

__all__ = [
    "gexf",
    "graphml",
    "graphml_files",
    "node_link",
    "node_link_json",
    "tie_rows",
    "actor_rows",
    "csv_text",
    "export_text",
    "FORMATS",
]

#: The formats of :func:`export_text`.
FORMATS = EXPORT_FORMATS


def export_text(
    dataset: Dataset,
    fmt: str,
    level: str = "person",
    by: str = "year",
    table: str = "ties",
    window: str | None = None,
) -> str:
    """The dataset in ``fmt`` as text: ``gexf``, ``graphml``, ``csv`` (``table`` ties or actors) or ``json``.

    GraphML is one document per window: ``window`` names the one wanted
    (:func:`graphml_files` gives them all).

    Examples
    --------
    >>> from network import load
    >>> export_text(load("tests/data/mini.yaml"), "csv", table="actors").splitlines()[0]
    'id,label,kind,aliases,member_of,roles,exists,note'
    """
    if fmt == "gexf":
        return gexf(dataset, level=level, by=by)
    if fmt == "graphml":
        if window is None:
            raise ValueError("GraphML is one file per window: name a window, or write them all to a folder")
        return graphml(dataset, window, level=level, by=by)
    if fmt == "csv":
        if table not in ("ties", "actors"):
            raise ValueError(f"unknown table {table!r}; choose from ties, actors")
        return csv_text(tie_rows(dataset) if table == "ties" else actor_rows(dataset))
    if fmt == "json":
        return node_link_json(dataset)
    raise ValueError(f"unknown export format {fmt!r}; choose from {', '.join(FORMATS)}")
