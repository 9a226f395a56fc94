"""The JSON and CSV forms: read by the same rules as YAML, problems as FILE:ROW:COLUMN, and the fast path."""

import csv
import dataclasses
import importlib.util
import io
import json
import re
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from network import check
from network.dataset.check_fields import Converter
from network.dataset.csv_form import columns, csv_files
from network.dataset.forms import form_of, plain, read_source
from network.dataset.spec import RECORDS, ListOf, Rec
from network.dataset.validate import build_dataset
from network.dataset.yaml_nodes import _MAYBE_ANCHOR, read_yaml

ROOT = Path(__file__).resolve().parents[2]
INVALID = ROOT / "tests" / "data" / "invalid"
DATA = [
    ROOT / "data" / "template.yaml",
    ROOT / "tests" / "data" / "mini.yaml",
    ROOT / "data" / "tribes.yaml",
    ROOT / "data" / "actors.yaml",
]
_T = "tag:yaml.org,2002:"


# -- writing a composed YAML document in the other forms, node for node (invalid data included) --
class Inexpressible(Exception):
    """The YAML document holds something the other form cannot say the same way."""


def _json_value(node: yaml.Node) -> str:
    if node.tag not in {_T + n for n in ("str", "timestamp", "int", "float", "bool", "null", "seq", "map")}:
        raise Inexpressible(node.tag)
    if isinstance(node, yaml.MappingNode):
        pairs = []
        for k, v in node.value:
            if not isinstance(k, yaml.ScalarNode) or k.tag != _T + "str":
                raise Inexpressible("a key that is not text")
            pairs.append(f"{json.dumps(k.value)}: {_json_value(v)}")
        return "{" + ", ".join(pairs) + "}"
    if isinstance(node, yaml.SequenceNode):
        return "[" + ", ".join(_json_value(v) for v in node.value) + "]"
    tag = node.tag
    if tag in (_T + "str", _T + "timestamp"):
        return json.dumps(node.value, ensure_ascii=False)
    try:
        if tag == _T + "int":
            return str(yaml.constructor.SafeConstructor().construct_yaml_int(node))
        if tag == _T + "float":
            return repr(yaml.constructor.SafeConstructor().construct_yaml_float(node))
        if tag == _T + "bool":
            return "true" if yaml.constructor.SafeConstructor().construct_yaml_bool(node) else "false"
    except (ValueError, KeyError, IndexError) as exc:  # '!!int party': no JSON value says that
        raise Inexpressible(f"{node.value!r} does not fit its tag {tag}") from exc
    if tag == _T + "null":
        return "null"
    raise Inexpressible(tag)


def json_text_of(node: yaml.MappingNode) -> str:
    """JSON text of a composed document, one top-level field and one record per line."""
    if not isinstance(node, yaml.MappingNode):
        return _json_value(node)
    lines = []
    for k, v in node.value:
        if isinstance(v, yaml.SequenceNode) and v.value:
            items = ",\n".join("  " + _json_value(x) for x in v.value)
            lines.append(f"{json.dumps(k.value)}: [\n{items}\n]")
        else:
            lines.append(f"{json.dumps(k.value)}: {_json_value(v)}")
    return "{\n" + ",\n".join(lines) + "\n}\n"


def _cell(node: yaml.Node, kind: str) -> str:
    if not isinstance(node, yaml.ScalarNode):
        raise Inexpressible("a collection where a value goes")
    text, tag = node.value, node.tag
    if not text:
        raise Inexpressible("an empty cell is an absent field")
    number = re.fullmatch(r"[-+]?[0-9]+|[-+]?(?:[0-9]+\.[0-9]*|\.[0-9]+)(?:[eE][-+]?[0-9]+)?", text)
    ok = {
        "text": tag in (_T + "str", _T + "timestamp"),
        "number": (tag == _T + "int" and re.fullmatch(r"[-+]?[1-9][0-9]*|0", text))
        or (tag == _T + "float" and number)
        or (tag == _T + "str" and not number),
        "bool": tag == _T + "bool"
        and text in ("true", "false")
        or (tag == _T + "str" and text not in ("true", "false", "True", "False", "TRUE", "FALSE")),
    }[kind]
    if not ok:
        raise Inexpressible(f"{tag} {text!r} in a {kind} column")
    return text


