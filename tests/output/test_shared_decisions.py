"""The outputs agree on what they share: each decision has one home, and every output follows it.

A camp's colour, a marker's area, a line's width and look, a measure's name, the framing's poles
and the years shown are decided once (network.output.style, network.output.measure_names,
network.timeline.windows.shown_years); these tests read the outputs themselves (the figures'
views, the explorer's payload, the lesson pages' SVG, the GEXF export) and check that they say
the same for the same actor, tie and period.
"""

from __future__ import annotations

import io
import re
from pathlib import Path

import networkx as nx
import pytest

from network import load
from network.explorer.data import MEASURE_LABELS, MEASURE_WORDS, payload
from network.explorer.data import years as explorer_years
from network.export.gexf import gexf
from network.figures.data import figure_data, figure_years
from network.measures.choices import CENTRALITY_MEASURES, INVOLVEMENT
from network.output import style
from network.output.measure_names import MEASURE_NAMES, measure_phrase, measure_title, measure_words
from network.report.lesson import lesson
from network.report.render import html_pages, markdown_pages
from network.report.svg import Drawing

ROOT = Path(__file__).resolve().parents[2]
MINI = ROOT / "tests" / "data" / "mini.yaml"
TRIBES = ROOT / "data" / "tribes.yaml"


def _f(x: float) -> str:
    """A number as the lesson pages' SVG writes it."""
    return f"{x:.2f}".rstrip("0").rstrip(".")


@pytest.fixture(scope="module", params=[MINI, TRIBES], ids=["mini", "tribes"])
def outputs(request):
    """The figures' views (state level), the explorer's payload and the lesson (state level) of a dataset."""
    ds = load(request.param)
    les = lesson(ds, level="state")
    return {
        "dataset": ds,
        "figures": figure_data(ds, level="state"),
        "explorer": payload(ds, level="state"),
        "lesson": les,
        "drawing": Drawing(ds, les),
    }


def _figure_views(o, lesson_pages: bool):
    fd = o["figures"]
    views = fd.periods if lesson_pages and fd.periods else fd.years
    return {v.period: v for v in views}


def _svg_marks(o):
    """Per lesson page: actor -> (radius, fill) and dyad -> (stroke, width, dash) as the SVG draws them."""
    drawing = o["drawing"]
    out = {}
    for page in o["lesson"].pages:
        svg = drawing.svg(page)
        nodes = {}
        for n in page.snapshot.graph:
            x, y = drawing.pos[n]
            m = re.search(rf'<circle cx="{_f(x)}" cy="{_f(y)}" r="([0-9.]+)" fill="([^"]+)"', svg)
            assert m, f"no marker for {n} on {page.window.id}"
            nodes[n] = (float(m.group(1)), m.group(2))
        edges = {}
        for u, v in page.snapshot.graph.edges():
            (x1, y1), (x2, y2) = drawing.pos[u], drawing.pos[v]
            ends = [
                (f"M{_f(a)} {_f(b)} ", f"{_f(c)} {_f(d)}")
                for a, b, c, d in ((x1, y1, x2, y2), (x2, y2, x1, y1))
            ]
            found = [
                m
                for start, end in ends
                for m in re.finditer(
                    rf'<path d="{re.escape(start)}(?:L|Q[-0-9. ]+ ){re.escape(end)}" fill="none" '
                    r'stroke="([^"]+)" stroke-opacity="[0-9.]+" stroke-width="([0-9.]+)"'
                    r'(?: stroke-dasharray="([0-9. ]+)")?',
                    svg,
                )
            ]
            assert len(found) == 1, f"no single line for {u}-{v} on {page.window.id}"
            edges[frozenset((u, v))] = found[0].groups()
        out[page.window.id] = (nodes, edges)
    return out


def test_the_explorer_shows_the_figures_years(outputs):
    """Should show the same years in the explorer as in the figures (one rule: shown_years)."""
    assert outputs["explorer"]["years"] == [int(v.period) for v in outputs["figures"].years]
    ds = outputs["dataset"]
    assert [w.id for w in explorer_years(ds)] == [w.id for w in figure_years(ds)]


def test_a_camps_colour_is_the_same_in_the_figures_the_explorer_and_the_lesson_pages(outputs):
    """Should colour an actor in a period alike everywhere: the figures' camp key, the explorer's,
    and the fill the lesson pages' SVG draws it in."""
    look = outputs["explorer"]["look"]
    checked = 0
    for year, frame in outputs["explorer"]["frames"].items():
        view = _figure_views(outputs, lesson_pages=False)[year]
        for node in view.nodes:
            if node.active:
                assert frame["nodes"][node.id]["bloc"] == node.bloc
                assert look["bloc"][node.bloc]["colour"] == style.BLOC[node.bloc]["color"]
                checked += 1
    views = _figure_views(outputs, lesson_pages=True)
    for period, (nodes, _) in _svg_marks(outputs).items():
        for node in views[period].nodes:
            colour = style.BLOC[node.bloc if node.active else "none"]["color"]
            assert nodes[node.id][1] == colour, (period, node.id)
            checked += 1
    assert checked > 10


