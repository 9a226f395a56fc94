"""Tables that fit the terminal: long lists summarised, wide text cut, dropped columns named."""

import csv
import io
import json
from pathlib import Path

import pytest

from network.cli import main
from network.output.rows import ELLIPSIS, MIN_COLUMN, Rows, terminal_width

ROOT = Path(__file__).resolve().parents[2]
DATA = str(ROOT / "data" / "actors.yaml")


def widest(text: str) -> int:
    return max(len(line) for line in text.splitlines())


@pytest.fixture
def long_rows():
    ties = [f"tie-{i:03d}-with-a-long-id" for i in range(40)]
    return Rows(
        [
            {"change": "flipped", "source": "albania", "target": "ussr", "ties": ties, "note": "x" * 300},
            {"change": "appeared", "source": "china", "target": "usa", "ties": ties[:1], "note": "short"},
        ]
    )


@pytest.mark.parametrize("width", [60, 80, 100, 160])
def test_table_fits_the_width(long_rows, width):
    """Should never print a line wider than asked when the headers fit."""
    assert widest(long_rows.to_table(width=width)) <= width


def test_long_list_shows_its_count_first(long_rows):
    """Should show a long list as its count and first ids, and cut wide text with an ellipsis."""
    table = long_rows.to_table(width=80)
    first = table.splitlines()[2]
    assert "40: tie-000" in first
    assert first.rstrip().endswith(ELLIPSIS)
    assert "x" * 100 not in table


def test_short_table_is_unchanged():
    """Should print a table that already fits exactly as before: nothing cut, nothing summarised."""
    rows = Rows([{"period": "1958", "actor": "albania", "ties": ["a", "b"], "score": 0.5}])
    assert rows.to_table(width=200) == rows.to_table(width=40)
    assert "a | b" in rows.to_table(width=40) and ELLIPSIS not in rows.to_table(width=40)


def test_columns_that_cannot_fit_are_named():
    """Should leave out the last columns when even their headers do not fit, and say which."""
    rows = Rows([{f"column_{i}": i for i in range(12)}])
    table = rows.to_table(width=50)
    assert widest(table) <= 50
    note = " ".join(table.splitlines()[3:])
    assert note.startswith("(") and "column_11" in note and "--format csv or json" in note
    shown = table.splitlines()[0].split()
    assert all(len(h) >= min(len("column_0"), MIN_COLUMN) for h in shown)


def test_width_follows_the_terminal(monkeypatch):
    """Should take the width from $COLUMNS (shutil.get_terminal_size)."""
    monkeypatch.setenv("COLUMNS", "55")
    assert terminal_width() == 55
    rows = Rows([{"a": "y" * 200}])
    assert widest(rows.to_table()) <= 55


def test_diff_fits_100_columns_and_csv_keeps_everything(monkeypatch, capsys):
    """Should print `entente diff 1958 1959 --level state` within 100 columns; csv keeps every tie id."""
    monkeypatch.setenv("COLUMNS", "100")
    assert main(["diff", "1958", "1959", "--data", DATA, "--level", "state"]) == 0
    table = capsys.readouterr().out
    assert widest(table) <= 100
    assert "Edges that changed" in table and "Rank moves" in table and "Camp moves" in table
    assert main(["diff", "1958", "1959", "--data", DATA, "--level", "state", "--format", "csv"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert max(len(r["ties"]) for r in rows) > 100  # the full lists are there
    assert all(ELLIPSIS not in r["ties"] for r in rows)
    assert main(["diff", "1958", "1959", "--data", DATA, "--level", "state", "--format", "json"]) == 0
    assert all(isinstance(r["ties"], list) for r in json.loads(capsys.readouterr().out))


@pytest.mark.parametrize(
    "argv",
    [
        ["centrality", "--level", "state"],
        ["alignment"],
        ["balance", "--level", "state"],
        ["robustness"],
        ["summary"],
    ],
)
def test_every_analysis_table_fits_100_columns(argv, monkeypatch, capsys):
    """Should print every analysis command's table within 100 columns."""
    monkeypatch.setenv("COLUMNS", "100")
    assert main([*argv, "--data", DATA]) == 0
    assert widest(capsys.readouterr().out) <= 100
