"""Each deliberately broken file in tests/data/invalid/ gives the right message at the right line."""

from pathlib import Path

import pytest

from network import DatasetError, check, load

INVALID = Path(__file__).parents[1] / "data" / "invalid"

#: file -> (line of the first problem, text the message must contain)
EXPECTED = {
    "anchor_alias.yaml": (3, "anchor &x is not allowed"),
    "bad_actor_id.yaml": (3, "'Albania' is not a valid id"),
    "bad_confidence.yaml": (14, "must be one of stated, hedged, alleged"),
    "bad_kind.yaml": (5, "found 'nation'"),
    "date_and_start.yaml": (14, "both 'date' and 'start'"),
    "directed_text.yaml": (14, "must be true or false"),
    "duplicate_actor.yaml": (6, "duplicate actor id 'a' (first at line 3)"),
    "duplicate_key.yaml": (14, "duplicate key 'sign' in tie (first at line 13)"),
    "duplicate_tie_id.yaml": (15, "duplicate tie id 't1' (first at line 10)"),
    "empty.yaml": (0, "empty file"),
    "end_before_start.yaml": (13, "end 1955 is before start 1960"),
    "end_without_start.yaml": (12, "'end' but no 'start'"),
    "feb_30.yaml": (12, "1959-02 has no day 30"),
    "interval_reversed.yaml": (12, "the interval ends before it starts"),
    "list_expected.yaml": (6, "aliases must be a list"),
    "member_of_cycle.yaml": (10, "member_of forms a cycle: a -> b -> a"),
    "member_of_unknown.yaml": (6, "member_of 'cema' is not an actor"),
    "missing_format.yaml": (1, "missing the required field 'format'"),
    "missing_sign.yaml": (10, "missing the required field 'sign'"),
    "missing_source.yaml": (10, "missing the required field 'source'"),
    "month_13.yaml": (12, "month 13 does not exist"),
    "negative_weight.yaml": (14, "weight must be greater than 0"),
    "no_date.yaml": (10, "neither 'date' nor 'start'"),
    "nonpositive_weight.yaml": (14, "weight must be greater than 0; found 0"),
    "not_utf8.yaml": (4, "byte 0xe7 is not UTF-8"),
    "null_value.yaml": (14, "evidence has no value"),
    "only_comments.yaml": (0, "empty file"),
    "outside_exists.yaml": (13, "lies outside the existence of 'a'"),
    "period_end_before_start.yaml": (6, "end 1958 is before start 1959"),
    "python_tag.yaml": (14, "tag 'tag:yaml.org,2002:python/object/apply:os.system' is not allowed"),
    "self_tie.yaml": (11, "tie from 'a' to itself"),
    "sign_text.yaml": (13, "sign must be one of 1, -1; found 'plus'"),
    "sign_two.yaml": (13, "sign must be one of 1, -1; found '2'"),
    "syntax_error.yaml": (4, "YAML syntax error"),
    "tabs.yaml": (3, "a tab character"),
    "tag_misfit.yaml": (13, "tie.sign 'party' is tagged !!int but is not a whole number"),
    "top_level_list.yaml": (1, "the top level must be a mapping"),
    "top_level_scalar.yaml": (1, "the top level must be a mapping"),
    "unknown_cite_source.yaml": (17, "source 'tretiak' is not a source"),
    "unknown_field.yaml": (14, "unknown field 'sing' in tie"),
    "unknown_format.yaml": (1, "unknown format '2'"),
    "unknown_source.yaml": (10, "source 'c' is not an actor"),
    "unknown_target.yaml": (11, "target 'bb' is not an actor"),
    "unknown_type.yaml": (14, "'hug' is not in the codebook"),
    "unquoted_year.yaml": (12, "1958 is read as a number, not a date"),
    "wrong_type_weight.yaml": (14, "weight must be a number"),
    "many_problems.yaml": (6, "unknown field 'colour' in actor"),
    "framing_unknown_ids.yaml": (3, "focal 'aa' is not an actor"),
    "framing_focal_is_pole.yaml": (4, "the focal actor 'a' is also a pole"),
    "framing_one_pole.yaml": (4, "framing needs two or more poles (got 1)"),
    "framing_missing_poles.yaml": (3, "framing is missing the required field 'poles'"),
    "policy_strict.yaml": (14, "tie has no 'evidence' (required by the strict policy)"),
    "policy_unknown.yaml": (2, "policy must be one of basic, strict; found 'strictest'"),
}


