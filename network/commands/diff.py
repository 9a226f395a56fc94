"""``entente diff A B``: what changed between two periods, with citations."""

from __future__ import annotations

import argparse
import sys

from network.commands._analysis import add_analysis_options, print_rows, snapshot_options, usage_error
from network.commands._common import choose_dataset, load_or_report
from network.commands._declared import add_framing_options, poles_of
from network.measures.choices import CENTRALITY_MEASURES as MEASURES
from network.measures.choices import RANK_BY

HELP = "what changed between two periods: edges, rank moves, camp moves, with citations"
DESCRIPTION = """\
Compare period A with period B of the dataset PATH (default data/actors.yaml):
years such as 1958, or the ids of two named periods (then --by period is
implied). Three tables:

  edges  ties and edges that appeared, disappeared, flipped sign, strengthened
         or weakened, each with the ids of its ties and their citations
  ranks  actors whose centrality rank moved (by --rank-by, default pn)
  blocs  actors whose camp towards the poles changed (the dataset's framing,
         or --pole; see entente alignment --help: cooperative:P, enemy-side:P,
         no-side, unaligned); left out, with a note, without poles

The table format prints all three; csv and json print one (--show, default
edges), as an array of rows with stable keys.

examples:
  entente diff data/actors.yaml 1958 1959
  entente diff data/actors.yaml 1959 1960 --level state --show blocs --format json
"""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.usage = "%(prog)s [-h] [PATH] A B [options]"
    parser.add_argument(
        "operands",
        nargs="+",
        metavar="[PATH] A B",
        help="the dataset (optional; default data/actors.yaml), then the earlier and the later period id",
    )
    add_analysis_options(parser, positional=False, engine=False)
    parser.add_argument(
        "--show", choices=("edges", "ranks", "blocs"), help="only this table (csv and json: default edges)"
    )
    parser.add_argument(
        "--rank-by",
        choices=MEASURES,
        default=RANK_BY,
        help="measure of the rank moves (default: %(default)s)",
    )
    add_framing_options(parser, focal=False)


def run(args: argparse.Namespace) -> int:
    from network.measures.diff import bloc_moves, diff, rank_moves
    from network.timeline.snapshots import snapshots

    if len(args.operands) not in (2, 3):
        n = len(args.operands)
        return usage_error(f"give the two periods to compare, after the dataset: [PATH] A B (got {n} values)")
    *positional, args.a, args.b = args.operands
    args.data, problem = choose_dataset(positional[0] if positional else None, args.data_option)
    if problem:
        return usage_error(problem)
    dataset = load_or_report(args.data, max_bytes=args.max_bytes)
    if dataset is None:
        return 1
    show = (
        [args.show] if args.show else (["edges", "ranks", "blocs"] if args.format == "table" else ["edges"])
    )
    poles = poles_of(args, dataset)
    if not poles and not args.show and "blocs" in show:  # no camps without poles: left out, with a note
        from network.output.framing import no_framing

        show.remove("blocs")
        print(no_framing("the camp moves", override=True, options="--pole"), file=sys.stderr)
    options = snapshot_options(args)
    period_ids = {p.id for p in dataset.periods}
    if options["by"] == "year" and {args.a, args.b} <= period_ids:
        options["by"] = "period"  # two named periods: compare them without --by period
    try:
        snaps = snapshots(dataset, **options)
        tables = {
            "edges": lambda: diff(dataset, args.a, args.b, snaps=snaps),
            "ranks": lambda: rank_moves(dataset, args.a, args.b, rank_by=args.rank_by, snaps=snaps),
            "blocs": lambda: bloc_moves(dataset, args.a, args.b, poles=poles, snaps=snaps),
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
