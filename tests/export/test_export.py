"""Exports: GEXF and GraphML read back with networkx, CSV and node-link JSON keep every tie, id and citation.

The GEXF 1.3 XSD is not on this machine (nor in a package on the registries
we reach), so :func:`gexf_problems` checks, by hand, the elements and
attributes the GEXF 1.3 schema (gexf.xsd, dynamics.xsd) requires and allows.
"""

from __future__ import annotations

import csv
import io
import json
import re
import xml.etree.ElementTree as ET
from datetime import date
from pathlib import Path

import networkx as nx
import pytest

from network import load
from network.cli import main
from network.export import actor_rows, export_text, gexf, graphml, graphml_files, node_link, tie_rows
from network.export.tables import ACTOR_COLUMNS, TIE_COLUMNS
from network.timeline.snapshots import snapshots

ROOT = Path(__file__).resolve().parents[2]
MINI = ROOT / "tests" / "data" / "mini.yaml"

G = "{http://gexf.net/1.3}"
VIZ = "{http://gexf.net/1.3/viz}"
ATTR_TYPES = {
    "integer",
    "long",
    "double",
    "float",
    "boolean",
    "bigdecimal",
    "biginteger",
    "byte",
    "char",
    "short",
    "liststring",
    "listboolean",
    "listinteger",
    "listlong",
    "listfloat",
    "listdouble",
    "listbyte",
    "listshort",
    "listbigdecimal",
    "listbiginteger",
    "listchar",
    "string",
    "anyURI",
}
TIME_ATTRS = {"start", "end", "timestamp"}
NODE_ATTRS = {"id", "label", "pid", "intervals", "timestamps"} | TIME_ATTRS
EDGE_ATTRS = {
    "id",
    "type",
    "label",
    "source",
    "target",
    "weight",
    "kind",
    "intervals",
    "timestamps",
} | TIME_ATTRS
GRAPH_ATTRS = {
    "defaultedgetype",
    "idtype",
    "mode",
    "timeformat",
    "timerepresentation",
    "timezone",
} | TIME_ATTRS


def _is_number(text: str, integer: bool = False) -> bool:
    return (
        re.fullmatch(
            r"[+-]?\d+" if integer else r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?|[+-]?INF|NaN", text
        )
        is not None
    )


