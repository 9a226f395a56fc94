"""``entente agree A B``: how far two codings of the same text agree."""

from __future__ import annotations

import argparse
import sys

from network.commands._analysis import FORMATS, print_rows, usage_error
from network.commands._common import add_max_bytes_option, load_or_report
from network.measures.choices import LEVELS

HELP = "agreement between two codings of the same text: Krippendorff's alpha, Cohen's kappa, unmatched ties"
DESCRIPTION = """\
Compare two codings A and B of the same text (two datasets). Only ties whose
citation falls in the scope take part (--pages, --notes, or listed by --tie;
default everything). Ties are matched one to one: same two actors in either
direction, overlapping dates, both events or both standing relations; among
the candidates the most pairs, then the most alike (same type, direction,
sign, date range). See docs/agreement.md for the rule and the measures.
Four tables:

  summary    ties of each coder in scope, matched, only in A, only in B,
             unit agreement (2 x matched / all ties in scope)
  fields     per field (type, sign, weight, precision, confidence): pairs,
             equal values, Krippendorff's alpha (nominal; weight interval)
             with a 95% bootstrap interval, and Cohen's kappa (nominal fields)
  pairs      the matched ties with both coders' values
  unmatched  the ties only one coder has

The table format prints all four; csv and json print one (--show, default
fields), as an array of rows with stable keys.

examples:
  entente agree data/actors.yaml second.yaml --pages 125,131
  entente agree A.yaml B.yaml --notes 13-16 --level state --show pairs --format csv
"""

SHOWS = ("summary", "fields", "pairs", "unmatched")


def number_list(text: str) -> list[int]:
    """Parse ``125,131`` or ``125-128,131`` into a list of positive integers.

    >>> number_list("125-127, 131")
    [125, 126, 127, 131]
    """
    out: list[int] = []
    for item in (x.strip() for x in text.split(",")):
        if not item:
            continue
        low, _, high = item.partition("-")
        try:
            first, last = int(low), int(high or low)
        except ValueError:
            raise argparse.ArgumentTypeError(
                f"{item!r} is not a number or a range; write e.g. 125,131 or 125-128"
            ) from None
        if first < 1 or last < first:
            raise argparse.ArgumentTypeError(f"{item!r}: write positive numbers, a range low-high")
        out.extend(range(first, last + 1))
    return out


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("a", metavar="A", help="the first coding (a dataset file)")
    parser.add_argument("b", metavar="B", help="the second coding of the same text")
    parser.add_argument(
        "--pages",
        type=number_list,
        action="append",
        metavar="LIST",
        help="only ties cited to these pages, e.g. 125,131 or 125-128 (repeatable)",
    )
    parser.add_argument(
        "--notes",
        type=number_list,
        action="append",
        metavar="LIST",
        help="only ties cited to these footnotes (repeatable; with --pages: either)",
    )
    parser.add_argument(
        "--tie",
        dest="ties",
        action="append",
        metavar="ID",
        help="also this tie of either coding, e.g. one from a part of a page no footnote marks (repeatable)",
    )
    parser.add_argument(
        "--level",
        choices=LEVELS,
        default="person",
        help="person: actors as coded (default); state: ties projected onto each actor's state",
    )
    parser.add_argument(
        "--resamples",
        type=int,
        default=1000,
        metavar="N",
        help="bootstrap draws for each alpha's 95%% interval; 0 for none (default: %(default)s)",
    )
    parser.add_argument(
        "--seed", type=int, default=0, help="seed of the bootstrap draws (default: %(default)s)"
    )
    parser.add_argument("--show", choices=SHOWS, help="only this table (csv and json: default fields)")
    parser.add_argument("--format", choices=FORMATS, default="table", help="output format (default: table)")
    add_max_bytes_option(parser)


def run(args: argparse.Namespace) -> int:
    from network.curation.agreement import Scope, agreement

    if args.resamples < 0:
        return usage_error("--resamples must be 0 or more")
    dataset_a = load_or_report(args.a, max_bytes=args.max_bytes)
    dataset_b = load_or_report(args.b, max_bytes=args.max_bytes)
    if dataset_a is None or dataset_b is None:
        return 1
    known = {t.id for t in dataset_a.ties} | {t.id for t in dataset_b.ties}
    unknown = sorted(set(args.ties or ()) - known)
    if unknown:
        return usage_error(f"--tie {unknown[0]!r}: neither A nor B has a tie with this id")
    scope = Scope.of(
        pages=(p for group in args.pages or [] for p in group),
        notes=(n for group in args.notes or [] for n in group),
        ties=args.ties or (),
    )
    result = agreement(
        dataset_a, dataset_b, scope=scope, level=args.level, resamples=args.resamples, seed=args.seed
    )
    if not scope.everything and not result.coded_a and not result.coded_b:
        print(f"entente agree: warning: no tie of A or B is cited in the scope ({scope})", file=sys.stderr)
    tables = {
        "summary": result.summary_rows,
        "fields": result.field_rows,
        "pairs": result.pair_rows,
        "unmatched": result.unmatched_rows,
    }
    show = [args.show] if args.show else (list(SHOWS) if args.format == "table" else ["fields"])
    titles = {
        "summary": f"Agreement of {args.a} and {args.b}",
        "fields": "Agreement per field (alpha: Krippendorff; kappa: Cohen)",
        "pairs": "Matched ties",
        "unmatched": "Ties only one coder has",
    }
    for i, name in enumerate(show):
        if i:
            print()
        print_rows(tables[name](), args.format, titles[name] if len(show) > 1 else None)
    return 0
