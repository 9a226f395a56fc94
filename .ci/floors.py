"""Pin every runtime dependency to its declared floor, or check that the installed versions are the floors.

    python .ci/floors.py            # print a pip constraints file: name==floor, one per line
    python .ci/floors.py --check    # exit 1 unless each runtime dependency is installed at its floor

The floors are the ``>=`` bounds of ``[project] dependencies`` in pyproject.toml;
a dependency without one is an error (it would have no floor to test).
"""

from __future__ import annotations

import re
import sys
import tomllib
from importlib.metadata import version
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def floors() -> dict[str, str]:
    """Each runtime dependency's name and its lowest declared version."""
    declared = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["dependencies"]
    out = {}
    for requirement in declared:
        m = re.fullmatch(r"([A-Za-z0-9_.-]+)\s*>=\s*([0-9][0-9A-Za-z.]*)(\s*,.*)?", requirement)
        if not m:
            raise SystemExit(f"pyproject.toml: {requirement!r} has no '>=' floor to test")
        out[m.group(1)] = m.group(2)
    return out


def _same(a: str, b: str) -> bool:
    """Whether two release numbers are equal, as pip compares them (``1.26`` is ``1.26.0``)."""

    def key(v: str) -> list[str]:
        parts = v.split(".")
        while len(parts) > 1 and parts[-1] == "0":
            parts.pop()
        return parts

    return key(a) == key(b)


def main(argv: list[str]) -> int:
    pins = floors()
    if argv == ["--check"]:
        wrong = [f"{n} {version(n)} (floor {v})" for n, v in pins.items() if not _same(version(n), v)]
        if wrong:
            print("not at the declared floor: " + ", ".join(wrong), file=sys.stderr)
            return 1
        print("at the declared floors: " + ", ".join(f"{n}=={v}" for n, v in pins.items()))
        return 0
    print("\n".join(f"{n}=={v}" for n, v in pins.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
