"""Benchmark the path to yearly state-level PageRank against the minimal DuckDB script, side by side.

Usage::

    python bench/columnar/run.py                 # 50k, 400k, 2M, 10M events; writes docs/performance.md
    python bench/columnar/run.py --quick         # 50k and 400k only; writes nothing unless --out
    python bench/columnar/run.py --path columnar # measure network.columnar (see paths.py) without editing
    python bench/columnar/run.py --only yaml     # only the YAML path against a bare yaml.load

Two comparisons (issue 17, items 5 and 4):

* **Event tables.** At each size, the minimal script (``minimal.py``: one
  DuckDB query, then PageRank per year, no validation) on the CSV form and on
  Parquet, and the path under test (``paths.UNDER_TEST``) on each form it
  reads. Every run is a fresh process (``tasks.py``); the runs are
  interleaved (minimal, path, minimal, path, ...) so a slow spell of the
  shared machine hits both; the table gives the median of N of each (5, and
  3 from 2M events up): wall time, CPU time, peak memory, the ratio to the
  minimal script and the growth per doubling of the size. The first run of
  each also returns its PageRank scores, and the benchmark checks that both
  paths computed the same thing.
* **YAML.** ``network.load`` + yearly person-level snapshots against a bare
  ``yaml.load(text, Loader=yaml.CSafeLoader)`` of the same file, at 1k and 5k
  ties (``bench/synth.py``, an actor for every ten ties), interleaved the same way.

The event tables come from ``events.py`` and are kept in ``--cache``
(``bench/columnar/cache/``, ignored by git). The report is written into its
own section of ``docs/performance.md`` (between markers, see
``bench/sections.py``), so running this again replaces only that section.
Benchmarks, not tests: nothing here fails a build.
"""

from __future__ import annotations

import argparse
import datetime
import importlib.util
import json
import math
import os
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
BENCH = HERE.parent
ROOT = BENCH.parent
for _p in (str(HERE), str(BENCH), str(ROOT)):
    if _p not in sys.path:
        sys.path.insert(0, _p)

import paths  # noqa: E402
from events import CACHE, QUICK_SIZES, SIZES, cached, size_label  # noqa: E402
from sections import replace_section  # noqa: E402

PY = sys.executable
SECTION = "bench/columnar/run.py"
RATIO_TARGET = 1.3  # of the minimal script, at every size
GROWTH_TARGET = 2.1  # time ratio per doubling of the events
LARGEST_SECONDS, LARGEST_MB = 60.0, 2048.0  # 10M events to yearly snapshots and centrality
YAML_TARGET = 1.5  # of a bare yaml.load
YAML_SIZES = (1_000, 5_000)
#: The largest size the scores of two paths may differ by and still count as the same result.
SCORE_TOLERANCE = 1e-6
#: The tasks that return their PageRank scores on request.
SCORED = ("minimal", "path")


@dataclass
class Job:
    """One thing measured at one size: its runs and first result."""

    who: str  # "minimal" or the path's key
    form: str
    args: dict[str, Any]
    task: str
    runs: list[dict[str, Any]] = field(default_factory=list)
    scores: dict[str, dict[str, float]] | None = None
    error: str = ""

    def median(self, key: str) -> float:
        return statistics.median(r[key] for r in self.runs)

    @property
    def peak(self) -> float:
        return max(r["peak_mb"] for r in self.runs)


