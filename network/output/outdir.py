"""The output folder of a build: which dataset made it, and which files its builds wrote.

A build records in its output folder a small manifest, :data:`MANIFEST`
(``entente-build.json``): the dataset's path relative to the folder, its
title, the SHA-256 of its bytes, and the files each stage wrote. The
manifest has no times or machine names, so the same data gives the same
bytes and a committed output folder stays byte-identical across rebuilds.

It lets a build keep outputs apart (:func:`refusal`): a build writes only
into a folder that is new, empty, or made by the same dataset (the path the
manifest records leads to the same file, or the bytes have the same hash);
any other folder, made from another dataset or holding files no build made,
is refused unless forced. And it lets a build clean up after itself
(:func:`stale_files`): the files that earlier builds of the same dataset
wrote and this one no longer writes are removed; nothing else ever is.

Examples
--------
>>> import tempfile, pathlib
>>> out = pathlib.Path(tempfile.mkdtemp())
>>> refusal(out, "data/template.yaml") is None          # an empty folder is free
True
>>> m = Manifest.of("data/template.yaml", out, "Template", {"tables": ["tables/a.csv"]})
>>> write_manifest(out, m).name
'entente-build.json'
>>> refusal(out, "data/template.yaml") is None          # the same dataset may rebuild
True
>>> print(refusal(out, "data/tribes.yaml"))  # doctest: +ELLIPSIS
/... holds the outputs of data/template.yaml ('Template'), not of data/tribes.yaml
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from network.output.atomic import write_text

__all__ = [
    "MANIFEST",
    "Manifest",
    "default_out",
    "dataset_sha256",
    "read_manifest",
    "refusal",
    "same_dataset",
    "stale_files",
    "suggest_out",
    "write_manifest",
]

#: The manifest's file name, at the top of the output folder.
MANIFEST = "entente-build.json"
#: Entries a build may leave in a folder that do not make it "not empty": its own staging folders.
_STAGING_PREFIX = ".entente-build-"
#: The folder name a dataset's outputs get by default, after the dataset's file name.
_SUFFIX = "-figures"


def dataset_sha256(path: str | os.PathLike[str]) -> str:
    """SHA-256 of the dataset's bytes (what ``sha256sum FILE`` prints); for a folder of CSV
    files, of each file's name and bytes in name order.

    Examples
    --------
    >>> len(dataset_sha256("data/template.yaml"))
    64
    """
    p = Path(path)
    digest = hashlib.sha256()
    if p.is_dir():
        for child in sorted(c for c in p.iterdir() if c.is_file()):
            digest.update(child.name.encode() + b"\0" + child.read_bytes() + b"\0")
    else:
        digest.update(p.read_bytes())
    return digest.hexdigest()


def _relative(path: str | os.PathLike[str], folder: Path) -> str:
    """``path`` relative to ``folder``, with forward slashes (absolute when there is no relative path)."""
    target = Path(path).resolve()
    try:
        return Path(os.path.relpath(target, folder.resolve())).as_posix()
    except ValueError:  # another drive
        return target.as_posix()


@dataclass(frozen=True)
class Manifest:
    """What an output folder's :data:`MANIFEST` says: the dataset that built it and the files
    each stage wrote (paths relative to the folder, sorted)."""

    dataset: str
    title: str | None
    sha256: str
    files: Mapping[str, tuple[str, ...]] = field(default_factory=dict)

    @classmethod
    def of(
        cls,
        dataset_path: str | os.PathLike[str],
        out: str | os.PathLike[str],
        title: str | None,
        files: Mapping[str, list[str] | tuple[str, ...]],
    ) -> Manifest:
        """The manifest of a build of ``dataset_path`` into ``out`` that wrote ``files`` per stage."""
        return cls(
            dataset=_relative(dataset_path, Path(out)),
            title=title,
            sha256=dataset_sha256(dataset_path),
            files={stage: tuple(sorted(names)) for stage, names in sorted(files.items())},
        )

    def to_json(self) -> str:
        data = {
            "written_by": "entente build",
            "dataset": self.dataset,
            "title": self.title,
            "sha256": self.sha256,
            "files": {stage: list(names) for stage, names in self.files.items()},
        }
        return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def read_manifest(out: str | os.PathLike[str]) -> Manifest | None:
    """The manifest in ``out``, or None when there is none; ValueError when it cannot be read."""
    path = Path(out) / MANIFEST
    if not path.is_file():
        return None
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        files = data["files"]
        return Manifest(
            dataset=str(data["dataset"]),
            title=data.get("title"),
            sha256=str(data["sha256"]),
            files={str(stage): tuple(str(n) for n in names) for stage, names in files.items()},
        )
    except (OSError, UnicodeDecodeError, ValueError, KeyError, TypeError, AttributeError) as exc:
        raise ValueError(f"{path} cannot be read as a build manifest ({exc})") from None


def write_manifest(out: str | os.PathLike[str], manifest: Manifest) -> Path:
    """Write ``manifest`` into ``out`` (atomically); return its path."""
    path = Path(out) / MANIFEST
    write_text(path, manifest.to_json())
    return path


def same_dataset(
    manifest: Manifest, out: str | os.PathLike[str], dataset_path: str | os.PathLike[str]
) -> bool:
    """Whether ``manifest`` (of folder ``out``) records the dataset at ``dataset_path``: its path
    leads to the same file, or the dataset's bytes have the recorded hash (a moved or renamed file)."""
    recorded = Path(out) / manifest.dataset
    try:
        if recorded.exists() and recorded.resolve() == Path(dataset_path).resolve():
            return True
    except OSError:  # pragma: no cover - an unreadable path is simply not the same
        pass
    return manifest.sha256 == dataset_sha256(dataset_path)


