"""The framing lives in the data: no case in the package, and a matrix of small datasets built end to end.

Each fixture of ``tests/data/matrix/`` is one shape of dataset a researcher may
bring (no framing, three poles, no periods, no memberships, a single year, a
150-year span, persons only, a pole that never has a tie). Each is built with
``entente build`` and run through every analysis command; the outputs that
need a framing (the alignment tables, the alignment time line, the alignment
and robustness commands) are present exactly when the dataset declares one.
"""

from __future__ import annotations

import ast
import contextlib
import io
import json
import re
from pathlib import Path

import pytest

import network
from network import load
from network.cli import main

ROOT = Path(__file__).resolve().parents[1]
MATRIX = ROOT / "tests" / "data" / "matrix"
FIXTURES = sorted(p.stem for p in MATRIX.glob("*.yaml"))
#: Ids, names and the article of the first dataset: none may appear in the package's code.
CASE = re.compile(
    r"\b(albania\w*|ussr|china|hoxha|khrushchev|enver|tretiak\w*|moscow|peking|tirana|sino-albanian)\b",
    re.IGNORECASE,
)
NOTE = "left out: the dataset declares no framing"
#: Drawing 150 years of snapshots at two levels takes minutes; the long span's figures are
#: planned (every view computed) but not drawn. The drawing code is the one the other fixtures run.
NOT_DRAWN = {"long_span"}


def _docstrings(tree: ast.AST) -> set[int]:
    return {
        id(n.body[0].value)
        for n in ast.walk(tree)
        if isinstance(n, (ast.Module, ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef))
        and n.body
        and isinstance(n.body[0], ast.Expr)
        and isinstance(n.body[0].value, ast.Constant)
    }