def gexf_problems(text: str) -> list[str]:
    """Every way ``text`` breaks the GEXF 1.3 schema's structure (elements, attributes, types, references)."""
    out: list[str] = []
    root = ET.fromstring(text)
    if root.tag != G + "gexf":
        return [f"root is {root.tag}, not gexf in the 1.3 namespace"]
    if root.get("version") != "1.3":
        out.append("gexf: version must be 1.3")
    kids = [c.tag for c in root]
    if kids not in ([G + "graph"], [G + "meta", G + "graph"]):
        out.append(f"gexf: children must be meta? graph, found {kids}")
    for meta in root.findall(G + "meta"):
        out.extend(
            [
                f"meta: unknown child {c.tag}"
                for c in meta
                if c.tag not in {G + "creator", G + "keywords", G + "description"}
            ]
        )
        out.extend([f"meta: unknown attribute {a}" for a in meta.attrib if a != "lastmodifieddate"])
    graph = root.find(G + "graph")
    if graph is None:
        return [*out, "no graph"]
    out.extend([f"graph: unknown attribute {a}" for a in graph.attrib if a not in GRAPH_ATTRS])
    enums = {
        "defaultedgetype": {"directed", "undirected", "mutual"},
        "idtype": {"integer", "string"},
        "mode": {"static", "dynamic", "slice"},
        "timeformat": {"integer", "double", "date", "dateTime"},
        "timerepresentation": {"interval", "timestamp"},
    }
    for name, allowed in enums.items():
        if name in graph.attrib and graph.get(name) not in allowed:
            out.append(f"graph: {name}={graph.get(name)!r} not in {sorted(allowed)}")
    timeformat = graph.get("timeformat", "double")

    def check_time(where: str, el: ET.Element) -> None:
        for a in TIME_ATTRS & set(el.attrib):
            value = el.get(a)
            if timeformat == "date":
                try:
                    date.fromisoformat(value)
                except ValueError:
                    out.append(f"{where}: {a}={value!r} is not an xs:date")
            elif not _is_number(value, integer=timeformat == "integer"):
                out.append(f"{where}: {a}={value!r} is not a {timeformat}")
        if "timestamp" in el.attrib and ({"start", "end"} & set(el.attrib)):
            out.append(f"{where}: timestamp excludes start and end")
        if timeformat == "date" and {"start", "end"} <= set(el.attrib) and el.get("start") > el.get("end"):
            out.append(f"{where}: starts after it ends")

    check_time("graph", graph)
    order = [c.tag for c in graph]
    expected = re.fullmatch(
        r"(A)*NE",
        "".join({G + "attributes": "A", G + "nodes": "N", G + "edges": "E"}.get(t, "?") for t in order),
    )
    if not expected:
        out.append(f"graph: children must be attributes* nodes edges, found {order}")
    declared: dict[str, dict[str, str]] = {"node": {}, "edge": {}}
    for attrs in graph.findall(G + "attributes"):
        cls = attrs.get("class")
        if cls not in ("node", "edge"):
            out.append(f"attributes: class={cls!r}")
            continue
        if attrs.get("mode", "static") not in ("static", "dynamic"):
            out.append(f"attributes: mode={attrs.get('mode')!r}")
        out.extend([f"attributes: unknown attribute {a}" for a in attrs.attrib if a not in ("class", "mode")])
        for a in attrs:
            if a.tag != G + "attribute":
                out.append(f"attributes: unknown child {a.tag}")
                continue
            missing = {"id", "title", "type"} - set(a.attrib)
            if missing:
                out.append(f"attribute: missing {sorted(missing)}")
            if a.get("type") not in ATTR_TYPES:
                out.append(f"attribute {a.get('id')}: type {a.get('type')!r}")
            if a.get("id") in declared[cls]:
                out.append(f"attribute {a.get('id')}: declared twice for {cls}")
            declared[cls][a.get("id", "")] = a.get("type", "")
            out.extend(
                [
                    f"attribute: unknown child {c.tag}"
                    for c in a
                    if c.tag not in (G + "default", G + "options")
                ]
            )

    def check_values(where: str, el: ET.Element, cls: str) -> None:
        for values in el.findall(G + "attvalues"):
            for v in values:
                if v.tag != G + "attvalue":
                    out.append(f"{where}: unknown child of attvalues {v.tag}")
                    continue
                if "for" not in v.attrib or "value" not in v.attrib:
                    out.append(f"{where}: attvalue needs for and value")
                    continue
                out.extend(
                    [
                        f"{where}: attvalue attribute {a}"
                        for a in v.attrib
                        if a not in {"for", "value"} | TIME_ATTRS
                    ]
                )
                kind = declared[cls].get(v.get("for"))
                if kind is None:
                    out.append(f"{where}: attvalue for undeclared {cls} attribute {v.get('for')!r}")
                elif kind in ("integer", "long", "short", "byte") and not _is_number(v.get("value"), True):
                    out.append(f"{where}: {v.get('value')!r} is not an {kind}")
                elif kind in ("double", "float") and not _is_number(v.get("value")):
                    out.append(f"{where}: {v.get('value')!r} is not a {kind}")
                check_time(f"{where} attvalue", v)

    def check_spells(where: str, el: ET.Element) -> None:
        for spells in el.findall(G + "spells"):
            if not len(spells):
                out.append(f"{where}: spells needs at least one spell")
            for s in spells:
                if s.tag != G + "spell":
                    out.append(f"{where}: unknown child of spells {s.tag}")
                out.extend([f"{where}: spell attribute {a}" for a in s.attrib if a not in TIME_ATTRS])
                check_time(f"{where} spell", s)

    def check_children(where: str, el: ET.Element, allowed: set[str]) -> None:
        tags = [c.tag for c in el]
        for t in tags:
            if t not in allowed and not t.startswith(VIZ):
                out.append(f"{where}: unknown child {t}")
            elif tags.count(t) > 1:
                out.append(f"{where}: {t} more than once")

    nodes = graph.find(G + "nodes")
    ids: set[str] = set()
    if nodes is not None:
        members = list(nodes)
        if "count" in nodes.attrib and nodes.get("count") != str(len(members)):
            out.append(f"nodes: count={nodes.get('count')} but {len(members)} nodes")
        for n in members:
            where = f"node {n.get('id')}"
            if n.tag != G + "node" or "id" not in n.attrib:
                out.append(f"nodes: bad child {n.tag} {n.attrib}")
                continue
            if n.get("id") in ids:
                out.append(f"{where}: duplicate id")
            ids.add(n.get("id"))
            out.extend([f"{where}: unknown attribute {a}" for a in n.attrib if a not in NODE_ATTRS])
            check_children(where, n, {G + "attvalues", G + "spells", G + "parents", G + "nodes", G + "edges"})
            check_time(where, n)
            check_values(where, n, "node")
            check_spells(where, n)
            for p in n.findall(VIZ + "position"):
                if not all(_is_number(p.get(k, "0")) for k in "xyz"):
                    out.append(f"{where}: viz:position not numbers")
    edges = graph.find(G + "edges")
    if edges is not None:
        members = list(edges)
        if "count" in edges.attrib and edges.get("count") != str(len(members)):
            out.append(f"edges: count={edges.get('count')} but {len(members)} edges")
        seen: set[str] = set()
        for e in members:
            where = f"edge {e.get('id')}"
            if e.tag != G + "edge":
                out.append(f"edges: bad child {e.tag}")
                continue
            for end in ("source", "target"):
                if e.get(end) not in ids:
                    out.append(f"{where}: {end} {e.get(end)!r} is not a node")
            if e.get("id") is not None:
                if e.get("id") in seen:
                    out.append(f"{where}: duplicate id")
                seen.add(e.get("id"))
            out.extend([f"{where}: unknown attribute {a}" for a in e.attrib if a not in EDGE_ATTRS])
            if e.get("type", "undirected") not in ("directed", "undirected", "mutual"):
                out.append(f"{where}: type={e.get('type')!r}")
            if "weight" in e.attrib and not _is_number(e.get("weight")):
                out.append(f"{where}: weight={e.get('weight')!r}")
            check_children(where, e, {G + "attvalues", G + "spells"})
            check_time(where, e)
            check_values(where, e, "edge")
            check_spells(where, e)
    return out


