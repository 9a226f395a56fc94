"""Robustness: per period, do the alignment lead and the camps survive other reasonable choices?

The choices varied are the date-allocation rule (split, inside), the mode
(window, memory) and the confidence filter (all ties; stated and hedged;
stated only): twelve variants. A conclusion that holds in only some of them
rests on those choices, and one that fails without hedged or alleged ties
rests on the author's speculation or on reported accusations.

Examples
--------
>>> from network import load
>>> rows = robustness(load("tests/data/mini.yaml"), "albania", ("ussr", "china"))
>>> [(r["period"], r["lead"], r["lead_agree"], r["variants"]) for r in rows]
[('1957', 'ussr', 12, 12), ('1958', 'china', 4, 12), ('1959', 'china', 10, 12), ('1960', None, 6, 12)]
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from itertools import product
from typing import Any

from network.dataset.model import Dataset
from network.measures.alignment import alignment, lead
from network.measures.camps import camps
from network.measures.choices import ALIGNMENT_MEASURE, CONFIDENCE_FILTERS
from network.output.rows import Rows
from network.timeline.snapshots import ALLOCATIONS, HALF_LIFE, MODES, Snapshot, snapshots
from network.timeline.windows import Window

__all__ = ["robustness", "Variant", "VARIANTS", "CONFIDENCE_FILTERS"]


@dataclass(frozen=True)
class Variant:
    """One combination of choices: allocation rule, mode and confidence filter."""

    allocation: str
    mode: str
    confidence: str

    @property
    def label(self) -> str:
        """``split/window/all`` and so on."""
        return f"{self.allocation}/{self.mode}/{self.confidence}"


#: The twelve variants, the default (split/window/all) first.
VARIANTS = tuple(Variant(a, m, c) for a, m, c in product(ALLOCATIONS, MODES, CONFIDENCE_FILTERS))


def _camp_labels(snap: Snapshot, poles: Sequence[str]) -> dict[str, str]:
    """Actor -> camp label (:func:`network.measures.camps.camps`) of the actors with a tie."""
    return {a: c.label for a, c in camps(snap.graph, poles).items() if c.kind != "inactive"}


def _same_camps(base: dict[str, str], other: dict[str, str]) -> bool:
    """Whether every actor placed by both is in the same camp in both."""
    return all(base[a] == other[a] for a in set(base) & set(other))


def _evidence_text(row: dict[str, Any]) -> str:
    """One pole's score, interval and ties as text: ``"china 0.5 (-0.707 to 1.0, 1 ties)"``."""
    if row["score"] is None:
        return f"{row['pole']} -"
    score = round(row["score"], 3)
    if row["low"] is None:
        return f"{row['pole']} {score} ({row['ties']} ties)"
    return f"{row['pole']} {score} ({row['low']} to {row['high']}, {row['ties']} ties)"


def robustness(
    dataset: Dataset,
    focal: str,
    poles: Sequence[str],
    measure: str = ALIGNMENT_MEASURE,
    by: str | Sequence[Window] = "year",
    level: str = "state",
    half_life: float = HALF_LIFE,
    types: Collection[str] | None = None,
    baseline: Variant = VARIANTS[0],
) -> Rows:
    """Per period, whether the alignment lead and the camps hold across the twelve variants.

    Parameters
    ----------
    dataset : Dataset
        The loaded dataset.
    focal, poles, measure
        As in :func:`network.measures.alignment.alignment` (measure default jeffreys).
    by, level, half_life, types
        As in :func:`network.timeline.snapshots.snapshots`; the same in every variant
        (level defaults to ``"state"`` here, as for alignment).
    baseline : Variant
        The reading the others are compared with (default split/window/all).

    Returns
    -------
    Rows
        Keys ``period, focal, scores, lead, lead_agree, lead_holds, blocs,
        blocs_agree, blocs_hold, variants, lead_dissent, blocs_dissent``.
        ``scores`` gives the baseline's score towards each pole with its
        interval and ties, e.g. ``"china 0.5 (-0.707 to 1.0, 1 ties)"``
        (``"china -"`` without evidence), so a lead resting on one tie shows.
        ``lead`` is the baseline's leading pole (None if no pole scores or the
        top is shared); ``lead_agree`` counts the variants with the same lead
        (a variant without a lead disagrees with one that has a lead);
        ``lead_holds`` is true when all do. ``blocs`` is the baseline's
        camps (:func:`network.measures.camps.camps`; lists of actor ids, one per camp);
        a variant agrees when every actor both place is in the same camp.
        The ``*_dissent`` lists name the variants that disagree, e.g.
        ``"split/window/stated"``: a conclusion lost without hedged and alleged
        ties rests on them.

    Examples
    --------
    >>> from network import load
    >>> r = robustness(load("tests/data/mini.yaml"), "albania", ("ussr", "china"))[1]
    >>> r["period"], r["lead"], r["lead_holds"], r["lead_dissent"][:2]
    ('1958', 'china', False, ['split/window/stated', 'split/memory/stated'])
    """
    poles = tuple(poles)
    results: dict[Variant, tuple[dict[str, str | None], list[dict[str, str]], list[str]]] = {}
    evidence: dict[str, list[str]] = {}
    for v in dict.fromkeys((baseline, *VARIANTS)):
        snaps = snapshots(
            dataset,
            by=by,
            level=level,
            mode=v.mode,
            allocation=v.allocation,
            half_life=half_life,
            confidence=CONFIDENCE_FILTERS[v.confidence],
            types=types,
        )
        scored = alignment(snaps, focal, poles, measure)
        leads = lead(scored)
        if v == baseline:
            for r in scored:
                evidence.setdefault(r["period"], []).append(_evidence_text(r))
        results[v] = (leads, [_camp_labels(s, poles) for s in snaps], [s.window.id for s in snaps])
    base_leads, base_blocs, periods = results[baseline]
    out = Rows()
    for i, period in enumerate(periods):
        base_lead, base_part = base_leads.get(period), base_blocs[i]
        lead_dissent = [v.label for v in VARIANTS if results[v][0].get(period) != base_lead]
        bloc_dissent = [v.label for v in VARIANTS if not _same_camps(base_part, results[v][1][i])]
        groups: dict[str, list[str]] = {}
        for actor in sorted(base_part):
            groups.setdefault(base_part[actor], []).append(actor)
        row: dict[str, Any] = {
            "period": period,
            "focal": focal,
            "scores": evidence.get(period, []),
            "lead": base_lead,
            "lead_agree": len(VARIANTS) - len(lead_dissent),
            "lead_holds": not lead_dissent,
            "blocs": list(groups.values()),
            "blocs_agree": len(VARIANTS) - len(bloc_dissent),
            "blocs_hold": not bloc_dissent,
            "variants": len(VARIANTS),
            "lead_dissent": lead_dissent,
            "blocs_dissent": bloc_dissent,
        }
        out.append(row)
    return out
