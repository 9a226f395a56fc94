"""The engine behind the columnar path: SQL written once, run by DuckDB (the ``events`` extra) or Spark.

The relational operations of the columnar path are written once, as SQL in DuckDB's dialect,
and run by DuckDB through its own Python API (:class:`DuckDB`, embedded, the default). The
aggregation into snapshots also runs on a Spark session (:class:`Spark`): the same SQL is
transpiled to Spark SQL by `sqlglot <https://sqlglot.com>`_ (one written form, two engines).
(An expression layer, Ibis, came first; it cost one to two seconds a run in imports and
query compilation, more than the whole aggregation at 50,000 ties: ``docs/performance.md``.)

Nothing here imports the engine at module import time, so ``entente --help`` and the plain
path never pay for it; :func:`require_engine` says exactly what to install when it is absent.
Nothing here changes the caller's process beyond the call: each run opens its own
in-memory DuckDB connection, and DuckDB's settings belong to that connection.

Examples
--------
>>> INSTALL
'pip install "entente-network[events]"'
>>> missing_engine_message(["duckdb"])
'the columnar path needs duckdb, from the events extra: pip install "entente-network[events]"'
>>> quote("it's")
"'it''s'"
>>> in_list(["a", "b"])
"('a', 'b')"
"""

from __future__ import annotations

import importlib.util
import itertools
import os
import re
import shutil
import tempfile
import weakref
from collections.abc import Iterable, Mapping
from typing import Any

__all__ = [
    "EngineMissing",
    "INSTALL",
    "MODULES",
    "missing_engine_message",
    "require_engine",
    "available",
    "connect",
    "engine_memory",
    "ENGINE_MEMORY",
    "MEMORY_VARIABLE",
    "DuckDB",
    "Spark",
    "quote",
    "ident",
    "in_list",
]

#: The one command that installs what the columnar path needs.
INSTALL = 'pip install "entente-network[events]"'
#: The modules the columnar path imports (pyproject.toml's ``events`` extra installs them).
MODULES = ("duckdb", "pyarrow")

_names = itertools.count()

#: A small table (windows, actors, parsed dates...): column name -> (SQL type, list of values).
Columns = dict[str, tuple[str, list[Any]]]


class EngineMissing(RuntimeError):
    """The columnar path was asked for but its engine (the ``events`` extra) is not installed."""


def missing_engine_message(missing: list[str]) -> str:
    """The one line that says what is missing and how to install it."""
    return f"the columnar path needs {', '.join(missing)}, from the events extra: {INSTALL}"


def require_engine() -> None:
    """Raise :class:`EngineMissing` (saying what to install) unless DuckDB and PyArrow import."""
    missing = [m for m in MODULES if importlib.util.find_spec(m) is None]
    if missing:
        raise EngineMissing(missing_engine_message(missing))


def available() -> bool:
    """Whether the engine is installed (the ``auto`` engine choice uses the columnar path only then).

    >>> isinstance(available(), bool)
    True
    """
    return all(importlib.util.find_spec(m) is not None for m in MODULES)


def quote(text: str) -> str:
    """``text`` as an SQL string literal."""
    return "'" + text.replace("'", "''") + "'"


def ident(name: str) -> str:
    """``name`` as a quoted SQL identifier (a column named as a function, or anything a header holds).

    >>> ident('we"ird')
    '"we""ird"'
    """
    return '"' + name.replace('"', '""') + '"'


def in_list(values: Iterable[str]) -> str:
    """An SQL list of string literals, for ``x IN (...)``."""
    return "(" + ", ".join(quote(v) for v in values) + ")"


def fresh(stem: str) -> str:
    """A name for a temporary table no other run of this process uses."""
    return f"_entente_{stem}_{next(_names)}"


#: The memory the engine may hold before it spills to disk, unless ``ENTENTE_ENGINE_MEMORY`` says
#: otherwise (DuckDB's own default is 80% of the machine's). Chosen so ten million events stay
#: within 2 GB in all (``docs/performance.md``: the run's peak is some 1.65 GB).
ENGINE_MEMORY = "1.5GB"
#: The environment variable that sets the engine's memory (a size such as ``4GB`` or ``800MB``).
MEMORY_VARIABLE = "ENTENTE_ENGINE_MEMORY"
_SIZE = re.compile(r"\d+(\.\d+)?\s*(B|KB|MB|GB|TB|KiB|MiB|GiB|TiB)", re.IGNORECASE)


def engine_memory(environ: Mapping[str, str] | None = None) -> str:
    """The engine's memory limit: ``ENTENTE_ENGINE_MEMORY`` if set, else :data:`ENGINE_MEMORY`.

    >>> engine_memory({}), engine_memory({"ENTENTE_ENGINE_MEMORY": "4GB"})
    ('1.5GB', '4GB')
    >>> engine_memory({"ENTENTE_ENGINE_MEMORY": "lots"})
    Traceback (most recent call last):
    ...
    ValueError: ENTENTE_ENGINE_MEMORY must be a size such as 4GB or 800MB (got 'lots')
    """
    value = (os.environ if environ is None else environ).get(MEMORY_VARIABLE, "").strip()
    if not value:
        return ENGINE_MEMORY
    if not _SIZE.fullmatch(value):
        raise ValueError(f"{MEMORY_VARIABLE} must be a size such as 4GB or 800MB (got {value!r})")
    return value


