"""``entente compare A B`` (measures/compare.py, figures/compare.py): two records side by side.

The answers for tests/data/compare/a.yaml (a made-up curated record) against b.yaml (made-up
machine-coded events, Albania as 'alb', mapped by map.yaml), state level, yearly windows, worked
out by hand from the two files:

A spans 1957-05 to 1959-06, B 1957-03-01 to 1960-06-01: 1957 to 1959 are compared, 1960 is only in B.
Greece (A) and Yugoslavia (B) are each known to one dataset only; hoxha projects onto Albania.

======  ================  ====================================  ==========================  =========
year    dyad              A (ties: net)                         B (ties: net)               status
======  ================  ====================================  ==========================  =========
1957    albania-ussr      aid +2: +2                            +1, +1: +2                  agree
1957    china-ussr        praise +1: +1                         +1, -1: 0                   one-zero
1958    albania-china     aid +2: +2                            aid +1: +1                  agree
1958    albania-ussr      hoxha praise +1, accuse -3: -2        consult +1: +1              disagree
1958    china-ussr        praise +1: +1                         (none)                      only-a
1959    albania-china     visit +1: +1                          reject -1: -1               disagree
1959    albania-ussr      reject -2: -2                         -1, -1: -2                  agree
1959    china-ussr        (none)                                -1: -1                      only-b
======  ================  ====================================  ==========================  =========

Net weights in both (n = 6): A = (2, 1, 2, -2, 1, -2), B = (2, 0, 1, 1, -1, -2).
Pearson: sxy = 7 - 6(1/3)(1/6) = 20/3, sxx = 18 - 2/3 = 52/3, syy = 11 - 1/6 = 65/6, so
r^2 = (400/9) / (3380/18) = 40/169 and r = sqrt(40)/13 = 0.4865.
Spearman: ranks A = (5.5, 3.5, 5.5, 1.5, 3.5, 1.5), B = (6, 3, 4.5, 4.5, 2, 1); about the mean
rank 3.5, sxy = 10, sxx = 16, syy = 17, so rho = 10 / sqrt(272) = 0.6063.
"""

from __future__ import annotations

import csv
import io
import json
import math
from pathlib import Path

import pytest

from network import load
from network.cli import main
from network.figures.compare import comparison_bytes
from network.measures.compare import compare, comparison_view, read_actor_map

ROOT = Path(__file__).resolve().parents[2]
HERE = ROOT / "tests" / "data" / "compare"
A, B = str(HERE / "a.yaml"), str(HERE / "b.yaml")
MAP_YAML, MAP_CSV = str(HERE / "map.yaml"), str(HERE / "map.csv")
CURATED = str(ROOT / "data" / "actors.yaml")

#: (year, source, target, status, net in A, net in B, ties in A, ties in B), from the table above.
EXPECTED = [
    ("1957", "albania", "ussr", "agree", 2.0, 2.0, 1, 2),
    ("1957", "china", "ussr", "one-zero", 1.0, 0.0, 1, 2),
    ("1958", "albania", "china", "agree", 2.0, 1.0, 1, 1),
    ("1958", "albania", "ussr", "disagree", -2.0, 1.0, 2, 1),
    ("1958", "china", "ussr", "only-a", 1.0, None, 1, 0),
    ("1959", "albania", "china", "disagree", 1.0, -1.0, 1, 1),
    ("1959", "albania", "ussr", "agree", -2.0, -2.0, 1, 2),
    ("1959", "china", "ussr", "only-b", None, -1.0, 0, 1),
]


@pytest.fixture(scope="module")
def datasets():
    return load(A), load(B)


@pytest.fixture(scope="module")
def result(datasets):
    a, b = datasets
    return compare(a, b, mapping={"alb": "albania"})


def test_dyad_years_match_the_hand_worked_table(result):
    """Should give, per year and dyad, the net weights, tie counts and status worked out by hand."""
    got = [
        (d.period, d.source, d.target, d.status, d.weight_a, d.weight_b, d.count_a, d.count_b)
        for d in result.dyads
    ]
    assert got == EXPECTED


