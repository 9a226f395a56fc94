"""The YAML reader used for loading (records built from parser events) agrees with composing the file."""

from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from network import check
from network.dataset.check_fields import _FAIL, Converter, Marked, RecordSeq, _plain
from network.dataset.spec import Rec
from network.dataset.validate import build_dataset
from network.dataset.yaml_nodes import read_yaml
from network.dataset.yamlrecords import read_yaml_records

ROOT = Path(__file__).resolve().parents[2]
FILES = sorted(
    [
        ROOT / "data" / "template.yaml",
        ROOT / "data" / "actors.yaml",
        ROOT / "data" / "tribes.yaml",
        ROOT / "tests" / "data" / "mini.yaml",
        *(ROOT / "tests" / "data" / "valid").iterdir(),
        *(ROOT / "tests" / "data" / "invalid").iterdir(),
    ]
)
TEMPLATE = (ROOT / "data" / "template.yaml").read_text(encoding="utf-8")


def _check_with(read, path: Path, strict: bool) -> tuple[list[str], object]:
    """Problems (as text) and dataset from reading ``path`` with ``read``, then converting and building."""
    node, problems = read(path)
    if node is None:
        return [str(p) for p in problems], None
    if not isinstance(node, yaml.MappingNode):
        return ["not a mapping"], None
    converter = Converter(str(path))
    top = converter.convert(node, Rec("dataset"), "the top level")
    dataset, more = build_dataset(top, str(path), strict)
    return [str(p) for p in converter.problems + more], dataset


def _same_value(a, b) -> bool:
    """Equal, and of the same types all the way down (1 == True == 1.0 is not enough)."""
    if type(a) is not type(b):
        return False
    if isinstance(a, dict):
        return list(a) == list(b) and all(_same_value(a[k], b[k]) for k in a)
    if isinstance(a, list):
        return len(a) == len(b) and all(_same_value(x, y) for x, y in zip(a, b, strict=True))
    return a == b or (a != a and b != b)  # NaN


def _assert_agree(path: Path) -> None:
    """Same problems, records and lines with either reader; the same plain value for every record."""
    for strict in (False, True):
        assert _check_with(read_yaml_records, path, strict) == _check_with(read_yaml, path, strict)
    streamed, _ = read_yaml_records(path)
    composed, _ = read_yaml(path)
    if not isinstance(streamed, yaml.MappingNode) or composed is None:
        return
    for (key, value), (_, plain_value) in zip(streamed.value, composed.value, strict=True):
        if isinstance(value, RecordSeq):
            assert key.value in ("actors", "ties")
            for k, (item, node) in enumerate(zip(value.items, plain_value.value, strict=True)):
                expected = _plain(node)
                assert (item is _FAIL) == (expected is _FAIL), (key.value, k)
                assert expected is _FAIL or _same_value(item, expected), (key.value, k)
                assert value.locator.line_at(k) == node.start_mark.line
                mark = value.locator.mark_at(k)
                assert (mark.line, mark.column) == (node.start_mark.line, node.start_mark.column)
                assert value.locator.node_at(k).start_mark.index == node.start_mark.index


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_streamed_records_agree_with_the_composed_file(path):
    """Should report the same problems, build the same records, and read every record as _plain does."""
    _assert_agree(path)


def test_a_valid_file_is_never_composed(tmp_path):
    """Should check a valid file without composing its nodes (the point: memory), and a broken one with."""
    node, _ = read_yaml_records(ROOT / "data" / "actors.yaml")
    seqs = [value for _, value in node.value if isinstance(value, RecordSeq)]
    assert len(seqs) == 2 and all(len(seq.items) > 10 for seq in seqs)
    converter = Converter("actors.yaml")
    top = converter.convert(node, Rec("dataset"), "the top level")
    _, problems = build_dataset(top, "actors.yaml", strict=True)
    assert not converter.problems and not problems
    assert seqs[0].locator.document._top is None

    path = tmp_path / "broken.yaml"
    path.write_text(
        "format: 1\nactors:\n- {id: a, name: A, kind: state}\n- {id: b, name: B, kind: state}\n"
        "ties:\n- {source: a, target: b, date: '1958', sign: 1}\n- source: a\n  target: c\n"
        "  date: '1959'\n  sign: 1\n"
    )
    assert [str(p) for p in check(path)[1]] == [
        f"{path}:8:11: target 'c' is not an actor (hint: define it under actors)"
    ]


