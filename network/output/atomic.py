"""Write files atomically: a reader sees the old file or the new one, never half of one.

>>> import tempfile, pathlib
>>> p = pathlib.Path(tempfile.mkdtemp()) / "out.txt"
>>> write_text(p, "hello\\n"); p.read_text()
'hello\\n'
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

__all__ = ["write_bytes", "write_text", "write_folder", "staging_folder", "swap_in"]


def write_bytes(path: str | os.PathLike[str], data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file and a rename."""
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    except OSError as exc:  # name the file asked for, not the temporary one
        raise OSError(exc.errno, exc.strerror, str(target)) from None
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.chmod(tmp, 0o644)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_text(path: str | os.PathLike[str], text: str) -> None:
    """Write ``text`` as UTF-8 with ``\\n`` line endings, atomically."""
    write_bytes(path, text.encode("utf-8"))


def write_folder(path: str | os.PathLike[str], files: dict[str, str], suffix: str) -> None:
    """Make ``path`` a folder holding exactly ``files`` (name -> text), swapped in whole.

    The files are written to a new folder beside ``path``, which then takes
    its place, so a reader sees the old folder or the new one. A folder that
    already exists is replaced only when every file in it ends with
    ``suffix`` (an earlier export); otherwise ValueError, and nothing changes.

    >>> import tempfile, pathlib
    >>> d = pathlib.Path(tempfile.mkdtemp()) / "out"
    >>> write_folder(d, {"a.graphml": "x\\n"}, ".graphml"); sorted(p.name for p in d.iterdir())
    ['a.graphml']
    >>> write_folder(d, {"b.graphml": "y\\n"}, ".graphml"); sorted(p.name for p in d.iterdir())
    ['b.graphml']
    """
    import shutil

    target = Path(path)
    if target.exists():
        if not target.is_dir():
            raise ValueError(f"{target} is a file, not a folder; give a new or empty folder")
        foreign = sorted(p.name for p in target.iterdir() if not p.name.endswith(suffix))
        if foreign:
            raise ValueError(
                f"{target} holds files that are not {suffix} files ({', '.join(foreign[:3])}); "
                "give a new or empty folder"
            )
    fresh = staging_folder(target)
    try:
        for name, text in files.items():
            (fresh / name).write_bytes(text.encode("utf-8"))
            os.chmod(fresh / name, 0o644)
    except BaseException:
        shutil.rmtree(fresh, ignore_errors=True)
        raise
    swap_in(fresh, target)


def staging_folder(target: str | os.PathLike[str]) -> Path:
    """A new, empty folder beside ``target`` to write a folder's files in before :func:`swap_in`."""
    path = Path(target)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        return Path(tempfile.mkdtemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent))
    except OSError as exc:  # name the folder asked for, not the temporary one
        raise OSError(exc.errno, exc.strerror, str(path)) from None


def swap_in(fresh: str | os.PathLike[str], target: str | os.PathLike[str]) -> None:
    """Put the folder ``fresh`` (from :func:`staging_folder`) in the place of ``target``, whole.

    A reader sees the old folder or the new one, never a mix; on failure ``fresh`` is removed
    and the old folder stays.
    """
    import shutil

    fresh, target = Path(fresh), Path(target)
    old = fresh.with_name(fresh.name[: -len(".tmp")] + ".old")
    try:
        os.chmod(fresh, 0o755)
        if target.exists():
            os.replace(target, old)
        os.replace(fresh, target)
    except BaseException:
        shutil.rmtree(fresh, ignore_errors=True)
        if old.exists() and not target.exists():
            os.replace(old, target)
        raise
    shutil.rmtree(old, ignore_errors=True)
