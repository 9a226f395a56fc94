"""The engine behind the columnar path: Ibis expressions run by DuckDB, from the ``events`` extra.

Nothing here imports the engine at module import time, so ``entente --help`` and the plain
path never pay for it; :func:`require_engine` says exactly what to install when it is absent.

Examples
--------
>>> INSTALL
'pip install "entente-network[events]"'
>>> missing_engine_message(["duckdb"])
'the columnar path needs duckdb, from the events extra: pip install "entente-network[events]"'
"""

from __future__ import annotations

import importlib.util
from typing import Any

__all__ = ["EngineMissing", "INSTALL", "MODULES", "missing_engine_message", "require_engine", "connect"]

#: The one command that installs what the columnar path needs.
INSTALL = 'pip install "entente-network[events]"'
#: The modules the columnar path imports (pyproject.toml's ``events`` extra installs them).
MODULES = ("duckdb", "ibis", "pyarrow")


class EngineMissing(RuntimeError):
    """The columnar path was asked for but its engine (the ``events`` extra) is not installed."""


def missing_engine_message(missing: list[str]) -> str:
    """The one line that says what is missing and how to install it."""
    return f"the columnar path needs {', '.join(missing)}, from the events extra: {INSTALL}"


def require_engine() -> None:
    """Raise :class:`EngineMissing` (saying what to install) unless DuckDB, Ibis and PyArrow import."""
    missing = [m for m in MODULES if importlib.util.find_spec(m) is None]
    if missing:
        raise EngineMissing(missing_engine_message(missing))


def available() -> bool:
    """Whether the engine is installed (the ``auto`` engine choice uses the columnar path only then).

    >>> isinstance(available(), bool)
    True
    """
    return all(importlib.util.find_spec(m) is not None for m in MODULES)


def connect() -> Any:
    """A fresh in-memory DuckDB connection through Ibis (its default backend)."""
    require_engine()
    import ibis

    return ibis.duckdb.connect()


def materialize(con: Any, expr: Any) -> Any:
    """Run ``expr`` once into a temporary table of ``con`` and return that table.

    (Ibis's own ``cache()`` drops its table at garbage collection with a statement sqlglot 30
    writes without the name, which the engine refuses.)
    """
    import uuid

    if con.name != "duckdb":  # PySpark's backend makes no temporary tables; Spark plans the whole query
        return expr
    return con.create_table(f"_entente_{uuid.uuid4().hex}", expr, temp=True)


def drop(con: Any, table: Any) -> None:
    """Drop a table :func:`materialize` made, once nothing reads it (frees the engine's memory).

    In plain SQL: Ibis 12's ``drop_table`` writes a statement sqlglot 30 leaves without the name.
    Other backends make none (:func:`materialize`).
    """
    if con.name == "duckdb" and table is not None:
        con.raw_sql(f'DROP TABLE IF EXISTS "{table.get_name()}"')
