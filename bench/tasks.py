"""The measurements of the benchmark suite, one per call, each run in a fresh process by ``bench/run.py``.

Usage (what ``run.py`` does)::

    python bench/tasks.py TASK '{"path": "...", ...}'

prints one JSON line: ``seconds`` (the timed part only, wall clock), ``peak_mb``
(the process's peak resident memory, from ``getrusage``, which includes the
interpreter and what was loaded untimed), ``hwm_mb`` (the same from Linux's
VmHWM) and whatever else the task reports.
Set-up (loading data a task does not measure) is done before the clock starts.

The clock, the memory readings and the JSON line are shared with
``bench/columnar/tasks.py`` (:func:`clock`, :func:`since`, :func:`run`): one home.
"""

from __future__ import annotations

import json
import resource
import sys
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # measure this checkout, not whatever copy of network is installed
    sys.path.insert(0, str(ROOT))

Task = Callable[..., dict[str, Any]]
TASKS: dict[str, Task] = {}


def registry(tasks: dict[str, Task]) -> Callable[[Task], Task]:
    """A decorator that files a task function in ``tasks`` under its name."""

    def task(fn: Task) -> Task:
        tasks[fn.__name__] = fn
        return fn

    return task


task = registry(TASKS)


def clock() -> tuple[float, float]:
    """The wall clock and this process's CPU time (every thread), to measure from."""
    return time.perf_counter(), time.process_time()


def since(start: tuple[float, float]) -> dict[str, float]:
    """Wall-clock ``seconds`` and ``cpu`` seconds (this process's own, every thread) since ``start``."""
    return {"seconds": time.perf_counter() - start[0], "cpu": time.process_time() - start[1]}


def _load(path: str) -> Any:
    import network

    dataset, problems = network.check(path, max_bytes=1 << 30)
    if problems:
        raise SystemExit(f"{path}: {len(problems)} problems, first: {problems[0]}")
    return dataset


# -- loading ----------------------------------------------------------------------------------
@task
def bare_yaml(path: str) -> dict[str, Any]:
    """PyYAML's C loader on the file, the floor of any YAML reader: read, parse, construct."""
    import yaml

    t = clock()
    with open(path, encoding="utf-8") as fh:
        yaml.load(fh.read(), Loader=yaml.CSafeLoader)
    return since(t)


@task
def bare_compose(path: str) -> dict[str, Any]:
    """PyYAML's C parser composing the file into nodes, without constructing values: our YAML floor."""
    import yaml

    t = clock()
    with open(path, encoding="utf-8") as fh:
        yaml.compose(fh.read(), Loader=yaml.CSafeLoader)
    return since(t)


@task
def bare_json(path: str) -> dict[str, Any]:
    """The standard library's json on the file."""
    t = clock()
    with open(path, encoding="utf-8") as fh:
        json.load(fh)
    return since(t)


@task
def bare_csv(path: str) -> dict[str, Any]:
    """The standard library's csv reading every row of both tables."""
    import csv

    t = clock()
    for name in ("actors.csv", "ties.csv"):
        with open(Path(path) / name, encoding="utf-8", newline="") as fh:
            list(csv.reader(fh))
    return since(t)


@task
def load(path: str, strict: bool = False) -> dict[str, Any]:
    """network.check: read, check every rule, build the typed records."""
    import network

    t = clock()
    dataset, problems = network.check(path, strict=strict, max_bytes=1 << 30)
    elapsed = since(t)
    if problems or dataset is None:
        raise SystemExit(f"{path}: {len(problems)} problems, first: {problems[0]}")
    return {**elapsed, "ties": len(dataset.ties), "actors": len(dataset.actors)}


# -- snapshots and measures -------------------------------------------------------------------
@task
def snapshots(path: str, level: str = "person") -> dict[str, Any]:
    """Yearly snapshots at one level (window mode, split allocation)."""
    from network.timeline.snapshots import snapshots as build

    dataset = _load(path)
    t = clock()
    snaps = build(dataset, by="year", level=level)
    elapsed = since(t)
    active = max(sum(1 for _, d in s.graph.nodes(data=True) if d.get("active")) for s in snaps)
    return {
        **elapsed,
        "periods": len(snaps),
        "max_edges": max(s.graph.number_of_edges() for s in snaps),
        "max_active": active,
    }


@task
def centrality(path: str, level: str = "person") -> dict[str, Any]:
    """network.measures.centrality on the yearly snapshots: every measure it computes, per year."""
    try:
        from network.measures.centrality import centrality as measure
    except ImportError:
        return {"skipped": "network.measures.centrality is not there"}
    from network.timeline.snapshots import snapshots as build

    snaps = build(_load(path), by="year", level=level)
    t = clock()
    rows = measure(snaps)
    return {**since(t), "rows": len(rows), "periods": len(snaps)}


# -- side by side -----------------------------------------------------------------------------
def _single_year_events(path: str) -> Any:
    """The dataset with only the ties every method reads the same way: events within one year."""
    import dataclasses

    dataset = _load(path)
    ties = tuple(t for t in dataset.ties if t.is_event and t.lower.year == t.upper.year)
    return dataclasses.replace(dataset, ties=ties)


