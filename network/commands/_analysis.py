"""Options and the run loop shared by the analysis subcommands (centrality, balance, alignment, ...)."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from network.columnar.choice import COLUMNAR_ROWS
from network.commands._common import add_data_option, load_or_report
from network.dataset.vocabulary import CONFIDENCE, TIE_TYPES
from network.measures.choices import ALLOCATIONS, HALF_LIFE, LEVELS, MODES

if TYPE_CHECKING:
    from network.dataset.model import Dataset
    from network.output.rows import Rows

FORMATS = ("table", "csv", "json")
#: --engine: the plain path, the columnar path, or chosen by the data (network.columnar.choice).
ENGINES = ("auto", "columnar", "python")


def _comma_list(choices: tuple[str, ...], what: str) -> Callable[[str], list[str]]:
    def parse(text: str) -> list[str]:
        items = [x.strip() for x in text.split(",") if x.strip()]
        for x in items:
            if x not in choices:
                raise argparse.ArgumentTypeError(f"unknown {what} {x!r} (choose from {', '.join(choices)})")
        return items

    return parse


def add_analysis_options(
    parser: argparse.ArgumentParser, level: str = "person", positional: bool = True, engine: bool = True
) -> None:
    """Add PATH (unless not ``positional``), --data, --by, --level, --mode, --allocation, --half-life,
    --confidence, --type, --engine (unless not ``engine``: a command that makes its snapshots
    itself), --format."""
    add_data_option(parser, positional=positional)
    add_snapshot_options(parser, level, engine=engine)


def add_snapshot_options(
    parser: argparse.ArgumentParser, level: str = "person", engine: bool = False
) -> None:
    """Add --by, --level, --mode, --allocation, --half-life, --confidence, --type, --format: the
    options of :func:`add_analysis_options` a command with datasets of its own (compare) takes."""
    g = parser.add_argument_group("snapshot options (see docs/measures.md)")
    g.add_argument(
        "--by",
        choices=("year", "period"),
        default="year",
        help="one graph per calendar year (default) or per named period of the dataset",
    )
    g.add_argument(
        "--level",
        choices=LEVELS,
        default=level,
        help=f"person: actors as they are; state: ties projected onto the state or party "
        f"each actor belongs to at the date (default: {level})",
    )
    g.add_argument(
        "--mode",
        choices=MODES,
        default="window",
        help="window: only the period's own ties (default); memory: earlier ties carry on, "
        "halving every --half-life days",
    )
    g.add_argument(
        "--allocation",
        choices=ALLOCATIONS,
        default="split",
        help="an event dated across periods (1958/1959): split its weight evenly over them "
        "(default) or count it only where wholly inside",
    )
    g.add_argument(
        "--half-life",
        type=float,
        default=HALF_LIFE,
        metavar="DAYS",
        help="half-life of a tie in memory mode (default: %(default)s days)",
    )
    g.add_argument(
        "--confidence",
        action="append",
        type=_comma_list(CONFIDENCE, "confidence level"),
        metavar="LEVEL",
        help="keep only ties of these confidence levels (stated, hedged, alleged); repeat or "
        "separate with commas, e.g. --confidence stated (default: all)",
    )
    g.add_argument(
        "--type",
        dest="types",
        action="append",
        type=_comma_list(tuple(TIE_TYPES), "tie type"),
        metavar="TYPE",
        help="keep only ties of these types; repeat or separate with commas",
    )
    if engine:
        g.add_argument(
            "--engine",
            choices=ENGINES,
            default="auto",
            help="python: the plain path; columnar: DuckDB (the events extra), for a CSV folder or a "
            "Parquet tie table; auto (default): columnar for Parquet, and for a CSV folder of more "
            f"than {COLUMNAR_ROWS:,} ties when the extra is installed (docs/columnar.md)",
        )
    parser.add_argument("--format", choices=FORMATS, default="table", help="output format (default: table)")


def _flatten(values: list[list[str]] | None) -> set[str] | None:
    return None if values is None else {x for group in values for x in group}


def snapshot_options(args: argparse.Namespace) -> dict[str, Any]:
    """The keyword arguments of :func:`network.timeline.snapshots.snapshots` given on the command line."""
    return {
        "by": args.by,
        "level": args.level,
        "mode": args.mode,
        "allocation": args.allocation,
        "half_life": args.half_life,
        "confidence": _flatten(args.confidence),
        "types": _flatten(args.types),
    }


def usage_error(message: str) -> int:
    """Print a one-line error and return exit code 2."""
    print(f"entente: error: {message}", file=sys.stderr)
    return 2


def run_analysis(
    args: argparse.Namespace, compute: Callable[[Dataset, list[Any]], Rows], build: bool = True
) -> int:
    """Load the data, build the snapshots, compute the rows and print them in ``--format``.

    Returns 1 for invalid data and 2 (with one line on stderr) for a bad id
    or option value; ``compute`` signals those with ValueError.
    """
    if build:
        from network.columnar.choice import choose_engine

        engine, error = choose_engine(getattr(args, "engine", "python"), args.data)
        if error:
            return usage_error(error)
        if engine == "columnar":
            return _run_columnar(args, compute)
    dataset = load_or_report(args.data, max_bytes=args.max_bytes)
    if dataset is None:
        return 1
    try:
        from network.timeline.snapshots import snapshots

        snaps = snapshots(dataset, **snapshot_options(args)) if build else []
        rows = compute(dataset, snaps)
    except ValueError as exc:
        return usage_error(str(exc))
    print_rows(rows, args.format)
    return 0


def _run_columnar(args: argparse.Namespace, compute: Callable[[Dataset, list[Any]], Rows]) -> int:
    """:func:`run_analysis` on the columnar path (network.columnar): the same problems, exit codes
    and rows; the dataset handed to ``compute`` holds the actors, periods and framing, not the ties."""
    from network.columnar.pipeline import check, snapshots

    data, problems = check(args.data)
    if data is None:
        for p in problems:
            print(p, file=sys.stderr)
        n = len(problems)
        print(f"{args.data}: invalid: {n} problem{'s' if n != 1 else ''}", file=sys.stderr)
        return 1
    try:
        rows = compute(data.dataset, snapshots(data, **snapshot_options(args)))
    except ValueError as exc:
        return usage_error(str(exc))
    print_rows(rows, args.format)
    return 0


def print_rows(rows: Rows, fmt: str, title: str | None = None) -> None:
    """Print rows in a format; a table without rows says so."""
    if fmt == "table":
        if title:
            print(f"{title}\n")
        print(rows.format(fmt) if rows else "(no rows)\n", end="")
    else:
        print(rows.format(fmt), end="")
