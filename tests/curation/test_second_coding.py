"""The two-curator agreement that docs/coverage.md reports is what `entente agree` computes.

The command in the section "Agreement between two curators" is the one home of the scope: this
test parses it with the command's own parser, recomputes the agreement of data/actors.yaml and
data/second-coding.yaml, and checks every number of the section's two tables.
"""

from __future__ import annotations

import random
import re
import shlex
from pathlib import Path

import pytest

from network import load
from network.cli import build_parser
from network.curation.agreement import Scope, agreement

ROOT = Path(__file__).resolve().parents[2]
COVERAGE = ROOT / "docs" / "coverage.md"
SECOND = ROOT / "data" / "second-coding.yaml"


def _section() -> str:
    text = COVERAGE.read_text(encoding="utf-8")
    start = text.index("## Agreement between two curators")
    end = text.find("\n## ", start + 1)
    return text[start : end if end != -1 else len(text)]


def _command_args():
    block = re.search(r"```sh\n(entente agree .*?)\n```", _section(), flags=re.S)
    assert block, "the section shows the entente agree command it reports"
    words = shlex.split(block.group(1).replace("\\\n", " "))
    return build_parser().parse_args(words[1:])


def _table(title: str) -> list[dict[str, str]]:
    """The markdown table under the line that starts with ``title``."""
    lines = _section().splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith(title))
    table = []
    for line in lines[start + 1 :]:
        if not line.startswith("|"):
            if table:
                break
            continue
        table.append([c.strip() for c in line.strip("|").split("|")])
    head, _, *body = table
    return [dict(zip(head, row, strict=True)) for row in body]


@pytest.fixture(scope="module")
def result():
    args = _command_args()
    assert Path(args.a) == Path("data/actors.yaml") and Path(args.b) == Path("data/second-coding.yaml")
    scope = Scope.of(
        pages=(p for group in args.pages or [] for p in group),
        notes=(n for group in args.notes or [] for n in group),
        ties=args.ties or (),
    )
    a, b = load(ROOT / args.a), load(ROOT / args.b)
    return agreement(a, b, scope=scope, level=args.level, resamples=args.resamples, seed=args.seed)


def test_the_sample_is_the_seeded_draw():
    """Should be the six paragraphs drawn with seed 1962 from the 56 (docs/second-coding.md)."""
    assert sorted(random.Random(1962).sample(range(1, 57), 6)) == [7, 12, 21, 24, 49, 56]
    assert "paragraphs 7, 12, 21, 24, 49 and 56" in load(SECOND).title


def test_the_second_coding_is_all_in_scope(result):
    """Should take every tie of the second coding into the comparison (it codes only the sample)."""
    assert result.outside_b == 0 and result.coded_b == len(load(SECOND).ties)


def test_counts_match_the_report(result):
    """Should report the ties, matches and unit agreement that the command gives."""
    counts = {row["measure"]: row["value"] for row in _table("Ties in scope")}
    assert int(counts["first curator (data/actors.yaml)"]) == result.coded_a
    assert int(counts["second curator (data/second-coding.yaml)"]) == result.coded_b
    assert int(counts["matched one to one"]) == len(result.pairs)
    assert int(counts["only the first curator"]) == len(result.only_a)
    assert int(counts["only the second curator"]) == len(result.only_b)
    unit = 2 * len(result.pairs) / (result.coded_a + result.coded_b)
    assert counts["unit agreement"] == f"{unit:.3f}"


def test_fields_match_the_report(result):
    """Should report each field's pairs, agreements, alpha with its interval, and kappa as computed."""

    def show(x):
        return "n/a" if x is None else f"{x:.3f}"

    rows = {row["field"]: row for row in _table("Agreement per field")}
    assert set(rows) == {f.field for f in result.fields}
    for f in result.fields:
        row = rows[f.field]
        assert (int(row["pairs"]), int(row["agreed"])) == (f.pairs, f.agreed)
        assert row["alpha"] == show(f.alpha)
        assert row["95% interval"] == f"{show(f.alpha_low)} to {show(f.alpha_high)}"
        assert row["kappa"] == ("" if f.measurement != "nominal" else show(f.kappa))