def _tuples(dataset: Any) -> list[tuple[str, str, int, int, float]]:
    return [(t.source, t.target, t.lower.year, t.sign, t.weight) for t in dataset.ties]


@task
def side_ours(path: str) -> dict[str, Any]:
    """Our yearly snapshots, then PageRank on each year's positive graph (as measures.centrality does)."""
    import networkx as nx

    from network.timeline.snapshots import snapshots as build

    dataset = _single_year_events(path)
    t = clock()
    total = 0
    for snap in build(dataset, by="year", level="person"):
        g = snap.graph
        positive = nx.Graph()
        positive.add_nodes_from(n for n, d in g.nodes(data=True) if d["active"])
        positive.add_edges_from(
            (u, v, {"weight": d["weight"]}) for u, v, d in g.edges(data=True) if d["sign"] > 0
        )
        total += len(nx.pagerank(positive, alpha=0.85, weight="weight"))
    return {**since(t), "scores": total}


@task
def side_plain(path: str) -> dict[str, Any]:
    """A plain networkx script doing the same from a list of (source, target, year, sign, weight)."""
    import networkx as nx

    tuples = _tuples(_single_year_events(path))
    t = clock()
    by_year: dict[int, dict[tuple[str, str], float]] = defaultdict(dict)
    for source, target, year, sign, weight in tuples:
        key = (source, target) if source < target else (target, source)
        edges = by_year[year]
        edges[key] = edges.get(key, 0.0) + sign * weight
    total = 0
    for year in sorted(by_year):
        g = nx.Graph()
        g.add_nodes_from(n for key in by_year[year] for n in key)
        g.add_weighted_edges_from((u, v, w) for (u, v), w in by_year[year].items() if w > 1e-9)
        total += len(nx.pagerank(g, alpha=0.85, weight="weight"))
    return {**since(t), "scores": total}


@task
def side_dynetx(path: str) -> dict[str, Any]:
    """DyNetX: a temporal graph of the same interactions, a slice per year, PageRank on each (unweighted)."""
    try:
        import dynetx
    except ImportError as exc:
        return {"skipped": f"dynetx does not import ({exc})"}
    import networkx as nx

    tuples = _tuples(_single_year_events(path))
    t = clock()
    g = dynetx.DynGraph(edge_removal=False)
    for source, target, year, _sign, _weight in sorted(tuples, key=lambda x: x[2]):  # it takes time in order
        g.add_interaction(source, target, t=year)
    total = 0
    for year in g.temporal_snapshots_ids():
        piece = g.time_slice(year)
        total += len(nx.pagerank(nx.Graph(piece.edges()), alpha=0.85))
    return {**since(t), "scores": total}


# -- balance ----------------------------------------------------------------------------------
def _random_signed(n: int, seed: int, degree: float = 6.0) -> Any:
    import random

    import networkx as nx

    rng = random.Random(seed)
    g = nx.gnp_random_graph(n, min(1.0, degree / max(1, n - 1)), seed=seed)
    while not nx.is_connected(g):
        seed += 1000
        g = nx.gnp_random_graph(n, min(1.0, degree / max(1, n - 1)), seed=seed)
    nx.set_edge_attributes(g, {e: rng.choice((1, -1)) for e in g.edges}, "sign")
    return g


