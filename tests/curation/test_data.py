"""Invariants of the curated dataset, data/actors.yaml (named tests in the manner of congress-legislators)."""

import difflib
from collections import Counter
from pathlib import Path

import pytest

from network import load
from network.dataset.canonical import canonical_text

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "data" / "actors.yaml"
#: The article's footnotes run 1-62 and its pages 123-143 (The China Quarterly, no. 10, 1962).
FOOTNOTES = range(1, 63)
PAGES = range(123, 144)
FIXED_IDS = {
    "hoxha",
    "shehu",
    "khrushchev",
    "tito",
    "mao",
    "zhou_enlai",
    "albania",
    "ussr",
    "china",
    "yugoslavia",
}


@pytest.fixture(scope="module")
def dataset():
    return load(DATA, strict=True)


def test_data_validates_strictly(dataset):
    """Should load under --strict: every tie typed, cited with a page, with evidence."""
    assert dataset.ties


def test_fixed_ids_exist(dataset):
    """Should keep the ids other code and documents rely on."""
    assert FIXED_IDS <= set(dataset.actors)


def test_cited_footnotes_exist_in_the_article(dataset):
    """Should cite only footnotes 1-62."""
    bad = [t.id for t in dataset.ties if t.cite and t.cite.note is not None and t.cite.note not in FOOTNOTES]
    assert not bad


def test_cited_pages_lie_within_the_article(dataset):
    """Should cite only pages 123-143, for ties, roles and periods alike."""
    cites = [(t.id, t.cite) for t in dataset.ties]
    cites += [(p.id, p.cite) for p in dataset.periods if p.cite]
    cites += [(a.id, r.cite) for a in dataset.actors.values() for r in a.roles if r.cite]
    bad = [(who, c.page) for who, c in cites if c is not None and c.page is not None and c.page not in PAGES]
    assert not bad


def test_every_tie_cites_the_article(dataset):
    """Should name the source of every citation."""
    sources = {s.id for s in dataset.sources}
    assert all(t.cite is not None and t.cite.source in sources for t in dataset.ties)


def test_file_is_canonical():
    """Should be in canonical form (run 'entente fmt data/actors.yaml' to fix)."""
    current = DATA.read_text(encoding="utf-8")
    expected = canonical_text(DATA)
    if current != expected:
        diff = "".join(
            difflib.unified_diff(
                current.splitlines(True), expected.splitlines(True), "data/actors.yaml", "canonical", n=1
            )
        )
        pytest.fail("data/actors.yaml is not canonical; run 'entente fmt data/actors.yaml':\n" + diff[:4000])


def test_ties_are_sorted_by_date_then_id(dataset):
    """Should keep ties ordered by earliest possible day, then id."""
    keys = [(t.lower, t.id) for t in dataset.ties]
    assert keys == sorted(keys)


def test_no_duplicate_ties(dataset):
    """Should not code the same event twice: no two ties share source, target, date, report date and type.

    Two occasions in the same month known from different reports (the two Shkoder trials of April 1959)
    are two ties (codebook 5.1); the report date tells them apart.
    """
    counts = Counter(
        (t.source, t.target, t.when, t.reported.text if t.reported else None, t.type) for t in dataset.ties
    )
    assert [k for k, n in counts.items() if n > 1] == []


def test_every_actor_takes_part(dataset):
    """Should give every actor a tie, directly or through an actor that belongs to it."""
    endpoints = {t.source for t in dataset.ties} | {t.target for t in dataset.ties}
    involved = set(endpoints)
    changed = True
    while changed:
        changed = False
        for actor in dataset.actors.values():
            if actor.id in involved:
                for m in actor.member_of:
                    if m.of not in involved:
                        involved.add(m.of)
                        changed = True
    assert sorted(set(dataset.actors) - involved) == []


def test_quotes_in_evidence_stay_short(dataset):
    """Should paraphrase: any quoted passage in evidence stays under 25 words."""
    import re

    long_quotes = []
    for t in dataset.ties:
        for quote in re.findall(r'"([^"]+)"', t.evidence or ""):
            if len(quote.split()) >= 25:
                long_quotes.append((t.id, quote))
    assert long_quotes == []


def test_periods_are_cited(dataset):
    """Should cite every named period."""
    assert all(p.cite is not None and p.cite.page is not None for p in dataset.periods)