# --------------------------------------------------------------------------- GEXF


@pytest.mark.parametrize("level", ["person", "state"])
def test_gexf_meets_the_13_schema_structure(level):
    """Should write GEXF 1.3 that breaks none of the schema's element and attribute rules."""
    assert gexf_problems(gexf(load(MINI), level=level)) == []
    assert gexf_problems(gexf(load(ROOT / "data" / "actors.yaml"), level=level)) == []


def test_the_structural_check_catches_broken_gexf():
    """Should report a wrong version, a bad time format and an edge to a missing node."""
    text = gexf(load(MINI), level="state")
    assert gexf_problems(text.replace('version="1.3"', 'version="1.2"', 1)) == ["gexf: version must be 1.3"]
    assert any("xs:date" in p for p in gexf_problems(text.replace('start="1958-01-01"', 'start="1958"', 1)))
    assert any(
        "is not a node" in p for p in gexf_problems(text.replace('target="china"', 'target="peking"', 1))
    )
    assert any("undeclared" in p for p in gexf_problems(text.replace('for="citations"', 'for="cites"', 1)))


def test_gexf_round_trips_with_networkx():
    """Should read back as a dynamic graph whose signs, spells, tie ids and citations are the snapshots'."""
    ds = load(MINI)
    g = nx.read_gexf(io.BytesIO(gexf(ds, level="state").encode()), version="1.3")
    assert g.graph["mode"] == "dynamic"
    snaps = snapshots(ds, level="state")
    expected_edges = {tuple(sorted(e)) for s in snaps for e in s.graph.edges}
    assert {tuple(sorted(e)) for e in g.edges} == expected_edges
    for snap in snaps:
        w = snap.window
        for u, v, d in snap.graph.edges(data=True):
            e = g.edges[u, v]
            at = {name: {(s, t): value for value, s, t in e[name]} for name in ("sign", "ties", "citations")}
            key = (w.lower.isoformat(), w.upper.isoformat())
            assert at["sign"][key] == d["sign"]
            ids = at["ties"][key].split(" | ")
            assert ids == list(d["ties"])
            assert at["citations"][key].split(" | ") == [str(ds.tie(t).cite) for t in ids]
    # an edge's spells are the years it has ties, adjacent years merged
    assert g.edges["albania", "ussr"]["spells"] == [("1957-01-01", "1960-12-31")]
    assert g.edges["china", "ussr"]["spells"] == [("1957-01-01", "1957-12-31"), ("1960-01-01", "1960-12-31")]
    assert g.nodes["ussr"]["viz"]["position"]["x"] == -100.0