@pytest.mark.parametrize(
    "text",
    [
        "format: 1\nactors: []\nties: []\n",
        "format: 1\nactors: &a []\nties: *a\n",  # an anchor and an alias: refused by the plain reader
        "format: 1\nactors:\n- &x {id: a, name: A, kind: state}\nties: []\n",
        "format: 1\nactors: !!seq []\nties: []\n",
        "format: 1\nactors: [!!map {id: a, name: A, kind: state}]\nties: []\n",
        "format: 1\nactors: [!!python/object:os.system {id: a}]\nties: []\n",
        "format: 1\nactors: [{? [id] : a, name: A, kind: state}]\nties: []\n",
        "format: 1\nactors: [{!!str id: a, name: A, kind: state}]\nties: []\n",
        "format: 1\nactors: [{2019-01-01: a, name: A, kind: state}]\nties: []\n",
        "format: 1\nactors: [{id: a, id: b, name: A, kind: state}]\nties: []\n",
        "format: 1\nactors: [{id: a, name: A, kind: state}, 5, [x], null, ~]\nties: []\n",
        "format: 1\nactors: [{id: a, name: A, kind: state, aliases: [!!binary aGk=]}]\nties: []\n",
        "format: 1\nactors: []\nties: [{source: a, target: b, date: 1958, sign: +1, weight: 0x10}]\n",
        "format: 1\nactors: []\nties: [{source: a, target: b, date: '1958', sign: 1, weight: .inf}]\n",
        "format: 1\nactors: []\nties: [{source: a, target: b, date: '1958', sign: 1, directed: yes}]\n",
        "format: 1\nactors: []\nties: [{source: a, target: b, date: '1958', sign: 1, directed: 'true'}]\n",
        "format: 1\nactors: []\nties: [{source: a, target: b, date: 1958-12-16, sign: 1, type: <<}]\n",
        "format: 1\nactors: []\nties: [{source: a, target: b, date: '1958', sign: !!int 1, type: !}]\n",
        "format: 1\nactors: []\nties:\n- source: a\n  target: b\n  date: '1958'\n  sign: 1\n"
        "  evidence: |\n    two\n    lines\n",
        "format: 1\nactors: []\nties: []\nties: [{source: a}]\nactors: [{id: a}]\n",
        "format: 1\nactors: []\nties: [}\n",  # a syntax error
        "format: 1\nactors: []\nties: []\n---\nformat: 1\n",  # two documents
        "- format: 1\n",
        "--- !!map\nformat: 1\nactors: []\nties: []\n",
        "format: 1\n? actors\n: []\nties: []\n",
        "{format: 1, actors: [{id: a, name: A, kind: state}], ties: []}\n",
    ],
)
def test_odd_documents_agree(tmp_path, text):
    """Should agree with the composed file on tags, keys, anchors, odd scalars and shapes."""
    path = tmp_path / "odd.yaml"
    path.write_text(text, encoding="utf-8")
    _assert_agree(path)


TOKENS = [
    "",
    " ",
    "-",
    ":",
    "'",
    '"',
    "[",
    "]",
    "{",
    "}",
    "1958",
    "-1",
    "0",
    "1.5",
    "0x1F",
    "null",
    "true",
    "yes",
    "~",
    "&a ",
    "*a",
    "!!str ",
    "!!int ",
    "!!float ",
    "!custom ",
    "? ",
    "<<: ",
    "2019-01-01",
    "hoxha",
    "x: y",
    "\n",
    "foo: 1\n  ",
    "  bar: 2\n",
    "\n- ",
]


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    st.lists(
        st.tuples(st.integers(0, len(TEMPLATE)), st.integers(0, 8), st.sampled_from(TOKENS)),
        min_size=1,
        max_size=4,
    )
)
def test_streamed_records_agree_on_mutated_documents(tmp_path, edits):
    """Should agree with the composed file on any edit of the template."""
    text = TEMPLATE
    for pos, cut, token in edits:
        pos = min(pos, len(text))
        text = text[:pos] + token + text[pos + cut :]
    path = tmp_path / "fuzz.yaml"
    path.write_text(text, encoding="utf-8")
    try:
        expected = _check_with(read_yaml, path, strict=True)
    except Exception as exc:  # the plain reader fails outright: so must the streamed one, the same way
        with pytest.raises(type(exc)):
            _check_with(read_yaml_records, path, strict=True)
        return
    assert _check_with(read_yaml_records, path, strict=True) == expected
    _assert_agree(path)


def test_marked_records_are_plain_dicts_with_places():
    """Should hand the converter Marked records (their place set by it), as the JSON reader does."""
    node, _ = read_yaml_records(ROOT / "data" / "template.yaml")
    ties = dict((k.value, v) for k, v in node.value)["ties"]
    assert all(type(item) is Marked for item in ties.items)
