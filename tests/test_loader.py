"""Loading valid files: typed immutable records, oddities that must load, the template."""

import dataclasses
from pathlib import Path

import pytest

import network
from network import load

ROOT = Path(__file__).resolve().parents[1]


def test_bom_crlf_and_non_ascii_load():
    """Should load a file with a byte-order mark, Windows line endings and non-ASCII names."""
    ds = load(ROOT / "tests" / "data" / "valid" / "bom_crlf.yaml")
    assert ds.actors["a"].name == "Shqipëria"
    assert ds.actors["b"].name == "中国"
    (tie,) = ds.ties
    assert tie.date.approximate and tie.date.text == "1958-12~"


def test_template_loads_strictly_with_every_field():
    """Should load the template, which shows every field, under --strict."""
    ds = load(ROOT / "data" / "template.yaml", strict=True)
    hoxha = ds.actors["hoxha"]
    assert hoxha.member_of[0].of == "albania" and hoxha.member_of[1].of == "pla"
    assert hoxha.roles[0].cite.page == 125
    standing = ds.tie("ussr-albania-alliance-1949")
    assert not standing.is_event and standing.directed is False
    assert standing.lower.year == 1949 and standing.upper.year == 1961


def test_records_are_immutable():
    """Should not let a caller change a loaded record."""
    ds = load(ROOT / "data" / "template.yaml")
    with pytest.raises(dataclasses.FrozenInstanceError):
        ds.ties[0].sign = -1  # type: ignore[misc]


def test_derived_tie_ids_are_unique(tmp_path):
    """Should derive an id from source, target and date, and keep derived ids unique."""
    path = tmp_path / "d.yaml"
    path.write_text(
        "format: 1\nactors:\n- {id: a, name: A, kind: state}\n- {id: b, name: B, kind: state}\n"
        "ties:\n- {source: a, target: b, date: '1958-12~', sign: 1}\n"
        "- {source: a, target: b, date: '1958-12~', sign: -1}\n"
    )
    ds = load(path)
    assert [t.id for t in ds.ties] == ["a-b-1958-12", "a-b-1958-12-2"]


def test_dated_membership_projects_by_date(tmp_path):
    """Should give the parent current at a date."""
    from datetime import date

    path = tmp_path / "m.yaml"
    path.write_text(
        "format: 1\nactors:\n- {id: a, name: A, kind: state}\n- {id: b, name: B, kind: state}\n"
        "- {id: p, name: P, kind: person, member_of: [{actor: a, end: '1950'}, {actor: b, start: '1951'}]}\n"
        "ties: []\n"
    )
    p = load(path).actors["p"]
    assert p.parent_at(date(1949, 5, 1)) == "a"
    assert p.parent_at(date(1958, 5, 1)) == "b"


def test_strict_policy(tmp_path):
    """Should require type, citation with page, evidence, and a sign agreeing with the type, under strict."""
    path = tmp_path / "s.yaml"
    path.write_text(
        "format: 1\nactors:\n- {id: a, name: A, kind: state}\n- {id: b, name: B, kind: state}\n"
        "ties:\n- {source: a, target: b, date: '1958', sign: 1, type: accuse, cite: {note: 3}}\n"
    )
    assert load(path)  # fine without strict
    _, problems = network.check(path, strict=True)
    messages = " / ".join(p.message for p in problems)
    assert "no 'evidence'" in messages
    assert "needs 'source' and 'page'" in messages
    assert "disagrees with type 'accuse'" in messages
