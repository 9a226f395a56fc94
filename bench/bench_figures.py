"""Time the full set of figures for a dataset: serial against parallel, median of N runs.

Usage::

    python bench/bench_figures.py                    # data/actors.yaml, 3 runs, 1 and 2 workers
    python bench/bench_figures.py --runs 5 --jobs 1 2 --data data/actors.yaml

Each run renders every figure (both levels, PNG and SVG, the GIFs) into a
fresh temporary folder with :func:`network.figures.render_all`; the table
gives the median and the spread of the wall times, the median CPU time of
this process and its workers together (on a machine shared with other work
the wall time waits for a core, the CPU time much less), the speed-up over
one worker, and the views' preparation time on its own (layout and measures,
done in the main process). It also checks that every run wrote the same
bytes, whatever the number of workers.

Every run starts cold: what the process remembers between figures (text
metrics, glyphs) is forgotten first, so that one run does not warm the next
(forked workers would inherit it); layouts and partitions are never kept
between calls (each ``plan`` makes its own).
"""

from __future__ import annotations

import argparse
import hashlib
import os
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # measure this checkout, not whatever copy of network is installed
    sys.path.insert(0, str(ROOT))

from network import load  # noqa: E402
from network.figures import render_all  # noqa: E402
from network.figures.render import plan  # noqa: E402


def digest(folder: Path) -> str:
    """One hash of every file under ``folder`` (names and bytes)."""
    h = hashlib.sha256()
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            h.update(path.relative_to(folder).as_posix().encode())
            h.update(path.read_bytes())
    return h.hexdigest()


def cpu_seconds() -> float:
    """CPU time (user and system) of this process and of its finished children so far."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--data", default=str(ROOT / "data" / "actors.yaml"), help="dataset (default: %(default)s)"
    )
    parser.add_argument("--runs", type=int, default=3, help="runs per setting (default: %(default)s)")
    parser.add_argument("--jobs", type=int, nargs="+", default=[1, 2], help="worker counts (default: 1 2)")
    args = parser.parse_args(argv)

    dataset = load(args.data)
    print(
        f"{args.data}: {len(dataset.actors)} actors, {len(dataset.ties)} ties; "
        f"{os.cpu_count()} CPUs; load average {' '.join(f'{x:.2f}' for x in os.getloadavg())}"
    )
    rows = []
    digests = set()
    for workers in args.jobs:
        times, cpus = [], []
        for _ in range(args.runs):
            with tempfile.TemporaryDirectory() as tmp:
                before = cpu_seconds()
                written = render_all(dataset, tmp, jobs=workers)
                times.append(written.seconds)
                cpus.append(cpu_seconds() - before)
                digests.add(digest(Path(tmp)))
                files = len(written)
                size = sum(p.stat().st_size for p in written)
        rows.append(
            (workers, statistics.median(times), min(times), max(times), statistics.median(cpus), files, size)
        )
    t0 = time.perf_counter()  # every run starts cold: no cache outlives a run
    jobs = plan(dataset)
    prepare = time.perf_counter() - t0
    print(f"{len(jobs)} figures; views prepared in {prepare:.2f} s (part of every run)")
    base = rows[0][1]
    print()
    print(
        f"{'workers':>7}  {'median s':>8}  {'min s':>6}  {'max s':>6}  {'CPU s':>6}  {'speed-up':>8}  "
        f"{'files':>5}  {'MB':>5}"
    )
    for workers, median, low, high, cpu, files, size in rows:
        print(
            f"{workers:>7}  {median:>8.2f}  {low:>6.2f}  {high:>6.2f}  {cpu:>6.2f}  {base / median:>7.2f}x  "
            f"{files:>5}  {size / 1e6:>5.2f}"
        )
    print(f"\nload average {' '.join(f'{x:.2f}' for x in os.getloadavg())} (1, 5, 15 min)")
    print()
    print(
        "same bytes in every run"
        if len(digests) == 1
        else f"NOT REPRODUCIBLE: {len(digests)} different outputs"
    )
    return 0 if len(digests) == 1 else 1


if __name__ == "__main__":
    sys.exit(main())
