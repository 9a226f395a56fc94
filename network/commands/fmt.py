"""``entente fmt``: rewrite a dataset file in the canonical format, or check that it is."""

from __future__ import annotations

import argparse
import difflib
import sys

from network.commands._common import add_data_option, load_or_report

HELP = "rewrite a dataset in canonical order and layout (--check only compares)"
DESCRIPTION = """\
Put a dataset in canonical form: fields in the data dictionary's order, actors
by id, periods by start, ties by date then id, nested records on one line.
Only a valid file is rewritten, atomically. The canonical form has no place
for comments: a file with comments (other than the schema line on line 1) is
not rewritten (exit 1, naming the lines) unless --drop-comments is given; move
what they say into note: or evidence: fields first.

examples:
  entente fmt data/actors.yaml           # rewrite in place
  entente fmt --check data/actors.yaml   # exit 1 and show a diff if not canonical
  entente fmt --drop-comments their.yaml # rewrite, dropping the comments
"""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_data_option(parser)
    parser.add_argument(
        "--check", action="store_true", help="do not write; exit 1 with a diff if not canonical"
    )
    parser.add_argument(
        "--drop-comments",
        action="store_true",
        help="rewrite a file that has comments, dropping them (without it, such a file is refused)",
    )


def run(args: argparse.Namespace) -> int:
    from network.dataset.canonical import canonical_text
    from network.dataset.comments import comment_lines
    from network.dataset.problems import DatasetError
    from network.dataset.yaml_nodes import read_text
    from network.output.atomic import write_text

    if load_or_report(args.data, max_bytes=args.max_bytes) is None:
        return 1
    try:
        new = canonical_text(args.data)
    except DatasetError as exc:  # pragma: no cover - load_or_report already checked
        print(exc, file=sys.stderr)
        return 1
    old, _ = read_text(args.data)
    old = (old or "").replace("\r\n", "\n")
    if old == new:
        print(f"{args.data}: already canonical")
        return 0
    if args.check:
        diff = difflib.unified_diff(
            old.splitlines(True), new.splitlines(True), f"{args.data} (as is)", f"{args.data} (canonical)"
        )
        sys.stdout.writelines(diff)
        print(f"{args.data}: not canonical; run 'entente fmt {args.data}'", file=sys.stderr)
        return 1
    found = comment_lines(old)
    if found and not args.drop_comments:
        shown = ", ".join(map(str, found[:5])) + (f" and {len(found) - 5} more" if len(found) > 5 else "")
        print(
            f"{args.data}: not rewritten: the canonical form would drop the comments on line"
            f"{'s' if len(found) > 1 else ''} {shown}; move them into note: or evidence: fields, "
            "or give --drop-comments",
            file=sys.stderr,
        )
        return 1
    write_text(args.data, new)
    print(f"{args.data}: rewritten in canonical form")
    return 0
