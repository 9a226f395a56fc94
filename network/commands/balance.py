"""``entente balance``: structural balance of each period's signed graph."""

from __future__ import annotations

import argparse

from ._analysis import add_analysis_options, run_analysis

HELP = "structural balance per period: triangles, walks, frustration, its partition, and the camps"
DESCRIPTION = """\
For each period's signed graph (actors with a tie of net sign +1 or -1):
nodes, edges, triangles and balanced triangles, triangle balance (share of
balanced triangles, 0-1), walk balance (Estrada & Benzi, 0-1), the frustration
index (fewest edges whose removal balances the graph) and a partition into
two sides that achieves it (a measure: friends of friends and enemies of
enemies land on one side, so it says nothing about who is allied with whom);
exact says whether the index is proven minimal. 1 = balanced.
Then the best partition into any number of sides (k_violations, k_partition,
k_exact), the unbalanced triangles by name, and the camps towards the --pole
actors (as in entente alignment --blocs: cooperative:P, enemy-side:P,
no-side, unaligned; each as [camp, actor, ...]).
See docs/measures-balance.md.

examples:
  entente balance --level state
  entente balance --by period --format json
"""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_analysis_options(parser)
    parser.add_argument(
        "--pole",
        dest="poles",
        action="append",
        metavar="ACTOR",
        help="a pole of the camps; repeat or comma-separate (default: entente alignment's, where present)",
    )


def run(args: argparse.Namespace) -> int:
    from ..alignment import check_actors
    from ..balance_periods import balance_rows
    from .alignment import poles_of

    def compute(dataset, snaps):  # type: ignore[no-untyped-def]
        if args.poles and snaps:  # poles asked for must exist; the default ones only where they do
            check_actors(snaps[0].graph, poles_of(args))
        return balance_rows(snaps, poles_of(args))

    return run_analysis(args, compute)
