"""The codebook and the data agree: its examples exist, ids follow its rule, tags are on its list."""

import re
from pathlib import Path

import pytest

from network import load

ROOT = Path(__file__).resolve().parents[2]
CODEBOOK = (ROOT / "docs" / "codebook.md").read_text(encoding="utf-8")
TIE_ID = re.compile(r"`([a-z][a-z0-9_]*-[a-z][a-z0-9_]*-[a-z_]+-[0-9a-z_.-]+)`")


@pytest.fixture(scope="module")
def dataset():
    return load(ROOT / "data" / "actors.yaml", strict=True)


def rule_id(tie) -> str:
    """The id the codebook's rule (section 6.5) gives a tie, before any ``-2`` suffix.

    >>> from network.dataset.edtf import parse_edtf
    >>> from network.dataset.model import Tie
    >>> rule_id(Tie("x", "a", "b", 1, start=parse_edtf("1958~"), type="aid"))
    'a-b-aid-1958'
    """
    when = tie.date.text if tie.date is not None else (tie.start.text if tie.start is not None else "..")
    for ch in "~?%":
        when = when.replace(ch, "")
    return f"{tie.source}-{tie.target}-{tie.type}-{when.replace('/', '_').replace('..', 'open')}"


def test_every_example_tie_id_exists(dataset):
    """Should name only real ties as examples (every `source-target-type-when` in the codebook)."""
    named = set(TIE_ID.findall(CODEBOOK))
    assert len(named) > 30
    assert sorted(named - {t.id for t in dataset.ties}) == []


def test_tie_ids_follow_the_rule(dataset):
    """Should give every tie the id section 6.5 derives, with -2, -3 for repeats."""
    bad = []
    for t in dataset.ties:
        base = rule_id(t)
        if not (t.id == base or re.fullmatch(re.escape(base) + r"-[2-9]", t.id)):
            bad.append((t.id, base))
    assert bad == []


def test_tags_are_on_the_closed_list(dataset):
    """Should use only the tags section 6.6 lists."""
    section = CODEBOOK.split("### 6.6 Tags", 1)[1].split("\n## ", 1)[0]
    allowed = set(re.findall(r"^\| `([a-z_0-9]+)` \|", section, flags=re.M))
    assert len(allowed) > 20
    used = {tag for t in dataset.ties for tag in t.tags}
    assert sorted(used - allowed) == []


def test_alternatives_and_reports_are_used_as_the_codebook_says(dataset):
    """Should hold the 1956 alternatives as one shared weight, and a reported date on report-dated events."""
    alts = [t for t in dataset.ties if t.alternative == "who_moved_against_hoxha_1956"]
    assert {t.source for t in alts} == {"khrushchev", "tito"}
    assert all(t.confidence == "hedged" for t in alts)
    pula = dataset.tie("tito-hoxha-disapprove-1956-11")
    assert pula.reported is not None and pula.upper.isoformat() == "1956-11-15"
    assert dataset.actors["anti_hoxha_faction"].projects is False
