"""Import machine-coded event files into a dataset in the CSV form of format v1 (``entente import``).

:func:`import_events` reads GDELT or ICEWS files row by row (a file of
millions of rows is never held in memory: each tie is written out as it is
read), and turns each event into a tie, or counts why not, in this order:

1. a **malformed** row (wrong number of columns, a bad id, date, CAMEO code
   or score, bytes not in the file's encoding) is a problem reported as
   ``FILE:LINE:COLUMN: message``;
2. a CAMEO code the table codes as no type (:mod:`network.events.cameo`) is
   **not coded**;
3. a score of 0 has **no sign** (:mod:`network.events.goldstein`);
4. a side whose actor cannot be **mapped** (no country, or one neither the
   mapping file nor the table of countries knows);
5. a **self-tie** (both sides mapped to one actor);
6. an event **repeated** (its id seen before, as when files overlap).

Everything else is **kept**. A kept event whose score's sign disagrees with
its type's usual sign keeps the score's sign and no type (counted). The
output folder is written in a staging folder beside it and swapped in only
when the import succeeds: with any malformed row and no ``skip_bad``
nothing is written.

Examples
--------
>>> import tempfile, pathlib
>>> tmp = pathlib.Path(tempfile.mkdtemp())
>>> out = tmp / "events"
>>> summary, problems = import_events("gdelt", ["tests/data/events/gdelt1.tsv"], out, Settings())
>>> problems, summary.kept > 0, sorted(p.name for p in out.iterdir())
([], True, ['actors.csv', 'dataset.json', 'import-summary.txt', 'ties.csv'])
"""

from __future__ import annotations

import csv
import gzip
import io
import json
import os
import shutil
import sys
import zipfile
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import IO

from network.dataset.problems import Problem
from network.dataset.vocabulary import TIE_TYPES
from network.events.actormap import MappedActor, Mapping
from network.events.cameo import UNDIRECTED_TYPES, row_for
from network.events.countries import TABLE
from network.events.goldstein import rule
from network.events.layouts import GDELT_WIDTHS, Event, IcewsHeader, RowProblem, Side, gdelt_event
from network.events.sources import SOURCES
from network.output.atomic import staging_folder, swap_in

__all__ = ["SOURCES", "OUTPUT_FILES", "Settings", "Summary", "import_events", "refusal"]

#: The files an import writes: a folder holding exactly these is an earlier import, replaced whole.
OUTPUT_FILES = ("actors.csv", "ties.csv", "dataset.json", "import-summary.txt")
TIE_COLUMNS = (
    "id",
    "source",
    "target",
    "date",
    "sign",
    "weight",
    "type",
    "directed",
    "cite_source",
    "cite_primary",
    "evidence",
)
_PROGRESS_EVERY = 1 << 16
_row_for = lru_cache(maxsize=1 << 12)(row_for)  # few distinct codes, read millions of times


@dataclass(frozen=True)
class Settings:
    """How to import: the mapping file's entries, whether to skip malformed rows, the files' encoding,
    how many problems to list, the dataset's title, and whether to show progress on stderr."""

    mapping: Mapping = field(default_factory=Mapping)
    skip_bad: bool = False
    encoding: str = "utf-8"
    max_problems: int = 50
    title: str | None = None
    progress: bool = False


