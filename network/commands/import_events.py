"""``entente import gdelt|icews FILE... --out DIR``: machine-coded events -> a dataset in the CSV form.

The command is named ``import``; Python keeps that word, so the module is
``import_events`` (:data:`network.cli.MODULES`).
"""

from __future__ import annotations

import argparse
import sys

HELP = "import GDELT or ICEWS event files as a dataset in the CSV form (docs/events.md)"
DESCRIPTION = """\
Read GDELT 1.0 / 2.0 event files (tab-separated, 57, 58 or 61 columns, no
header) or ICEWS event files (tab-separated, with a header row), row by row,
and write a dataset in the CSV form of format v1 (a folder: actors.csv,
ties.csv, dataset.json, and import-summary.txt) that 'entente validate' and
'entente build' take like any other. A .gz file, or a .zip holding one file,
is read inside.

Each event becomes a tie: its CAMEO code gives the codebook type (the table
in docs/events.md), its Goldstein score the sign (the score's) and weight
(|score| x 0.3), its actors' countries the actors (state level; --map for
anything finer), its date the tie's day, its source (GDELT's SOURCEURL and
GLOBALEVENTID; ICEWS's Event ID, Story ID and Publisher) the citation.
Events the table does not code, with a score of 0, whose actors cannot be
mapped, that are self-ties or repeated are counted in the summary, not kept.

A malformed row (wrong column count, bad date, code or score) is reported as
FILE:LINE:COLUMN, all of them (up to --max-problems), and then nothing is
written, unless --skip-bad: then malformed rows are reported, counted and
left out. The output folder is written whole or not at all; it must be new,
empty, or an earlier import's (which is replaced).

examples:
  entente import gdelt 20130401.export.CSV.zip --out gdelt-2013/
  entente import icews events.1995.tab --map actors-map.yaml --out icews-1995/
  entente validate gdelt-2013/ && entente build gdelt-2013/ --out /tmp/gdelt-figures
"""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    from network.events.sources import SOURCES

    parser.add_argument("source", choices=sorted(SOURCES), help="which layout the files have")
    parser.add_argument(
        "files", nargs="+", metavar="FILE", help="event files (.gz or one-file .zip also read)"
    )
    parser.add_argument("--out", required=True, metavar="DIR", help="the dataset folder to write (CSV form)")
    parser.add_argument(
        "--map",
        metavar="FILE",
        help="mapping file (YAML, or .csv): actor code, name, country code or name -> actor id",
    )
    parser.add_argument(
        "--skip-bad",
        action="store_true",
        help="leave out malformed rows (reported and counted) and write the rest",
    )
    parser.add_argument(
        "--max-problems",
        type=int,
        default=50,
        metavar="N",
        help="list at most N problems (default: %(default)s)",
    )
    parser.add_argument("--encoding", default="utf-8", help="the files' text encoding (default: %(default)s)")
    parser.add_argument("--title", help="the dataset's title (default: says what was imported)")


def run(args: argparse.Namespace) -> int:
    import codecs

    from network.events.actormap import Mapping, read_mapping
    from network.events.importer import Settings, import_events, refusal

    try:
        codecs.lookup(args.encoding)
    except LookupError:
        print(
            f"entente import: error: unknown encoding {args.encoding!r}; try utf-8 or latin-1",
            file=sys.stderr,
        )
        return 2
    if args.max_problems < 1:
        print("entente import: error: --max-problems must be 1 or more", file=sys.stderr)
        return 2
    problem = refusal(args.out)
    if problem:
        print(f"entente import: refused: {problem}; give a new or empty folder", file=sys.stderr)
        return 2
    mapping = Mapping()
    if args.map:
        mapping, problems = read_mapping(args.map)
        if problems:
            for p in problems:
                print(p, file=sys.stderr)
            print(
                f"{args.map}: invalid mapping file: {len(problems)} problem(s); nothing imported",
                file=sys.stderr,
            )
            return 1
    settings = Settings(
        mapping=mapping,
        skip_bad=args.skip_bad,
        encoding=args.encoding,
        max_problems=args.max_problems,
        title=args.title,
        progress=sys.stderr.isatty(),
    )
    summary, problems = import_events(args.source, args.files, args.out, settings)
    for p in problems:
        print(p, file=sys.stderr)
    listed = sum(1 for p in problems if p.line > 0 and p.column > 0)
    if summary.malformed > listed and listed >= args.max_problems:
        print(
            f"... and more: {summary.malformed:,} malformed rows in all (--max-problems N lists more)",
            file=sys.stderr,
        )
    if summary.rows or summary.written:
        print(summary.text(), end="")
    if not summary.written:
        reason = (
            "a file could not be read" if not summary.malformed else f"{summary.malformed:,} malformed rows"
        )
        hint = " (--skip-bad leaves them out)" if summary.malformed else ""
        print(f"entente import: nothing written: {reason}{hint}", file=sys.stderr)
        return 1
    ties = "tie" if summary.kept == 1 else "ties"
    print(f"wrote {args.out} (CSV form): {summary.actors:,} actors, {summary.kept:,} {ties}")
    if summary.malformed:
        print(f"entente import: {summary.malformed:,} malformed rows left out (--skip-bad)", file=sys.stderr)
    return 0
