"""Agreement between two codings: alpha and kappa, the matching rule, and ``entente agree``."""

import csv
import io
import json
import random
from pathlib import Path

import pytest

from network.cli import main
from network.curation.agreement import Scope, agreement, match_score
from network.curation.reliability import bootstrap_alpha, cohen_kappa, krippendorff_alpha
from network.dataset.edtf import parse_edtf
from network.dataset.model import Actor, Citation, Dataset, Tie

ROOT = Path(__file__).resolve().parents[2]
A = str(ROOT / "tests" / "data" / "agree" / "a.yaml")
B = str(ROOT / "tests" / "data" / "agree" / "b.yaml")
PAGES_1_3 = Scope.of(pages=[1, 2, 3])

# Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", example C:
# four observers, twelve units, values 1-5, None where an observer gave none.
EXAMPLE_C = [
    [1, 2, 3, 3, 2, 1, 4, 1, 2, None, None, None],
    [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, None, 3],
    [None, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, None],
    [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, None],
]


def units_of(matrix):
    """Coder-by-unit rows to the units' lists of values, missing ones left out."""
    return [[v for v in column if v is not None] for column in zip(*matrix, strict=True)]


# --- alpha and kappa ---------------------------------------------------------------------------


def test_alpha_reproduces_krippendorff_2011_example_a():
    """Should give 0.095 for the binary two-coder example (o01 = 4, n0 = 14, n1 = 6: 1 - 19*4/84)."""
    kim = [0, 1, 0, 0, 0, 0, 0, 0, 1, 0]
    ann = [1, 1, 1, 0, 0, 1, 0, 0, 0, 0]
    assert krippendorff_alpha(zip(kim, ann, strict=True)) == pytest.approx(1 - 19 * 4 / (14 * 6))
    assert round(krippendorff_alpha(zip(kim, ann, strict=True)), 3) == 0.095


def test_alpha_reproduces_krippendorff_2011_example_b():
    """Should give 0.692 for the nominal two-coder example."""
    ben = "a a b b d c c c e d d a".split()
    gerry = "b a b b b c c c e d d d".split()
    assert round(krippendorff_alpha(zip(ben, gerry, strict=True), "nominal"), 3) == 0.692


@pytest.mark.parametrize(
    "metric, expected", [("nominal", 0.743), ("ordinal", 0.815), ("interval", 0.849), ("ratio", 0.797)]
)
def test_alpha_reproduces_krippendorff_2011_example_c(metric, expected):
    """Should give the paper's alpha at each level for four coders with missing values."""
    assert round(krippendorff_alpha(units_of(EXAMPLE_C), metric), 3) == expected


def test_alpha_agrees_with_the_krippendorff_package_on_random_data():
    """Should match the PyPI ``krippendorff`` package (a test-only cross-check) at every level."""
    krippendorff = pytest.importorskip("krippendorff")
    np = pytest.importorskip("numpy")
    rng = random.Random(13)
    for _ in range(20):
        coders, n_units = rng.randint(2, 4), rng.randint(5, 25)
        matrix = [[rng.choice([1, 2, 3, 4, None]) for _ in range(n_units)] for _ in range(coders)]
        data = np.array([[np.nan if v is None else v for v in row] for row in matrix], dtype=float)
        for metric in ("nominal", "ordinal", "interval", "ratio"):
            ours = krippendorff_alpha(units_of(matrix), metric)
            try:
                with np.errstate(invalid="ignore", divide="ignore"):  # 0/0 where alpha is undefined
                    theirs = krippendorff.alpha(reliability_data=data, level_of_measurement=metric)
            except ValueError:  # the package refuses data with one value; ours returns None
                assert ours is None
                continue
            if ours is None:
                assert np.isnan(theirs) or theirs == pytest.approx(1.0)
            else:
                assert ours == pytest.approx(theirs, abs=1e-9), (metric, matrix)