@dataclass
class Summary:
    """What an import read and what became of each row."""

    source: str
    files: list[str]
    rows: int = 0
    layouts: Counter[str] = field(default_factory=Counter)
    kept: int = 0
    kept_by_type: Counter[str] = field(default_factory=Counter)
    untyped: int = 0
    not_coded: Counter[str] = field(default_factory=Counter)
    no_sign: int = 0
    unmapped: Counter[str] = field(default_factory=Counter)
    self_ties: int = 0
    repeated: int = 0
    malformed: int = 0
    actors: int = 0
    written: bool = False

    @property
    def accounted(self) -> int:
        """Rows kept or counted under one reason: always :attr:`rows`."""
        return (
            self.kept
            + sum(self.not_coded.values())
            + self.no_sign
            + sum(self.unmapped.values())
            + self.self_ties
            + self.repeated
            + self.malformed
        )

    def text(self) -> str:
        """The summary as lines of text (printed, and kept beside the dataset as import-summary.txt).

        >>> print(Summary("gdelt", ["a.tsv"], rows=3, kept=2, actors=2, no_sign=1).text(), end="")
        import gdelt: 1 file, 3 rows
          kept as ties                  2  (2 actors)
            with no type                0  (the score's sign is against the type's usual sign)
          not coded (CAMEO)             0
          no sign (score 0)             1
          actor not mapped              0
          self-ties                     0
          repeated events               0
          malformed rows                0
        """

        def line(label: str, n: int, note: str = "") -> str:
            return f"  {label:<24}{n:>7,}" + (f"  {note}" if note else "")

        def top(counter: Counter[str], n: int = 8) -> str:
            items = [f"{k}: {v:,}" for k, v in counter.most_common(n)]
            rest = len(counter) - n
            return "; ".join(items) + (f"; and {rest:,} more" if rest > 0 else "")

        layouts = ", ".join(f"{name}: {n:,}" for name, n in sorted(self.layouts.items()))
        files = f"{len(self.files)} file{'s' if len(self.files) != 1 else ''}"
        lines = [
            f"import {self.source}: {files}, {self.rows:,} rows" + (f" ({layouts})" if layouts else ""),
            line("kept as ties", self.kept, f"({self.actors:,} actors)"),
            *([f"    by type: {top(self.kept_by_type, 20)}"] if self.kept_by_type else []),
            line("  with no type", self.untyped, "(the score's sign is against the type's usual sign)"),
            line("not coded (CAMEO)", sum(self.not_coded.values()), top(self.not_coded)),
            line("no sign (score 0)", self.no_sign),
            line("actor not mapped", sum(self.unmapped.values()), top(self.unmapped)),
            line("self-ties", self.self_ties),
            line("repeated events", self.repeated),
            line("malformed rows", self.malformed),
        ]
        return "\n".join(lines) + "\n"


def refusal(out: str | os.PathLike[str]) -> str | None:
    """Why an import may not write ``out``, or None: it may be new, empty, or an earlier import."""
    folder = Path(out)
    if not folder.exists():
        return None
    if not folder.is_dir():
        return f"{out} is a file, not a folder"
    foreign = sorted(p.name for p in folder.iterdir() if p.name not in OUTPUT_FILES)
    if foreign:
        return f"{out} holds files an import did not write ({', '.join(foreign[:3])})"
    return None


def _lines(path: Path) -> Iterator[bytes]:
    """The lines of ``path`` as bytes; a ``.gz`` file, or a ``.zip`` holding one file, is read inside."""
    suffix = path.suffix.lower()
    if suffix == ".gz":
        with gzip.open(path, "rb") as fh:
            yield from fh
    elif suffix == ".zip":
        with zipfile.ZipFile(path) as archive:
            members = [m for m in archive.infolist() if not m.is_dir()]
            if len(members) != 1:
                raise ValueError(f"holds {len(members)} files; a GDELT or ICEWS archive holds one")
            with archive.open(members[0]) as fh:
                yield from fh
    else:
        with open(path, "rb") as fh:
            yield from fh


class _Writer:
    """The staging folder of the output and the ties file being written in it."""

    def __init__(self, out: Path):
        self.out = out
        self.folder = staging_folder(out)
        self.handle: IO[str] = open(self.folder / "ties.csv", "w", encoding="utf-8", newline="")
        self.ties = csv.writer(self.handle, lineterminator="\n")
        self.ties.writerow(TIE_COLUMNS)

    def finish(self, files: dict[str, str]) -> None:
        self.handle.close()
        for name, text in files.items():
            (self.folder / name).write_text(text, encoding="utf-8", newline="")
        for p in self.folder.iterdir():
            os.chmod(p, 0o644)
        swap_in(self.folder, self.out)

    def discard(self) -> None:
        self.handle.close()
        shutil.rmtree(self.folder, ignore_errors=True)


def _number(x: float) -> str:
    return str(int(x)) if x.is_integer() else repr(x)