def measure(task: str, args: dict[str, Any], timeout: float) -> dict[str, Any]:
    """Run one task in a fresh process; its JSON line, or ``{"error": ...}``."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    env["PYTHONPATH"] = str(ROOT)
    try:
        proc = subprocess.run(
            [PY, str(HERE / "tasks.py"), task, json.dumps(args)],
            capture_output=True,
            text=True,
            env=env,
            cwd=ROOT,
            timeout=timeout,
        )
    except subprocess.TimeoutExpired:
        return {"error": f"did not finish within {timeout:.0f} s (stopped)"}
    if proc.returncode != 0:
        lines = (proc.stderr or proc.stdout).strip().splitlines()
        return {"error": lines[-1] if lines else f"exit status {proc.returncode}"}
    return json.loads(proc.stdout.strip().splitlines()[-1])


def interleave(jobs: list[Job], repeat: int, timeout: float) -> None:
    """Run every job ``repeat`` times, in turn (A, B, A, B, ...); the first run of each keeps its scores."""
    for n in range(repeat):
        for job in jobs:
            if job.error:
                continue
            args = {**job.args, **({"scores": True} if n == 0 and job.task in SCORED else {})}
            res = measure(job.task, args, timeout)
            if "error" in res or "skipped" in res:
                job.error = res.get("error") or res["skipped"]
                print(f"  {job.who:<9} {job.form:<8} not run: {job.error}", flush=True)
                continue
            if "scores" in res:
                job.scores = res.pop("scores")
            job.runs.append(res)
            print(
                f"  {job.who:<9} {job.form:<8} run {n + 1}: {res['seconds']:8.2f} s wall, "
                f"{res['cpu']:8.2f} s CPU, {res['peak_mb']:6.0f} MB (VmHWM {res.get('hwm_mb') or 0:.0f} MB)",
                flush=True,
            )


def difference(a: dict[str, dict[str, float]], b: dict[str, dict[str, float]]) -> float | str:
    """The largest difference of two paths' PageRank scores, or what differs in their shape."""
    if a.keys() != b.keys():
        return f"years differ ({len(a)} against {len(b)})"
    worst = 0.0
    for year, scores in a.items():
        if scores.keys() != b[year].keys():
            return f"the states of {year} differ ({len(scores)} against {len(b[year])})"
        worst = max([worst] + [abs(s - b[year][node]) for node, s in scores.items()])
    return worst


# -- the report -------------------------------------------------------------------------------
def _s(x: float) -> str:
    return f"{x:.2f} s" if x < 100 else f"{x:.0f} s"


def _growth(sizes: list[int], times: list[float]) -> list[float]:
    """Time ratio per doubling between consecutive sizes: (t2 / t1) ** (1 / log2(n2 / n1))."""
    return [
        (t2 / t1) ** (1 / math.log2(n2 / n1))
        for (n1, t1), (n2, t2) in zip(
            zip(sizes, times, strict=True), zip(sizes[1:], times[1:], strict=True), strict=False
        )
    ]


def _bench_module() -> Any:
    """bench/run.py, for its description of the machine (one home for it)."""
    spec = importlib.util.spec_from_file_location("bench_run", BENCH / "run.py")
    module = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    sys.modules["bench_run"] = module  # its dataclasses look their module up
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    return module


def machine_lines(load_before: str, load_after: str, speed: str) -> list[str]:
    info = _bench_module().machine()
    versions = []
    for name in ("duckdb", "networkx", "scipy", "numpy", "PyYAML"):
        try:
            versions.append(f"{name} {metadata.version(name)}")
        except metadata.PackageNotFoundError:
            versions.append(f"{name} (not installed)")
    info["packages"] = ", ".join(versions)
    info["speed"] = speed
    info["load average"] = f"{load_before} before, {load_after} after (1, 5, 15 min)"
    return ["| | |", "|---|---|", *[f"| {k} | {v} |" for k, v in info.items()]]


