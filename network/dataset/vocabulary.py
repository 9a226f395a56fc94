"""Closed vocabularies of format v1: actor kinds, confidence levels and tie types.

Tie types follow the codebook (``docs/codebook.md``), aligned with the CAMEO
event categories where they fit. Each type has the sign it usually carries;
``--strict`` validation reports a tie whose sign disagrees with its type.

Examples
--------
>>> TIE_TYPES["accuse"].sign, TIE_TYPES["accuse"].cameo
(-1, '112')
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["ACTOR_KINDS", "CONFIDENCE", "TieType", "TIE_TYPES", "STANDING_TYPES"]

ACTOR_KINDS = ("person", "state", "party", "organisation", "group")
CONFIDENCE = ("stated", "hedged", "alleged")


@dataclass(frozen=True, slots=True)
class TieType:
    """A tie type: its usual sign, nearest CAMEO code and one-line definition."""

    name: str
    sign: int
    cameo: str
    definition: str


_TYPES = [
    TieType("consult", 1, "04", "meet, hold talks or negotiate"),
    TieType("visit", 1, "042", "make or host a visit; send or receive a delegation"),
    TieType("praise", 1, "051", "praise, thank, greet or congratulate"),
    TieType("support", 1, "05", "take another's side publicly, defend it, declare solidarity"),
    TieType("intent_cooperate", 1, "03", "promise aid or pledge cooperation"),
    TieType("agreement", 1, "057", "sign an agreement, treaty or trade protocol"),
    TieType("trade", 1, "061", "trade, ship or buy goods"),
    TieType("aid", 1, "07", "give credits, loans, technical help, grants or cancel a debt"),
    TieType("alliance", 1, "-", "a standing cooperative relation: diplomatic relations, patronage, axis"),
    TieType("yield", 1, "08", "concede, comply or acquiesce"),
    TieType("disapprove", -1, "11", "criticise, denounce or condemn"),
    TieType("accuse", -1, "112", "accuse of crimes, espionage, revisionism or plotting"),
    TieType("reject", -1, "12", "refuse, snub or rebuff"),
    TieType("threaten", -1, "13", "threaten"),
    TieType("reduce_relations", -1, "16", "break relations, halt aid or trade, withdraw"),
    TieType("coerce", -1, "17", "apply economic pressure, purge, arrest or try"),
    TieType("subvert", -1, "-", "plot or attempt to overthrow a leadership"),
    TieType("rivalry", -1, "-", "a standing hostile relation"),
]

TIE_TYPES: dict[str, TieType] = {t.name: t for t in _TYPES}
STANDING_TYPES = ("alliance", "rivalry")
