"""Generated sections of a markdown page: text between two markers that a benchmark replaces when run again.

A section named ``NAME`` is held between ``<!-- NAME: start -->`` and
``<!-- NAME: end -->`` lines. ``bench/columnar/run.py`` writes its section
into ``docs/performance.md``; ``bench/run.py``, which writes the rest of that
page, carries every section over.

Examples
--------
>>> page = replace_section("# Performance\\n", "columnar", "| a |\\n")
>>> print(page, end="")
# Performance
<BLANKLINE>
<!-- columnar: start -->
| a |
<!-- columnar: end -->
>>> replace_section(page, "columnar", "| b |\\n").count("| a |"), sections(page)
(0, {'columnar': '<!-- columnar: start -->\\n| a |\\n<!-- columnar: end -->\\n'})
>>> again = "# Performance, again\\n"
>>> keep_sections(page, again) == replace_section(again, "columnar", "| a |\\n")
True
"""

from __future__ import annotations

import re

__all__ = ["replace_section", "sections", "keep_sections"]

_SECTION = re.compile(r"^<!-- (?P<name>[\w./-]+): start -->\n.*?^<!-- (?P=name): end -->\n", re.M | re.S)


def _block(name: str, body: str) -> str:
    return f"<!-- {name}: start -->\n{body.rstrip(chr(10))}\n<!-- {name}: end -->\n"


def sections(page: str) -> dict[str, str]:
    """Name -> the whole marked block (markers included) of every generated section in ``page``."""
    return {m["name"]: m[0] for m in _SECTION.finditer(page)}


def replace_section(page: str, name: str, body: str) -> str:
    """``page`` with section ``name`` holding ``body``: replaced where it is, else added at the end."""
    block = _block(name, body)
    for m in _SECTION.finditer(page):
        if m["name"] == name:
            return page[: m.start()] + block + page[m.end() :]
    return page.rstrip("\n") + "\n\n" + block


def keep_sections(old: str, new: str) -> str:
    """``new`` with every generated section of ``old`` that ``new`` lacks added at the end."""
    have = sections(new)
    for name, block in sections(old).items():
        if name not in have:
            new = new.rstrip("\n") + "\n\n" + block
    return new
