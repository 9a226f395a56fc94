"""``entente convert``: write a dataset in another form (YAML, JSON, CSV), checked first."""

from __future__ import annotations

import argparse
import sys

from network.commands._common import add_max_bytes_option, load_or_report, refuse_input_as_output
from network.commands._declared import add_policy_options
from network.measures.choices import FORMS

HELP = "convert a dataset between YAML, JSON and CSV (only valid data; written atomically)"
DESCRIPTION = """\
Read a dataset in any form, check it by the rules of format v1, and write the
same records in another form. The form of each path is told by its name:
.yaml or .yml, .json, or a folder (or its actors.csv or ties.csv) for the CSV
form; --to names the form to write where the name does not. Invalid data is
reported as for 'entente validate' and nothing is written. Each file is
written atomically. Every tie's id is written out (derived ids included), so
the converted data reads back as the same dataset. See docs/tabular.md.

examples:
  entente convert data/actors.yaml /tmp/actors.json
  entente convert data/actors.yaml /tmp/actors/          # CSV: actors.csv, ties.csv, dataset.json
  entente convert big/ties.csv big.yaml
"""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("source", metavar="SRC", help="dataset to read (.yaml, .json, or a CSV folder)")
    parser.add_argument("target", metavar="DST", help="where to write it (.yaml, .json, or a folder for CSV)")
    parser.add_argument("--to", choices=FORMS, help="form to write (default: told by DST's name)")
    add_policy_options(parser)
    add_max_bytes_option(parser)


def run(args: argparse.Namespace) -> int:
    from network.dataset.forms import form_of, plain, write

    form = args.to or form_of(args.target, default=None)
    if form is None:
        print(
            f"entente: error: cannot tell the form of {args.target!r}: name it .yaml or .json, "
            f"end it with / for a CSV folder, or give --to",
            file=sys.stderr,
        )
        return 2
    if refuse_input_as_output("convert", args.target, args.source):
        return 2
    dataset = load_or_report(args.source, strict=args.strict, max_bytes=args.max_bytes)
    if dataset is None:
        return 1
    try:
        written = write(plain(dataset), args.target, form)
    except (ValueError, OSError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else exc
        print(f"entente convert: cannot write {args.target}: {reason}", file=sys.stderr)
        return 1
    names = ", ".join(str(p) for p in written)
    print(f"{args.source} -> {names} ({form}: {len(dataset.actors)} actors, {len(dataset.ties)} ties)")
    return 0
