"""Tests for network.figures: what is drawn, byte-identical output, an image baseline, the committed figures.

The committed figures in figures/ must be what the current data/actors.yaml
produces: whoever changes the data (or the figures' code) reruns
``entente figures`` and commits the result. The image baseline in
tests/baseline/ is regenerated with ``PYTHONPATH=. python tests/figures/test_figures.py`` after a
deliberate change of style.
"""

from __future__ import annotations

import itertools
import sys
from fnmatch import fnmatch
from pathlib import Path

import matplotlib
import pytest
from matplotlib.collections import LineCollection, PathCollection
from matplotlib.colors import to_rgba
from matplotlib.figure import Figure
from matplotlib.testing.compare import compare_images
from PIL import Image

from network import load
from network.cli import main
from network.figures import render_all
from network.figures.data import alignment_view, balance_view, figure_data, figure_years
from network.figures.draw import figure, render_job
from network.figures.options import FORMATS
from network.figures.plan import plan
from network.figures.plots import (
    draw_alignment_timeline,
    draw_balance_timeline,
    draw_centrality_bump,
    draw_small_multiples,
    draw_snapshot,
)
from network.figures.render import _prune
from network.output import style
from network.timeline.snapshots import snapshots

ROOT = Path(__file__).resolve().parents[2]
MINI = ROOT / "tests" / "data" / "mini.yaml"
ACTORS = ROOT / "data" / "actors.yaml"
COMMITTED = ROOT / "figures"
BASELINE = ROOT / "tests" / "baseline" / "mini-state-snapshot-1960.png"
#: The files `entente figures` writes (PDFs aside); figures/ also holds others' files (tables, the explorer).
PATTERNS = (
    "alignment-timeline.*",
    "balance-timeline.*",
    "*/snapshot-*",
    "*/small-multiples.*",
    "*/centrality-bump.*",
    "*/snapshots.gif",
)


def ours(folder: Path) -> dict[str, Path]:
    """The figure files under ``folder``: relative path -> path."""
    found = {}
    for p in sorted(folder.rglob("*")):
        name = p.relative_to(folder).as_posix()
        if (
            p.is_file()
            and p.suffix in (".png", ".svg", ".gif")
            and name.count("/") <= 1
            and ("/" not in name or name.split("/")[0] in ("person", "state"))  # not report/, tables/
            and any(fnmatch(name, pattern) for pattern in PATTERNS)
        ):
            found[name] = p
    return found


@pytest.fixture(scope="module")
def mini_render(mini, tmp_path_factory):
    """The mini dataset's figures at state level, rendered once (serially)."""
    out = tmp_path_factory.mktemp("mini")
    return out, render_all(mini, out, levels=["state"], jobs=1)


@pytest.fixture(scope="module")
def curated_render(tmp_path_factory):
    """The full set of figures for data/actors.yaml, rendered once for the module (in parallel)."""
    out = tmp_path_factory.mktemp("curated")
    return out, render_all(load(ACTORS), out, jobs=2)


@pytest.fixture(scope="module")
def person_view(mini):
    """The mini dataset's 1960 snapshot at person level: hostile, faded and active actors."""
    return figure_data(mini, level="person").years[3]


def _draw(job):
    """A job's figure on matplotlib's own Agg canvas (to measure what is drawn)."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    fig = figure(job)
    FigureCanvasAgg(fig)
    return fig


def collections(ax):
    return {c.get_gid(): c for c in ax.collections}


# --------------------------------------------------------------------------- what is drawn


def test_negative_edges_dashed_positive_solid(mini):
    """Should draw hostility dashed and cooperation solid, in the style's colours (never colour alone)."""
    view = figure_data(mini, level="state").periods[1]  # the crisis: both kinds
    ax = draw_snapshot(Figure().add_subplot(), view)
    lines = collections(ax)
    pos, neg = lines["edges-positive"], lines["edges-negative"]
    assert isinstance(pos, LineCollection) and isinstance(neg, LineCollection)
    assert all(dashes is None for _, dashes in pos.get_linestyles())
    assert all(dashes is not None and len(dashes) >= 2 for _, dashes in neg.get_linestyles())
    assert tuple(pos.get_colors()[0][:3]) == to_rgba(style.EDGE["positive"]["color"])[:3]
    assert tuple(neg.get_colors()[0][:3]) == to_rgba(style.EDGE["negative"]["color"])[:3]
    assert pos.get_colors()[0][:3].tolist() != neg.get_colors()[0][:3].tolist()


