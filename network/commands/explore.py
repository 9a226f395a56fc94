"""``entente explore``: write the offline explorer, one self-contained HTML file."""

from __future__ import annotations

import argparse
import os
from pathlib import Path

from network.commands._common import (
    OUT_RULE,
    add_data_option,
    add_force_option,
    default_output,
    load_or_report,
    output_refused,
    refuse_input_as_output,
    refuse_no_dated_ties,
)
from network.measures.choices import LEVELS

HELP = "write the offline explorer: one HTML file with a year slider, ties and their sources"
DESCRIPTION = """\
One self-contained HTML file (no internet needed: every script, style and
datum is inside it). A year slider and a Play button, the named periods
marked; hovering or focusing a tie shows its type, date, evidence and
citation; clicking an actor highlights its ties and shows its centrality
that year. Open file.html#year=1958 to start at 1958. See docs/explorer.md.

examples:
  entente explore data/actors.yaml
  entente explore data/actors.yaml --level state --out figures/explorer-states.html
"""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_data_option(parser)
    parser.add_argument("--out", metavar="PATH", help=f"output file (default: explorer.html in {OUT_RULE})")
    add_force_option(parser)
    parser.add_argument(
        "--level",
        choices=LEVELS,
        default="person",
        help="person: actors as coded (default); state: ties projected onto states",
    )


def run(args: argparse.Namespace) -> int:
    from network.explorer import write_explorer

    dataset = load_or_report(args.data, max_bytes=args.max_bytes)
    if dataset is None:
        return 1
    if refuse_no_dated_ties("explore", dataset, args.data):
        return 1
    args.out = args.out or f"{default_output(args.data)}/explorer.html"
    if refuse_input_as_output("explore", args.out, args.data):
        return 2
    if output_refused("explore", str(Path(args.out).parent), args.data, args.force):
        return 2
    path = write_explorer(dataset, args.out, level=args.level)
    print(f"wrote {path} ({os.path.getsize(path) / 1024:.0f} KiB)")
    return 0
