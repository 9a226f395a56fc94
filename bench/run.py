"""Run every benchmark, print a table, and write docs/performance.md.

Usage::

    python bench/run.py            # the full suite (about half an hour on 2 cores)
    python bench/run.py --quick    # one run each, 50,000 ties: a smoke test; writes nothing unless --out

Each measurement runs in a fresh process (``bench/tasks.py``) and is
repeated; the table shows the median, the peak memory of those processes, the
target from the performance issue, the ratio to it and whether it is met.
Synthetic data comes from ``bench/synth.py`` and is kept in ``--data``
between runs. Benchmarks, not tests: nothing here fails a build, and the
tests never assert a time.

Optional comparisons: DyNetX runs if ``import dynetx`` works (``pip install
dynetx``; or install it elsewhere with ``pip install --target DIR dynetx`` and
pass ``--extras DIR``); nx-parallel needs a Python whose networkx it supports
(``--nx-parallel-python PATH``).
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
BENCH = ROOT / "bench"
PY = sys.executable
LIMIT_MB = 2048  # peak memory allowed throughout


@dataclass
class Result:
    """One line of the table."""

    area: str
    what: str
    value: str
    target: str = ""
    ratio: str = ""
    met: bool | None = None
    peak_mb: float | None = None
    note: str = ""
    cpu: float | None = None


@dataclass
class Suite:
    repeat: int
    heavy_repeat: int
    data: Path
    extras: str | None
    nxp_python: str | None
    centrality_timeout: float = 600
    results: list[Result] = field(default_factory=list)
    peaks: list[float] = field(default_factory=list)  # the scale scenario's measurements
    extra_peaks: list[float] = field(default_factory=list)  # the rest (the rich datasets)

    # -- running ------------------------------------------------------------------------------
    def env(self, extras: bool = False) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
        paths = [str(ROOT)] + ([self.extras] if extras and self.extras else [])
        env["PYTHONPATH"] = os.pathsep.join(paths)
        return env

    def task(
        self,
        name: str,
        repeat: int = 1,
        python: str = PY,
        extras: bool = False,
        timeout: float = 1800,
        scale: bool = True,
        **args: Any,
    ) -> dict[str, Any]:
        """Run a task ``repeat`` times: median ``seconds``, largest ``peak_mb``, the rest of the last run."""
        runs = []
        for _ in range(repeat):
            try:
                proc = subprocess.run(
                    [python, str(BENCH / "tasks.py"), name, json.dumps(args)],
                    capture_output=True,
                    text=True,
                    env=self.env(extras),
                    cwd=ROOT,
                    timeout=timeout,
                )
            except subprocess.TimeoutExpired:
                return {"error": [f"did not finish within {timeout:.0f} s (stopped)"]}
            if proc.returncode != 0:
                return {"error": (proc.stderr or proc.stdout).strip().splitlines()[-1:] or ["failed"]}
            runs.append(json.loads(proc.stdout.strip().splitlines()[-1]))
            if "skipped" in runs[-1]:
                return runs[-1]
        out = dict(runs[-1])
        out["seconds"] = statistics.median(r["seconds"] for r in runs)
        out["runs"] = [r["seconds"] for r in runs]
        if all("cpu" in r for r in runs):
            out["cpu"] = statistics.median(r["cpu"] for r in runs)
        out["peak_mb"] = max(r["peak_mb"] for r in runs)
        (self.peaks if scale else self.extra_peaks).append(out["peak_mb"])
        return out

    def wall(self, argv: list[str], repeat: int, env: dict[str, str] | None = None) -> tuple[float, str]:
        """Median wall time of a whole command (start-up included), and its last output."""
        times, out = [], ""
        for _ in range(repeat):
            t = time.perf_counter()
            proc = subprocess.run(
                argv, capture_output=True, text=True, env={**self.env(), **(env or {})}, cwd=ROOT
            )
            times.append(time.perf_counter() - t)
            out = proc.stdout + proc.stderr
        return statistics.median(times), out

    def add(self, *args: Any, **kwargs: Any) -> None:
        result = Result(*args, **kwargs)
        self.results.append(result)
        flag = {True: "met", False: "NOT MET", None: ""}[result.met]
        r = result
        print(f"  {r.area:<11} {r.what:<58} {r.value:>16}  {r.target:<14} {r.ratio:<16} {flag}", flush=True)

    def fail(self, area: str, what: str, res: dict[str, Any]) -> bool:
        """Record a skipped or failed task; True if it was one."""
        if "skipped" in res:
            self.add(area, what, "skipped", note=res["skipped"])
            return True
        if "error" in res:
            self.add(area, what, "failed", note=" ".join(res["error"]))
            return True
        return False


def _s(x: float) -> str:
    return f"{x:.2f} s" if x >= 0.1 else f"{x * 1000:.0f} ms"


def _mb(x: float | None) -> str:
    return "" if x is None else f"{x:.0f} MB"


# -- data ---------------------------------------------------------------------------------------
def dataset(suite: Suite, ties: int, form: str, rich: bool = False) -> str:
    """The synthetic dataset of this size and form, generated once into the data folder."""
    name = f"synth-{ties // 1000}k{'-rich' if rich else ''}"
    path = suite.data / (f"{name}.{form}" if form != "csv" else name)
    if not path.exists():
        argv = [
            PY,
            str(BENCH / "synth.py"),
            "--actors",
            "5000",
            "--ties",
            str(ties),
            "--years",
            "60",
            "--out",
            str(path) + ("/" if form == "csv" else ""),
        ] + (["--rich"] if rich else [])
        subprocess.run(argv, check=True, env=suite.env(), cwd=ROOT, capture_output=True)
    return str(path)


# -- the benchmarks -----------------------------------------------------------------------------
def startup(suite: Suite) -> None:
    reps = max(suite.repeat, 5)
    floor, _ = suite.wall([PY, "-c", "import yaml, networkx"], reps)
    ours, _ = suite.wall([PY, "-m", "network", "validate", "data/actors.yaml"], reps)
    suite.add(
        "start-up",
        "entente validate data/actors.yaml (whole process)",
        _s(ours),
        "<= 1.5x floor",
        f"{ours / floor:.2f}x of {_s(floor)}",
        ours <= 1.5 * floor,
        note="floor: python -c 'import yaml, networkx'",
    )
    floor, _ = suite.wall([PY, "-c", "import argparse"], reps)
    ours, _ = suite.wall([PY, "-m", "network", "--help"], reps)
    suite.add(
        "start-up",
        "entente --help (whole process)",
        _s(ours),
        "<= 3x floor",
        f"{ours / floor:.2f}x of {_s(floor)}",
        ours <= 3 * floor,
        note="floor: python -c 'import argparse'",
    )
    heavy = []
    for path in sorted((ROOT / "network" / "commands").glob("*.py")):
        if path.name == "__init__.py":
            continue
        res = suite.task("heavy_imports", module=f"network.commands.{path.stem}")
        if res.get("heavy"):
            heavy.append(f"{path.stem} ({', '.join(res['heavy'])})")
    suite.add(
        "start-up",
        "command modules importing heavy packages at import",
        str(len(heavy)),
        "0",
        met=not heavy,
        note="; ".join(heavy) or "none",
    )


def loading(suite: Suite, ties: int) -> None:
    n = f"{ties // 1000}k"
    yaml_path = dataset(suite, ties, "yaml")
    bare = suite.task("bare_yaml", suite.heavy_repeat, path=yaml_path)
    compose = suite.task("bare_compose", suite.heavy_repeat, path=yaml_path)
    ours = suite.task("load", suite.heavy_repeat, path=yaml_path)
    size = os.path.getsize(yaml_path) / 1e6
    if not suite.fail("load", f"YAML {n} ties", ours) and not suite.fail("load", "bare YAML", bare):
        suite.add(
            "load",
            f"YAML, {n} ties ({size:.0f} MB): bare yaml.load(CSafeLoader)",
            _s(bare["seconds"]),
            peak_mb=bare["peak_mb"],
            cpu=bare.get("cpu"),
        )
        if not suite.fail("load", "bare compose", compose):
            suite.add(
                "load",
                f"YAML, {n} ties: yaml.compose(CSafeLoader), nodes only (what our reader starts from)",
                _s(compose["seconds"]),
                peak_mb=compose["peak_mb"],
                cpu=compose.get("cpu"),
            )
        suite.add(
            "load",
            f"YAML, {n} ties: network.check (parse, all rules, records)",
            _s(ours["seconds"]),
            "<= 1.2x bare",
            f"{ours['seconds'] / bare['seconds']:.2f}x",
            ours["seconds"] <= 1.2 * bare["seconds"],
            ours["peak_mb"],
            cpu=ours.get("cpu"),
        )
    for form, floor_task in (("json", "bare_json"), ("csv", "bare_csv")):
        path = dataset(suite, ties, form)
        floor = suite.task(floor_task, suite.repeat, path=path)
        res = suite.task("load", suite.repeat, path=path)
        if suite.fail("load", f"{form} {n}", res):
            continue
        suite.add(
            "load",
            f"{form.upper()}, {n} ties: standard library only ({floor_task[5:]})",
            _s(floor["seconds"]),
            peak_mb=floor["peak_mb"],
            cpu=floor.get("cpu"),
        )
        ok = res["seconds"] <= 3 and res["peak_mb"] <= 500
        cli, _ = suite.wall(
            [PY, "-m", "network", "validate", path, "--max-bytes", str(1 << 30)], suite.repeat
        )
        suite.add(
            "load",
            f"{form.upper()}, {n} ties: network.check (load and validate)",
            _s(res["seconds"]),
            "<= 3 s, 500 MB",
            f"{res['seconds'] / 3:.2f}x, {_mb(res['peak_mb'])}",
            ok,
            res["peak_mb"],
            cpu=res.get("cpu"),
            note=f"runs: {', '.join(_s(t) for t in res['runs'])}",
        )
        suite.add(
            "load",
            f"{form.upper()}, {n} ties: entente validate (whole process)",
            _s(cli),
            note="interpreter start, imports and the deferred garbage collection included",
        )
    for form in ("json", "csv", "yaml"):
        path = dataset(suite, ties, form, rich=True)
        res = suite.task("load", 1 if form == "yaml" else suite.repeat, path=path, strict=True, scale=False)
        if not suite.fail("load", f"rich {form}", res):
            suite.add(
                "load",
                f"{form.upper()}, {n} rich ties (cited, evidence), --strict",
                _s(res["seconds"]),
                peak_mb=res["peak_mb"],
                note="for comparison; no target",
                cpu=res.get("cpu"),
            )


def growth(suite: Suite, sizes: list[int]) -> None:
    """Time per size, the sizes interleaved run by run, so a slow spell of the machine hits them all."""
    for what, name in (("load JSON", "load"), ("yearly snapshots, person level", "snapshots")):
        runs: dict[int, list[float]] = {ties: [] for ties in sizes}
        for _ in range(suite.repeat):
            for ties in sizes:
                res = suite.task(name, 1, path=dataset(suite, ties, "json"))
                if suite.fail("growth", f"{what} {ties}", res):
                    return
                runs[ties].append(res["seconds"])
        times = [statistics.median(runs[ties]) for ties in sizes]
        steps = [b / a for a, b in zip(times, times[1:], strict=False)]
        label = " / ".join(_s(t) for t in times)
        suite.add(
            "growth",
            f"{what}: {' / '.join(f'{s // 1000}k' for s in sizes)} ties",
            label,
            "<= 2.2x per doubling",
            " ".join(f"{r:.2f}x" for r in steps),
            all(r <= 2.2 for r in steps),
            note="medians of runs taken in turn across the sizes",
        )


def snapshots(suite: Suite, ties: int) -> None:
    path = dataset(suite, ties, "json")
    for level in ("person", "state"):
        res = suite.task("snapshots", suite.heavy_repeat, path=path, level=level)
        if not suite.fail("snapshots", level, res):
            suite.add(
                "snapshots",
                f"yearly snapshots, {level} level, {ties // 1000}k ties ({res['periods']} years, "
                f"<= {res['max_active']} active)",
                _s(res["seconds"]),
                "<= 5 s",
                f"{res['seconds'] / 5:.2f}x",
                res["seconds"] <= 5,
                res["peak_mb"],
                cpu=res.get("cpu"),
            )


def measures(suite: Suite, ties: int) -> None:
    path = dataset(suite, ties, "json")
    for level in ("state", "person"):
        res = suite.task("centrality", 1, path=path, level=level, timeout=suite.centrality_timeout)
        if not suite.fail("centrality", f"centrality per year, {level} level, {ties // 1000}k ties", res):
            suite.add(
                "centrality",
                f"centrality per year, {level} level, {ties // 1000}k ties",
                _s(res["seconds"]),
                "<= 60 s",
                f"{res['seconds'] / 60:.2f}x",
                res["seconds"] <= 60,
                res["peak_mb"],
                cpu=res.get("cpu"),
            )


def side_by_side(suite: Suite, ties: int) -> None:
    path = dataset(suite, ties, "json")
    plain = suite.task("side_plain", suite.heavy_repeat, path=path)
    ours = suite.task("side_ours", suite.heavy_repeat, path=path)
    if suite.fail("side", "plain", plain) or suite.fail("side", "ours", ours):
        return
    suite.add(
        "side",
        f"yearly graphs + PageRank, {ties // 1000}k ties: plain networkx script",
        _s(plain["seconds"]),
        peak_mb=plain["peak_mb"],
        cpu=plain.get("cpu"),
    )
    suite.add(
        "side",
        "the same with entente's snapshots",
        _s(ours["seconds"]),
        "<= 1.3x plain",
        f"{ours['seconds'] / plain['seconds']:.2f}x",
        ours["seconds"] <= 1.3 * plain["seconds"],
        ours["peak_mb"],
        cpu=ours.get("cpu"),
    )
    dyn = suite.task("side_dynetx", suite.heavy_repeat, extras=True, path=path)
    if not suite.fail("side", "DyNetX (pip install dynetx)", dyn):
        suite.add(
            "side",
            "the same with DyNetX (slices, unweighted PageRank)",
            _s(dyn["seconds"]),
            "report",
            f"ours {ours['seconds'] / dyn['seconds']:.2f}x of it",
            None,
            dyn["peak_mb"],
            cpu=dyn.get("cpu"),
        )


def balance(suite: Suite) -> None:
    res = suite.task("frustration_scaling", 1)
    if not suite.fail("balance", "frustration scaling", res):
        sizes = ", ".join(f"{n}: {_s(t)}" for n, t in res["sizes"])
        suite.add(
            "balance",
            "exact frustration, random signed graphs (mean degree 6): largest n under 1 s",
            str(res["largest_under"]),
            "report",
            note=sizes,
        )
    for level in ("state", "person"):
        res = suite.task("frustration_periods", suite.repeat, path="data/actors.yaml", level=level)
        if not suite.fail("balance", "frustration per period", res):
            per = "; ".join(
                f"{p}: {n} nodes, {m} edges, {_s(t)}{'' if exact else ' (not exact)'}"
                for p, n, m, _v, exact, t in res["periods"]
            )
            suite.add(
                "balance",
                f"exact frustration per period, data/actors.yaml, {level} level (total)",
                _s(res["seconds"]),
                "report",
                note=per,
            )


def parallel(suite: Suite, ties: int) -> None:
    path = dataset(suite, ties, "json")
    res = suite.task("parallel_periods", 1, path=path)
    if not suite.fail("parallel", "pool", res):
        suite.add(
            "parallel",
            f"sampled betweenness on 8 busiest years: {res['workers']} processes vs 1",
            _s(res["seconds"]),
            "report",
            f"{res['speedup']:.2f}x speed-up",
            None,
            res["peak_mb"],
            note=f"serial {_s(res['serial'])}",
        )
    python = suite.nxp_python or PY
    with tempfile.TemporaryDirectory() as tmp:
        edges = str(Path(tmp) / "edges.txt")
        suite.task("export_busiest", path=path, out=edges)
        res = suite.task("nx_parallel", 1, python=python, extras=suite.nxp_python is None, edgelist=edges)
        if not suite.fail("parallel", "nx-parallel", res):
            suite.add(
                "parallel",
                f"nx-parallel betweenness (k=500), busiest year ({res['nodes']} nodes), "
                f"networkx {res['networkx']}",
                _s(res["seconds"]),
                "report",
                f"{res['speedup']:.2f}x speed-up",
                None,
                res["peak_mb"],
                note=f"serial {_s(res['serial'])}",
            )


def main_job(suite: Suite) -> None:
    """entente build, cold (--no-cache: every figure drawn) and warm (figures read from the cache)."""
    build = [PY, "-m", "network", "build", "data/actors.yaml"]
    with tempfile.TemporaryDirectory() as tmp:
        cache = {"XDG_CACHE_HOME": f"{tmp}/cache"}
        for label, extra, env in (
            ("cold: --no-cache, every figure drawn", ["--no-cache"], None),
            ("warm: figures unchanged since the last build, read from the cache", [], cache),
        ):
            if env is not None:  # fill the cache first
                suite.wall(build + ["--out", f"{tmp}/fill"], 1, env=env)
            times = []
            out = ""
            for _ in range(max(3, suite.heavy_repeat)):
                shutil.rmtree(Path(tmp) / "out", ignore_errors=True)
                secs, out = suite.wall(build + extra + ["--out", f"{tmp}/out"], 1, env=env)
                times.append(secs)
            secs = statistics.median(times)
            stages = re.findall(r"^\s+([a-z][\w-]*)\s+([\d.]+) s", out, re.M)
            per = ", ".join(f"{name} {float(t):.2f} s" for name, t in stages if name != "total")
            suite.add(
                "build",
                f"entente build data/actors.yaml (whole process), {label}",
                _s(secs),
                "<= 5 s",
                f"{secs / 5:.2f}x",
                "valid" in out and secs <= 5,
                note=f"runs: {', '.join(_s(t) for t in times)}; last run's stages: {per}"
                if per
                else (out.strip().splitlines()[-1] if out.strip() else ""),
            )


def canvas(suite: Suite) -> None:
    """The state level's figures drawn with the text-caching canvas and with matplotlib's own
    canvases, interleaved (canvas, plain, canvas, ...), each run in a fresh process."""
    runs: dict[bool, list[dict[str, Any]]] = {True: [], False: []}
    for _ in range(max(3, suite.repeat)):
        for cached in (True, False):
            res = suite.task("state_figures", 1, scale=False, path="data/actors.yaml", canvas=cached)
            if suite.fail("figures", "state figures, text-caching canvas vs matplotlib's own", res):
                return
            runs[cached].append(res)
    wall = {k: statistics.median(r["seconds"] for r in v) for k, v in runs.items()}
    cpu = {k: statistics.median(r["cpu"] for r in v) for k, v in runs.items()}
    same = len({r["digest"] for v in runs.values() for r in v}) == 1
    suite.add(
        "figures",
        f"data/actors.yaml, state level: {runs[True][0]['figures']} figures drawn in one process, "
        "text-caching canvas (vs matplotlib's own canvases)",
        f"{_s(wall[True])} (vs {_s(wall[False])})",
        "report",
        f"{wall[False] / wall[True]:.2f}x speed-up",
        cpu=cpu[True],
        note=f"interleaved, fresh processes; wall canvas {', '.join(_s(r['seconds']) for r in runs[True])}, "
        f"plain {', '.join(_s(r['seconds']) for r in runs[False])}; own CPU {_s(cpu[True])} vs "
        f"{_s(cpu[False])} ({cpu[False] / cpu[True]:.2f}x); "
        + ("the same bytes either way" if same else "the two paths wrote different bytes"),
    )


# -- the report ---------------------------------------------------------------------------------
def reference() -> float:
    """Seconds this machine takes for a fixed piece of pure Python, to compare runs (and machines)."""
    import timeit

    return min(timeit.repeat("sum(range(1_000_000))", number=10, repeat=5)) / 10


def machine() -> dict[str, str]:
    cpu = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    try:
        kb = int(re.search(r"MemTotal:\s+(\d+)", Path("/proc/meminfo").read_text()).group(1))  # type: ignore[union-attr]
        ram = f"{kb / 1024 / 1024:.1f} GiB"
    except (OSError, AttributeError):
        ram = "unknown"
    import yaml

    versions = []
    for name in ("PyYAML", "networkx", "numpy", "scipy", "matplotlib"):
        try:
            versions.append(f"{name} {metadata.version(name)}")
        except metadata.PackageNotFoundError:
            versions.append(f"{name} (not installed)")
    return {
        "CPU": f"{cpu}, {os.cpu_count()} logical cores (nproc {len(os.sched_getaffinity(0))})",
        "RAM": ram,
        "OS": f"{platform.system()} {platform.release()}",
        "Python": f"{platform.python_implementation()} {platform.python_version()}",
        "packages": ", ".join(versions)
        + f"; PyYAML C loader: {'yes' if hasattr(yaml, 'CSafeLoader') else 'no'}",
    }


def markdown(
    suite: Suite,
    info: dict[str, str],
    load_before: str,
    load_after: str,
    quick: bool,
    ties: int,
    minutes: float,
) -> str:
    today = datetime.date.today().isoformat()
    lines = [
        "# Performance",
        "",
        f"Measured on {today} by `python bench/run.py{' --quick' if quick else ''}` "
        f"({minutes:.0f} minutes); run it again to refresh this page. "
        "These are benchmarks, not tests: the tests never assert a time.",
        "",
        "## Machine",
        "",
        "| | |",
        "|---|---|",
        *[f"| {k} | {v} |" for k, v in info.items()],
        f"| load average | {load_before} before, {load_after} after (1, 5, 15 min) |",
        "",
        "## Method",
        "",
        "- Every measurement runs in a fresh Python process (`bench/tasks.py`), so nothing is warm "
        "but the operating system's file cache. Set-up a measurement does not time (loading the data "
        "before building snapshots, say) happens before its clock starts.",
        f"- Times are wall clock, the median of {suite.repeat} runs ({suite.heavy_repeat} for runs over "
        "about ten seconds, one for centrality and the frustration scan). Start-up and `entente build` "
        "time the whole command, interpreter start included.",
        "- *Own CPU* is the CPU time of the measuring process over the same span (median): on a "
        "machine shared with other work, wall time waits for a core and CPU time does not, so the two "
        "differ by how busy the machine was.",
        "- Peak memory is the largest resident set of the measuring process (`getrusage`), interpreter "
        "and untimed set-up included.",
        f"- Scale data: `python bench/synth.py --actors 5000 --ties {ties} --years 60` (seed 0), a valid "
        "dataset shaped like event data: persons, parties, states, organisations and groups, dated "
        "memberships, heavy-tailed activity, events dated to day, month or year (some approximate or "
        "across two years), some standing alliances and rivalries; about 100 bytes of YAML a tie. "
        "`--rich` adds a citation, evidence and confidence to every tie (curated-style, valid under "
        "`--strict`). The same data is written as YAML, JSON and CSV.",
        "- Targets are those of the performance issue; ratio is value / target (or / floor), "
        "below 1 is better.",
        "",
        "## Results",
        "",
        "| area | measurement | value | own CPU | peak memory | target | ratio | met |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for r in suite.results:
        met = {True: "yes", False: "**no**", None: ""}[r.met]
        cpu = "" if r.cpu is None else _s(r.cpu)
        lines.append(
            f"| {r.area} | {r.what} | {r.value} | {cpu} | {_mb(r.peak_mb)} | {r.target} | {r.ratio} | {met} |"
        )
    peak = max(suite.peaks) if suite.peaks else 0.0
    every = max(suite.peaks + suite.extra_peaks) if suite.peaks or suite.extra_peaks else 0.0
    if every < LIMIT_MB:
        verdict = "met"
    elif peak < LIMIT_MB:
        verdict = "met for the scenario, **not** with the rich datasets"
    else:
        verdict = "**not met**"
    lines += [
        "",
        f"Peak memory over the scale scenario (the synthetic data of the issue's command): {peak:.0f} MB; "
        f"over every measurement, the rich datasets (cited, with evidence) included: {every:.0f} MB "
        f"(target: under {LIMIT_MB} MB throughout: {verdict}).",
        "",
        "## Optional: more cores for the heavy measures",
        "",
        "Betweenness dominates the measures at scale, and each period's graph is independent, so there "
        "are two ways to use more cores (both measured above, area *parallel*):",
        "",
        "- **nx-parallel**, a networkx backend on joblib: `pip install nx-parallel`, then pass "
        '`backend="parallel"` to a networkx call, or make it the default for every algorithm it has '
        '(`NETWORKX_BACKEND_PRIORITY=parallel`, or `nx.config.backend_priority.algos = ["parallel"]`). '
        "Set `nx.config.backends.parallel.active = True` and `nx.config.backends.parallel.n_jobs = -1`: "
        "without them it runs one job. On Python 3.11 its last release (0.3) imports only with networkx "
        "before 3.5 (with 3.6 it fails: `cannot import name '_rescale_e'`), and 0.4 needs Python 3.12; the "
        "benchmark runs it with `--nx-parallel-python`, a separate environment with networkx 3.4.2.",
        "- **A pool of processes over periods**: `concurrent.futures.ProcessPoolExecutor().map` over the "
        "snapshots' graphs (the measures take plain graphs and return plain dicts, so they travel "
        "between processes).",
        "",
        "On 2 cores the best either can do is 2x, and less while anything else runs on the machine "
        "(see the load average above).",
        "",
        "## Notes",
        "",
    ]
    lines += [f"- **{r.area}, {r.what}**: {r.note}" for r in suite.results if r.note]
    return "\n".join(lines) + "\n"


#: Sections of docs/performance.md written by other scripts (their headings), kept when it is rewritten.
KEPT_SECTIONS = ("## The per-object speed code",)


def kept_sections(path: Path) -> str:
    """The sections of ``path`` that another script wrote (``KEPT_SECTIONS``), to append to the new page.

    >>> import tempfile
    >>> p = Path(tempfile.mkdtemp()) / "p.md"
    >>> _ = p.write_text("# P\\n\\n## Results\\n\\nx\\n\\n## The per-object speed code\\n\\ny\\n")
    >>> kept_sections(p)
    '\\n## The per-object speed code\\n\\ny\\n'
    """
    if not path.exists():
        return ""
    out = []
    for section in re.split(r"(?m)^(?=## )", path.read_text(encoding="utf-8")):
        if section.startswith(KEPT_SECTIONS):
            out.append("\n" + section.rstrip("\n") + "\n")
    return "".join(out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="one run each at 50,000 ties; writes no report")
    parser.add_argument("--out", help="report to write (default docs/performance.md; none with --quick)")
    parser.add_argument(
        "--data",
        default=str(Path(tempfile.gettempdir()) / "entente-bench"),
        help="folder for the synthetic datasets, kept between runs (default: %(default)s)",
    )
    parser.add_argument("--repeat", type=int, default=5, help="runs per measurement (default 5)")
    parser.add_argument(
        "--only",
        action="append",
        metavar="AREA",
        help="run only these areas: startup, load, growth, snapshots, centrality, side, balance, "
        "parallel, build, canvas",
    )
    parser.add_argument("--extras", help="a folder of optional packages (pip install --target DIR dynetx)")
    parser.add_argument("--nx-parallel-python", help="a Python with nx-parallel and a networkx it supports")
    parser.add_argument(
        "--centrality-timeout",
        type=float,
        default=600,
        metavar="SECONDS",
        help="stop a centrality run after this long (default: %(default)s)",
    )
    args = parser.parse_args(argv)
    ties = 50_000 if args.quick else 200_000
    repeat = 1 if args.quick else args.repeat
    suite = Suite(
        repeat=repeat,
        heavy_repeat=1 if args.quick else 3,
        data=Path(args.data),
        extras=args.extras,
        nxp_python=args.nx_parallel_python,
        centrality_timeout=args.centrality_timeout,
    )
    suite.data.mkdir(parents=True, exist_ok=True)
    out = args.out or (None if args.quick else str(ROOT / "docs" / "performance.md"))
    info = machine()
    load_before = " ".join(f"{x:.2f}" for x in os.getloadavg())
    ref_before = reference()
    for k, v in info.items():
        print(f"{k}: {v}")
    print(f"load average: {load_before}\n")
    t0 = time.perf_counter()
    areas = {
        "startup": lambda: startup(suite),
        "load": lambda: loading(suite, ties),
        "growth": lambda: growth(suite, [ties // 4, ties // 2, ties]),
        "snapshots": lambda: snapshots(suite, ties),
        "side": lambda: side_by_side(suite, ties),
        "balance": lambda: balance(suite),
        "parallel": lambda: parallel(suite, ties),
        "build": lambda: main_job(suite),
        "canvas": lambda: canvas(suite),
        "centrality": lambda: measures(suite, ties),
    }
    for name, run in areas.items():
        if not args.only or name in args.only:
            run()
    minutes = (time.perf_counter() - t0) / 60
    load_after = " ".join(f"{x:.2f}" for x in os.getloadavg())
    info["speed"] = (
        f"`sum(range(1_000_000))` takes {ref_before * 1000:.1f} ms before the run, "
        f"{reference() * 1000:.1f} ms after (the same machine varies with what else it runs)"
    )
    text = markdown(suite, info, load_before, load_after, args.quick, ties, minutes)
    if out:
        from sections import keep_sections  # bench/sections.py: other benchmarks' generated sections

        from network.output.atomic import write_text

        if Path(out).exists():  # keep what bench/columnar/run.py wrote into the page
            text = keep_sections(Path(out).read_text(encoding="utf-8"), text)
        text += kept_sections(Path(out))

        write_text(out, text)
        print(f"\nwrote {out}")
    return 0


if __name__ == "__main__":
    if str(ROOT) not in sys.path:  # measure this checkout, not whatever copy of network is installed
        sys.path.insert(0, str(ROOT))
    sys.exit(main())
