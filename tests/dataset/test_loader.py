"""Loading valid files: typed immutable records, oddities that must load, the template."""

import dataclasses
from pathlib import Path

import pytest

import network
from network import load

ROOT = Path(__file__).resolve().parents[2]


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


TIE_WITH_EVERY_FIELD = (
    "format: 1\nsources: [{id: src, citation: A book}]\nactors:\n- {id: a, name: A, kind: state}\n"
    "- {id: b, name: B, kind: state}\nties:\n"
    "- {source: a, target: b, date: '1958-12~', sign: 1}\n"
    "- id: standing.tie-1\n  source: b\n  target: a\n  start: '1954'\n  end: '1961-12'\n  sign: -1\n"
    "  weight: 2.5\n  type: rivalry\n  directed: false\n"
    "  cite: {source: src, note: 3, page: 125, primary: 'Zëri i Popullit, 1 May 1961'}\n"
    "  evidence: The source says so.\n  confidence: hedged\n  tags: [x, y-2]\n"
)


@pytest.mark.parametrize("form", ["yaml", "json", "csv"])
def test_every_tie_field_lands_in_its_place(tmp_path, form):
    """Should fill each field of a Tie from its own key, defaults included, in every form."""
    from network.dataset.forms import plain, write

    path = tmp_path / "d.yaml"
    path.write_text(TIE_WITH_EVERY_FIELD, encoding="utf-8")
    if form != "yaml":
        target = tmp_path / ("d.json" if form == "json" else "d")
        write(plain(load(path)), target, form)
        path = target
    event, standing = load(path).ties
    assert (event.id, event.source, event.target, event.sign) == ("a-b-1958-12", "a", "b", 1)
    assert event.date.text == "1958-12~" and event.start is None and event.end is None
    assert (event.weight, event.type, event.directed, event.cite, event.evidence) == (
        1.0,
        None,
        True,
        None,
        None,
    )
    assert (event.confidence, event.tags) == ("stated", ())
    assert (standing.id, standing.source, standing.target, standing.sign) == ("standing.tie-1", "b", "a", -1)
    assert standing.date is None and (standing.start.text, standing.end.text) == ("1954", "1961-12")
    assert (standing.weight, standing.type, standing.directed) == (2.5, "rivalry", False)
    assert standing.cite == network.dataset.model.Citation("src", 3, 125, "Zëri i Popullit, 1 May 1961")
    assert (standing.evidence, standing.confidence, standing.tags) == (
        "The source says so.",
        "hedged",
        ("x", "y-2"),
    )
    if form == "yaml":
        assert (event.line, standing.line) == (7, 8)
    assert 0 < event.line < standing.line


@pytest.mark.parametrize("name", ["data/actors.yaml", "tests/data/mini.yaml"])
@pytest.mark.parametrize("form", ["yaml", "json", "csv"])
def test_loading_leaves_no_garbage_cycles(tmp_path, name, form):
    """Should build no reference cycles: the read records are freed as soon as loading ends.

    A cycle per record (a record holding a view of its own keys, a nested function
    referring to itself) left every record for the garbage collector, most of a
    second of collecting after a load of 200,000 ties.
    """
    import gc

    from network.dataset.check_fields import Marked
    from network.dataset.forms import plain, write

    path = ROOT / name
    if form != "yaml":
        path = tmp_path / ("d.json" if form == "json" else "d")
        write(plain(load(ROOT / name)), path, form)
    gc.collect()
    gc.disable()
    try:
        dataset, problems = network.check(path)
        assert dataset is not None and not problems
        gc.set_debug(gc.DEBUG_SAVEALL)
        gc.collect()
        left = [o for o in gc.garbage if isinstance(o, Marked)]
    finally:
        gc.set_debug(0)
        gc.garbage.clear()
        gc.enable()
    assert left == []


def test_loading_leaves_the_interpreter_as_it_found_it():
    """Should leave the garbage collector (on, off, frozen objects) and the recursion limit as they were."""
    import gc
    import sys

    path = ROOT / "tests" / "data" / "mini.yaml"
    limit = sys.getrecursionlimit()
    assert gc.isenabled()
    load(path)
    assert gc.isenabled()
    gc.disable()
    try:
        load(path)
        assert not gc.isenabled()
    finally:
        gc.enable()
    frozen = [object()]
    gc.freeze()
    try:
        count = gc.get_freeze_count()
        load(path)
        # a frozen object that dies leaves the permanent generation, so the count may fall by a
        # few; a loader that unfroze the program's objects would leave none of them frozen
        assert gc.get_freeze_count() > count // 2
    finally:
        gc.unfreeze()
    assert frozen
    assert sys.getrecursionlimit() == limit


