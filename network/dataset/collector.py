"""Pause Python's cyclic garbage collector while a large, cycle-free structure is built.

Loading a dataset and building its snapshots make hundreds of thousands of
small objects and no reference cycles, so the collector's passes over them
free nothing; at scale they took a third to a half of the time. Both run
inside :func:`collector_paused`.

Examples
--------
>>> import gc
>>> with collector_paused():
...     gc.isenabled()
False
>>> gc.isenabled()
True
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

__all__ = ["collector_paused"]


@contextmanager
def collector_paused() -> Iterator[None]:
    """Switch the collector off for the block, then on again (if it was on) however the block ends.

    On the way out, what the block built is moved to the collector's oldest
    generation (:func:`_age_young_objects`), so the first collection after it
    does not walk all of it only to find it alive.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            _age_young_objects()
            gc.enable()


def _age_young_objects() -> None:
    """Move the collector's young objects (what the block built, and any other) to its oldest generation.

    With the collector paused, everything built is still counted as young, so
    the first allocation after it is switched back on starts a collection
    that walks all of it (a few hundred thousand records at scale, a tenth of
    a second or more) only to find it alive: the callers make no garbage
    cycles (``tests/dataset/test_loader.py`` and ``tests/timeline/test_snapshots.py`` check).
    ``gc.freeze()`` then ``gc.unfreeze()`` moves every tracked object to the
    oldest generation without walking any, where surviving two collections
    would have put it. Not done if the program has frozen objects of its own
    (unfreezing would release them).
    """
    if gc.get_freeze_count() == 0:
        gc.freeze()
        gc.unfreeze()
