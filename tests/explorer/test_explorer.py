"""The explorer page without a browser: its data, its safety, its size, its determinism, its command."""

from __future__ import annotations

import base64
import hashlib
import json
import re
from pathlib import Path

import pytest

from network import load
from network.cli import main
from network.explorer import payload, render_page, write_explorer
from network.explorer.page import embed_json
from network.timeline.snapshots import snapshots

ROOT = Path(__file__).resolve().parents[2]
MINI = ROOT / "tests" / "data" / "mini.yaml"
EVIDENCE = "</script><script>alert(1)</script> \u2028 \u2029 <!-- <script> & more"

EVIL = f"""\
format: 1
title: "Evil </script><script>alert(1)</script>"
sources:
- {{id: s, citation: "A source </script> with & in it"}}
periods:
- {{id: p1, label: "First </script><b>", start: '1958', end: '1959'}}
actors:
- {{id: a, name: "A </script><script>alert(4)</script>", kind: state}}
- {{id: b, name: B, kind: state}}
ties:
- id: a-b-1958
  source: a
  target: b
  date: '1958'
  sign: 1
  type: praise
  cite: {{source: s, page: 3, primary: "x </script><script>alert(2)</script>"}}
  evidence: {json.dumps(EVIDENCE)}
  confidence: stated
"""


def _data_of(page: str) -> dict:
    """The payload embedded in a page, as the browser's JSON.parse would read it."""
    match = re.search(r'<script type="application/json" id="data">(.*?)</script>', page, re.S)
    assert match is not None
    return json.loads(match.group(1))


@pytest.fixture
def evil(tmp_path: Path) -> Path:
    path = tmp_path / "evil.yaml"
    path.write_text(EVIL, encoding="utf-8")
    return path


@pytest.mark.parametrize("level", ["person", "state"])
def test_frames_are_the_snapshots(level):
    """Should put in each year's frame exactly that year's snapshot edges and the ties behind them."""
    ds = load(MINI)
    p = payload(ds, level=level)
    snaps = snapshots(ds, level=level)
    assert p["years"] == [int(s.window.id) for s in snaps]
    for snap in snaps:
        frame = p["frames"][snap.window.id]
        drawn = {(e["source"], e["target"]): e for e in frame["edges"]}
        assert set(drawn) == {(min(u, v), max(u, v)) for u, v in snap.graph.edges}
        for u, v, d in snap.graph.edges(data=True):
            e = drawn[min(u, v), max(u, v)]
            assert e["sign"] == d["sign"] and sorted(e["ties"]) == sorted(d["ties"])
        active = {n for n, d in snap.graph.nodes(data=True) if d["active"]}
        assert set(frame["nodes"]) == set(frame["centrality"]) == active


def _gap_to_disc(start, end, bend, centre, reach):
    """Distance between a drawn line (straight, or a quadratic curve through ``bend``) and a disc of radius
    ``reach`` about ``centre``: negative if the line enters the disc."""
    import numpy as np

    from network.output.layout import route_points

    pts = np.array(route_points(start, end, None if bend is None else tuple(bend), pieces=64))
    p, q, c = pts[:-1], pts[1:], np.array(centre)
    seg = q - p
    t = np.clip(((c - p) * seg).sum(axis=1) / np.maximum((seg**2).sum(axis=1), 1e-12), 0, 1)
    return float(np.sqrt(((p + t[:, None] * seg - c) ** 2).sum(axis=1)).min()) - reach


@pytest.mark.parametrize("level", ["person", "state"])
def test_no_line_passes_through_a_node_it_does_not_connect(level):
    """Should draw every year's every edge clear of the marker of every actor it does not end at, as drawn
    that year (an actor without ties is a small faded disc): the curated data needs curves to do so."""
    data = payload(load(ROOT / "data" / "actors.yaml"), level=level)
    where = {a["id"]: (a["x"], a["y"]) for a in data["actors"]}
    bent, worst = 0, []
    for year, frame in data["frames"].items():
        for e in frame["edges"]:
            bent += e["bend"] is not None
            for a, centre in where.items():
                if a in (e["source"], e["target"]):
                    continue
                area = frame["nodes"][a]["area"] if a in frame["nodes"] else data["look"]["inactive"]["size"]
                reach = area**0.5 / 2 + e["width"] / 2
                gap = _gap_to_disc(where[e["source"]], where[e["target"]], e["bend"], centre, reach)
                worst.append((gap, year, e["source"], e["target"], a))
    assert min(worst)[0] > 0, min(worst)
    assert bent > 0


def test_every_tie_shown_has_its_citation():
    """Should give every tie id in a frame a record with type, date, evidence and citation."""
    ds = load(ROOT / "data" / "actors.yaml")
    p = payload(ds)
    for frame in p["frames"].values():
        for e in frame["edges"]:
            for t in e["ties"]:
                tie = ds.tie(t)
                record = p["ties"][t]
                assert record["citation"] == str(tie.cite) and record["when"] == tie.when
                assert record["type"] == tie.type and record["evidence"] == (tie.evidence or "")


