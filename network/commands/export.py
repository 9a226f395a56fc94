"""``entente export``: the network for Gephi, R or a spreadsheet, keeping the dates and the citations."""

from __future__ import annotations

import argparse
import sys

from network.commands._common import add_data_option, load_or_report, refuse_input_as_output
from network.measures.choices import EXPORT_FORMATS as FORMATS
from network.measures.choices import LEVELS

HELP = "write the network as GEXF (Gephi's timeline), GraphML, CSV tables or node-link JSON"
DESCRIPTION = """\
Every format keeps the tie ids and the citations (docs/explorer.md).

  gexf     GEXF 1.3, dynamic: one edge per pair of actors, living in the
           years it has ties; its sign, weights, tie ids and citations are
           dynamic attributes (one value per year, ISO dates), so it plays on
           Gephi's timeline. Positions are the figures'.
  graphml  GraphML, one file per year (or per --by period), each a plain
           graph igraph and R read whole: --out names a folder, which gets
           YEAR.graphml files (only a new folder, or one holding .graphml
           files only); --window ID writes that one window's file instead.
  csv      one row per tie with every field and its citation (--table ties,
           the default), or one row per actor (--table actors).
  json     node-link JSON of the whole record: actors, and every tie as a
           link with its dates and citation (networkx, d3).

Writes to standard output unless --out is given.

examples:
  entente export data/actors.yaml --format gexf --out entente.gexf
  entente export data/actors.yaml --format graphml --by period --level state --out periods/
  entente export data/actors.yaml --format graphml --window 1958 --out 1958.graphml
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
        "--window",
        metavar="ID",
        help="graphml: write only this window's graph (a year, or a period id with --by period)",
    )
    parser.add_argument(
        "--table",
        choices=("ties", "actors"),
        default="ties",
        help="csv: one row per tie (default) or per actor",
    )


def run(args: argparse.Namespace) -> int:
    from network.export import export_text
    from network.output.atomic import write_text

    dataset = load_or_report(args.data, max_bytes=args.max_bytes)
    if dataset is None:
        return 1
    if args.out and refuse_input_as_output("export", args.out, args.data):
        return 2
    if args.format == "graphml" and args.window is None:
        return _graphml_folder(dataset, args)
    if args.window is not None and args.format != "graphml":
        print("entente: error: --window is for --format graphml only", file=sys.stderr)
        return 2
    try:
        text = export_text(
            dataset, args.format, level=args.level, by=args.by, table=args.table, window=args.window
        )
    except ValueError as exc:
        print(f"entente: error: {exc}", file=sys.stderr)
        return 2
    if args.out:
        write_text(args.out, text)
        print(f"wrote {args.out}", file=sys.stderr)
    else:
        sys.stdout.write(text)
    return 0


def _graphml_folder(dataset, args: argparse.Namespace) -> int:
    """Write every window's GraphML file into the folder ``--out``."""
    from network.export.graphml import SUFFIX, graphml_files
    from network.output.atomic import write_folder

    if not args.out:
        print(
            "entente: error: GraphML is one file per window: give --out FOLDER for all of them, "
            "or --window ID for one",
            file=sys.stderr,
        )
        return 2
    try:
        files = graphml_files(dataset, level=args.level, by=args.by)
        write_folder(args.out, files, SUFFIX)
    except ValueError as exc:
        print(f"entente: error: {exc}", file=sys.stderr)
        return 2
    print(f"wrote {len(files)} GraphML files to {args.out}", file=sys.stderr)
    return 0
