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


@pytest.fixture
def row_keys():
    """The documented keys of each analysis's rows, in order (the JSON and CSV outputs keep them)."""
    return {
        "centrality": [
            "period",
            "actor",
            "name",
            "rank",
            "involvement",
            "ties",
            "degree_pos",
            "degree_neg",
            "strength",
            "strength_pos",
            "strength_neg",
            "betweenness",
            "eigenvector",
            "pagerank",
            "pn",
        ],
        "balance": [
            "period",
            "nodes",
            "edges",
            "triangles",
            "balanced_triangles",
            "triangle_balance",
            "walk_balance",
            "frustration",
            "partition",
            "exact",
            "k_violations",
            "k_partition",
            "k_exact",
            "unbalanced",
            "camps",
        ],
        "alignment": ["period", "focal", "pole", "score", "low", "high", "ties", "measure"],
        "robustness": [
            "period",
            "focal",
            "scores",
            "lead",
            "lead_agree",
            "lead_holds",
            "blocs",
            "blocs_agree",
            "blocs_hold",
            "variants",
            "lead_dissent",
            "blocs_dissent",
        ],
    }
