"""Write the sample event files of this folder in the published GDELT and ICEWS layouts.

The registries hold no GDELT or ICEWS data, so the tests read these small
files, made here row by row from named fields (every other column is left
empty, as GDELT leaves an unknown field). Run ``python tests/data/events/generate.py``
after a change; ``tests/test_events_import.py`` checks the files are current.
The events are invented: they test the reading, not the history.
"""

# ruff: noqa: E501  (the sample rows read best one event a line)
from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[2]))

from network.events.layouts import GDELT1_COLUMNS, GDELT2_COLUMNS, ICEWS_COLUMNS  # noqa: E402


def gdelt_row(columns: tuple[str, ...], **fields: str) -> str:
    """One GDELT row: ``fields`` by column name, the rest empty."""
    unknown = set(fields) - set(columns)
    assert not unknown, unknown
    return "\t".join(fields.get(c, "") for c in columns)


def gdelt(columns, eid, day, a1, a2, code, score, url="", a1code="", a1name="", a2code="", a2name=""):
    fields = {
        "GLOBALEVENTID": eid,
        "SQLDATE": day,
        "MonthYear": day[:6],
        "Year": day[:4],
        "Actor1Code": a1code or a1,
        "Actor1Name": a1name,
        "Actor1CountryCode": a1,
        "Actor2Code": a2code or a2,
        "Actor2Name": a2name,
        "Actor2CountryCode": a2,
        "IsRootEvent": "1",
        "EventCode": code,
        "EventBaseCode": code[:3],
        "EventRootCode": code[:2],
        "GoldsteinScale": score,
        "NumMentions": "4",
        "NumSources": "1",
        "NumArticles": "4",
        "AvgTone": "1.25",
        "DATEADDED": day,
    }
    if "SOURCEURL" in columns and url:
        fields["SOURCEURL"] = url
    return gdelt_row(columns, **{k: v for k, v in fields.items() if k in columns})


def gdelt1() -> str:
    c = GDELT1_COLUMNS
    url = "https://news.example.org/{}"
    rows = [
        gdelt(
            c,
            "300001",
            "20130401",
            "ALB",
            "CHN",
            "042",
            "1.9",
            url.format(1),
            a1name="ALBANIA",
            a2name="CHINA",
        ),
        gdelt(
            c,
            "300002",
            "20130402",
            "CHN",
            "ALB",
            "043",
            "2.8",
            url.format(2),
            a1name="CHINA",
            a2name="ALBANIA",
        ),
        gdelt(
            c,
            "300003",
            "20130415",
            "ALB",
            "CHN",
            "057",
            "8.0",
            url.format(3),
            a1name="ALBANIA",
            a2name="CHINA",
        ),
        gdelt(
            c,
            "300004",
            "20130501",
            "ALB",
            "RUS",
            "112",
            "-2.0",
            url.format(4),
            a1name="ALBANIA",
            a2name="RUSSIA",
        ),
        gdelt(c, "300005", "20130502", "ALB", "CHN", "010", "0.0", url.format(5)),  # not coded (01)
        gdelt(c, "300006", "20130503", "RUS", "ALB", "190", "-10.0", url.format(6)),  # not coded (19)
        gdelt(c, "300007", "20130504", "ALB", "CHN", "040", "0.0", url.format(7)),  # no sign
        gdelt(
            c, "300008", "20130505", "ALB", "", "051", "3.4", url.format(8), a2code="", a2name=""
        ),  # no country
        gdelt(c, "300009", "20130506", "AFR", "CHN", "051", "3.4", url.format(9)),  # a region, not a state
        gdelt(
            c, "300010", "20130507", "ALB", "ALB", "051", "3.4", url.format(10), a1code="ALBGOV"
        ),  # self-tie
        gdelt(c, "300001", "20130401", "ALB", "CHN", "042", "1.9", url.format(1)),  # repeated
        gdelt(c, "300011", "20130601", "ALB", "CHN", "051", "-1.0", url.format(11)),  # sign against type
        gdelt(c, "300012", "20131231", "USA", "CHN", "163", "-8.0", url.format(12), a1name="UNITED STATES"),
        gdelt(c, "300013", "20140102", "CHN", "ALB", "0711", "7.4", url.format(13)),
    ]
    return "\n".join(rows) + "\n"


def gdelt1_back() -> str:
    c = GDELT1_COLUMNS[:57]
    rows = [
        gdelt(c, "1001", "19790105", "CHN", "ALB", "071", "7.4"),
        gdelt(c, "1002", "19790310", "ALB", "CHN", "111", "-2.0"),
        gdelt(c, "1003", "19791120", "YUG", "ALB", "036", "4.0"),
    ]
    return "\n".join(rows) + "\n"


def gdelt2() -> str:
    c = GDELT2_COLUMNS
    url = "https://news.example.org/v2/{}"
    rows = [
        gdelt(c, "500000001", "20150218", "ALB", "CHN", "0311", "5.2", url.format(1)),
        gdelt(c, "500000002", "20150219", "RUS", "ALB", "138", "-7.0", url.format(2)),
        gdelt(c, "500000003", "20150220", "ALB", "SRB", "046", "7.0", url.format(3)),
    ]
    return "\n".join(rows) + "\n"


