"""``entente alignment``: how aligned a focal actor is with each pole, per period; and the blocs."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from ..options import ALIGNMENT_MEASURES as MEASURES
from ._analysis import add_analysis_options, run_analysis
from ._declared import add_framing_options, framing_of, poles_of

if TYPE_CHECKING:
    from ..model import Dataset

HELP = "alignment of a focal actor with two or more poles per period (--blocs: who is in which bloc)"
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

The focal actor and the poles are the dataset's (framing: in the data file);
--focal and --pole override them. Without either, alignment says how to add
a framing and exits 2.

--blocs prints instead the bloc each actor is in: the two-bloc partition
behind the frustration index, each bloc named after the pole it holds (or
neutrally, bloc1 and bloc2, without poles). Runs at state level unless
--level person. See docs/measures.md.

examples:
  entente alignment data/actors.yaml
  entente alignment data/actors.yaml --focal a --pole b --pole c --measure s_score --mode memory
  entente alignment data/actors.yaml --blocs --by period --format json
"""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_analysis_options(parser, level="state")
    add_framing_options(parser)
    parser.add_argument("--measure", choices=MEASURES, default="net", help="alignment measure (default: net)")
    parser.add_argument(
        "--blocs", action="store_true", help="print each actor's bloc per period instead of the scores"
    )


def run(args: argparse.Namespace) -> int:
    from ..alignment import alignment, blocs

    if args.blocs:
        return run_analysis(args, lambda dataset, snaps: blocs(snaps, poles_of(args, dataset)))
    return run_analysis(args, lambda dataset, snaps: alignment(snaps, *framed(args, dataset), args.measure))


def framed(
    args: argparse.Namespace, dataset: Dataset, what: str = "alignment"
) -> tuple[str, tuple[str, ...]]:
    """The focal actor and poles for command ``what``; a ValueError (exit 2) saying how to add them."""
    from ..framing import no_framing

    framing = framing_of(args, dataset)
    if framing is None:
        raise ValueError(no_framing(what, override=True))
    return framing.focal, framing.poles