def _list_cell(node: yaml.Node) -> str:
    if not isinstance(node, yaml.SequenceNode):
        raise Inexpressible("a list cell is always read as a list")
    items = node.value
    if (
        all(
            isinstance(x, yaml.ScalarNode)
            and x.tag == _T + "str"
            and x.value
            and x.value == x.value.strip()
            and "|" not in x.value
            for x in items
        )
        and items
        and not items[0].value.startswith("[")
    ):
        return "|".join(x.value for x in items)
    return _json_value(node)


def csv_files_of(node: yaml.Node) -> dict[str, str]:
    """The CSV form of a composed document, cell for cell; raise Inexpressible where it has none."""
    if not isinstance(node, yaml.MappingNode):
        raise Inexpressible("the top level is not a mapping")
    meta, tables = [], {}
    for k, v in node.value:
        if k.value in ("actors", "ties"):
            if k.value in tables or not isinstance(v, yaml.SequenceNode):
                raise Inexpressible("actors or ties twice, or not a list")
            tables[k.value] = v
        else:
            meta.append((k, v))
    if set(tables) != {"actors", "ties"}:
        raise Inexpressible("no actors or no ties")
    files = {"dataset.json": json_text_of(yaml.MappingNode(_T + "map", meta))}
    for key, record in (("actors", "actor"), ("ties", "tie")):
        cols = columns(record)
        specs = {f.name: f.type for f in RECORDS[record]}
        rows: list[dict[str, str]] = []
        names: list[str] = []
        for rec in tables[key].value:
            if not isinstance(rec, yaml.MappingNode):
                raise Inexpressible("a record that is not a mapping")
            row: dict[str, str] = {}
            for k, v in rec.value:
                name, typ = k.value, specs.get(k.value)
                if isinstance(typ, Rec):
                    if not isinstance(v, yaml.MappingNode) or not v.value:
                        raise Inexpressible("a nested record that is not a mapping")
                    subs = {f.name: f.type for f in RECORDS[typ.name]}
                    cells = [
                        (f"{name}_{sk.value}", _cell(sv, _kind(subs.get(sk.value)))) for sk, sv in v.value
                    ]
                elif isinstance(typ, ListOf):
                    cells = [(name, _list_cell(v))]
                elif name in cols:
                    cells = [(name, _cell(v, _kind(typ)))]
                elif typ is None and "_" not in name and isinstance(v, yaml.ScalarNode) and v.value:
                    cells = [(name, v.value)]  # an unknown field: reported whatever its value
                else:
                    raise Inexpressible(f"a field named like a column: {name}")
                for col, text in cells:
                    if col in row:
                        raise Inexpressible("a repeated key")
                    row[col] = text
                    if col not in names:
                        names.append(col)
            rows.append(row)
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(names or ["id"])
        writer.writerows([row.get(n, "") for n in names] for row in rows)
        files[f"{key}.csv"] = out.getvalue()
    return files


def _kind(typ: object) -> str:
    from network.dataset.csv_form import _kind as kind

    return kind(typ)  # type: ignore[arg-type]


def _messages(problems) -> list[tuple[str, str]]:
    """Messages and hints, with the line a duplicate points back to left out (it differs by form)."""
    return sorted(
        (re.sub(r"\(first at line \d+\)", "(first at line N)", p.message), p.hint) for p in problems
    )


def _write_forms(node: yaml.Node, folder: Path) -> dict[str, Path]:
    forms = {}
    try:
        (folder / "d.json").write_text(json_text_of(node), encoding="utf-8")
        forms["json"] = folder / "d.json"
    except Inexpressible:
        pass
    try:
        files = csv_files_of(node)
    except Inexpressible:
        pass
    else:
        (folder / "csv").mkdir()
        for name, text in files.items():
            (folder / "csv" / name).write_text(text, encoding="utf-8")
        forms["csv"] = folder / "csv"
    return forms


INVALID_FILES = sorted(INVALID.iterdir())


@pytest.mark.parametrize("path", INVALID_FILES, ids=lambda p: p.name)
def test_invalid_fixture_gives_the_same_messages_in_json_and_csv(path, tmp_path):
    """Should report the same problems for a broken file in YAML, JSON and (where it can be said) CSV."""
    node, _ = read_yaml(path)
    if node is None:
        pytest.skip("a YAML reading problem (syntax, encoding, anchors): nothing to convert")
    _, yaml_problems = check(path)
    forms = _write_forms(node, tmp_path)
    if path.name in (
        "unknown_field.yaml",
        "bad_kind.yaml",
        "sign_text.yaml",
        "duplicate_tie_id.yaml",
        "missing_sign.yaml",
        "end_before_start.yaml",
        "unknown_target.yaml",
    ):
        assert set(forms) == {"json", "csv"}, "a plain broken file should be expressible in both forms"
    for form, where in forms.items():
        _, problems = check(where)
        assert _messages(problems) == _messages(yaml_problems), form
        for p in problems:
            assert p.line >= 1 and p.column >= 1, str(p)
            assert Path(p.path).name in (
                {"d.json"} if form == "json" else {"actors.csv", "ties.csv", "dataset.json"}
            )