def test_periods_and_positions():
    """Should mark each named period on the slider's axis and place every actor inside the drawing."""
    p = payload(load(MINI), level="state")
    assert [(q["id"], q["first"], q["last"]) for q in p["periods"]] == [
        ("rapprochement", 1957, 1958),
        ("crisis", 1958, 1960),
    ]
    assert p["periods"][0]["start"] == -0.5 and p["periods"][1]["end"] == pytest.approx(3.5, abs=0.01)
    view = p["look"]["view"]
    assert all(0 <= a["x"] <= view["width"] and 0 <= a["y"] <= view["height"] for a in p["actors"])
    x = {a["id"]: a["x"] for a in p["actors"]}
    assert x["ussr"] < x["albania"] < x["china"]  # the figures' layout: poles pinned left and right


def test_a_script_in_any_field_cannot_break_out(evil):
    """Should escape </script>, U+2028 and U+2029 in every field, and give them back intact."""
    page = render_page(payload(load(evil)))
    assert page.count("</script>") == 2  # the data element's and the script's own closing tags
    assert page.count("<script") == 2
    assert "\u2028" not in page.split('id="data">')[1] and "alert(4)</script>" not in page
    data = _data_of(page)
    assert data["ties"]["a-b-1958"]["evidence"] == EVIDENCE
    assert data["ties"]["a-b-1958"]["citation"] == "s, p. 3 (x </script><script>alert(2)</script>)"
    assert data["actors"][0]["name"] == "A </script><script>alert(4)</script>"
    assert "<title>Evil &lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;</title>" in page


def test_embed_json_escapes_what_html_parsers_see():
    """Should write <, >, &, U+2028 and U+2029 as JSON escapes and nothing else differently."""
    text = embed_json({"k": "<>&\u2028\u2029 é"})
    assert text == '{"k":"\\u003c\\u003e\\u0026\\u2028\\u2029 é"}'
    assert json.loads(text) == {"k": "<>&\u2028\u2029 é"}


def test_page_is_self_contained():
    """Should load nothing: no src, no external href, no url(), a CSP that allows no connection."""
    page = render_page(payload(load(MINI)))
    assert not re.search(r"\ssrc\s*=", page)
    assert re.findall(r'href="([^"]*)"', page) == ["data:,"]
    assert "url(" not in page and "@import" not in page
    code = page.split('<script type="application/json"')[0] + page.split("</script>", 1)[1]
    for api in ("fetch(", "XMLHttpRequest", "WebSocket", "import(", "EventSource", "sendBeacon", "innerHTML"):
        assert api not in code, api
    csp = re.search(r'http-equiv="Content-Security-Policy" content="([^"]*)"', page).group(1)
    assert "default-src 'none'" in csp and "connect-src 'none'" in csp
    script = re.search(r"<script>(.*?)</script>", page, re.S).group(1)
    style = re.search(r"<style>(.*?)</style>", page, re.S).group(1)
    for text in (script, style):
        digest = base64.b64encode(hashlib.sha256(text.encode()).digest()).decode()
        assert f"'sha256-{digest}'" in csp


def test_same_data_same_bytes(tmp_path):
    """Should write the same bytes for the same data."""
    ds = load(ROOT / "data" / "actors.yaml")
    a = write_explorer(ds, tmp_path / "a.html").read_bytes()
    b = write_explorer(load(ROOT / "data" / "actors.yaml"), tmp_path / "b.html").read_bytes()
    assert a == b


def test_page_is_small():
    """Should cost tens of kilobytes plus the data (report the sizes)."""
    ds = load(ROOT / "data" / "actors.yaml")
    page = render_page(payload(ds)).encode("utf-8")
    data = embed_json(payload(ds)).encode("utf-8")
    code = len(page) - len(data)
    print(
        f"explorer: {len(page) / 1024:.0f} KiB in all, {code / 1024:.0f} KiB page and script, "
        f"{len(data) / 1024:.0f} KiB data ({len(ds.ties)} ties)"
    )
    assert code < 40 * 1024


def test_unknown_level_is_an_error():
    """Should refuse a level that does not exist, naming the choices."""
    with pytest.raises(ValueError, match="choose from person, state"):
        payload(load(MINI), level="party")


def test_explore_command(tmp_path, capsys):
    """Should write the page where --out says and report its size."""
    out = tmp_path / "sub" / "explorer.html"
    assert main(["explore", "--data", str(MINI), "--out", str(out), "--level", "state"]) == 0
    assert f"wrote {out}" in capsys.readouterr().out
    assert _data_of(out.read_text(encoding="utf-8"))["level"] == "state"
    assert main(["explore", "--data", str(tmp_path / "missing.yaml"), "--out", str(out)]) == 1


def test_node_colours_are_the_camps_and_the_legend_says_what_a_camp_is():
    """Should colour each active actor by its camp's style key and explain camps beside the legend."""
    from network.measures.camps import CAMP_EXPLAINED, camp_key, camps

    ds = load(ROOT / "data" / "actors.yaml")
    p = payload(ds, level="state")
    shown = [s for s in snapshots(ds, level="state") if s.window.id in p["frames"]]
    assert len(shown) == len(p["frames"])
    for snap in shown:
        found = camps(snap.graph, ["ussr", "china"])
        frame = p["frames"][snap.window.id]["nodes"]
        assert {n: v["bloc"] for n, v in frame.items()} == {
            n: camp_key(found[n], ["ussr", "china"]) for n in frame
        }
    assert p["frames"]["1961"]["nodes"]["usa"]["bloc"] == "enemy0"
    assert p["look"]["bloc"]["enemy0"]["label"] == "on Soviet Union's side only through shared enemies"
    assert p["look"]["camps"] == CAMP_EXPLAINED
    assert "L.camps" in render_page(p)  # the page shows it under the legend
