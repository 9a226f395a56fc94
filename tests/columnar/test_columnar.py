"""The columnar path (network.columnar): the same snapshots and the same problems as the plain path."""

import math
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

pytest.importorskip("duckdb")
pytest.importorskip("pyarrow")

from network import check, load  # noqa: E402
from network.columnar import engine  # noqa: E402
from network.columnar import pipeline as columnar  # noqa: E402
from network.dataset.forms import write  # noqa: E402
from network.timeline.snapshots import snapshots  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "bench"))
sys.path.insert(0, str(ROOT / "tests" / "dataset"))  # test_tabular: the invalid files, the forms
from synth import synthetic  # noqa: E402
from test_tabular import INVALID_FILES, _write_forms  # noqa: E402

from network.dataset.yaml_nodes import read_yaml  # noqa: E402


def assert_same_snapshots(plain_snaps, col_snaps):
    """Same windows, graph attributes, nodes (in order, with attributes), edges (in order) with the same
    weights, net, sign, counts and tie ids, the same shares and the same dropped self-ties."""
    assert [s.window for s in plain_snaps] == [s.window for s in col_snaps]
    for a, b in zip(plain_snaps, col_snaps, strict=True):
        assert a.graph.graph == b.graph.graph
        assert list(a.graph.nodes(data=True)) == list(b.graph.nodes(data=True)), a.period
        ea, eb = list(a.graph.edges(data=True)), list(b.graph.edges(data=True))
        assert [(u, v) for u, v, _ in ea] == [(u, v) for u, v, _ in eb], a.period
        for (u, v, x), (_, _, y) in zip(ea, eb, strict=True):
            assert list(x) == list(y)
            for key in ("weight", "pos", "neg"):  # sums of floats, added in another order
                assert math.isclose(x[key], y[key], rel_tol=1e-9, abs_tol=1e-12), (a.period, u, v, key)
            assert (x["count"], x["ties"], x["sign"]) == (y["count"], y["ties"], y["sign"]), (a.period, u, v)
        assert a.allocation.keys() == b.allocation.keys(), a.period
        for tie_id, share in a.allocation.items():
            assert math.isclose(share, b.allocation[tie_id], rel_tol=1e-12), (a.period, tie_id)
        assert a.dropped == b.dropped, a.period