@pytest.mark.parametrize("level", ["person", "state"])
def test_one_line_per_edge_of_the_snapshot(mini, level):
    """Should draw exactly one line per edge of each snapshot, its kind following the edge's sign."""
    fd = figure_data(mini, level=level)
    snaps = snapshots(mini, by=figure_years(mini), level=level)
    for view, snap in zip(fd.years, snaps, strict=True):
        ax = draw_snapshot(Figure().add_subplot(), view)
        drawn = sum(len(c.get_segments()) for c in ax.collections if isinstance(c, LineCollection))
        assert drawn == snap.graph.number_of_edges()
        kinds = {e.kind for e in view.edges}
        signs = {d["sign"] for *_, d in snap.graph.edges(data=True)}
        assert kinds == {{1: "positive", -1: "negative", 0: "zero"}[s] for s in signs}


def test_node_colours_from_the_style_and_faded_actors(person_view):
    """Should fill nodes with their bloc's style colour and draw actors without ties faded."""
    ax = draw_snapshot(Figure().add_subplot(), person_view)
    nodes = collections(ax)
    active, inactive = nodes["nodes-active"], nodes["nodes-inactive"]
    assert isinstance(active, PathCollection)
    want = [to_rgba(style.BLOC[n.bloc]["color"]) for n in person_view.nodes if n.active]
    assert [tuple(c) for c in active.get_facecolors()] == want
    assert active.get_alpha() == 1.0
    assert inactive.get_alpha() == style.INACTIVE["alpha"]
    assert len(inactive.get_offsets()) == sum(not n.active for n in person_view.nodes) == 5
    faded = {t.get_gid(): t for t in ax.texts}
    assert faded["label-mao"].get_color() == style.INACTIVE["label_color"]
    assert faded["label-albania"].get_color() == style.NODE["label_color"]


def test_poles_left_and_right_and_every_actor_labelled(person_view):
    """Should place Moscow left and Peking right and label every actor once, the poles in bold."""
    ax = draw_snapshot(Figure().add_subplot(), person_view)
    labels = {t.get_gid(): t for t in ax.texts if (t.get_gid() or "").startswith("label-")}
    assert len(labels) == len(person_view.nodes)
    assert labels["label-ussr"].xy[0] < labels["label-albania"].xy[0] < labels["label-china"].xy[0]
    assert labels["label-ussr"].get_fontweight() == "bold"


def test_title_legend_and_caption(person_view):
    """Should title the period with its key figures, explain solid and dashed, and cite the source."""
    ax = draw_snapshot(Figure().add_subplot(), person_view)
    assert ax.get_title(loc="left").startswith("1960")
    texts = " ".join(t.get_text() for t in ax.texts)
    assert "ties coded" in texts and "triangles" in texts or "no triangles" in texts
    assert "Source: A made-up source for the tests." in texts
    legend_texts = [t.get_text() for legend in (ax.get_legend(), *ax.artists) for t in legend.get_texts()]
    assert style.EDGE["positive"]["label"] in legend_texts and style.EDGE["negative"]["label"] in legend_texts


