"""``entente compare A B``: two records of the same actors and years side by side, with citations."""

from __future__ import annotations

import argparse
import re
import sys
import warnings
from pathlib import Path

from network.commands._analysis import add_snapshot_options, print_rows, snapshot_options, usage_error
from network.commands._common import add_max_bytes_option, is_the_input, load_or_report

HELP = (
    "two datasets of the same actors and years side by side: net weight per dyad and year, sign disagreements"
)
DESCRIPTION = """\
Set dataset A (say, a hand-curated record) and dataset B (say, machine-coded
events imported into the format) side by side. Both are cut into the same
windows (calendar years from the first year of either to the last of
either, or with --by period A's named periods) and built into snapshots by
the same rules (--level, state by default; --mode, --allocation, ...). Per
window and undirected dyad: the net weight and the number of ties in A and
in B, the ids and citations of the ties behind each, and the status:

  agree         the same sign of net weight (both zero included)
  disagree      one positive, the other negative
  one-zero  in both, net zero in one only
  only-a        a tie in A, none in B (and the reverse, only-b)

Only windows both datasets reach (between the first and the last day of
their dated ties) and actors both know are compared; the others are listed.
Actors are matched by id; --map FILE renames B's ids to A's (YAML lines
'id_in_B: id_in_A', or a CSV file with the header b,a). Four tables:

  dyads    the compared dyad-years
  windows  every window: which dataset reaches it, ties in each, statuses
  actors   actors only one dataset knows, with their dyad-years and ties
  summary  the counts by status and the correlation of the net weights
           over the dyad-years in both (Pearson's r, Spearman's rho, n)

The table format prints all four (the summary as a sentence); csv and json
print one (--show, default dyads), the summary sentence going to standard
error. --figure PATH.png or .svg draws the most-tied dyads (--top), a cell
per compared window, each half coloured by the net weight in A and in B.
See docs/compare.md.

examples:
  entente compare data/actors.yaml events.yaml --map events-map.yaml
  entente compare A.yaml B.yaml --show summary --format json
  entente compare A.yaml B.yaml --figure compare.png --top 8
"""

SHOWS = ("dyads", "windows", "actors", "summary")
FIGURE_FORMATS = ("png", "svg")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("a", metavar="A", help="the first dataset (its actor ids are the ones reported)")
    parser.add_argument("b", metavar="B", help="the second dataset, over the same actors and years")
    parser.add_argument(
        "--map",
        dest="map_file",
        metavar="FILE",
        help="actor ids of B mapped to A's: YAML ('id_in_B: id_in_A' a line) or CSV (header b,a)",
    )
    add_snapshot_options(parser, level="state")
    parser.add_argument("--show", choices=SHOWS, help="only this table (csv and json: default dyads)")
    parser.add_argument(
        "--figure",
        metavar="PATH",
        help="also draw the most-tied dyads, year by year, into PATH (.png or .svg)",
    )
    parser.add_argument(
        "--top",
        type=int,
        default=None,
        metavar="K",
        help="the figure shows the K dyads with the most ties in A and B together (default: 12)",
    )
    add_max_bytes_option(parser)


_GLYPH = re.compile(r"Glyph (\d+) .*missing from font")


def _note_missing_glyphs(caught: list[warnings.WarningMessage]) -> None:
    """Say in one line which characters of the names the figure's font lacks (matplotlib warns once
    per glyph and per measurement); pass any other warning on."""
    missing: set[str] = set()
    for w in caught:
        m = _GLYPH.search(str(w.message))
        if m:
            missing.add(chr(int(m.group(1))))
        else:
            warnings.warn_explicit(w.message, w.category, w.filename, w.lineno)
    if missing:
        print(
            f"entente compare: the figure's font has no glyph for {' '.join(sorted(missing))} "
            "(in an actor's name): drawn as empty boxes",
            file=sys.stderr,
        )


def _figure_format(path: str) -> str | None:
    fmt = Path(path).suffix.lower().lstrip(".")
    return fmt if fmt in FIGURE_FORMATS else None


def run(args: argparse.Namespace) -> int:
    from network.measures.compare import TOP_DYADS, compare, comparison_view, read_actor_map

    top = TOP_DYADS if args.top is None else args.top
    if top < 1:
        return usage_error("--top must be at least 1")
    if args.top is not None and not args.figure:
        return usage_error("--top sets the figure's dyads; give --figure PATH too")
    if args.figure:
        for data in (args.a, args.b, args.map_file):
            if data and is_the_input(args.figure, data):
                return usage_error(
                    f"--figure {args.figure} is the input {data}, which compare never writes over; "
                    "give another path"
                )
        if _figure_format(args.figure) is None:
            return usage_error(f"--figure {args.figure}: name a .png or .svg file")
    dataset_a = load_or_report(args.a, max_bytes=args.max_bytes)
    dataset_b = load_or_report(args.b, max_bytes=args.max_bytes)
    if dataset_a is None or dataset_b is None:
        return 1
    mapping: dict[str, str] = {}
    if args.map_file:
        mapping, problems = read_actor_map(args.map_file, dataset_a, dataset_b, max_bytes=args.max_bytes)
        if problems:
            for p in problems:
                print(p, file=sys.stderr)
            n = len(problems)
            print(
                f"{args.map_file}: the map has {n} problem{'s' if n != 1 else ''}; nothing compared",
                file=sys.stderr,
            )
            return 2
    options = snapshot_options(args)
    try:
        result = compare(dataset_a, dataset_b, mapping=mapping, **options)
        view = comparison_view(result, top=top) if args.figure else None
    except ValueError as exc:
        return usage_error(str(exc))
    figure = None
    if view is not None:
        from network.figures.compare import comparison_bytes

        Path(args.figure).parent.mkdir(parents=True, exist_ok=True)  # a folder that cannot be made fails now
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            figure = comparison_bytes(view, _figure_format(args.figure) or "png")
        _note_missing_glyphs(caught)
    tables = {
        "dyads": result.dyad_rows,
        "windows": result.window_rows,
        "actors": result.actor_rows,
        "summary": result.summary_rows,
    }
    titles = {
        "dyads": f"Dyad-years of A ({args.a}) and B ({args.b}), {result.level} level",
        "windows": "Windows",
        "actors": "Actors only one dataset knows (their dyads not compared)",
    }
    if args.format == "table" and not args.show:
        for name in ("dyads", "windows", "actors"):
            print_rows(tables[name](), "table", titles[name])
            print()
        print(result.summary_line())
    else:
        show = args.show or "dyads"
        if args.format == "table" and show == "summary":
            print(result.summary_line())
        else:
            print_rows(tables[show](), args.format)
        if args.format != "table":
            print(result.summary_line(), file=sys.stderr)
    if figure is not None:
        from network.output.atomic import write_bytes

        write_bytes(args.figure, figure)
        print(f"{args.figure}: written", file=sys.stderr)
    return 0
