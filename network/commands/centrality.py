"""``entente centrality``: centrality of every active actor, per period, ranked."""

from __future__ import annotations

import argparse

from network.commands._analysis import add_analysis_options, run_analysis
from network.measures.choices import BETWEENNESS_EXACT_MAX, BETWEENNESS_SAMPLES, RANK_BY
from network.measures.choices import CENTRALITY_MEASURES as MEASURES

HELP = "who was central per period: total weight of ties (the ranking), degree, strength, PN and more"
DESCRIPTION = """\
For each period, every actor with a tie in it, ranked by the total weight of
its ties (involvement: cooperative and hostile weights added up, equal totals
to more ties; the ranking every output uses, which you can check by hand from
the ties), with beside it: its number of ties, degree and strength split into
positive and negative, betweenness, eigenvector and PageRank on the positive
graph, and the PN index (Everett & Borgatti 2014) on the signed graph.
--rank-by ranks by another column. What each rewards and ignores, formulas
and references: docs/measures.md.

examples:
  entente centrality data/actors.yaml --level state
  entente centrality data/actors.yaml --by period --confidence stated --format csv
"""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_analysis_options(parser)
    parser.add_argument(
        "--rank-by", choices=MEASURES, default=RANK_BY, help="measure the rank follows (default: %(default)s)"
    )
    parser.add_argument(
        "--betweenness-samples",
        type=_positive,
        default=None,
        metavar="K",
        help=f"in periods of over {BETWEENNESS_EXACT_MAX:,} active actors, estimate betweenness from K "
        f"sampled sources (default {BETWEENNESS_SAMPLES}; more is slower and closer to exact; "
        "see docs/measures.md)",
    )


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(f"expected a whole number of at least 1, got {text!r}")
    return value


def run(args: argparse.Namespace) -> int:
    from network.measures.centrality import centrality

    return run_analysis(
        args, lambda dataset, snaps: centrality(snaps, rank_by=args.rank_by, samples=args.betweenness_samples)
    )
