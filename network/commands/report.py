"""``entente report``: write the lesson pages, a page per period and an index with the time line."""

from __future__ import annotations

import argparse
import sys

from network.commands._common import (
    OUT_RULE,
    add_data_option,
    add_force_option,
    default_output,
    load_or_report,
    output_refused,
    refuse_input_as_output,
    refuse_no_dated_ties,
)
from network.measures.choices import LEVELS

HELP = "write the lesson pages (HTML and Markdown): a page per period and a time line"
DESCRIPTION = """\
For a class: one page per named period (or per year, when the data has no
periods) with its network, what changed since the previous period (ties
formed, broken and flipped, each with the ties and footnotes behind it), who
was most central, the balance and the camps, and discussion questions drawn
from the data; and an index with the time line. Each page comes as HTML (its
picture inline) and as Markdown (its picture beside it, snapshot-<period>.svg).
See docs/explorer.md.

examples:
  entente report data/actors.yaml
  entente report data/actors.yaml --by year --out lesson/
"""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_data_option(parser)
    parser.add_argument("--out", metavar="DIR", help=f"output folder (default: report/ in {OUT_RULE})")
    add_force_option(parser)
    parser.add_argument(
        "--level",
        choices=LEVELS,
        default="state",
        help="state: ties projected onto states (default); person: actors as coded",
    )
    parser.add_argument(
        "--by",
        choices=("period", "year"),
        help="a page per named period (default when the data has periods) or per year",
    )


def run(args: argparse.Namespace) -> int:
    from network.report import write_report

    dataset = load_or_report(args.data, max_bytes=args.max_bytes)
    if dataset is None:
        return 1
    if refuse_no_dated_ties("report", dataset, args.data):
        return 1
    args.out = args.out or f"{default_output(args.data)}/report"
    if refuse_input_as_output("report", args.out, args.data):
        return 2
    if output_refused("report", args.out, args.data, args.force):
        return 2
    if dataset.framing is None:
        from network.output.framing import no_framing

        print(no_framing("the lesson's question on the focal actor's camp"), file=sys.stderr)
    paths = write_report(dataset, args.out, level=args.level, by=args.by)
    print(f"wrote {len(paths)} files to {args.out} (open {paths[0]})")
    return 0
