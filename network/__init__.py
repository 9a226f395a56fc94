"""entente: cited, hand-curated records of who did what to whom, turned into networks over time.

>>> import network
>>> ds = network.load("data/template.yaml")
>>> ds.actors["hoxha"].name
'Enver Hoxha'
"""

from .loader import check, load
from .model import Actor, Citation, Dataset, Period, Tie
from .problems import DatasetError, Problem

__version__ = "0.1.0"

__all__ = ["load", "check", "Dataset", "Actor", "Tie", "Period", "Citation", "DatasetError", "Problem"]
