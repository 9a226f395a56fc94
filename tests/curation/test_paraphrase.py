"""Evidence is paraphrase: no run of 8 or more words of the article appears unquoted in the data.

The article's OCR text lives outside the repository, in ``../shared/sources``
(or ``../../shared/sources`` from a worktree under ``wt/``, or the folder named
by ``ENTENTE_SOURCES``); without it the tests are skipped. Words are compared with spaces and punctuation
removed, so the OCR's run-together words ("Communistbloc") and joined
hyphenations still match. Text inside double quotes is a marked quotation
(the codebook allows one under 25 words) and is not searched; a quotation
of 25 words or more is reported.
"""

import os
import re
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
NAME = "tretiak-1962-sino-albanian-entente.ocr.txt"
PLACES = [Path(os.environ["ENTENTE_SOURCES"])] if os.environ.get("ENTENTE_SOURCES") else []
PLACES += [ROOT.parent / "shared" / "sources", ROOT.parents[1] / "shared" / "sources"]
ARTICLE = next((p / NAME for p in PLACES if (p / NAME).exists()), PLACES[-1] / NAME)
DATA = ROOT / "data" / "actors.yaml"
RUN = 8
QUOTE = re.compile(r'"[^"]*"')

needs_article = pytest.mark.skipif(not ARTICLE.exists(), reason="the article (../shared/sources) is absent")


def _compact(text: str) -> str:
    return re.sub(r"[^a-z0-9]", "", text.lower())


def _coverage_claims() -> list[tuple[str, str]]:
    """(where, text) for the claim column of docs/coverage.md."""
    text = (ROOT / "docs" / "coverage.md").read_text(encoding="utf-8")
    return [
        (f"docs/coverage.md claim {n}", claim)
        for n, claim in re.findall(r"^\| (\d+) \| \d+ \| (.+?) \|", text, re.M)
    ]


def _texts(data: dict) -> list[tuple[str, str]]:
    """(where, text) for every free text of the dataset: evidence, notes, descriptions."""
    out = []
    for t in data.get("ties", []):
        for key in ("evidence", "note"):
            if t.get(key):
                out.append((f"tie {t['id']} {key}", t[key]))
    for a in data.get("actors", []):
        if a.get("note"):
            out.append((f"actor {a['id']} note", a["note"]))
    for p in data.get("periods", []):
        if p.get("description"):
            out.append((f"period {p['id']} description", p["description"]))
    return out


def shared_runs(text: str, source: str, run: int = RUN) -> list[str]:
    """The runs of ``run`` words of ``text``, outside double quotes, that occur in ``source`` (compacted).

    >>> shared_runs('He said "a b c d e f g h" then i j', "abcdefgh")
    []
    >>> shared_runs("a b c d e f g h", "xxabcdefghxx")
    ['a b c d e f g h']
    """
    hits = []
    for segment in QUOTE.split(text):
        words = re.findall(r"[a-z0-9]+", segment.lower())
        for i in range(len(words) - run + 1):
            if "".join(words[i : i + run]) in source:
                hits.append(" ".join(words[i : i + run]))
    return hits


@needs_article
def test_no_unquoted_run_of_eight_words_from_the_article():
    """Should paraphrase: no evidence, note or coverage claim repeats 8 article words outside quotes."""
    source = _compact(ARTICLE.read_text(encoding="utf-8"))
    data = yaml.safe_load(DATA.read_text(encoding="utf-8"))
    texts = _texts(data) + _coverage_claims()
    bad = [(where, runs[0]) for where, text in texts if (runs := shared_runs(text, source))]
    assert not bad, "\n".join(f"{w}: '{r}'" for w, r in bad)


@needs_article
def test_quotations_stay_under_25_words():
    """Should keep every marked quotation under 25 words."""
    data = yaml.safe_load(DATA.read_text(encoding="utf-8"))
    long = [
        (where, q[:60])
        for where, text in _texts(data)
        for q in QUOTE.findall(text)
        if len(re.findall(r"\S+", q)) >= 25
    ]
    assert not long
