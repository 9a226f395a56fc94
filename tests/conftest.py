"""Fixtures shared by the test folders, which mirror the package's: tests/dataset/ pins network/dataset/, ...

``tests/data/`` holds the small datasets the tests read; ``mini`` is the one most of them use.
"""

from __future__ import annotations

from pathlib import Path

import pytest

#: The small test datasets (tests/data/).
TEST_DATA = Path(__file__).resolve().parent / "data"


@pytest.fixture(scope="session")
def mini():
    """tests/data/mini.yaml, loaded once for the session (its records are immutable)."""
    from network import load

    return load(TEST_DATA / "mini.yaml")
