"""Importing event files (network/events/importer.py): what each row becomes, what is counted, and that
the output folder is written whole or not at all."""

import csv
import gzip
import json
import zipfile
from pathlib import Path

import pytest

from network import check
from network.events import importer
from network.events.actormap import read_mapping
from network.events.importer import OUTPUT_FILES, Settings, import_events, refusal
from network.events.layouts import GDELT1_COLUMNS

ROOT = Path(__file__).resolve().parents[2]
EVENTS = ROOT / "tests" / "data" / "events"
GDELT = [str(EVENTS / n) for n in ("gdelt1.tsv", "gdelt1-back.tsv", "gdelt2.tsv")]
ICEWS = [str(EVENTS / "icews.tab")]


def _ties(folder: Path) -> dict[str, dict[str, str]]:
    with open(folder / "ties.csv", encoding="utf-8", newline="") as fh:
        return {row["id"]: row for row in csv.DictReader(fh)}


def _leftovers(parent: Path) -> list[str]:
    return [p.name for p in parent.iterdir() if p.name.startswith(".")]


def test_gdelt_rows_become_ties_or_are_counted(tmp_path):
    """Should keep the events that map to two actors and count each other row under one reason."""
    summary, problems = import_events("gdelt", GDELT, tmp_path / "out", Settings())
    assert problems == []
    assert summary.rows == 20 == summary.accounted
    assert dict(summary.layouts) == {"GDELT 1.0": 14, "GDELT 1.0 (back file)": 3, "GDELT 2.0": 3}
    counts = (summary.kept, summary.untyped, summary.no_sign, summary.self_ties, summary.repeated)
    assert counts == (13, 1, 1, 1, 1)
    assert dict(summary.not_coded) == {"01": 1, "19": 1}
    assert dict(summary.unmapped) == {"no country code": 1, "country code 'AFR'": 1}
    assert summary.actors == 6 and summary.written


def test_a_tie_carries_the_events_type_sign_weight_day_and_source(tmp_path):
    """Should give each tie the table's type, the rule's sign and weight, the day and the citation."""
    import_events("gdelt", GDELT, tmp_path / "out", Settings())
    ties = _ties(tmp_path / "out")
    visit = ties["gdelt-300001"]
    fields = ("source", "target", "date", "sign", "weight", "type")
    assert tuple(visit[f] for f in fields) == (
        "albania", "china", "2013-04-01", "1", "0.57", "visit",
    )  # fmt: skip
    assert visit["cite_source"] == "gdelt"
    assert visit["cite_primary"] == "GDELT 300001: https://news.example.org/1"
    hosted = ties["gdelt-300002"]  # CHN hosts ALB: a visit from Albania to China
    assert (hosted["source"], hosted["target"], hosted["type"]) == ("albania", "china", "visit")
    assert ties["gdelt-300003"]["directed"] == "false"  # an agreement
    assert (ties["gdelt-300011"]["sign"], ties["gdelt-300011"]["type"]) == ("-1", "")  # praise at -1.0
    assert ties["gdelt-1001"]["cite_primary"] == "GDELT 1001"  # a back file has no SOURCEURL
    meta = json.loads((tmp_path / "out" / "dataset.json").read_text())
    assert "GDELT 1.0 and 2.0" in meta["sources"][0]["citation"]


def test_the_output_is_a_valid_dataset_in_the_csv_form(tmp_path):
    """Should write a dataset the loader takes, with every kept event as a tie."""
    for source, files in (("gdelt", GDELT), ("icews", ICEWS)):
        out = tmp_path / source
        summary, _ = import_events(source, files, out, Settings())
        dataset, problems = check(out)
        assert problems == [], problems[:3]
        assert len(dataset.ties) == summary.kept and len(dataset.actors) == summary.actors
        assert sorted(p.name for p in out.iterdir()) == sorted(OUTPUT_FILES)
        assert (out / "import-summary.txt").read_text() == summary.text()