def test_summary_counts_and_correlations(result):
    """Should count the statuses and give Pearson's r and Spearman's rho over the 6 dyad-years in both."""
    s = result.summary()
    assert (s["dyad_years"], s["agree"], s["disagree"], s["one_zero"], s["only_a"], s["only_b"]) == (
        8,
        3,
        2,
        1,
        1,
        1,
    )
    assert s["n"] == 6
    assert s["pearson_r"] == pytest.approx(math.sqrt(40) / 13)
    assert s["spearman_rho"] == pytest.approx(10 / math.sqrt(272))
    assert s["windows"] == 3 and s["windows_only_a"] == [] and s["windows_only_b"] == ["1960"]
    assert s["actors_only_a"] == ["greece"] and s["actors_only_b"] == ["yug"]
    line = result.summary_line()
    assert line.startswith("8 dyad-years compared in 3 windows (1957 to 1959): 3 agree in sign, 2 disagree")
    assert "Pearson r of the net weights 0.487 (n = 6), Spearman rho 0.606 (n = 6)" in line


def test_citations_on_both_sides(result):
    """Should give the ids of the ties behind each side of an edge and their citations, in the same order."""
    d = next(d for d in result.dyads if (d.period, d.source, d.target) == ("1958", "albania", "ussr"))
    assert d.ties_a == ("a-hoxha-ussr-praise-1958-02", "a-ussr-albania-accuse-1958-10")
    assert d.citations_a == ("curated, p. 3, n. 4 (Zeri i Popullit, February 1958)", "curated, p. 5, n. 9")
    assert d.ties_b == ("b-alb-ussr-1958-05-10",)
    assert d.citations_b == ("events (https://example.org/story/5)",)
    only_b = next(d for d in result.dyads if d.status == "only-b")
    assert only_b.ties_a == () and only_b.citations_a == () and only_b.ties_b == ("b-china-ussr-1959-10-01",)


def test_windows_and_lone_actors(result):
    """Should list every window with the ties each dataset counts in it, and the actors only one knows."""
    rows = [(r["period"], r["covered"], r["ties_a"], r["ties_b"]) for r in result.window_rows()]
    assert rows == [
        ("1957", "both", 2, 4),
        ("1958", "both", 5, 2),
        ("1959", "both", 2, 5),
        ("1960", "only-b", 0, 1),
    ]
    per_window = {
        r["period"]: (r["agree"], r["disagree"], r["only_a"], r["only_b"]) for r in result.window_rows()
    }
    assert per_window["1958"] == (1, 1, 1, 0)
    lone = [(r["actor"], r["name"], r["only_in"], r["dyad_years"], r["ties"]) for r in result.actor_rows()]
    assert lone == [("greece", "Greece", "A", 1, 1), ("yug", "Yugoslavia", "B", 1, 1)]


def test_without_the_map_albania_is_two_actors(datasets):
    """Should match by id only: without the map, 'alb' and 'albania' are each one dataset's actor."""
    c = compare(*datasets)
    assert [(d.period, d.status) for d in c.dyads] == [
        ("1957", "one-zero"),
        ("1958", "only-a"),
        ("1959", "only-b"),
    ]
    assert {(x.actor, x.side) for x in c.lone_actors} == {
        ("albania", "a"),
        ("greece", "a"),
        ("alb", "b"),
        ("yug", "b"),
    }
    assert c.pearson().value is None and c.pearson().n == 1


def test_two_b_actors_mapped_to_one_merge_and_self_ties_drop(datasets):
    """Should merge B actors the map makes one, and drop (and count) an edge whose ends become one actor."""
    c = compare(*datasets, mapping={"alb": "albania", "yug": "albania"})
    assert c.dropped_by_map == 1  # yug-alb 1959
    assert [x.actor for x in c.lone_actors] == ["greece"]
    assert len(c.dyads) == 8


def test_person_level(datasets):
    """Should compare at person level on request: hoxha's tie is only A's; 1958 albania-ussr is -3 in A."""
    c = compare(*datasets, mapping={"alb": "albania"}, level="person")
    d = next(d for d in c.dyads if (d.period, d.source, d.target) == ("1958", "albania", "ussr"))
    assert (d.weight_a, d.weight_b, d.status) == (-3.0, 1.0, "disagree")
    assert ("hoxha", "a") in {(x.actor, x.side) for x in c.lone_actors}


