"""``entente alignment``: how aligned a focal actor is with each pole, per period; and the camps."""

from __future__ import annotations

import argparse

from ..options import ALIGNMENT_MEASURES as MEASURES
from ..options import FOCAL, POLES
from ._analysis import add_analysis_options, run_analysis

HELP = "alignment of a focal actor with two or more poles per period (--blocs: each actor's camp)"
DESCRIPTION = """\
A score per period and pole, higher = more aligned, with the number of ties
behind it (an empty score means no evidence that period).

  net      (default) (pos - neg) / (pos + neg) of the ties between focal and
           pole: the direct, cited evidence; 1 = only cooperation, -1 = only
           hostility.
  weight   the raw net weight pos - neg of those ties, unbounded: volume
           counts too (a heavily reported, mixed relation can outscore a
           thin, wholly friendly one).
  s_score  Signorino & Ritter's S: how alike the two actors' ties to everyone
           else are; 1 = same friends and enemies, -1 = opposite ones.

--blocs prints instead each actor's camp towards the poles (network.camps):
  cooperative:P   a path of cooperative (net positive) ties links it to pole P
                  (cooperative:P+Q: to two or more poles);
  enemy-side:P    no cooperative path to a pole, but every best two-camp
                  split of the signed graph puts it on P's side: it is there
                  only through shared enemies;
  no-side         hostile paths reach a pole, but no best split puts it on
                  a pole's side;
  unaligned       no path of ties to any pole (never placed by a tie-break).
A column per pole gives the relation to it (cooperative, same_side,
other_side, either_side, no_path). Actors without a tie are left out.
A camp is not an alliance: see docs/measures-balance.md.
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
    parser.add_argument("--measure", choices=MEASURES, default="net", help="alignment measure (default: net)")
    parser.add_argument(
        "--blocs", action="store_true", help="print each actor's camp per period instead of the scores"
    )


def poles_of(args: argparse.Namespace) -> tuple[str, ...]:
    """The --pole values, commas split, or the default poles."""
    if not args.poles:
        return POLES
    return tuple(p.strip() for group in args.poles for p in group.split(",") if p.strip())


def run(args: argparse.Namespace) -> int:
    from ..alignment import alignment
    from ..camps import camp_rows

    poles = poles_of(args)
    if args.blocs:
        return run_analysis(args, lambda dataset, snaps: camp_rows(snaps, poles))
    return run_analysis(args, lambda dataset, snaps: alignment(snaps, args.focal, poles, args.measure))
