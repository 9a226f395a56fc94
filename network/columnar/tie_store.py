"""The ties behind the columnar snapshots, kept in the engine and read a window at a time when asked.

A snapshot of the plain path holds every tie it counts twice over: ``Snapshot.allocation`` (tie id
-> share) and each edge's ``ties`` (the sorted ids). At ten million events that is ten million
Python strings and dict entries, which cost more time and memory than the whole aggregation
(``docs/performance.md``). On the columnar path they stay in the engine: the run's placements
are a query (:class:`TieStore`), run into a table of the engine only when the ties of a window
are first asked for, and the snapshots hold views of it that read like the plain path's values:

* :class:`Allocation`, a read-only mapping (``len``, ``in``, ``[id]``, iteration, ``items``...);
* :class:`EdgeTies`, a read-only sequence (``len``, iteration, indexing, ``==`` with a tuple).

Their sizes are known without a query. The first other use reads the whole window once, one
query (its ids in order of edge, then of id), and the store keeps the last
:data:`WINDOWS_KEPT` windows read. Pickling either gives a plain ``dict`` or ``tuple``, so a
snapshot sent to another process carries its values, not the engine. The tables the query
reads are dropped when the last view of it is gone.

Examples
--------
>>> import pytest; _ = pytest.importorskip("duckdb")  # the events extra; skipped without it
>>> from network.columnar.engine import connect
>>> engine = connect()
>>> engine.execute("CREATE TEMP TABLE p AS SELECT * FROM (VALUES "
...                "(0, 0, 1, 't2', 1e0), (0, 0, 1, 't1', 5e-1), (1, 0, 2, 't3', 1e0)) "
...                "AS v(wi, a, b, id, share)")
>>> store = TieStore(engine, "SELECT * FROM p", ["a", "b", "c"], ["p"])
>>> shares, ties = Allocation(store, 0, 2), EdgeTies(store, 0, "a", "b", 2)
>>> len(shares), len(ties)          # no query yet
(2, 2)
>>> dict(shares), ties == ("t1", "t2"), list(ties)
({'t1': 0.5, 't2': 1.0}, True, ['t1', 't2'])
"""

from __future__ import annotations

import weakref
from collections import OrderedDict
from collections.abc import Iterator, Mapping, Sequence
from typing import Any, overload

from network.columnar.engine import fresh
from network.dataset.loader import paused_gc

__all__ = ["TieStore", "Allocation", "EdgeTies", "WINDOWS_KEPT"]

#: How many windows' ties a store keeps in Python once read (a consumer walks the windows in turn,
#: or two side by side; the rest are read again if asked for).
WINDOWS_KEPT = 4

#: One window's ties as read: (tie id -> share, in order of edge then id; (a, b) -> the edge's ids).
WindowTies = tuple[dict[str, float], dict[tuple[str, str], tuple[str, ...]]]


