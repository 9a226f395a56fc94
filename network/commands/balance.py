"""``entente balance``: structural balance of each period's signed graph."""

from __future__ import annotations

import argparse

from network.commands._analysis import add_analysis_options, run_analysis
from network.commands._declared import add_framing_options, poles_of

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
k_exact), the unbalanced triangles by name, and the camps towards the poles
(the dataset's framing, or --pole; as in entente alignment --blocs:
cooperative:P, enemy-side:P, no-side, unaligned; each as [camp, actor, ...];
empty without poles).
See docs/measures-balance.md.

examples:
  entente balance data/actors.yaml --level state
  entente balance data/actors.yaml --by period --format json
"""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_analysis_options(parser)
    add_framing_options(parser, focal=False)


def run(args: argparse.Namespace) -> int:
    from network.measures.alignment import check_actors
    from network.measures.balance_periods import balance_rows

    def compute(dataset, snaps):  # type: ignore[no-untyped-def]
        poles = poles_of(args, dataset)  # --pole, or the dataset's framing; none: no camps
        if args.poles and snaps:  # poles asked for must exist; the framing's only where they do
            check_actors(snaps[0].graph, poles)
        return balance_rows(snaps, poles)

    return run_analysis(args, compute)