def test_enough_fixtures_are_expressible_in_csv(tmp_path):
    """Should cover most broken fixtures in the CSV form too (the test above is not vacuous)."""
    count = 0
    for i, path in enumerate(INVALID_FILES):
        node, _ = read_yaml(path)
        if node is not None:
            (tmp_path / str(i)).mkdir()
            count += "csv" in _write_forms(node, tmp_path / str(i))
    assert count >= 25


def test_json_problem_points_at_line_and_column(tmp_path):
    """Should locate a bad value in JSON by line and column."""
    path = tmp_path / "d.json"
    path.write_text(
        '{"format": 1,\n "actors": [{"id": "a", "name": "A", "kind": "state"},\n'
        '  {"id": "b", "name": "B", "kind": "state"}],\n'
        ' "ties": [\n  {"source": "a", "target": "b", "date": "1958", "sign": 2}\n ]}\n'
    )
    _, problems = check(path)
    assert [str(p) for p in problems] == [f"{path}:5:58: tie.sign must be one of 1, -1; found '2'"]


def test_json_syntax_error_names_line_and_column(tmp_path):
    """Should give a JSON syntax error its line and column, with a hint."""
    path = tmp_path / "d.json"
    path.write_text('{"format": 1,\n "actors": [],\n "ties": [{"source": "a",}]\n}\n')
    _, problems = check(path)
    (p,) = problems
    assert (p.line, p.column) == (3, 26)
    assert p.message == "JSON syntax error: Expecting property name enclosed in double quotes"
    assert "trailing commas" in p.hint


@pytest.mark.parametrize(
    "text, message",
    [
        ("[1, 2]", "the top level must be a mapping"),
        ('{"format": 1, "actors": [], "ties": []} x', "JSON syntax error: Extra data"),
        ('{"format": 1, "actors": [], "ties": [}', "JSON syntax error: Expecting value"),
        ('{"format": 1, "actors": [], "ties": [] "x": 1}', "JSON syntax error: Expecting ',' delimiter"),
        (
            '{"format": 1, "actors": [], "ties": [{"a": 1} {"b": 2}]}',
            "JSON syntax error: Expecting ',' delimiter",
        ),
        ('{"format": 1, "actors": [], "ties": ["x"]}', "ties[1] must be a mapping of fields, not text"),
        (
            '{"format": 1, "actors": [], "ties": [{"source": "a", "source": "b"}]}',
            "duplicate key 'source' in tie",
        ),
        ('{"format": null, "actors": [], "ties": []}', "format has no value"),
        ("[" * 100_000, "JSON nested too deeply"),
    ],
)
def test_broken_json(tmp_path, text, message):
    """Should refuse broken JSON with a located problem and never a traceback."""
    path = tmp_path / "d.json"
    path.write_text(text)
    _, problems = check(path)
    assert any(message in p.message for p in problems), [str(p) for p in problems]


def _csv(tmp_path: Path, actors: str, ties: str, meta: str | None = None) -> Path:
    (tmp_path / "actors.csv").write_text(actors, encoding="utf-8")
    (tmp_path / "ties.csv").write_text(ties, encoding="utf-8")
    if meta is not None:
        (tmp_path / "dataset.json").write_text(meta, encoding="utf-8")
    return tmp_path


ACTORS = "id,name,kind\na,A,state\nb,B,state\n"


def test_csv_problem_points_at_row_and_column(tmp_path):
    """Should locate a bad cell as FILE:ROW:COLUMN, ROW counted with the header as 1."""
    folder = _csv(tmp_path, ACTORS, "source,target,date,sign\na,b,1958,1\na,b,1958-13,plus\n")
    _, problems = check(folder)
    assert [str(p) for p in problems] == [
        f"{folder}/ties.csv:3:3: tie.date: '1958-13': month 13 does not exist (01-12) "
        "(hint: see docs/format.md, section Dates)",
        f"{folder}/ties.csv:3:4: tie.sign must be one of 1, -1; found 'plus'",
    ]


