"""The explorer page: the template, its script and style, and the data, in one self-contained HTML file.

The data goes in a ``<script type="application/json">`` element with ``<``,
``>``, ``&``, U+2028 and U+2029 written as ``\\u003c`` and the like, so no
field, not even one holding ``</script>``, can end the element early. A
Content-Security-Policy allows only the page's own script and style (by
their SHA-256) and no connection at all, so the page fetches nothing.

Examples
--------
>>> embed_json({"evidence": "</script><script>alert(1)</script>"})
'{"evidence":"\\\\u003c/script\\\\u003e\\\\u003cscript\\\\u003ealert(1)\\\\u003c/script\\\\u003e"}'
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
import os
import re
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from network.dataset.model import Dataset
from network.explorer.data import payload
from network.output.atomic import write_text

if TYPE_CHECKING:
    from network.measures.balance import PartitionCache
    from network.output.layout import LayoutCache

__all__ = ["embed_json", "render_page", "write_explorer", "LEVEL_TEXT"]

#: What each snapshot level means, as the page's subtitle says it.
LEVEL_TEXT = {
    "person": "Person level: every actor as the source names it",
    "state": "State level: persons and parties counted with the state they belong to",
}
_ESCAPES = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}
_MARKERS = ("@@CSP@@", "@@TITLE@@", "@@LEVEL@@", "@@VIEWBOX@@", "@@CSS@@", "@@DATA@@", "@@JS@@")
_MARKER = re.compile("|".join(_MARKERS))


def embed_json(data: Any) -> str:
    """``data`` as compact JSON that is safe inside a ``<script>`` element (see the module docstring)."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return "".join(_ESCAPES.get(c, c) for c in text)


def _asset(name: str) -> str:
    return resources.files(__package__).joinpath(name).read_text(encoding="utf-8")


def _sha256(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii") + "'"


def render_page(data: dict[str, Any]) -> str:
    """The explorer's HTML for a payload from :func:`network.explorer.data.payload`.

    The same payload gives the same text, byte for byte.
    """
    template = _asset("template.html")
    for marker in _MARKERS:
        if marker not in template:  # pragma: no cover - guards edits to the template
            raise ValueError(f"the explorer template lacks {marker}")
    css = "\n" + _asset("explorer.css").strip() + "\n"
    js = "\n" + _asset("explorer.js").strip() + "\n"
    # the template wraps each in a newline: hash exactly the text between the tags
    csp = (
        f"default-src 'none'; script-src {_sha256(js)}; style-src {_sha256(css)}; "
        "img-src data:; connect-src 'none'; form-action 'none'; base-uri 'none'"
    )
    view = data["look"]["view"]
    values = {
        "@@CSP@@": csp,
        "@@TITLE@@": html.escape(str(data.get("title") or "entente explorer")),
        "@@LEVEL@@": html.escape(LEVEL_TEXT.get(data.get("level", ""), str(data.get("level", "")))),
        "@@VIEWBOX@@": f"0 0 {view['width']:g} {view['height']:g}",
        "@@CSS@@": css.strip("\n"),
        "@@DATA@@": embed_json(data),
        "@@JS@@": js.strip("\n"),
    }
    # one pass: text put in is never searched for markers again
    return _MARKER.sub(lambda m: values[m.group(0)], template)


def write_explorer(
    dataset: Dataset,
    out_path: str | os.PathLike[str] = "figures/explorer.html",
    level: str = "person",
    *,
    partitions: PartitionCache | None = None,
    layouts: LayoutCache | None = None,
) -> Path:
    """Write the explorer for ``dataset`` to ``out_path`` (atomically) and return the path.

    Parameters
    ----------
    dataset : Dataset
        The loaded dataset.
    out_path : path
        Where to write (default ``figures/explorer.html``); folders are made.
    level : {"person", "state"}
        Snapshot level.
    partitions, layouts : optional
        A build's caches, as for :func:`network.explorer.data.payload`.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from network import load
    >>> p = write_explorer(load("tests/data/mini.yaml"), pathlib.Path(tempfile.mkdtemp()) / "x.html")
    >>> p.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    True
    """
    path = Path(out_path)
    write_text(path, render_page(payload(dataset, level=level, partitions=partitions, layouts=layouts)))
    return path
