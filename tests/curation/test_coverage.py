"""docs/coverage.md: the table of the article's relational claims agrees with the data and its own totals."""

import re
from collections import Counter
from pathlib import Path

import pytest

from network import load
from network.timeline.snapshots import snapshots

ROOT = Path(__file__).resolve().parents[2]
TEXT = (ROOT / "docs" / "coverage.md").read_text(encoding="utf-8")
ROW = re.compile(r"^\| (\d+) \| (\d+) \| (.+?) \| (coded|summary|not coded) \| (.+) \|$", re.M)
STATUSES = ("coded", "summary", "not coded")


@pytest.fixture(scope="module")
def rows():
    found = ROW.findall(TEXT)
    assert [int(r[0]) for r in found] == list(range(1, len(found) + 1)), "rows numbered 1..n in order"
    return found


@pytest.fixture(scope="module")
def tie_ids():
    return {t.id for t in load(ROOT / "data" / "actors.yaml").ties}


def test_named_ties_exist_and_every_tie_is_named(rows, tie_ids):
    """Should name only real ties, and name every tie of the data at least once."""
    named = {i for r in rows if r[3] != "not coded" for i in re.findall(r"`([^`]+)`", r[4])}
    assert sorted(named - tie_ids) == []
    assert sorted(tie_ids - named) == []


def test_rows_that_are_not_coded_give_a_reason(rows):
    """Should give a reason, citing the codebook, for every claim left out, and name no tie there."""
    for r in rows:
        if r[3] == "not coded":
            assert "codebook" in r[4] and "`" not in r[4]
        else:
            assert re.search(r"`[^`]+`", r[4])


def test_pages_lie_within_the_article(rows):
    """Should give pages 123-142 only."""
    assert all(123 <= int(r[1]) <= 142 for r in rows)


def test_totals_match_the_rows_and_coverage_is_at_least_90_percent(rows):
    """Should state the totals the rows give, and cover (coded or summary) at least 90% of the claims."""
    counts = Counter(r[3] for r in rows)
    for status in STATUSES:
        assert re.search(rf"^\| {status} \| {counts[status]} \|", TEXT, re.M), status
    covered = counts["coded"] + counts["summary"]
    share = 100 * covered / len(rows)
    assert f"**{covered} of {len(rows)} = {share:.1f}%**" in TEXT
    assert share >= 90


def test_albania_ussr_table_matches_the_data():
    """Should state the state-level Albania-USSR net weight per year ('after') that the data gives."""
    section = TEXT.split("## The state-level Albania-USSR relation", 1)[1]
    stated = {
        y: float(after)
        for y, after in re.findall(r"^\| (19\d\d) \| [+-][\d.]+ \| ([+-][\d.]+) \|", section, re.M)
    }
    assert sorted(stated) == [str(y) for y in range(1954, 1962)]
    snaps = {s.window.id: s.graph for s in snapshots(load(ROOT / "data" / "actors.yaml"), level="state")}
    computed = {
        y: round(snaps[y].edges["albania", "ussr"]["weight"], 1)
        if snaps[y].has_edge("albania", "ussr")
        else 0.0
        for y in stated
    }
    assert computed == stated
