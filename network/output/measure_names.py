"""How every output names the centrality measures: a title, a phrase for a sentence, and plain words.

The one home of these names: the figures (a legend's "Node area: ...", the
bump chart's "Rank by ..."), the explorer (an actor's details), the lesson
pages (the table of who was central and its key) all read them here, so a
measure is called the same everywhere. The formulas, ranges and references
are in ``docs/measures.md``.

Examples
--------
>>> MEASURE_NAMES["involvement"].title
'Total weight of ties'
>>> f"Node area: {measure_phrase('involvement')} in the year"
'Node area: total weight of its ties (cooperative + hostile) in the year'
>>> measure_title("pagerank"), measure_phrase("degree_pos")
('PageRank', 'number of cooperative partners')
"""

from __future__ import annotations

from dataclasses import dataclass

from network.measures.choices import INVOLVEMENT

__all__ = ["MeasureName", "MEASURE_NAMES", "measure_title", "measure_phrase", "measure_words"]


@dataclass(frozen=True)
class MeasureName:
    """A measure's names: ``title`` (a heading, a column, a label), ``phrase`` (inside a sentence,
    lower case) and ``words`` (what it rewards and what it ignores, in plain words)."""

    title: str
    phrase: str
    words: str


#: Every centrality measure (:data:`network.measures.choices.CENTRALITY_MEASURES`) by its key.
MEASURE_NAMES: dict[str, MeasureName] = {
    INVOLVEMENT: MeasureName(
        "Total weight of ties",
        "total weight of its ties (cooperative + hostile)",
        "the default ranking: the weights of all the actor's ties in the period added up, cooperative "
        "and hostile alike; you can check it from the ties listed. It rewards being much reported; it "
        "ignores whether the ties are friendly or hostile and who they are with.",
    ),
    "ties": MeasureName(
        "Ties",
        "number of ties",
        "how many ties the actor has in the period (it breaks equal totals). It rewards being often "
        "mentioned; it ignores how strong each tie is.",
    ),
    "degree_pos": MeasureName(
        "Cooperative partners",
        "number of cooperative partners",
        "how many actors it cooperated with on balance. It rewards many friends; it ignores how much.",
    ),
    "degree_neg": MeasureName(
        "Hostile partners",
        "number of hostile partners",
        "how many actors it was hostile to on balance. It rewards many enemies; it ignores how much.",
    ),
    "strength": MeasureName(
        "Net strength",
        "net strength",
        "cooperative weight minus hostile weight. It rewards friendliness; a much-attacked actor "
        "scores low however central it was to the quarrel.",
    ),
    "strength_pos": MeasureName(
        "Cooperative strength", "cooperative strength", "the weight of its cooperative ties only."
    ),
    "strength_neg": MeasureName(
        "Hostile strength", "hostile strength", "the weight of its hostile ties only."
    ),
    "betweenness": MeasureName(
        "Betweenness",
        "betweenness",
        "how often it lies on the shortest cooperative path between two others. It rewards being a "
        "go-between; it ignores hostile ties and actors at the edge of the network.",
    ),
    "eigenvector": MeasureName(
        "Eigenvector",
        "eigenvector centrality",
        "cooperating strongly with actors who themselves cooperate strongly. It rewards being in the "
        "thick of the friendly core; it ignores hostile ties.",
    ),
    "pagerank": MeasureName(
        "PageRank",
        "PageRank",
        "like eigenvector, but every actor passes on a share of its standing. It ignores hostile ties.",
    ),
    "pn": MeasureName(
        "PN index",
        "PN index",
        "cooperative ties to well-connected actors, each hostile tie counting against twice as much "
        "(Everett and Borgatti 2014). It rewards friends of the well-connected; it punishes enemies, "
        "so a fiercely contested actor can rank low; not something to check by hand.",
    ),
}


def measure_title(key: str) -> str:
    """The measure's title (a heading, a column, a label); an unknown key as it is.

    >>> measure_title("strength"), measure_title("other")
    ('Net strength', 'other')
    """
    found = MEASURE_NAMES.get(key)
    return key if found is None else found.title


def measure_phrase(key: str) -> str:
    """The measure's name inside a sentence; an unknown key as it is.

    >>> measure_phrase("eigenvector")
    'eigenvector centrality'
    """
    found = MEASURE_NAMES.get(key)
    return key if found is None else found.phrase


def measure_words(key: str) -> str:
    """What the measure rewards and what it ignores, in plain words ("" for an unknown key).

    >>> measure_words("strength_pos")
    'the weight of its cooperative ties only.'
    """
    found = MEASURE_NAMES.get(key)
    return "" if found is None else found.words
