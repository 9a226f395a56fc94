"""What the per-object speed code buys, and the plain YAML path against a bare PyYAML load.

Usage::

    python bench/speed_modules.py                        # 1k, 5k, 50k synthetic ties and data/actors.yaml
    python bench/speed_modules.py --sizes 1000 5000 --repeat 5 --data /tmp/speed-data
    python bench/speed_modules.py --yaml --sizes 1000 5000  # the YAML path beside yaml.load(CSafeLoader)

    # before and after side by side: an older commit checked out in OLD, its configurations run there
    git worktree add /tmp/old b38488c     # (or: git archive b38488c | tar -x -C /tmp/old)
    cp bench/speed_modules.py /tmp/old/bench/
    python bench/speed_modules.py --configs all@/tmp/old no-yamlrecords@/tmp/old ... none@/tmp/old plain

Two measurements, each in a fresh Python process, the runs interleaved
(run 1 of every configuration on every file, then run 2, ...), and the
median of ``--repeat`` runs reported, wall clock and the process's own CPU time:

* ``build``: ``network.load`` then person-level yearly ``snapshots`` of the file,
  with one speed module bypassed (``--configs``). A bypass is applied in the
  fresh process before ``network`` is imported, so that nothing else changes:

  - ``no-yamlrecords``: the loader reads the file with
    ``network.dataset.yaml_nodes.read_yaml`` (composed nodes) instead of the
    records built from parser events (``network.dataset.yamlrecords``);
  - ``no-slotinit``: the records keep the ``__init__`` dataclasses write
    (``network.dataset.slotinit`` replaced by the identity);
  - ``no-collector``: the garbage collector is left running
    (``network.dataset.collector.collector_paused`` replaced by a null context);
  - ``no-fastpath``: every record goes through the node walk of
    ``network.dataset.check_fields.Converter`` (``fast=False``);
  - ``no-nxinternals``: the snapshot graphs are built with networkx's public
    ``add_nodes_from`` / ``add_edges_from`` (:func:`public_graph`) instead of
    writing its internal dicts;
  - ``none``: all five bypassed; ``all``: none bypassed (the code as it is).

  A bypass of a module that is no longer there does nothing, so the same
  command runs before and after the modules are removed (``plain`` is the code as
  it is, by another name). ``CONFIG@DIR`` runs the configuration on the checkout
  in ``DIR`` (its own copy of this script), to set two versions side by side.
* ``--commands``: the whole commands a curator runs on the file, interpreter start
  included, ``python -m network validate FILE`` and ``python -m network build FILE
  --out TMP --force`` (figure cache as the user has it), wall and CPU of the command's
  process; with ``CONFIG@DIR`` only DIR counts (the bypasses apply to ``build`` alone).
* ``--yaml``: the YAML path alone, ``network.load`` (read, compose, check,
  build the records), beside ``yaml.load(text, Loader=yaml.CSafeLoader)`` and
  ``yaml.compose`` with the same loader, the file read inside each clock.

Synthetic data: ``bench/synth.py --rich`` (cited ties with evidence, as curated
ones are), one actor per 40 ties (at least 100), 60 years, seed 0, written
into ``--data`` once. Files of more than 10,000 ties are run ``--large-repeat``
times (default: ``--repeat``). Every run is appended to ``--out`` (JSON lines) as
it ends, so a long run can be summarised part-way (``--summary FILE``).
Benchmarks, not tests: nothing here fails a build.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
import types
from contextlib import nullcontext
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
CURATED = ROOT / "data" / "actors.yaml"
CONFIGS = ["all", "no-yamlrecords", "no-slotinit", "no-collector", "no-fastpath", "no-nxinternals", "none"]
_ZERO = 1e-9


def public_graph(graph_attrs: dict, labels: dict[str, tuple[str, str | None]], window: Any) -> Any:
    """A snapshot graph built through networkx's public calls (the ``no-nxinternals`` bypass)."""
    import networkx as nx

    g = nx.Graph(**graph_attrs)
    active = window.active
    g.add_nodes_from(
        (n, {"name": name, "kind": kind, "active": n in active}) for n, (name, kind) in labels.items()
    )
    edges = window.edges
    out = []
    for key in sorted(edges):
        d = edges[key]
        net = d["pos"] - d["neg"]
        if abs(net) < _ZERO:
            net = 0.0
        ids = d["ties"]
        d["weight"] = net
        d["count"] = len(ids)
        d["ties"] = tuple(sorted(ids)) if len(ids) > 1 else tuple(ids)
        d["sign"] = (net > 0) - (net < 0)
        out.append((key[0], key[1], d))
    g.add_edges_from(out)
    return g


