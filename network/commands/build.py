"""``entente build``: the main job: validate the data, run the analyses, write every output."""

from __future__ import annotations

import argparse
import sys
import time

from ._common import DEFAULT_DATA, load_or_report

HELP = "the main job: validate, analyse, and write every table, figure and page"
DESCRIPTION = """\
Validate the dataset (strictly, unless --no-strict), then run every stage and
report its time: the analysis tables (centrality, balance, alignment, camps per
year and per period, at person and state level), and every other output the
installed stages make. Nothing is written unless the data is valid, and outputs
are moved into place only when every stage has succeeded.

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
    parser.add_argument("--stage", action="append", metavar="NAME", help="run only this stage (repeatable)")
    parser.add_argument(
        "--no-cache",
        dest="cache",
        action="store_false",
        help="draw every figure, even those an earlier build drew from the same data with the same "
        "code (kept in ~/.cache/entente; ENTENTE_NO_CACHE=1 does the same)",
    )


def run(args: argparse.Namespace) -> int:
    from ..build import STAGES, build

    if args.stage and any(s not in STAGES for s in args.stage):
        print(f"entente build: unknown stage; choose from {', '.join(STAGES)}", file=sys.stderr)
        return 2
    t0 = time.perf_counter()
    dataset = load_or_report(args.path, strict=args.strict)
    if dataset is None:
        return 1
    validate_secs = time.perf_counter() - t0
    print(f"{args.path}: valid ({len(dataset.actors)} actors, {len(dataset.ties)} ties)")
    report = build(
        dataset,
        args.out,
        stages=args.stage,
        log=lambda m: print("  " + m, file=sys.stderr),
        cache=args.cache,
    )
    report.timings = {"validate": validate_secs, **report.timings}
    report.wall = time.perf_counter() - t0
    print(f"wrote {len(report.files)} files into {args.out}/")
    print(report.format())
    return 0
