"""Discussion questions for a teacher, drawn from a period's data: flips, the centre, balance, doubts.

Each question names the actors, the dates and the footnotes it rests on, so a
class can check the answer in the source. At most :data:`MAX_QUESTIONS` per
page, the most telling first.

Examples
--------
>>> from network import load
>>> from network.report.lesson import lesson
>>> qs = lesson(load("tests/data/mini.yaml")).pages[1].questions
>>> qs[0].startswith("Between Rapprochement, 1957-November 1958 and Crisis, December 1958-1960")
True
>>> qs[0][73:]
'the tie between China and Soviet Union turned from cooperation to hostility. Read the ties behind it \
(mini, p. 7; mini, p. 2). What changed, and who moved first?'
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from network.measures.camps import camp_text

if TYPE_CHECKING:  # pragma: no cover
    from network.report.lesson import Change, Page

__all__ = ["questions", "MAX_QUESTIONS"]

#: The most questions a page asks.
MAX_QUESTIONS = 5
_CITES = 3  # citations named in one question


def _cites(change: Change) -> str:
    notes = [n.citation for n in (*change.now, *change.before) if n.citation]
    unique = list(dict.fromkeys(notes))
    more = len(unique) - _CITES
    return "; ".join(unique[:_CITES]) + (f"; and {more} more" if more > 0 else "")


def _flip(page: Page, c: Change) -> str:
    before = "cooperation" if (c.weight_before or 0) > 0 else "hostility"
    now = "cooperation" if (c.weight_now or 0) > 0 else "hostility"
    prev = page.previous.label if page.previous else "the previous period"
    return (
        f"Between {prev} and {page.window.label} the tie between {c.names[0]} and {c.names[1]} turned "
        f"from {before} to {now}. Read the ties behind it ({_cites(c)}). What changed, and who moved first?"
    )


def questions(page: Page, names: Mapping[str, str], focal: str | None = None) -> list[str]:
    """The discussion questions of one page (see the module docstring).

    Parameters
    ----------
    page : Page
        A page of :func:`network.report.lesson.lesson` (without questions yet).
    names : mapping
        Actor id -> name.
    focal : str, optional
        The actor the lesson follows (the dataset's ``framing: focal``); a question
        asks about its camp when it has one.
    """
    out: list[str] = []
    label = page.window.label
    flips = [c for c in page.changes if c.kind == "flipped"]
    for c in flips[:2]:
        out.append(_flip(page, c))
    if page.previous is not None:
        broken = [c for c in page.changes if c.kind == "broken"]
        formed = [c for c in page.changes if c.kind == "formed"]
        if broken and formed:
            b, f = broken[0], formed[0]
            out.append(
                f"In {label} the tie between {b.names[0]} and {b.names[1]} disappears from the record "
                f"while one between {f.names[0]} and {f.names[1]} appears ({_cites(f)}). Is a tie that "
                f"the source stops mentioning really broken? What else could explain the silence?"
            )
    if page.central:
        top = page.central[0]
        rival = page.central[1]["name"] if len(page.central) > 1 else None
        text = (
            f"{top['name']} was the most central actor in {label} (first by the total weight of its "
            f"{top['ties']} ties, {top['involvement']:g}; cooperative with {top['degree_pos']} actors and "
            f"hostile to {top['degree_neg']})."
        )
        text += f" Why {top['name']} rather than {rival}?" if rival else " Why?"
        out.append(text + " Which single tie, if the source had not reported it, would change that most?")
    bal = page.balance
    if bal.unbalanced:
        x, y, z = (names.get(n, n) for n in bal.unbalanced[0])
        out.append(
            f"The triangle {x}, {y} and {z} is unbalanced in {label}: an odd number of its three ties "
            f"are hostile (a friend of a friend is an enemy, or an enemy of an enemy too). Balance theory "
            f"says one of them should change. Which one did, in the next period?"
        )
    elif bal.edges and bal.frustration == 0:
        out.append(
            f"In {label} the network is balanced: its actors split into two sides with every cooperative "
            f"tie inside a side and every hostile tie between them. Is a balanced network a stable one?"
        )
    if focal is not None and focal in {r["actor"] for r in page.central} | {
        a for c in page.changes for a in (c.source, c.target)
    }:
        camp = bal.camp_of.get(focal)
        if camp is not None and camp.kind in ("cooperative", "enemy_side"):
            out.append(
                f"In {label} {names.get(focal, focal)} is {camp_text(camp, names)}. Which ties put it "
                f"there, and which of them would you call the turning point?"
            )
    doubtful = [n for n in page.ties if n.confidence != "stated"]
    if doubtful:
        n = doubtful[0]
        out.append(
            f"{len(doubtful)} of the {len(page.ties)} ties of {label} are not stated outright by the "
            f"source but hedged or alleged, such as the {n.type} tie from {n.source} to {n.target} "
            f"({n.when}; {n.citation}). Would the picture change without them?"
        )
    return out[:MAX_QUESTIONS]
