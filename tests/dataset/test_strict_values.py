"""Strict values (issue 15): numbers finite, booleans and integers never taken for each other, and a
hostile file (nested thousands deep, or wrong thousands of times) refused with a bounded report."""

import json
from pathlib import Path

import pytest

from network.dataset.loader import check
from network.dataset.problems import MAX_PROBLEMS

ROOT = Path(__file__).resolve().parents[2]
MINI = (ROOT / "tests" / "data" / "mini.yaml").read_text(encoding="utf-8")
FIRST_TIE = MINI.index("ties:")


def _with(old: str, new: str) -> str:
    """mini.yaml with the first ``old`` in its ties replaced by ``new``."""
    head, ties = MINI[:FIRST_TIE], MINI[FIRST_TIE:]
    assert old in ties
    return head + ties.replace(old, new, 1)


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("  weight: 3\n", "  weight: .nan\n", "tie.weight must be a finite number, not '.nan'"),
        ("  weight: 3\n", "  weight: .inf\n", "tie.weight must be a finite number, not '.inf'"),
        ("  weight: 3\n", "  weight: .Inf\n", "tie.weight must be a finite number, not '.Inf'"),
        ("  weight: 3\n", "  weight: -.inf\n", "tie.weight must be a finite number, not '-.inf'"),
        ("  weight: 3\n", "  weight: true\n", "tie.weight must be a number, not 'true'"),
        ("  sign: 1\n", "  sign: true\n", "tie.sign must be one of 1, -1; found 'true'"),
        ("  sign: 1\n", "  sign: 1.0\n", "tie.sign must be one of 1, -1; found '1.0'"),
        ("  directed: false\n", "  directed: 1\n", "tie.directed must be true or false, not '1'"),
        ("  directed: false\n", "  directed: 0\n", "tie.directed must be true or false, not '0'"),
        (
            "{source: mini, page: 1}",
            "{source: mini, page: true}",
            "cite.page must be a whole number, not 'true'",
        ),
        (
            "{source: mini, page: 1}",
            "{source: mini, page: .nan}",
            "cite.page must be a whole number, not '.nan'",
        ),
    ],
)
def test_a_value_of_the_wrong_kind_is_refused(old, new, expected, tmp_path):
    """Should refuse it with one problem at its line saying what is wanted."""
    path = tmp_path / "d.yaml"
    path.write_text(_with(old, new), encoding="utf-8")
    dataset, problems = check(path)
    assert dataset is None
    assert [p.message for p in problems] == [expected]
    assert problems[0].line > 0


@pytest.mark.parametrize("literal", ["NaN", "Infinity", "-Infinity"])
def test_a_non_finite_weight_in_json_is_refused(literal, tmp_path):
    """Should refuse JSON's NaN and Infinity (which Python's json module reads) as a weight."""
    source = tmp_path / "d.yaml"
    source.write_text(MINI, encoding="utf-8")
    from network.cli import main

    assert main(["convert", str(source), str(tmp_path / "d.json")]) == 0
    data = json.loads((tmp_path / "d.json").read_text(encoding="utf-8"))
    data["ties"][0]["weight"] = "@@"
    text = json.dumps(data).replace('"@@"', literal)
    (tmp_path / "d.json").write_text(text, encoding="utf-8")
    dataset, problems = check(tmp_path / "d.json")
    assert dataset is None
    assert any("weight" in p.message for p in problems), [str(p) for p in problems]


@pytest.mark.parametrize("opening,closing,kind", [("[", "]", "a list"), ("{a: ", "}", "a mapping")])
def test_nesting_thousands_deep_is_one_problem_not_a_crash(opening, closing, kind, tmp_path):
    """Should report one problem, not end in a RecursionError: the field that holds the nesting, or
    (where the YAML parser's build has a depth limit of its own) that the data is nested too deeply."""
    path = tmp_path / "d.yaml"
    path.write_text(_with("  weight: 3\n", "  weight: " + opening * 5000 + "1" + closing * 5000 + "\n"))
    dataset, problems = check(path)
    assert dataset is None
    assert len(problems) == 1, [str(p) for p in problems]
    message = problems[0].message
    assert "nest" in message.lower() or message == f"tie.weight must be a number, not {kind}", message


def test_a_file_wrong_thousands_of_times_reports_a_bounded_number_of_problems(tmp_path):
    """Should stop at MAX_PROBLEMS and say that there may be more."""
    bad = "".join(
        f"- id: x{i}\n  source: nobody\n  target: noone\n  date: 'x'\n  sign: 5\n" for i in range(5000)
    )
    path = tmp_path / "d.yaml"
    path.write_text(MINI + bad, encoding="utf-8")
    dataset, problems = check(path)
    assert dataset is None
    assert len(problems) == MAX_PROBLEMS + 1
    assert problems[-1].message == f"stopped after {MAX_PROBLEMS} problems; there may be more"