def test_icews_rows_become_ties_or_are_counted(tmp_path):
    """Should read ICEWS by its header: an Event ID seen on another day is another event, on the same day
    a repeat; a sector of a state is the state."""
    summary, problems = import_events("icews", ICEWS, tmp_path / "out", Settings())
    assert problems == []
    assert summary.rows == 10 == summary.accounted
    assert (summary.kept, summary.no_sign, summary.self_ties, summary.repeated) == (5, 1, 1, 1)
    assert dict(summary.not_coded) == {"01": 1} and dict(summary.unmapped) == {"country 'Atlantis'": 1}
    ties = _ties(tmp_path / "out")
    assert {"icews-20001-1995-01-02", "icews-20001-1996-03-01"} <= set(ties)
    police = ties["icews-20002-1995-01-03"]
    assert (police["source"], police["target"], police["sign"], police["type"]) == (
        "albania", "russia", "-1", "disapprove",
    )  # fmt: skip
    assert police["cite_primary"] == "ICEWS event 20002; Example Wire, story 901, sentence 1"


def test_a_mapping_file_overrides_the_table_of_countries(tmp_path):
    """Should map what the mapping file names, before the table of countries."""
    (tmp_path / "map.yaml").write_text(
        "RUS: ussr\nXi Jinping: {actor: xi_jinping, kind: person}\nAtlantis: china\n"
    )
    mapping, problems = read_mapping(tmp_path / "map.yaml")
    assert problems == []
    summary, _ = import_events("icews", ICEWS, tmp_path / "out", Settings(mapping=mapping))
    ties = _ties(tmp_path / "out")
    assert ties["icews-20002-1995-01-03"]["target"] == "ussr"
    assert ties["icews-20008-1996-05-05"]["source"] == "xi_jinping"
    assert summary.unmapped == {} and summary.self_ties == 2  # Atlantis, now china, praises China
    actors = (tmp_path / "out" / "actors.csv").read_text()
    assert "ussr,Russia,state" in actors and "xi_jinping,Xi Jinping,person" in actors


MALFORMED = [
    "gdelt-malformed.tsv:2:40: row has 40 columns; this file's first row has 58",
    "gdelt-malformed.tsv:3:2: SQLDATE '20130231' is not a day of the calendar",
    "gdelt-malformed.tsv:4:27: CAMEO code '04a' is not 2 to 4 digits",
    "gdelt-malformed.tsv:5:31: GoldsteinScale 'high' is not a number",
    "gdelt-malformed.tsv:6:31: GoldsteinScale '12' is outside -10..10",
    "gdelt-malformed.tsv:7:1: GLOBALEVENTID 'x700007' is not a whole number",
    "gdelt-malformed.tsv:7:2: SQLDATE '2013-04-01' is not a date",
    "gdelt-malformed.tsv:7:27: CAMEO code '42' has no root 01-20",
]


def test_malformed_rows_are_all_reported_and_nothing_is_written(tmp_path):
    """Should report every malformed row at FILE:LINE:COLUMN and write nothing, not even a staging folder."""
    summary, problems = import_events(
        "gdelt", [str(EVENTS / "gdelt-malformed.tsv")], tmp_path / "out", Settings()
    )
    shown = [str(p).replace(str(EVENTS) + "/", "") for p in problems]
    assert [s.split(" (hint")[0] for s in shown] == MALFORMED
    assert summary.malformed == 6 and summary.kept == 1 and not summary.written
    assert not (tmp_path / "out").exists() and _leftovers(tmp_path) == []


def test_skip_bad_leaves_malformed_rows_out_and_writes_the_rest(tmp_path):
    """Should, with skip_bad, still report the malformed rows, count them, and write the good ones."""
    files = [str(EVENTS / "gdelt-malformed.tsv"), GDELT[0]]
    summary, problems = import_events("gdelt", files, tmp_path / "out", Settings(skip_bad=True))
    assert len(problems) == len(MALFORMED) and summary.malformed == 6
    assert summary.written and summary.rows == summary.accounted
    assert "gdelt-700001" in _ties(tmp_path / "out") and check(tmp_path / "out")[1] == []


def test_problems_are_capped_but_all_counted(tmp_path):
    """Should list at most max_problems problems and count every malformed row."""
    summary, problems = import_events(
        "gdelt", [str(EVENTS / "gdelt-malformed.tsv")], tmp_path / "out", Settings(max_problems=2)
    )
    assert len(problems) == 2 and summary.malformed == 6


def test_icews_malformed_rows_are_reported(tmp_path):
    """Should report ICEWS's bad date, code, score and width at their columns."""
    _, problems = import_events("icews", [str(EVENTS / "icews-malformed.tab")], tmp_path / "out", Settings())
    assert [(p.line, p.column) for p in problems] == [(3, 2), (4, 7), (4, 8), (5, 3)]