def test_a_dataset_against_itself_agrees_everywhere(capsys):
    """``entente compare data/actors.yaml data/actors.yaml``: every dyad-year agrees, r = rho = 1."""
    assert main(["compare", CURATED, CURATED, "--show", "summary", "--format", "json"]) == 0
    (s,) = json.loads(capsys.readouterr().out)
    assert s["dyad_years"] > 0 and s["agree"] == s["dyad_years"]
    assert s["disagree"] == s["one_zero"] == s["only_a"] == s["only_b"] == 0
    assert s["pearson_r"] == pytest.approx(1.0) and s["spearman_rho"] == pytest.approx(1.0)
    assert s["n"] == s["dyad_years"]
    assert s["windows_only_a"] == s["windows_only_b"] == s["actors_only_a"] == s["actors_only_b"] == []


def test_map_in_yaml_and_csv_give_the_same_rows(capsys):
    """Should read the map as YAML or CSV alike; csv and json print the dyads with both citations."""
    assert main(["compare", A, B, "--map", MAP_YAML, "--format", "json"]) == 0
    by_yaml = capsys.readouterr()
    assert main(["compare", A, B, "--map", MAP_CSV, "--format", "json"]) == 0
    assert capsys.readouterr().out == by_yaml.out
    rows = json.loads(by_yaml.out)
    assert [(r["period"], r["source"], r["target"], r["status"]) for r in rows] == [e[:4] for e in EXPECTED]
    assert by_yaml.err.startswith("8 dyad-years compared")  # the summary on stderr, stdout stays data
    assert main(["compare", A, B, "--map", MAP_YAML, "--format", "csv"]) == 0
    table = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert (
        table[3]["citations_a"] == "curated, p. 3, n. 4 (Zeri i Popullit, February 1958)|curated, p. 5, n. 9"
    )
    assert table[3]["weight_b"] == "1.0" and table[4]["weight_b"] == ""


def test_table_prints_every_table_and_the_summary(capsys):
    assert main(["compare", A, B, "--map", MAP_YAML]) == 0
    out = capsys.readouterr().out
    for heading in ("Dyad-years of A", "Windows", "Actors only one dataset knows"):
        assert heading in out
    assert out.rstrip().splitlines()[-1].startswith("8 dyad-years compared in 3 windows")


@pytest.mark.parametrize(
    ("text", "suffix", "messages"),
    [
        (
            "alb: albania\nalbx: albania\nyug: serbia\n",
            ".yaml",
            [
                ":2:1: B (",
                "has no actor 'albx' (hint: did you mean 'alb'?)",
                ":3:6: A (",
                "has no actor 'serbia'",
            ],
        ),
        ("alb: albania\nalb: china\n", ".yaml", [":2:1: B id 'alb' is mapped twice (first on line 1)"]),
        ("alb: [albania]\n", ".yaml", [":1:6: expected an actor id"]),
        ("- alb\n", ".yaml", [":1:1: the map must be a mapping"]),
        ("from,to\nalb,albania\n", ".csv", [":1:1: the header must be 'b,a'"]),
        ("b,a\nalb,albania,x\n,china\n", ".csv", [":2:1: 3 cells, expected 2", ":3:1: an empty id"]),
    ],
)
def test_bad_map_is_a_usage_error_listing_every_problem(tmp_path, capsys, text, suffix, messages):
    """Should exit 2 and name file, line and column of every problem of the map, comparing nothing."""
    path = tmp_path / f"map{suffix}"
    path.write_text(text, encoding="utf-8")
    assert main(["compare", A, B, "--map", str(path)]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    for m in messages:
        assert m in err, err
    assert f"{path}: the map has" in err and "Traceback" not in err


def test_read_actor_map_checks_ids_only_against_datasets_given(datasets):
    """Should report unknown ids only when the datasets are given (the map alone is well formed)."""
    mapping, problems = read_actor_map(MAP_YAML)
    assert mapping == {"alb": "albania"} and problems == []
    a, b = datasets
    _, problems = read_actor_map(MAP_YAML, b, a)  # the wrong way round: alb is not A's, albania not B's
    assert [(p.line, p.column) for p in problems] == [(2, 1), (2, 6)]


def test_missing_files(tmp_path, capsys):
    """A missing map file is a usage error (2); a missing dataset is invalid data (1), as elsewhere."""
    assert main(["compare", A, B, "--map", str(tmp_path / "nope.yaml")]) == 2
    assert f"{tmp_path / 'nope.yaml'}:0:0: no such file" in capsys.readouterr().err
    assert main(["compare", A, str(tmp_path / "nope.yaml")]) == 1
    assert f"{tmp_path / 'nope.yaml'}:0:0: no such file" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (["--figure", "out.pdf"], "name a .png or .svg file"),
        (["--figure", "x.png", "--top", "0"], "--top must be at least 1"),
        (["--top", "3"], "give --figure PATH too"),
        (["--by", "period"], "neither A nor B has named periods"),
        (["--figure", A], "which compare never writes over"),
    ],
)
def test_usage_errors(extra, message, capsys):
    assert main(["compare", A, B, *extra]) == 2
    assert message in capsys.readouterr().err


