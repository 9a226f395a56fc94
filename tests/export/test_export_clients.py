"""Every export read by the programs people use: python-igraph, networkx, pandas, lxml, check-jsonschema, R.

Each example dataset (``data/*.yaml`` and ``tests/data/mini.yaml``) is
exported at both levels, by year and by period, and each file is read by a
client no one here wrote, which must load it whole and run the analyses its
users run: weighted betweenness, Louvain and Fruchterman-Reingold in igraph;
the documented ``read_csv`` call in pandas, into the documented types; the
official GEXF 1.3 RELAX NG schema. R runs only where ``Rscript`` with igraph
is installed.
"""

from __future__ import annotations

import io
import json
import os
import re
import shutil
import subprocess
import sys
from collections import Counter
from functools import cache
from pathlib import Path

import igraph as ig
import networkx as nx
import pandas as pd
import pytest
from lxml import etree

from network import load
from network.cli import main
from network.export import export_text, gexf, graphml_files, node_link
from network.timeline.snapshots import snapshots
from network.timeline.windows import windows_for

ROOT = Path(__file__).resolve().parents[2]
DATASETS = sorted((ROOT / "data").glob("*.yaml")) + [ROOT / "tests" / "data" / "mini.yaml"]
IDS = [p.relative_to(ROOT).as_posix() for p in DATASETS]
#: The official GEXF 1.3 schemas, beside the project's checkout (ENTENTE_SCHEMAS overrides: .ci/run sets it
#: for the copy it tests in a temporary folder; a developer's worktree elsewhere may set it too).
SCHEMAS = Path(os.environ.get("ENTENTE_SCHEMAS", ROOT.parent / "shared" / "schemas"))


def _by_choices(path: Path) -> list[str]:
    return ["year", "period"] if load(path).periods else ["year"]


CASES = [(p, level, by) for p in DATASETS for level in ("person", "state") for by in _by_choices(p)]
CASE_IDS = [f"{p.relative_to(ROOT).as_posix()}-{level}-{by}" for p, level, by in CASES]


# --------------------------------------------------------------------------- GraphML in igraph


@pytest.mark.parametrize(("path", "level", "by"), CASES, ids=CASE_IDS)
def test_igraph_reads_every_window_and_runs_weighted_algorithms(path, level, by, tmp_path):
    """Should load every window's file whole in python-igraph and run its weighted algorithms on it."""
    ds = load(path)
    files = graphml_files(ds, level=level, by=by)
    snaps = snapshots(ds, level=level, by=by)
    assert len(files) == len(snaps)
    for (name, text), snap in zip(files.items(), snaps, strict=True):
        file = tmp_path / name
        file.write_text(text, encoding="utf-8")
        g = ig.Graph.Read_GraphML(str(file))
        assert not g.is_directed()
        assert sorted(g.vs["name"]) == sorted(snap.graph), name
        assert len(set(g.vs["name"])) == g.vcount()
        assert g.ecount() == snap.graph.number_of_edges()
        for e in g.es:
            u, v = g.vs[e.source]["name"], g.vs[e.target]["name"]
            d = snap.graph.edges[u, v]
            assert e["weight"] > 0 and e["weight"] == pytest.approx(d["pos"] + d["neg"])
            assert e["net"] == pytest.approx(d["weight"]) and e["sign"] == d["sign"]
        betweenness = g.betweenness(weights="weight")
        assert len(betweenness) == g.vcount() and min(betweenness) >= 0
        communities = g.community_multilevel(weights="weight")
        assert sum(len(c) for c in communities) == g.vcount()
        layout = g.layout_fruchterman_reingold(weights="weight" if g.ecount() else None)
        assert len(layout) == g.vcount()


def test_igraph_reads_the_csv_tables_as_a_graph_keyed_by_id():
    """Should build an igraph graph from the ties and actors tables, an edge per tie, vertices named by id."""
    ds = load(ROOT / "data" / "actors.yaml")
    ties, actors = _read_csv_as_documented(ds)
    g = ig.Graph.DataFrame(
        ties[["source", "target", "weight", "net", "id"]], directed=False, vertices=actors, use_vids=False
    )
    assert g.ecount() == len(ds.ties) and sorted(g.vs["name"]) == sorted(ds.actors)
    assert min(g.es["weight"]) > 0
    assert len(g.betweenness(weights="weight")) == len(ds.actors)


