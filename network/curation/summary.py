"""Curation summary: counts of ties per year, type, actor and confidence, so thin years show.

An event tie counts in every year its date may fall in, split evenly (a
``1958/1959`` tie adds 0.5 to each); a standing tie is listed apart, by the
years it is in force.

Examples
--------
>>> from network import load
>>> s = summarize(load("data/template.yaml"))
>>> s["ties"], s["by_confidence"]
(5, {'hedged': 3, 'stated': 2})
"""

from __future__ import annotations

from collections import Counter
from datetime import date
from typing import Any

from network.dataset.model import Dataset
from network.output.rows import Rows

__all__ = ["summarize", "format_summary", "summary_rows"]


def summarize(dataset: Dataset) -> dict[str, Any]:
    """Counts describing a dataset: per year, per type, per actor, per confidence."""
    by_year: dict[int, float] = {}
    standing_years: Counter[int] = Counter()
    first: date | None
    last: date | None
    try:
        first, last = dataset.span
    except ValueError:
        first = last = None
    for tie in dataset.ties:
        if tie.is_event and first is not None and last is not None:
            lo, hi = max(tie.lower.year, first.year), min(tie.upper.year, last.year)
            share = 1.0 / (hi - lo + 1)
            for y in range(lo, hi + 1):
                by_year[y] = by_year.get(y, 0.0) + share
        elif not tie.is_event and first is not None and last is not None:
            lo = max(tie.lower.year, first.year)
            hi = min(tie.upper.year, last.year)
            for y in range(lo, hi + 1):
                standing_years[y] += 1
    by_actor: Counter[str] = Counter()
    for tie in dataset.ties:
        by_actor[tie.source] += 1
        by_actor[tie.target] += 1
    return {
        "title": dataset.title,
        "actors": len(dataset.actors),
        "ties": len(dataset.ties),
        "events": sum(1 for t in dataset.ties if t.is_event),
        "standing": sum(1 for t in dataset.ties if not t.is_event),
        "periods": len(dataset.periods),
        "by_year": {y: round(by_year[y], 2) for y in sorted(by_year)},
        "standing_by_year": dict(sorted(standing_years.items())),
        "by_type": dict(Counter(t.type or "(none)" for t in dataset.ties).most_common()),
        "by_sign": {"+1": sum(t.sign > 0 for t in dataset.ties), "-1": sum(t.sign < 0 for t in dataset.ties)},
        "by_confidence": dict(Counter(t.confidence for t in dataset.ties).most_common()),
        "by_actor": dict(sorted(by_actor.items(), key=lambda kv: (-kv[1], kv[0]))),
        "by_kind": dict(Counter(a.kind for a in dataset.actors.values()).most_common()),
    }


def format_summary(summary: dict[str, Any], top_actors: int = 15) -> str:
    """Plain-text rendering of :func:`summarize`, with a bar per year."""
    lines = [
        f"{summary['title'] or '(untitled)'}",
        f"{summary['actors']} actors, {summary['ties']} ties "
        f"({summary['events']} events, {summary['standing']} standing), {summary['periods']} periods",
        "",
        "ties per year (events; a multi-year date is split evenly; + standing ties in force)",
    ]
    peak = max(summary["by_year"].values(), default=1)
    years = sorted(set(summary["by_year"]) | set(summary["standing_by_year"]))
    for y in years:
        n = summary["by_year"].get(y, 0)
        bar = "#" * round(30 * n / peak) if peak else ""
        lines.append(f"  {y}  {n:6.1f} +{summary['standing_by_year'].get(y, 0):3d}  {bar}")
    for key, label in (
        ("by_type", "type"),
        ("by_sign", "sign"),
        ("by_confidence", "confidence"),
        ("by_kind", "actor kind"),
    ):
        lines.append("")
        lines.append(f"ties per {label}" if key != "by_kind" else "actors per kind")
        for k, v in summary[key].items():
            lines.append(f"  {k:<20} {v:5d}")
    lines.append("")
    lines.append(f"ties per actor (top {top_actors})")
    for k, v in list(summary["by_actor"].items())[:top_actors]:
        lines.append(f"  {k:<20} {v:5d}")
    return "\n".join(lines)


#: The counts of :func:`summarize` as rows, in this order: key -> what the ``count`` column counts.
_ROW_GROUPS = {
    "by_year": "ties (events) per year",
    "standing_by_year": "standing ties in force per year",
    "by_type": "ties per type",
    "by_sign": "ties per sign",
    "by_confidence": "ties per confidence",
    "by_kind": "actors per kind",
    "by_actor": "ties per actor",
}


def summary_rows(summary: dict[str, Any]) -> Rows:
    """:func:`summarize` as rows ``group, key, count`` (for ``--format csv``): the totals first
    (group ``total``), then each count, every actor included.

    Examples
    --------
    >>> from network import load
    >>> rows = summary_rows(summarize(load("data/template.yaml")))
    >>> rows[0], rows[1]
    ({'group': 'total', 'key': 'actors', 'count': 7}, {'group': 'total', 'key': 'ties', 'count': 5})
    >>> sorted({r["group"] for r in rows})[:3]
    ['actor', 'confidence', 'kind']
    """
    rows = Rows(
        {"group": "total", "key": key, "count": summary[key]}
        for key in ("actors", "ties", "events", "standing", "periods")
    )
    for key in _ROW_GROUPS:
        group = key.removeprefix("by_").replace("_by_", "_")
        rows.extend({"group": group, "key": str(k), "count": v} for k, v in summary[key].items())
    return rows