class _Importer:
    def __init__(self, source: str, settings: Settings, summary: Summary, writer: _Writer):
        self.source = source
        self.settings = settings
        self.summary = summary
        self.writer = writer
        self.problems: list[Problem] = []
        self.actors: dict[str, MappedActor] = {}
        self.seen: set[str] = set()
        self.file_failed = False

    # -- one row -------------------------------------------------------------------------------
    def bad(self, path: str, line: int, found: list[RowProblem]) -> None:
        self.summary.malformed += 1
        for p in found:
            if len(self.problems) < self.settings.max_problems:
                self.problems.append(Problem(path, line, p.column, p.message, p.hint))

    def actor_of(self, side: Side) -> MappedActor | str:
        """The actor ``side`` maps to, or why none (a key for the summary).

        The mapping file is asked first: for the side's actor code and name, then its country's
        code and name (either source's country found in the table gives both); then the table.
        """
        if self.source == "gdelt":
            country = TABLE.by_code.get(side.country_code) if side.country_code else None
        else:
            country = TABLE.by_name(side.country_name) if side.country_name else None
        mapping = self.settings.mapping
        if len(mapping):
            extra = (country.code, country.name) if country is not None else ()
            for key in (*side.keys, side.country_code, side.country_name, *extra):
                found = mapping.get(key)
                if found is not None:
                    return found
        if country is not None:
            return MappedActor(country.actor, country.name, "state")
        if self.source == "gdelt":
            return f"country code {side.country_code!r}" if side.country_code else "no country code"
        return f"country {side.country_name!r}" if side.country_name else "no country"

    def event(self, event: Event) -> None:
        s = self.summary
        row = _row_for(event.code)
        if row.type is None:
            s.not_coded[row.code] += 1
            return
        signed = rule(event.score)
        if signed is None:
            s.no_sign += 1
            return
        source, target = self.actor_of(event.source), self.actor_of(event.target)
        if isinstance(source, str) or isinstance(target, str):
            s.unmapped[source if isinstance(source, str) else target] += 1  # type: ignore[index]
            return
        if row.reverse:
            source, target = target, source
        if source.id == target.id:
            s.self_ties += 1
            return
        if event.id in self.seen:
            s.repeated += 1
            return
        self.seen.add(event.id)
        sign, weight = signed
        typ = row.type
        if TIE_TYPES[typ].sign != sign:
            s.untyped += 1
            typ = ""
        s.kept += 1
        s.kept_by_type[typ or "no type"] += 1
        self.actors.setdefault(source.id, source)
        self.actors.setdefault(target.id, target)
        if not self.problems or self.settings.skip_bad:  # once the import is refused, rows are only checked
            self.writer.ties.writerow(
                (
                    event.id,
                    source.id,
                    target.id,
                    event.day,
                    sign,
                    _number(weight),
                    typ,
                    "false" if typ in UNDIRECTED_TYPES else "true",
                    self.source,
                    event.primary,
                    event.evidence,
                )
            )

    # -- one file ------------------------------------------------------------------------------
    def file(self, path: Path) -> None:
        name = str(path)
        s = self.summary
        encoding = self.settings.encoding
        header: IcewsHeader | None = None
        width = 0
        show = self.settings.progress
        for number, raw in enumerate(_lines(path), start=1):
            if show and number % _PROGRESS_EVERY == 0:
                print(f"\r{name}: {number:,} rows", end="", file=sys.stderr, flush=True)
            text_bytes = raw.rstrip(b"\r\n")
            if not text_bytes.strip():
                continue
            try:
                text = text_bytes.decode(encoding)
            except UnicodeDecodeError as exc:
                problem = RowProblem(
                    text_bytes.count(b"\t", 0, exc.start) + 1,
                    f"byte 0x{text_bytes[exc.start]:02x} is not {encoding}",
                    "give the file's encoding with --encoding (e.g. --encoding latin-1)",
                )
                if self.source == "icews" and header is None:  # no header, no file to read
                    self.file_problem(name, number, problem.message, problem.hint)
                    return
                s.rows += 1
                self.bad(name, number, [problem])
                continue
            if number == 1:
                text = text.removeprefix("\ufeff")  # a byte-order mark
            cells = text.split("\t")
            if self.source == "icews" and header is None:  # the first line names the columns
                header = IcewsHeader(cells)
                if header.missing:
                    self.file_problem(
                        name, 1, f"no column {', '.join(map(repr, header.missing))} in the header",
                        "an ICEWS event file starts with a header row naming its 20 columns",
                    )  # fmt: skip
                    return
                width = len(header.names)
                continue
            if self.source == "gdelt" and number == 1 and cells[0] == "GLOBALEVENTID":
                continue  # a header row, as some exports write
            s.rows += 1
            if self.source == "gdelt":
                if width == 0:
                    width = len(cells) if len(cells) in GDELT_WIDTHS else -1
                if len(cells) != width:
                    expected = (
                        f"this file's first row has {width}"
                        if width > 0
                        else "a GDELT event file has 57 or 58 (1.0) or 61 (2.0)"
                    )
                    self.bad(
                        name,
                        number,
                        [
                            RowProblem(
                                min(len(cells), max(width, 1)),
                                f"row has {len(cells)} columns; {expected}",
                                "is this a GDELT events file (not mentions or GKG), whole and tab-separated?",
                            )
                        ],
                    )
                    continue
                s.layouts[GDELT_WIDTHS[width][0]] += 1
                event, found = gdelt_event(cells)
            else:
                assert header is not None
                if len(cells) != width:
                    self.bad(
                        name,
                        number,
                        [
                            RowProblem(
                                min(len(cells), width),
                                f"row has {len(cells)} columns; the header names {width}",
                                "a cell holding a tab or a line break splits the row",
                            )
                        ],
                    )
                    continue
                s.layouts["ICEWS"] += 1
                event, found = header.event(cells)
            if event is None:
                self.bad(name, number, found)
            else:
                self.event(event)
        if show:
            print(f"\r{name}: {s.rows:,} rows in all", file=sys.stderr, flush=True)
        if self.source == "icews" and header is None:
            self.file_problem(name, 0, "empty file", "an ICEWS event file starts with a header row")

    def file_problem(self, name: str, line: int, message: str, hint: str) -> None:
        """A problem with a whole file (not a row): the import is refused even with skip_bad."""
        self.file_failed = True
        self.problems.append(Problem(name, line, 0, message, hint))


