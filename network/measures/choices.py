"""The choices the analyses offer, as plain constants (no heavy imports).

The command line reads these to build its options without importing
networkx, numpy or matplotlib, so ``entente --help`` and ``entente validate``
start fast; the analysis modules import them from here too, so each choice is
defined once.

Examples
--------
>>> LEVELS, MODES, ALLOCATIONS
(('person', 'state'), ('window', 'memory'), ('split', 'inside'))
"""

from __future__ import annotations

__all__ = [
    "LEVELS",
    "MODES",
    "ALLOCATIONS",
    "HALF_LIFE",
    "CENTRALITY_MEASURES",
    "RANK_BY",
    "ALIGNMENT_MEASURES",
    "ALIGNMENT_MEASURE",
    "ALIGNMENT_LEVEL",
    "EXPORT_FORMATS",
    "CONFIDENCE_FILTERS",
    "INVOLVEMENT",
    "SIZE_MEASURES",
    "DEFAULT_MAX_BYTES",
    "FORMS",
    "BETWEENNESS_EXACT_MAX",
    "BETWEENNESS_SAMPLES",
]

#: Person level (actors as they are) or state level (ties projected along member_of).
LEVELS = ("person", "state")
#: window: only a period's own ties; memory: earlier ties carry on with a half-life.
MODES = ("window", "memory")
#: How an event dated across windows is counted: split evenly, or only where wholly inside.
ALLOCATIONS = ("split", "inside")
#: Default half-life of a tie's weight in memory mode, in days (one year).
HALF_LIFE = 365.25
#: The measure "involvement": the total weight of an actor's ties in the period (cooperative + hostile).
INVOLVEMENT = "involvement"
#: The numeric centrality columns a period can be ranked by.
CENTRALITY_MEASURES = (
    INVOLVEMENT,
    "ties",
    "degree_pos",
    "degree_neg",
    "strength",
    "strength_pos",
    "strength_neg",
    "betweenness",
    "eigenvector",
    "pagerank",
    "pn",
)
#: The one default "who was central" of every output (command line, lesson pages, explorer, bump
#: chart, diff): involvement, the total weight of an actor's ties in the period, which a teacher can
#: add up by hand from the ties listed; equal values go to more ties, then to the actor id.
RANK_BY = INVOLVEMENT
#: Alignment measures; see network.measures.alignment and docs/measures.md.
ALIGNMENT_MEASURES = ("jeffreys", "net", "weight", "s_score")
#: Default alignment measure: the cooperative share under a Jeffreys prior, which weighs the evidence.
ALIGNMENT_MEASURE = "jeffreys"
#: Coverage of the alignment interval.
ALIGNMENT_LEVEL = 0.95
#: Node size in the figures: total weight of an actor's ties (the default), or another centrality measure.
SIZE_MEASURES = CENTRALITY_MEASURES
#: Formats of ``entente export``.
EXPORT_FORMATS = ("gexf", "graphml", "csv", "json")
#: Confidence filters compared by the robustness analysis: all ties, stated and hedged, stated only.
CONFIDENCE_FILTERS: dict[str, frozenset[str] | None] = {
    "all": None,
    "stated+hedged": frozenset({"stated", "hedged"}),
    "stated": frozenset({"stated"}),
}

#: Data files larger than this are refused unless --max-bytes raises the limit (64 MiB).
DEFAULT_MAX_BYTES = 64 * 1024 * 1024
#: The forms a dataset can be read from and written to (docs/tabular.md).
FORMS = ("yaml", "json", "csv")
#: Above this many active actors in a period, betweenness is estimated from a sample of sources.
BETWEENNESS_EXACT_MAX = 1000
#: Sampled sources (seeded) of the estimate above :data:`BETWEENNESS_EXACT_MAX` (docs/measures.md).
BETWEENNESS_SAMPLES = 100
