"""``entente convert``: YAML, JSON and CSV round trips give the same dataset; only valid data is written."""

import dataclasses
import json
from pathlib import Path

import pytest

from network import load
from network.cli import main
from network.dataset.forms import plain, write

ROOT = Path(__file__).resolve().parents[2]
INVALID = ROOT / "tests" / "data" / "invalid"
DATA = [
    ROOT / "data" / "template.yaml",
    ROOT / "tests" / "data" / "mini.yaml",
    ROOT / "data" / "tribes.yaml",
    ROOT / "data" / "actors.yaml",
]


def records(ds):
    """What a dataset holds, without where it was read from (the path and each tie's line)."""
    return (
        ds.format,
        ds.title,
        ds.sources,
        ds.framing,
        ds.policy,
        ds.periods,
        ds.actors,
        tuple(dataclasses.replace(t, line=0) for t in ds.ties),
    )


@pytest.mark.parametrize("path", DATA, ids=lambda p: p.name)
def test_yaml_json_csv_yaml_round_trip(path, tmp_path, capsys):
    """Should read back the same dataset after YAML -> JSON -> CSV -> YAML (framing and policy too)."""
    steps = [str(path), str(tmp_path / "a.json"), f"{tmp_path}/b/", str(tmp_path / "c.yaml")]
    for src, dst in zip(steps, steps[1:], strict=False):
        assert main(["convert", src, dst]) == 0, capsys.readouterr().err
    first = records(load(path))
    for step in steps[1:]:
        assert records(load(step)) == first, step


@pytest.mark.parametrize("path", DATA, ids=lambda p: p.name)
def test_converting_twice_changes_nothing(path, tmp_path):
    """Should write the same text when converting converted data again, in every form."""
    data = plain(load(path))
    for name in ("x.yaml", "x.json", "x/"):
        write(data, tmp_path / "1" / name if name != "x/" else f"{tmp_path}/1/x/")
        again = plain(load(tmp_path / "1" / name))
        write(again, tmp_path / "2" / name if name != "x/" else f"{tmp_path}/2/x/")
    for f in sorted((tmp_path / "1").rglob("*.*")):
        assert f.read_text() == (tmp_path / "2" / f.relative_to(tmp_path / "1")).read_text(), f


def test_awkward_text_survives_every_form(tmp_path):
    """Should keep text with separators, quotes, brackets, line breaks and non-ASCII through every form."""
    awkward = [
        "a|b",
        "[not json",
        "  padded  ",
        'say "no"',
        "two\nlines",
        "tab\there",
        "# not a comment",
        "key: value",
        "- dash",
        "'quoted'",
        "Shqipëria 中国",
        "line\u2028separator",
        "ctrl\x85x",
        "true",
        "1958",
        "null",
        "~",
        "é|[",
        "@at",
        "%pc",
        "* star",
        "& amp",
        "x #y",
    ]
    path = tmp_path / "awkward.yaml"
    write(
        {
            "format": 1,
            "title": awkward[4],
            "actors": [
                {"id": "a", "name": awkward[0], "kind": "state", "aliases": awkward, "note": awkward[2]},
                {
                    "id": "b",
                    "name": awkward[1],
                    "kind": "state",
                    "aliases": [awkward[1]],
                    "member_of": [{"actor": "a", "start": "1950", "end": "1960"}, "a"],
                    "roles": [{"title": awkward[3], "of": "a", "cite": {"primary": awkward[5]}}],
                    "exists": {"start": "..", "end": "1990"},
                },
            ],
            "ties": [
                {
                    "id": f"t.{i}",
                    "source": "a",
                    "target": "b",
                    "start": "..",
                    "end": "1961",
                    "sign": -1,
                    "weight": 0.25,
                    "directed": False,
                    "cite": {"note": 3, "primary": text},
                    "evidence": text,
                    "tags": ["x", "y-z"],
                }
                for i, text in enumerate(awkward)
            ],
        },
        path,
    )
    first = records(load(path))
    for dst in (tmp_path / "a.json", f"{tmp_path}/b/", tmp_path / "c.yaml"):
        assert main(["convert", str(path), str(dst)]) == 0
        assert records(load(dst)) == first, dst
    actor = load(tmp_path / "c.yaml").actors["a"]
    assert actor.aliases == tuple(awkward)