def test_csv_rows_spanning_lines_keep_their_first_line(tmp_path):
    """Should count a row from the line it starts on when a quoted cell holds line breaks."""
    folder = _csv(
        tmp_path, ACTORS, 'source,target,date,sign,evidence\na,b,1958,1,"two\nlines"\na,c,1958,1,x\n'
    )
    _, problems = check(folder)
    assert [(p.line, p.column, p.message) for p in problems] == [(4, 2, "target 'c' is not an actor")]


@pytest.mark.parametrize(
    "actors, ties, meta, where, message",
    [
        (ACTORS, "source,target,date,sign\na,b,1958,1,extra\n", None, "ties.csv:2:5", "row has 5 cells"),
        (
            "id,name,kind,roles\na,A,state,[{\n",
            "source,target\n",
            None,
            "actors.csv:2:4",
            "roles is not a valid JSON",
        ),
        (
            ACTORS,
            "source,target,date,sign,colour\na,b,1958,1,red\n",
            None,
            "ties.csv:2:5",
            "unknown field 'colour' in tie",
        ),
        (
            ACTORS,
            "source,target,date,sign,cite_pgae\na,b,1958,1,3\n",
            None,
            "ties.csv:2:5",
            "unknown field 'pgae' in cite",
        ),
        (
            ACTORS,
            "source,target,date,sign,sign\na,b,1958,1,1\n",
            None,
            "ties.csv:2:5",
            "duplicate key 'sign' in tie",
        ),
        (
            ACTORS,
            "source,target,date,sign\n",
            '{"format": 1, "titel": "x"}',
            "dataset.json:1:15",
            "unknown field 'titel' in the top level",
        ),
        (ACTORS, "source,target,date,sign\n", '{"format": 2}', "dataset.json:1:12", "unknown format '2'"),
        (ACTORS, "source,target,date,sign\n", '{"format": 1', "dataset.json:1:13", "JSON syntax error"),
        (
            ACTORS,
            "source,target,date,directed,sign\na,b,1958,yes,1\n",
            None,
            "ties.csv:2:4",
            "tie.directed must be true or false, not 'yes'",
        ),
        (
            "id,name,kind,member_of\na,A,state,b|c\nb,B,state,\n",
            "source,target\n",
            None,
            "actors.csv:2:4",
            "member_of 'c' is not an actor",
        ),
    ],
)
def test_broken_csv(tmp_path, actors, ties, meta, where, message):
    """Should report each CSV problem at its file, row and column."""
    folder = _csv(tmp_path, actors, ties, meta)
    _, problems = check(folder)
    assert any(str(p).startswith(f"{folder}/{where}:") and message in p.message for p in problems), [
        str(p) for p in problems
    ]


def test_csv_form_needs_both_tables(tmp_path):
    """Should name the missing half of the pair, and say plainly when a folder holds neither."""
    (tmp_path / "actors.csv").write_text(ACTORS)
    _, problems = check(tmp_path)
    assert problems[0].message == "no ties.csv next to it"
    _, problems = check(tmp_path / "nothing")
    assert problems[0].message == "no such file"
    (tmp_path / "actors.csv").unlink()
    _, problems = check(tmp_path)
    assert "is a folder" in problems[0].message


def test_csv_pair_is_named_by_either_file(tmp_path):
    """Should read the same dataset from the folder, its actors.csv or its ties.csv."""
    folder = _csv(tmp_path, ACTORS, "source,target,date,sign,tags\na,b,1958-12~,-1,x| y\n")
    loaded = [check(p)[0] for p in (folder, folder / "actors.csv", folder / "ties.csv")]
    assert all(ds is not None for ds in loaded)
    assert loaded[0].ties == loaded[1].ties == loaded[2].ties
    tie = loaded[0].ties[0]
    assert (tie.sign, tie.date.text, tie.tags, tie.line) == (-1, "1958-12~", ("x", "y"), 2)
    assert loaded[0].format == 1 and loaded[0].sources == ()


def test_forms_are_told_by_the_path(tmp_path):
    """Should tell the form from the suffix, a folder or a trailing slash."""
    assert form_of("x.yaml") == form_of("x.yml") == form_of("x.txt") == "yaml"
    assert form_of("x.JSON") == "json"
    assert form_of("x/ties.csv") == form_of(tmp_path) == form_of("new/") == "csv"
    assert form_of("new", default=None) is None


