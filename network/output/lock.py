"""One build at a time per output folder: a lock held on the folder itself while a build writes.

The lock is an advisory ``flock`` on the folder's own descriptor, so it leaves
no lock file behind and is released by the system when the process ends, even
when it is killed. A second build into the same folder at the same time does
not wait: it is refused at once (:class:`FolderBusy`), and writes nothing.

Examples
--------
>>> import tempfile
>>> folder = tempfile.mkdtemp()
>>> with folder_lock(folder):
...     try:
...         with folder_lock(folder):
...             pass
...     except FolderBusy as exc:
...         print("busy")
busy
>>> with folder_lock(folder):  # free again
...     pass
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows: no flock; builds are not serialised there
    fcntl = None  # type: ignore[assignment]

__all__ = ["FolderBusy", "folder_lock"]


class FolderBusy(RuntimeError):
    """Another process holds the folder's lock: a build is writing into it."""


@contextmanager
def folder_lock(folder: str | os.PathLike[str]) -> Iterator[None]:
    """Hold the exclusive lock of the existing ``folder`` for the ``with`` block, or raise FolderBusy."""
    if fcntl is None:  # pragma: no cover - see the import
        yield
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise FolderBusy(f"another entente build is writing into {os.fspath(folder)}") from None
        yield
    finally:
        os.close(fd)  # closing releases the lock