def test_the_other_figures_draw_what_their_views_hold(mini):
    """Should draw a point per scored year, a line per leading actor, a panel per level and per year."""
    av = alignment_view(mini)
    ax = draw_alignment_timeline(Figure().add_subplot(), av)
    points = [c for c in ax.collections if isinstance(c, PathCollection)]
    assert [len(c.get_offsets()) for c in points] == [sum(y is not None for y in s.y) for s in av.series]
    # every scored point has its interval drawn as a vertical bar from low to high
    from matplotlib.collections import LineCollection

    bars = [c for c in ax.collections if isinstance(c, LineCollection)]
    for s, c in zip(av.series, bars, strict=True):
        want = [
            v
            for x, y, lo, hi in zip(s.x, s.y, s.low, s.high, strict=True)
            if y is not None
            for v in (x, lo, hi)
        ]
        got = [float(v) for seg in c.get_segments() for v in (seg[0][0], seg[0][1], seg[1][1])]
        assert got == pytest.approx(want)

    bump = figure_data(mini, level="state").bump
    ax = draw_centrality_bump(Figure().add_subplot(), bump)
    assert len([c for c in ax.collections if isinstance(c, PathCollection)]) == len(bump.lines)

    bv = balance_view(mini)
    fig = draw_balance_timeline(Figure(), bv)
    assert [ax.get_title(loc="left") for ax in fig.axes if ax.get_title(loc="left")] == [
        "person level",
        "state level",
    ]

    sm = figure_data(mini, level="state").small_multiples
    fig = draw_small_multiples(Figure(), sm)
    assert [ax.get_title(loc="left").split(":")[0] for ax in fig.axes] == ["1957", "1958", "1959", "1960"]


def test_drawing_leaves_pyplot_alone(mini):
    """Should draw without pyplot: no current figure is created or used."""
    job = plan(mini, levels=["state"])[0]
    before = "matplotlib.pyplot" in sys.modules
    render_job(job)
    assert ("matplotlib.pyplot" in sys.modules) == before


# --------------------------------------------------------------------------- legibility


def _label_overlaps(fig):
    """Pairs of node labels whose drawn boxes overlap, and labels outside their axes."""
    renderer = fig.canvas.get_renderer()
    fig.draw(renderer)
    bad = []
    for ax in fig.axes:
        boxes = [
            (t.get_gid(), t.get_window_extent(renderer))
            for t in ax.texts
            if (t.get_gid() or "").startswith("label-")
        ]
        gap = 2.0  # pixels: two labels closer than this would read as one
        bad += [
            (a, b) for (a, ba), (b, bb) in itertools.combinations(boxes, 2) if ba.padded(gap / 2).overlaps(bb)
        ]
        frame = ax.get_window_extent(renderer)
        bad += [
            (a, "outside")
            for a, box in boxes
            if box.x0 < frame.x0 - 1
            or box.x1 > frame.x1 + 1
            or box.y0 < frame.y0 - 1
            or box.y1 > frame.y1 + 1
        ]
    return bad


@pytest.mark.parametrize("kind", ["snapshot", "small_multiples"])
def test_no_labels_on_top_of_each_other_in_the_curated_data(kind):
    """Should draw no two labels overlapping, nor a label out of its frame, for data/actors.yaml."""
    jobs = [j for j in plan(load(ACTORS)) if j.kind == kind]
    if kind == "snapshot":  # one year and one period per level: the layout is shared by all
        jobs = [j for j in jobs if j.stem.endswith(("-1959", "-crisis_period"))] or jobs[:2]
    with matplotlib.rc_context(style.RC):
        for job in jobs:
            assert _label_overlaps(_draw(job)) == [], job.stem


def _labelled(ax):
    """Actor ids of the node labels drawn in ``ax``."""
    return {t.get_gid()[len("label-") :] for t in ax.texts if (t.get_gid() or "").startswith("label-")}


@pytest.mark.parametrize("level", ["person", "state"])
def test_who_matters_is_labelled_in_every_panel_where_active(level):
    """Should label the poles, the focal actor and the actors with the most ties over the record (Yugoslavia,
    46 ties at person level) in every panel of the small multiples where they are active, with no two
    rendered labels overlapping, and nobody inactive there; and in every full-size snapshot."""
    from network.figures.data import label_priority, record_ties

    ds = load(ACTORS)
    ties = record_ties(ds, level)
    assert ties["yugoslavia"] >= 46
    leading = label_priority(ties, ("ussr", "china"), "albania")[:5]  # poles, focal, the two next by ties
    assert "yugoslavia" in leading
    jobs = plan(ds, levels=[level])
    job = next(j for j in jobs if j.kind == "small_multiples")
    with matplotlib.rc_context(style.RC):
        fig = _draw(job)
        assert _label_overlaps(fig) == []
    for ax, panel in zip(fig.axes, job.view.panels, strict=True):
        active = {n.id for n in panel.nodes if n.active}
        drawn = _labelled(ax)
        assert active & set(leading) <= drawn, (panel.period, sorted(active & set(leading) - drawn))
        assert drawn <= active, panel.period
    # the full-size snapshots (their rendered overlap is checked above): the leading actors are named too
    for snap in (j for j in jobs if j.kind == "snapshot"):
        active = {n.id for n in snap.view.nodes if n.active}
        named = {n.id for n in snap.view.nodes if n.key}
        assert active & set(leading) <= named, snap.stem


