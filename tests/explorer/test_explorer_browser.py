"""The explorer in a real browser: Debian's Chromium, driven headless by Playwright.

The browser is the fixture ``browser`` (tests/explorer/conftest.py): outside CI the tests are
skipped when Playwright or Chromium is missing; in CI they fail instead. With
``ENTENTE_SCREENSHOTS=1`` the screenshot tests write ``docs/explorer.png`` (the picture in the
README) and the phone and desktop screenshots in docs/, from the real dataset; without it they
change nothing.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any

import pytest

from network import load
from network.explorer import write_explorer
from network.explorer.data import MEASURE_LABELS
from network.explorer.data import years as explorer_years
from network.report import write_report
from network.timeline.snapshots import snapshots

ROOT = Path(__file__).resolve().parents[2]
MINI = ROOT / "tests" / "data" / "mini.yaml"
SCREENSHOT = ROOT / "docs" / "explorer.png"
#: The screens every page must work on: a phone held upright and a laptop.
SCREENS = {"phone": (400, 800), "desktop": (1280, 800)}

EVIL = """\
format: 1
title: "Evil </script><script>alert(1)</script> & co"
sources:
- id: s
  citation: "A source with </script><script>alert(3)</script> in it"
periods:
- {id: p1, label: "First & <b>bold</b> </script>", start: '1958', end: '1959'}
actors:
- {id: a, name: "A </script><script>alert(4)</script>", kind: state}
- {id: b, name: B, kind: state}
ties:
- id: a-b-1958
  source: a
  target: b
  date: '1958'
  sign: 1
  type: praise
  cite: {source: s, page: 3, primary: "x </script><script>alert(2)</script>"}
  evidence: "</script><script>alert(1)</script> \\u2028 <!-- <script>"
  confidence: stated
"""


class Page:
    """A browser tab on one explorer file that records console errors, dialogs and every request."""

    def __init__(
        self, browser: Any, path: Path, year: int | None = None, size: tuple[int, int] = (1280, 800)
    ) -> None:
        self.url = path.resolve().as_uri()
        self.errors: list[str] = []
        self.requests: list[str] = []
        self.dialogs: list[str] = []
        self.tab = browser.new_page(viewport={"width": size[0], "height": size[1]})
        self.tab.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.tab.on("pageerror", lambda e: self.errors.append(str(e)))
        self.tab.on("request", lambda r: self.requests.append(r.url))
        self.tab.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))
        self.tab.goto(self.url + (f"#year={year}" if year is not None else ""))
        if path.name.startswith("explorer"):
            self.tab.wait_for_selector("html[data-ready=true]")

    def year(self) -> int:
        return int(self.tab.get_attribute("html", "data-year"))

    def edges(self) -> set[tuple[str, str, int]]:
        """The edges drawn now: (source, target, sign) with source < target."""
        found = self.tab.eval_on_selector_all(
            "#edges .edge",
            "els => els.map(e => [e.dataset.source, e.dataset.target, Number(e.dataset.sign)])",
        )
        return {(min(s, t), max(s, t), sign) for s, t, sign in found}

    def close(self) -> None:
        """Check that nothing went wrong, then close the tab."""
        self.tab.close()
        assert self.errors == [], self.errors
        assert self.dialogs == [], self.dialogs
        assert {r.split("#")[0] for r in self.requests} == {self.url}, self.requests


def _expected(path: Path, level: str = "person") -> dict[int, set[tuple[str, str, int]]]:
    """Each year's edges, from the library (not from the page's own data)."""
    return {
        int(s.window.id): {(min(u, v), max(u, v), d["sign"]) for u, v, d in s.graph.edges(data=True)}
        for s in snapshots(load(path), level=level)
    }


@pytest.fixture(scope="module")
def mini_page(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_explorer(load(MINI), tmp_path_factory.mktemp("explorer") / "explorer.html")


def test_slider_draws_each_years_edges(browser, mini_page):
    """Should draw exactly that year's edges as the slider is moved with the keyboard."""
    expected = _expected(MINI)
    page = Page(browser, mini_page)
    page.tab.focus("#year")
    page.tab.keyboard.press("Home")
    years = sorted(expected)
    assert page.year() == years[0]
    for year in years:
        if year != years[0]:
            page.tab.keyboard.press("ArrowRight")
        assert page.year() == year
        assert page.tab.input_value("#year") == str(year)
        assert page.tab.text_content("#year-label") == str(year)
        assert page.edges() == expected[year], year
    assert page.tab.evaluate("location.hash") == f"#year={years[-1]}"
    page.close()