# --------------------------------------------------------------------------- GEXF: official schema, networkx


@cache
def _gexf_schema() -> etree.RelaxNG:
    return etree.RelaxNG(etree.parse(str(SCHEMAS / "gexf-1.3" / "gexf.rng")))


def _require_schemas() -> None:
    if not (SCHEMAS / "gexf-1.3" / "gexf.rng").exists():
        if os.environ.get("CI"):
            pytest.fail(f"the GEXF 1.3 schema is not at {SCHEMAS / 'gexf-1.3'}; CI must have ../shared")
        pytest.skip(f"the official GEXF 1.3 schema is not at {SCHEMAS / 'gexf-1.3'} (../shared/schemas)")


def _overlap(path: Path) -> bool:
    ws = sorted(windows_for(load(path), "period"), key=lambda w: w.lower)
    return any(b.lower <= a.upper for a, b in zip(ws, ws[1:], strict=False))


GEXF_CASES = [c for c in CASES if c[2] == "year" or not _overlap(c[0])]


@pytest.mark.parametrize(
    ("path", "level", "by"), GEXF_CASES, ids=[f"{p.name}-{lv}-{b}" for p, lv, b in GEXF_CASES]
)
def test_every_gexf_validates_against_the_official_schema_and_reads_in_networkx(path, level, by):
    """Should be valid GEXF 1.3 by the published RELAX NG schema, and read back by networkx."""
    _require_schemas()
    ds = load(path)
    text = gexf(ds, level=level, by=by)
    schema = _gexf_schema()
    doc = etree.fromstring(text.encode())
    assert schema.validate(doc), str(schema.error_log)
    g = nx.read_gexf(io.BytesIO(text.encode()), version="1.3")
    for node, d in g.nodes(data=True):
        assert d.get("spells"), f"{node} has no spell, so Gephi would show it in every frame"
    for _, _, d in g.edges(data=True):
        # networkx takes the attribute whose id is 'weight' as static (a hack for Gephi 0.7), so it
        # keeps one value of it; the per-window totals are pos + neg, which it reads whole
        totals = [(p + n, s, e) for (p, s, e), (n, _, _) in zip(d["pos"], d["neg"], strict=True)]
        assert all(value > 0 for value, _, _ in totals) and d["weight"] in {v for v, _, _ in totals}
        assert {(s, e) for _, s, e in totals} == {(s, e) for _, s, e in d["net"]}


def test_the_official_schema_rejects_a_broken_gexf():
    """Should catch a broken document, so the schema test can fail."""
    _require_schemas()
    text = gexf(load(ROOT / "tests" / "data" / "mini.yaml"))
    broken = text.replace('mode="dynamic"', 'mode="moving"', 1)
    assert not _gexf_schema().validate(etree.fromstring(broken.encode()))


def test_gexf_declares_weight_the_way_gephi_reads_it():
    """Should declare the dynamic edge attribute with id 'weight' (Gephi keys columns by id), > 0."""
    ds = load(ROOT / "data" / "actors.yaml")
    root = etree.fromstring(gexf(ds).encode())
    ns = {"g": "http://gexf.net/1.3"}
    declared = root.find("g:graph/g:attributes[@class='edge']", ns)
    assert declared.get("mode") == "dynamic"
    weight = declared.find("g:attribute[@id='weight']", ns)
    assert weight is not None and weight.get("type") in ("double", "float")
    values = [
        float(v.get("value")) for v in root.iterfind(".//g:edge/g:attvalues/g:attvalue[@for='weight']", ns)
    ]
    assert values and min(values) > 0
    # actors.yaml has actors with no tie at person level: left out and named
    never = {n for s in snapshots(ds) for n, d in s.graph.nodes(data=True)} - {
        n for s in snapshots(ds) for n, d in s.graph.nodes(data=True) if d["active"]
    }
    assert never
    ids = {n.get("id") for n in root.iterfind(".//g:node", ns)}
    assert not never & ids
    assert all(n in root.find("g:meta/g:description", ns).text for n in never)


# --------------------------------------------------------------------------- CSV in pandas


