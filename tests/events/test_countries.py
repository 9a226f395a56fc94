"""The table of countries (network/events/countries.py and countries.csv)."""

import re
from pathlib import Path

import pytest

from network.dataset.spec import ACTOR_ID
from network.events import countries
from network.events.countries import TABLE, rows_from_iso_codes, table_text

ROOT = Path(__file__).resolve().parents[2]
ISO = Path("/usr/share/iso-codes/json")


@pytest.mark.skipif(not (ISO / "iso_3166-1.json").exists(), reason="Debian's iso-codes is not installed")
def test_the_shipped_table_is_made_from_the_iso_lists():
    """Should ship exactly the table rows_from_iso_codes makes (run it to update the CSV)."""
    shipped = (Path(countries.__file__).parent / countries.FILE).read_text(encoding="utf-8")
    assert shipped == table_text(rows_from_iso_codes(ISO))


def test_actor_ids_are_ids_and_unique():
    """Should give each country its own valid actor id."""
    ids = [c.actor for c in TABLE.by_code.values()]
    assert len(ids) == len(set(ids)) > 240
    assert all(re.match(ACTOR_ID, i) for i in ids)


def test_codes_and_names_find_the_same_country():
    """Should find a country by its code, its name and its other names, case and accents aside."""
    assert TABLE.by_code["CHN"].actor == "china"
    assert TABLE.by_name("RUSSIAN FEDERATION") is TABLE.by_code["RUS"]
    assert TABLE.by_name("Turkey") is TABLE.by_code["TUR"] is TABLE.by_name("turkiye")
    assert TABLE.by_name("Cote d'Ivoire") is TABLE.by_code["CIV"]
    assert TABLE.by_name("Atlantis") is None


def test_states_gone_since_have_rows():
    """Should know the states of the Cold War that no longer exist."""
    assert {TABLE.by_code[c].actor for c in ("SUN", "YUG", "CSK", "DDR")} == {
        "soviet_union",
        "yugoslavia",
        "czechoslovakia",
        "east_germany",
    }
