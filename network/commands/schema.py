"""``entente schema``: print or write the JSON Schema of format v1."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

HELP = "print the JSON Schema (draft-07) of format v1, or write it with --out"
DESCRIPTION = """\
The JSON Schema is generated from the same field specs the loader checks.
The committed copy lives at network/schemas/format-1.schema.json; data files
point their editors at it on line 1:

  # yaml-language-server: $schema=../network/schemas/format-1.schema.json
"""


def schema_text() -> str:
    from network.dataset.spec import json_schema

    return json.dumps(json_schema(), indent=2, ensure_ascii=False) + "\n"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--out", metavar="PATH", help="write to PATH instead of standard output")


def run(args: argparse.Namespace) -> int:
    from network.output.atomic import write_text

    text = schema_text()
    if args.out:
        if _not_a_schema(args.out):
            print(
                f"entente schema: refused: {args.out} exists and is not a JSON Schema this command "
                "wrote (a dataset?); give a new path, or remove the file first",
                file=sys.stderr,
            )
            return 2
        write_text(args.out, text)
        print(f"wrote {args.out}")
    else:
        print(text, end="")
    return 0


def _not_a_schema(path: str) -> bool:
    """Whether ``path`` is something other than nothing or a JSON Schema (which --out may replace)."""
    target = Path(path)
    if not target.exists():
        return False
    if not target.is_file():
        return True
    try:
        with target.open("rb") as fh:
            head = fh.read(1 << 20)
        return "$schema" not in json.loads(head.decode("utf-8"))
    except (OSError, ValueError, TypeError):
        return True
