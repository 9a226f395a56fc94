"""Options and helpers shared by the subcommands."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from ..options import DEFAULT_MAX_BYTES

if TYPE_CHECKING:
    from ..model import Dataset

DEFAULT_DATA = "data/actors.yaml"


def add_data_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--data", default=DEFAULT_DATA, metavar="PATH", help=f"dataset file (default: {DEFAULT_DATA})"
    )
    add_max_bytes_option(parser)


def add_max_bytes_option(parser: argparse.ArgumentParser) -> None:
    """The --max-bytes limit every command that reads a dataset takes."""
    parser.add_argument(
        "--max-bytes",
        type=int,
        default=DEFAULT_MAX_BYTES,
        metavar="N",
        help="refuse data files larger than N bytes (default: %(default)s)",
    )


def load_or_report(
    path: str, strict: bool | None = None, max_bytes: int = DEFAULT_MAX_BYTES
) -> Dataset | None:
    """Load the dataset, or print every problem to stderr and return None.

    ``strict`` None checks the curation policy the dataset declares (``policy:``).
    """
    from ..loader import check

    dataset, problems = check(path, strict=strict, max_bytes=max_bytes)
    if problems or dataset is None:
        for p in problems:
            print(p, file=sys.stderr)
        n = len(problems)
        print(f"{path}: invalid: {n} problem{'s' if n != 1 else ''}", file=sys.stderr)
        return None
    return dataset
