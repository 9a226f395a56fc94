"""CAMEO event codes and the codebook type each one is coded as: the one table ``docs/events.md`` shows.

CAMEO (Gerner, Schrodt and Yilmaz, *Conflict and Mediation Event
Observations: Event and Actor Codebook*, version 1.1b3, 2012) codes an event
with a two-digit root (``01`` .. ``20``), a three-digit code under it and
sometimes a four-digit one (``0431`` under ``043`` under ``04``). A row of
:data:`ROWS` names a root or a sub-code and the tie type of
``docs/codebook.md`` it is coded as (``None``: not coded, with the reason);
an event takes the row of the longest code that begins its own
(:func:`row_for`), so every code under a root is covered by the root's row
unless a sub-code row says otherwise. ``reverse`` swaps source and target
where CAMEO's actor order is the codebook's reverse (``043`` *host* a visit:
the codebook's visit runs from the visitor to the host).

``docs/events.md`` embeds :func:`markdown_table`; a test keeps the two
identical and checks every type named against :mod:`network.dataset.vocabulary`.

Examples
--------
>>> row_for("0431").code, row_for("0431").type, row_for("0431").reverse
('043', 'visit', True)
>>> row_for("1823").type is None
True
>>> code_problem("42")
"CAMEO code '42' has no root 01-20"
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from network.dataset.vocabulary import TIE_TYPES

__all__ = ["CameoRow", "ROWS", "ROOTS", "row_for", "code_problem", "markdown_table", "UNDIRECTED_TYPES"]


@dataclass(frozen=True, slots=True)
class CameoRow:
    """One row of the table: a CAMEO code, its name, the codebook type (None: not coded) and why."""

    code: str
    name: str
    type: str | None
    reason: str
    reverse: bool = False


#: The CAMEO root codes and their names (CAMEO 1.1b3, chapter 2).
ROOTS = {
    "01": "Make public statement",
    "02": "Appeal",
    "03": "Express intent to cooperate",
    "04": "Consult",
    "05": "Engage in diplomatic cooperation",
    "06": "Engage in material cooperation",
    "07": "Provide aid",
    "08": "Yield",
    "09": "Investigate",
    "10": "Demand",
    "11": "Disapprove",
    "12": "Reject",
    "13": "Threaten",
    "14": "Protest",
    "15": "Exhibit force posture",
    "16": "Reduce relations",
    "17": "Coerce",
    "18": "Assault",
    "19": "Fight",
    "20": "Use unconventional mass violence",
}

_NOT_CODED = None

#: The table, roots in order, each followed by the sub-codes coded otherwise than their root.
ROWS: tuple[CameoRow, ...] = (
    CameoRow(
        "01",
        ROOTS["01"],
        _NOT_CODED,
        "a statement with no act toward the target; no type fits (codebook 2.1)",
    ),
    CameoRow("018", "Make empathetic comment", "praise", "sympathy or condolence is a greeting (codebook 2)"),
    CameoRow("019", "Express accord", "support", "siding with the target's position (codebook 2)"),
    CameoRow(
        "02",
        ROOTS["02"],
        "intent_cooperate",
        "a call to cooperate courts the target (codebook 2: court or woo)",
    ),
    CameoRow("023", "Appeal for aid", _NOT_CODED, "asking for help pledges none; no type fits"),
    CameoRow(
        "024", "Appeal for political reform", _NOT_CODED, "a call on the target to change; no type fits"
    ),
    CameoRow(
        "025",
        "Appeal to yield",
        _NOT_CODED,
        "a call on the target to give way, short of a demand (10); no type fits",
    ),
    CameoRow("03", ROOTS["03"], "intent_cooperate", "a promise or pledge of cooperation (codebook 2)"),
    CameoRow("04", ROOTS["04"], "consult", "talks, meetings, negotiation (codebook 2)"),
    CameoRow("042", "Make a visit", "visit", "the visitor to the host (codebook 5.3)"),
    CameoRow(
        "043",
        "Host a visit",
        "visit",
        "CAMEO's source is the host: swapped, visitor to host (codebook 5.3)",
        True,
    ),
    CameoRow("05", ROOTS["05"], "support", "taking the target's side in public (codebook 2)"),
    CameoRow("051", "Praise or endorse", "praise", "praise (codebook 2)"),
    CameoRow("055", "Apologize", "yield", "a concession (codebook 2)"),
    CameoRow("057", "Sign formal agreement", "agreement", "an agreement, undirected (codebook 5.4)"),
    CameoRow(
        "06", ROOTS["06"], "agreement", "the codebook's CAMEO column puts 06 under agreement (codebook 2)"
    ),
    CameoRow("061", "Cooperate economically", "trade", "a flow of goods (codebook 2)"),
    CameoRow("07", ROOTS["07"], "aid", "help actually given (codebook 2)"),
    CameoRow("08", ROOTS["08"], "yield", "concede, comply, acquiesce (codebook 2)"),
    CameoRow(
        "09",
        ROOTS["09"],
        _NOT_CODED,
        "an inquiry is neither cooperation nor a hostile act the codebook names",
    ),
    CameoRow("10", ROOTS["10"], "coerce", "a demand (codebook 2.1: demand, insistence -> coerce)"),
    CameoRow("11", ROOTS["11"], "disapprove", "criticise, denounce, condemn (codebook 2)"),
    CameoRow("112", "Accuse", "accuse", "an accusation (codebook 2)"),
    CameoRow("12", ROOTS["12"], "reject", "refuse, rebuff (codebook 2)"),
    CameoRow("13", ROOTS["13"], "threaten", "threaten (codebook 2)"),
    CameoRow("14", ROOTS["14"], "disapprove", "a protest against the target condemns it (codebook 2)"),
    CameoRow("15", ROOTS["15"], "threaten", "a show of force is a threat (codebook 2)"),
    CameoRow(
        "16", ROOTS["16"], "reduce_relations", "break relations, halt aid or trade, withdraw (codebook 2)"
    ),
    CameoRow("17", ROOTS["17"], "coerce", "sanctions, arrests, repression (codebook 2)"),
    CameoRow("18", ROOTS["18"], _NOT_CODED, "violence is not coded (codebook 2.1)"),
    CameoRow("19", ROOTS["19"], _NOT_CODED, "violence is not coded (codebook 2.1)"),
    CameoRow("20", ROOTS["20"], _NOT_CODED, "violence is not coded (codebook 2.1)"),
)

#: Types whose ties are undirected whatever the event's actor order (codebook 5.4: an agreement).
UNDIRECTED_TYPES = frozenset({"agreement"})

_BY_CODE = {row.code: row for row in ROWS}
_CODE = re.compile(r"[0-9]{2,4}\Z")


def row_for(code: str) -> CameoRow:
    """The row of ``code``: that of the longest code in :data:`ROWS` that begins it.

    ``code`` must be a valid CAMEO code (see :func:`code_problem`).

    >>> row_for("057").type, row_for("0571").type, row_for("050").type
    ('agreement', 'agreement', 'support')
    """
    for end in (4, 3, 2):
        row = _BY_CODE.get(code[:end])
        if row is not None:
            return row
    raise KeyError(code)


def code_problem(code: str) -> str | None:
    """What is wrong with ``code`` as a CAMEO event code, or None: two to four digits under a root 01-20.

    >>> code_problem("042") is None, code_problem("1823") is None
    (True, True)
    >>> code_problem("04a")
    "CAMEO code '04a' is not 2 to 4 digits"
    """
    if not _CODE.match(code):
        return f"CAMEO code {code!r} is not 2 to 4 digits"
    if code[:2] not in ROOTS:
        return f"CAMEO code {code!r} has no root 01-20"
    return None


def markdown_table() -> str:
    """The table as Markdown, as ``docs/events.md`` shows it (a test keeps the two identical).

    >>> markdown_table().splitlines()[3]
    '| 018 | Make empathetic comment | `praise` | +1 | sympathy or condolence is a greeting (codebook 2) |'
    """
    lines = [
        "| CAMEO | name | type | sign | why |",
        "|---|---|---|---|---|",
    ]
    for row in ROWS:
        if row.type is None:
            typ, sign = "not coded", ""
        else:
            typ = f"`{row.type}`" + (" (swapped)" if row.reverse else "")
            sign = f"{TIE_TYPES[row.type].sign:+d}"
        lines.append(f"| {row.code} | {row.name} | {typ} | {sign} | {row.reason} |")
    return "\n".join(lines) + "\n"