def test_alpha_is_none_where_undefined_and_one_for_perfect_agreement():
    """Should return None without variation or pairable values, 1 when every unit agrees."""
    assert krippendorff_alpha([("a", "a"), ("a", "a")]) is None  # no variation
    assert krippendorff_alpha([("a",), ("b",)]) is None  # nothing pairable
    assert krippendorff_alpha([]) is None
    assert krippendorff_alpha([(1, 1), (2, 2), (3, 3)], "interval") == 1.0
    with pytest.raises(ValueError, match="unknown level of measurement"):
        krippendorff_alpha([(1, 2)], "circular")


def test_alpha_interval_counts_distance_and_nominal_does_not():
    """Should penalise a 1-vs-3 disagreement more than 1-vs-2 at interval level, equally at nominal."""
    near = [(1, 1), (2, 2), (3, 3), (1, 2)]
    far = [(1, 1), (2, 2), (3, 3), (1, 3)]
    assert krippendorff_alpha(far, "interval") < krippendorff_alpha(near, "interval")
    assert krippendorff_alpha(far, "nominal") == pytest.approx(krippendorff_alpha(near, "nominal"))


def test_bootstrap_interval_is_reproducible_and_brackets_alpha():
    """Should give the same interval for the same seed, bracket alpha, and shrink to 1 for perfect data."""
    units = units_of(EXAMPLE_C)
    low, high = bootstrap_alpha(units, "nominal", resamples=500, seed=3)
    assert bootstrap_alpha(units, "nominal", resamples=500, seed=3) == (low, high)
    assert low < krippendorff_alpha(units, "nominal") < high <= 1
    assert bootstrap_alpha([(1, 1), (2, 2), (3, 3)], "interval", resamples=50) == (1.0, 1.0)
    assert bootstrap_alpha(units, resamples=0) is None
    assert bootstrap_alpha([("a", "a")] * 5, resamples=50) is None  # never defined


def test_cohen_kappa_by_hand():
    """Should give (p_o - p_e) / (1 - p_e): 3 of 4 agree, p_e = 5/16, so 0.4375/0.6875."""
    pairs = [("x", "y"), ("aid", "aid"), ("aid", "aid"), ("praise", "praise")]
    assert cohen_kappa(pairs) == pytest.approx((0.75 - 5 / 16) / (1 - 5 / 16))
    assert cohen_kappa([]) is None
    assert cohen_kappa([("a", "a")]) is None


# --- the matching rule ----------------------------------------------------------------------


def test_person_level_matching_of_the_fixtures():
    """Should pair the four ties that join the same persons with overlapping dates, and list the rest."""
    r = agreement(A, B, scope=PAGES_1_3)
    assert (r.coded_a, r.coded_b, r.outside_a, r.outside_b) == (6, 6, 1, 1)
    assert [(p.a.id, p.b.id) for p in r.pairs] == [
        ("china-albania-aid-1959", "china-albania-aid-1959-02"),
        ("hoxha-mao-praise-1959-02", "hoxha-mao-praise-1959-02"),  # mao_zedong renamed to mao
        ("khrushchev-hoxha-disapprove-1958", "hoxha-khrushchev-reject-1958-11"),  # either direction
        ("ussr-albania-aid-1957", "ussr-albania-aid-1958"),  # standing relations, overlapping spans
    ]
    # Hoxha's visit is coded between persons by A and between states by B: no match at person level.
    assert [t.id for t in r.only_a] == ["hoxha-khrushchev-visit-1957-04", "mao-hoxha-praise-1959"]
    # The 1960 threat overlaps the standing aid relation 1957-1959? No; and an event never pairs a
    # standing relation anyway.
    assert [t.id for t in r.only_b] == ["albania-ussr-visit-1957-04-10", "ussr-albania-threaten-1960"]
    assert r.actor_map == {"mao_zedong": "mao"}
    assert r.unit_agreement == pytest.approx(8 / 12)