def import_events(
    source: str, paths: list[str], out: str | os.PathLike[str], settings: Settings
) -> tuple[Summary, list[Problem]]:
    """Import the ``source`` (``"gdelt"`` or ``"icews"``) event files ``paths`` into the folder ``out``.

    Returns the summary and the problems (at most ``settings.max_problems`` listed; the summary counts
    them all). ``out`` is written, whole, only when there is no problem, or when ``settings.skip_bad``
    and every problem is a malformed row (a file that cannot be read at all is never skipped).
    """
    if source not in SOURCES:
        raise ValueError(f"unknown source {source!r}")
    summary = Summary(source, [str(p) for p in paths])
    problems: list[Problem] = []
    for p in paths:
        path = Path(p)
        if not path.exists():
            problems.append(Problem(str(p), 0, 0, "no such file", "check the path"))
        elif path.is_dir():
            problems.append(
                Problem(str(p), 0, 0, "is a folder, not a file", "name the event files inside it")
            )
    if problems:
        return summary, problems
    writer = _Writer(Path(out))
    importer = _Importer(source, settings, summary, writer)
    try:
        for p in paths:
            try:
                importer.file(Path(p))
            except (OSError, ValueError, zipfile.BadZipFile, EOFError) as exc:
                importer.file_problem(str(p), 0, f"cannot be read: {exc}", "check that the file is whole")
        summary.actors = len(importer.actors)
        refused = importer.file_failed or (summary.malformed > 0 and not settings.skip_bad)
        if refused:
            writer.discard()
            return summary, importer.problems
        summary.written = True
        writer.finish(_other_files(source, summary, importer.actors, settings))
    except BaseException:
        writer.discard()
        raise
    return summary, importer.problems


def _other_files(
    source: str, summary: Summary, actors: dict[str, MappedActor], settings: Settings
) -> dict[str, str]:
    names = ", ".join(Path(f).name for f in summary.files)
    meta = {
        "format": 1,
        "title": settings.title or f"{source.upper()} events imported from {names}",
        "sources": [{"id": source, "citation": f"{SOURCES[source]}; files: {names}"}],
    }
    table = io.StringIO()
    w = csv.writer(table, lineterminator="\n")
    w.writerow(("id", "name", "kind"))
    for actor in sorted(actors.values(), key=lambda a: a.id):
        w.writerow((actor.id, actor.name, actor.kind))
    return {
        "actors.csv": table.getvalue(),
        "dataset.json": json.dumps(meta, ensure_ascii=False, indent=2) + "\n",
        "import-summary.txt": summary.text(),
    }