def icews_row(**fields: str) -> str:
    return "\t".join(fields.get(c.replace(" ", "_"), "") for c in ICEWS_COLUMNS)


def icews(eid, day, src, src_country, text, code, score, tgt, tgt_country, story, sentence="1", **more):
    return icews_row(
        Event_ID=eid,
        Event_Date=day,
        Source_Name=src,
        Source_Sectors=more.get("sectors", ""),
        Source_Country=src_country,
        Event_Text=text,
        CAMEO_Code=code,
        Intensity=score,
        Target_Name=tgt,
        Target_Country=tgt_country,
        Story_ID=story,
        Sentence_Number=sentence,
        Publisher=more.get("publisher", "Example Wire"),
        Country=more.get("where", ""),
    )


def icews_file() -> str:
    rows = [
        "\t".join(ICEWS_COLUMNS),
        icews("20001", "1995-01-02", "Albania", "Albania", "Make a visit", "042", "1.9", "China", "China", "900"),
        icews(
            "20002", "1995-01-03", "Police (Albania)", "Albania", "Criticize or denounce", "111", "-2.0",
            "Russia", "Russian Federation", "901", sectors="Police",
        ),
        icews("20003", "1995-02-01", "China", "China", "Provide economic aid", "071", "7.4", "Albania", "Albania", "902"),
        icews("20004", "1995-02-02", "Albania", "Albania", "Make statement", "010", "0.0", "China", "China", "903"),
        icews("20005", "1995-02-03", "Albania", "Albania", "Express intent to meet", "036", "0.0", "China", "China", "904"),
        icews("20006", "1995-02-04", "Atlantis", "Atlantis", "Praise or endorse", "051", "3.4", "China", "China", "905"),
        icews("20007", "1995-02-05", "Government (Albania)", "Albania", "Praise or endorse", "051", "3.4", "Albania", "Albania", "906"),
        icews("20001", "1996-03-01", "China", "China", "Host a visit", "043", "2.8", "Albania", "Albania", "907"),
        icews("20001", "1995-01-02", "Albania", "Albania", "Make a visit", "042", "1.9", "China", "China", "900"),
        icews("20008", "1996-05-05", "Xi Jinping", "China", "Sign formal agreement", "057", "8.0", "Albania", "Albania", "908"),
    ]  # fmt: skip
    return "\n".join(rows) + "\n"


def gdelt_malformed() -> str:
    c = GDELT1_COLUMNS
    good = gdelt(c, "700001", "20130401", "ALB", "CHN", "042", "1.9", "https://news.example.org/m1")
    rows = [
        good,
        "\t".join(good.split("\t")[:40]),  # cut short
        gdelt(c, "700003", "20130231", "ALB", "CHN", "042", "1.9"),  # no such day
        gdelt(c, "700004", "20130401", "ALB", "CHN", "04a", "1.9"),  # bad code
        gdelt(c, "700005", "20130401", "ALB", "CHN", "042", "high"),  # bad score
        gdelt(c, "700006", "20130401", "ALB", "CHN", "042", "12"),  # out of range
        gdelt(c, "x700007", "2013-04-01", "ALB", "CHN", "42", "1.9"),  # three problems in one row
    ]
    return "\n".join(rows) + "\n"


def icews_malformed() -> str:
    rows = [
        "\t".join(ICEWS_COLUMNS),
        icews(
            "30001", "1995-01-02", "Albania", "Albania", "Make a visit", "042", "1.9", "China", "China", "1"
        ),
        icews(
            "30002", "1995-13-01", "Albania", "Albania", "Make a visit", "042", "1.9", "China", "China", "2"
        ),
        icews(
            "30003", "1995-01-02", "Albania", "Albania", "Make a visit", "42", "NaN", "China", "China", "3"
        ),
        "30004\t1995-01-02\tAlbania",
    ]
    return "\n".join(rows) + "\n"


FILES = {
    "gdelt1.tsv": gdelt1,
    "gdelt1-back.tsv": gdelt1_back,
    "gdelt2.tsv": gdelt2,
    "icews.tab": icews_file,
    "gdelt-malformed.tsv": gdelt_malformed,
    "icews-malformed.tab": icews_malformed,
}


def texts() -> dict[str, bytes]:
    """Every file of the folder this script makes: name -> bytes."""
    out = {name: make().encode("utf-8") for name, make in FILES.items()}
    bad = gdelt(GDELT1_COLUMNS, "700010", "20130401", "ALB", "CHN", "042", "1.9", a1name="SHQIP\udcebRIA")
    out["gdelt-latin1.tsv"] = bad.encode("utf-8", "surrogateescape") + b"\n"  # one byte not UTF-8: 0xeb
    return out


if __name__ == "__main__":
    for name, data in texts().items():
        (HERE / name).write_bytes(data)
        print(HERE / name)