def _bypass(config: str) -> None:
    """Apply ``config``'s bypasses; call before anything imports ``network``."""
    sys.path.insert(0, str(ROOT))
    off = set(CONFIGS[1:-1]) if config == "none" else {config}
    if "no-slotinit" in off and (ROOT / "network" / "dataset" / "slotinit.py").exists():
        stub = types.ModuleType("network.dataset.slotinit")
        stub.slot_init = lambda cls: cls  # type: ignore[attr-defined]
        sys.modules["network.dataset.slotinit"] = stub
    if "no-collector" in off and (ROOT / "network" / "dataset" / "collector.py").exists():
        stub = types.ModuleType("network.dataset.collector")
        stub.collector_paused = nullcontext  # type: ignore[attr-defined]
        sys.modules["network.dataset.collector"] = stub
    import network.dataset.loader as loader
    import network.timeline.snapshots as snaps
    from network.dataset import check_fields
    from network.dataset.yaml_nodes import read_yaml

    if "no-yamlrecords" in off and hasattr(loader, "read_yaml_records"):
        loader.read_yaml_records = read_yaml  # type: ignore[attr-defined]
    if "no-fastpath" in off and "fast" in check_fields.Converter.__init__.__code__.co_varnames:
        check_fields.Converter.__init__.__defaults__ = (False,)
    if "no-nxinternals" in off and "_node.update" in Path(snaps.__file__).read_text():
        snaps._graph = public_graph  # type: ignore[attr-defined]


def _child(config: str, task: str, path: str) -> dict[str, float]:
    """One measurement in this (fresh) process: seconds and CPU seconds of its timed parts."""
    _bypass(config)
    import yaml

    import network
    from network.timeline.snapshots import snapshots

    def clock() -> tuple[float, float]:
        return time.perf_counter(), time.process_time()

    if task == "build":
        t0 = clock()
        dataset = network.load(path, max_bytes=1 << 30)
        t1 = clock()
        snapshots(dataset, level="person")
        t2 = clock()
        return {
            "load": t1[0] - t0[0],
            "snapshots": t2[0] - t1[0],
            "wall": t2[0] - t0[0],
            "cpu": t2[1] - t0[1],
        }
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    t0 = clock()
    if task == "bare":
        yaml.load(Path(path).read_text(encoding="utf-8"), Loader=loader)  # noqa: S506 - the safe loader
    elif task == "compose":
        yaml.compose(Path(path).read_text(encoding="utf-8"), Loader=loader)
    elif task == "load":
        network.load(path, max_bytes=1 << 30)
    else:
        raise SystemExit(f"unknown task {task!r}")
    t1 = clock()
    return {"wall": t1[0] - t0[0], "cpu": t1[1] - t0[1]}