def test_every_tie_is_somewhere_in_the_gexf():
    """Should keep every tie id of the dataset (at person level no tie is dropped)."""
    ds = load(MINI)
    g = nx.read_gexf(io.BytesIO(gexf(ds).encode()), version="1.3")
    found = {t for _, _, d in g.edges(data=True) for value, _, _ in d["ties"] for t in value.split(" | ")}
    assert found == {t.id for t in ds.ties}


def test_gexf_refuses_overlapping_windows(tmp_path):
    """Should refuse periods that overlap, whose values would clash on Gephi's timeline."""
    text = MINI.read_text(encoding="utf-8").replace("end: '1958-11'", "end: '1959-11'")
    path = tmp_path / "overlap.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ValueError, match="do not overlap"):
        gexf(load(path), by="period")


def test_gexf_is_deterministic():
    """Should write the same bytes for the same data."""
    assert gexf(load(MINI)) == gexf(load(MINI))


# --------------------------------------------------------------------------- GraphML


def test_graphml_has_one_file_per_window_and_round_trips():
    """Should write one plain graph per window, each equal to its snapshot, with tie ids and citations."""
    ds = load(MINI)
    for by in ("year", "period"):
        files = graphml_files(ds, level="state", by=by)
        snaps = snapshots(ds, level="state", by=by)
        assert list(files) == [f"{s.window.id}.graphml" for s in snaps]
        for text, snap in zip(files.values(), snaps, strict=True):
            assert text.count("<graph ") == 1
            g = nx.read_graphml(io.BytesIO(text.encode()))
            assert g.graph["period"] == snap.window.id
            assert g.graph["lower"] == snap.window.lower.isoformat()
            assert set(g) == set(snap.graph)
            assert all(g.nodes[n]["name"] == n for n in g)
            assert {tuple(sorted(e)) for e in g.edges} == {tuple(sorted(e)) for e in snap.graph.edges}
            for u, v, d in snap.graph.edges(data=True):
                e = g.edges[u, v]
                assert e["sign"] == d["sign"] and e["net"] == pytest.approx(d["weight"])
                assert e["weight"] == pytest.approx(d["pos"] + d["neg"]) and e["weight"] > 0
                assert e["ties"].split(" | ") == list(d["ties"])
                assert e["citations"].split(" | ") == [str(ds.tie(t).cite) for t in d["ties"]]
    assert graphml(ds, "1958", level="state") == graphml_files(ds, level="state")["1958.graphml"]


# --------------------------------------------------------------------------- tables and JSON


