"""``entente export``: the network for Gephi, R or a spreadsheet, keeping the dates and the citations."""

from __future__ import annotations

import argparse
import sys

from ..options import EXPORT_FORMATS as FORMATS
from ..options import LEVELS
from ._common import add_data_option, load_or_report

HELP = "write the network as GEXF (Gephi's timeline), GraphML, CSV tables or node-link JSON"
DESCRIPTION = """\
Every format keeps the tie ids and the citations (docs/explorer.md).

  gexf     GEXF 1.3, dynamic: one edge per pair of actors, living in the
           years it has ties; its sign, weights, tie ids and citations are
           dynamic attributes (one value per year, ISO dates), so it plays on
           Gephi's timeline. Positions are the figures'.
  graphml  GraphML, one graph per year (or per --by period) in one file.
  csv      one row per tie with every field and its citation (--table ties,
           the default), or one row per actor (--table actors).
  json     node-link JSON of the whole record: actors, and every tie as a
           link with its dates and citation (networkx, d3).

Writes to standard output unless --out is given.

examples:
  entente export data/actors.yaml --format gexf --out entente.gexf
  entente export data/actors.yaml --format graphml --by period --level state --out periods.graphml
  entente export data/actors.yaml --format csv --table actors
"""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_data_option(parser)
    parser.add_argument("--format", choices=FORMATS, required=True, help="output format")
    parser.add_argument("--out", metavar="PATH", help="write to PATH (atomically) instead of standard output")
    parser.add_argument(
        "--level",
        choices=LEVELS,
        default="person",
        help="gexf, graphml: person (actors as coded, default) or state (ties projected onto states)",
    )
    parser.add_argument(
        "--by",
        choices=("year", "period"),
        default="year",
        help="gexf, graphml: one window per calendar year (default) or per named period",
    )
    parser.add_argument(
        "--table",
        choices=("ties", "actors"),
        default="ties",
        help="csv: one row per tie (default) or per actor",
    )


def run(args: argparse.Namespace) -> int:
    from ..atomic import write_text
    from ..export import export_text

    dataset = load_or_report(args.data, max_bytes=args.max_bytes)
    if dataset is None:
        return 1
    try:
        text = export_text(dataset, args.format, level=args.level, by=args.by, table=args.table)
    except ValueError as exc:
        print(f"entente: error: {exc}", file=sys.stderr)
        return 2
    if args.out:
        write_text(args.out, text)
        print(f"wrote {args.out}", file=sys.stderr)
    else:
        sys.stdout.write(text)
    return 0