def _route_gaps(ax, view, scale=1.0):
    """Per (edge, node) not its end: pixels between the drawn line and the node's drawn marker disc."""
    import numpy as np
    from matplotlib.collections import LineCollection

    dpi = ax.get_figure().dpi
    to_px = ax.transData.transform
    radius = {n.id: (to_px([(n.x, n.y)])[0], (n.size * scale) ** 0.5 / 2 * dpi / 72) for n in view.nodes}
    gaps = []
    for lines in (c for c in ax.collections if isinstance(c, LineCollection)):
        kind = lines.get_gid()[len("edges-") :]
        edges = [e for e in view.edges if e.kind == kind]
        widths = lines.get_linewidths()
        for e, path, width in zip(edges, lines.get_segments(), np.resize(widths, len(edges)), strict=True):
            pts = to_px(path)
            p, q = pts[:-1], pts[1:]
            seg = q - p
            for n, (centre, r) in radius.items():
                if n in (e.u, e.v):
                    continue
                t = np.clip(((centre - p) * seg).sum(axis=1) / np.maximum((seg**2).sum(axis=1), 1e-9), 0, 1)
                dist = np.sqrt(((p + t[:, None] * seg - centre) ** 2).sum(axis=1)).min()
                gaps.append((dist - r - width * dpi / 72 / 2, e.u, e.v, n))
    return gaps


@pytest.mark.parametrize("level", ["person", "state"])
def test_no_line_passes_through_a_node_it_does_not_connect(level):
    """Should draw every edge (straight or curved) clear of the disc of every node it does not end at,
    measured on the drawn figure: in each year's and period's snapshot and in every panel."""
    ds = load(ACTORS)
    fd = figure_data(ds, level=level)
    assert any(e.bend is not None for v in fd.years for e in v.edges)  # some lines had to bend
    fig = Figure(figsize=style.FIGSIZE["snapshot"], dpi=50)
    ax = fig.add_axes(style.SNAPSHOT_AXES)
    for view in (*fd.years, *fd.periods):
        ax.clear()
        draw_snapshot(ax, view)
        gaps = _route_gaps(ax, view)
        assert gaps and min(gaps)[0] > 0, (view.period, min(gaps))
    fig = Figure(figsize=style.FIGSIZE["small_multiples"], dpi=50)
    draw_small_multiples(fig, fd.small_multiples)
    for ax, panel in zip(fig.axes, fd.small_multiples.panels, strict=True):
        gaps = _route_gaps(ax, panel, fd.small_multiples.scale)
        assert min(gaps)[0] > 0, (panel.period, min(gaps))


# --------------------------------------------------------------------------- files


def test_files_written(mini_render):
    """Should write PNG and SVG of every figure, a GIF of the years, and report the time taken."""
    out, written = mini_render
    names = sorted(str(p.relative_to(out)) for p in written)
    assert names == sorted(ours(out))
    for stem in (
        "alignment-timeline",
        "balance-timeline",
        "state/small-multiples",
        "state/centrality-bump",
        "state/snapshot-1957",
        "state/snapshot-crisis",
    ):
        for fmt in FORMATS:
            assert f"{stem}.{fmt}" in names
    with Image.open(out / "state" / "snapshots.gif") as gif:
        assert gif.n_frames == 4
    assert written.seconds > 0 and written.jobs == 1


