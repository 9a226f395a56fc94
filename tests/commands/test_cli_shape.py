"""One command-line shape: the dataset is every command's first positional argument (``--data`` its
alias), and every command that prints rows offers ``--format table|csv|json``."""

import csv
import io
import json
from pathlib import Path

import pytest

from network.cli import COMMANDS, build_parser, main

ROOT = Path(__file__).resolve().parents[2]
MINI = str(ROOT / "tests" / "data" / "mini.yaml")
TRIBES = str(ROOT / "data" / "tribes.yaml")

#: Every command that reads a dataset: the arguments after it (the dataset goes first).
READERS = {
    "build": ["--no-strict", "--stage", "tables", "--out", "{tmp}/build"],
    "validate": [],
    "summary": [],
    "fmt": ["--check"],
    "centrality": [],
    "balance": [],
    "alignment": [],
    "diff": ["1958", "1959"],
    "robustness": [],
    "figures": ["--level", "state", "--jobs", "1", "--out", "{tmp}/figures"],
    "explore": ["--out", "{tmp}/explorer.html"],
    "report": ["--out", "{tmp}/report"],
    "export": ["--format", "json"],
}
#: Every command that prints rows.
ROW_PRINTERS = ("summary", "centrality", "balance", "alignment", "diff", "robustness")


def _args(name, tmp_path):
    return [a.replace("{tmp}", str(tmp_path)) for a in READERS[name]]


def test_the_list_of_readers_is_complete():
    """Should cover every command that reads one dataset (all but convert, agree and compare, whose two
    datasets come first, schema, and import, which reads event files and writes a dataset)."""
    assert set(READERS) | {"convert", "agree", "compare", "schema", "import"} == set(COMMANDS)


def _outputs(tmp_path):
    """Every file under ``tmp_path``, by path, with its bytes (the build's timing lines aside)."""
    return {str(p.relative_to(tmp_path)): p.read_bytes() for p in sorted(tmp_path.rglob("*")) if p.is_file()}


@pytest.mark.parametrize("name", sorted(READERS))
def test_dataset_as_first_positional_argument_or_data_alias(name, tmp_path, capsys):
    """Should do the same with ``CMD PATH ...`` as with ``CMD --data PATH ...``."""
    positional, alias = tmp_path / "positional", tmp_path / "alias"
    positional.mkdir(), alias.mkdir()
    code = main([name, MINI, *_args(name, positional)])
    by_position = capsys.readouterr()
    assert code == main([name, *_args(name, alias), "--data", MINI])
    by_alias = capsys.readouterr()
    assert code == (1 if name == "fmt" else 0), by_position.err  # mini.yaml is not canonical
    if name not in ("build", "figures"):  # their stdout carries timings
        assert by_position.out.replace(str(positional), "") == by_alias.out.replace(str(alias), "")
        assert by_position.out
    assert _outputs(positional) == _outputs(alias)


@pytest.mark.parametrize("name", sorted(READERS))
def test_two_different_datasets_are_a_usage_error(name, tmp_path, capsys):
    """Should exit 2 naming both when PATH and --data disagree, and write nothing."""
    argv = [name, MINI, *_args(name, tmp_path), "--data", TRIBES]
    if name == "diff":  # reads its own positional arguments, PATH A B, and returns the usage error
        code = main(argv)
    else:  # the parser's usage error
        with pytest.raises(SystemExit) as info:
            main(argv)
        code = info.value.code
    assert code == 2
    err = capsys.readouterr().err
    assert f"two datasets given: '{MINI}' and --data '{TRIBES}'; give one" in err
    assert list(tmp_path.iterdir()) == []


def test_the_same_dataset_twice_is_fine(capsys):
    """Should accept PATH and --data naming the same file."""
    assert main(["summary", MINI, "--data", MINI]) == 0
    assert "Mini test dataset" in capsys.readouterr().out


def test_diff_takes_the_dataset_before_the_periods(capsys):
    """Should read ``diff PATH A B`` and ``diff A B`` (default dataset) and refuse one period."""
    assert main(["diff", MINI, "1958", "1959", "--format", "csv"]) == 0
    with_path = capsys.readouterr().out
    assert main(["diff", "1958", "1959", "--data", MINI, "--format", "csv"]) == 0
    assert capsys.readouterr().out == with_path
    assert main(["diff", "1958"]) == 2
    assert "give the two periods to compare" in capsys.readouterr().err


@pytest.mark.parametrize("name", ROW_PRINTERS)
def test_every_row_printer_offers_table_csv_and_json(name, capsys):
    """Should print the same rows as a table, as CSV with a header, and as a JSON array."""
    periods = ["1958", "1959"] if name == "diff" else []
    parser = build_parser()
    sub = next(a for a in parser._actions if a.dest == "command")
    fmt = next(a for a in sub.choices[name]._actions if a.dest == "format")
    assert set(fmt.choices) == {"table", "csv", "json"}
    out = {}
    for form in ("table", "csv", "json"):
        assert main([name, MINI, *periods, "--format", form]) == 0
        out[form] = capsys.readouterr().out
    rows = list(csv.DictReader(io.StringIO(out["csv"])))
    parsed = json.loads(out["json"])
    assert rows and out["table"].strip()
    if isinstance(parsed, list):  # summary's JSON is one object of counts, the rest arrays of rows
        assert len(parsed) == len(rows) and list(parsed[0]) == list(rows[0])


def test_summary_csv_counts_agree_with_its_json(capsys):
    """Should print summary's counts as group,key,count rows equal to the JSON counts."""
    assert main(["summary", MINI, "--format", "json"]) == 0
    counts = json.loads(capsys.readouterr().out)
    assert main(["summary", MINI, "--format", "csv"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert list(rows[0]) == ["group", "key", "count"]
    assert {r["key"]: float(r["count"]) for r in rows if r["group"] == "year"} == {
        k: float(v) for k, v in counts["by_year"].items()
    }
    assert {r["key"]: int(r["count"]) for r in rows if r["group"] == "actor"} == counts["by_actor"]
    totals = {r["key"]: int(r["count"]) for r in rows if r["group"] == "total"}
    assert totals["ties"] == counts["ties"] and totals["actors"] == counts["actors"]
