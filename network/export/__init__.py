"""Exports that keep the dates and the citations: GEXF (dynamic), GraphML, CSV tables, node-link JSON."""

from ..model import Dataset
from ..options import EXPORT_FORMATS
from .gexf import gexf
from .graphml import graphml
from .nodelink import node_link, node_link_json
from .tables import actor_rows, tie_rows

__all__ = [
    "gexf",
    "graphml",
    "node_link",
    "node_link_json",
    "tie_rows",
    "actor_rows",
    "export_text",
    "FORMATS",
]

#: The formats of :func:`export_text`.
FORMATS = EXPORT_FORMATS


def export_text(
    dataset: Dataset, fmt: str, level: str = "person", by: str = "year", table: str = "ties"
) -> str:
    """The dataset in ``fmt`` as text: ``gexf``, ``graphml``, ``csv`` (``table`` ties or actors) or ``json``.

    Examples
    --------
    >>> from network import load
    >>> export_text(load("tests/data/mini.yaml"), "csv", table="actors").splitlines()[0]
    'id,name,kind,aliases,member_of,roles,exists,note'
    """
    if fmt == "gexf":
        return gexf(dataset, level=level, by=by)
    if fmt == "graphml":
        return graphml(dataset, level=level, by=by)
    if fmt == "csv":
        if table not in ("ties", "actors"):
            raise ValueError(f"unknown table {table!r}; choose from ties, actors")
        return (tie_rows(dataset) if table == "ties" else actor_rows(dataset)).to_csv()
    if fmt == "json":
        return node_link_json(dataset)
    raise ValueError(f"unknown export format {fmt!r}; choose from {', '.join(FORMATS)}")
