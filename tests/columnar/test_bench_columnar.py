"""bench/columnar/: its data is valid, and its minimal script computes what entente does.

The benchmark compares times; these tests pin what makes the comparison fair:
the generated events pass every rule of format v1, the same seed gives the same
files, the minimal DuckDB script's yearly dyad sums are exactly the edges of
entente's yearly state-level snapshots, and the harness's growth and section
arithmetic. No test here measures or asserts a time.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

from network import check
from network.timeline.snapshots import snapshots

ROOT = Path(__file__).resolve().parents[2]
COLUMNAR = ROOT / "bench" / "columnar"


def _module(name: str, folder: Path = COLUMNAR):
    path = folder / f"{name}.py"
    if not path.exists():  # the installed-wheel CI run copies only tests, data and docs
        pytest.skip("bench/ is not here")
    for p in (str(COLUMNAR), str(COLUMNAR.parent)):
        if p not in sys.path:
            sys.path.insert(0, p)
    spec = importlib.util.spec_from_file_location(f"bench_columnar_{name}", path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    return module


@pytest.fixture(scope="module")
def events_folder(tmp_path_factory):
    pytest.importorskip("duckdb")
    events = _module("events")
    return events.generate(3000, tmp_path_factory.mktemp("events"), seed=5, states=25, years=6)


def test_generated_events_are_valid_and_shaped_like_event_data(events_folder):
    """Should pass every rule, hold only dated events between states, mostly to the day, heavy-tailed."""
    dataset, problems = check(events_folder / "csv")
    assert problems == [], [str(p) for p in problems[:5]]
    assert len(dataset.ties) == 3000 and len(dataset.actors) == 25
    assert {a.kind for a in dataset.actors.values()} == {"state"}
    assert all(t.is_event and t.lower.year == t.upper.year for t in dataset.ties)
    assert all(t.source != t.target for t in dataset.ties)
    day = sum(1 for t in dataset.ties if t.lower == t.upper)
    assert 0.85 < day / len(dataset.ties) < 0.95
    counts: dict[frozenset[str], int] = {}
    for t in dataset.ties:
        key = frozenset((t.source, t.target))
        counts[key] = counts.get(key, 0) + 1
    busiest = sorted(counts.values(), reverse=True)
    top = busiest[: max(1, len(busiest) // 10)]
    assert sum(top) > 0.25 * len(dataset.ties)  # a tenth of the dyads hold over a quarter of the events


def test_same_seed_same_files(events_folder, tmp_path):
    """Should write byte-identical CSV for the same seed, and other events for another seed."""
    events = _module("events")
    again = events.generate(3000, tmp_path / "again", seed=5, states=25, years=6)
    other = events.generate(3000, tmp_path / "other", seed=6, states=25, years=6)
    first = (events_folder / "csv" / "ties.csv").read_bytes()
    assert (again / "csv" / "ties.csv").read_bytes() == first
    assert (other / "csv" / "ties.csv").read_bytes() != first


def test_minimal_script_sums_what_entente_snapshots_hold(events_folder):
    """Should give, per year and dyad, entente's state-level weight, pos, neg and count, from both forms."""
    minimal = _module("minimal")
    dyads = minimal.yearly_dyads(events_folder / "csv")
    assert dyads == minimal.yearly_dyads(events_folder / "parquet")
    dataset, _ = check(events_folder / "csv")
    snaps = snapshots(dataset, by="year", level="state")
    assert sorted(dyads) == [int(s.window.id) for s in snaps]
    for snap in snaps:
        ours = {
            tuple(sorted((u, v))): (d["weight"], d["pos"], d["neg"], d["count"])
            for u, v, d in snap.graph.edges(data=True)
        }
        theirs = {(a, b): (net, pos, neg, n) for a, b, net, pos, neg, n in dyads[int(snap.window.id)]}
        assert ours.keys() == theirs.keys()
        for key, edge in ours.items():
            assert edge == pytest.approx(theirs[key]), key


def test_stand_in_and_minimal_give_the_same_pagerank(events_folder):
    """Should end both paths of the benchmark with the same PageRank scores, year by year."""
    minimal = _module("minimal")
    paths = _module("paths")
    run = _module("run")
    ours = minimal.pagerank_per_year(
        paths.positive_graphs(paths.STAND_IN.prepare()(str(events_folder / "csv")))
    )
    theirs = minimal.minimal(events_folder / "parquet")
    as_text = {str(y): s for y, s in ours.items()}
    assert run.difference(as_text, {str(y): s for y, s in theirs.items()}) < 1e-9
    theirs[min(theirs)].popitem()
    assert isinstance(run.difference(as_text, {str(y): s for y, s in theirs.items()}), str)


def test_growth_per_doubling():
    """Should turn times at sizes into the time ratio per doubling of the size."""
    run = _module("run")
    assert run._growth([100, 200, 800], [1.0, 2.0, 8.0]) == pytest.approx([2.0, 2.0])
    assert run._growth([50_000, 400_000], [1.0, 27.0]) == pytest.approx([3.0])


@pytest.mark.parametrize(
    "folder, name", [("bench", "sections"), ("columnar", "events"), ("columnar", "minimal")]
)
def test_bench_examples_run(folder, name):
    """Should run the examples in the benchmark modules' docstrings (the suite's doctests skip bench/)."""
    import doctest

    if name != "sections":
        pytest.importorskip("duckdb")
    module = _module(name, COLUMNAR if folder == "columnar" else COLUMNAR.parent)
    result = doctest.testmod(module)
    assert result.attempted > 0 and result.failed == 0