def csv_form(dataset_path: Path, folder: Path) -> Path:
    """The CSV form of a dataset, written by ``entente convert``."""
    out = folder / "csv"
    result = subprocess.run(
        [sys.executable, "-m", "network", "convert", str(dataset_path), str(out) + "/"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    return out


OPTIONS = [
    {"level": level, "allocation": allocation}
    for level in ("person", "state")
    for allocation in ("split", "inside")
]


@pytest.mark.parametrize("name", ["data/actors.yaml", "data/template.yaml", "data/triple-entente.yaml"])
def test_same_snapshots_as_the_plain_path(name, tmp_path):
    """Should give the YAML path's snapshots on the curated data, the template and another case."""
    folder = csv_form(ROOT / name, tmp_path)
    ds = load(ROOT / name)
    data = columnar.load(folder)
    assert data.dataset.actors == ds.actors and data.dataset.periods == ds.periods
    for options in OPTIONS:
        assert_same_snapshots(snapshots(ds, **options), columnar.snapshots(data, **options))
    by = "period" if ds.periods else "year"
    for options in ({"mode": "memory", "level": "state", "by": by}, {"mode": "memory", "half_life": 100.0}):
        assert_same_snapshots(snapshots(ds, **options), columnar.snapshots(data, **options))


def test_filters_and_custom_windows_match(tmp_path):
    """Should filter by confidence and type, and take custom windows, as the plain path does."""
    from datetime import date

    from network.timeline.windows import custom_windows

    folder = csv_form(ROOT / "data/actors.yaml", tmp_path)
    ds, data = load(ROOT / "data/actors.yaml"), columnar.load(folder)
    windows = custom_windows(date(1956, 1, 1), date(1961, 12, 31), 6, 3)
    for options in (
        {"confidence": {"stated"}},
        {"types": {"visit", "accuse"}, "level": "state"},
        {"by": windows, "level": "state"},
    ):
        assert_same_snapshots(snapshots(ds, **options), columnar.snapshots(data, **options))
    with pytest.raises(ValueError, match="unknown tie type"):
        columnar.snapshots(data, types={"hug"})


def _write_synthetic(data, folder: Path) -> Path:
    write(data, str(folder) + "/", form="csv")
    return folder


@settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    seed=st.integers(0, 10_000),
    ties=st.integers(1, 400),
    years=st.integers(1, 12),
    level=st.sampled_from(["person", "state"]),
    allocation=st.sampled_from(["split", "inside"]),
    mode=st.sampled_from(["window", "memory"]),
)
def test_random_datasets_match(tmp_path_factory, seed, ties, years, level, allocation, mode):
    """Should match the plain path on random datasets (bench/synth.py): memberships that change,
    dates at every precision, across years, standing ties open or closed."""
    folder = _write_synthetic(
        synthetic(actors=40, ties=ties, years=years, seed=seed), tmp_path_factory.mktemp("synth")
    )
    ds = load(folder)
    options = {"level": level, "allocation": allocation, "mode": mode}
    assert_same_snapshots(snapshots(ds, **options), columnar.snapshots(folder, **options))


def test_ties_without_ids_get_the_ids_the_plain_path_derives(tmp_path):
    """Should derive ``source-target-when`` ids, numbering repeats, and yield to a given id that
    takes a derived one (the one-by-one rule)."""
    (tmp_path / "actors.csv").write_text("id,name,kind\na,A,state\nb,B,state\n")
    (tmp_path / "ties.csv").write_text(
        "id,source,target,date,start,sign,alternative,weight\n"
        "a-b-1958-2,b,a,1958,,-1,,\n,a,b,1958~,,1,,\n,a,b,1958,,1,,\n,a,b,,1950/1952,1,,\n"
        "x1,a,b,1959-03,,1,r,2\nx2,a,b,1959-03,,-1,r,2\n"
    )
    ds = load(tmp_path)
    assert sorted(t.id for t in ds.ties) == [
        "a-b-1950_1952",
        "a-b-1958",
        "a-b-1958-2",
        "a-b-1958-3",
        "x1",
        "x2",
    ]
    for options in OPTIONS:
        assert_same_snapshots(snapshots(ds, **options), columnar.snapshots(tmp_path, **options))


def test_plain_days_are_read_as_the_edtf_parser_reads_them():
    """Should give a calendar day the bounds, midpoint and verdict of network.dataset.edtf (its
    shortcut for YYYY-MM-DD), and leave every other text to the parser."""
    from datetime import date, timedelta

    from network.columnar.dates import _bounds
    from network.dataset.edtf import EdtfError, parse_edtf

    days = [(date(1950, 1, 1) + timedelta(days=k)).isoformat() for k in range(0, 30000, 7)]
    odd = ["0001-01-01", "9999-12-31", "1959-02-29", "1960-02-29", "1958-13-01", "1958-00-10", "1958-06-31"]
    odd += [
        "1958-06-10~",
        "1958-06",
        "1958",
        "1958-06-10/1958-06-12",
        " 1958-06-10",
        "1958-6-10",
        "0000-01-01",
    ]
    for text in days + odd:
        try:
            d = parse_edtf(text)
        except EdtfError:
            expected = (False, None, None, None, None, None)
        else:
            expected = (True, d.lower.toordinal(), d.upper.toordinal(), d.midpoint.toordinal())
            expected += (d.open_start, d.open_end)
        assert _bounds(text) == expected, text


# -- problems ----------------------------------------------------------------------------------
def _problems(path):
    return sorted(str(p) for p in path)


BROKEN = {
    "unknown actor, bad sign, bad date, unknown type": (
        "id,source,target,date,sign,type\n"
        "t1,a,b,1958,1,visit\n"
        "t2,a,zz,1958,1,visit\n"
        "t3,a,b,1958,plus,visit\n"
        "t4,a,b,1958-13,1,visit\n"
        "t5,a,b,1958,1,hug\n"
        "t6,a,a,1959,-1,accuse\n"
    ),
    "weights, ids, a column of no field": (
        "id,source,target,date,sign,weight,colour\n"
        "t1,a,b,1958,1,0,\n"
        "t1,a,b,1958,1,2.5,red\n"
        "T 3,a,b,1958,1,-1,\n"
        "t4,a,b,1958,1,.inf,\n"
        "t5,a,b,1958,1,lots,\n"
    ),
    "no sign column, dates at odds": (
        "source,target,date,start,end\na,b,1958,,\na,b,,1960,1959\na,b,1958,1957,\na,b,,,1959\na,b,..,,\n"
    ),
    "outside existence, rows over lines, blank lines": (
        'id,source,target,date,sign,evidence\n\nt1,a,c,1958,1,"two\nlines"\n\n'
        "t2,a,c,1970,1,\n,,,,,\nt3,a,b,1958,1,   \n"
    ),
    "tags, booleans, confidence, citations": (
        "id,source,target,date,sign,tags,directed,confidence,cite_source,cite_page,cite_pgae,reported\n"
        "t1,a,b,1958,1,x|Y,maybe,sure,tretiak,0,,\n"
        "t2,a,b,1958,1,[1,true,stated,nobody,2,3,1957\n"
        "t3,a,b,1958-06,1,ok|fine,,,,,,1958-06-10\n"
    ),
}
ACTORS = "id,name,kind,exists_start,exists_end\na,A,state,,\nb,B,state,,\nc,C,person,1950,1960\n"
META = '{"format": 1, "sources": [{"id": "tretiak", "citation": "Tretiak (1962)"}]}\n'


@pytest.mark.parametrize("case", list(BROKEN), ids=list(BROKEN))
def test_problems_are_those_of_the_plain_path(case, tmp_path):
    """Should report every problem at the same FILE:ROW:COLUMN with the same message and hint."""
    (tmp_path / "actors.csv").write_text(ACTORS)
    (tmp_path / "dataset.json").write_text(META)
    (tmp_path / "ties.csv").write_text(BROKEN[case])
    _, expected = check(tmp_path)
    data, problems = columnar.check(tmp_path)
    assert expected and data is None
    assert _problems(problems) == _problems(expected)


def test_strict_policy_problems_match(tmp_path):
    """Should check the strict policy as the plain path does (declared, or asked for)."""
    (tmp_path / "actors.csv").write_text(ACTORS)
    (tmp_path / "dataset.json").write_text(META)
    (tmp_path / "ties.csv").write_text(
        "id,source,target,date,sign,type,cite_source,cite_page,evidence\n"
        "t1,a,b,1958,1,visit,tretiak,3,They met.\n"
        "t2,a,b,1958,-1,visit,tretiak,3,They met.\n"
        "t3,a,b,1958,1,,tretiak,,\n"
    )
    for strict in (True, False):
        _, expected = check(tmp_path, strict=strict)
        _, problems = columnar.check(tmp_path, strict=strict)
        assert _problems(problems) == _problems(expected)


@pytest.mark.parametrize("path", INVALID_FILES, ids=lambda p: p.name)
def test_invalid_fixtures_give_the_same_problems(path, tmp_path):
    """Should report what the plain path reports for every broken fixture the CSV form can hold."""
    node, _ = read_yaml(path)
    if node is None:
        pytest.skip("a YAML reading problem: nothing to convert")
    forms = _write_forms(node, tmp_path)
    if "csv" not in forms:
        pytest.skip("not expressible in csv")
    _, expected = check(forms["csv"])
    _, problems = columnar.check(forms["csv"])
    assert _problems(problems) == _problems(expected)


def test_many_problems_are_capped_like_the_plain_path(tmp_path):
    """Should stop at the same cap of problems, and say so."""
    (tmp_path / "actors.csv").write_text(ACTORS)
    rows = "".join(f"t{i},a,zz,1958,1\n" for i in range(400))
    (tmp_path / "ties.csv").write_text("id,source,target,date,sign\n" + rows)
    _, expected = check(tmp_path)
    _, problems = columnar.check(tmp_path)
    assert len(problems) == len(expected) == 201
    assert _problems(problems) == _problems(expected)


# -- Parquet -----------------------------------------------------------------------------------
def test_parquet_round_trip(tmp_path):
    """Should read a Parquet tie table (text or typed columns) to the snapshots of its CSV form,
    and point a problem at the row the CSV form would have."""
    import pyarrow as pa
    import pyarrow.csv as pacsv
    import pyarrow.parquet as pq

    folder = csv_form(ROOT / "data/actors.yaml", tmp_path)
    ties = pacsv.read_csv(
        folder / "ties.csv",
        convert_options=pacsv.ConvertOptions(column_types={"id": pa.string()}, strings_can_be_null=True),
    )
    pq_folder = tmp_path / "pq"
    pq_folder.mkdir()
    for name in ("actors.csv", "dataset.json"):
        shutil.copy(folder / name, pq_folder / name)
    typed = ties.set_column(
        ties.schema.get_field_index("date"), "date", ties.column("date").cast(pa.string())
    )
    pq.write_table(typed, pq_folder / "ties.parquet")
    ds = load(folder)
    for options in OPTIONS:
        assert_same_snapshots(
            snapshots(ds, **options), columnar.snapshots(pq_folder / "ties.parquet", **options)
        )
    # a broken row: the problem names the Parquet file, at the row the CSV form would put it on
    sign = typed.column("sign").to_pylist()
    sign[4] = 3
    pq.write_table(
        typed.set_column(typed.schema.get_field_index("sign"), "sign", pa.array(sign)),
        pq_folder / "ties.parquet",
    )
    _, problems = columnar.check(pq_folder)
    column = typed.column_names.index("sign") + 1
    assert [str(p) for p in problems] == [
        f"{pq_folder / 'ties.parquet'}:6:{column}: tie.sign must be one of 1, -1; found '3'"
    ]


# -- without the extra -------------------------------------------------------------------------
def test_without_the_engine_the_path_says_what_to_install(monkeypatch):
    """Should say exactly what to install when DuckDB or PyArrow is missing."""
    import importlib.util

    real = importlib.util.find_spec
    monkeypatch.setattr(
        importlib.util, "find_spec", lambda name, *a: None if name == "duckdb" else real(name, *a)
    )
    import network.columnar as api

    with pytest.raises(api.EngineMissing) as err:
        api.snapshots("data/")
    assert str(err.value) == (
        'the columnar path needs duckdb, from the events extra: pip install "entente-network[events]"'
    )
    assert not engine.available()


# -- PySpark -----------------------------------------------------------------------------------
def _java() -> bool:
    try:
        return subprocess.run(["java", "-version"], capture_output=True).returncode == 0
    except OSError:
        return False


# PySpark 4 and pandas 3 warn about each other (deprecations, pandas
# versions); none of it concerns what is compared here
@pytest.mark.filterwarnings("ignore::DeprecationWarning")
@pytest.mark.filterwarnings("ignore::FutureWarning")
def test_the_same_aggregation_on_pyspark(tmp_path):
    """Should give the same snapshots when the aggregation runs on PySpark (local mode) as on DuckDB."""
    pytest.importorskip("pyspark")
    if not _java():
        pytest.skip("PySpark needs Java")
    pytest.importorskip("sqlglot")
    from pyspark.sql import SparkSession

    folder = csv_form(ROOT / "data/actors.yaml", tmp_path)
    data = columnar.load(folder)
    session = (
        SparkSession.builder.master("local[1]")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "2")
        .getOrCreate()
    )
    try:
        spark = engine.Spark(session)
        spark.register("entente_ties", data.engine.query(f"SELECT * FROM {data.table}"))
        on_spark = columnar.ColumnarData(data.dataset, "entente_ties", spark, data.path)
        for options in OPTIONS:
            assert_same_snapshots(
                columnar.snapshots(data, **options), columnar.snapshots(on_spark, **options)
            )
    finally:
        session.stop()


