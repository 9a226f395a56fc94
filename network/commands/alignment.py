"""``entente alignment``: how aligned a focal actor is with each pole, per period; and the blocs."""

from __future__ import annotations

import argparse

from ..options import ALIGNMENT_MEASURE, FOCAL, POLES
from ..options import ALIGNMENT_MEASURES as MEASURES
from ._analysis import add_analysis_options, run_analysis

HELP = "alignment of a focal actor with two or more poles per period (--blocs: who is in which bloc)"
DESCRIPTION = """\
A score per period and pole, higher = more aligned, with its 95% interval
(low, high) and the number of ties behind it (an empty score means no
evidence that period).

  jeffreys (default) the cooperative share of the ties between focal and
           pole, estimated with a Jeffreys prior, on -1..1: net x n / (n + 1)
           for n ties, so one tie scores half as far from 0 as it would under
           net, and the interval shows how little one tie says.
  net      (pos - neg) / (pos + neg) of the ties between focal and pole: the
           direct, cited evidence; 1 = only cooperation, -1 = only hostility;
           same interval as jeffreys.
  weight   the raw net weight pos - neg of those ties, unbounded: volume
           counts too (a heavily reported, mixed relation can outscore a
           thin, wholly friendly one). No interval.
  s_score  Signorino & Ritter's S: how alike the two actors' ties to everyone
           else are; 1 = same friends and enemies, -1 = opposite ones.

--blocs prints instead the bloc each actor is in: the two-bloc partition
behind the frustration index, each bloc named after the pole it holds.
Runs at state level unless --level person. See docs/measures.md.

examples:
  entente alignment
  entente alignment --focal albania --pole ussr --pole china --measure s_score --mode memory
  entente alignment --blocs --by period --format json
"""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_analysis_options(parser, level="state")
    parser.add_argument("--focal", default=FOCAL, metavar="ACTOR", help="focal actor (default: %(default)s)")
    parser.add_argument(
        "--pole",
        dest="poles",
        action="append",
        metavar="ACTOR",
        help=f"a pole; repeat or separate with commas (default: {', '.join(POLES)})",
    )
    parser.add_argument(
        "--measure",
        choices=MEASURES,
        default=ALIGNMENT_MEASURE,
        help="alignment measure (default: %(default)s)",
    )
    parser.add_argument(
        "--blocs", action="store_true", help="print each actor's bloc per period instead of the scores"
    )


def poles_of(args: argparse.Namespace) -> tuple[str, ...]:
    """The --pole values, commas split, or the default poles."""
    if not args.poles:
        return POLES
    return tuple(p.strip() for group in args.poles for p in group.split(",") if p.strip())


def run(args: argparse.Namespace) -> int:
    from ..alignment import alignment, blocs

    poles = poles_of(args)
    if args.blocs:
        return run_analysis(args, lambda dataset, snaps: blocs(snaps, poles))
    return run_analysis(args, lambda dataset, snaps: alignment(snaps, args.focal, poles, args.measure))
