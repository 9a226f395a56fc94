"""``entente balance``: structural balance of each period's signed graph."""

from __future__ import annotations

import argparse

from ._analysis import add_analysis_options, run_analysis

HELP = "structural balance per period: triangles, walks, frustration and the two blocs"
DESCRIPTION = """\
For each period's signed graph (actors with a tie of net sign +1 or -1):
nodes, edges, triangles and balanced triangles, triangle balance (share of
balanced triangles, 0-1), walk balance (Estrada & Benzi, 0-1), the frustration
index (fewest edges whose removal balances the graph) and the two blocs that
achieve it; exact says whether the index is proven minimal. 1 = balanced.
Then the best partition into any number of blocs (k_violations, k_blocs,
k_exact) and the unbalanced triangles by name.
See docs/measures.md.

examples:
  entente balance data/actors.yaml --level state
  entente balance data/actors.yaml --by period --format json
"""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_analysis_options(parser)


def run(args: argparse.Namespace) -> int:
    from ..balance_periods import balance_rows

    return run_analysis(args, lambda dataset, snaps: balance_rows(snaps))
