"""Where a YAML text holds comments (other than the schema line), so that nothing rewrites them away.

``entente fmt`` writes the canonical text, which has no room for comments
(records are sorted and nested records put on one line, so a comment has no
fixed place to go). Rather than drop a curator's comments silently, ``fmt``
finds them here and refuses unless told ``--drop-comments``.

A ``#`` is a comment where it lies outside every scalar the YAML scanner
reads (so ``'a # b'``, ``a#b`` and the inside of a ``|`` block are not).

Examples
--------
>>> comment_lines("# yaml-language-server: $schema=x.json\\nformat: 1  # the version\\nname: 'a # b'\\n")
[2]
>>> comment_lines("format: 1\\nnote: |\\n  # not a comment\\n")
[]
"""

from __future__ import annotations

import yaml

from network.dataset.yaml_nodes import yaml_loader

__all__ = ["comment_lines"]


def comment_lines(text: str) -> list[int]:
    """The line numbers (from 1) of ``text`` holding a comment, but for the schema line on line 1.

    A text the scanner cannot read gives the lines whose first non-blank character is ``#``.
    """
    inside: list[tuple[int, int]] = []
    try:
        for token in yaml.scan(text, Loader=yaml_loader()):
            if isinstance(token, yaml.ScalarToken):
                inside.append((token.start_mark.index, token.end_mark.index))
    except yaml.YAMLError:
        return [n for n, line in enumerate(text.splitlines(), 1) if line.lstrip().startswith("#")]
    lines: set[int] = set()
    spans = iter(sorted(inside))
    span = next(spans, None)
    at = text.find("#")
    while at != -1:
        while span is not None and span[1] <= at:
            span = next(spans, None)
        if span is None or not span[0] <= at < span[1]:
            lines.add(text.count("\n", 0, at) + 1)
        at = text.find("#", at + 1)
    first = text.split("\n", 1)[0]
    if first.startswith("# yaml-language-server:"):
        lines.discard(1)
    return sorted(lines)
