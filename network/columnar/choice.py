"""Which path makes the snapshots: ``--engine auto|columnar|python``, and the boundary of ``auto``.

Light on purpose (no engine import): the command line asks it before loading anything.

Examples
--------
>>> choose_engine("python", "data/actors.yaml")
('python', None)
>>> choose_engine("auto", "data/actors.yaml")
('python', None)
>>> choose_engine("columnar", "data/actors.yaml")[1]  # doctest: +ELLIPSIS
'--engine columnar reads the CSV form ... convert it first: entente convert data/actors.yaml FOLDER/'
"""

from __future__ import annotations

import importlib.util
import os
from pathlib import Path

from network.columnar.engine import MODULES, available, engine_memory, missing_engine_message

__all__ = ["COLUMNAR_ROWS", "choose_engine", "tie_rows"]

#: Under ``--engine auto``, a CSV folder of more ties than this takes the columnar path (when the
#: events extra is installed); Parquet always does. Measured in docs/columnar.md: from 25,000 ties
#: the columnar path is faster (1.3x) in about the same memory; at 10,000 and below the two take about
#: the same time and the plain path half the memory.
COLUMNAR_ROWS = 20_000


def _is_parquet(path: Path) -> bool:
    if path.suffix.lower() == ".parquet":
        return True
    return path.is_dir() and (path / "ties.parquet").exists() and not (path / "ties.csv").exists()


def _is_csv_form(path: Path) -> bool:
    if path.suffix.lower() == ".csv":
        return path.name in ("actors.csv", "ties.csv")
    return path.is_dir() and (path / "ties.csv").exists()


def tie_rows(path: str | os.PathLike[str]) -> int:
    """About how many ties a CSV folder holds: the line breaks of its ties.csv, less the header."""
    p = Path(path)
    table = p.parent / "ties.csv" if p.suffix.lower() == ".csv" else p / "ties.csv"
    count = 0
    with open(table, "rb") as f:
        while chunk := f.read(1 << 20):
            count += chunk.count(b"\n")
    return max(0, count - 1)


def choose_engine(engine: str, path: str | os.PathLike[str]) -> tuple[str, str | None]:
    """``("python" or "columnar", None)``, or ``("", why not)`` for a choice that cannot be met."""
    p = Path(path)
    parquet = _is_parquet(p)
    missing = [] if available() else [m for m in MODULES if importlib.util.find_spec(m) is None]
    if engine == "python":
        if parquet:
            return "", (
                f"{path} is a Parquet tie table, which only the columnar path reads: "
                "give --engine columnar or auto"
            )
        return "python", None
    if engine == "columnar" or parquet:
        if not (parquet or _is_csv_form(p)):
            return "", (
                "--engine columnar reads the CSV form (a folder with actors.csv and ties.csv) or a "
                f"Parquet tie table, not {path}; convert it first: entente convert {path} FOLDER/"
            )
        if missing:
            return "", missing_engine_message(missing)
        return _columnar()
    if _is_csv_form(p) and not missing and tie_rows(p) > COLUMNAR_ROWS:
        return _columnar()
    return "python", None


def _columnar() -> tuple[str, str | None]:
    """The columnar path, unless the engine's memory is set to something that is no size."""
    try:
        engine_memory()
    except ValueError as exc:
        return "", str(exc)
    return "columnar", None