def _data(folder: Path, ties: int) -> Path:
    path = folder / f"synth-{ties}.yaml"
    if not path.exists():
        folder.mkdir(parents=True, exist_ok=True)
        argv = [sys.executable, str(ROOT / "bench" / "synth.py"), "--rich", "--seed", "0", "--years", "60"]
        argv += ["--actors", str(max(100, ties // 40)), "--ties", str(ties), "--out", str(path)]
        subprocess.run(argv, check=True, capture_output=True, cwd=ROOT)
    return path


def _command(root: Path, task: str, path: Path) -> dict[str, float]:
    """A whole ``python -m network`` command on ``path`` in the checkout ``root``: wall and CPU seconds."""
    import resource
    import tempfile

    argv = [sys.executable, "-m", "network", task, str(path)]
    with tempfile.TemporaryDirectory() as out:
        if task == "build":
            argv += ["--out", out, "--force"]
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        t0 = time.perf_counter()
        subprocess.run(
            argv, check=True, capture_output=True, cwd=root, env={**os.environ, "PYTHONPATH": str(root)}
        )
        wall = time.perf_counter() - t0
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
    return {"wall": wall, "cpu": cpu}


def _run(config: str, task: str, path: Path) -> dict[str, float]:
    """One measurement in a fresh process: ``config`` here, or ``config@DIR`` in the checkout in DIR."""
    name, _, where = config.partition("@")
    root = Path(where) if where else ROOT
    if task in ("validate", "build-command"):
        return _command(root, task.partition("-")[0], path)
    argv = [sys.executable, str(root / "bench" / "speed_modules.py"), "--child", name, task, str(path)]
    env = {**os.environ, "PYTHONPATH": str(root)}
    done = subprocess.run(argv, check=True, capture_output=True, text=True, cwd=root, env=env)
    return json.loads(done.stdout.strip().splitlines()[-1])  # type: ignore[no-any-return]


def _median(runs: list[dict[str, float]], key: str) -> float:
    return statistics.median(r[key] for r in runs)


def summary(lines: list[dict[str, Any]]) -> str:
    """The table of medians of the runs in ``lines`` (as ``--out`` writes them), file by file."""
    results: dict[tuple[str, str, str], list[dict[str, float]]] = {}
    for line in lines:
        results.setdefault((line["file"], line["task"], line["config"]), []).append(line)
    out = []
    for label in dict.fromkeys(line["file"] for line in lines):
        keys = [k for k in results if k[0] == label]
        builds = [k for k in keys if k[1] == "build"]
        if builds:
            base_key = next((k for k in builds if k[2].partition("@")[0] == "all"), builds[0])
            base_wall, base_cpu = _median(results[base_key], "wall"), _median(results[base_key], "cpu")
            out.append(
                f"\n{label}: load + person-level snapshots; median wall s and own CPU s; x = / {base_key[2]}"
            )
            for k in builds:
                runs = results[k]
                wall, cpu = _median(runs, "wall"), _median(runs, "cpu")
                out.append(
                    f"  {k[2]:<32} n={len(runs)}  load {_median(runs, 'load'):7.3f}"
                    f"  snapshots {_median(runs, 'snapshots'):7.3f}  wall {wall:7.3f}  cpu {cpu:7.3f}"
                    f"   x{wall / base_wall:5.2f} wall  x{cpu / base_cpu:5.2f} cpu"
                )
        commands = [k for k in keys if k[1] in ("validate", "build-command")]
        if commands:
            out.append(f"\n{label}: whole commands (median wall s and CPU s of the command's process)")
            for k in commands:
                runs = results[k]
                out.append(
                    f"  {k[1] + ' ' + k[2]:<40} n={len(runs)}  wall {_median(runs, 'wall'):7.3f}"
                    f"  cpu {_median(runs, 'cpu'):7.3f}"
                )
        yamls = [k for k in keys if k[1] in ("bare", "compose", "load")]
        bare = next((k for k in yamls if k[1] == "bare"), None)
        if bare:
            bare_wall, bare_cpu = _median(results[bare], "wall"), _median(results[bare], "cpu")
            out.append(f"\n{label}: the YAML path beside a bare yaml.load (median wall s and own CPU s)")
            for k in yamls:
                runs = results[k]
                wall, cpu = _median(runs, "wall"), _median(runs, "cpu")
                out.append(
                    f"  {k[1] + '@' + k[2]:<32} n={len(runs)}  wall {wall:7.3f}  cpu {cpu:7.3f}"
                    f"   {wall / bare_wall:5.2f}x bare (wall)  {cpu / bare_cpu:5.2f}x bare (CPU)"
                )
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--child", nargs=3, metavar=("CONFIG", "TASK", "PATH"), help=argparse.SUPPRESS)
    parser.add_argument("--sizes", type=int, nargs="*", default=[1000, 5000, 50_000], help="synthetic ties")
    parser.add_argument("--no-curated", action="store_true", help="leave out data/actors.yaml")
    parser.add_argument("--repeat", type=int, default=5, help="runs per measurement (default 5)")
    parser.add_argument("--configs", nargs="*", default=CONFIGS, help="bypass configurations (build)")
    parser.add_argument("--yaml", action="store_true", help="measure the YAML path beside a bare yaml.load")
    parser.add_argument("--commands", action="store_true", help="time entente validate and build, whole")
    parser.add_argument("--data", default="/tmp/entente-speed-data", help="folder for the synthetic data")
    parser.add_argument("--large-repeat", type=int, help="runs per measurement over 10,000 ties")
    parser.add_argument(
        "--out", default="/tmp/entente-speed.jsonl", help="append every run here (JSON lines)"
    )
    parser.add_argument("--summary", metavar="FILE", help="only print the table of the runs in FILE")
    args = parser.parse_args(argv)
    if args.child:
        print(json.dumps(_child(*args.child)))
        return 0
    if args.summary:
        print(summary([json.loads(line) for line in Path(args.summary).read_text().splitlines() if line]))
        return 0
    files = ([] if args.no_curated else [("data/actors.yaml", CURATED, args.repeat)]) + [
        (
            f"synthetic {n:,} ties",
            _data(Path(args.data), n),
            args.large_repeat or args.repeat if n > 10_000 else args.repeat,
        )
        for n in args.sizes
    ]
    if args.yaml:
        jobs = [("bare", "plain"), ("compose", "plain"), ("load", "plain")]
    elif args.commands:
        jobs = [(task, c) for task in ("validate", "build-command") for c in args.configs]
    else:
        jobs = [("build", c) for c in args.configs]
    lines = []
    with open(args.out, "a", encoding="utf-8") as out:
        for rep in range(args.repeat):  # interleaved: every job on every file, then again
            for label, path, repeat in files:
                if rep >= repeat:
                    continue
                for task, config in jobs:
                    line = {
                        "file": label,
                        "task": task,
                        "config": config,
                        "run": rep,
                        **_run(config, task, path),
                    }
                    out.write(json.dumps(line) + "\n")
                    out.flush()
                    lines.append(line)
            print(f"run {rep + 1} of {args.repeat} done", file=sys.stderr)
    print(summary(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