def test_tooltip_shows_the_citation(browser, mini_page):
    """Should show a tie's type, date and citation when its edge is focused, and when hovered."""
    page = Page(browser, mini_page, year=1958)
    edge = '#edges .edge[data-source="hoxha"][data-target="mao"]'
    page.tab.focus(edge)
    tip = page.tab.locator("#tooltip")
    assert tip.is_visible()
    text = tip.text_content()
    assert "praise" in text and "1958-11" in text
    assert "mini, p. 4 (People's Daily, November 29, 1958)" in text
    page.tab.keyboard.press("Escape")
    assert not tip.is_visible()
    # hover: find a point on the drawn line that is this edge's own (not under a crossing edge)
    point = page.tab.evaluate(
        """sel => {
        const l = document.querySelector(sel + ' .ink').getBoundingClientRect();
        for (const t of [0.5, 0.4, 0.6, 0.3, 0.7, 0.2, 0.8]) {
            const line = document.querySelector(sel + ' .ink');
            const m = line.getScreenCTM(), p = line.getPointAtLength(line.getTotalLength() * t);
            const q = new DOMPoint(p.x, p.y).matrixTransform(m), hit = document.elementFromPoint(q.x, q.y);
            if (hit && hit.closest(sel)) return [q.x, q.y];
        }
        return null;
    }""",
        edge,
    )
    assert point is not None
    page.tab.mouse.move(*point)
    assert tip.is_visible()
    assert "mini, p. 4" in tip.text_content()
    page.close()


def test_hash_opens_that_year(browser, mini_page):
    """Should open the year named in #year=, and follow a change of the hash."""
    expected = _expected(MINI)
    page = Page(browser, mini_page, year=1958)
    assert page.year() == 1958
    assert page.tab.input_value("#year") == "1958"
    assert page.edges() == expected[1958]
    page.tab.evaluate("location.hash = '#year=1960'")
    page.tab.wait_for_selector("html[data-year='1960']")
    assert page.edges() == expected[1960]
    page.close()


def test_clicking_an_actor_shows_its_ties_and_centrality(browser, mini_page):
    """Should dim the other ties and show the actor's rank and measures for that year."""
    page = Page(browser, mini_page, year=1959)
    page.tab.click('#nodes .node[data-id="albania"] circle')
    details = page.tab.text_content("#details")
    assert "Albania" in details and MEASURE_LABELS["rank"] in details and "PN index" in details
    assert "Total weight of ties" in details  # the ranking's own column, beside the others
    lit = page.tab.eval_on_selector_all(
        "#edges .edge:not(.dim)", "els => els.map(e => [e.dataset.source, e.dataset.target])"
    )
    assert lit and all("albania" in pair for pair in lit)
    page.tab.keyboard.press("Escape")
    assert page.tab.eval_on_selector_all("#edges .edge.dim", "els => els.length") == 0
    page.close()


def test_an_actors_camp_is_said_in_words_and_camps_explained(browser, mini_page):
    """Should say what an actor's colour means when it is clicked, and what a camp is under the legend."""
    from network.measures.camps import CAMP_EXPLAINED

    page = Page(browser, mini_page, year=1960)
    assert page.tab.text_content("#legend .camps-note") == CAMP_EXPLAINED
    page.tab.click('#nodes .node[data-id="albania"] circle')
    assert "Camp in 1960: on China's side only through shared enemies." in page.tab.text_content("#details")
    page.close()


