"""``entente diff A B``: what changed between two periods, with citations."""

from __future__ import annotations

import argparse

from ..options import CENTRALITY_MEASURES as MEASURES
from ..options import RANK_BY
from ._analysis import add_analysis_options, print_rows, snapshot_options, usage_error
from ._common import load_or_report
from .alignment import poles_of

HELP = "what changed between two periods: edges, rank moves, camp moves, with citations"
DESCRIPTION = """\
Compare period A with period B: years such as 1958, or the ids of two named
periods (then --by period is implied). Three tables:

  edges  ties and edges that appeared, disappeared, flipped sign, strengthened
         or weakened, each with the ids of its ties and their citations
  ranks  actors whose centrality rank moved (by --rank-by, default pn)
  blocs  actors whose camp towards the --pole(s) changed (see entente alignment
         --help: cooperative:P, enemy-side:P, no-side, unaligned)

The table format prints all three; csv and json print one (--show, default
edges), as an array of rows with stable keys.

examples:
  entente diff 1958 1959
  entente diff 1959 1960 --level state --show blocs --format json
"""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("a", metavar="A", help="the earlier period id")
    parser.add_argument("b", metavar="B", help="the later period id")
    add_analysis_options(parser)
    parser.add_argument(
        "--show", choices=("edges", "ranks", "blocs"), help="only this table (csv and json: default edges)"
    )
    parser.add_argument(
        "--rank-by",
        choices=MEASURES,
        default=RANK_BY,
        help="measure of the rank moves (default: %(default)s)",
    )
    parser.add_argument(
        "--pole",
        dest="poles",
        action="append",
        metavar="ACTOR",
        help="poles the camps are reckoned towards (default: ussr, china)",
    )


def run(args: argparse.Namespace) -> int:
    from ..diff import bloc_moves, diff, rank_moves
    from ..snapshots import snapshots

    dataset = load_or_report(args.data, max_bytes=args.max_bytes)
    if dataset is None:
        return 1
    show = (
        [args.show] if args.show else (["edges", "ranks", "blocs"] if args.format == "table" else ["edges"])
    )
    options = snapshot_options(args)
    period_ids = {p.id for p in dataset.periods}
    if options["by"] == "year" and {args.a, args.b} <= period_ids:
        options["by"] = "period"  # two named periods: compare them without --by period
    try:
        snaps = snapshots(dataset, **options)
        tables = {
            "edges": lambda: diff(dataset, args.a, args.b, snaps=snaps),
            "ranks": lambda: rank_moves(dataset, args.a, args.b, rank_by=args.rank_by, snaps=snaps),
            "blocs": lambda: bloc_moves(dataset, args.a, args.b, poles=poles_of(args), snaps=snaps),
        }
        results = [(name, tables[name]()) for name in show]
    except ValueError as exc:
        return usage_error(str(exc))
    titles = {
        "edges": "Edges that changed",
        "ranks": f"Rank moves (by {args.rank_by})",
        "blocs": "Camp moves",
    }
    for i, (name, rows) in enumerate(results):
        if i:
            print()
        print_rows(rows, args.format, f"{titles[name]}, {args.a} -> {args.b}" if len(results) > 1 else None)
    return 0
