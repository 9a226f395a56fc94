"""``entente fmt``: rewrite a dataset file in the canonical format, or check that it is."""

from __future__ import annotations

import argparse
import difflib
import sys

from ._common import DEFAULT_DATA, load_or_report

HELP = "rewrite a dataset in canonical order and layout (--check only compares)"
DESCRIPTION = """\
Put a dataset in canonical form: fields in the data dictionary's order, actors
by id, periods by start, ties by date then id, nested records on one line.
Only a valid file is rewritten, atomically. Comments other than the schema
line on line 1 are not kept.

examples:
  entente fmt data/actors.yaml           # rewrite in place
  entente fmt --check data/actors.yaml   # exit 1 and show a diff if not canonical
"""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "path", nargs="?", default=DEFAULT_DATA, help=f"dataset file (default: {DEFAULT_DATA})"
    )
    parser.add_argument(
        "--check", action="store_true", help="do not write; exit 1 with a diff if not canonical"
    )


def run(args: argparse.Namespace) -> int:
    from ..atomic import write_text
    from ..canonical import canonical_text
    from ..problems import DatasetError
    from ..yamlsource import read_text

    if load_or_report(args.path) is None:
        return 1
    try:
        new = canonical_text(args.path)
    except DatasetError as exc:  # pragma: no cover - load_or_report already checked
        print(exc, file=sys.stderr)
        return 1
    old, _ = read_text(args.path)
    old = (old or "").replace("\r\n", "\n")
    if old == new:
        print(f"{args.path}: already canonical")
        return 0
    if args.check:
        diff = difflib.unified_diff(
            old.splitlines(True), new.splitlines(True), f"{args.path} (as is)", f"{args.path} (canonical)"
        )
        sys.stdout.writelines(diff)
        print(f"{args.path}: not canonical; run 'entente fmt {args.path}'", file=sys.stderr)
        return 1
    write_text(args.path, new)
    print(f"{args.path}: rewritten in canonical form")
    return 0
