"""``entente figures``: draw every figure of a dataset into a folder, PNG and SVG (and PDF)."""

from __future__ import annotations

import argparse
import sys

from network.commands._analysis import usage_error
from network.commands._common import (
    OUT_RULE,
    add_data_option,
    add_force_option,
    default_output,
    load_or_report,
    output_refused,
    refuse_input_as_output,
)
from network.commands._declared import add_framing_options, framing_of, poles_given
from network.measures.choices import HALF_LIFE, INVOLVEMENT, LEVELS, MODES, SIZE_MEASURES

HELP = "draw the figures: yearly and period snapshots on one layout, small multiples, time lines, a GIF"
DESCRIPTION = """\
Write into --out, per level (person/ and state/):
  snapshot-<year>, snapshot-<period>   the signed network of a year or named period;
                                       every actor in the same place in all of them
  small-multiples                      all years on one page
  centrality-bump                      the leading actors' rank per period
  snapshots.gif                        the yearly snapshots, animated
and, for the dataset as a whole:
  alignment-timeline                   the focal actor's score with each pole per year
                                       (only with a framing: the dataset's, or --focal/--pole)
  balance-timeline                     triangle balance and frustration per year
as PNG and SVG (and PDF with --pdf). The same data gives the same bytes, so
figures/ can be committed and checked. Nothing is written if the data is
invalid, nor into a folder another dataset's build made (unless --force).
Snapshots of years and periods the data no longer has are removed. How to
read each figure: docs/figures.md.

examples:
  entente figures data/actors.yaml
  entente figures data/actors.yaml --level state --out /tmp/figures --pdf
"""


def add_arguments(parser: argparse.ArgumentParser) -> None:

    add_data_option(parser)
    parser.add_argument("--out", metavar="DIR", help=f"output folder (default: {OUT_RULE})")
    add_force_option(parser)
    parser.add_argument(
        "--level",
        choices=(*LEVELS, "both"),
        default="both",
        help="draw the snapshots at person level, state level or both (default: both)",
    )
    parser.add_argument("--pdf", action="store_true", help="also write a PDF of every figure")
    parser.add_argument(
        "--mode",
        choices=MODES,
        default="window",
        help="window: only the period's own ties (default); memory: earlier ties carry on, "
        "halving every --half-life days",
    )
    parser.add_argument(
        "--half-life",
        type=float,
        default=HALF_LIFE,
        metavar="DAYS",
        help="half-life of a tie in memory mode (default: %(default)s days)",
    )
    add_framing_options(parser)
    parser.add_argument(
        "--size-by",
        choices=SIZE_MEASURES,
        default=INVOLVEMENT,
        help="node area by this measure (default: %(default)s, the total weight of an "
        "actor's ties in the period)",
    )
    parser.add_argument(
        "--jobs",
        type=int,
        default=None,
        metavar="N",
        help="worker processes (default: one per CPU core, at most 8, when there are enough figures, else 1)",
    )


def run(args: argparse.Namespace) -> int:
    dataset = load_or_report(args.data, max_bytes=args.max_bytes)
    if dataset is None:
        return 1
    args.out = args.out or default_output(args.data)
    if refuse_input_as_output("figures", args.out, args.data):
        return 2
    if output_refused("figures", args.out, args.data, args.force):
        return 2
    from network.figures import render_all
    from network.output.framing import no_framing

    framing = framing_of(args, dataset)
    poles = framing.poles if framing else poles_given(args)
    levels = LEVELS if args.level == "both" else (args.level,)
    if args.jobs is not None and args.jobs < 1:
        return usage_error("--jobs must be at least 1")
    given = ([args.focal] if args.focal else []) + list(poles_given(args))
    unknown = [a for a in given if a not in dataset.actors]
    if unknown:
        return usage_error(f"unknown actor {unknown[0]!r} in {args.data}")
    if framing is None:
        print(no_framing("the alignment time line", override=True), file=sys.stderr)
    try:
        written = render_all(
            dataset,
            args.out,
            levels=levels,
            pdf=args.pdf,
            jobs=args.jobs,
            mode=args.mode,
            half_life=args.half_life,
            poles=poles,
            focal=framing.focal if framing else None,
            size_by=args.size_by,
            progress=lambda line: print(line, file=sys.stderr, flush=True),
        )
    except ValueError as exc:
        return usage_error(str(exc))
    except OSError as exc:
        print(f"entente: cannot write the figures to {args.out}: {exc.strerror or exc}", file=sys.stderr)
        return 1
    print(
        f"{args.out}: {len(written)} files written in {written.seconds:.1f} s "
        f"({written.jobs} worker{'s' if written.jobs != 1 else ''})"
    )
    return 0
