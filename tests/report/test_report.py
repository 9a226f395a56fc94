"""The lesson pages: a page per period in HTML and Markdown, changes with citations, questions, time line."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from network import load
from network.cli import main
from network.report import lesson, write_report

ROOT = Path(__file__).resolve().parents[2]
MINI = ROOT / "tests" / "data" / "mini.yaml"

EVIL = """\
format: 1
title: "Evil <script>alert(1)</script> | # *bold*"
sources:
- {id: s, citation: "A source <script>alert(2)</script>"}
actors:
- {id: a, name: "A <b>bold</b> | [link](http://x)", kind: state}
- {id: b, name: B, kind: state}
ties:
- {id: a-b-1958, source: a, target: b, date: '1958', sign: 1, type: praise, cite: {source: s, page: 3},
   evidence: "<script>alert(3)</script> and | pipes", confidence: stated}
- {id: a-b-1959, source: a, target: b, date: '1959', sign: -1, type: accuse, cite: {source: s, page: 4},
   evidence: "Then *hostility*", confidence: alleged}
"""


@pytest.fixture(scope="module")
def mini_report(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("report")
    write_report(load(MINI), out)
    return out


def test_a_page_per_period_in_both_formats(mini_report):
    """Should write an index and, per named period, an HTML page, a Markdown page and its picture."""
    names = sorted(p.name for p in mini_report.iterdir())
    assert names == [
        "crisis.html",
        "crisis.md",
        "index.html",
        "index.md",
        "rapprochement.html",
        "rapprochement.md",
        "snapshot-crisis.svg",
        "snapshot-rapprochement.svg",
    ]
    for svg in mini_report.glob("*.svg"):
        ET.fromstring(svg.read_text(encoding="utf-8"))  # well-formed, standalone
    md = (mini_report / "crisis.md").read_text(encoding="utf-8")
    assert "![The network in Crisis, December 1958-1960](snapshot-crisis.svg)" in md
    assert "<svg" in (mini_report / "crisis.html").read_text(encoding="utf-8")


def test_a_page_per_year_without_periods(tmp_path):
    """Should write a page per year when the dataset names no periods."""
    text = MINI.read_text(encoding="utf-8")
    text = re.sub(r"periods:\n(- .*\n(  .*\n)*)+", "", text)
    path = tmp_path / "noperiods.yaml"
    path.write_text(text, encoding="utf-8")
    paths = write_report(load(path), tmp_path / "out")
    assert {p.stem for p in paths if p.suffix == ".html"} == {"index", "1957", "1958", "1959", "1960"}


def test_changes_are_listed_with_their_citations(mini_report):
    """Should list the flipped, formed and broken ties since the last period, each tie with its footnote."""
    les = lesson(load(MINI))
    crisis = les.pages[1]
    flip = next(c for c in crisis.changes if c.kind == "flipped")
    assert flip.names == ("China", "Soviet Union")
    assert [n.citation for n in flip.now] == ["mini, p. 7"]
    assert [n.citation for n in flip.before] == ["mini, p. 2"]
    html = (mini_report / "crisis.html").read_text(encoding="utf-8")
    md = (mini_report / "crisis.md").read_text(encoding="utf-8")
    for text in (html, md):
        assert "What changed since Rapprochement, 1957-November 1958" in text
        assert "Flipped" in text and "China – Soviet Union: net weight +1 → -1" in text
        assert "China → Soviet Union: disapprove (hostile), 1960, hedged" in text
        assert "mini, p. 7" in text and "mini, p. 2" in text
    first = (mini_report / "rapprochement.md").read_text(encoding="utf-8")
    assert "## The ties of the first period" in first
    assert "mini, p. 4 (People's Daily, November 29, 1958)" in first


def test_centrality_and_balance_are_shown(mini_report):
    """Should name the most central actors and the camps of each period."""
    md = (mini_report / "crisis.md").read_text(encoding="utf-8")
    assert "| 1 | Albania |" in md
    assert "- **Linked to China by cooperative ties**: Albania, China" in md
    assert "- **Linked to Soviet Union by cooperative ties**: Soviet Union" in md
    assert "It is not an alliance" in md  # what a camp is, said where camps are shown
    assert "Frustration: 0 of 2 signed edges" in md


def test_questions_come_from_the_data(mini_report):
    """Should ask discussion questions that name the period's actors and footnotes."""
    les = lesson(load(MINI))
    for page in les.pages:
        assert page.questions
    qs = les.pages[1].questions
    assert any(
        "China and Soviet Union turned from cooperation to hostility" in q and "mini, p. 7" in q for q in qs
    )
    assert any(q.startswith("Albania was the most central actor") for q in qs)
    html = (mini_report / "crisis.html").read_text(encoding="utf-8")
    section = html.split("<h2>For discussion</h2>")[1].split("</section>")[0]
    assert section.count("<li>") == len(qs)


