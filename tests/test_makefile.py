"""`make help` lists every developer command the Makefile has, each with what it does."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
MAKEFILE = ROOT / "Makefile"


def _targets() -> dict[str, str]:
    """Target -> its ``##`` description ('' if it has none)."""
    out = {}
    for line in MAKEFILE.read_text(encoding="utf-8").splitlines():
        m = re.match(r"^([A-Za-z][A-Za-z0-9_-]*):(?!=)(.*)$", line)
        if m and m.group(1) != "PHONY":
            words = m.group(2).split("##", 1)
            out[m.group(1)] = words[1].strip() if len(words) == 2 else ""
    return out


def test_every_target_says_what_it_does_and_is_phony():
    """Should give every target a ``##`` description (what ``make help`` prints) and declare it phony."""
    targets = _targets()
    assert "help" in targets and len(targets) > 5
    assert [t for t, words in targets.items() if not words] == []
    phony = re.search(r"^\.PHONY:(.*)$", MAKEFILE.read_text(encoding="utf-8"), re.M)
    assert phony is not None and set(phony.group(1).split()) == set(targets)


@pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")
def test_make_help_lists_every_target():
    """Should list every target, in the Makefile's order, with its description."""
    shown = subprocess.run(
        ["make", "-s", "help"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout
    rows = [re.match(r"^\s+make (\S+)\s+(.*)$", line) for line in shown.splitlines() if line.strip()]
    assert all(rows)
    assert [(m.group(1), m.group(2)) for m in rows if m] == list(_targets().items())
