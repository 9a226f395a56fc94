"""``entente summary``: counts per year, type, actor and confidence."""

from __future__ import annotations

import argparse
import json

from network.commands._common import add_data_option, load_or_report

HELP = "curation summary: ties per year, type, actor and confidence"
DESCRIPTION = """\
Count the dataset's ties per year (thin years show as short bars), per type,
per sign, per confidence, and per actor.

example:
  entente summary data/actors.yaml
"""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_data_option(parser)
    parser.add_argument(
        "--format",
        choices=("table", "csv", "json"),
        default="table",
        help="output format (default: table); csv: one row per count (group, key, count)",
    )


def run(args: argparse.Namespace) -> int:
    from network.curation.summary import format_summary, summarize, summary_rows

    dataset = load_or_report(args.data, max_bytes=args.max_bytes)
    if dataset is None:
        return 1
    summary = summarize(dataset)
    if args.format == "json":
        print(json.dumps(summary, indent=2, ensure_ascii=False))
    elif args.format == "csv":
        print(summary_rows(summary).to_csv(), end="")
    else:
        print(format_summary(summary))
    return 0
