"""Read a YAML file safely into a tree of nodes that remember their line and column.

Nothing is ever constructed from a tag: the file is *composed* (parsed into
nodes), never loaded, so ``!!python/object`` cannot run code. Anchors and
aliases are refused (the data never needs them, and alias bombs are an
attack). PyYAML's C parser is used when it is available.

Examples
--------
>>> import tempfile, pathlib
>>> p = pathlib.Path(tempfile.mkdtemp()) / "x.yaml"
>>> _ = p.write_text("format: 1\\n")
>>> node, problems = read_yaml(p)
>>> node.value[0][0].value, problems
('format', [])
"""

from __future__ import annotations

import os
import re
import stat
from pathlib import Path

import yaml

from network.dataset.problems import Problem
from network.measures.choices import DEFAULT_MAX_BYTES

__all__ = ["read_yaml", "read_text", "compose_text", "yaml_loader", "DEFAULT_MAX_BYTES"]

try:  # the C parser is much faster; fall back to pure Python where it is missing
    _Loader: type = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - depends on how PyYAML was built
    _Loader = yaml.SafeLoader


# Where a token may start with & (anchor) or * (alias): at the start, after white space or an
# indicator, and followed by a name. Only where this matches does the full pass over events run; it
# matches every real anchor or alias (and some text, such as '*emphasis*', which the pass then clears).
_MAYBE_ANCHOR = re.compile(r"(?<![^\s\[\]{},:?\-'\"!|>])[&*]\S")


# A line holding something other than white space or a comment (a line by '\n'; a match is also one by
# str.splitlines, which breaks at more characters, so it proves the file is not empty).
_CONTENT = re.compile(r"^[ \t]*[^\s#]", re.M)


def yaml_loader() -> type:
    """The safe loader class the readers use: PyYAML's C loader where it is built, else the Python one."""
    return _Loader


def compose_text(text: str) -> yaml.Node | None:
    """Compose YAML ``text`` into nodes with the safe loader (anchors are the caller's business)."""
    return yaml.compose(text, Loader=_Loader)


def _offset_to_line_col(data: bytes, offset: int) -> tuple[int, int]:
    line = data.count(b"\n", 0, offset) + 1
    start = data.rfind(b"\n", 0, offset) + 1
    return line, offset - start + 1


_LIMIT_HINT = "raise the limit with --max-bytes, or use the JSON or CSV form for large data"
_REGULAR_HINT = "save the data to an ordinary file and give its path"
_READ_HINT = "check the file's permissions, or copy it somewhere you can read"


def _read_limited(path: Path, max_bytes: int) -> tuple[bytes | None, str]:
    """The bytes of the regular file ``path``, or None and why not: not a regular file (a pipe,
    a device or a socket, which may never end), or over ``max_bytes`` (by its size or by what a
    read finds, for a file that grows or whose size the system does not know).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "x.yaml"
    >>> _ = p.write_text("format: 1\\n")
    >>> _read_limited(p, 100)
    (b'format: 1\\n', '')
    >>> _read_limited(p, 4)
    (None, 'file is 10 bytes, over the limit of 4 bytes')
    """
    try:
        info = os.stat(path)
        if not stat.S_ISREG(info.st_mode):
            return None, "is not a regular file (a pipe, a device or a socket, which may never end)"
        if info.st_size > max_bytes:
            return None, f"file is {info.st_size:,} bytes, over the limit of {max_bytes:,} bytes"
        # O_NONBLOCK: should the path have become a pipe since, opening it does not wait for a writer
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        with os.fdopen(fd, "rb") as fh:
            if not stat.S_ISREG(os.fstat(fh.fileno()).st_mode):
                return None, "is not a regular file (a pipe, a device or a socket, which may never end)"
            data = fh.read(max_bytes + 1)
    except PermissionError:
        return None, "cannot be read (permission denied)"
    except OSError as exc:
        return None, f"cannot be read ({exc.strerror or exc})"
    if len(data) > max_bytes:
        return None, f"file is over the limit of {max_bytes:,} bytes"
    return data, ""


def read_text(
    path: str | os.PathLike[str], max_bytes: int = DEFAULT_MAX_BYTES
) -> tuple[str | None, list[Problem]]:
    """Read ``path`` as UTF-8 text (a byte-order mark is allowed), or say why not."""
    name = str(path)
    p = Path(path)
    if not p.exists():
        return None, [Problem(name, 0, 0, "no such file", "check the path; the default is data/actors.yaml")]
    if p.is_dir():
        return None, [Problem(name, 0, 0, "is a folder, not a file", "name the YAML file inside it")]
    data, problem = _read_limited(p, max_bytes)
    if data is None:
        hint = _LIMIT_HINT if "limit" in problem else _REGULAR_HINT if "regular" in problem else _READ_HINT
        return None, [Problem(name, 0, 0, problem, hint)]
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line, col = _offset_to_line_col(data, exc.start)
        return None, [
            Problem(name, line, col, f"byte 0x{data[exc.start]:02x} is not UTF-8", "save the file as UTF-8")
        ]
    if _CONTENT.search(text) is None and (  # the search finds content at once; the full test is for the rest
        not text.strip() or all(not ln.strip() or ln.lstrip().startswith("#") for ln in text.splitlines())
    ):
        return None, [Problem(name, 0, 0, "empty file", "start from data/template.yaml")]
    return text, []


def _anchor_problems(name: str, text: str) -> list[Problem]:
    problems = []
    for event in yaml.parse(text, Loader=_Loader):
        mark = event.start_mark
        if mark is None:  # pragma: no cover - the parsers always set marks
            continue
        if isinstance(event, yaml.AliasEvent):
            problems.append(
                Problem(
                    name,
                    mark.line + 1,
                    mark.column + 1,
                    f"alias *{event.anchor} is not allowed",
                    "write the value out in full; anchors and aliases are refused",
                )
            )
        elif isinstance(event, yaml.NodeEvent) and event.anchor:
            problems.append(
                Problem(
                    name,
                    mark.line + 1,
                    mark.column + 1,
                    f"anchor &{event.anchor} is not allowed",
                    "remove the anchor; anchors and aliases are refused",
                )
            )
    return problems


def read_yaml(
    path: str | os.PathLike[str], max_bytes: int = DEFAULT_MAX_BYTES
) -> tuple[yaml.Node | None, list[Problem]]:
    """Compose ``path`` into a YAML node tree, or return the problems that stop it.

    Returns ``(node, [])`` on success and ``(None, problems)`` otherwise.
    """
    name = str(path)
    text, problems = read_text(path, max_bytes)
    if text is None:
        return None, problems
    try:
        if _MAYBE_ANCHOR.search(text):  # cheap pre-check before a second pass over events
            problems = _anchor_problems(name, text)
            if problems:
                return None, problems
        node = compose_text(text)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (0, 0)
        message = f"YAML syntax error: {exc.problem or exc.context}"
        hint = "check the indentation and the quoting on this line"
        bad_line = text.splitlines()[line - 1] if 0 < line <= len(text.splitlines()) else ""
        if "\t" in bad_line[: max(col, 1)] or "\t" in str(exc.problem):
            message = "YAML syntax error: a tab character"
            hint = "indent with spaces; YAML does not allow tabs for indentation"
        return None, [Problem(name, line, col, message, hint)]
    except yaml.YAMLError as exc:
        return None, [Problem(name, 0, 0, f"YAML error: {exc}", "check the file is YAML")]
    if node is None:
        return None, [Problem(name, 0, 0, "empty file", "start from data/template.yaml")]
    return node, []
