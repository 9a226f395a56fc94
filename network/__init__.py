"""entente: cited, hand-curated records of who did what to whom, turned into networks over time.

The names below are imported on first use (PEP 562), so ``import network``
and ``entente --help`` do not pay for the YAML reader and the validator.

>>> import network
>>> ds = network.load("data/template.yaml")
>>> ds.actors["hoxha"].name
'Enver Hoxha'
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from network.dataset.loader import check, load
    from network.dataset.model import Actor, Citation, Dataset, Period, Tie
    from network.dataset.problems import DatasetError, Problem

__version__ = "0.1.0"

__all__ = ["load", "check", "Dataset", "Actor", "Tie", "Period", "Citation", "DatasetError", "Problem"]

#: Where each public name lives.
_HOMES = {
    "load": "dataset.loader",
    "check": "dataset.loader",
    "Dataset": "dataset.model",
    "Actor": "dataset.model",
    "Tie": "dataset.model",
    "Period": "dataset.model",
    "Citation": "dataset.model",
    "DatasetError": "dataset.problems",
    "Problem": "dataset.problems",
}


def __getattr__(name: str) -> Any:
    """Import a public name from its module the first time it is asked for."""
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{home}", __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
