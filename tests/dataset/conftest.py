"""Fixtures shared by tests/dataset/: odd YAML documents, made by editing the template at random."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import strategies as st

#: The template every odd document starts from: a valid document that shows every field.
TEMPLATE = Path(__file__).resolve().parents[2] / "data" / "template.yaml"


class OddDocuments:
    """Valid YAML cut and spliced at random: a few edits of the template, for hypothesis tests.

    An edit ``(pos, cut, token)`` replaces ``cut`` characters at ``pos`` with ``token``. The tokens
    are :attr:`TOKENS` (punctuation, numbers and the empty string, which each test shares) and the
    test's own.
    """

    TOKENS = ("", " ", "-", ":", "'", '"', "[", "]", "{", "}", "1958", "-1", "0")

    def __init__(self, template: str) -> None:
        self.template = template

    def edits(self, more_tokens: list[str], max_size: int) -> st.SearchStrategy[list[tuple[int, int, str]]]:
        """One to ``max_size`` edits, with the shared tokens and ``more_tokens``."""
        tokens = [*self.TOKENS, *more_tokens]
        return st.lists(
            st.tuples(st.integers(0, len(self.template)), st.integers(0, 8), st.sampled_from(tokens)),
            min_size=1,
            max_size=max_size,
        )

    def edited(self, edits: list[tuple[int, int, str]]) -> str:
        """The template after ``edits``, made one after the other."""
        text = self.template
        for pos, cut, token in edits:
            pos = min(pos, len(text))
            text = text[:pos] + token + text[pos + cut :]
        return text

    def draw(self, data: st.DataObject, more_tokens: list[str], max_size: int) -> str:
        """An odd document: the template after edits drawn by ``data`` (hypothesis's ``st.data()``)."""
        return self.edited(data.draw(self.edits(more_tokens, max_size), label="edits"))


@pytest.fixture(scope="session")
def odd_documents() -> OddDocuments:
    """Odd YAML documents made from data/template.yaml (see :class:`OddDocuments`)."""
    return OddDocuments(TEMPLATE.read_text(encoding="utf-8"))