def test_play_moves_through_the_years(browser, mini_page):
    """Should advance the year by itself after Play, and stop on Pause."""
    page = Page(browser, mini_page, year=1957)
    page.tab.click("#play")
    assert page.tab.get_attribute("#play", "aria-pressed") == "true"
    page.tab.wait_for_selector("html[data-year='1958']", timeout=5000)
    page.tab.click("#play")
    assert page.tab.get_attribute("#play", "aria-pressed") == "false"
    page.close()


def test_script_in_a_field_stays_text(browser, tmp_path):
    """Should show a field holding </script><script>alert(1)</script> as text, run nothing."""
    data = tmp_path / "evil.yaml"
    data.write_text(EVIL, encoding="utf-8")
    page = Page(browser, write_explorer(load(data), tmp_path / "evil.html"))
    assert page.tab.title().startswith("Evil </script>")
    page.tab.focus("#edges .edge")
    text = page.tab.text_content("#tooltip")
    assert "</script><script>alert(1)</script>" in text
    assert "x </script><script>alert(2)</script>" in text
    assert page.tab.eval_on_selector_all("script", "els => els.length") == 2
    page.close()


def test_screenshot_of_the_real_page(browser, tmp_path):
    """Should render the real dataset with a tie's footnote showing, and save it for the README."""
    path = write_explorer(load(ROOT / "data" / "actors.yaml"), tmp_path / "explorer.html")
    years = sorted(_expected(ROOT / "data" / "actors.yaml"))
    year = 1958 if 1958 in years else years[len(years) // 2]
    page = Page(browser, path, year=year)
    page.tab.click('#nodes .node[data-id="albania"] circle')  # its ties lit, its centrality shown
    assert MEASURE_LABELS["rank"] in page.tab.text_content("#details")
    edges = page.tab.eval_on_selector_all(
        "#edges .edge:not(.dim)",
        """els => els.map(e => {
            const r = e.getBoundingClientRect(), s = document.querySelector('#graph').getBoundingClientRect();
            const dx = r.x + r.width / 2 - (s.x + s.width / 2);
            const dy = r.y + r.height / 2 - (s.y + s.height / 2);
            return [e.dataset.source, e.dataset.target, e.ariaLabel, Math.hypot(dx, dy)];
        })""",
    )
    # a lit tie with few ties behind it, far from the middle, so its footnote fits beside the network
    source, target, *_ = min(edges, key=lambda e: (int(re.search(r"(\d+) ties?$", e[2]).group(1)) > 2, -e[3]))
    page.tab.focus(f'#edges .edge[data-source="{source}"][data-target="{target}"]')
    assert page.tab.locator("#tooltip").is_visible()
    assert "tretiak1962" in page.tab.text_content("#tooltip")
    shot = page.tab.screenshot()
    page.close()
    assert len(shot) > 20_000
    _save(shot, SCREENSHOT)


def _save(shot: bytes, path: Path) -> None:
    """Write a screenshot into docs/ (the pictures the docs show) when asked to.

    Only with ``ENTENTE_SCREENSHOTS=1``, so a test run never changes the checkout:
    ``ENTENTE_SCREENSHOTS=1 python -m pytest tests/explorer/test_explorer_browser.py`` refreshes them.
    """
    assert shot[:8] == b"\x89PNG\r\n\x1a\n"
    if os.environ.get("ENTENTE_SCREENSHOTS") != "1":
        return
    if not path.exists() or path.read_bytes() != shot:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(shot)


_OVERLAPS = """(selector = '#nodes text') => {
    const boxes = Array.from(document.querySelectorAll(selector))
        .filter(t => t.getAttribute('visibility') !== 'hidden')
        .map(t => [t.closest('.node') ? t.closest('.node').dataset.id : t.textContent,
                   t.getBoundingClientRect()]);
    const out = [];
    for (let i = 0; i < boxes.length; i++) for (let j = i + 1; j < boxes.length; j++) {
        const [a, p] = boxes[i], [b, q] = boxes[j];
        if (p.left < q.right && q.left < p.right && p.top < q.bottom && q.top < p.bottom) out.push([a, b]);
    }
    return [out, boxes.map(b => b[0])];
}"""


@pytest.mark.parametrize("screen", sorted(SCREENS))
def test_labels_never_run_into_each_other(browser, tmp_path, screen):
    """Should show no two actor labels overlapping (rendered boxes) in any year of the real data, and label
    the poles and Yugoslavia (46 ties) in every year they have ties, at phone and at desktop size."""
    data = load(ROOT / "data" / "actors.yaml")
    path = write_explorer(data, tmp_path / "explorer.html")
    active = {
        int(s.window.id): {n for n, d in s.graph.nodes(data=True) if d["active"]}
        for s in snapshots(data, by=explorer_years(data), level="person")
    }
    page = Page(browser, path, size=SCREENS[screen])
    for year in sorted(active):
        page.tab.evaluate(f"location.hash = '#year={year}'")
        page.tab.wait_for_selector(f"html[data-year='{year}']")
        pairs, shown = page.tab.evaluate(_OVERLAPS, "#nodes text")
        assert pairs == [], (year, pairs)
        must = {"ussr", "china", "yugoslavia"} & active[year]
        assert must <= set(shown), (year, must - set(shown))
    page.close()


_FIT = """() => {
    const buttons = Array.from(document.querySelectorAll('button')).filter(b => b.offsetParent !== null);
    return {
        scroll: document.documentElement.scrollWidth,
        view: window.innerWidth,
        svg: document.querySelector('svg#graph, svg.snapshot').getBoundingClientRect().width,
        clipped: buttons.filter(b => b.scrollWidth > b.clientWidth + 1 || b.scrollHeight > b.clientHeight + 1)
            .map(b => b.textContent),
        narrowest: Math.min(...buttons.map(b => b.textContent.trim().length)),
    };
}"""


@pytest.mark.parametrize("screen", sorted(SCREENS))
@pytest.mark.parametrize("which", ["explorer", "report"])
def test_every_screen(browser, tmp_path, which, screen):
    """Should fit the explorer and a lesson page to a phone (400 px) and a desktop: no sideways scrolling,
    the network spanning most of the width, every button's text whole; saves the screenshots in docs/."""
    data = load(ROOT / "data" / "actors.yaml")
    if which == "explorer":
        path, year = write_explorer(data, tmp_path / "explorer.html"), 1958
    else:
        pages = write_report(data, tmp_path)
        path, year = next(Path(p) for p in pages if str(p).endswith("crisis_period.html")), None
    width = SCREENS[screen][0]
    page = Page(browser, path, year=year, size=SCREENS[screen])
    fit = page.tab.evaluate(_FIT)
    assert fit["scroll"] <= fit["view"] == width, fit
    # a desktop: the explorer's network shares the width with its legend, a lesson page has a reading measure
    share = 0.9 if screen == "phone" else 0.6 if which == "explorer" else 0.85
    assert fit["svg"] >= share * width, fit
    assert fit["clipped"] == [], fit
    if which == "explorer":
        assert fit["narrowest"] >= 4, fit  # Play, and whole period names: no one-letter buttons
    pairs, shown = page.tab.evaluate(_OVERLAPS, "#nodes text, svg.snapshot text")
    assert pairs == [] and len(shown) > 10, pairs
    shot = page.tab.screenshot(full_page=which == "explorer")
    page.close()
    _save(shot, ROOT / "docs" / f"{which}-{screen}.png")
