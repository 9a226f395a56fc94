"""The analysis commands, run in-process: shared options, stable JSON keys, clear errors."""

import json
from pathlib import Path

import pytest

from network.cli import build_parser, main

ROOT = Path(__file__).resolve().parents[2]
MINI = str(ROOT / "tests" / "data" / "mini.yaml")
TRIBES = str(ROOT / "data" / "tribes.yaml")
ANALYSES = ("centrality", "balance", "alignment", "diff", "robustness")


def run_json(capsys, *argv):
    assert main(list(argv) + ["--format", "json"]) == 0
    return json.loads(capsys.readouterr().out)


@pytest.mark.parametrize("name", ANALYSES)
def test_every_analysis_has_help_and_the_shared_options(name, capsys):
    """Should document the shared options on every analysis command."""
    with pytest.raises(SystemExit) as info:
        main([name, "--help"])
    assert info.value.code == 0
    out = capsys.readouterr().out
    for option in (
        "--data",
        "--by",
        "--level",
        "--mode",
        "--allocation",
        "--confidence",
        "--type",
        "--format",
    ):
        assert option in out, (name, option)
    parser = build_parser()
    sub = next(a for a in parser._actions if a.dest == "command")
    assert sub.choices[name].description


@pytest.mark.parametrize("name", ["centrality", "balance", "alignment", "robustness"])
def test_json_keys_are_stable(name, capsys, row_keys):
    """Should print a JSON array of row objects with the documented keys."""
    rows = run_json(capsys, name, "--data", MINI)
    assert rows and all(list(r) == row_keys[name] for r in rows)
    assert all(isinstance(r["period"], str) for r in rows)


def test_centrality_by_period_state_level(capsys):
    """Should use period ids and state-level actors when asked."""
    rows = run_json(capsys, "centrality", "--data", MINI, "--by", "period", "--level", "state")
    assert {r["period"] for r in rows} == {"rapprochement", "crisis"}
    assert {r["actor"] for r in rows} == {"albania", "china", "ussr"}


def test_balance_on_tribes(capsys):
    """Should find Read's tribes 87% triangle-balanced, frustration 7, blocs of 12 and 4."""
    [row] = run_json(capsys, "balance", "--data", TRIBES)
    assert (row["period"], row["nodes"], row["edges"], row["triangles"]) == ("1954", 16, 58, 68)
    assert row["frustration"] == 7 and row["exact"] is True
    assert row["triangle_balance"] == pytest.approx(59 / 68)
    assert sorted(len(b) for b in row["partition"]) == [4, 12]
    assert row["camps"] is None  # no pole among the tribes


def test_alignment_defaults_and_options(capsys):
    """Should default to albania against ussr and china at state level; take --pole lists."""
    rows = run_json(capsys, "alignment", "--data", MINI)
    assert {(r["focal"], r["pole"]) for r in rows} == {("albania", "ussr"), ("albania", "china")}
    rows = run_json(
        capsys, "alignment", "--data", MINI, "--pole", "ussr", "--measure", "s_score", "--mode", "memory"
    )
    assert {r["pole"] for r in rows} == {"ussr"} and {r["measure"] for r in rows} == {"s_score"}
    rows = run_json(capsys, "alignment", "--data", MINI, "--blocs")
    assert list(rows[0]) == ["period", "actor", "camp", "kind", "poles", "ussr", "china"]


def test_confidence_filter_as_list_or_repeated(capsys):
    """Should accept --confidence stated,hedged and repeated --confidence alike."""
    a = run_json(capsys, "alignment", "--data", MINI, "--confidence", "stated,hedged")
    b = run_json(capsys, "alignment", "--data", MINI, "--confidence", "stated", "--confidence", "hedged")
    assert a == b
    stated = run_json(capsys, "alignment", "--data", MINI, "--confidence", "stated")
    assert stated != a


def test_type_filter(capsys):
    """Should keep only the tie types asked for."""
    rows = run_json(capsys, "centrality", "--data", MINI, "--type", "aid")
    assert {(r["period"], r["actor"]) for r in rows} == {("1959", "albania"), ("1959", "china")}


def test_diff_prints_three_tables_or_one(capsys):
    """Should print edges, rank moves and bloc moves as tables, one table as JSON."""
    assert main(["diff", "1959", "1960", "--data", MINI, "--level", "state"]) == 0
    out = capsys.readouterr().out
    assert "Edges that changed, 1959 -> 1960" in out and "Rank moves" in out and "Camp moves" in out
    assert "flipped" in out and "mini, p. 7" in out
    rows = run_json(capsys, "diff", "1959", "1960", "--data", MINI, "--level", "state")
    assert list(rows[0]) == ["change", "source", "target", "weight_a", "weight_b", "ties", "citations"]
    rows = run_json(capsys, "diff", "1959", "1960", "--data", MINI, "--level", "state", "--show", "blocs")
    assert list(rows[0]) == ["actor", "name", "camp_a", "camp_b"]


def test_csv_has_a_header(capsys):
    """Should print CSV with a header row."""
    assert main(["alignment", "--data", MINI, "--format", "csv"]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[0] == "period,focal,pole,score,low,high,ties,measure"
    assert "1957,albania,china,,,,0,jeffreys" in out


@pytest.mark.parametrize(
    "argv, message",
    [
        (["alignment", "--focal", "hoxha"], "unknown actor 'hoxha' at state level"),
        (["alignment", "--pole", "nobody"], "unknown actor 'nobody'"),
        (["robustness", "--focal", "nobody"], "unknown actor 'nobody'"),
        (["diff", "1958", "1972"], "unknown period '1972'"),
        (["diff", "1958", "1959", "--show", "blocs", "--pole", "nobody"], "unknown actor 'nobody'"),
        (["alignment", "--blocs", "--pole", "nobody"], "unknown actor 'nobody'"),
        (["balance", "--pole", "nobody"], "unknown actor 'nobody'"),
        (["centrality", "--by", "period", "--data", TRIBES], "no named periods"),
        (["robustness", "--confidence", "alleged"], "robustness compares the confidence filters"),
    ],
)
def test_bad_ids_exit_2_with_one_line(argv, message, capsys):
    """Should exit 2 with a one-line error, never a traceback."""
    if "--data" not in argv:
        argv = argv + ["--data", MINI]
    code = main(argv)
    err = capsys.readouterr().err
    assert code == 2
    assert err.startswith("entente: error: ") and message in err
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err


def test_bad_option_values_are_usage_errors(capsys):
    """Should reject an unknown confidence level or type at parse time."""
    for argv in (
        ["centrality", "--confidence", "sure"],
        ["centrality", "--type", "hug"],
        ["centrality", "--level", "party"],
    ):
        with pytest.raises(SystemExit) as info:
            main(argv + ["--data", MINI])
        assert info.value.code == 2
        assert "Traceback" not in capsys.readouterr().err


def test_invalid_data_exits_1(tmp_path, capsys):
    """Should report invalid data and exit 1."""
    bad = tmp_path / "bad.yaml"
    bad.write_text("format: 1\nactors: []\nties: [{source: a}]\n", encoding="utf-8")
    for name in ("centrality", "balance", "alignment", "robustness"):
        assert main([name, "--data", str(bad)]) == 1
        assert "invalid" in capsys.readouterr().err
    assert main(["diff", "1958", "1959", "--data", str(bad)]) == 1
