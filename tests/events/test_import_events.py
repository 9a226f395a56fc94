"""``entente import`` (network/commands/import_events.py): exit codes, messages, and the dataset it writes
validated, built and set beside the curated record."""

import re
from pathlib import Path

import pytest

from network import load
from network.cli import main
from network.timeline.snapshots import snapshots

ROOT = Path(__file__).resolve().parents[2]
EVENTS = ROOT / "tests" / "data" / "events"
GDELT = [str(EVENTS / n) for n in ("gdelt1.tsv", "gdelt1-back.tsv", "gdelt2.tsv")]
ICEWS = str(EVENTS / "icews.tab")


def test_import_is_a_command(capsys):
    """Should list 'import' among the commands, though its module has another name."""
    with pytest.raises(SystemExit):
        main(["--help"])
    assert "import" in capsys.readouterr().out
    with pytest.raises(SystemExit) as info:
        main(["import", "--help"])
    assert info.value.code == 0 and "usage: entente import" in capsys.readouterr().out


@pytest.mark.parametrize(("source", "files"), [("gdelt", GDELT), ("icews", [ICEWS])])
def test_import_validate_build(source, files, tmp_path, capsys):
    """Should write a dataset that 'entente validate' and 'entente build' take like any other."""
    out = tmp_path / source
    assert main(["import", source, *files, "--out", str(out)]) == 0
    printed = capsys.readouterr()
    assert f"import {source}:" in printed.out and f"wrote {out} (CSV form)" in printed.out
    assert printed.err == ""  # no progress lines: stderr is not a terminal here
    assert main(["validate", str(out)]) == 0
    assert "valid" in capsys.readouterr().out
    built = tmp_path / "built"
    assert main(["build", str(out), "--stage", "tables", "--out", str(built)]) == 0
    assert (built / "entente-build.json").exists()
    assert any((built / "tables").iterdir())


def test_malformed_rows_exit_1_naming_each_and_writing_nothing(tmp_path, capsys):
    """Should exit 1, print FILE:LINE:COLUMN for each malformed row, and write nothing."""
    out = tmp_path / "out"
    assert main(["import", "gdelt", str(EVENTS / "gdelt-malformed.tsv"), "--out", str(out)]) == 1
    err = capsys.readouterr().err
    assert "gdelt-malformed.tsv:3:2: SQLDATE '20130231' is not a day of the calendar" in err
    assert "nothing written: 6 malformed rows (--skip-bad leaves them out)" in err
    assert not out.exists()


def test_skip_bad_writes_the_rest_and_says_what_it_left_out(tmp_path, capsys):
    """Should exit 0 with --skip-bad, still listing the malformed rows and counting them."""
    out = tmp_path / "out"
    assert (
        main(["import", "icews", str(EVENTS / "icews-malformed.tab"), "--out", str(out), "--skip-bad"]) == 0
    )
    captured = capsys.readouterr()
    assert "icews-malformed.tab:4:7:" in captured.err and "3 malformed rows left out" in captured.err
    assert re.search(r"^  malformed rows +3$", captured.out, re.M)
    assert main(["validate", str(out)]) == 0


def test_problems_beyond_the_cap_are_counted(tmp_path, capsys):
    """Should list --max-problems problems and say how many rows there were in all."""
    assert main(["import", "gdelt", str(EVENTS / "gdelt-malformed.tsv"), "--out", str(tmp_path / "o"),
                 "--max-problems", "2"]) == 1  # fmt: skip
    err = capsys.readouterr().err
    assert err.count("gdelt-malformed.tsv:") == 2 and "6 malformed rows in all" in err


def test_usage_errors_exit_2(tmp_path, capsys):
    """Should exit 2 for a folder holding other files, an unknown encoding or source, or no --out."""
    taken = tmp_path / "taken"
    taken.mkdir()
    (taken / "mine.txt").write_text("x")
    assert main(["import", "gdelt", GDELT[0], "--out", str(taken)]) == 2
    assert "refused" in capsys.readouterr().err and (taken / "mine.txt").exists()
    assert main(["import", "gdelt", GDELT[0], "--out", str(tmp_path / "o"), "--encoding", "klingon"]) == 2
    for argv in (["import", "acled", GDELT[0], "--out", "x"], ["import", "gdelt", GDELT[0]]):
        with pytest.raises(SystemExit) as info:
            main(argv)
        assert info.value.code == 2


def test_a_bad_mapping_file_is_reported_and_nothing_imported(tmp_path, capsys):
    """Should report the mapping file's problems at their lines and exit 1 before reading any event."""
    bad = tmp_path / "map.yaml"
    bad.write_text("ALB: Albania\n")
    assert main(["import", "gdelt", GDELT[0], "--map", str(bad), "--out", str(tmp_path / "o")]) == 1
    assert f"{bad}:1:1: actor id 'Albania' is not an id" in capsys.readouterr().err
    assert not (tmp_path / "o").exists()


def test_an_import_is_compare_ready_against_the_curated_record(tmp_path, capsys):
    """Should give, through a mapping file, the curated record's actor ids, so both datasets' state-level
    yearly snapshots are over the same actors."""
    mapping = tmp_path / "map.csv"
    mapping.write_text("key,actor\nRUS,ussr\n")
    out = tmp_path / "gdelt"
    assert main(["import", "gdelt", *GDELT, "--map", str(mapping), "--out", str(out)]) == 0
    imported, curated = load(out), load(ROOT / "data" / "actors.yaml")
    shared = set(imported.actors) & set(curated.actors)
    assert {"albania", "china", "ussr", "yugoslavia"} <= shared
    nodes = set()
    for snap in snapshots(imported, level="state"):
        nodes |= set(snap.graph.nodes)
    assert {"albania", "china", "ussr", "yugoslavia"} <= nodes
    assert all(curated.actors[a].kind == "state" for a in shared)


def test_an_output_that_cannot_be_made_is_one_line_naming_it(tmp_path, capsys):
    """Should exit 1 with one line naming the folder asked for (not a temporary one), no traceback."""
    (tmp_path / "file").write_text("x")
    out = tmp_path / "file" / "out"
    assert main(["import", "gdelt", GDELT[0], "--out", str(out)]) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"entente import: cannot use {out}:") and len(err.splitlines()) == 1
