"""``entente validate``: check a dataset and report every problem with file, line and column."""

from __future__ import annotations

import argparse

from ._common import add_data_option, load_or_report

HELP = "check a dataset; report every problem as PATH:LINE:COL"
DESCRIPTION = """\
Check a dataset against format v1 and report every problem at once, each as
PATH:LINE:COL: message (hint: what to do). Exits 0 when valid, 1 when not.

--strict adds this project's curation policy: every tie has a type from the
codebook that agrees with its sign, a citation with source and page, and evidence.

example:
  entente validate --strict data/actors.yaml
"""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_data_option(parser)
    parser.add_argument(
        "--strict",
        action="store_true",
        help="also check the curation policy (type, citation, evidence on every tie)",
    )


def run(args: argparse.Namespace) -> int:
    dataset = load_or_report(args.data, strict=args.strict, max_bytes=args.max_bytes)
    if dataset is None:
        return 1
    print(
        f"{args.data}: valid ({len(dataset.actors)} actors, {len(dataset.ties)} ties, "
        f"{len(dataset.periods)} periods)"
    )
    return 0
