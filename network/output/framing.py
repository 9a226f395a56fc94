"""What an output says when the dataset declares no framing (one home for that sentence).

Examples
--------
>>> no_framing("the alignment time line").split(" (")[0]
'the alignment time line left out: the dataset declares no framing'
>>> HOW_TO_FRAME.split(";")[0]
"add 'framing: {focal: ID, poles: [ID, ID]}' at its top level"
"""

from __future__ import annotations

__all__ = ["no_framing", "HOW_TO_FRAME"]

#: How to add a framing, in one line.
HOW_TO_FRAME = "add 'framing: {focal: ID, poles: [ID, ID]}' at its top level; see docs/format.md"


def no_framing(what: str, override: bool = False, options: str = "--focal and --pole") -> str:
    """The one-line note for ``what``, an output left out for want of a framing.

    With ``override``, the note also names the command-line ``options`` that give one.
    """
    how = HOW_TO_FRAME + (f", or give {options}" if override else "")
    return f"{what} left out: the dataset declares no framing ({how})"
