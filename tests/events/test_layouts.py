"""The published GDELT and ICEWS layouts (network/events/layouts.py), pinned column by column, and the
sample files of tests/data/events, which are made in them."""

import importlib.util
from pathlib import Path

from network.events.layouts import GDELT1_COLUMNS, GDELT2_COLUMNS, GDELT_WIDTHS, ICEWS_COLUMNS, gdelt_event

ROOT = Path(__file__).resolve().parents[2]
EVENTS = ROOT / "tests" / "data" / "events"

#: Columns by their number in the codebooks (1 = the first), as GDELT's codebooks list them.
GDELT1_AT = {1: "GLOBALEVENTID", 2: "SQLDATE", 6: "Actor1Code", 7: "Actor1Name", 8: "Actor1CountryCode",
             16: "Actor2Code", 17: "Actor2Name", 18: "Actor2CountryCode", 26: "IsRootEvent", 27: "EventCode",
             29: "EventRootCode", 30: "QuadClass", 31: "GoldsteinScale", 35: "AvgTone",
             36: "Actor1Geo_Type", 42: "Actor1Geo_FeatureID", 43: "Actor2Geo_Type", 50: "ActionGeo_Type",
             56: "ActionGeo_FeatureID",
             57: "DATEADDED", 58: "SOURCEURL"}  # fmt: skip
GDELT2_AT = {**{k: v for k, v in GDELT1_AT.items() if k <= 39}, 40: "Actor1Geo_ADM2Code",
             44: "Actor2Geo_Type", 48: "Actor2Geo_ADM2Code", 52: "ActionGeo_Type", 56: "ActionGeo_ADM2Code",
             59: "ActionGeo_FeatureID",
             60: "DATEADDED", 61: "SOURCEURL"}  # fmt: skip


def test_gdelt_columns_are_where_the_codebooks_put_them():
    """Should place each column at its number in GDELT's 1.0 and 2.0 codebooks."""
    assert len(GDELT1_COLUMNS) == 58 and len(GDELT2_COLUMNS) == 61
    assert all(GDELT1_COLUMNS[n - 1] == name for n, name in GDELT1_AT.items())
    assert all(GDELT2_COLUMNS[n - 1] == name for n, name in GDELT2_AT.items())
    assert set(GDELT_WIDTHS) == {57, 58, 61}
    assert GDELT_WIDTHS[57][1] == GDELT1_COLUMNS[:57]  # the back files: no SOURCEURL


def test_icews_columns_are_the_published_header():
    """Should name ICEWS's 20 columns in the published order."""
    assert ICEWS_COLUMNS[:8] == (
        "Event ID", "Event Date", "Source Name", "Source Sectors", "Source Country", "Event Text",
        "CAMEO Code", "Intensity",
    )  # fmt: skip
    assert ICEWS_COLUMNS[-8:] == (
        "Sentence Number", "Publisher", "City", "District", "Province", "Country", "Latitude", "Longitude"
    )  # fmt: skip
    assert len(ICEWS_COLUMNS) == 20


def test_sample_files_are_current():
    """Should hold exactly what tests/data/events/generate.py makes (run it after a change)."""
    spec = importlib.util.spec_from_file_location("generate", EVENTS / "generate.py")
    generate = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(generate)
    for name, data in generate.texts().items():
        assert (EVENTS / name).read_bytes() == data, name


def test_sample_files_have_the_published_widths():
    """Should make every well-formed sample row as wide as its layout."""
    widths = {"gdelt1.tsv": {58}, "gdelt1-back.tsv": {57}, "gdelt2.tsv": {61}, "icews.tab": {20}}
    for name, expected in widths.items():
        lines = (EVENTS / name).read_text(encoding="utf-8").splitlines()
        assert {len(line.split("\t")) for line in lines} == expected, name


def test_a_row_reports_every_problem_at_its_column():
    """Should report each bad cell of a row at its column, all at once."""
    row = [""] * 58
    row[0], row[1], row[26], row[30] = "x1", "20130231", "4", "11"
    event, problems = gdelt_event(row)
    assert event is None
    assert [p.column for p in problems] == [1, 2, 27, 31]