# -- the fast path accepts exactly what the node walk accepts -------------------------------------
def _check_both(path: Path, strict: bool = False):
    """Check ``path`` with the fast path on and off: (problems, dataset) for each."""
    out = []
    for fast in (True, False):
        node, problems = read_source(path)
        if node is None or not isinstance(node, yaml.MappingNode):
            return None
        converter = Converter(str(path), fast=fast)
        top = converter.convert(node, Rec("dataset"), "the top level")
        dataset, more = build_dataset(top, str(path), strict)
        out.append(([str(p) for p in converter.problems + more], dataset))
    return out


def _same(a, b, lines: bool = True) -> bool:
    """Whether two loaded datasets hold the same records (and, if ``lines``, the same tie lines)."""
    if a is None or b is None:
        return a is None and b is None
    ties_a, ties_b = a.ties, b.ties
    if not lines:
        ties_a = tuple(dataclasses.replace(t, line=0) for t in ties_a)
        ties_b = tuple(dataclasses.replace(t, line=0) for t in ties_b)
    return (
        a.actors == b.actors
        and ties_a == ties_b
        and a.periods == b.periods
        and a.sources == b.sources
        and a.title == b.title
        and a.format == b.format
        and a.framing == b.framing
        and a.policy == b.policy
    )


@pytest.mark.parametrize("path", DATA + INVALID_FILES, ids=lambda p: p.name)
@pytest.mark.parametrize("form", ["yaml", "json", "csv"])
def test_fast_path_agrees_with_the_node_walk(path, form, tmp_path):
    """Should give the same problems, in the same order, and the same records with the fast path on or off."""
    node, _ = read_yaml(path)
    if node is None:
        pytest.skip("not composed")
    where = path if form == "yaml" else _write_forms(node, tmp_path).get(form)
    if where is None:
        pytest.skip(f"not expressible in {form}")
    both = _check_both(where, strict=path.name == "template.yaml")
    if both is None:
        pytest.skip("not a mapping")
    (fast_problems, fast_ds), (slow_problems, slow_ds) = both
    assert fast_problems == slow_problems
    assert _same(fast_ds, slow_ds)


#: Tokens the edits insert, besides the shared ones (tests/dataset/conftest.py).
TOKENS = [
    "1.5",
    "null",
    "true",
    "..",
    "~",
    "1959-02-30",
    "hoxha",
    "ussr",
    "x: y",
    "\n",
    "!!str ",
    "foo: 1\n  ",
    "  bar: 2\n",
]
FUZZ = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@FUZZ
@given(data=st.data())
def test_fast_path_agrees_on_mutated_documents(tmp_path, odd_documents, data):
    """Should agree with the node walk on any edit of the template, in YAML and in JSON."""
    text = odd_documents.draw(data, TOKENS, max_size=4)
    path = tmp_path / "fuzz.yaml"
    path.write_text(text, encoding="utf-8")
    paths = [path]
    node, _ = read_yaml(path)
    if node is not None:
        try:
            (tmp_path / "fuzz.json").write_text(json_text_of(node), encoding="utf-8")
            paths.append(tmp_path / "fuzz.json")
        except Inexpressible:
            pass
    for p in paths:
        both = _check_both(p, strict=True)
        if both is not None:
            assert both[0][0] == both[1][0]
            assert _same(both[0][1], both[1][1])


@FUZZ
@given(st.text(alphabet=st.sampled_from(list("ab &*:-[]{},'\"!|> \n\t#?")), max_size=40))
def test_anchor_precheck_misses_no_anchor(text):
    """Should flag every text whose YAML holds an anchor or an alias (the pre-check only skips work)."""
    try:
        events = list(yaml.parse(text, Loader=yaml.CSafeLoader))
    except yaml.YAMLError:
        return
    if any(isinstance(e, yaml.AliasEvent) or getattr(e, "anchor", None) for e in events):
        assert _MAYBE_ANCHOR.search(text), text