def test_byte_identical_renders(mini, mini_render, tmp_path):
    """Should write the same bytes twice (here serially, then in two processes): SVG, PNG and GIF."""
    first, _ = mini_render
    again = render_all(mini, tmp_path, levels=["state"], jobs=2)
    assert again.jobs == 2
    a, b = ours(first), ours(tmp_path)
    assert sorted(a) == sorted(b)
    assert [name for name in a if a[name].read_bytes() != b[name].read_bytes()] == []
    svg = (tmp_path / "alignment-timeline.svg").read_text()
    assert "<dc:date>" not in svg and "Matplotlib v" not in svg


def test_pdf_is_reproducible_too(mini):
    """Should write the same PDF bytes twice, with no dates in them."""
    job = next(j for j in plan(mini, levels=["state"], pdf=True) if j.kind == "alignment")
    one, two = render_job(job)["pdf"], render_job(job)["pdf"]
    assert one == two and one.startswith(b"%PDF") and b"CreationDate" not in one


def test_image_matches_the_baseline(mini_render, tmp_path):
    """Should look like the committed baseline of the mini 1960 snapshot (within a small tolerance)."""
    out, _ = mini_render
    result = compare_images(str(BASELINE), str(out / "state" / "snapshot-1960.png"), tol=1)
    assert result is None, result


def test_stale_snapshots_removed(mini, tmp_path):
    """Should remove snapshot files of periods the data no longer has, and leave other files alone."""
    jobs = plan(mini, levels=["state"])
    current = [tmp_path / f"{j.stem}.{fmt}" for j in jobs for fmt in j.formats]
    for path in current:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(b"new")
    stale = [tmp_path / "state" / "snapshot-gone.png", tmp_path / "state" / "snapshot-gone.pdf"]
    others = [tmp_path / "explorer.html", tmp_path / "tables" / "snapshot-x.csv"]
    for path in stale + others:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(b"old")
    assert _prune(tmp_path, jobs, set(current)) == sorted(stale)
    assert not any(p.exists() for p in stale)
    assert all(p.exists() for p in current + others)


def test_committed_figures_are_current(curated_render):
    """Should find in figures/ exactly what data/actors.yaml produces now (rerun `entente figures`)."""
    out, _ = curated_render
    fresh, committed = ours(out), ours(COMMITTED)
    assert sorted(committed) == sorted(fresh), "figures/ is out of date: run `entente figures`"
    stale = [name for name in fresh if fresh[name].read_bytes() != committed[name].read_bytes()]
    assert stale == [], f"figures/ is out of date ({stale[:3]}...): run `entente figures`"


# --------------------------------------------------------------------------- command line


def test_command_bad_data_writes_nothing(tmp_path, capsys):
    """Should exit 1 on invalid data, say why, and write nothing."""
    out = tmp_path / "out"
    bad = ROOT / "tests" / "data" / "invalid" / "many_problems.yaml"
    assert main(["figures", "--data", str(bad), "--out", str(out)]) == 1
    assert "invalid" in capsys.readouterr().err
    assert not out.exists()


def test_command_unknown_actor_is_a_usage_error(tmp_path, capsys):
    """Should exit 2 naming an unknown focal actor, and write nothing."""
    out = tmp_path / "out"
    assert main(["figures", "--data", str(MINI), "--out", str(out), "--focal", "nobody"]) == 2
    assert "unknown actor 'nobody'" in capsys.readouterr().err
    assert not out.exists()


def test_command_unwritable_output_is_a_clear_error(tmp_path, capsys):
    """Should exit 1 with one line, not a traceback, when the output folder cannot be made."""
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    assert main(["figures", "--data", str(MINI), "--out", str(blocker / "out"), "--level", "state"]) == 1
    err = capsys.readouterr().err
    assert "cannot write the figures to" in err and "Traceback" not in err


