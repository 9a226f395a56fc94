"""``entente schema``: print or write the JSON Schema of format v1."""

from __future__ import annotations

import argparse
import json

HELP = "print the JSON Schema (draft-07) of format v1, or write it with --out"
DESCRIPTION = """\
The JSON Schema is generated from the same field specs the loader checks.
The committed copy lives at network/schemas/format-1.schema.json; data files
point their editors at it on line 1:

  # yaml-language-server: $schema=../network/schemas/format-1.schema.json
"""


def schema_text() -> str:
    from ..spec import json_schema

    return json.dumps(json_schema(), indent=2, ensure_ascii=False) + "\n"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--out", metavar="PATH", help="write to PATH instead of standard output")


def run(args: argparse.Namespace) -> int:
    from ..atomic import write_text

    text = schema_text()
    if args.out:
        write_text(args.out, text)
        print(f"wrote {args.out}")
    else:
        print(text, end="")
    return 0