# -- the command line --------------------------------------------------------------------------
def _main(argv, capsys):
    from network.cli import main

    code = main(argv)
    out = capsys.readouterr()
    return code, out.out, out.err


def test_engine_option_gives_the_same_rows(tmp_path, capsys):
    """Should print the same rows on either engine, and take a Parquet table only on the columnar one."""
    import pyarrow.csv as pacsv
    import pyarrow.parquet as pq

    folder = csv_form(ROOT / "data/actors.yaml", tmp_path)
    runs = {
        engine: _main(
            ["centrality", str(folder), "--level", "state", "--format", "csv", "--engine", engine], capsys
        )
        for engine in ("python", "columnar")
    }
    assert runs["python"][0] == runs["columnar"][0] == 0
    assert runs["python"][1] == runs["columnar"][1] and runs["python"][1].count("\n") > 10
    pq.write_table(pacsv.read_csv(folder / "ties.csv"), folder / "ties.parquet")
    (folder / "ties.csv").unlink()
    code, out, _ = _main(["balance", str(folder), "--format", "csv"], capsys)  # auto: Parquet is columnar
    assert code == 0 and out.startswith("period,")
    code, _, err = _main(["balance", str(folder), "--engine", "python"], capsys)
    assert code == 2 and "only the columnar path reads" in err


