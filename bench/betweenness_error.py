"""How far the sampled betweenness is from exact, on the busiest year of a dataset (person level).

    python bench/betweenness_error.py /tmp/entente-bench/synth-200k.json

For the 20 most central actors by exact betweenness, the relative error of the estimate from
100 and from 500 sampled sources (seeds 0-2), and how many of the exact top 10 the estimate
(seed 2) puts in its top 10. docs/measures.md quotes the result. Takes about a minute at 200k ties.
"""

from __future__ import annotations

import json
import statistics
import sys

from network import load
from network.measures.betweenness import betweenness
from network.measures.centrality import _graphs
from network.timeline.snapshots import snapshots


def main(argv: list[str]) -> int:
    snaps = snapshots(load(argv[0]), by="year", level="person")
    busiest = max(snaps, key=lambda s: s.graph.number_of_edges())
    _, _, positive = _graphs(busiest.graph)
    exact = betweenness(positive, k=None, weight="distance", seed=0)
    top = sorted(exact, key=exact.__getitem__, reverse=True)[:20]
    for k in (100, 500):
        errors = []
        for seed in range(3):
            estimate = betweenness(positive, k=k, weight="distance", seed=seed)
            errors += [abs(estimate[a] - exact[a]) / exact[a] for a in top]
        estimated_top = sorted(estimate, key=estimate.__getitem__, reverse=True)[:10]
        print(
            json.dumps(
                {
                    "year": busiest.period,
                    "actors": positive.number_of_nodes(),
                    "samples": k,
                    "median_relative_error_top20": round(statistics.median(errors), 3),
                    "largest_relative_error_top20": round(max(errors), 3),
                    "exact_top10_in_estimated_top10": len(set(estimated_top) & set(top[:10])),
                }
            )
        )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
