"""The CAMEO -> codebook table (network/events/cameo.py): checked against the vocabulary, the codebook
and docs/events.md, which embeds it."""

import re
from pathlib import Path

import pytest

from network.dataset.vocabulary import TIE_TYPES
from network.events.cameo import ROOTS, ROWS, UNDIRECTED_TYPES, code_problem, markdown_table, row_for

ROOT = Path(__file__).resolve().parents[2]


def _codebook_types() -> dict[str, tuple[int, list[str]]]:
    """The type table of docs/codebook.md section 2: type -> (sign, CAMEO codes)."""
    text = (ROOT / "docs" / "codebook.md").read_text(encoding="utf-8")
    section = text[text.index("## 2. Tie types") : text.index("## 3.")]
    out = {}
    for m in re.finditer(r"^\| `([a-z_]+)` \| ([+-]1) \| ([0-9/-]+) \|", section, re.M):
        out[m[1]] = (int(m[2]), [c for c in m[3].split("/") if c != "-"])
    return out


def test_every_type_named_is_a_type_of_the_vocabulary_and_the_codebook():
    """Should name only types that network/dataset/vocabulary.py and docs/codebook.md both define."""
    codebook = _codebook_types()
    assert set(codebook) == set(TIE_TYPES)  # the parse found the whole table
    named = {row.type for row in ROWS if row.type is not None}
    assert named <= set(TIE_TYPES)
    assert named <= set(codebook)
    assert UNDIRECTED_TYPES <= set(TIE_TYPES)


def test_every_cameo_root_is_covered():
    """Should have a row for each root 01-20, so every valid code has a row."""
    assert list(ROOTS) == [f"{n:02d}" for n in range(1, 21)]
    assert {row.code for row in ROWS if len(row.code) == 2} == set(ROOTS)
    for root in ROOTS:
        for code in (root, root + "0", root + "9", root + "99"):
            assert row_for(code).code[:2] == root


def test_rows_are_valid_codes_once_each_under_their_root():
    """Should list valid CAMEO codes, each once, each sub-code after its root."""
    codes = [row.code for row in ROWS]
    assert len(codes) == len(set(codes))
    for i, code in enumerate(codes):
        assert code_problem(code) is None, code
        if len(code) > 2:
            assert code[:2] in codes[:i], f"{code} comes before its root"


def test_a_row_that_codes_gives_a_reason_and_not_coded_rows_say_why():
    """Should say why for every row, coded or not."""
    assert all(row.reason.strip() for row in ROWS)


@pytest.mark.parametrize("name", sorted(TIE_TYPES))
def test_the_codebooks_cameo_column_maps_to_its_own_type(name):
    """Should code each CAMEO code the codebook and the vocabulary give a type as that type."""
    _, codes = _codebook_types()[name]
    vocabulary_code = TIE_TYPES[name].cameo
    for code in [*codes, *([vocabulary_code] if vocabulary_code != "-" else [])]:
        assert row_for(code).type == name, (name, code)


def test_types_keep_the_sign_the_table_shows():
    """Should show each type's usual sign in the table, as the vocabulary has it."""
    for line, row in zip(markdown_table().splitlines()[2:], ROWS, strict=True):
        cells = [c.strip() for c in line.strip("|").split("|")]
        assert cells[0] == row.code
        assert cells[3] == ("" if row.type is None else f"{TIE_TYPES[row.type].sign:+d}")


def test_events_doc_embeds_the_table():
    """Should show the current table in docs/events.md (the code's table is the one home)."""
    doc = (ROOT / "docs" / "events.md").read_text(encoding="utf-8")
    start = doc.index("-->", doc.index("<!-- cameo:start")) + 4
    end = doc.index("<!-- cameo:end -->")
    assert doc[start:end] == markdown_table()


@pytest.mark.parametrize(
    ("code", "message"),
    [
        ("4", "is not 2 to 4 digits"),
        ("04a", "is not 2 to 4 digits"),
        ("21", "has no root"),
        ("00", "has no root"),
    ],
)
def test_bad_codes_are_named(code, message):
    """Should say what is wrong with a code that is not CAMEO."""
    assert message in code_problem(code)