def test_engine_option_refusals(tmp_path, capsys, monkeypatch):
    """Should refuse, in one line and with exit code 2, a YAML file on the columnar engine, and
    say what to install when the engine is missing."""
    import importlib.util

    code, _, err = _main(["centrality", "data/actors.yaml", "--engine", "columnar"], capsys)
    assert code == 2 and "entente convert data/actors.yaml FOLDER/" in err and err.count("\n") == 1
    folder = csv_form(ROOT / "data/template.yaml", tmp_path)
    real = importlib.util.find_spec
    monkeypatch.setattr(
        importlib.util, "find_spec", lambda name, *a: None if name == "pyarrow" else real(name, *a)
    )
    code, _, err = _main(["centrality", str(folder), "--engine", "columnar"], capsys)
    assert code == 2
    needs = 'the columnar path needs pyarrow, from the events extra: pip install "entente-network[events]"'
    assert err == f"entente: error: {needs}\n"
    code, out, _ = _main(["centrality", str(folder)], capsys)  # auto: the plain path
    assert code == 0 and out


def test_invalid_table_on_the_command_line(tmp_path, capsys):
    """Should print every problem and exit 1, as the plain path does."""
    (tmp_path / "actors.csv").write_text(ACTORS)
    (tmp_path / "ties.csv").write_text(BROKEN["unknown actor, bad sign, bad date, unknown type"])
    plain_run = _main(["centrality", str(tmp_path), "--engine", "python"], capsys)
    col_run = _main(["centrality", str(tmp_path), "--engine", "columnar"], capsys)
    assert plain_run[0] == col_run[0] == 1
    assert sorted(plain_run[2].splitlines()) == sorted(col_run[2].splitlines())


