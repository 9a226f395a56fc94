"""``entente robustness``: which conclusions hold across allocation rules, modes and confidence filters."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from network.measures.choices import CONFIDENCE_FILTERS

if TYPE_CHECKING:
    from network.measures.robustness import Variant
from network.commands._analysis import add_analysis_options, run_analysis
from network.commands._declared import add_framing_options
from network.commands.alignment import add_measure_option, framed

HELP = "per period, do the alignment lead and the camps hold across rules, modes and confidence?"
DESCRIPTION = """\
Recompute the alignment lead (the pole the focal actor is most aligned with)
and the camps (as in entente alignment --blocs) under twelve variants: allocation split or inside,
mode window or memory, and all ties, stated and hedged, or stated only. Each
period shows the baseline's lead and camps (from --allocation, --mode and
--confidence: default split, window, all), how many variants agree, and which
disagree. A lead lost without hedged and alleged ties rests on the author's
speculation or on reported accusations. Runs at state level unless --level
person. The focal actor and the poles are the dataset's (framing:), unless
--focal and --pole say otherwise; without either, robustness exits 2 with a
note on how to add a framing. See docs/measures.md.

examples:
  entente robustness data/actors.yaml
  entente robustness data/actors.yaml --focal a --pole b,c --by period --format json
"""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_analysis_options(parser, level="state", engine=False)
    add_framing_options(parser)
    add_measure_option(parser)


def _baseline(args: argparse.Namespace) -> Variant:
    from network.measures.robustness import Variant

    chosen = None if args.confidence is None else frozenset(x for g in args.confidence for x in g)
    names = [name for name, levels in CONFIDENCE_FILTERS.items() if levels == chosen]
    if not names:
        raise ValueError(
            "robustness compares the confidence filters all, stated+hedged and stated; "
            "give --confidence stated, --confidence stated,hedged or none"
        )
    return Variant(args.allocation, args.mode, names[0])


def run(args: argparse.Namespace) -> int:
    from network.measures.robustness import robustness

    return run_analysis(
        args,
        lambda dataset, snaps: robustness(
            dataset,
            *framed(args, dataset, "robustness"),
            measure=args.measure,
            by=args.by,
            level=args.level,
            half_life=args.half_life,
            types=None if args.types is None else {x for g in args.types for x in g},
            baseline=_baseline(args),
        ),
        build=False,
    )
