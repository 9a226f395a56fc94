"""The figure cache: files drawn by an earlier build, read back instead of drawn again.

Examples
--------
>>> import tempfile
>>> with tempfile.TemporaryDirectory() as folder:
...     cache = FigureCache(folder)
...     cache.put("k", [("a.svg", b"<svg/>")])
...     cache.get("k"), cache.get("missing")
([('a.svg', b'<svg/>')], None)
"""

from __future__ import annotations

import functools
import io
import os
from pathlib import Path
from typing import TYPE_CHECKING, cast

from network.output import style
from network.output.atomic import write_bytes

if TYPE_CHECKING:
    from network.figures.workers import Task

__all__ = ["FigureCache"]


class FigureCache:
    """Files drawn before, by a hash of all they depend on, so that a rebuild of unchanged
    figures (a warm build) reads them instead of drawing them again.

    The key of a task hashes its views (every position, text and size drawn), its formats, the
    drawing code (the modules of this package that draw and encode, and :mod:`network.output.style`),
    the versions of Python, matplotlib, Pillow and numpy, and which canvas draws (``drawer``: the
    caching one or matplotlib's own): any change to one of them is a miss, never a stale figure.
    One file per task in ``folder``; the least recently used are removed beyond ``keep``.
    """

    def __init__(self, folder: str | os.PathLike[str], keep: int = 400):
        self.folder = Path(folder)
        self.keep = keep

    @staticmethod
    def default() -> FigureCache | None:
        """The user's cache (``$XDG_CACHE_HOME/entente/figures``, else ``~/.cache/...``), or None
        if ``ENTENTE_NO_CACHE`` is set."""
        if os.environ.get("ENTENTE_NO_CACHE"):
            return None
        base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
        return FigureCache(Path(base) / "entente" / "figures")

    def key(self, task: Task, drawer: str = "") -> str | None:
        """The task's key, or None if it cannot be hashed (it is then always drawn)."""
        import hashlib
        import pickle

        try:
            data = pickle.dumps(task, protocol=5)
        except (pickle.PicklingError, TypeError, AttributeError):
            return None
        return hashlib.sha256(_code_fingerprint() + drawer.encode() + b"\0" + data).hexdigest()

    def get(self, key: str) -> list[tuple[str, bytes]] | None:
        """The files cached under ``key``, or None.

        An entry is a zip archive of the task's files, so reading the cache runs no code
        (unlike unpickling), whatever is found in the folder.
        """
        import zipfile

        path = self.folder / f"{key}.zip"
        try:
            with zipfile.ZipFile(path) as archive:
                files = [(info.filename, archive.read(info)) for info in archive.infolist()]
            os.utime(path)  # recently used
        except (OSError, zipfile.BadZipFile, ValueError):
            return None
        return files

    def put(self, key: str, files: list[tuple[str, bytes]]) -> None:
        """Remember ``files`` under ``key`` (a cache that cannot be written is no error)."""
        import zipfile

        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as archive:
            for name, data in files:
                archive.writestr(zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0)), data)
        try:
            write_bytes(self.folder / f"{key}.zip", buffer.getvalue())
            entries = sorted(self.folder.glob("*.zip"), key=lambda p: p.stat().st_mtime)
            for old in entries[: max(0, len(entries) - self.keep)]:
                old.unlink(missing_ok=True)
        except OSError:
            pass


@functools.cache
def _code_fingerprint() -> bytes:
    """A hash of what turns views into bytes: the drawing code and the libraries' versions."""
    import hashlib
    import sys

    import matplotlib
    import numpy
    import PIL

    from network.figures import canvas, draw, encode, plots, workers

    h = hashlib.sha256()
    for module in (sys.modules[__name__], draw, encode, workers, plots, canvas, style):
        h.update(Path(cast(str, module.__file__)).read_bytes())
    for version in (sys.version, matplotlib.__version__, PIL.__version__, numpy.__version__):
        h.update(version.encode())
    return h.digest()
