"""One "who was central": every output ranks by network.measures.choices.RANK_BY and names the same top three.

The outputs: ``entente centrality`` (and :func:`network.measures.centrality.centrality`), the lesson pages,
the explorer, the bump chart and ``entente diff``'s rank moves. Checked on the curated data at
both levels, per year and per named period, and on the small test dataset.
"""

import inspect
import json
from functools import cache
from pathlib import Path

import pytest

from network import load
from network.cli import main
from network.explorer.data import payload
from network.figures.data import bump_view
from network.measures.centrality import centrality, rank
from network.measures.choices import RANK_BY
from network.measures.diff import rank_moves
from network.output.measure_names import measure_title
from network.report.lesson import lesson
from network.report.render import html_pages, markdown_pages
from network.timeline.snapshots import snapshots

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "data" / "actors.yaml"
MINI = ROOT / "tests" / "data" / "mini.yaml"


@cache
def _dataset(path: Path = DATA):
    return load(path)


def _top3(rows) -> dict[str, list[str]]:
    """Period -> the ids ranked 1, 2 and 3, from rows with ``period``, ``actor`` and ``rank``."""
    out: dict[str, list[tuple[int, str]]] = {}
    for r in rows:
        out.setdefault(r["period"], []).append((r["rank"], r["actor"]))
    return {p: [a for k, a in sorted(v) if k <= 3] for p, v in out.items()}


@cache
def _reference(level: str, by: str, path: Path = DATA) -> dict[str, list[str]]:
    """The top three per period by hand from the definition: total weight, then ties, then id."""
    out = {}
    for snap in snapshots(_dataset(path), by=by, level=level):
        g = snap.graph
        totals = {}
        for a, d in g.nodes(data=True):
            if d["active"]:
                edges = [e for _, _, e in g.edges(a, data=True)]
                totals[a] = (sum(e["pos"] + e["neg"] for e in edges), sum(e["count"] for e in edges))
        order = sorted(totals, key=lambda a: (-round(totals[a][0], 9), -totals[a][1], a))
        if order:
            out[snap.window.id] = order[:3]
    return out


def test_one_default_everywhere():
    """Should default every ranking function and option to RANK_BY, the total weight of ties."""
    from network.cli import build_parser

    assert RANK_BY == "involvement"
    for fn in (centrality, rank_moves, bump_view):
        assert inspect.signature(fn).parameters["rank_by"].default == RANK_BY, fn.__name__
    parser = build_parser()
    for command in ("centrality", "diff"):
        sub = parser._subparsers._group_actions[0].choices[command]  # noqa: SLF001 - argparse has no public way
        assert sub.get_default("rank_by") == RANK_BY, command


def test_rank_breaks_equal_totals_by_ties_then_id():
    """Should put more ties first among equal totals, then the smaller id."""
    assert rank({"b": 1.0, "a": 1.0, "c": 1.0}, {"a": 1, "b": 1, "c": 2}) == {"c": 1, "a": 2, "b": 3}


@pytest.mark.parametrize("level", ["state", "person"])
@pytest.mark.parametrize("by", ["year", "period"])
def test_centrality_follows_the_definition(level, by):
    """Should give, per period, the top three a teacher gets by adding up the ties' weights."""
    rows = centrality(snapshots(_dataset(), by=by, level=level))
    assert _top3(rows) == _reference(level, by)


@pytest.mark.parametrize("level", ["state", "person"])
def test_command_line_agrees(level, capsys):
    """Should print the same top three per year from `entente centrality`."""
    assert main(["centrality", "--data", str(DATA), "--level", level, "--format", "json"]) == 0
    assert _top3(json.loads(capsys.readouterr().out)) == _reference(level, "year")


@pytest.mark.parametrize("level", ["state", "person"])
def test_lesson_pages_agree(level):
    """Should list the same top three on every lesson page, ranked by the default, and say so."""
    les = lesson(_dataset(), level=level)
    got = {p.window.id: [r["actor"] for r in p.central[:3]] for p in les.pages}
    assert got == {p: v for p, v in _reference(level, les.by).items() if p in got}
    label = measure_title(RANK_BY)
    from network.report.svg import Drawing

    checked = 0
    for text in (*html_pages(les, Drawing(_dataset(), les)).values(), *markdown_pages(les).values()):
        if "Who was most central" in text and "No actor has a tie" not in text:
            assert f"Ranked by {label.lower()}" in text and label in text
            checked += 1
    assert checked == 2 * sum(1 for p in les.pages if p.central)


@pytest.mark.parametrize("level", ["state", "person"])
def test_explorer_agrees(level):
    """Should rank the same actors 1 to 3 in every year of the explorer, and name the measure."""
    p = payload(_dataset(), level=level)
    rows = [
        {"period": year, "actor": a, "rank": c["rank"]}
        for year, frame in p["frames"].items()
        for a, c in frame["centrality"].items()
    ]
    ref = _reference(level, "year")
    assert _top3(rows) == {y: v for y, v in ref.items() if y in p["frames"]}
    labels = dict((k, label) for k, label, _ in p["measures"])
    assert measure_title(RANK_BY).lower() in labels["rank"]


@pytest.mark.parametrize("level", ["state", "person"])
@pytest.mark.parametrize("by", ["year", "period"])
def test_bump_chart_agrees(level, by):
    """Should draw the same actors at ranks 1 to 3 in every column of the bump chart."""
    ds = _dataset()
    snaps = snapshots(ds, by=by, level=level)
    view = bump_view(ds, snaps)
    rows = [
        {"period": s.window.id, "actor": line.actor, "rank": r}
        for line in view.lines
        for s, r in zip(snaps, line.ranks, strict=True)
        if r is not None
    ]
    assert _top3(rows) == _reference(level, by)


def test_diff_agrees():
    """Should give rank moves whose ranks are the default ranking's, on both sides."""
    ref = _reference("state", "year")
    ranks = {(r["period"], r["actor"]): r["rank"] for r in centrality(snapshots(_dataset(), level="state"))}
    for a, b in (("1958", "1959"), ("1960", "1961")):
        for r in rank_moves(_dataset(), a, b, level="state"):
            assert r["measure"] == RANK_BY
            assert r["rank_a"] == ranks.get((a, r["actor"])) and r["rank_b"] == ranks.get((b, r["actor"]))
        assert ref[a] and ref[b]