def test_state_level_matches_a_person_tie_with_a_state_tie():
    """Should pair Hoxha->Khrushchev with Albania->USSR once both are projected onto their states."""
    r = agreement(A, B, scope=PAGES_1_3, level="state")
    assert ("hoxha-khrushchev-visit-1957-04", "albania-ussr-visit-1957-04-10") in [
        (p.a.id, p.b.id) for p in r.pairs
    ]
    assert r.matched == 5
    assert r.unit_agreement == pytest.approx(10 / 12)


def test_field_agreement_of_the_fixtures_by_hand():
    """Should give the hand-computed alpha and kappa of each field over the four person-level pairs.

    type (disapprove/reject, aid/aid, aid/aid, praise/praise): n = 8, D_o = 2, D_e = 64 - 22 = 42,
    alpha = 1 - 7*2/42; kappa = (3/4 - 5/16) / (1 - 5/16).
    weight (2/1, 2/2, 3/3, 1/1), interval: D_o = 2, D_e = 2*(9*1 + 6*4 + 6*1) = 78, alpha = 1 - 14/78.
    precision (year/month, year/year, year/month, month/month): D_e = 64 - 32, alpha = 1 - 7*4/32;
    kappa = (1/2 - 6/16) / (1 - 6/16).
    confidence (one stated/hedged): alpha = 1 - 7*2/14 = 0, kappa = (3/4 - 12/16) / ... = 0.
    """
    r = agreement(A, B, scope=PAGES_1_3)
    expected = {
        "type": (4, 3, 1 - 14 / 42, (0.75 - 5 / 16) / (1 - 5 / 16)),
        "sign": (4, 4, 1.0, 1.0),
        "weight": (4, 3, 1 - 14 / 78, None),
        "precision": (4, 2, 1 - 28 / 32, (0.5 - 6 / 16) / (1 - 6 / 16)),
        "confidence": (4, 3, 0.0, 0.0),
    }
    for name, (pairs, agreed, alpha, kappa) in expected.items():
        f = r.field(name)
        assert (f.pairs, f.agreed) == (pairs, agreed), name
        assert f.alpha == pytest.approx(alpha), name
        assert f.kappa == (None if kappa is None else pytest.approx(kappa)), name
    assert r.field("weight").measurement == "interval"
    for f in r.fields:  # a 95% interval from 1000 draws of the four pairs, reproducible
        assert f.alpha_low is not None and f.alpha_high is not None
        assert f.alpha_low <= f.alpha_high <= 1
    assert agreement(A, B, scope=PAGES_1_3).fields == r.fields
    assert agreement(A, B, scope=PAGES_1_3, resamples=0).field("type").alpha_low is None


def test_agreement_is_symmetric_in_its_measures():
    """Should give the same pairs and coefficients whichever coding comes first."""
    ab = agreement(A, B, scope=PAGES_1_3)
    ba = agreement(B, A, scope=PAGES_1_3)
    assert sorted((p.a.id, p.b.id) for p in ab.pairs) == sorted((p.b.id, p.a.id) for p in ba.pairs)
    for f, g in zip(ab.fields, ba.fields, strict=True):
        assert (f.alpha, f.kappa) == pytest.approx((g.alpha, g.kappa))


def test_scope_by_footnote_and_no_scope():
    """Should keep only ties cited to the footnotes given, or listed by id; with no scope, every tie."""
    r = agreement(A, B, scope=Scope.of(notes=[5]))
    assert (r.coded_a, r.coded_b) == (1, 0)  # B's praise cites page 3 but no footnote
    r = agreement(A, B, scope=Scope.of(notes=[5], ties=["hoxha-mao-praise-1959-02"]))
    assert (r.coded_a, r.coded_b, r.matched) == (1, 1, 1)
    assert str(r.scope) == "notes 5; ties hoxha-mao-praise-1959-02"
    everything = agreement(A, B)
    assert (everything.coded_a, everything.coded_b) == (7, 7)
    assert str(everything.scope) == "everything"