def test_an_icews_file_without_its_header_is_refused_even_with_skip_bad(tmp_path):
    """Should refuse a file whose header lacks ICEWS's columns, naming them, and write nothing."""
    bad = tmp_path / "no-header.tab"
    bad.write_text("Event ID\tEvent Date\n1\t1995-01-01\n")
    summary, problems = import_events("icews", [str(bad)], tmp_path / "out", Settings(skip_bad=True))
    assert len(problems) == 1 and "no column 'Source Name'" in problems[0].message and problems[0].line == 1
    assert not summary.written and not (tmp_path / "out").exists()


def test_a_byte_order_mark_and_a_header_row_are_read_as_such(tmp_path):
    """Should read a file that starts with a byte-order mark, and a GDELT file with a header row."""
    gdelt = tmp_path / "with-header.tsv"
    gdelt.write_text(
        "\ufeff" + "\t".join(GDELT1_COLUMNS) + "\n" + Path(GDELT[0]).read_text(), encoding="utf-8"
    )
    icews = tmp_path / "bom.tab"
    icews.write_text("\ufeff" + Path(ICEWS[0]).read_text(), encoding="utf-8")
    assert import_events("gdelt", [str(gdelt)], tmp_path / "g", Settings())[0].kept == 7
    assert import_events("icews", [str(icews)], tmp_path / "i", Settings())[0].kept == 5


def test_an_icews_header_in_another_encoding_stops_the_import(tmp_path):
    """Should refuse a file whose header cannot be read, rather than take its next row as the header."""
    bad = tmp_path / "latin.tab"
    bad.write_bytes(Path(ICEWS[0]).read_bytes().replace(b"Event ID", b"\xc9vent ID", 1))
    summary, problems = import_events("icews", [str(bad)], tmp_path / "out", Settings(skip_bad=True))
    assert [(p.line, p.column) for p in problems] == [(1, 0)] and "is not utf-8" in problems[0].message
    assert not summary.written


def test_bytes_in_another_encoding(tmp_path):
    """Should report a byte that is not UTF-8 at its column, and read the row given the right encoding."""
    latin = [str(EVENTS / "gdelt-latin1.tsv")]
    _, problems = import_events("gdelt", latin, tmp_path / "a", Settings())
    assert [(p.line, p.column) for p in problems] == [(1, 7)] and "--encoding" in problems[0].hint
    summary, problems = import_events("gdelt", latin, tmp_path / "b", Settings(encoding="latin-1"))
    assert problems == [] and summary.kept == 1
    assert "SHQIPëRIA" in _ties(tmp_path / "b")["gdelt-700010"]["evidence"]


def test_gzip_and_zip_files_are_read_inside(tmp_path):
    """Should read a .gz file, and a .zip holding one file, as GDELT distributes them."""
    data = Path(GDELT[0]).read_bytes()
    with gzip.open(tmp_path / "a.export.CSV.gz", "wb") as fh:
        fh.write(data)
    with zipfile.ZipFile(tmp_path / "b.export.CSV.zip", "w") as archive:
        archive.writestr("b.export.CSV", data)
    for name in ("a.export.CSV.gz", "b.export.CSV.zip"):
        summary, problems = import_events("gdelt", [str(tmp_path / name)], tmp_path / name[0], Settings())
        assert problems == [] and summary.kept == 7


def test_a_missing_file_is_named_and_nothing_is_read(tmp_path):
    """Should name a file that does not exist, and write nothing."""
    summary, problems = import_events("gdelt", [str(tmp_path / "nope.tsv")], tmp_path / "out", Settings())
    assert [p.message for p in problems] == ["no such file"] and summary.rows == 0
    assert not (tmp_path / "out").exists()


def test_an_earlier_import_is_replaced_and_other_folders_are_refused(tmp_path):
    """Should replace an earlier import whole, and refuse a folder holding other files."""
    out = tmp_path / "out"
    import_events("gdelt", GDELT, out, Settings())
    assert refusal(out) is None
    import_events("gdelt", GDELT[:1], out, Settings())
    assert len(_ties(out)) == 7 and _leftovers(tmp_path) == []
    (out / "notes.txt").write_text("mine")
    assert "notes.txt" in refusal(out)
    (tmp_path / "file").write_text("x")
    assert "is a file" in refusal(tmp_path / "file")