def test_a_markers_size_is_the_same_in_the_figures_the_explorer_and_the_lesson_pages(outputs):
    """Should give an actor the same marker area for the same period: the explorer's area and the
    lesson SVG's radius are the figure's (each output rounds it in its own last digit)."""
    checked = 0
    for year, frame in outputs["explorer"]["frames"].items():
        for node in _figure_views(outputs, lesson_pages=False)[year].nodes:
            if node.active:
                assert frame["nodes"][node.id]["area"] == pytest.approx(node.size, abs=0.006)
                checked += 1
    views = _figure_views(outputs, lesson_pages=True)
    for period, (nodes, _) in _svg_marks(outputs).items():
        for node in views[period].nodes:
            assert nodes[node.id][0] == pytest.approx(style.marker_radius(node.size), abs=0.006), (
                period,
                node.id,
            )
            checked += 1
    assert checked > 10


def test_a_lines_width_and_look_are_the_same_in_the_figures_the_explorer_and_the_lesson_pages(outputs):
    """Should draw a dyad in a period with the same width (one scale, its widest line at
    style.edge_top), colour and dash everywhere."""
    look = outputs["explorer"]["look"]
    checked = 0
    for year, frame in outputs["explorer"]["frames"].items():
        drawn = {frozenset((e.u, e.v)): e for e in _figure_views(outputs, lesson_pages=False)[year].edges}
        assert len(drawn) == len(frame["edges"])
        for e in frame["edges"]:
            fig = drawn[frozenset((e["source"], e["target"]))]
            assert e["width"] == pytest.approx(fig.width, abs=0.0006)
            assert fig.kind == style.edge_kind(e["sign"])
            assert look["sign"][str(e["sign"])]["colour"] == style.EDGE[fig.kind]["color"]
            checked += 1
    views = _figure_views(outputs, lesson_pages=True)
    for period, (_, edges) in _svg_marks(outputs).items():
        drawn = {frozenset((e.u, e.v)): e for e in views[period].edges}
        assert set(drawn) == set(edges)
        for dyad, (stroke, width, dash) in edges.items():
            fig = drawn[dyad]
            assert stroke == style.EDGE[fig.kind]["color"]
            assert float(width) == pytest.approx(fig.width, abs=0.006)
            pattern = style.EDGE[fig.kind]["dash"]
            assert (dash is None) == (pattern is None)
            checked += 1
    assert checked > 5


def test_the_lesson_pages_style_sheet_takes_the_edges_colours():
    """Should border a cooperative and a hostile tie on a lesson page in the edges' colours."""
    les = lesson(load(MINI))
    page = next(iter(html_pages(les, Drawing(load(MINI), les)).values()))
    assert f"border-left: 4px solid {style.EDGE['positive']['color']};" in page
    assert f"border-left: 4px dashed {style.EDGE['negative']['color']};" in page
    assert "@positive@" not in page and "@negative@" not in page


def test_a_measure_has_one_name_in_every_output():
    """Should name every centrality measure from one table: the figures' legends, the explorer's
    labels, the lesson pages' table and key."""
    assert set(MEASURE_NAMES) == set(CENTRALITY_MEASURES)
    ds = load(MINI)
    fd = figure_data(ds, level="state")
    assert measure_phrase(INVOLVEMENT) in fd.years[0].legend_title.replace("\n", " ")
    assert measure_phrase(INVOLVEMENT) in fd.small_multiples.subtitle.replace("\n", " ")
    pagerank = figure_data(ds, level="state", size_by="pagerank")
    assert f"Node area: {measure_phrase('pagerank')}" in pagerank.years[0].legend_title.replace("\n", " ")
    for key, label in MEASURE_LABELS.items():
        if key != "rank":
            assert label == measure_title(key) and MEASURE_WORDS[key] == measure_words(key)
    les = lesson(ds)
    pages = {**html_pages(les, Drawing(ds, les)), **markdown_pages(les)}
    central = [text for text in pages.values() if "Who was most central" in text]
    assert central
    for text in central:
        assert measure_title("degree_pos") in text and measure_words("degree_pos") in text


def test_the_framings_poles_are_the_same_in_every_output(outputs):
    """Should pin and mark the dataset's poles alike: the figures' positions, the explorer's pole
    flags and places, the lesson's poles and the GEXF positions."""
    ds = outputs["dataset"]
    fd, p = outputs["figures"], outputs["explorer"]
    assert outputs["lesson"].poles == ds.poles
    assert {a["id"] for a in p["actors"] if a["pole"]} == set(ds.poles)
    assert {n.id for n in fd.years[0].nodes if n.pole} == set(ds.poles) & {n.id for n in fd.years[0].nodes}
    g = nx.read_gexf(io.BytesIO(gexf(ds, level="state").encode()), version="1.3")
    for actor in g:
        x, y = fd.positions[actor]
        viz = g.nodes[actor]["viz"]["position"]
        assert (viz["x"], viz["y"]) == pytest.approx((x * 100, y * 100), abs=1e-4)
    if ds.poles:
        xs = [fd.positions[q][0] for q in ds.poles]
        assert xs == sorted(xs) and xs[0] == -1.0 and xs[-1] == 1.0