def test_engine_memory_is_bounded_and_spills_to_a_folder_of_its_own(monkeypatch, tmp_path):
    """Should give DuckDB the memory budget (ENTENTE_ENGINE_MEMORY, else ENGINE_MEMORY) and a spill
    folder under the system's temporary folder, not DuckDB's default ``.tmp`` in the working
    folder, remove that folder when the engine goes, and draw no progress bar."""
    import gc
    import tempfile

    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv(engine.MEMORY_VARIABLE, "700MB")
    eng = engine.connect()
    limit = eng.scalar("SELECT current_setting('memory_limit')")
    assert limit.replace(" ", "") in ("667.5MiB", "700.0MB"), limit  # DuckDB prints it in MiB
    spill = Path(eng.scalar("SELECT current_setting('temp_directory')"))
    assert spill.parent == Path(tempfile.gettempdir()) and spill.name.startswith("entente-spill-")
    assert not (tmp_path / ".tmp").exists()
    assert eng.scalar("SELECT current_setting('enable_progress_bar')") is False  # none on stderr
    monkeypatch.delenv(engine.MEMORY_VARIABLE)
    assert engine.engine_memory() == engine.ENGINE_MEMORY
    del eng
    gc.collect()
    assert not spill.exists()


def test_a_bad_engine_memory_is_one_line_on_the_command_line(tmp_path, capsys, monkeypatch):
    """Should refuse an ENTENTE_ENGINE_MEMORY that is no size, in one line with exit code 2."""
    folder = csv_form(ROOT / "data/template.yaml", tmp_path)
    monkeypatch.setenv(engine.MEMORY_VARIABLE, "lots")
    code, _, err = _main(["centrality", str(folder), "--engine", "columnar"], capsys)
    assert code == 2
    assert err == "entente: error: ENTENTE_ENGINE_MEMORY must be a size such as 4GB or 800MB (got 'lots')\n"


def test_auto_takes_the_columnar_path_past_the_boundary(tmp_path, monkeypatch):
    """Should choose the columnar path for a CSV folder of more than COLUMNAR_ROWS ties, and the
    plain path up to it (the boundary measured in docs/columnar.md)."""
    from network.columnar import choice

    (tmp_path / "actors.csv").write_text(ACTORS)
    (tmp_path / "ties.csv").write_text("source,target,date,sign\na,b,1958,1\na,b,1959,1\na,b,1960,-1\n")
    assert choice.tie_rows(tmp_path) == 3
    monkeypatch.setattr(choice, "COLUMNAR_ROWS", 2)
    assert choice.choose_engine("auto", tmp_path) == ("columnar", None)
    monkeypatch.setattr(choice, "COLUMNAR_ROWS", 3)
    assert choice.choose_engine("auto", tmp_path) == ("python", None)
