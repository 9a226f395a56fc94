"""``entente alignment``: how aligned a focal actor is with each pole, per period; and the camps."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from network.commands._analysis import add_analysis_options, run_analysis
from network.commands._declared import add_framing_options, framing_of, poles_of
from network.measures.choices import ALIGNMENT_MEASURE
from network.measures.choices import ALIGNMENT_MEASURES as MEASURES

if TYPE_CHECKING:
    from network.dataset.model import Dataset
    from network.output.rows import Rows

HELP = "alignment of a focal actor with two or more poles per period (--blocs: each actor's camp)"
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

The focal actor and the poles are the dataset's (framing: in the data file);
--focal and --pole override them. Without either, alignment says how to add
a framing and exits 2.

--blocs prints instead each actor's camp towards the poles (network.measures.camps;
without poles, it says how to give them and exits 2):
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
  entente alignment data/actors.yaml
  entente alignment data/actors.yaml --focal a --pole b --pole c --measure s_score --mode memory
  entente alignment data/actors.yaml --blocs --by period --format json
"""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_analysis_options(parser, level="state")
    add_framing_options(parser)
    add_measure_option(parser)
    parser.add_argument(
        "--blocs", action="store_true", help="print each actor's camp per period instead of the scores"
    )


def add_measure_option(parser: argparse.ArgumentParser) -> None:
    """--measure: the alignment measure (entente alignment and entente robustness)."""
    parser.add_argument(
        "--measure",
        choices=MEASURES,
        default=ALIGNMENT_MEASURE,
        help="alignment measure (default: %(default)s)",
    )


def run(args: argparse.Namespace) -> int:
    from network.measures.alignment import alignment

    if args.blocs:
        return run_analysis(args, lambda dataset, snaps: camps_of(args, dataset, snaps))
    return run_analysis(args, lambda dataset, snaps: alignment(snaps, *framed(args, dataset), args.measure))


def framed(
    args: argparse.Namespace, dataset: Dataset, what: str = "alignment"
) -> tuple[str, tuple[str, ...]]:
    """The focal actor and poles for command ``what``; a ValueError (exit 2) saying how to add them."""
    from network.output.framing import no_framing

    framing = framing_of(args, dataset)
    if framing is None:
        raise ValueError(no_framing(what, override=True))
    return framing.focal, framing.poles


def camps_of(args: argparse.Namespace, dataset: Dataset, snaps: list) -> Rows:
    """The camps towards the poles (--pole or the framing's); a ValueError (exit 2) if there are none."""
    from network.measures.camps import camp_rows
    from network.output.framing import no_framing

    poles = poles_of(args, dataset)
    if not poles:
        raise ValueError(no_framing("the camps", override=True, options="--pole"))
    return camp_rows(snaps, poles)
