"""The columnar path: large tie tables checked and aggregated into snapshots by DuckDB, in SQL.

The entry points import the engine only when called, so without the ``events`` extra this
package imports and says what to install (:class:`EngineMissing`) rather than fail at import.
See ``docs/columnar.md``.

Examples
--------
>>> from network.columnar import snapshots, INSTALL
>>> INSTALL
'pip install "entente-network[events]"'
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from network.columnar.engine import INSTALL, EngineMissing, available, require_engine

if TYPE_CHECKING:
    from network.columnar.pipeline import ColumnarData

__all__ = ["snapshots", "load", "check", "EngineMissing", "INSTALL", "available", "require_engine"]


def snapshots(data: Any, **options: Any) -> list[Any]:
    """:func:`network.columnar.pipeline.snapshots`: snapshots of a CSV-form folder or Parquet tie table."""
    require_engine()
    from network.columnar.pipeline import snapshots as run

    return run(data, **options)


def load(path: Any, strict: bool | None = None) -> ColumnarData:
    """:func:`network.columnar.pipeline.load`: read and check; DatasetError listing every problem."""
    require_engine()
    from network.columnar.pipeline import load as run

    return run(path, strict)


def check(path: Any, strict: bool | None = None) -> tuple[ColumnarData | None, list[Any]]:
    """:func:`network.columnar.pipeline.check`: ``(data, [])`` or ``(None, problems)``."""
    require_engine()
    from network.columnar.pipeline import check as run

    return run(path, strict)