def test_invalid_data_is_not_converted(tmp_path, capsys):
    """Should report the problems and write nothing for invalid data."""
    dst = tmp_path / "out.json"
    assert main(["convert", str(INVALID / "unknown_target.yaml"), str(dst)]) == 1
    assert "target 'bb' is not an actor" in capsys.readouterr().err
    assert not dst.exists()


def test_strict_conversion_checks_the_policy(tmp_path, capsys):
    """Should refuse data that breaks the curation policy only when asked to be strict."""
    src = ROOT / "tests" / "data" / "mini.yaml"
    assert main(["convert", str(src), str(tmp_path / "a.json")]) == 0
    assert main(["convert", "--strict", str(src), str(tmp_path / "b.json")]) == 1
    assert "required by the strict policy" in capsys.readouterr().err


def test_the_form_is_told_by_the_name_or_given(tmp_path, capsys):
    """Should refuse a target whose form it cannot tell, and take --to."""
    src = str(ROOT / "data" / "template.yaml")
    assert main(["convert", src, str(tmp_path / "out")]) == 2
    assert "--to" in capsys.readouterr().err
    assert main(["convert", src, str(tmp_path / "out"), "--to", "json"]) == 0
    assert records(load(_as(tmp_path / "out", ".json"))) == records(load(src))
    assert main(["convert", src, str(tmp_path / "tables" / "ties.csv")]) == 0
    assert {p.name for p in (tmp_path / "tables").iterdir()} == {"actors.csv", "ties.csv", "dataset.json"}


def _as(path: Path, suffix: str) -> Path:
    target = path.with_suffix(suffix)
    path.rename(target)
    return target


def test_an_empty_citation_has_no_csv_form(tmp_path, capsys):
    """Should refuse, not silently drop, a citation with no fields when writing CSV."""
    src = tmp_path / "d.yaml"
    src.write_text(
        "format: 1\nactors:\n- {id: a, name: A, kind: state}\n- {id: b, name: B, kind: state}\n"
        "ties:\n- {source: a, target: b, date: '1958', sign: 1, cite: {}}\n"
    )
    assert main(["convert", str(src), f"{tmp_path}/out/"]) == 1
    assert "empty cite" in capsys.readouterr().err
    assert main(["convert", str(src), str(tmp_path / "out.json")]) == 0
    assert records(load(tmp_path / "out.json")) == records(load(src))


def test_files_are_written_whole(tmp_path):
    """Should leave no temporary files behind, and replace an existing file."""
    dst = tmp_path / "out.yaml"
    dst.write_text("old")
    assert main(["convert", str(ROOT / "data" / "template.yaml"), str(dst)]) == 0
    assert dst.read_text().startswith("# yaml-language-server")
    assert [p.name for p in tmp_path.iterdir()] == ["out.yaml"]


def test_framing_and_policy_survive_every_form(tmp_path, capsys):
    """Should carry the top-level framing and policy through JSON and the CSV form's dataset.json."""
    src = ROOT / "data" / "template.yaml"
    assert main(["convert", str(src), str(tmp_path / "a.json")]) == 0
    assert main(["convert", str(tmp_path / "a.json"), f"{tmp_path}/b/"]) == 0
    meta = json.loads((tmp_path / "b" / "dataset.json").read_text(encoding="utf-8"))
    assert meta["framing"] == {"focal": "albania", "poles": ["ussr", "yugoslavia"]}
    assert meta["policy"] == "strict"
    back = load(tmp_path / "b")
    assert (back.framing.focal, back.framing.poles, back.policy) == (
        "albania",
        ("ussr", "yugoslavia"),
        "strict",
    )
