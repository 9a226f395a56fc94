"""One measurement of the columnar benchmark, run in a fresh process by ``bench/columnar/run.py``.

Usage (what ``run.py`` does)::

    python bench/columnar/tasks.py TASK '{"folder": "...", ...}'

prints one JSON line: ``seconds`` (wall clock of the timed part), ``cpu``
(CPU seconds of the whole process over the same span, every thread
counted: DuckDB uses all cores), ``peak_mb`` (the process's peak resident
memory from ``getrusage``, the interpreter and imports included) and what
else the task reports. Imports happen before the clock starts; reading the
data does not (it is part of what is measured). The clock, the memory readings
and the JSON line are ``bench/tasks.py``'s (one home for both benchmarks).

Tasks:

* ``minimal``: the minimal DuckDB script (``minimal.py``) on a folder.
* ``path``: a path of ``paths.py`` (``key``, default the one under test) on a
  folder, then the same PageRank per year.
* ``yaml_bare``: ``yaml.load(text, Loader=yaml.CSafeLoader)`` of a YAML file
  (the file read inside the clock).
* ``yaml_path``: ``network.load`` of the same file and yearly person-level
  snapshots.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
BENCH = HERE.parent
ROOT = BENCH.parent
for _p in (str(HERE), str(ROOT)):  # this checkout's network/, not an installed copy
    if _p not in sys.path:
        sys.path.insert(0, _p)


def _shared() -> Any:
    """bench/tasks.py, the home of the clock, the memory readings and the JSON line (by its path:
    this file is ``tasks`` too)."""
    spec = importlib.util.spec_from_file_location("bench_tasks", BENCH / "tasks.py")
    module = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    return module


_bench = _shared()
clock, since = _bench.clock, _bench.since
TASKS: dict[str, Any] = {}
task = _bench.registry(TASKS)


def _result(elapsed: dict[str, float], scores: dict[int, dict[str, float]], keep: bool) -> dict[str, Any]:
    out: dict[str, Any] = {**elapsed, "years": len(scores), "nodes": sum(len(s) for s in scores.values())}
    if keep:  # for the check that every path computes the same thing
        out["scores"] = {str(y): s for y, s in scores.items()}
    return out


@task
def minimal(folder: str, scores: bool = False) -> dict[str, Any]:
    """The minimal script: one DuckDB query, then PageRank per year."""
    import duckdb  # noqa: F401  # imported before the clock, as every path's imports are
    import networkx  # noqa: F401
    from minimal import minimal as run

    t = clock()
    result = run(folder)
    return _result(since(t), result, scores)


@task
def path(folder: str, key: str | None = None, scores: bool = False) -> dict[str, Any]:
    """A path of paths.py (the one under test by default) to snapshots, then the same PageRank per year."""
    import networkx  # noqa: F401
    import paths
    from minimal import pagerank_per_year

    candidate = paths.PATHS[key] if key else paths.UNDER_TEST
    try:
        build = candidate.prepare()
    except ImportError as exc:
        return {"skipped": f"{candidate.label} does not import ({exc})"}
    t = clock()
    result = pagerank_per_year(paths.positive_graphs(build(folder)))
    return _result(since(t), result, scores)


@task
def yaml_bare(file: str) -> dict[str, Any]:
    """PyYAML's C loader on the file, the floor any plain YAML reader pays: bench/tasks.py's bare_yaml."""
    return _bench.bare_yaml(file)


@task
def yaml_path(file: str) -> dict[str, Any]:
    """network.load on the file (every rule checked) and its yearly person-level snapshots."""
    from network.dataset.loader import load
    from network.timeline.snapshots import snapshots

    t = clock()
    snaps = snapshots(load(file), by="year", level="person")
    return {**since(t), "years": len(snaps)}


if __name__ == "__main__":
    sys.exit(_bench.run(TASKS, sys.argv[1:]))