def test_a_problem_in_a_record_points_at_its_line_and_column(tmp_path):
    """Should name the line and column of the bad value inside a record of a long list."""
    path = tmp_path / "broken.yaml"
    path.write_text(
        "format: 1\nactors:\n- {id: a, name: A, kind: state}\n- {id: b, name: B, kind: state}\n"
        "ties:\n- {source: a, target: b, date: '1958', sign: 1}\n- source: a\n  target: c\n"
        "  date: '1959'\n  sign: 1\n"
    )
    assert [str(p) for p in network.check(path)[1]] == [
        f"{path}:8:11: target 'c' is not an actor (hint: define it under actors)"
    ]


@pytest.mark.parametrize(
    "text, first",
    [
        ("format: 1\nactors: []\nties: []\n", None),
        ("format: 1\nactors: !!seq []\nties: []\n", None),  # the tags the resolver would give
        ("format: 1\nactors: [!!map {id: a, name: A, kind: state}]\nties: []\n", None),
        ("format: 1\nactors: [{!!str id: a, name: A, kind: state}]\nties: []\n", None),
        ("--- !!map\nformat: 1\nactors: []\nties: []\n", None),
        ("format: 1\n? actors\n: []\nties: []\n", None),
        ("{format: 1, actors: [{id: a, name: A, kind: state}], ties: []}\n", None),
        ("format: 1\nactors: &a []\nties: *a\n", "2:9: anchor &a is not allowed"),
        (
            "format: 1\nactors:\n- &x {id: a, name: A, kind: state}\nties: []\n",
            "3:3: anchor &x is not allowed",
        ),
        (
            "format: 1\nactors: [!!python/object:os.system {id: a}]\nties: []\n",
            "2:10: tag 'tag:yaml.org,2002:python/object:os.system' is not allowed in actors[1]",
        ),
        (
            "format: 1\nactors: [{? [id] : a, name: A, kind: state}]\nties: []\n",
            "2:13: a key in actor must be a plain field name",
        ),
        (
            "format: 1\nactors: [{2019-01-01: a, name: A, kind: state}]\nties: []\n",
            "2:11: unknown field '2019-01-01' in actor",
        ),
        (
            "format: 1\nactors: [{id: a, id: b, name: A, kind: state}]\nties: []\n",
            "2:18: duplicate key 'id' in actor (first at line 2)",
        ),
        (
            "format: 1\nactors: [{id: a, name: A, kind: state}, 5, [x], null, ~]\nties: []\n",
            "2:41: actors[2] must be a mapping of fields, not a number",
        ),
        (
            "format: 1\nactors: [{id: a, name: A, kind: state, aliases: [!!binary aGk=]}]\nties: []\n",
            "2:50: tag 'tag:yaml.org,2002:binary' is not allowed in actor.aliases[1]",
        ),
        (
            "format: 1\nactors: []\nties: [{source: a, target: b, date: 1958, sign: +1, weight: 0x10}]\n",
            "3:37: tie.date 1958 is read as a number, not a date",
        ),
        (
            "format: 1\nactors: []\nties: [{source: a, target: b, date: '1958', sign: 1, weight: .inf}]\n",
            "3:62: tie.weight must be a finite number, not '.inf'",
        ),
        (
            "format: 1\nactors: []\n"
            "ties: [{source: a, target: b, date: '1958', sign: 1, directed: 'true'}]\n",
            "3:64: tie.directed must be true or false, not 'true'",
        ),
        (
            "format: 1\nactors: []\nties: [{source: a, target: b, date: 1958-12-16, sign: 1, type: <<}]\n",
            "3:64: tag 'tag:yaml.org,2002:merge' is not allowed in tie.type",
        ),
        (
            "format: 1\nactors: []\nties: []\nties: [{source: a}]\nactors: [{id: a}]\n",
            "4:1: duplicate key 'ties' in the top level (first at line 3)",
        ),
        ("format: 1\nactors: []\nties: [}\n", "3:8: YAML syntax error: did not find expected node content"),
        (
            "format: 1\nactors: []\nties: []\n---\nformat: 1\n",
            "4:1: YAML syntax error: but found another document",
        ),
        ("- format: 1\n", "1:1: the top level must be a mapping"),
    ],
)
def test_odd_documents(tmp_path, text, first):
    """Should load what the format allows however it is written (explicit tags, flow style, '? key'), and
    point at the first problem of anything else (tags, odd keys, anchors, shapes), never a traceback."""
    path = tmp_path / "odd.yaml"
    path.write_text(text, encoding="utf-8")
    dataset, problems = network.check(path)
    if first is None:
        assert dataset is not None and problems == []
    else:
        assert dataset is None and problems
        assert str(problems[0]).startswith(f"{path}:{first}")


