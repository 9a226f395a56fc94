"""One measurement of the columnar benchmark, run in a fresh process by ``bench/columnar/run.py``.

Usage (what ``run.py`` does)::

    python bench/columnar/tasks.py TASK '{"folder": "...", ...}'

prints one JSON line: ``seconds`` (wall clock of the timed part), ``cpu``
(CPU seconds of the whole process over the same span, every thread
counted: DuckDB uses all cores), ``peak_mb`` (the process's peak resident
memory from ``getrusage``, the interpreter and imports included) and what
else the task reports. Imports happen before the clock starts; reading the
data does not (it is part of what is measured).

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

import json
import resource
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
for _p in (str(HERE), str(ROOT)):  # this checkout's network/, not an installed copy
    if _p not in sys.path:
        sys.path.insert(0, _p)

TASKS: dict[str, Callable[..., dict[str, Any]]] = {}


def task(fn: Callable[..., dict[str, Any]]) -> Callable[..., dict[str, Any]]:
    TASKS[fn.__name__] = fn
    return fn


def _clock() -> tuple[float, float]:
    return time.perf_counter(), time.process_time()


def _since(start: tuple[float, float]) -> dict[str, float]:
    return {"seconds": time.perf_counter() - start[0], "cpu": time.process_time() - start[1]}


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

    t = _clock()
    result = run(folder)
    return _result(_since(t), result, scores)


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
    t = _clock()
    result = pagerank_per_year(paths.positive_graphs(build(folder)))
    return _result(_since(t), result, scores)


@task
def yaml_bare(file: str) -> dict[str, Any]:
    """PyYAML's C loader on the file: the floor any plain YAML reader pays."""
    import yaml

    t = _clock()
    with open(file, encoding="utf-8") as fh:
        yaml.load(fh.read(), Loader=yaml.CSafeLoader)
    return _since(t)


@task
def yaml_path(file: str) -> dict[str, Any]:
    """network.load on the file (every rule checked) and its yearly person-level snapshots."""
    from network.dataset.loader import load
    from network.timeline.snapshots import snapshots

    t = _clock()
    snaps = snapshots(load(file), by="year", level="person")
    return {**_since(t), "years": len(snaps)}


def _high_water_mb() -> float | None:
    """The peak resident memory of this process's own address space (Linux's VmHWM), to check getrusage by.

    ``ru_maxrss`` starts at the parent's peak when a process is forked; VmHWM
    starts afresh at ``exec``. The two agree while the parent stays small.
    """
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except (OSError, ValueError, IndexError):
        pass
    return None


def main(argv: list[str]) -> int:
    name, args = argv[0], json.loads(argv[1]) if len(argv) > 1 else {}
    result = TASKS[name](**args)
    result["peak_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    result["hwm_mb"] = _high_water_mb()
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
