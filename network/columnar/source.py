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
    """The tie table as the engine read it: a table of ``engine`` holding every column as text.

    ``names`` are the header's column names in order (a problem's COLUMN is the position + 1).
    ``table`` (a table, or a ``view`` of the file) holds the cells as read, in file order; ``line``
    is the column giving the line a row starts on in a CSV file (the header being line 1) or, in
    Parquet, the record's number + 1 (the line it would have in the CSV form), so the two forms
    of one table report the same places.
    """

    path: str
    table: str
    names: list[str]
    parquet: bool
    line: str = "_line"
    view: bool = False


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


def scan(path: Path) -> tuple[bool, bool]:
    """Whether a CSV file has quotes (so a cell may hold a line break) and blank lines, read in chunks.

    >>> import tempfile
    >>> f = Path(tempfile.mkdtemp()) / "ties.csv"
    >>> _ = f.write_bytes(b'a,b\\n1,2\\n\\n3,"x"\\n')
    >>> scan(f)
    (True, True)
    """
    quotes = blank = False
    tail = b""
    with open(path, "rb") as f:
        while chunk := f.read(1 << 22):
            piece = tail + chunk
            quotes = quotes or b'"' in chunk
            blank = blank or b"\n\n" in piece or b"\n\r\n" in piece or b"\r\r" in piece
            tail = piece[-2:]
    return quotes, blank


def read_raw_ties(engine: Any, path: str | os.PathLike[str]) -> RawTies:
    """The tie table as the engine reads it: text cells in file order, numbered (ValueError: unreadable).

    A CSV file is read once, by DuckDB's reader, into a table (every cell as text, the header's
    names as given) that keeps the file's order (DuckDB preserves insertion order), so a row's
    number is its ``rowid`` and its line 2 + that number + the line breaks inside the cells of
    the rows before it (summed only when the file has quotes: only a quoted cell holds one); a
    file with blank lines (which the reader skips) takes the lines from Python's csv reader. (A
    view of the file, read by each pass, took twice the memory in the one pass that types it.)
    A Parquet file is a view: its reader numbers the rows and casts every column to text.
    """
    from network.columnar.engine import fresh, ident, quote

    table_path = tie_table_of(path)
    name = str(table_path)
    raw = fresh("raw")
    if table_path.suffix == ".parquet":
        reader = f"read_parquet({quote(name)}, file_row_number = true)"
        names = [r[0] for r in engine.con.execute(f"DESCRIBE SELECT * FROM {reader}").fetchall()]
        names.remove("file_row_number")
        cast = "".join(f"CAST({ident(n)} AS VARCHAR) AS {ident(n)}, " for n in names)
        engine.view(raw, f"SELECT {cast}file_row_number + 2 AS _line FROM {reader}")
        return RawTies(name, raw, names, True, "_line", view=True)
    names = _header(table_path)
    if len(set(names)) != len(names) or not all(names):
        raise ValueError("the header repeats a column or has an empty name")
    columns = "{" + ", ".join(f"{quote(n)}: 'VARCHAR'" for n in names) + "}"
    reader = (
        f"read_csv({quote(name)}, header = true, columns = {columns}, auto_detect = false, "
        "quote = '\"', escape = '\"', delim = ',')"
    )
    actual = [r[0] for r in engine.con.execute(f"DESCRIBE SELECT * FROM {reader}").fetchall()]
    cells = ", ".join(f"{ident(a)} AS {ident(n)}" for a, n in zip(actual, names, strict=True)) or "*"
    quotes, blank = scan(table_path)
    engine.table(raw, f"SELECT {cells} FROM {reader}")
    if not (quotes or blank):
        return RawTies(name, raw, names, False, "rowid + 2")
    if blank:
        lines = _csv_lines(table_path)
        numbered = {"_row": ("BIGINT", list(range(len(lines)))), "_line": ("BIGINT", lines.tolist())}
        engine.register(raw + "_lines", numbered)
        kept = ", ".join(f"r.{ident(n)}" for n in names)
        engine.table(
            raw,
            f"SELECT {kept}, l._line FROM {ident(raw)} r JOIN {ident(raw + '_lines')} l ON r.rowid = l._row "
            "ORDER BY l._row",
        )
        engine.unregister(raw + "_lines")
        return RawTies(name, raw, names, False, "_line")
    breaks = " + ".join(
        f"COALESCE(length({ident(n)}) - length(replace({ident(n)}, chr(10), '')), 0)" for n in names
    )
    engine.table(
        raw,
        f"SELECT *, 2 + rowid + COALESCE(SUM({breaks}) OVER (ORDER BY rowid ROWS BETWEEN UNBOUNDED "
        f"PRECEDING AND 1 PRECEDING), 0) AS _line FROM {ident(raw)} ORDER BY rowid",
    )
    return RawTies(name, raw, names, False, "_line")