class TieStore:
    """The ties placed in each window, as a query of the engine: ``placements`` gives
    ``wi, a, b, id, share`` (``a <= b`` the edge's ends, as codes: actor ``names[a]``; a row with
    ``a = b``, a self-tie at state level, is not read; ``share`` the share of the tie's weight
    counted in window ``wi``).

    ``tables`` (the tables the query reads that nothing else does) are dropped when the store is
    garbage collected (:func:`weakref.finalize`), so they live as long as a snapshot that
    reads them.
    """

    __slots__ = ("engine", "placements", "names", "_table", "_tables", "_read", "_finalizer", "__weakref__")

    def __init__(self, engine: Any, placements: str, names: Sequence[str], tables: Sequence[str] = ()):
        self.engine = engine
        self.placements = placements
        self.names = names
        self._table: str | None = None
        self._tables = list(tables)
        self._read: OrderedDict[int, WindowTies] = OrderedDict()
        self._finalizer = weakref.finalize(self, _drop, engine, self._tables)
        self._finalizer.atexit = False  # at exit the engine goes with the process

    def _placed(self) -> str:
        """The placements as a table of their own, sorted by window, made when the ties of a first
        window are asked for (one pass; each window then reads only its rows, where the query
        would join again), after which the tables the query read are dropped."""
        if self._table is None:
            self._table = self.engine.table(
                fresh("placed"),
                f"SELECT wi, a, b, id, share FROM ({self.placements}) WHERE a != b ORDER BY wi",
            )
            _drop(self.engine, self._tables)  # what the query read: the table now holds it all
            self._tables[:] = [self._table]
        return self._table

    def window(self, wi: int) -> WindowTies:
        """The ties of window ``wi``: shares by id, and the ids of each edge (sorted)."""
        got = self._read.get(wi)
        if got is not None:
            self._read.move_to_end(wi)
            return got
        with paused_gc():  # some objects per tie, none garbage; the graphs around are many
            return self._read_window(wi)

    def _read_window(self, wi: int) -> WindowTies:
        part = self.engine.query(
            f"SELECT a, b, id, share FROM {self._placed()} WHERE wi = {int(wi)} ORDER BY a, b, id"
        )
        a, b, ids, share = (part.column(c).to_pylist() for c in ("a", "b", "id", "share"))
        a, b = (list(map(self.names.__getitem__, x)) for x in (a, b))  # codes to ids
        shares = dict(zip(ids, share, strict=True))
        edges: dict[tuple[str, str], tuple[str, ...]] = {}
        start = 0
        for k in range(1, len(ids) + 1):
            if k == len(ids) or a[k] != a[start] or b[k] != b[start]:
                edges[(a[start], b[start])] = tuple(ids[start:k])
                start = k
        got = self._read[wi] = (shares, edges)
        if len(self._read) > WINDOWS_KEPT:
            self._read.popitem(last=False)
        return got


def _drop(engine: Any, tables: list[str]) -> None:
    """Drop the store's tables (those it was given, and the one it made)."""
    for name in tables:
        engine.drop(name)


class Allocation(Mapping[str, float]):
    """``Snapshot.allocation`` of window ``wi``: tie id -> share counted, read from ``store`` when
    first used; ``size`` ties."""

    __slots__ = ("_store", "_wi", "_size")

    def __init__(self, store: TieStore, wi: int, size: int):
        self._store, self._wi, self._size = store, wi, size

    def _shares(self) -> dict[str, float]:
        return self._store.window(self._wi)[0] if self._size else {}

    def __getitem__(self, tie_id: str) -> float:
        return self._shares()[tie_id]

    def __iter__(self) -> Iterator[str]:
        return iter(self._shares())

    def __len__(self) -> int:
        return self._size

    def __contains__(self, tie_id: object) -> bool:
        return tie_id in self._shares()

    def __repr__(self) -> str:
        return repr(self._shares())

    def __reduce__(self) -> tuple[Any, ...]:
        return (dict, (dict(self._shares()),))


class EdgeTies(Sequence[str]):
    """An edge's ``ties`` (its ``n`` tie ids, sorted), read from ``store`` when first used.

    Equal to the tuple of its ids (``==`` and ``hash`` as that tuple's)."""

    __slots__ = ("_store", "_wi", "_key", "_n")

    def __init__(self, store: TieStore, wi: int, a: str, b: str, n: int):
        self._store, self._wi, self._key, self._n = store, wi, (a, b), n

    def _ids(self) -> tuple[str, ...]:
        return self._store.window(self._wi)[1].get(self._key, ())

    @overload
    def __getitem__(self, index: int) -> str: ...

    @overload
    def __getitem__(self, index: slice) -> tuple[str, ...]: ...

    def __getitem__(self, index: int | slice) -> str | tuple[str, ...]:
        return self._ids()[index]

    def __iter__(self) -> Iterator[str]:
        return iter(self._ids())

    def __len__(self) -> int:
        return self._n

    def __eq__(self, other: object) -> bool:
        if isinstance(other, EdgeTies):
            other = other._ids()
        return isinstance(other, tuple) and self._ids() == other

    def __hash__(self) -> int:
        return hash(self._ids())

    def __repr__(self) -> str:
        return repr(self._ids())

    def __reduce__(self) -> tuple[Any, ...]:
        return (tuple, (self._ids(),))
