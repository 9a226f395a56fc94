"""The published column layouts of GDELT and ICEWS event files, and a row of each read as an :class:`Event`.

- **GDELT 1.0** event files (``YYYYMMDD.export.CSV``): tab-separated, no
  header, 57 columns in the back files (1979 to March 2013) and 58 from
  1 April 2013, when ``SOURCEURL`` was added at the end (GDELT Data Format
  Codebook V1.03).
- **GDELT 2.0** event files (``YYYYMMDDHHMMSS.export.CSV``): 61 columns,
  each of the three geographies gaining an ``ADM2Code`` (GDELT Event
  Codebook V2.0).
- **ICEWS** coded event files (Harvard Dataverse, doi:10.7910/DVN/28075):
  tab-separated with a header row naming the 20 columns of
  :data:`ICEWS_COLUMNS`; columns are found by name.

Examples
--------
>>> len(GDELT1_COLUMNS), len(GDELT2_COLUMNS), len(ICEWS_COLUMNS)
(58, 61, 20)
>>> GDELT2_COLUMNS[39], GDELT2_COLUMNS[-1]
('Actor1Geo_ADM2Code', 'SOURCEURL')
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

from network.events.cameo import code_problem
from network.events.goldstein import parse_score, score_problem

__all__ = [
    "GDELT1_COLUMNS",
    "GDELT2_COLUMNS",
    "ICEWS_COLUMNS",
    "GDELT_WIDTHS",
    "Side",
    "Event",
    "RowProblem",
    "gdelt_event",
    "IcewsHeader",
]


def _actor(n: int) -> list[str]:
    fields = ("Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode", "Religion1Code", "Religion2Code")
    return [f"Actor{n}{f}" for f in fields] + [f"Actor{n}Type{k}Code" for k in (1, 2, 3)]


def _geo(prefix: str, adm2: bool) -> list[str]:
    fields = ["Type", "FullName", "CountryCode", "ADM1Code", *(["ADM2Code"] if adm2 else []), "Lat", "Long"]
    return [f"{prefix}Geo_{f}" for f in fields] + [f"{prefix}Geo_FeatureID"]


_EVENT = [
    "IsRootEvent",
    "EventCode",
    "EventBaseCode",
    "EventRootCode",
    "QuadClass",
    "GoldsteinScale",
    "NumMentions",
    "NumSources",
    "NumArticles",
    "AvgTone",
]
_HEAD = ["GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate", *_actor(1), *_actor(2), *_EVENT]

#: GDELT 1.0's 58 columns (the back files have the first 57: no SOURCEURL).
GDELT1_COLUMNS = (
    *_HEAD,
    *(g for p in ("Actor1", "Actor2", "Action") for g in _geo(p, False)),
    "DATEADDED",
    "SOURCEURL",
)
#: GDELT 2.0's 61 columns.
GDELT2_COLUMNS = (
    *_HEAD,
    *(g for p in ("Actor1", "Actor2", "Action") for g in _geo(p, True)),
    "DATEADDED",
    "SOURCEURL",
)
#: Row width -> (layout name, its columns).
GDELT_WIDTHS = {
    57: ("GDELT 1.0 (back file)", GDELT1_COLUMNS[:57]),
    58: ("GDELT 1.0", GDELT1_COLUMNS),
    61: ("GDELT 2.0", GDELT2_COLUMNS),
}
#: ICEWS's 20 columns, in the published order.
ICEWS_COLUMNS = (
    "Event ID",
    "Event Date",
    "Source Name",
    "Source Sectors",
    "Source Country",
    "Event Text",
    "CAMEO Code",
    "Intensity",
    "Target Name",
    "Target Sectors",
    "Target Country",
    "Story ID",
    "Sentence Number",
    "Publisher",
    "City",
    "District",
    "Province",
    "Country",
    "Latitude",
    "Longitude",
)

_G = {name: i for i, name in enumerate(GDELT2_COLUMNS[:35])}  # the first 35 columns are the same in all three
_DIGITS = re.compile(r"[0-9]+\Z")
_SQLDATE = re.compile(r"([0-9]{4})([0-9]{2})([0-9]{2})\Z")
_ISODATE = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})\Z")


@dataclass(frozen=True, slots=True)
class Side:
    """One side of an event: the keys a mapping file may name (actor code, name), its country, a label."""

    keys: tuple[str, ...]
    country_code: str
    country_name: str
    label: str


@dataclass(frozen=True, slots=True)
class Event:
    """One event as read: its tie id, day, CAMEO code, score, sides, citation and evidence text."""

    id: str
    day: str
    code: str
    score: Decimal
    source: Side
    target: Side
    primary: str
    evidence: str


@dataclass(frozen=True, slots=True)
class RowProblem:
    """What is wrong in a row, at a column (1 = the first; 0 = the whole row), and what to do."""

    column: int
    message: str
    hint: str = ""


# A file has few distinct days, codes and scores, read millions of times: each is checked once.
@lru_cache(maxsize=1 << 16)
def _day(text: str, pattern: re.Pattern[str], what: str, column: int) -> tuple[str | None, RowProblem | None]:
    m = pattern.match(text)
    if m is None:
        return None, RowProblem(
            column, f"{what} {text!r} is not a date", "GDELT writes YYYYMMDD, ICEWS YYYY-MM-DD"
        )
    try:
        day = datetime.date(int(m[1]), int(m[2]), int(m[3]))
    except ValueError:
        return None, RowProblem(column, f"{what} {text!r} is not a day of the calendar")
    if day.year < 1:  # pragma: no cover - four digits of zeros
        return None, RowProblem(column, f"{what} {text!r} is before year 1")
    return day.isoformat(), None


_code_problem = lru_cache(maxsize=1 << 12)(code_problem)
_parse_score = lru_cache(maxsize=1 << 12)(parse_score)


def _common(
    event_id: str,
    id_col: int,
    date: str,
    date_col: int,
    code: str,
    code_col: int,
    score: str,
    score_col: int,
    *,
    id_name: str,
    date_name: str,
    date_pattern: re.Pattern[str],
    score_name: str,
) -> tuple[tuple[str, Decimal] | None, str | None, list[RowProblem]]:
    problems = []
    if not _DIGITS.match(event_id):
        problems.append(RowProblem(id_col, f"{id_name} {event_id!r} is not a whole number"))
    day, bad = _day(date, date_pattern, date_name, date_col)
    if bad:
        problems.append(bad)
    wrong = _code_problem(code)
    if wrong:
        problems.append(RowProblem(code_col, wrong, "CAMEO codes keep their leading zero: 042, not 42"))
    value = _parse_score(score)
    if value is None:
        problems.append(RowProblem(score_col, score_problem(score, score_name), "a score from -10 to 10"))
    if problems:
        return None, None, problems
    assert value is not None
    return (code, value), day, []


def gdelt_event(cells: list[str]) -> tuple[Event | None, list[RowProblem]]:
    """The event of a GDELT row (57, 58 or 61 cells; the caller checks the width), or its problems.

    >>> row = ["1", "19790101", "", "", "", "ALBGOV", "ALBANIA", "ALB"] + [""] * 7 + ["CHN", "CHINA", "CHN"]
    >>> row += [""] * 7 + ["1", "042", "042", "04", "1", "1.9"] + [""] * 26 + ["http://example.org/a"]
    >>> len(row)
    58
    >>> event, problems = gdelt_event(row)
    >>> event.id, event.day, event.code, event.score, event.source.keys, problems
    ('gdelt-1', '1979-01-01', '042', Decimal('1.9'), ('ALBGOV', 'ALBANIA'), [])
    """
    g = _G
    parsed, day, problems = _common(
        cells[g["GLOBALEVENTID"]], g["GLOBALEVENTID"] + 1,
        cells[g["SQLDATE"]], g["SQLDATE"] + 1,
        cells[g["EventCode"]], g["EventCode"] + 1,
        cells[g["GoldsteinScale"]], g["GoldsteinScale"] + 1,
        id_name="GLOBALEVENTID", date_name="SQLDATE", date_pattern=_SQLDATE, score_name="GoldsteinScale",
    )  # fmt: skip
    if parsed is None or day is None:
        return None, problems
    code, score = parsed
    event_id = cells[g["GLOBALEVENTID"]]
    url = cells[-1] if len(cells) != 57 else ""
    sides = []
    for n in (1, 2):
        actor_code, name, country = (cells[g[f"Actor{n}{f}"]] for f in ("Code", "Name", "CountryCode"))
        sides.append(Side((actor_code, name), country, "", name or actor_code or country or "(none)"))
    source, target = sides
    primary = f"GDELT {event_id}" + (f": {url}" if url else "")
    evidence = f"{source.label} -> {target.label}: CAMEO {code}, Goldstein {cells[g['GoldsteinScale']]}"
    return Event(f"gdelt-{event_id}", day, code, score, source, target, primary, evidence), []


class IcewsHeader:
    """The columns of an ICEWS file, found by name in its header row."""

    def __init__(self, names: list[str]):
        self.names = [n.strip() for n in names]
        self.index = {n: i for i, n in enumerate(self.names)}
        self.missing = [n for n in ICEWS_COLUMNS if n not in self.index]

    def event(self, cells: list[str]) -> tuple[Event | None, list[RowProblem]]:
        """The event of an ICEWS row (as wide as the header; the caller checks), or its problems.

        >>> h = IcewsHeader(list(ICEWS_COLUMNS))
        >>> row = ["7", "1995-01-02", "Police (Albania)", "Police", "Albania", "Make a visit", "042", "1.9",
        ...        "China", "", "China", "31", "2", "Agence France-Presse"] + [""] * 6
        >>> event, problems = h.event(row)
        >>> event.id, event.day, event.source.keys, event.source.country_name
        ('icews-7-1995-01-02', '1995-01-02', ('Police (Albania)',), 'Albania')
        >>> event.primary
        'ICEWS event 7; Agence France-Presse, story 31, sentence 2'
        """
        i = self.index
        cell = {n: cells[i[n]].strip() for n in ICEWS_COLUMNS}
        parsed, day, problems = _common(
            cell["Event ID"], i["Event ID"] + 1,
            cell["Event Date"], i["Event Date"] + 1,
            cell["CAMEO Code"], i["CAMEO Code"] + 1,
            cell["Intensity"], i["Intensity"] + 1,
            id_name="Event ID", date_name="Event Date", date_pattern=_ISODATE, score_name="Intensity",
        )  # fmt: skip
        if parsed is None or day is None:
            return None, problems
        code, score = parsed
        source = Side((cell["Source Name"],), "", cell["Source Country"], cell["Source Name"] or "(none)")
        target = Side((cell["Target Name"],), "", cell["Target Country"], cell["Target Name"] or "(none)")
        primary = (
            f"ICEWS event {cell['Event ID']}; {cell['Publisher'] or 'publisher not given'}, "
            f"story {cell['Story ID']}, sentence {cell['Sentence Number']}"
        )
        what = f"{cell['Event Text']} (CAMEO {code}, intensity {cell['Intensity']})"
        evidence = f"{source.label} -> {target.label}: {what}"
        # ICEWS's Event ID repeats on other days (never on the same day): the day makes the tie's id unique
        return Event(
            f"icews-{cell['Event ID']}-{day}", day, code, score, source, target, primary, evidence
        ), []
