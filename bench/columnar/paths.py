"""The paths the benchmark measures against the minimal script, and which one is under test.

Each path is a :class:`Candidate` whose ``prepare`` imports what it needs (before
the clock starts) and returns a function from a tie table (a folder of the
CSV form, or of Parquet) to the yearly state-level snapshots
(:class:`network.timeline.snapshots.Snapshot`: ``window.id`` and ``graph``, with
``active`` nodes and signed, weighted edges). The benchmark then takes each
year's positive graph and runs the same PageRank as the minimal script.

To measure the columnar path (issue 17, item 1) once ``network.columnar`` is
there, change one line at the bottom of this file::

    UNDER_TEST = COLUMNAR

(or pass ``--path columnar`` to ``bench/columnar/run.py`` without editing).
If its entry point is named or called differently, :func:`_columnar` is the
one place to say so.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

__all__ = ["Candidate", "STAND_IN", "COLUMNAR", "PATHS", "UNDER_TEST", "positive_graphs"]

Snapshots = Callable[[str], Sequence[Any]]


@dataclass(frozen=True)
class Candidate:
    """A way from a tie table to yearly state-level snapshots.

    Attributes
    ----------
    key : str
        Short name (``--path KEY``).
    label : str
        What the tables call it.
    forms : tuple of str
        The forms it reads, of ``"csv"`` and ``"parquet"``.
    prepare : callable
        Imports what it needs and returns ``snapshots(folder) -> list of Snapshot``.
    max_events : int or None
        Larger sizes are not run (with ``why_not`` in the table); None: every size.
    why_not : str
        Why the larger sizes are not run.
    """

    key: str
    label: str
    forms: tuple[str, ...]
    prepare: Callable[[], Snapshots]
    max_events: int | None = None
    why_not: str = ""


def _stand_in() -> Snapshots:
    """The existing path: network.check on the CSV form (every record validated), then snapshots()."""
    import network
    from network.timeline.snapshots import snapshots

    def run(folder: str) -> Sequence[Any]:
        size = sum(p.stat().st_size for p in Path(folder).iterdir())
        dataset, problems = network.check(folder, max_bytes=size + 1)
        if dataset is None or problems:
            raise SystemExit(f"{folder}: {len(problems)} problems, first: {problems[0]}")
        return snapshots(dataset, by="year", level="state")

    return run


def _columnar() -> Snapshots:
    """The columnar path (issue 17, item 1): network.columnar.snapshots, validating as it goes.

    The engine's libraries and the path's own modules (which ``network.columnar`` imports only
    when called, some 0.25 s) are imported here, before the clock, as DuckDB and networkx are
    for the minimal script (one the path does not use is skipped).
    """
    import importlib
    import pkgutil

    import network.columnar
    from network.columnar import snapshots

    for engine in ("duckdb", "pyarrow"):
        try:
            importlib.import_module(engine)
        except ImportError:
            pass
    for module in pkgutil.iter_modules(network.columnar.__path__):
        importlib.import_module(f"network.columnar.{module.name}")

    def run(folder: str) -> Sequence[Any]:
        return snapshots(folder, by="year", level="state")

    return run


def positive_graphs(snapshots: Iterable[Any]) -> Iterator[tuple[int, Any]]:
    """Each snapshot's year and positive graph: active actors, edges of sign +1 at their net weight."""
    import networkx as nx

    for snap in snapshots:
        g = snap.graph
        positive = nx.Graph()
        positive.add_nodes_from(n for n, d in g.nodes(data=True) if d.get("active"))
        positive.add_edges_from(
            (u, v, {"weight": d["weight"]}) for u, v, d in g.edges(data=True) if d["sign"] > 0
        )
        yield int(snap.window.id), positive


STAND_IN = Candidate(
    "stand-in",
    "network.check + network.timeline.snapshots, CSV form (stand-in for the columnar path)",
    ("csv",),
    _stand_in,
    max_events=2_000_000,
    why_not="it builds Python objects for every tie (2.4 GB at 2M events), so 10M would need some 12 GB",
)
COLUMNAR = Candidate("columnar", "network.columnar.snapshots", ("csv", "parquet"), _columnar)
PATHS = {p.key: p for p in (STAND_IN, COLUMNAR)}

#: The path measured against the minimal script (STAND_IN: the plain path on the CSV form).
UNDER_TEST = COLUMNAR
