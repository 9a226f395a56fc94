"""``entente build``: the main job: validate the data, run the analyses, write every output."""

from __future__ import annotations

import argparse
import time

from ..summary import format_summary, summarize
from ._common import DEFAULT_DATA, load_or_report

HELP = "the main job: validate, analyse, and write every figure and page"
DESCRIPTION = """\
Validate the dataset (strictly), then run each stage and report its time.
Nothing is written unless the data is valid.

example:
  entente build data/actors.yaml
"""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "path", nargs="?", default=DEFAULT_DATA, help=f"dataset file (default: {DEFAULT_DATA})"
    )
    parser.add_argument("--out", default="figures", metavar="DIR", help="output folder (default: figures)")
    parser.add_argument(
        "--no-strict",
        dest="strict",
        action="store_false",
        help="skip the curation policy checks (for datasets of your own)",
    )


def run(args: argparse.Namespace) -> int:
    t0 = time.perf_counter()
    dataset = load_or_report(args.path, strict=args.strict)
    if dataset is None:
        return 1
    print(f"validate  {time.perf_counter() - t0:6.2f} s  {args.path}: valid")
    print(format_summary(summarize(dataset)))
    return 0