def case_names_in_code(package: Path) -> list[str]:
    """Places in ``package`` whose string constants (docstrings aside) or page assets name the case."""
    found = []
    for path in sorted(package.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        docs = _docstrings(tree)
        for n in ast.walk(tree):
            if isinstance(n, ast.Constant) and isinstance(n.value, str) and id(n) not in docs:
                if CASE.search(n.value):
                    found.append(f"{path.relative_to(package.parent)}:{n.lineno}: {n.value[:60]!r}")
    for path in sorted(package.rglob("*")):
        if path.suffix in (".js", ".html", ".css"):
            for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
                if CASE.search(line):
                    found.append(f"{path.relative_to(package.parent)}:{i}: {line.strip()[:60]!r}")
    return found


def test_the_package_names_no_case_outside_docstrings():
    """Should name no actor, person or article of the first dataset in code, strings or page assets."""
    package = Path(network.__file__).resolve().parent  # the source checkout, or the installed wheel in CI
    assert any(package.rglob("*.py")) and case_names_in_code(package) == []


def test_the_scan_finds_a_hard_wired_case(tmp_path):
    """Should catch a case id in a string constant and in an asset, and pass over docstrings."""
    package = tmp_path / "pkg"
    package.mkdir()
    (package / "a.py").write_text(
        '"""Albania in a docstring is fine."""\nFOCAL = "albania"\n', encoding="utf-8"
    )
    (package / "b.js").write_text("const pole = 'Peking';\n", encoding="utf-8")
    assert case_names_in_code(package) == ["pkg/a.py:2: 'albania'", "pkg/b.js:1: \"const pole = 'Peking';\""]


def test_the_matrix_is_complete():
    """Should hold every shape of dataset the matrix promises."""
    assert FIXTURES == sorted(
        [
            "long_span",
            "no_framing",
            "no_memberships",
            "no_periods",
            "persons_only",
            "silent_pole",
            "single_year",
            "three_poles",
        ]
    )
    spans = {name: load(MATRIX / f"{name}.yaml").span for name in FIXTURES}
    assert spans["single_year"][0].year == spans["single_year"][1].year
    assert spans["long_span"][1].year - spans["long_span"][0].year + 1 == 150
    assert all(a.kind == "person" for a in load(MATRIX / "persons_only.yaml").actors.values())
    assert not any(a.member_of for a in load(MATRIX / "no_memberships.yaml").actors.values())
    assert not load(MATRIX / "no_periods.yaml").periods
    assert len(load(MATRIX / "three_poles.yaml").framing.poles) == 3
    silent = load(MATRIX / "silent_pole.yaml")
    assert not any("quiet" in (t.source, t.target) for t in silent.ties) and "quiet" in silent.framing.poles


@pytest.fixture(scope="module", params=FIXTURES)
def built(request, tmp_path_factory):
    """A matrix fixture built with ``entente build`` (the long span's figures not drawn), and its stderr."""
    name = request.param
    path = MATRIX / f"{name}.yaml"
    out = tmp_path_factory.mktemp(name)
    stages = (
        [] if name not in NOT_DRAWN else ["--stage", "tables", "--stage", "explorer", "--stage", "report"]
    )
    err = io.StringIO()
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
        code = main(["build", str(path), "--out", str(out), "--no-cache", *stages])
    assert code == 0, err.getvalue()
    return name, path, out, err.getvalue()


def test_build_makes_the_framing_outputs_exactly_when_framed(built):
    """Should write the alignment tables and time line only with a framing, and say why when not."""
    name, path, out, err = built
    framed = load(path).framing is not None
    assert framed == (name != "no_framing")
    assert (out / "tables" / "alignment-year.csv").exists() == framed
    assert ((out / "tables" / "alignment-period.csv").exists()) == (framed and bool(load(path).periods))
    assert (NOTE in err) == (not framed)
    assert (out / "tables" / "blocs-year.csv").exists() == framed  # camps are reckoned towards the poles
    assert (out / "explorer.html").exists() and (out / "report" / "index.html").exists()
    if name not in NOT_DRAWN:
        assert (out / "alignment-timeline.svg").exists() == framed
        assert (out / "state" / "small-multiples.svg").exists()
    assert "Traceback" not in err


def test_no_output_names_the_first_dataset(built):
    """Should let no word of the first dataset into another dataset's outputs."""
    name, path, out, err = built
    for f in sorted(out.rglob("*")):
        if f.suffix in (".csv", ".json", ".html", ".md", ".svg"):
            text = f.read_text(encoding="utf-8")
            assert not CASE.search(text), f"{f.relative_to(out)}: {CASE.search(text).group()}"


def test_camps_are_named_after_the_poles_or_left_out(built):
    """Should name camps after the dataset's poles when framed, and place no actor in a camp when not."""
    name, path, out, err = built
    ds = load(path)
    if not ds.framing:
        assert not (out / "tables" / "blocs-year.csv").exists()
        return
    rows = (out / "tables" / "blocs-year.csv").read_text().splitlines()
    names = {line.split(",")[2] for line in rows[1:]}
    poles = set(ds.framing.poles)
    for n in names:
        kind, _, named = n.partition(":")
        assert kind in ("cooperative", "enemy-side", "no-side", "unaligned"), n
        assert set(named.split("+")) <= poles if named else kind in ("no-side", "unaligned"), n


def test_every_figure_is_planned_for_the_long_span():
    """Should prepare every view of 150 years, with the alignment time line (the drawing is tested above)."""
    from network.figures.render import plan

    jobs = plan(load(MATRIX / "long_span.yaml"))
    stems = [j.stem for j in jobs]
    assert "alignment-timeline" in stems and "state/snapshot-1800" in stems and "state/snapshot-1949" in stems


def _commands(ds) -> list[list[str]]:
    first, last = min(t.lower for t in ds.ties).year, max(t.upper for t in ds.ties).year
    return [
        ["summary"],
        ["centrality"],
        ["centrality", "--by", "period"] if ds.periods else ["centrality", "--level", "state"],
        ["balance"],
        ["alignment"],
        ["alignment", "--blocs"],
        ["robustness"],
        ["diff", str(first), str(last)],
        ["diff", str(first), str(last), "--show", "blocs", "--format", "json"],
        *(["export", "--format", f] for f in ("gexf", "csv", "json")),
        ["export", "--format", "graphml", "--window", str(first)],  # one window's file to stdout
    ]


@pytest.mark.parametrize("name", FIXTURES)
def test_every_analysis_command_runs(name, capsys):
    """Should run every analysis command and export: exit 0 (alignment, robustness unframed: 2, a note)."""
    path = MATRIX / f"{name}.yaml"
    ds = load(path)
    for command in _commands(ds):
        code = main([*command, "--data", str(path)])
        out, err = capsys.readouterr()
        needs_framing = (
            command in (["alignment"], ["robustness"], ["alignment", "--blocs"]) or "blocs" in command
        )
        if needs_framing and ds.framing is None:
            assert code == 2, (command, err)
            camp_only = "blocs" in command or "--blocs" in command  # the camps need only --pole
            assert NOTE in err and ("--pole" if camp_only else "--focal and --pole") in err
        else:
            assert code == 0, (command, err)
            assert out
        assert not CASE.search(out + err), (command, CASE.search(out + err))


def test_focal_and_poles_on_the_command_line_frame_an_unframed_dataset(capsys):
    """Should take --focal and --pole where the data declares no framing, and override a declared one."""
    unframed = str(MATRIX / "no_framing.yaml")
    assert (
        main(["alignment", "--data", unframed, "--focal", "north", "--pole", "east,west", "--format", "json"])
        == 0
    )
    rows = json.loads(capsys.readouterr().out)
    assert {(r["focal"], r["pole"]) for r in rows} == {("north", "east"), ("north", "west")}
    framed = str(MATRIX / "three_poles.yaml")
    assert main(["alignment", "--data", framed, "--format", "json"]) == 0
    assert {r["pole"] for r in json.loads(capsys.readouterr().out)} == {"east", "south", "west"}
    assert main(["alignment", "--data", framed, "--pole", "west,east", "--format", "json"]) == 0
    assert [r["pole"] for r in json.loads(capsys.readouterr().out)][:2] == ["west", "east"]
    assert main(["alignment", "--data", framed, "--focal", "nowhere"]) == 2
    assert "unknown actor 'nowhere'" in capsys.readouterr().err


def test_a_pole_without_ties_scores_nothing(capsys):
    """Should give the silent pole no score (no evidence is not neutrality) rather than fail."""
    assert main(["alignment", "--data", str(MATRIX / "silent_pole.yaml"), "--format", "json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert {r["score"] for r in rows if r["pole"] == "quiet"} == {None}
    assert any(r["score"] is not None for r in rows if r["pole"] == "east")


def test_three_poles_are_pinned_left_to_right_in_their_order():
    """Should pin the poles in drawing order, the middle one between the first and the last."""
    from network.output.layout import layout_for

    ds = load(MATRIX / "three_poles.yaml")
    pos = layout_for(ds, level="state")
    assert [pos[p] for p in ds.framing.poles] == [(-1.0, 0.0), (0.0, 0.0), (1.0, 0.0)]


def test_the_policy_the_data_declares_rules_validate_and_build(tmp_path, capsys):
    """Should hold a dataset to the strict policy only when it asks, with --strict/--no-strict overriding."""
    strict = str(ROOT / "tests" / "data" / "invalid" / "policy_strict.yaml")  # strict, a tie without evidence
    basic = str(MATRIX / "no_framing.yaml")  # no policy, no citations
    assert main(["validate", strict]) == 1
    assert "required by the strict policy" in capsys.readouterr().err
    assert main(["validate", "--no-strict", strict]) == 0
    assert main(["validate", basic]) == 0
    assert main(["validate", "--strict", basic]) == 1
    capsys.readouterr()
    assert main(["build", strict, "--out", str(tmp_path / "a"), "--stage", "tables"]) == 1
    assert not (tmp_path / "a" / "tables").exists()
    assert main(["build", strict, "--no-strict", "--out", str(tmp_path / "b"), "--stage", "tables"]) == 0
    assert main(["build", basic, "--out", str(tmp_path / "c"), "--stage", "tables"]) == 0
    assert main(["build", basic, "--strict", "--out", str(tmp_path / "d"), "--stage", "tables"]) == 1
    assert "required by the strict policy" in capsys.readouterr().err