def _tie(tie_id, source, target, when, type_, sign=1, weight=1.0, page=1):
    if "/" in when:
        start, end = when.split("/")
        dates = {"start": parse_edtf(start), "end": parse_edtf(end)}
    else:
        dates = {"date": parse_edtf(when)}
    return Tie(
        id=tie_id,
        source=source,
        target=target,
        sign=sign,
        weight=weight,
        type=type_,
        cite=Citation(source="s", page=page),
        **dates,
    )


def _dataset(*ties):
    actors = {i: Actor(id=i, name=i.title(), kind="state") for i in ("x", "y", "z")}
    return Dataset(path="made-up", title=None, sources=(), actors=actors, ties=tuple(ties))


def test_matching_prefers_more_pairs_over_a_higher_score():
    """Should pair both of B's ties when it can, though pairing a1 with b1 alone scores higher.

    a1 (1958, visit) can pair b1 (1958-03, visit: 4 + 2 + 1 + 31/365) or b2 (1958-11, reject:
    30/365); a2 (1958-03, praise) can pair only b1 (2 + 1 + 1). {a1-b1} scores 7.08, {a1-b2, a2-b1}
    4.08, but two pairs beat one.
    """
    a = _dataset(_tie("a1", "x", "y", "1958", "visit"), _tie("a2", "x", "y", "1958-03", "praise"))
    b = _dataset(_tie("b1", "x", "y", "1958-03", "visit"), _tie("b2", "y", "x", "1958-11", "reject", sign=-1))
    r = agreement(a, b)
    assert [(p.a.id, p.b.id) for p in r.pairs] == [("a1", "b2"), ("a2", "b1")]
    assert [p.score for p in r.pairs] == pytest.approx([30 / 365 + 0.2, 4.3])


def test_matching_chooses_the_most_alike_candidate():
    """Should pair each tie with the candidate of the same type when two candidates are open."""
    a = _dataset(_tie("a1", "x", "y", "1959", "praise"), _tie("a2", "x", "y", "1959", "disapprove", -1))
    b = _dataset(_tie("b1", "x", "y", "1959", "disapprove", -1), _tie("b2", "x", "y", "1959", "praise"))
    r = agreement(a, b)
    assert [(p.a.id, p.b.id) for p in r.pairs] == [("a1", "b2"), ("a2", "b1")]
    assert r.field("type").alpha == 1.0


def test_matching_needs_same_actors_overlapping_dates_and_same_form():
    """Should leave unpaired ties of other actors, of disjoint dates, and an event vs a standing tie."""
    a = _dataset(
        _tie("a1", "x", "y", "1958", "aid"),
        _tie("a2", "x", "y", "1958/1960", "aid"),
        _tie("a3", "x", "z", "1961", "aid"),
    )
    b = _dataset(_tie("b1", "x", "z", "1958", "aid"), _tie("b2", "x", "y", "1961", "aid"))
    r = agreement(a, b)
    assert r.pairs == ()
    assert len(r.only_a) == 3 and len(r.only_b) == 2
    assert r.unit_agreement == 0.0
    assert r.field("type").alpha is None  # no pairs: undefined, not 0 or 1


def test_matching_does_not_depend_on_the_order_of_the_ties():
    """Should give the same pairs however each coder's ties are ordered in the file."""
    ties_a = [_tie(f"a{i}", "x", "y", f"1958-0{1 + i % 3}", ("praise", "visit")[i % 2]) for i in range(6)]
    ties_b = [_tie(f"b{i}", "y", "x", f"1958-0{1 + i % 2}", ("visit", "praise")[i % 2]) for i in range(5)]
    first = agreement(_dataset(*ties_a), _dataset(*ties_b))
    rng = random.Random(4)
    for _ in range(5):
        rng.shuffle(ties_a)
        rng.shuffle(ties_b)
        again = agreement(_dataset(*ties_a), _dataset(*ties_b))
        assert [(p.a.id, p.b.id) for p in again.pairs] == [(p.a.id, p.b.id) for p in first.pairs]