def test_figure_view_shows_the_most_tied_dyads(result):
    """Should pick the dyads with the most ties (A's and B's: 9, 5, 4) and mark the disagreements."""
    view = comparison_view(result)
    assert [(r.source, r.target) for r in view.rows] == [
        ("albania", "ussr"),
        ("china", "ussr"),
        ("albania", "china"),
    ]
    assert view.windows == ("1957", "1958", "1959") and view.disagreements == 2
    assert [c.status if c else None for c in view.rows[2].cells] == [None, "agree", "disagree"]
    cell = view.rows[0].cells[1]  # 1958 albania-ussr: -2 in A, +1 in B
    assert (cell.sign_a, cell.sign_b, cell.text_a, cell.text_b) == (-1, 1, "\u22122", "+1")
    assert cell.shade_a == pytest.approx(1.0) and cell.shade_b == pytest.approx(math.sqrt(0.5))
    assert "Made-up curated record" in view.caption and "A made-up event file" in view.caption


def test_figure_is_deterministic_and_cites_both_sources(tmp_path, capsys):
    """Should write the same bytes twice (PNG and SVG), and name both datasets' sources in the figure."""
    files = []
    for fmt in ("png", "svg"):
        for run in (1, 2):
            path = tmp_path / f"run{run}" / f"compare.{fmt}"
            assert main(["compare", A, B, "--map", MAP_YAML, "--figure", str(path), "--format", "json"]) == 0
            files.append(path.read_bytes())
    capsys.readouterr()
    png1, png2, svg1, svg2 = files
    assert png1 == png2 and png1.startswith(b"\x89PNG")
    assert svg1 == svg2
    svg = svg1.decode("utf-8")
    for text in (
        "A made-up article for the tests",
        "A made-up event file",
        "Albania \u2013 Soviet Union",
        "1959",
    ):
        assert text in svg
    assert "disagree in sign" in svg


def test_figure_bytes_same_in_process(result):
    view = comparison_view(result, top=2)
    assert comparison_bytes(view, "svg") == comparison_bytes(view, "svg")


def test_figure_with_nothing_to_compare_says_so(datasets):
    """Should draw a figure that says there is nothing to compare, rather than fail."""
    a, b = datasets
    view = comparison_view(compare(a, b, types={"trade"}))
    assert view.rows == ()
    assert b"no dyad-year to compare" in comparison_bytes(view, "svg")


def test_names_the_font_cannot_draw_are_said_once(tmp_path, capsys):
    """Should say in one line which characters of the names the figure's font lacks, not warn per glyph."""
    data = tmp_path / "a.yaml"
    text = Path(A).read_text(encoding="utf-8").replace("name: China", "name: Zhōngguó 中国")
    data.write_text(text, encoding="utf-8")
    figure = tmp_path / "c.png"
    assert main(["compare", str(data), str(data), "--figure", str(figure), "--show", "summary"]) == 0
    err = capsys.readouterr().err
    assert "the figure's font has no glyph for 中 国 (in an actor's name)" in err
    assert "UserWarning" not in err and figure.is_file()