def test_csv_of_ties_has_one_row_per_tie_with_every_field():
    """Should write one row per tie with every field, the citation and the source's reference."""
    ds = load(MINI)
    rows = list(csv.DictReader(io.StringIO(export_text(ds, "csv"))))
    assert [r["id"] for r in rows] == [t.id for t in ds.ties]
    assert tuple(rows[0]) == TIE_COLUMNS
    by_id = {r["id"]: r for r in rows}
    r = by_id["mao-hoxha-praise-1958-11"]
    assert (r["source"], r["target"], r["sign"], r["type"], r["date"]) == (
        "mao",
        "hoxha",
        "1",
        "praise",
        "1958-11",
    )
    assert r["citation"] == "mini, p. 4 (People's Daily, November 29, 1958)"
    assert r["cite_primary"] == "People's Daily, November 29, 1958" and r["cite_page"] == "4"
    assert r["reference"] == "A made-up source for the tests"
    standing = by_id["ussr-albania-alliance-1957"]
    assert (standing["start"], standing["end"], standing["upper"]) == ("1957", "1959-06", "1959-06-30")
    assert standing["directed"] == "false"
    assert (r["weight"], r["net"]) == ("1", "1")


def test_csv_keeps_awkward_text(tmp_path):
    """Should keep commas, quotes, newlines and non-ASCII in a field through a CSV round trip."""
    text = MINI.read_text(encoding="utf-8").replace(
        "  type: praise\n  cite: {source: mini, page: 4",
        "  type: praise\n"
        '  evidence: "Mao\'s toast, \\"to Albania\\",\\nin Peking: Shqipëri"\n'
        "  cite: {source: mini, page: 4",
    )
    path = tmp_path / "awkward.yaml"
    path.write_text(text, encoding="utf-8")
    rows = {r["id"]: r for r in csv.DictReader(io.StringIO(export_text(load(path), "csv")))}
    assert rows["mao-hoxha-praise-1958-11"]["evidence"] == 'Mao\'s toast, "to Albania",\nin Peking: Shqipëri'


def test_csv_of_actors_has_every_actor():
    """Should write one row per actor with its memberships and their dates."""
    ds = load(MINI)
    rows = list(csv.DictReader(io.StringIO(export_text(ds, "csv", table="actors"))))
    assert tuple(rows[0]) == ACTOR_COLUMNS
    assert [r["id"] for r in rows] == sorted(ds.actors)
    assert {r["id"]: r["member_of"] for r in rows}["hoxha"] == "albania|pla"
    assert len(actor_rows(ds)) == len(ds.actors) and len(tie_rows(ds)) == len(ds.ties)


def test_node_link_json_keeps_tie_ids_dates_and_citations():
    """Should read back with networkx as a multigraph keyed by tie id, each link with date and citation."""
    ds = load(MINI)
    data = json.loads(export_text(ds, "json"))
    assert data == node_link(ds)
    g = nx.node_link_graph(data, edges="links")
    assert g.is_multigraph() and not g.is_directed() and g.number_of_edges() == len(ds.ties)
    assert {k for _, _, k in g.edges(keys=True)} == {t.id for t in ds.ties}
    link = g["khrushchev"]["hoxha"]["khrushchev-hoxha-disapprove-1958"]
    assert (link["date"], link["lower"], link["upper"]) == ("1958/1959", "1958-01-01", "1959-12-31")
    assert link["citation"] == "mini, p. 3" and link["cite"]["page"] == 3
    assert data["graph"]["periods"][1]["lower"] == "1958-12-01"
    assert g.nodes["khrushchev"]["member_of"] == [{"of": "ussr", "start": "1953-09", "end": None}]


# --------------------------------------------------------------------------- command


@pytest.mark.parametrize(
    ("fmt", "extra"), [("gexf", []), ("graphml", ["--window", "1958"]), ("csv", []), ("json", [])]
)
def test_export_command_writes_stdout_or_a_file(fmt, extra, tmp_path, capsys):
    """Should print to standard output without --out and write the same text to --out."""
    assert main(["export", "--format", fmt, "--data", str(MINI), *extra]) == 0
    printed = capsys.readouterr().out
    out = tmp_path / f"mini.{fmt}"
    assert main(["export", "--format", fmt, "--data", str(MINI), "--out", str(out), *extra]) == 0
    assert out.read_text(encoding="utf-8") == printed
    assert "mao-hoxha-praise-1958-11" in printed