def test_match_score_parts():
    """Should add 4 for the type, 2 for the direction, 1 for the sign, the share of shared days
    and 0.1 for each of the same weight, precision and confidence."""
    x = _tie("x", "x", "y", "1958", "visit")
    y = _tie("y", "x", "y", "1958-01", "praise", weight=2.0)
    assert match_score(x, y, ("x", "y"), ("x", "y")) == pytest.approx(2 + 1 + 31 / 365 + 0.1)
    assert match_score(x, x, ("x", "y"), ("y", "x")) == pytest.approx(4 + 1 + 1 + 0.3)
    undirected = Tie(id="u", source="y", target="x", sign=1, type="visit", date=x.date, directed=False)
    assert match_score(x, undirected, ("x", "y"), ("y", "x")) == pytest.approx(4 + 2 + 1 + 1 + 0.3)


def test_identical_codings_agree_fully_whatever_their_ids():
    """Should pair ties that differ only in weight with their true counterparts, so alpha is 1.

    Without the weight tie-breaker in the score, a1-b1 and a2-b2 would score the same as the right
    pairs a1-b2 and a2-b1, and a weight disagreement would be made up.
    """
    a = _dataset(
        _tie("a1", "x", "y", "1958", "aid", weight=1.0),
        _tie("a2", "x", "y", "1958", "aid", weight=3.0),
        _tie("a3", "y", "x", "1958-05", "aid", weight=2.0),
    )
    b = _dataset(
        _tie("b1", "x", "y", "1958", "aid", weight=3.0),
        _tie("b2", "x", "y", "1958", "aid", weight=1.0),
        _tie("b3", "y", "x", "1958-05", "aid", weight=2.0),
    )
    r = agreement(a, b)
    assert [(p.a.id, p.b.id) for p in r.pairs] == [("a1", "b2"), ("a2", "b1"), ("a3", "b3")]
    assert r.field("weight").alpha == 1.0


def test_the_dataset_agrees_with_itself():
    """Should match every tie of data/actors.yaml with itself: every alpha 1 or undefined."""
    r = agreement(ROOT / "data" / "actors.yaml", ROOT / "data" / "actors.yaml", level="state", resamples=0)
    assert r.matched == r.coded_a == r.coded_b > 0
    assert all(p.a.id == p.b.id for p in r.pairs)
    assert all(f.alpha in (1.0, None) and f.agreed == f.pairs for f in r.fields)


def test_a_field_left_blank_is_missing_not_a_disagreement():
    """Should leave out of a field's pairs a tie whose coder gave no value (a type is optional in v1)."""
    a = _dataset(_tie("a1", "x", "y", "1958", None), _tie("a2", "x", "z", "1958", "aid"))
    b = _dataset(_tie("b1", "x", "y", "1958", "visit"), _tie("b2", "x", "z", "1958", "aid"))
    r = agreement(a, b)
    assert r.matched == 2
    assert (r.field("type").pairs, r.field("sign").pairs) == (1, 2)


def test_unknown_level_is_a_value_error():
    """Should refuse a level other than person or state."""
    with pytest.raises(ValueError, match="unknown level"):
        agreement(A, B, level="party")


# --- the command ----------------------------------------------------------------------------


def test_cli_table_prints_every_section(capsys):
    """Should print the summary, the fields, the pairs and the unmatched ties."""
    assert main(["agree", A, B, "--pages", "1-3"]) == 0
    out = capsys.readouterr().out
    for title in ("Agreement of", "Agreement per field", "Matched ties", "Ties only one coder has"):
        assert title in out
    assert "type        nominal      4      3       0.667  0.000      1.000       0.636" in out
    assert "ussr-albania-threaten-1960" in out


