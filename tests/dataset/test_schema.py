"""The committed JSON Schema is generated from the loader's own field specs, and they agree."""

import importlib.resources
import json
from pathlib import Path

import jsonschema
import pytest
import yaml

from network import check
from network.commands.schema import schema_text

ROOT = Path(__file__).resolve().parents[2]
# from the installed package, so the test also checks that the wheel ships the schema
SCHEMA_PATH = importlib.resources.files("network") / "schemas" / "format-1.schema.json"
SCHEMA = json.loads(SCHEMA_PATH.read_text())
DATA_FILES = sorted(p for p in (ROOT / "data").glob("*.yaml"))


def test_committed_schema_is_current():
    """Should match what 'entente schema' generates now (run 'make schema' if not)."""
    assert SCHEMA_PATH.read_text() == schema_text()


def test_schema_is_draft_07():
    """Should be a valid draft-07 schema."""
    jsonschema.Draft7Validator.check_schema(SCHEMA)


@pytest.mark.parametrize("path", DATA_FILES, ids=lambda p: p.name)
def test_data_files_validate_against_schema_and_point_at_it(path):
    """Should validate every data file against the schema, which line 1 references."""
    first = path.read_text(encoding="utf-8").splitlines()[0]
    assert first == "# yaml-language-server: $schema=../network/schemas/format-1.schema.json"
    doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    jsonschema.validate(doc, SCHEMA, cls=jsonschema.Draft7Validator)


STRUCTURAL = [
    "unknown_field.yaml",
    "missing_source.yaml",
    "missing_sign.yaml",
    "wrong_type_weight.yaml",
    "nonpositive_weight.yaml",
    "sign_two.yaml",
    "sign_text.yaml",
    "bad_actor_id.yaml",
    "bad_kind.yaml",
    "unknown_format.yaml",
    "missing_format.yaml",
    "unknown_type.yaml",
    "bad_confidence.yaml",
    "directed_text.yaml",
    "list_expected.yaml",
    "date_and_start.yaml",
    "no_date.yaml",
    "unquoted_year.yaml",
    "month_13.yaml",
]


@pytest.mark.parametrize("name", STRUCTURAL)
def test_schema_and_loader_reject_the_same_structural_errors(name):
    """Should be rejected by both the schema and the loader."""
    path = ROOT / "tests" / "data" / "invalid" / name
    doc = yaml.safe_load(path.read_text())
    errors = list(jsonschema.Draft7Validator(SCHEMA).iter_errors(doc))
    assert errors, f"schema accepts {name}"
    assert check(path)[1], f"loader accepts {name}"


def test_format_doc_shows_every_field():
    """Should embed the current field tables in docs/format.md."""
    from network.dataset.spec import field_tables

    doc = (ROOT / "docs" / "format.md").read_text(encoding="utf-8")
    start = doc.index("-->", doc.index("<!-- fields:start")) + 4
    end = doc.index("<!-- fields:end -->")
    assert doc[start:end] == field_tables()