# -- the synthetic generator of the benchmarks --------------------------------------------------
def _synth():
    path = ROOT / "bench" / "synth.py"
    if not path.exists():  # the installed-wheel CI run copies only tests, data and docs
        pytest.skip("bench/ is not here")
    spec = importlib.util.spec_from_file_location("synth", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    return module


@pytest.mark.parametrize("rich", [False, True])
def test_synthetic_data_is_valid_in_every_form(tmp_path, rich):
    """Should generate valid data (strictly so when rich) that reads the same from YAML, JSON and CSV."""
    synth = _synth()
    data = synth.synthetic(actors=60, ties=500, years=12, seed=3, rich=rich)
    assert synth.synthetic(actors=60, ties=500, years=12, seed=3, rich=rich) == data
    loaded = []
    for name in ("s.yaml", "s.json", "s/"):
        out = f"{tmp_path}/{name}"
        synth.main(
            ["--actors", "60", "--ties", "500", "--years", "12", "--seed", "3", "--out", out]
            + (["--rich"] if rich else [])
        )
        ds, problems = check(out, strict=rich)
        assert problems == [], [str(p) for p in problems[:5]]
        assert len(ds.actors) == 60 and len(ds.ties) == 500
        loaded.append(ds)
    assert all(_same(loaded[0], other, lines=False) for other in loaded[1:])
    kinds = {a.kind for a in loaded[0].actors.values()}
    assert kinds == {"state", "party", "organisation", "group", "person"}
    assert any(not t.is_event for t in loaded[0].ties) and any(
        t.date.interval for t in loaded[0].ties if t.date
    )


def test_plain_matches_csv_columns():
    """Should flatten every nested record of actors and ties into columns, as docs/tabular.md lists."""
    files = csv_files({"format": 1, "actors": [], "ties": []})
    assert files["actors.csv"].strip().split(",") == list(columns("actor"))
    assert files["ties.csv"].strip().split(",") == list(columns("tie"))
    assert plain(check(ROOT / "data" / "template.yaml")[0])["format"] == 1


@FUZZ
@given(st.text(alphabet=st.sampled_from(list(" \t\n\r#ab\x85\u2028\x0b\x1c\u00a0")), max_size=30))
def test_empty_file_shortcut_agrees_with_the_line_by_line_test(text):
    """Should call a text empty exactly when every line is blank or a comment, as before the shortcut."""
    from network.dataset.yaml_nodes import _CONTENT

    slow = not text.strip() or all(not ln.strip() or ln.lstrip().startswith("#") for ln in text.splitlines())
    fast = _CONTENT.search(text) is None and slow
    assert fast == slow


def test_spaces_around_column_names_are_ignored(tmp_path):
    """Should read a header written with spaces after the commas as the same columns."""
    for name, header in (("plain", "source,target,date,sign"), ("spaced", " source , target,date ,  sign")):
        folder = tmp_path / name
        folder.mkdir()
        (folder / "actors.csv").write_text("id, name ,kind\na,A,state\nb,B,state\n", encoding="utf-8")
        (folder / "ties.csv").write_text(f"{header}\na,b,1958,1\nb,c,1959,x\n", encoding="utf-8")
    plain_problems = [str(p).replace("/plain/", "/X/") for p in check(tmp_path / "plain")[1]]
    spaced_problems = [str(p).replace("/spaced/", "/X/") for p in check(tmp_path / "spaced")[1]]
    assert spaced_problems == plain_problems and len(plain_problems) == 2


def test_small_int_shortcut_reads_as_the_patterns_do():
    """Should read a number cell the same with the small-int table as by the patterns alone."""
    from network.dataset import csv_form as csvsource

    texts = [str(i) for i in range(-12, 1003)] + ["+1", "01", "-0", "00", "1_000", "1e3", "2.5", ".5"]
    texts += ["-.inf", ".nan", "１", "٣", " 1", "1 ", "0x10", "plus"]
    small = csvsource._SMALL_INTS
    try:
        csvsource._SMALL_INTS = {}
        expected = [csvsource._number(text) for text in texts]
    finally:
        csvsource._SMALL_INTS = small
    for text, want in zip(texts, expected, strict=True):
        got = csvsource._number(text)
        assert type(got) is type(want) and (got == want or got != got), text


def test_remembered_ids_and_value_sets_agree_with_the_node_walk(tmp_path):
    """Should accept and refuse the same references, signs and types on the fast path as the node walk,
    an id checked before (valid or not) included."""
    ties = []
    for source in ["a", "A", "a", "a ", "1a", "a", "b\n", "b", "a-b", "a"]:
        for sign, kind in [(1, "support"), (True, "support"), (1.0, "trade"), (-1, "Support"), (1, 1)]:
            ties.append({"source": source, "target": "b", "date": "1958", "sign": sign, "type": kind})
    data = {
        "format": 1,
        "actors": [{"id": "a", "name": "A", "kind": "state"}, {"id": "b", "name": "B", "kind": "state"}],
        "ties": ties,
    }
    path = tmp_path / "d.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    (fast_problems, fast_ds), (slow_problems, slow_ds) = _check_both(path)
    assert fast_problems == slow_problems and len(fast_problems) > 20
    assert _same(fast_ds, slow_ds)