def test_index_has_the_time_line(mini_report):
    """Should list every period in order with its dates and link to its page, in both formats."""
    html = (mini_report / "index.html").read_text(encoding="utf-8")
    md = (mini_report / "index.md").read_text(encoding="utf-8")
    assert html.index('href="rapprochement.html"') < html.index('href="crisis.html"')
    assert "[Crisis, December 1958-1960](crisis.md)" in md
    assert "1 December 1958 to 31 December 1960" in md
    assert "China – Soviet Union" in md  # the turn of that period


def test_text_from_the_data_is_escaped(tmp_path):
    """Should show markup in any field as text in HTML, and escape Markdown's own syntax."""
    path = tmp_path / "evil.yaml"
    path.write_text(EVIL, encoding="utf-8")
    paths = write_report(load(path), tmp_path / "out")
    for p in paths:
        text = p.read_text(encoding="utf-8")
        assert "<script" not in text and "<b>bold" not in text, p.name
    md = (tmp_path / "out" / "1959.md").read_text(encoding="utf-8")
    assert "A &lt;b&gt;bold&lt;/b&gt; \\| \\[link\\](http://x)" in md
    assert "&lt;script&gt;alert(3)&lt;/script&gt; and \\| pipes" in md


def test_same_data_same_files(tmp_path):
    """Should write the same bytes for the same data."""
    a = write_report(load(MINI), tmp_path / "a")
    b = write_report(load(MINI), tmp_path / "b")
    assert [p.read_bytes() for p in a] == [p.read_bytes() for p in b]


def test_the_real_dataset(tmp_path):
    """Should write a page for every named period of the curated data."""
    ds = load(ROOT / "data" / "actors.yaml")
    paths = write_report(ds, tmp_path)
    pages = {p.stem for p in paths if p.suffix == ".md"} - {"index"}
    expected = {p.id for p in ds.periods} or {str(y) for y in range(ds.span[0].year, ds.span[1].year + 1)}
    assert pages == expected


def test_no_line_passes_through_a_node_it_does_not_connect():
    """Should draw each page's edges (lines or curves) clear of every actor's marker they do not end at."""
    import numpy as np

    from network.output.layout import route_points
    from network.report.svg import Drawing

    def gap_to_disc(start, end, bend, centre, reach):
        pts = np.array(route_points(start, end, bend, pieces=64))
        p, q, c = pts[:-1], pts[1:], np.array(centre)
        seg = q - p
        t = np.clip(((c - p) * seg).sum(axis=1) / np.maximum((seg**2).sum(axis=1), 1e-12), 0, 1)
        return float(np.sqrt(((p + t[:, None] * seg - c) ** 2).sum(axis=1)).min()) - reach

    ds = load(ROOT / "data" / "actors.yaml")
    les = lesson(ds)
    drawing = Drawing(ds, les)
    number = r"(-?[0-9.]+)"
    for page in les.pages:
        svg = drawing.svg(page)
        paths = re.findall(
            rf'<path d="M{number} {number} (?:L|Q{number} {number} ){number} {number}"[^>]*'
            rf'stroke-width="{number}"',
            svg,
        )
        discs = [
            (float(x), float(y), float(r))
            for x, y, r in re.findall(rf'cx="{number}" cy="{number}" r="{number}"', svg)
        ]
        assert len(paths) == page.snapshot.graph.number_of_edges() > 0
        for x1, y1, cx, cy, x2, y2, width in paths:
            start, end = (float(x1), float(y1)), (float(x2), float(y2))
            bend = None if cx == "" else (float(cx), float(cy))
            for x, y, r in discs:
                if (x, y) in (start, end):
                    continue
                assert gap_to_disc(start, end, bend, (x, y), r + float(width) / 2) > 0, (page.slug, x, y)


def test_report_command(tmp_path, capsys):
    """Should write the pages where --out says and name the index."""
    assert main(["report", "--data", str(MINI), "--out", str(tmp_path), "--by", "year"]) == 0
    assert "index.html" in capsys.readouterr().out
    assert (tmp_path / "1959.md").exists()
    assert main(["report", "--data", str(tmp_path / "missing.yaml"), "--out", str(tmp_path)]) == 1