@task
def frustration_scaling(
    limit: float = 1.0, start: int = 10, step: int = 4, stop: int = 90, seeds: int = 3
) -> dict[str, Any]:
    """Exact frustration on connected random signed graphs (mean degree 6) of growing size: time per size."""
    try:
        from network.measures.balance import frustration
    except ImportError:
        return {"skipped": "network.measures.balance is not there"}
    sizes = []
    largest_under = None
    for n in range(start, stop + 1, step):
        times = []
        for s in range(seeds):
            g = _random_signed(n, seed=s)
            t = time.perf_counter()
            result = frustration(g, exact_limit=n)
            times.append(time.perf_counter() - t)
            assert result.exact
        times.sort()
        median = times[len(times) // 2]
        sizes.append([n, median])
        if median <= limit:
            largest_under = n
        else:
            break
    return {"seconds": sizes[-1][1], "sizes": sizes, "largest_under": largest_under}


@task
def frustration_periods(path: str, level: str = "state") -> dict[str, Any]:
    """network.measures.balance.frustration on each named period's signed graph of a dataset."""
    try:
        from network.measures.balance import frustration
    except ImportError:
        return {"skipped": "network.measures.balance is not there"}
    from network.timeline.snapshots import signed_graph
    from network.timeline.snapshots import snapshots as build

    out = []
    total = 0.0
    for snap in build(_load(path), by="period", level=level):
        g = signed_graph(snap.graph)
        t = time.perf_counter()
        result = frustration(g)
        secs = time.perf_counter() - t
        total += secs
        out.append(
            [snap.window.id, g.number_of_nodes(), g.number_of_edges(), result.value, result.exact, secs]
        )
    return {"seconds": total, "periods": out}


# -- parallel ---------------------------------------------------------------------------------
def _betweenness(edges: list[tuple[str, str, float]]) -> int:
    import networkx as nx

    g = nx.Graph()
    g.add_weighted_edges_from(edges, weight="distance")
    return len(nx.betweenness_centrality(g, k=min(200, len(g)), weight="distance", seed=0))


def _positive_graphs(path: str, years: int) -> list[list[tuple[str, str, float]]]:
    from network.timeline.snapshots import snapshots as build

    snaps = build(_load(path), by="year", level="person")
    snaps = sorted(snaps, key=lambda s: -s.graph.number_of_edges())[:years]
    return [
        [(u, v, 1.0 / d["weight"]) for u, v, d in s.graph.edges(data=True) if d["sign"] > 0] for s in snaps
    ]


@task
def parallel_periods(path: str, years: int = 8, workers: int = 2) -> dict[str, Any]:
    """Sampled betweenness (k=200) on the busiest years' positive graphs: one process, then a pool of them."""
    from concurrent.futures import ProcessPoolExecutor

    graphs = _positive_graphs(path, years)
    t = time.perf_counter()
    serial = [_betweenness(g) for g in graphs]
    one = time.perf_counter() - t
    t = time.perf_counter()
    with ProcessPoolExecutor(workers) as pool:
        parallel = list(pool.map(_betweenness, graphs))
    many = time.perf_counter() - t
    assert serial == parallel
    return {"seconds": many, "serial": one, "speedup": one / many, "workers": workers}


@task
def export_busiest(path: str, out: str) -> dict[str, Any]:
    """Write the busiest year's positive graph as an edge list (for a networkx without our package)."""
    (graph,) = _positive_graphs(path, 1)
    Path(out).write_text("".join(f"{u} {v} {w}\n" for u, v, w in graph))
    return {"seconds": 0.0, "edges": len(graph)}


@task
def nx_parallel(edgelist: str, k: int = 500) -> dict[str, Any]:
    """networkx betweenness (k samples) on an edge list, serially and with the nx-parallel backend."""
    import networkx as nx

    try:
        import nx_parallel  # noqa: F401
    except ImportError as exc:
        return {"skipped": f"nx-parallel does not import here ({type(exc).__name__}: {exc})"}
    g = nx.read_weighted_edgelist(edgelist)
    t = time.perf_counter()
    a = nx.betweenness_centrality(g, k=k, seed=0)
    one = time.perf_counter() - t
    nx.config.backends.parallel.active = True  # else nx-parallel runs one job
    nx.config.backends.parallel.n_jobs = -1  # every core
    t = time.perf_counter()
    b = nx.betweenness_centrality(g, k=k, seed=0, backend="parallel")
    many = time.perf_counter() - t
    assert a.keys() == b.keys()
    return {
        "seconds": many,
        "serial": one,
        "speedup": one / many,
        "networkx": nx.__version__,
        "nodes": g.number_of_nodes(),
        "edges": g.number_of_edges(),
    }


@task
def state_figures(path: str, canvas: bool) -> dict[str, Any]:
    """Draw the figures of the state level (snapshots, their GIF, small multiples, bump chart, the
    two time lines) in this process, with the text-caching canvas or with matplotlib's own; the
    views are prepared untimed."""
    import hashlib

    from network.figures.canvas import TextCache, use_canvas
    from network.figures.plan import plan
    from network.figures.workers import draw_task, tasks_of

    if canvas and not use_canvas():
        return {"skipped": "the caching canvas is not used with this matplotlib (or ENTENTE_NO_CANVAS)"}
    jobs = plan(_load(path), levels=["state"])
    text = TextCache() if canvas else None
    t = clock()
    files = [item for one in tasks_of(jobs) for item in draw_task(one, text)]
    out: dict[str, Any] = since(t)
    digest = hashlib.sha256()
    for name, data in files:
        digest.update(name.encode() + data)
    return {**out, "figures": len(jobs), "files": len(files), "digest": digest.hexdigest()}


@task
def heavy_imports(module: str) -> dict[str, Any]:
    """Which heavy packages importing ``module`` pulls in, and how long the import takes."""
    import importlib

    t = time.perf_counter()
    importlib.import_module(module)
    seconds = time.perf_counter() - t
    heavy = [m for m in ("networkx", "numpy", "scipy", "matplotlib", "jinja2", "PIL") if m in sys.modules]
    return {"seconds": seconds, "heavy": heavy}


def high_water_mb() -> float | None:
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


def run(tasks: dict[str, Task], argv: list[str]) -> int:
    """Run the task ``argv[0]`` with the JSON arguments ``argv[1]``; print its result and the
    process's peak memory (``peak_mb``, ``hwm_mb``) as one JSON line."""
    name, args = argv[0], json.loads(argv[1]) if len(argv) > 1 else {}
    result = tasks[name](**args)
    result["peak_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    result["hwm_mb"] = high_water_mb()
    print(json.dumps(result))
    return 0


def main(argv: list[str]) -> int:
    return run(TASKS, argv)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
