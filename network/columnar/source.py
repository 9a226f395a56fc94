"""Where a tie table is, the dataset around it (actors, periods, sources), and its raw cells as a table.

A columnar dataset is the CSV form of format v1 (``docs/tabular.md``: a folder with
``actors.csv``, ``ties.csv`` and optionally ``dataset.json``), or the same folder with the
ties in ``ties.parquet`` (the same columns). The actors, sources and periods are few and are
read by the plain CSV reader (:func:`network.dataset.csv_form.read_csv`, checked by the same code as
every form); the tie table is read by the engine, every cell as text, each row numbered with the
line it starts on (CSV) or its record number (Parquet), so problems point where they are.

Examples
--------
>>> tie_table_of("data/some-folder").name, tie_table_of("x/ties.parquet").name
('ties.csv', 'ties.parquet')
"""

from __future__ import annotations

import csv
import io
import os
from array import array
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from network.dataset.check_fields import Converter
from network.dataset.csv_form import FILES, read_csv
from network.dataset.model import Dataset
from network.dataset.problems import Problem
from network.dataset.spec import Rec
from network.dataset.validate import build_dataset
from network.dataset.yaml_nodes import DEFAULT_MAX_BYTES

__all__ = ["PARQUET", "tie_table_of", "read_frame", "RawTies", "read_raw_ties"]

#: The Parquet tie table's file name, in the folder where ``ties.csv`` would be.
PARQUET = "ties.parquet"


def tie_table_of(path: str | os.PathLike[str]) -> Path:
    """The tie table a path names: ``ties.parquet`` or ``ties.csv`` (in the folder, or named itself)."""
    p = Path(path)
    if p.suffix.lower() in (".csv", ".parquet"):
        return p if p.name in (FILES["ties"], PARQUET) else p.parent / FILES["ties"]
    if (p / PARQUET).exists() and not (p / FILES["ties"]).exists():
        return p / PARQUET
    return p / FILES["ties"]


def read_frame(
    path: str | os.PathLike[str], max_bytes: int = DEFAULT_MAX_BYTES
) -> tuple[Dataset | None, list[Problem]]:
    """The dataset around the tie table: ``dataset.json`` and ``actors.csv``, checked, with no ties."""
    folder = tie_table_of(path).parent
    node, problems = read_csv(folder, max_bytes, tables=("actors",))
    if node is None:
        return None, problems
    converter = Converter(str(folder))
    top = converter.convert(node, Rec("dataset"), "the top level")
    dataset, more = build_dataset(top, str(folder), strict=False)
    problems = converter.problems + more
    return (dataset if not problems else None), problems


@dataclass
class RawTies:
    """The tie table as the engine reads it: every column as text, plus ``line`` and ``row``.

    ``names`` are the header's column names in order (a problem's COLUMN is the position + 1);
    ``line`` is the line a row starts on in a CSV file (the header being line 1) or, in Parquet,
    the record's number + 1 (the line it would have in the CSV form), so the two forms of one table
    report the same places. ``row`` numbers the rows from 0 in file order.
    """

    path: str
    table: Any  # an ibis Table
    names: list[str]
    parquet: bool


def _header(path: Path) -> list[str]:
    with open(path, encoding="utf-8-sig", newline="") as f:
        head = f.read(1 << 16)
    rows = csv.reader(io.StringIO(head, newline=""))
    try:
        return [name.strip() for name in next(rows, [])]
    except csv.Error:
        return []


def _csv_lines(path: Path) -> array:
    """The line each non-blank CSV row starts on, by Python's csv reader (only for files with blank lines)."""
    out = array("q")
    with open(path, encoding="utf-8-sig", newline="") as f:
        reader = csv.reader(f)
        next(reader, None)
        line = reader.line_num + 1
        for row in reader:
            if row:
                out.append(line)
            line = reader.line_num + 1
    return out


def read_raw_ties(con: Any, path: str | os.PathLike[str]) -> RawTies:
    """Read the tie table with the engine: text cells, ``line`` and ``row``; ValueError if unreadable.

    A CSV file is read with DuckDB's reader (every cell as text, the header's names as given);
    rows keep the file's order (DuckDB preserves insertion order), so a row's line is 2 + its
    number + the line breaks inside the cells of the rows before it. A file with blank lines
    (which the reader skips) takes the lines from Python's csv reader instead.
    """
    import ibis

    table_path = tie_table_of(path)
    name = str(table_path)
    if table_path.suffix == ".parquet":
        t = con.read_parquet(table_path)
        names = list(t.columns)
        t = t.mutate(**{c: t[c].cast("string") for c in names})
        t = t.mutate(row=ibis.row_number())
        t = t.mutate(line=t.row + 2)
        return RawTies(name, t, names, True)
    names = _header(table_path)
    if len(set(names)) != len(names) or not all(names):
        raise ValueError("the header repeats a column or has an empty name")
    columns = {n: "VARCHAR" for n in names}
    t = con.read_csv(
        table_path, header=True, columns=columns, auto_detect=False, quote='"', escape='"', delim=","
    )
    t = t.rename({n: c for n, c in zip(names, t.columns, strict=True) if n != c})
    t = t.mutate(row=ibis.row_number())
    with open(table_path, "rb") as f:
        data = f.read()
    if b"\n\n" in data or b"\n\r\n" in data or b"\r\r" in data:
        lines = _csv_lines(table_path)
        import pyarrow as pa

        numbered = ibis.memtable(pa.table({"row": pa.array(range(len(lines)), pa.int64()), "line": lines}))
        t = t.join(numbered, "row").select(*names, "row", "line")
    else:
        breaks = (
            sum((t[c].length() - t[c].replace("\n", "").length()).fill_null(0) for c in names) if names else 0
        )
        t = t.mutate(_breaks=breaks)
        before = t._breaks.sum().over(ibis.window(order_by=t.row, preceding=None, following=0)) - t._breaks
        t = t.mutate(line=2 + t.row + before.fill_null(0)).drop("_breaks")
    return RawTies(name, t, names, False)
