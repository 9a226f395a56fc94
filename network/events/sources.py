"""The event data sources ``entente import`` reads, and how the datasets it writes cite them.

Kept apart from the reader so that the command line can list them without loading it.

>>> sorted(SOURCES)
['gdelt', 'icews']
"""

from __future__ import annotations

__all__ = ["SOURCES"]

#: Source name -> the citation of the data, for the dataset's ``sources`` entry.
SOURCES = {
    "gdelt": "The GDELT Project, GDELT 1.0 and 2.0 event files (gdeltproject.org)",
    "icews": "Boschee et al., ICEWS Coded Event Data, Harvard Dataverse, doi:10.7910/DVN/28075",
}
