"""Standard output and error that never fail on a character their encoding cannot show.

A terminal or a pipe set to ASCII (``PYTHONIOENCODING=ascii``, ``LANG=C`` on an
old system) cannot show a name such as ``Zhōu Ēnlái``. Rather than end in a
``UnicodeEncodeError`` half way through a table, the streams write such a
character as the escape JSON reads back as the same character (``\\u014d``), so a
JSON output stays valid and means the same, and :func:`note_unshown` says once,
on standard error, that they did and how to see the names as they are.

Examples
--------
>>> import io
>>> raw = io.BytesIO()
>>> stream = io.TextIOWrapper(raw, encoding="ascii")
>>> _show_everything_on(stream)
>>> _ = stream.write("Zh\\u014du"); stream.flush(); raw.getvalue()
b'Zh\\\\u014du'
>>> import json; json.loads('"Zh\\\\u014du"')
'Zh\u014du'
"""

from __future__ import annotations

import codecs
import io
import sys

__all__ = ["show_everything", "note_unshown"]

_HANDLER = "entente-escape"
_unshown = 0


def _json_escape(char: str) -> str:
    r"""``\uXXXX`` (a surrogate pair beyond the first plane): the escape JSON reads as ``char``.

    >>> _json_escape("\u014d"), _json_escape("\U0001F600")
    ('\\u014d', '\\ud83d\\ude00')
    """
    code = ord(char)
    if code <= 0xFFFF:
        return f"\\u{code:04x}"
    code -= 0x10000
    return f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}"


def _escape(exc: UnicodeError) -> tuple[str, int]:
    global _unshown
    if not isinstance(exc, UnicodeEncodeError):  # pragma: no cover - registered for output only
        raise exc
    _unshown += 1
    return "".join(_json_escape(c) for c in exc.object[exc.start : exc.end]), exc.end


codecs.register_error(_HANDLER, _escape)


def _show_everything_on(stream: object) -> None:
    if isinstance(stream, io.TextIOWrapper) and stream.errors in ("strict", "surrogateescape"):
        stream.reconfigure(errors=_HANDLER)


def show_everything() -> None:
    """Make ``sys.stdout`` and ``sys.stderr`` write what their encoding cannot show as escapes."""
    _show_everything_on(sys.stdout)
    _show_everything_on(sys.stderr)


def note_unshown() -> None:
    """Say once, on standard error, that some characters were written as escapes (if any were)."""
    global _unshown
    if _unshown:
        encoding = getattr(sys.stdout, "encoding", "?")
        _unshown = 0
        print(
            f"entente: the output's encoding ({encoding}) cannot show some characters; they were written "
            "as \\uXXXX escapes: set PYTHONIOENCODING=utf-8 (or a UTF-8 locale) to see them as they are",
            file=sys.stderr,
        )