def _documented_block(doc: str, lang: str, marker: str) -> str:
    """The code block in ``lang`` of docs/explorer.md that contains ``marker``."""
    text = (ROOT / "docs" / doc).read_text(encoding="utf-8")
    blocks = re.findall(rf"```{lang}[^\n]*\n(.*?)```", text, re.S)  # info string may go on (no-run)
    found = [b for b in blocks if marker in b]
    assert len(found) == 1, f"expected one {lang} block with {marker!r} in docs/{doc}"
    return found[0]


def _read_csv_as_documented(ds) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The tables read by the pandas call docs/explorer.md gives (run as written, from files)."""
    code = _documented_block("explorer.md", "python", "pd.read_csv(")
    here = os.getcwd()
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        Path(folder, "ties.csv").write_text(export_text(ds, "csv"), encoding="utf-8")
        Path(folder, "actors.csv").write_text(export_text(ds, "csv", table="actors"), encoding="utf-8")
        os.chdir(folder)
        try:
            names: dict = {}
            exec(compile(code, "docs/explorer.md", "exec"), names)
        finally:
            os.chdir(here)
    return names["ties"], names["actors"]


#: The types the documented call gives, column by column (docs/explorer.md says the same).
TIE_DTYPES = {
    "sign": "int64",
    "weight": "float64",
    "net": "float64",
    "directed": "bool",
    "cite_page": "Int64",
    "cite_note": "Int64",
    "line": "int64",
}


@pytest.mark.parametrize("path", DATASETS, ids=IDS)
def test_pandas_reads_the_csv_with_the_documented_call_into_the_documented_types(path):
    """Should keep dates as text, integers as integers, booleans as booleans, empty cells as missing."""
    ds = load(path)
    ties, actors = _read_csv_as_documented(ds)
    assert len(ties) == len(ds.ties) and len(actors) == len(ds.actors)
    for col in ties.columns:
        assert str(ties[col].dtype) == TIE_DTYPES.get(col, "string"), col
    assert all(str(actors[c].dtype) == "string" for c in actors.columns)
    for row, tie in zip(ties.itertuples(index=False), ds.ties, strict=True):
        assert row.id == tie.id
        for field in ("date", "start", "end"):
            value, expected = getattr(row, field), getattr(tie, field)
            assert (value if not pd.isna(value) else None) == (expected.text if expected else None)
        assert row.directed == tie.directed and row.weight == tie.weight > 0
        assert row.net == tie.sign * tie.weight
        cite = tie.cite
        assert (None if pd.isna(row.cite_note) else row.cite_note) == (cite.note if cite else None)


def test_csv_dates_of_bare_years_stay_text_and_round_trip(tmp_path):
    """Should keep a date column of bare years as text ('1949', not 1949.0) and write it back unchanged."""
    text = (ROOT / "data" / "template.yaml").read_text(encoding="utf-8")
    assert "start: '1959-06'" in text  # the template's one standing tie that does not start in a bare year
    (tmp_path / "years.yaml").write_text(text.replace("start: '1959-06'", "start: '1959'"), encoding="utf-8")
    ds = load(tmp_path / "years.yaml")
    ties, _ = _read_csv_as_documented(ds)
    assert {d for d in ties["start"].dropna()} <= {t.start.text for t in ds.ties if t.start}
    assert all(re.fullmatch(r"\d{4}", d) for d in ties["start"].dropna())
    written = ties.to_csv(index=False, lineterminator="\n")
    assert written.splitlines()[1].split(",")[ties.columns.get_loc("start")] == ds.ties[0].start.text


def test_export_and_convert_spell_booleans_alike(tmp_path):
    """Should write directed as true/false in both 'export --format csv' and 'convert' (one spelling)."""
    mini = ROOT / "tests" / "data" / "mini.yaml"
    exported = pd.read_csv(io.StringIO(export_text(load(mini), "csv")), dtype="string", keep_default_na=False)
    assert main(["convert", str(mini), str(tmp_path / "form") + "/"]) == 0
    converted = pd.read_csv(tmp_path / "form" / "ties.csv", dtype="string", keep_default_na=False)
    assert set(exported["directed"]) == set(converted["directed"]) == {"true", "false"}
    assert not any(v.endswith(".0") for v in exported["weight"])


# --------------------------------------------------------------------------- node-link JSON in networkx


@pytest.mark.parametrize("path", DATASETS, ids=IDS)
def test_node_link_json_reads_back_with_every_degree(path):
    """Should read back as an undirected multigraph whose degrees are each actor's number of ties."""
    ds = load(path)
    data = json.loads(export_text(ds, "json"))
    assert data == node_link(ds)
    g = nx.node_link_graph(data, edges="links")
    assert not g.is_directed() and g.is_multigraph()
    degree: Counter[str] = Counter()
    for t in ds.ties:
        degree[t.source] += 1
        degree[t.target] += 1
    assert dict(g.degree()) == {a: degree[a] for a in ds.actors}
    for u, v, key, d in g.edges(keys=True, data=True):
        tie = ds.tie(key)
        assert {u, v} == {tie.source, tie.target} and d["directed"] == tie.directed
        assert (d["from"], d["to"]) == (tie.source, tie.target)
        assert d["weight"] == tie.weight > 0 and d["net"] == tie.sign * tie.weight
    undirected = [t for t in ds.ties if not t.directed]
    assert [link["directed"] for link in data["links"]].count(False) == len(undirected)


