"""Countries by code and by name: the state-level actors of an import (``network/events/countries.csv``).

GDELT gives each actor's country as an ISO 3166-1 alpha-3 code (CAMEO's
state codes are ISO's, CAMEO 1.1b3 chapter 3); ICEWS gives the country's
name. :data:`TABLE` reads the shipped table: code, actor id, name and other
names (``|``-separated). The actor id is the name as a slug (``China`` ->
``china``), so that imports of different files, and hand-curated data using
the same names, meet on the same ids; a mapping file (``--map``) gives others.

The table is made by :func:`rows_from_iso_codes` from the ISO 3166 lists of
Debian's ``iso-codes`` package (``/usr/share/iso-codes/json``), the common
name where ISO gives one, plus the few rows of :data:`EXTRA` (states that
no longer exist, and names news coders use); a test remakes it and compares.

Examples
--------
>>> TABLE.by_code["CHN"].actor, TABLE.by_code["SUN"].actor
('china', 'soviet_union')
>>> TABLE.by_name("Russian Federation").actor, TABLE.by_name("south korea").code
('russia', 'KOR')
"""

from __future__ import annotations

import csv
import io
import json
import re
import unicodedata
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

__all__ = ["Country", "CountryTable", "TABLE", "slug", "rows_from_iso_codes", "table_text", "EXTRA"]

FILE = "countries.csv"
HEADER = ("code", "actor", "name", "aliases")


@dataclass(frozen=True, slots=True)
class Country:
    """A state: its ISO alpha-3 code, actor id, name and other names."""

    code: str
    actor: str
    name: str
    aliases: tuple[str, ...] = ()


def slug(name: str) -> str:
    """``name`` as an actor id: ASCII, lowercase, runs of other characters as one ``_``.

    >>> slug("Côte d'Ivoire"), slug("Bosnia and Herzegovina")
    ('cote_d_ivoire', 'bosnia_and_herzegovina')
    """
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "_", ascii_name.lower()).strip("_")


class CountryTable:
    """The countries, found by code or by any of their names (case and accents aside)."""

    def __init__(self, countries: list[Country]):
        self.by_code = {c.code: c for c in countries}
        self._names: dict[str, Country] = {}
        for c in countries:
            for name in (c.name, *c.aliases):
                self._names.setdefault(_key(name), c)

    def by_name(self, name: str) -> Country | None:
        """The country called ``name``, or None."""
        return self._names.get(_key(name))

    def __len__(self) -> int:
        return len(self.by_code)


def _key(name: str) -> str:
    return slug(name)


def _read(text: str) -> list[Country]:
    reader = csv.DictReader(io.StringIO(text))
    return [
        Country(r["code"], r["actor"], r["name"], tuple(a for a in r["aliases"].split("|") if a))
        for r in reader
    ]


def _load() -> CountryTable:
    text = resources.files(__package__).joinpath(FILE).read_text(encoding="utf-8")
    return CountryTable(_read(text))


#: Rows the ISO lists do not give: states that no longer exist, Kosovo, and names in news use.
#: code -> (name, other names); a code ISO has gains the other names, and with a name given
#: takes that name (ISO's becoming another). Every actor id is its name as an id (:func:`slug`).
EXTRA: dict[str, tuple[str, tuple[str, ...]]] = {
    "SUN": ("Soviet Union", ("Union of Soviet Socialist Republics",)),
    "YUG": ("Yugoslavia", ("Socialist Federal Republic of Yugoslavia",)),
    "CSK": ("Czechoslovakia", ()),
    "DDR": ("East Germany", ("German Democratic Republic",)),
    "SCG": ("Serbia and Montenegro", ()),
    "XKX": ("Kosovo", ()),
    "RUS": ("Russia", ()),
    "TUR": ("", ("Turkey",)),
    "CZE": ("", ("Czech Republic",)),
    "MKD": ("", ("Macedonia", "Former Yugoslav Republic of Macedonia")),
    "MMR": ("", ("Burma",)),
    "SWZ": ("", ("Swaziland",)),
    "CPV": ("", ("Cape Verde",)),
    "PSE": ("", ("Occupied Palestinian Territory", "Palestine")),
    "COD": ("", ("Democratic Republic of Congo", "Congo, DRC")),
    "COG": ("", ("Republic of Congo", "Congo")),
    "CIV": ("", ("Ivory Coast",)),
    "USA": ("", ("United States of America",)),
    "GBR": ("", ("United Kingdom of Great Britain and Northern Ireland",)),
}


def rows_from_iso_codes(folder: str | Path = "/usr/share/iso-codes/json") -> list[Country]:
    """The table made from the ISO 3166-1 list in ``folder`` (Debian's ``iso-codes``) and :data:`EXTRA`."""
    entries = json.loads((Path(folder) / "iso_3166-1.json").read_text(encoding="utf-8"))["3166-1"]
    rows: dict[str, Country] = {}
    for e in entries:
        name = e.get("common_name", e["name"])
        iso_names = [n for n in (e["name"], e.get("official_name")) if n and n != name]
        rows[e["alpha_3"]] = Country(e["alpha_3"], slug(name), name, tuple(dict.fromkeys(iso_names)))
    for code, (name, others) in EXTRA.items():
        old = rows.get(code)
        if old is None:
            rows[code] = Country(code, slug(name), name, others)
        elif name:  # a name of our own, ISO's kept as another
            rows[code] = Country(
                code, slug(name), name, tuple(dict.fromkeys((*others, old.name, *old.aliases)))
            )
        else:
            rows[code] = Country(code, old.actor, old.name, tuple(dict.fromkeys((*old.aliases, *others))))
    return sorted(rows.values(), key=lambda c: c.code)


def table_text(countries: list[Country]) -> str:
    """The CSV text of ``countries``, as shipped."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(HEADER)
    for c in countries:
        writer.writerow([c.code, c.actor, c.name, "|".join(c.aliases)])
    return out.getvalue()


#: The shipped table.
TABLE = _load()
