"""``entente build``: the main job: validate the data, run the analyses, write every output."""

from __future__ import annotations

import argparse
import sys
import time

from network.commands._common import (
    OUT_RULE,
    add_data_option,
    default_output,
    load_or_report,
    refuse_input_as_output,
    refuse_no_dated_ties,
    refuse_output,
)
from network.commands._declared import add_policy_options

HELP = "the main job: validate, analyse, and write every table, figure and page"
DESCRIPTION = """\
Validate the dataset (with the curation policy it declares, 'policy:', unless
--strict or --no-strict says otherwise), then run every stage and
report its time: the analysis tables (centrality, balance, alignment, camps per
year and per period, at person and state level), and every other output the
installed stages make. Nothing is written unless the data is valid, and outputs
are moved into place only when every stage has succeeded.

Where: --out DIR, or by default figures/ for the default dataset
(data/actors.yaml, this project's own) and NAME-figures/ in the current folder
for any other dataset NAME.yaml (NAME.json, or a CSV folder NAME): each
dataset its own folder, named after it. Outputs never mix: the folder's
entente-build.json records which dataset built it and the files each stage
wrote; a build refuses (exit 2, nothing written) a folder built from another
dataset, or one that is not empty and has no entente-build.json, unless
--force; and it removes the files its earlier builds wrote and this one no
longer writes (nothing else).

examples:
  entente build data/actors.yaml                   # into figures/
  entente build their.yaml                         # into their-figures/
  entente build their.yaml --out /tmp/their-build
"""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_data_option(parser)
    parser.add_argument(
        "--out",
        metavar="DIR",
        help=f"output folder (default: {OUT_RULE})",
    )
    parser.add_argument(
        "--force",
        action="store_true",
        help="write into DIR even if another dataset built it or it holds files no build made "
        "(those files are left as they are)",
    )
    add_policy_options(parser)
    parser.add_argument("--stage", action="append", metavar="NAME", help="run only this stage (repeatable)")
    parser.add_argument(
        "--no-cache",
        dest="cache",
        action="store_false",
        help="draw every figure, even those an earlier build drew from the same data with the same "
        "code (kept in ~/.cache/entente; ENTENTE_NO_CACHE=1 does the same)",
    )


def run(args: argparse.Namespace) -> int:
    from network.build import STAGES, OutputFolderBusy, OutputFolderRefused, build

    if args.stage and any(s not in STAGES for s in args.stage):
        print(f"entente build: unknown stage; choose from {', '.join(STAGES)}", file=sys.stderr)
        return 2
    t0 = time.perf_counter()
    dataset = load_or_report(args.data, strict=args.strict, max_bytes=args.max_bytes)
    if dataset is None:
        return 1
    validate_secs = time.perf_counter() - t0
    if refuse_no_dated_ties("build", dataset, args.data):
        return 1
    print(f"{args.data}: valid ({len(dataset.actors)} actors, {len(dataset.ties)} ties)")
    out = args.out or default_output(args.data)
    if refuse_input_as_output("build", out, args.data):
        return 2
    try:
        report = build(
            dataset,
            out,
            stages=args.stage,
            log=lambda m: print("  " + m, file=sys.stderr),
            cache=args.cache,
            force=args.force,
        )
    except OutputFolderBusy as exc:
        print(f"entente build: refused: {exc}", file=sys.stderr)
        return 2
    except OutputFolderRefused as exc:
        return refuse_output("build", out, args.data, str(exc))
    report.timings = {"validate": validate_secs, **report.timings}
    report.wall = time.perf_counter() - t0
    print(f"wrote {len(report.files)} files into {out.rstrip('/')}/")
    print(report.format())
    return 0
