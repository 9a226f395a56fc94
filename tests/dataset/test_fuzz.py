"""Property-based: any text, and any mutation of a valid document, loads or raises DatasetError."""

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from network import DatasetError, load

ROOT = Path(__file__).resolve().parents[2]
TEMPLATE = (ROOT / "data" / "template.yaml").read_text(encoding="utf-8")
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


TOKENS = [
    "",
    " ",
    "-",
    ":",
    "'",
    '"',
    "[",
    "]",
    "{",
    "}",
    "1958",
    "-1",
    "0",
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
@given(
    st.lists(
        st.tuples(st.integers(0, len(TEMPLATE)), st.integers(0, 8), st.sampled_from(TOKENS)),
        min_size=1,
        max_size=5,
    )
)
def test_mutated_template(tmp_path, edits):
    """Should load or raise DatasetError after random edits to a valid document."""
    text = TEMPLATE
    for pos, cut, token in edits:
        pos = min(pos, len(text))
        text = text[:pos] + token + text[pos + cut :]
    _load_or_dataset_error(tmp_path, text.encode("utf-8", "surrogatepass"))
