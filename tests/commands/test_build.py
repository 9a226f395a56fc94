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

    def boom(dataset, staging, log):
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

    def boom(dataset, staging, log):
        raise RuntimeError("stage failed")

    monkeypatch.setitem(build_module.STAGES, "boom", boom)
    out = tmp_path / "again"
    with pytest.raises(RuntimeError):
        build(load(MINI), out, stages=("figures", "boom"))
    assert list(out.iterdir()) == []


def test_tables_from_shared_partitions_equal_fresh_ones():
    """In a build the figures' views solve the partitions first and the tables reuse them."""
    from network.figures.render import plan
    from network.measures import balance
    from network.measures.balance import shared_partitions

    dataset = load("data/actors.yaml")
    fresh = table_files(dataset)
    with shared_partitions():
        plan(dataset)
        assert balance._SHARED  # the views' partitions, kept for the tables
        shared = table_files(dataset)
    assert shared == fresh
    assert balance._SHARED is None