def test_command_reports_progress(tmp_path, capsys):
    """Should print a line per figure on stderr and a summary on stdout."""
    assert (
        main(["figures", "--data", str(MINI), "--out", str(tmp_path), "--level", "state", "--jobs", "1"]) == 0
    )
    captured = capsys.readouterr()
    assert "drew state/snapshot-1960 (png, svg)" in captured.err
    assert "drew state/snapshots.gif (4 frames)" in captured.err
    assert "files written" in captured.out


if __name__ == "__main__":  # regenerate the image baseline after a deliberate change of style
    import tempfile

    folder = Path(tempfile.mkdtemp())
    render_all(load(MINI), folder, levels=["state"], jobs=1)
    BASELINE.parent.mkdir(parents=True, exist_ok=True)
    BASELINE.write_bytes((folder / "state" / "snapshot-1960.png").read_bytes())
    print(f"wrote {BASELINE}")


def test_cache_reads_unchanged_figures_and_only_those(mini, tmp_path):
    """Should read figures drawn before from the same views from the cache, with the same bytes,
    and draw those whose views changed."""
    from network.figures.cache import FigureCache
    from network.figures.render import start

    cache = FigureCache(tmp_path / "cache")
    cold = start(mini, tmp_path / "a", levels=["state"], jobs=1, cache=cache).result()
    warm = start(mini, tmp_path / "b", levels=["state"], jobs=1, cache=cache).result()
    assert cold.cached == 0 and warm.cached == len(list((tmp_path / "cache").iterdir())) > 0
    a, b = ours(tmp_path / "a"), ours(tmp_path / "b")
    assert sorted(a) == sorted(b) and all(a[n].read_bytes() == b[n].read_bytes() for n in a)
    other = start(mini, tmp_path / "c", levels=["state"], jobs=1, cache=cache, size_by="pagerank").result()
    assert 0 < other.cached < warm.cached  # the snapshots changed, the time lines did not


def test_workers_forked_after_drawing_here(mini, tmp_path):
    """Should draw the same bytes in forked workers after this process drew (and cached text work
    with its own font objects, which a child must not use)."""
    first = render_all(mini, tmp_path / "here", levels=["state"], jobs=1)
    again = render_all(mini, tmp_path / "forked", levels=["state"], jobs=2)
    assert again.jobs == 2 and len(first) == len(again)
    a, b = ours(tmp_path / "here"), ours(tmp_path / "forked")
    assert [name for name in a if a[name].read_bytes() != b[name].read_bytes()] == []


@pytest.mark.parametrize("level", ["person", "state"])
def test_involvement_summed_as_the_centrality_table_sums_it(level):
    """Should size nodes by exactly the involvement of network.measures.centrality (strength_pos +
    strength_neg), summed without computing the other measures."""
    from network.figures.data import INVOLVEMENT, _measure, _values
    from network.measures.centrality import centrality

    for path in (MINI, ACTORS, ROOT / "data" / "tribes.yaml"):
        ds = load(path)
        for by in ("year", "period") if ds.periods else ("year",):
            snaps = snapshots(ds, by=by, level=level)
            assert _measure(snaps, INVOLVEMENT) == _values(centrality(snaps), INVOLVEMENT)


def test_node_colours_are_the_camps_with_legend_words(mini):
    """Should colour each node by its camp (measures.camps) and say in the legend what each colour means."""
    from network.figures.data import figure_data
    from network.measures.camps import camp_key, camps
    from network.timeline.snapshots import snapshots

    fd = figure_data(mini, level="state")
    for view, snap in zip(fd.years, snapshots(mini, level="state"), strict=True):
        found = camps(snap.graph, ["ussr", "china"])
        assert {n.id: n.bloc for n in view.nodes} == {
            a: camp_key(c, ["ussr", "china"]) for a, c in found.items()
        }
    v1960 = fd.years[3]
    assert {n.id: n.bloc for n in v1960.nodes if n.active} == {
        "albania": "enemy1",
        "china": "pole1",
        "ussr": "pole0",
    }
    legend = dict(v1960.legend_blocs)
    assert legend["enemy1"].replace("\n", " ") == "on China's side only through shared enemies"
    assert "bloc" not in " ".join(legend.values())
    assert "A camp says how an actor stood towards the poles" in v1960.caption.replace("\n", " ")