def test_an_interrupted_import_leaves_no_half_written_output(tmp_path, monkeypatch):
    """Should leave neither the output nor a staging folder when stopped in the middle."""
    out = tmp_path / "out"
    import_events("gdelt", GDELT, out, Settings())
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    calls = []
    real = importer._Importer.event

    def stop_on_third(self, event):
        calls.append(event)
        if len(calls) == 3:
            raise KeyboardInterrupt
        real(self, event)

    monkeypatch.setattr(importer._Importer, "event", stop_on_third)
    with pytest.raises(KeyboardInterrupt):
        import_events("gdelt", GDELT[:1], out, Settings())
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before  # the earlier import, untouched
    assert _leftovers(tmp_path) == []


def test_progress_is_shown_only_when_asked(tmp_path, monkeypatch, capsys):
    """Should print progress on stderr only with progress on (the command asks when stderr is a terminal)."""
    monkeypatch.setattr(importer, "_PROGRESS_EVERY", 2)
    import_events("gdelt", GDELT[:1], tmp_path / "a", Settings())
    assert capsys.readouterr().err == ""
    import_events("gdelt", GDELT[:1], tmp_path / "b", Settings(progress=True))
    err = capsys.readouterr().err
    assert "gdelt1.tsv: 2 rows" in err and "14 rows in all" in err


def test_rows_are_read_one_at_a_time(tmp_path, monkeypatch):
    """Should turn each row into its tie before reading the next (a file is never held whole)."""
    path = tmp_path / "many.tsv"
    row = "\t".join(["1", "20130401"] + [""] * 3 + ["ALB", "", "ALB"] + [""] * 7 + ["CHN", "", "CHN"])
    rest = [""] * 7 + ["1", "042", "042", "04", "1", "1.9"] + [""] * 27
    with open(path, "w") as fh:
        for n in range(1, 201):
            fh.write(row.replace("1", str(n), 1) + "\t" + "\t".join(rest) + "\n")
    assert len(rest) + len(row.split("\t")) == len(GDELT1_COLUMNS)
    read = []
    real_lines, real_event = importer._lines, importer._Importer.event

    def lines(p):
        for line in real_lines(p):
            read.append(line)
            yield line

    def event(self, e):
        assert len(read) == int(e.id.split("-")[1])  # this event's row is the last one read
        real_event(self, e)

    monkeypatch.setattr(importer, "_lines", lines)
    monkeypatch.setattr(importer._Importer, "event", event)
    summary, problems = import_events("gdelt", [str(path)], tmp_path / "out", Settings())
    assert problems == [] and summary.kept == 200


def test_every_row_of_the_cameo_table_is_what_the_import_does(tmp_path):
    """Should code an event of each row's code as the row says: its type (source and target swapped
    where the row says so), or not coded, counted under the row."""
    from network.dataset.vocabulary import TIE_TYPES
    from network.events.cameo import ROWS

    lines = []
    for n, row in enumerate(ROWS, start=1):
        cells = [""] * 58
        cells[0], cells[1], cells[26] = str(n), "20000101", row.code
        cells[7], cells[17] = "FRA", "DEU"
        cells[30] = "-5.0" if row.type and TIE_TYPES[row.type].sign < 0 else "5.0"
        lines.append("\t".join(cells))
    path = tmp_path / "every-row.tsv"
    path.write_text("\n".join(lines) + "\n")
    summary, problems = import_events("gdelt", [str(path)], tmp_path / "out", Settings())
    assert problems == [] and summary.untyped == 0
    ties = _ties(tmp_path / "out")
    for n, row in enumerate(ROWS, start=1):
        if row.type is None:
            assert f"gdelt-{n}" not in ties and summary.not_coded[row.code] >= 1
        else:
            tie = ties[f"gdelt-{n}"]
            assert tie["type"] == row.type
            pair = ("germany", "france") if row.reverse else ("france", "germany")
            assert (tie["source"], tie["target"]) == pair
    assert sum(summary.not_coded.values()) == sum(row.type is None for row in ROWS)


def test_the_same_files_give_the_same_bytes(tmp_path):
    """Should write the same dataset byte for byte from the same files (no times, no machine names)."""
    for name in ("a", "b"):
        import_events("gdelt", GDELT, tmp_path / name, Settings())
    for file in OUTPUT_FILES:
        assert (tmp_path / "a" / file).read_bytes() == (tmp_path / "b" / file).read_bytes(), file