class DuckDB:
    """An in-memory DuckDB connection of its own: the default engine.

    ``table`` runs a query once into a temporary table; ``view`` names a query without running
    it; ``register`` makes a PyArrow table readable by name; ``query`` returns a PyArrow table.

    Beyond ``memory`` (:func:`engine_memory`) DuckDB spills its tables and intermediates to a
    folder of its own under the system's temporary folder, removed when the connection goes
    (DuckDB's default would be ``.tmp`` in the working folder).
    """

    name = "duckdb"

    def __init__(self, con: Any = None, memory: str | None = None):
        import duckdb

        self.con = duckdb.connect() if con is None else con
        # DuckDB draws a progress bar on standard error for a long query: not on this path's output
        self.con.execute("SET enable_progress_bar = false")
        if con is None:
            spill = tempfile.mkdtemp(prefix="entente-spill-")
            self.con.execute(f"SET temp_directory = {quote(spill)}")
            self.con.execute(f"SET memory_limit = {quote(memory or engine_memory())}")
            weakref.finalize(self, _close, self.con, spill)

    def query(self, sql: str) -> Any:
        return self.con.sql(sql).to_arrow_table()

    def scalar(self, sql: str) -> Any:
        rows = self.con.execute(sql).fetchall()
        return rows[0][0] if rows else None

    def execute(self, sql: str) -> None:
        self.con.execute(sql)

    def table(self, name: str, sql: str) -> str:
        self.con.execute(f"CREATE OR REPLACE TEMP TABLE {ident(name)} AS {sql}")
        return name

    def view(self, name: str, sql: str) -> str:
        self.con.execute(f"CREATE OR REPLACE TEMP VIEW {ident(name)} AS {sql}")
        return name

    def register(self, name: str, columns: Columns) -> str:
        """A temporary table of a small table given as lists, one per column.

        (Passing PyArrow instead would import pandas, some 1.5 s: PyArrow's ``array`` of Python
        values and DuckDB's ``register`` look for it; lists of plain values cross without it.)
        """
        cols = [f"unnest(CAST(? AS {t}[])) AS {ident(c)}" for c, (t, _) in columns.items()]
        values = [v for _, v in columns.values()]
        self.con.execute(f"CREATE OR REPLACE TEMP TABLE {ident(name)} AS SELECT {', '.join(cols)}", values)
        return name

    def drop(self, name: str | None, view: bool = False) -> None:
        """Drop a table :meth:`table` or :meth:`register` made (or a view), once nothing reads it."""
        if name is not None:
            self.con.execute(f"DROP {'VIEW' if view else 'TABLE'} IF EXISTS {ident(name)}")

    unregister = drop


class Spark:
    """A Spark session running the same SQL, transpiled from DuckDB's dialect by sqlglot.

    Tables are temporary views (Spark plans each query whole); ``register`` makes a DataFrame of
    a PyArrow table. Used for the aggregation (the checks read files, which DuckDB does).
    """

    name = "spark"

    def __init__(self, session: Any):
        if importlib.util.find_spec("sqlglot") is None:
            raise EngineMissing(missing_engine_message(["sqlglot"]))
        self.session = session

    def sql(self, sql: str) -> str:
        """``sql`` (DuckDB's dialect) in Spark's."""
        import sqlglot

        return str(sqlglot.transpile(sql, read="duckdb", write="spark")[0])

    def query(self, sql: str) -> Any:
        return self.session.sql(self.sql(sql)).toArrow()

    def scalar(self, sql: str) -> Any:
        rows = self.session.sql(self.sql(sql)).collect()
        return rows[0][0] if rows else None

    def table(self, name: str, sql: str) -> str:
        """A temporary view of ``sql``, cached once computed (the queries after it read it again)."""
        self.session.sql(self.sql(sql)).cache().createOrReplaceTempView(name)
        return name

    def view(self, name: str, sql: str) -> str:
        self.session.sql(self.sql(sql)).createOrReplaceTempView(name)
        return name

    def register(self, name: str, columns: Columns | Any) -> str:
        """A temporary view of a small table (:data:`Columns`) or of a PyArrow table."""
        if isinstance(columns, dict):
            import pyarrow as pa

            columns = pa.table({c: v for c, (_, v) in columns.items()})
        self.session.createDataFrame(columns.to_pandas()).createOrReplaceTempView(name)
        return name

    def drop(self, name: str | None, view: bool = True) -> None:
        if name is not None:
            if self.session.catalog.tableExists(name) and self.session.catalog.isCached(name):
                self.session.catalog.uncacheTable(name)
            self.session.catalog.dropTempView(name)

    unregister = drop


def _close(con: Any, spill: str) -> None:
    con.close()
    shutil.rmtree(spill, ignore_errors=True)


def connect(memory: str | None = None) -> DuckDB:
    """A fresh in-memory DuckDB engine that may hold ``memory`` (default :func:`engine_memory`)."""
    require_engine()
    return DuckDB(memory=memory)