def refusal(
    out: str | os.PathLike[str], dataset_path: str | os.PathLike[str], unmade: bool = True
) -> str | None:
    """Why a build of ``dataset_path`` may not write into ``out``, or None when it may.

    It may when ``out`` does not exist or is empty (but for a failed build's staging folders),
    or its manifest records this dataset; and never inside the folder of another dataset's build.
    With ``unmade=False`` (for the commands that write one kind of output, ``entente figures``,
    ``explore``, ``report``) a folder holding files no build made is fine too.
    """
    folder = Path(out)
    if folder.exists() and not folder.is_dir():
        return f"{out} is a file, not a folder"
    for parent in folder.resolve().parents:
        if (parent / MANIFEST).is_file():  # the nearest build folder around it
            other = _other_dataset(parent, dataset_path)
            if other:
                return f"{out} is inside {_shown(parent)}, which {other}"
            break
    if not folder.exists():
        return None
    if not any(not child.name.startswith(_STAGING_PREFIX) for child in folder.iterdir()):
        return None
    if not (folder / MANIFEST).is_file():
        return f"{out} is not empty and no entente build made it (it has no {MANIFEST})" if unmade else None
    other = _other_dataset(folder, dataset_path)
    return f"{out} {other}" if other else None


def _other_dataset(folder: Path, dataset_path: str | os.PathLike[str]) -> str | None:
    """``holds the outputs of X``, when ``folder``'s manifest records another dataset (or cannot be
    read); None when it records this one."""
    try:
        manifest = read_manifest(folder)
    except ValueError as exc:
        return f"has a manifest that cannot be read ({exc})"
    if manifest is None or same_dataset(manifest, folder, dataset_path):
        return None
    title = f" ({manifest.title!r})" if manifest.title else ""
    return f"holds the outputs of {_shown(folder / manifest.dataset)}{title}, not of {dataset_path}"


def _shown(path: Path) -> str:
    """``path`` as the user would type it: relative to the current folder when inside it."""
    full = path.resolve()
    try:
        relative = Path(os.path.relpath(full)).as_posix()
    except ValueError:  # another drive
        return full.as_posix()
    return full.as_posix() if relative.startswith("../") else relative


def default_out(dataset_path: str | os.PathLike[str], default_dataset: str, default_folder: str) -> Path:
    """The output folder of a build given no ``--out``: ``default_folder`` for the default dataset
    (``figures`` for ``data/actors.yaml``), and ``NAME-figures`` in the current folder for a dataset
    file ``NAME.yaml`` (``.json``; or a CSV folder ``NAME``) anywhere else.

    The rule depends only on the command: never on what is on disk.

    Examples
    --------
    >>> default_out("data/actors.yaml", "data/actors.yaml", "figures").as_posix()
    'figures'
    >>> default_out("./data/actors.yaml", "data/actors.yaml", "figures").as_posix()
    'figures'
    >>> default_out("/home/me/triple-entente.yaml", "data/actors.yaml", "figures").as_posix()
    'triple-entente-figures'
    """
    if Path(dataset_path).resolve() == Path(default_dataset).resolve():
        return Path(default_folder)
    return Path(_name(dataset_path) + _SUFFIX)


def _name(dataset_path: str | os.PathLike[str]) -> str:
    """The dataset's name: its file's stem, or its CSV folder's name (also when a path names the
    folder's ``actors.csv`` or ``ties.csv``).

    >>> _name("their.yaml"), _name("big/"), _name("big/ties.csv"), _name("/data/x.json")
    ('their', 'big', 'big', 'x')
    """
    p = Path(dataset_path)
    if p.suffix.lower() == ".csv":
        p = p.parent
    elif not (p.is_dir() or str(dataset_path).endswith(("/", os.sep))):
        return p.stem
    return p.resolve().name if p.name in ("", ".", "..") else p.name


def suggest_out(dataset_path: str | os.PathLike[str], refused: str | os.PathLike[str]) -> Path:
    """A folder a build of ``dataset_path`` may write into, other than ``refused``: ``NAME-figures``
    (then ``NAME-figures-2``, ...) in the current folder."""
    base = Path(_name(dataset_path) + _SUFFIX)
    candidate, n = base, 1
    while (candidate.resolve() == Path(refused).resolve()) or refusal(candidate, dataset_path) is not None:
        n += 1
        candidate = Path(f"{base}-{n}")
    return candidate


def stale_files(previous: Manifest | None, written: Mapping[str, list[str] | tuple[str, ...]]) -> list[str]:
    """The files an earlier build listed under a stage that this build ran (a key of ``written``)
    and did not write again: the ones to remove. Stages this build did not run keep their files.

    Examples
    --------
    >>> old = Manifest("d.yaml", None, "0", {"tables": ("a.csv", "b.csv"), "report": ("r.html",)})
    >>> stale_files(old, {"tables": ["a.csv"]})
    ['b.csv']
    >>> stale_files(None, {"tables": ["a.csv"]})
    []
    """
    if previous is None:
        return []
    now = {name for names in written.values() for name in names}
    return sorted(name for stage in written for name in previous.files.get(stage, ()) if name not in now)