def test_export_command_writes_a_graphml_folder(tmp_path, capsys):
    """Should write one GraphML file per window into a folder, replace an earlier export, guard others."""
    ds = load(MINI)
    out = tmp_path / "years"
    assert main(["export", "--format", "graphml", "--data", str(MINI), "--out", str(out)]) == 0
    assert {p.name: p.read_text(encoding="utf-8") for p in out.iterdir()} == graphml_files(ds)
    (out / "1900.graphml").write_text("stale", encoding="utf-8")
    assert (
        main(["export", "--format", "graphml", "--by", "period", "--data", str(MINI), "--out", str(out)]) == 0
    )
    assert sorted(p.name for p in out.iterdir()) == sorted(graphml_files(ds, by="period"))
    (out / "notes.txt").write_text("mine", encoding="utf-8")
    capsys.readouterr()
    assert main(["export", "--format", "graphml", "--data", str(MINI), "--out", str(out)]) == 2
    assert "not .graphml files (notes.txt)" in capsys.readouterr().err
    assert (out / "notes.txt").read_text(encoding="utf-8") == "mine"
    assert main(["export", "--format", "graphml", "--data", str(MINI)]) == 2
    assert "one file per window" in capsys.readouterr().err
    assert main(["export", "--format", "graphml", "--window", "1949", "--data", str(MINI)]) == 2
    assert "no window '1949'; the windows are 1957, 1958, 1959, 1960" in capsys.readouterr().err


def test_export_command_usage_errors(capsys, tmp_path):
    """Should exit 2 with one line for windows GEXF cannot hold, and 1 for invalid data."""
    text = MINI.read_text(encoding="utf-8").replace("end: '1958-11'", "end: '1959-11'")
    path = tmp_path / "overlap.yaml"
    path.write_text(text, encoding="utf-8")
    assert main(["export", "--format", "gexf", "--by", "period", "--data", str(path)]) == 2
    assert "do not overlap" in capsys.readouterr().err
    assert main(["export", "--format", "csv", "--data", str(tmp_path / "missing.yaml")]) == 1


def test_exports_carry_each_nodes_camp_per_window():
    """Should give every active node its camp (measures.camps) in each window, in GEXF and in GraphML."""
    from network.measures.camps import camps

    ds = load(ROOT / "data" / "actors.yaml")
    snaps = snapshots(ds, level="state")
    want = {
        (s.window.id, n): c.label
        for s in snaps
        for n, c in camps(s.graph, [p for p in ("ussr", "china") if p in s.graph]).items()
    }
    g = nx.read_gexf(io.BytesIO(gexf(ds, level="state").encode()), version="1.3")
    got = {(start[:4], n): value for n, d in g.nodes(data=True) for value, start, _ in d.get("camp", [])}
    assert got == {k: v for k, v in want.items() if v != "inactive"}
    assert got["1961", "usa"] == "enemy-side:ussr"  # hostile to Albania: not the USSR's camp
    files = graphml_files(ds, level="state").values()
    graphs = [nx.read_graphml(io.BytesIO(text.encode())) for text in files]
    assert {(x.graph["period"], n): d["camp"] for x in graphs for n, d in x.nodes(data=True)} == want


def test_exports_without_poles_carry_no_camp():
    """Should leave the camp out of the exports of a dataset without poles (no framing: no camps)."""
    ds = load(ROOT / "tests" / "data" / "matrix" / "no_framing.yaml")
    g = nx.read_gexf(io.BytesIO(gexf(ds).encode()), version="1.3")
    assert g.number_of_nodes() and not any("camp" in d for _, d in g.nodes(data=True))
    for text in graphml_files(ds).values():
        assert not any("camp" in d for _, d in nx.read_graphml(io.BytesIO(text.encode())).nodes(data=True))