# --------------------------------------------------------------------------- data files: check-jsonschema


def test_check_jsonschema_validates_the_data_files_against_the_format_schema(tmp_path):
    """Should pass every data file with check-jsonschema, and fail a broken one (so the check can fail)."""
    import network

    schema = Path(network.__file__).parent / "schemas" / "format-1.schema.json"  # the installed one in CI
    files = [str(p) for p in DATASETS] + [
        str(p) for p in sorted((ROOT / "tests" / "data" / "valid").glob("*.yaml"))
    ]
    command = [sys.executable, "-m", "check_jsonschema", "--schemafile", str(schema)]
    run = subprocess.run([*command, *files], capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stdout + run.stderr
    broken = tmp_path / "broken.yaml"
    broken.write_text(
        (ROOT / "tests" / "data" / "mini.yaml")
        .read_text(encoding="utf-8")
        .replace("sign: -1", "sign: -2", 1),
        encoding="utf-8",
    )
    run = subprocess.run([*command, str(broken)], capture_output=True, text=True, timeout=300)
    assert run.returncode == 1 and "broken.yaml" in run.stdout + run.stderr


# --------------------------------------------------------------------------- R (optional)


def _r_with_igraph() -> bool:
    if shutil.which("Rscript") is None:
        return False
    run = subprocess.run(
        ["Rscript", "-e", "quit(status = if (requireNamespace('igraph', quietly = TRUE)) 0 else 1)"],
        capture_output=True,
        timeout=120,
    )
    return run.returncode == 0


@pytest.mark.skipif(not _r_with_igraph(), reason="Rscript with the igraph package is not installed")
def test_r_reads_the_graphml_and_the_csv(tmp_path):
    """Should read a year's GraphML in R igraph (vertex name = actor id) and run its weighted algorithms."""
    ds = load(ROOT / "data" / "actors.yaml")
    files = graphml_files(ds)
    for name, text in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    (tmp_path / "ties.csv").write_text(export_text(ds, "csv"), encoding="utf-8")
    (tmp_path / "actors.csv").write_text(export_text(ds, "csv", table="actors"), encoding="utf-8")
    r_block = _documented_block("explorer.md", "r", "read.csv(")
    reading = r_block.replace("years/1958.graphml", "1958.graphml")
    script = (
        reading
        + """
for (f in list.files(".", pattern = "[.]graphml$")) {
  g <- read_graph(f, format = "graphml")
  stopifnot(all(V(g)$name == V(g)$id))
  w <- E(g)$weight
  stopifnot(all(w > 0))
  invisible(betweenness(g, weights = w)); invisible(closeness(g, weights = w))
  invisible(distances(g, weights = w)); invisible(cluster_louvain(g, weights = w))
  invisible(layout_with_fr(g, weights = w))
}
stopifnot(is.character(ties$date), is.logical(ties$directed), is.integer(ties$cite_note))
cat(nrow(ties), nrow(actors), length(list.files(".", pattern = "[.]graphml$")), "\\n")
"""
    )
    run = subprocess.run(["Rscript", "-e", script], cwd=tmp_path, capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stdout + run.stderr
    assert run.stdout.split()[-3:] == [str(len(ds.ties)), str(len(ds.actors)), str(len(files))]