@pytest.mark.parametrize(
    "field, tagged, message",
    [
        ("sign: 1", "sign: !!int party", "tie.sign 'party' is tagged !!int but is not a whole number"),
        ("sign: 1", "sign: !!float x", "tie.sign 'x' is tagged !!float but is not a number"),
        ("weight: 2", "weight: !!float heavy", "tie.weight 'heavy' is tagged !!float but is not a number"),
        ("sign: 1", "sign: !!bool maybe", "tie.sign 'maybe' is tagged !!bool but is not true or false"),
    ],
)
def test_a_tag_the_text_does_not_fit_is_a_problem_not_a_crash(tmp_path, field, tagged, message):
    """Should report '!!int party' and the like at their line, as every other bad value is."""
    text = (Path(__file__).parents[1] / "data" / "invalid" / "negative_weight.yaml").read_text()
    text = text.replace("weight: -2", "weight: 2").replace(field, tagged)
    path = tmp_path / "tagged.yaml"
    path.write_text(text)
    dataset, problems = network.check(path)
    assert dataset is None
    assert [(p.line, p.message) for p in problems] == [(13 if "sign" in field else 14, message)]


def test_json_records_marked_whole_give_the_same_dataset_as_marked_node_by_node(tmp_path):
    """Should build the same records (each tie's line too) whether a JSON file's records are
    decoded whole (how a load reads first) or composed node by node."""
    from network.dataset.check_fields import Converter
    from network.dataset.forms import plain, write
    from network.dataset.json_form import read_json
    from network.dataset.spec import Rec
    from network.dataset.validate import build_dataset

    path = tmp_path / "d.json"
    write(plain(load(ROOT / "data" / "actors.yaml")), path, "json")

    def built(marks):
        node, problems = read_json(path, marks=marks)
        assert not problems
        converter = Converter(str(path))
        dataset, more = build_dataset(converter.convert(node, Rec("dataset")), str(path), None)
        assert not converter.problems and not more
        return dataset

    whole, exact = built("record"), built("exact")
    assert whole.ties == exact.ties and whole.actors == exact.actors
    assert [t.line for t in whole.ties] == [t.line for t in exact.ties]
    assert len({t.line for t in whole.ties}) == len(whole.ties)


@pytest.mark.parametrize(
    "record, at",
    [
        ('{"source": "a", "target": "b", "date": "1958", "sign": 2}', "2}"),  # a bad value
        (
            '{"source": "a", "target": "b", "date": "1958", "sign": 1, "sign": 1}',
            '"sign": 1}',
        ),  # a repeated key
        ('{"source": "a", "target": "c", "date": "1958", "sign": 1}', '"c"'),  # an unknown actor
    ],
)
def test_a_problem_in_a_json_record_points_at_its_own_node(tmp_path, record, at):
    """Should place a problem at the value or key it is about (``at``, on the record's line), not
    at the record's start, though a load first reads each record whole."""
    path = tmp_path / "d.json"
    text = (
        '{"format": 1,\n "actors": [{"id": "a", "name": "A", "kind": "state"},\n'
        ' {"id": "b", "name": "B", "kind": "state"}],\n "ties": [\n'
        '  {"source": "a", "target": "b", "date": "1957", "sign": 1},\n  ' + record + "]}\n"
    )
    path.write_text(text)
    _, problems = network.check(path)
    line = text.splitlines()[5]
    assert [(p.line, p.column) for p in problems] == [(6, line.index(at) + 1)], [str(p) for p in problems]


def test_a_load_that_fails_puts_the_garbage_collector_back(monkeypatch):
    """Should leave the collector running after an error inside the load, as it was before."""
    import gc

    from network.dataset import loader

    def failing(*args):
        raise OSError("the disk went away")

    monkeypatch.setattr(loader, "_check", failing)
    assert gc.isenabled()
    with pytest.raises(OSError):
        loader.check(ROOT / "tests" / "data" / "mini.yaml")
    assert gc.isenabled()
