"""``entente robustness``: which conclusions hold across allocation rules, modes and confidence filters."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from ..options import ALIGNMENT_MEASURE, CONFIDENCE_FILTERS, FOCAL
from ..options import ALIGNMENT_MEASURES as MEASURES

if TYPE_CHECKING:
    from ..robustness import Variant
from ._analysis import add_analysis_options, run_analysis
from .alignment import poles_of

HELP = "per period, does the alignment lead and the bloc partition hold across rules, modes and confidence?"
DESCRIPTION = """\
Recompute the alignment lead (the pole the focal actor is most aligned with)
and the two-bloc partition under twelve variants: allocation split or inside,
mode window or memory, and all ties, stated and hedged, or stated only. Each
period shows the baseline's lead and blocs (from --allocation, --mode and
--confidence: default split, window, all), how many variants agree, and which
disagree. A lead lost without hedged and alleged ties rests on the author's
speculation or on reported accusations. Runs at state level unless --level
person. See docs/measures.md.

examples:
  entente robustness
  entente robustness --focal albania --pole ussr,china --by period --format json
"""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_analysis_options(parser, level="state")
    parser.add_argument("--focal", default=FOCAL, metavar="ACTOR", help="focal actor (default: %(default)s)")
    parser.add_argument(
        "--pole",
        dest="poles",
        action="append",
        metavar="ACTOR",
        help="a pole; repeat or separate with commas (default: ussr, china)",
    )
    parser.add_argument(
        "--measure",
        choices=MEASURES,
        default=ALIGNMENT_MEASURE,
        help="alignment measure (default: %(default)s)",
    )


def _baseline(args: argparse.Namespace) -> Variant:
    from ..robustness import Variant

    chosen = None if args.confidence is None else frozenset(x for g in args.confidence for x in g)
    names = [name for name, levels in CONFIDENCE_FILTERS.items() if levels == chosen]
    if not names:
        raise ValueError(
            "robustness compares the confidence filters all, stated+hedged and stated; "
            "give --confidence stated, --confidence stated,hedged or none"
        )
    return Variant(args.allocation, args.mode, names[0])


def run(args: argparse.Namespace) -> int:
    from ..robustness import robustness

    return run_analysis(
        args,
        lambda dataset, snaps: robustness(
            dataset,
            focal=args.focal,
            poles=poles_of(args),
            measure=args.measure,
            by=args.by,
            level=args.level,
            half_life=args.half_life,
            types=None if args.types is None else {x for g in args.types for x in g},
            baseline=_baseline(args),
        ),
        build=False,
    )
