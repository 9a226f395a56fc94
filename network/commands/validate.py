"""``entente validate``: check a dataset and report every problem with file, line and column."""

from __future__ import annotations

import argparse

from network.commands._common import add_data_option, load_or_report
from network.commands._declared import add_policy_options

HELP = "check a dataset; report every problem as PATH:LINE:COL"
DESCRIPTION = """\
Check a dataset against format v1 and report every problem at once, each as
PATH:LINE:COL: message (hint: what to do). Exits 0 when valid, 1 when not.

The format's rules apply to every dataset. A dataset that declares
'policy: strict' is also held to the strict curation policy: every tie has a
type from the codebook that agrees with its sign, a citation with source and
page, and evidence. --strict applies that policy to any dataset, --no-strict
skips it.

examples:
  entente validate data/actors.yaml
  entente validate --no-strict data/actors.yaml
"""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_data_option(parser)
    add_policy_options(parser)


def run(args: argparse.Namespace) -> int:
    dataset = load_or_report(args.data, strict=args.strict, max_bytes=args.max_bytes)
    if dataset is None:
        return 1
    print(
        f"{args.data}: valid ({len(dataset.actors)} actors, {len(dataset.ties)} ties, "
        f"{len(dataset.periods)} periods)"
    )
    return 0