def test_every_invalid_file_has_an_expectation():
    """Should list every broken fixture, and there should be at least 30."""
    names = {p.name for p in INVALID.iterdir()}
    assert names == set(EXPECTED)
    assert len(names) >= 30


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_invalid_file_reports_line_and_message(name):
    """Should raise DatasetError whose first problem names the file, line and message."""
    line, text = EXPECTED[name]
    path = INVALID / name
    with pytest.raises(DatasetError) as info:
        load(path)
    first = info.value.problems[0]
    assert first.path == str(path)
    assert first.line == line, str(first)
    assert text in first.message, str(first)
    if first.line:
        assert first.column >= 1


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_invalid_file_problems_have_a_hint_or_a_clear_message(name):
    """Should give every problem a message, and a hint where the fix is not obvious."""
    _, problems = check(INVALID / name)
    assert problems
    for p in problems:
        assert p.message and str(p).startswith(str(INVALID / name) + ":")


def test_all_problems_are_reported_at_once():
    """Should report every problem in a file, not only the first."""
    _, problems = check(INVALID / "many_problems.yaml")
    messages = [f"{p.line}: {p.message}" for p in problems]
    assert len(problems) == 7, messages
    assert any("target 'c' is not an actor" in m for m in messages)
    assert any("unknown field 'colour'" in m for m in messages)
    assert any("found 'nation'" in m for m in messages)
    assert any("month 13" in m for m in messages)
    assert any("read as a number" in m for m in messages)
    assert any("sign must be one of" in m for m in messages)
    assert any("weight must be greater than 0" in m for m in messages)


def test_every_framing_problem_is_reported_with_its_place():
    """Should report each bad id of the framing at once, each at its own line and column, with a hint."""
    _, problems = check(INVALID / "framing_unknown_ids.yaml")
    assert [(p.line, p.column, p.message, p.hint) for p in problems] == [
        (3, 10, "focal 'aa' is not an actor", "did you mean 'a'?"),
        (4, 14, "pole 'bb' is not an actor", "did you mean 'b'?"),
        (4, 18, "pole 'a' is listed twice", "list each pole once"),
    ]


def test_the_strict_policy_is_the_datasets_unless_overridden():
    """Should apply the strict policy where the data declares it, and obey strict=True/False."""
    assert check(INVALID / "policy_strict.yaml", strict=False)[1] == []
    strictless = INVALID / "unknown_target.yaml"  # no policy: only the format's rules
    assert all("strict policy" not in p.message for p in check(strictless)[1])
    assert any("strict policy" in p.message for p in check(strictless, strict=True)[1])


def test_python_tag_is_never_constructed(tmp_path, monkeypatch):
    """Should refuse a python tag without running it."""
    marker = tmp_path / "ran"
    doc = (INVALID / "python_tag.yaml").read_text().replace("echo hi", f"touch {marker}")
    path = tmp_path / "evil.yaml"
    path.write_text(doc)
    with pytest.raises(DatasetError, match="is not allowed"):
        load(path)
    assert not marker.exists()


def test_alias_bomb_is_refused_quickly(tmp_path):
    """Should refuse a billion-laughs document at its first anchor."""
    lines = ["a: &a [x, x, x, x, x, x, x, x, x]"]
    for i in range(1, 10):
        prev = chr(ord("a") + i - 1)
        cur = chr(ord("a") + i)
        lines.append(
            f"{cur}: &{cur} [*{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}]"
        )
    path = tmp_path / "bomb.yaml"
    path.write_text("\n".join(lines) + "\n")
    with pytest.raises(DatasetError, match="anchor &a is not allowed"):
        load(path)


def test_missing_path_and_folder(tmp_path):
    """Should say a missing path is missing and a folder is a folder."""
    with pytest.raises(DatasetError, match="no such file"):
        load(tmp_path / "nope.yaml")
    with pytest.raises(DatasetError, match="is a folder"):
        load(tmp_path)


def test_size_limit_is_configurable(tmp_path):
    """Should refuse a file over max_bytes with a message naming the limit."""
    path = Path(__file__).parents[1] / "data" / "valid" / "bom_crlf.yaml"
    with pytest.raises(DatasetError, match="over the limit of 10 bytes"):
        load(path, max_bytes=10)
    assert load(path, max_bytes=10_000)


def test_an_id_ending_in_a_line_break_is_not_an_id(tmp_path):
    """Should refuse an id with a line break at its end: the pattern's ``$`` would let it pass
    (Python's ``$`` also matches before a final line break), so the whole text must match, as
    the columnar path's engine (RE2) requires."""
    f = tmp_path / "nl.yaml"
    f.write_text(
        "format: 1\ntitle: t\nactors:\n"
        '  - {id: "b\\n", name: B, kind: state}\n'
        "  - {id: a, name: A, kind: state}\n"
        'ties:\n  - {id: "t1\\n", source: a, target: b, date: 1958, sign: 1}\n'
    )
    _, problems = check(f)
    messages = [p.message for p in problems]
    assert "'b\\n' is not a valid id" in messages[0]
    assert any("'t1\\n' is not a valid id" in m for m in messages), messages