def test_cli_csv_prints_the_fields(capsys):
    """Should print one row per field with alpha and kappa as numbers."""
    assert main(["agree", A, B, "--pages", "1,2,3", "--format", "csv"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert [r["field"] for r in rows] == ["type", "sign", "weight", "precision", "confidence"]
    weight = rows[2]
    assert (weight["measurement"], weight["kappa"]) == ("interval", "")
    assert float(weight["alpha"]) == pytest.approx(1 - 14 / 78)


def test_cli_json_tables_and_state_level(capsys):
    """Should print the chosen table as JSON and honour --level and --notes."""
    assert (
        main(["agree", A, B, "--pages", "1-3", "--level", "state", "--format", "json", "--show", "summary"])
        == 0
    )
    summary = {r["measure"]: r["value"] for r in json.loads(capsys.readouterr().out)}
    assert (summary["matched"], summary["only_a"], summary["only_b"]) == (5, 1, 1)
    assert main(["agree", A, B, "--notes", "1", "--format", "json", "--show", "unmatched"]) == 0
    assert [r["tie"] for r in json.loads(capsys.readouterr().out)] == ["hoxha-khrushchev-visit-1957-04"]
    assert (
        main(["agree", A, B, "--notes", "1", "--tie", "albania-ussr-visit-1957-04-10", "--level", "state"])
        == 0
    )
    assert "unit_agreement        1.000" in capsys.readouterr().out
    assert main(["agree", A, B, "--pages", "1-3", "--format", "json", "--show", "pairs"]) == 0
    pairs = json.loads(capsys.readouterr().out)
    assert {"tie_a", "tie_b", "score", "type_a", "type_b", "weight_a", "precision_b"} <= set(pairs[0])


def test_cli_warns_when_the_scope_holds_no_tie(capsys):
    """Should say so on stderr when no tie of either coder is cited in the scope."""
    assert main(["agree", A, B, "--pages", "40"]) == 0
    assert "no tie of A or B is cited in the scope (pages 40)" in capsys.readouterr().err


def test_cli_reports_invalid_data_and_bad_options_without_traceback(tmp_path, capsys):
    """Should exit 1 with the loader's PATH:LINE:COL lines for bad data, 2 for a bad option."""
    broken = ROOT / "tests" / "data" / "invalid" / "many_problems.yaml"
    assert main(["agree", A, str(broken)]) == 1
    err = capsys.readouterr().err
    assert f"{broken}:6:3: unknown field 'colour'" in err
    assert "Traceback" not in err
    assert main(["agree", str(tmp_path / "nope.yaml"), B]) == 1
    assert "no such file" in capsys.readouterr().err
    assert main(["agree", A, B, "--resamples", "-1"]) == 2
    assert "--resamples must be 0 or more" in capsys.readouterr().err
    assert main(["agree", A, B, "--tie", "no-such-tie"]) == 2
    assert "--tie 'no-such-tie': neither A nor B has a tie with this id" in capsys.readouterr().err
    for bad in (["--pages", "x"], ["--pages", "5-3"], ["--level", "party"]):
        with pytest.raises(SystemExit) as info:
            main(["agree", A, B, *bad])
        assert info.value.code == 2
    assert "Traceback" not in capsys.readouterr().err


# --- the documentation ----------------------------------------------------------------------


def test_docs_worked_example_matches_the_computation():
    """Should print in docs/agreement.md the alpha and kappa the code computes for the fixtures."""
    text = (ROOT / "docs" / "agreement.md").read_text(encoding="utf-8")
    r = agreement(A, B, scope=PAGES_1_3, resamples=0)
    for f in r.fields:
        row = next(line for line in text.splitlines() if line.startswith(f"| {f.field} |"))
        cells = [c.strip() for c in row.strip("|").split("|")]
        assert cells[2].split()[-1] == f"{f.alpha:.3f}", f.field
        assert cells[3] == ("" if f.kappa is None else f"{f.kappa:.3f}"), f.field


def test_docs_python_example_runs(capsys):
    """Should run the Python block of docs/agreement.md as written."""
    text = (ROOT / "docs" / "agreement.md").read_text(encoding="utf-8")
    block = text.split("```python\n", 1)[1].split("```", 1)[0]
    exec(compile(block, "docs/agreement.md", "exec"), {})
    assert capsys.readouterr().out.startswith("4 2 2 0.667\n0.667 0.636\n")