def event_table(by_size: dict[int, list[Job]], under: paths.Candidate) -> tuple[list[str], list[str]]:
    """The table rows and the verdict lines of the event-table comparison."""
    rows = [
        "| events | form | path | wall (median) | CPU | peak memory | runs | ratio to minimal "
        "| growth per doubling |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    sizes = sorted(by_size)
    series: dict[tuple[str, str], list[tuple[int, float]]] = {}
    ratios: list[tuple[int, str, float]] = []
    checks: list[str] = []
    for n in sizes:
        minimal = {j.form: j for j in by_size[n] if j.who == "minimal"}
        for job in by_size[n]:
            if job.runs:
                series.setdefault((job.who, job.form), []).append((n, job.median("seconds")))
    growth = {
        key: dict(
            zip([n for n, _ in pts[1:]], _growth([n for n, _ in pts], [t for _, t in pts]), strict=True)
        )
        for key, pts in series.items()
    }
    for n in sizes:
        minimal = {j.form: j for j in by_size[n] if j.who == "minimal"}
        for job in by_size[n]:
            name = "minimal DuckDB script" if job.who == "minimal" else under.label
            if job.error or not job.runs:
                rows.append(f"| {size_label(n)} | {job.form} | {name} | not run: {job.error} | | | | | |")
                continue
            wall = job.median("seconds")
            ratio = ""
            base = minimal.get(job.form)
            if job.who != "minimal" and base is not None and base.runs:
                r = wall / base.median("seconds")
                ratios.append((n, job.form, r))
                ratio = f"{r:.2f}x" if r <= RATIO_TARGET else f"**{r:.2f}x**"
                ratio += f" (CPU {job.median('cpu') / base.median('cpu'):.2f}x)"
                if job.scores is not None and base.scores is not None:
                    d = difference(job.scores, base.scores)
                    same = isinstance(d, float) and d <= SCORE_TOLERANCE
                    checks.append(
                        f"{size_label(n)} {job.form}: "
                        + (f"same PageRank (largest difference {d:.1e})" if same else f"**different**: {d}")
                    )
            g = growth.get((job.who, job.form), {}).get(n)
            gtext = "" if g is None else (f"{g:.2f}x" if g <= GROWTH_TARGET else f"**{g:.2f}x**")
            runs = ", ".join(f"{r['seconds']:.1f}" for r in job.runs)
            rows.append(
                f"| {size_label(n)} | {job.form} | {name} | {_s(wall)} | {_s(job.median('cpu'))} | "
                f"{job.peak:.0f} MB | {runs} | {ratio} | {gtext} |"
            )
    verdict = []
    if ratios:
        worst = max(ratios, key=lambda x: x[2])
        ok = worst[2] <= RATIO_TARGET
        verdict.append(
            f"- Within {RATIO_TARGET}x of the minimal script at every size measured: "
            f"{'met' if ok else '**not met**'} "
            f"(largest ratio {worst[2]:.2f}x, {size_label(worst[0])} {worst[1]})."
        )
    largest = max(SIZES)
    big = [j for j in by_size.get(largest, []) if j.who != "minimal"]
    if big and any(j.runs for j in big):
        for j in big:
            if j.runs:
                ok = j.median("seconds") < LARGEST_SECONDS and j.peak < LARGEST_MB
                verdict.append(
                    f"- {size_label(largest)} events ({j.form}) to yearly state-level snapshots and "
                    f"PageRank in under {LARGEST_SECONDS:.0f} s and {LARGEST_MB / 1024:.0f} GB: "
                    f"{'met' if ok else '**not met**'} "
                    f"({_s(j.median('seconds'))}, {j.peak:.0f} MB)."
                )
    elif largest in by_size or big:
        why = big[0].error if big else ""
        verdict.append(
            f"- {size_label(largest)} events under {LARGEST_SECONDS:.0f} s and 2 GB: not measured ({why})."
        )
    else:
        verdict.append(f"- {size_label(largest)} events: not measured in this run.")
    under_growth = [(n, g) for (who, _f), gs in growth.items() if who != "minimal" for n, g in gs.items()]
    if under_growth:
        worst_g = max(under_growth, key=lambda x: x[1])
        verdict.append(
            f"- Growth per doubling at most {GROWTH_TARGET}x: "
            f"{'met' if worst_g[1] <= GROWTH_TARGET else '**not met**'} "
            f"(largest {worst_g[1]:.2f}x, up to {size_label(worst_g[0])})."
        )
    if checks:
        verdict.append(f"- Same result as the minimal script: {'; '.join(checks)}.")
    return rows, verdict


def _cell(job: Job) -> str:
    return f"{_s(job.median('seconds'))} wall, {_s(job.median('cpu'))} CPU, {job.peak:.0f} MB"


def yaml_table(by_size: dict[int, list[Job]], files: dict[int, Path]) -> list[str]:
    rows = [
        "| ties | file | bare `yaml.load` (CSafeLoader) | `network.load` + person-level snapshots "
        "| ratio (wall) | ratio (CPU) | target | met |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for n in sorted(by_size):
        bare, ours = by_size[n]
        if bare.error or ours.error or not bare.runs or not ours.runs:
            rows.append(f"| {size_label(n)} | | {bare.error} | {ours.error} | | | | |")
            continue
        r = ours.median("seconds") / bare.median("seconds")
        rc = ours.median("cpu") / bare.median("cpu")
        size = files[n].stat().st_size / 1e6
        rows.append(
            f"| {size_label(n)} | {size:.2f} MB | {_cell(bare)} | {_cell(ours)} | {r:.2f}x | {rc:.2f}x "
            f"| <= {YAML_TARGET}x | {'yes' if r <= YAML_TARGET else '**no**'} |"
        )
    return rows


def yaml_file(ties: int, cache: Path) -> Path:
    """bench/synth.py's dataset of ``ties`` ties and an actor for every ten, as YAML, made once."""
    path = cache / f"synth-{size_label(ties)}.yaml"
    if not path.exists():
        subprocess.run(
            [
                PY,
                str(BENCH / "synth.py"),
                "--actors",
                str(max(20, ties // 10)),
                "--ties",
                str(ties),
                "--years",
                "30",
                "--out",
                str(path),
            ],
            check=True,
            capture_output=True,
            cwd=ROOT,
        )
    return path


def reference() -> float:
    import timeit

    return min(timeit.repeat("sum(range(1_000_000))", number=10, repeat=5)) / 10


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--quick", action="store_true", help="50k and 400k events only; writes no report unless --out"
    )
    parser.add_argument(
        "--out", help="page to write the section into (default docs/performance.md; none with --quick)"
    )
    parser.add_argument(
        "--cache", default=str(CACHE), help="folder for the generated data (default: %(default)s)"
    )
    parser.add_argument(
        "--path", choices=sorted(paths.PATHS), help=f"path to measure (default: {paths.UNDER_TEST.key})"
    )
    parser.add_argument("--sizes", type=int, nargs="+", metavar="EVENTS", help="sizes to run instead")
    parser.add_argument("--repeat", type=int, default=5, help="runs of each below 2M events (default 5)")
    parser.add_argument(
        "--heavy-repeat", type=int, default=3, help="runs of each from 2M events up (default 3)"
    )
    parser.add_argument("--only", choices=("events", "yaml"), help="run one of the two comparisons")
    parser.add_argument(
        "--timeout", type=float, default=1800, help="seconds before a run is stopped (default 1800)"
    )
    args = parser.parse_args(argv)
    under = paths.PATHS[args.path] if args.path else paths.UNDER_TEST
    sizes = sorted(args.sizes or (QUICK_SIZES if args.quick else SIZES))
    cache = Path(args.cache)
    cache.mkdir(parents=True, exist_ok=True)
    out = args.out or (None if args.quick else str(ROOT / "docs" / "performance.md"))

    load_before = " ".join(f"{x:.2f}" for x in os.getloadavg())
    ref_before = reference()
    t0 = time.perf_counter()
    events: dict[int, list[Job]] = {}
    if args.only != "yaml":
        for n in sizes:
            t = time.perf_counter()
            folder = cached(n, cache)
            print(f"{size_label(n)} events: data in {folder} ({time.perf_counter() - t:.1f} s)", flush=True)
            jobs = [
                Job("minimal", form, {"folder": str(folder / form)}, "minimal") for form in ("csv", "parquet")
            ]
            for form in under.forms:
                job = Job(under.key, form, {"folder": str(folder / form), "key": under.key}, "path")
                if under.max_events is not None and n > under.max_events:
                    job.error = under.why_not
                jobs.append(job)
            events[n] = jobs
            interleave(jobs, args.heavy_repeat if n >= 2_000_000 else args.repeat, args.timeout)
    yamls: dict[int, list[Job]] = {}
    files: dict[int, Path] = {}
    if args.only != "events":
        for n in YAML_SIZES:
            files[n] = yaml_file(n, cache)
            print(f"YAML, {size_label(n)} ties: {files[n]}", flush=True)
            yamls[n] = [
                Job("bare", "yaml", {"file": str(files[n])}, "yaml_bare"),
                Job("entente", "yaml", {"file": str(files[n])}, "yaml_path"),
            ]
            interleave(yamls[n], args.repeat, args.timeout)
    minutes = (time.perf_counter() - t0) / 60
    load_after = " ".join(f"{x:.2f}" for x in os.getloadavg())
    speed = (
        f"`sum(range(1_000_000))` takes {ref_before * 1000:.1f} ms before the run, "
        f"{reference() * 1000:.1f} ms after"
    )
    given = sys.argv[1:] if argv is None else argv
    kept = [a for i, a in enumerate(given) if a != "--out" and (i == 0 or given[i - 1] != "--out")]
    command = " ".join(["python bench/columnar/run.py", *[a for a in kept if not a.startswith("--out=")]])
    lines = [
        "## Event tables at scale, and the YAML floor (issue 17)",
        "",
        f"Measured on {datetime.date.today().isoformat()} by `{command.strip()}` ({minutes:.0f} minutes); "
        "run it again to replace this section (the rest of the page is `bench/run.py`'s).",
        "",
        *machine_lines(load_before, load_after, speed),
        "",
    ]
    if events:
        rows, verdict = event_table(events, under)
        lines += [
            "### Event tables to yearly state-level PageRank",
            "",
            f"Path under test: **{under.label}** (`bench/columnar/paths.py`, `UNDER_TEST`), "
            "against the minimal script (`bench/columnar/minimal.py`): one DuckDB query summing each "
            "state dyad per year (net, positive and negative weight, count) straight from the tie table, "
            "with no validation, then "
            "networkx PageRank on each year's positive graph. Both paths end with the same PageRank call.",
            "",
            "- Data: `bench/columnar/events.py` (seed 0): about 200 states over 30 years (1995-2024), "
            "endpoints drawn from a heavy-tailed activity, dates to the day (90 %), month or year, "
            "codebook event types "
            "(70 % cooperative) signed as their type, weights 0.5 to 3; the same events in the CSV form of "
            "format v1 and as Parquet.",
            "- Each run is a fresh Python process; the paths run in turn (minimal CSV, minimal Parquet, path "
            "under test, and again), so a slow spell of the shared machine hits each; medians of "
            f"{args.repeat} runs ({args.heavy_repeat} from 2M events up). Wall and CPU time cover reading "
            "the table to the last PageRank, imports excluded; CPU counts every thread (DuckDB uses both "
            "cores), so it can exceed the wall time. Peak memory is the process's largest resident set "
            "(`getrusage`), the interpreter included.",
            "- Ratio: the path's median wall time over the minimal script's on the same form (and the same "
            "for CPU time, which a busy machine disturbs less). Growth per "
            "doubling: (t2 / t1) ^ (1 / log2(n2 / n1)) between a size and the one before. Targets: "
            f"ratio <= {RATIO_TARGET}x at every size; 10M events under {LARGEST_SECONDS:.0f} s and 2 GB; "
            f"growth per doubling <= {GROWTH_TARGET}x. A ratio or growth over its target is in bold.",
            "",
            *rows,
            "",
            *verdict,
            "",
        ]
    if yamls:
        lines += [
            "### The YAML path against a bare `yaml.load`",
            "",
            "`network.load` (parse, every rule, the records) and yearly person-level snapshots, against "
            "`yaml.load(text, Loader=yaml.CSafeLoader)` of the same file (the file read inside the clock "
            f"in both), interleaved the same way, medians of {args.repeat} fresh processes. "
            "Data: `bench/synth.py --ties N "
            "--actors N/10 --years 30` (seed 0). Target (issue 17, item 4): within 1.5x.",
            "",
            *yaml_table(yamls, files),
            "",
        ]
    text = "\n".join(lines)
    print("\n" + text)
    if out:
        from network.output.atomic import write_text

        page = Path(out).read_text(encoding="utf-8") if Path(out).exists() else "# Performance\n"
        write_text(out, replace_section(page, SECTION, text))
        print(f"\nwrote the section {SECTION!r} of {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
