"""Property-based: any text, and any mutation of a valid document, loads or raises DatasetError."""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from network import DatasetError, load

SETTINGS = settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


def _load_or_dataset_error(tmp_path, data: bytes) -> None:
    path = tmp_path / "fuzz.yaml"
    path.write_bytes(data)
    try:
        load(path)
    except DatasetError as exc:
        assert exc.problems, "a DatasetError must carry at least one problem"


@SETTINGS
@given(st.text())
def test_arbitrary_text(tmp_path, text):
    """Should load or raise DatasetError for any text."""
    _load_or_dataset_error(tmp_path, text.encode("utf-8", "surrogatepass"))


@SETTINGS
@given(st.binary(max_size=400))
def test_arbitrary_bytes(tmp_path, data):
    """Should load or raise DatasetError for any bytes."""
    _load_or_dataset_error(tmp_path, data)


#: Tokens the edits insert, besides the shared ones (tests/dataset/conftest.py).
TOKENS = [
    "&a",
    "*a",
    "!!str",
    "\t",
    "\n",
    "#",
    "..",
    "/",
    "~",
    "null",
    "true",
    "1959-02-30",
    "hoxha",
    "ussr",
    "  ",
    "x: y",
]


@SETTINGS
@given(data=st.data())
def test_mutated_template(tmp_path, odd_documents, data):
    """Should load or raise DatasetError after random edits to a valid document."""
    text = odd_documents.draw(data, TOKENS, max_size=5)
    _load_or_dataset_error(tmp_path, text.encode("utf-8", "surrogatepass"))
