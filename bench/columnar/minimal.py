"""The minimal script: the same aggregation in plain DuckDB and networkx, with no validation.

What any researcher would write in a few lines, and the floor the columnar
path is measured against: read the tie table (CSV or Parquet), take each
event's year from its date, sum each state-level dyad per year (net signed
weight, positive weight, negative weight, number of events), then PageRank
on each year's graph of positive net ties. It trusts the data: no check of
ids, dates, signs or actors, no windows other than the year in the first four
characters of the date, no projection (the events are between states
already), no allocation of dates across years (the generator writes none).

Usage::

    python bench/columnar/minimal.py FOLDER_OR_FILE     # prints the years and the top state of each

Examples
--------
>>> import tempfile
>>> from events import generate
>>> out = generate(2000, tempfile.mkdtemp(), seed=1, states=10, years=3)
>>> dyads = yearly_dyads(out / "csv")
>>> sorted(dyads) == [1995, 1996, 1997], sum(n for rows in dyads.values() for *_, n in rows)
(True, 2000)
>>> dyads == yearly_dyads(out / "parquet")
True
>>> scores = pagerank_per_year(positive_graphs(dyads))
>>> round(sum(scores[1996].values()), 6)
1.0
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

__all__ = ["QUERY", "reader", "yearly_dyads", "positive_graphs", "pagerank_per_year", "minimal"]

#: Net weights closer to zero than this count as zero (as in network.timeline.snapshots).
ZERO = 1e-9

#: The whole aggregation: one row per (year, dyad), the dyad's ids in order.
QUERY = """
SELECT CAST(substr(date, 1, 4) AS INTEGER) AS year,
       least(source, target) AS a,
       greatest(source, target) AS b,
       sum(sign * weight) AS net,
       sum(CASE WHEN sign > 0 THEN weight ELSE 0 END) AS pos,
       sum(CASE WHEN sign < 0 THEN weight ELSE 0 END) AS neg,
       count(*) AS n
FROM {table}
GROUP BY ALL
ORDER BY year, a, b
"""


def reader(path: str | Path) -> str:
    """The DuckDB table function reading the ties of ``path`` (a CSV or Parquet folder, or its ties file).

    >>> reader("/data/ev/parquet")
    "read_parquet('/data/ev/parquet/ties.parquet')"
    """
    p = Path(path)
    if p.is_dir() or not p.suffix:
        p = p / ("ties.parquet" if (p / "ties.parquet").exists() or p.name == "parquet" else "ties.csv")
    if p.suffix == ".parquet":
        return f"read_parquet('{p}')"
    return f"read_csv('{p}', header = true, types = {{'date': 'VARCHAR', 'weight': 'DOUBLE'}})"


def yearly_dyads(path: str | Path) -> dict[int, list[tuple[str, str, float, float, float, int]]]:
    """Year -> its dyads as ``(a, b, net, pos, neg, n)``, ``a < b``, from one DuckDB query."""
    import duckdb

    con = duckdb.connect()
    rows = con.execute(QUERY.format(table=reader(path))).fetchall()
    con.close()
    out: dict[int, list[tuple[str, str, float, float, float, int]]] = {}
    for year, a, b, net, pos, neg, n in rows:
        out.setdefault(year, []).append((a, b, net, pos, neg, n))
    return out


def positive_graphs(
    dyads: dict[int, list[tuple[str, str, float, float, float, int]]],
) -> Iterator[tuple[int, Any]]:
    """Each year's graph: every state in a dyad that year, an edge of weight ``net`` where it is positive."""
    import networkx as nx

    for year in sorted(dyads):
        g = nx.Graph()
        g.add_nodes_from(x for a, b, *_ in dyads[year] for x in (a, b))
        g.add_weighted_edges_from((a, b, net) for a, b, net, *_ in dyads[year] if net > ZERO)
        yield year, g


def pagerank_per_year(graphs: Iterable[tuple[int, Any]]) -> dict[int, dict[str, float]]:
    """PageRank (alpha 0.85, weighted) of each year's graph: every path of the benchmark ends with it."""
    import networkx as nx

    return {year: nx.pagerank(g, alpha=0.85, weight="weight") for year, g in graphs}


def minimal(path: str | Path) -> dict[int, dict[str, float]]:
    """The whole minimal script: tie table -> yearly state-level dyads -> PageRank per year."""
    return pagerank_per_year(positive_graphs(yearly_dyads(path)))


if __name__ == "__main__":
    for year, scores in minimal(sys.argv[1]).items():
        top = max(scores, key=scores.__getitem__) if scores else "-"
        print(year, len(scores), top)
