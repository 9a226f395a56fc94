"""The main job: stages, timings, all-or-nothing outputs, and committed tables that match the data."""

from pathlib import Path

import pytest

from network import build as build_module
from network import load
from network.build import build, table_files
from network.cli import main

ROOT = Path(__file__).resolve().parents[2]
MINI = ROOT / "tests" / "data" / "mini.yaml"


def test_build_writes_tables_and_reports_timings(tmp_path):
    """Should write every analysis table and time each stage."""
    report = build(load(MINI), tmp_path, stages=("tables",))
    names = {p.name for p in (tmp_path / "tables").iterdir()}
    assert {"centrality-year-person.csv", "balance-year-state.csv", "summary.json"} <= names
    assert set(report.timings) == {"tables"}
    assert all(p.exists() for p in report.files)
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".entente-build-")]


def test_failed_stage_leaves_previous_outputs_untouched(tmp_path, monkeypatch):
    """Should move nothing into place when a stage fails."""
    build(load(MINI), tmp_path, stages=("tables",))
    before = {p: p.read_bytes() for p in (tmp_path / "tables").iterdir()}

    def boom(dataset, staging, log, caches):
        raise RuntimeError("stage failed")

    monkeypatch.setitem(build_module.STAGES, "boom", boom)
    other = load(ROOT / "data" / "tribes.yaml")
    with pytest.raises(RuntimeError):
        build(other, tmp_path, stages=("tables", "boom"), force=True)
    assert {p: p.read_bytes() for p in (tmp_path / "tables").iterdir()} == before
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".entente-build-")]


def test_build_command_refuses_invalid_data(tmp_path, capsys):
    """Should exit 1 and write nothing for invalid data."""
    out = tmp_path / "out"
    assert (
        main(["build", str(ROOT / "tests" / "data" / "invalid" / "unknown_field.yaml"), "--out", str(out)])
        == 1
    )
    assert not out.exists()
    assert "unknown field 'sing'" in capsys.readouterr().err


def test_unknown_stage_is_a_usage_error(capsys):
    """Should name the stages when asked for one that does not exist."""
    assert main(["build", "--stage", "nope"]) == 2
    assert "choose from" in capsys.readouterr().err


def test_committed_tables_match_the_data():
    """Should keep figures/tables/ equal to what data/actors.yaml gives (run 'entente build' if not)."""
    expected = table_files(load(ROOT / "data" / "actors.yaml", strict=True))
    folder = ROOT / "figures" / "tables"
    assert sorted(p.name for p in folder.iterdir()) == sorted(expected)
    stale = [name for name, text in expected.items() if (folder / name).read_text(encoding="utf-8") != text]
    assert stale == [], f"stale tables {stale}: run 'entente build data/actors.yaml'"


def test_tables_are_deterministic():
    """Should give the same bytes twice."""
    ds = load(MINI)
    assert table_files(ds) == table_files(ds)


def test_figures_drawn_alongside_the_other_stages(tmp_path, monkeypatch):
    """Should draw the figures in the background while the tables are written, report both, and
    leave nothing behind (workers stopped, no staging folder) when another stage fails."""
    report = build(load(MINI), tmp_path, stages=("tables", "figures"))
    assert set(report.timings) == {"tables", "figures"} and list(report.background) == ["figures"]
    assert (tmp_path / "state" / "snapshot-1960.png").exists() and (tmp_path / "tables").is_dir()
    assert report.wall is not None and report.wall <= sum(report.timings.values()) + 0.5
    assert "stages overlap" in report.format()

    def boom(dataset, staging, log, caches):
        raise RuntimeError("stage failed")

    monkeypatch.setitem(build_module.STAGES, "boom", boom)
    out = tmp_path / "again"
    with pytest.raises(RuntimeError):
        build(load(MINI), out, stages=("figures", "boom"))
    assert list(out.iterdir()) == []


def test_tables_from_shared_partitions_equal_fresh_ones():
    """In a build the figures' views solve the partitions first and the tables reuse them."""
    from network.figures.render import plan
    from network.measures.balance import PartitionCache

    dataset = load("data/actors.yaml")
    fresh = table_files(dataset)
    partitions = PartitionCache()
    plan(dataset, partitions=partitions)
    solved, hits = len(partitions), partitions.hits
    assert solved and hits  # a snapshot's partition gives both its camps and its frustration
    assert table_files(dataset, partitions) == fresh
    # the tables find the views' partitions (they also ask for others: any number of blocs)
    assert partitions.hits - hits >= solved // 2


def _tree(folder: Path) -> dict[str, bytes]:
    """Every file below ``folder`` by its relative path (the manifest without the folder it names)."""
    out = {}
    for p in sorted(folder.rglob("*")):
        if p.is_file():
            data = p.read_bytes()
            if p.name == "entente-build.json":
                data = data.replace(str(folder).encode(), b"OUT")
            out[p.relative_to(folder).as_posix()] = data
    return out


def test_two_builds_in_one_process_equal_builds_in_fresh_processes(tmp_path):
    """Should write the same bytes in a second build in this process as in a new process: nothing
    computed for one build (partitions, layouts) is kept for the next."""
    import subprocess
    import sys

    stages = ("tables", "explorer", "report")
    ds = load(MINI)
    build(ds, tmp_path / "here-1", stages=stages)
    build(load(ROOT / "data" / "tribes.yaml"), tmp_path / "between", stages=stages)
    build(ds, tmp_path / "here-2", stages=stages)
    for name in ("fresh-1", "fresh-2"):
        code = (
            "from network import load; from network.build import build; "
            f"build(load({str(MINI)!r}), {str(tmp_path / name)!r}, stages={stages!r})"
        )
        subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT)
    here = [_tree(tmp_path / n) for n in ("here-1", "here-2")]
    fresh = [_tree(tmp_path / n) for n in ("fresh-1", "fresh-2")]
    assert here[0] and here[0] == here[1] == fresh[0] == fresh[1]


def test_a_build_shares_its_caches_among_the_stages_and_keeps_none(tmp_path):
    """Should hand the caches passed to every stage (partitions and layouts asked for again are hits)
    and give each build new ones when none are passed."""
    from network.build import BuildCaches

    caches = BuildCaches.new()
    build(load(MINI), tmp_path / "a", stages=("tables", "explorer", "report"), caches=caches)
    assert caches.partitions.hits > 0 and caches.partitions.misses == len(caches.partitions) > 0
    # the explorer places the actors at person level, the lesson pages at state level: two layouts
    assert caches.layouts.misses == len(caches.layouts) == 2
    made = []
    real = BuildCaches.new
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(BuildCaches, "new", classmethod(lambda cls: made.append(real()) or made[-1]))
        build(load(MINI), tmp_path / "b", stages=("tables",))
        build(load(MINI), tmp_path / "c", stages=("tables",))
    assert len(made) == 2 and made[0] is not made[1]
    assert made[0].partitions.misses == made[1].partitions.misses > 0  # the second started empty
