"""The main job: validate a dataset, run the analyses, write every output, timing each stage.

Outputs are first written into a staging folder beside the output folder and
moved into place only when every stage has succeeded, so a failed build
leaves the previous outputs as they were: never a half-written set.

Stages
------
``tables``: centrality, balance, alignment and blocs per year and per named
period, at person and state level, as CSV (``<out>/tables/``), plus the
curation summary as JSON. ``figures``: every figure (PNG, SVG, the GIF) at
both levels (:mod:`network.figures`). ``explorer``: the offline interactive
page ``<out>/explorer.html``. ``report``: the lesson pages ``<out>/report/``.

The figures start first and are drawn in worker processes while the other
stages run here (:data:`BACKGROUND`); their time is reported from start to
end, and the total is the build's wall time.

Examples
--------
>>> import tempfile, pathlib
>>> from network import load
>>> out = pathlib.Path(tempfile.mkdtemp())
>>> report = build(load("tests/data/mini.yaml"), out, stages=("tables",))
>>> sorted(p.name for p in (out / "tables").iterdir())[:3]
['alignment-period.csv', 'alignment-year.csv', 'balance-period-person.csv']
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from .atomic import write_text
from .model import Dataset

__all__ = ["build", "BuildReport", "STAGES", "table_files"]


@dataclass
class BuildReport:
    """What a build wrote and how long each stage took (seconds of wall time).

    A stage in ``background`` ran in worker processes alongside the others:
    its time runs from its start to its end, so the stages' times add up to
    more than the build took; ``wall`` is what it took (when measured).
    """

    files: list[Path] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)
    background: dict[str, str] = field(default_factory=dict)
    wall: float | None = None

    def format(self) -> str:
        lines = [
            f"  {name:<10} {secs:6.2f} s"
            + (f"   ({self.background[name]})" if name in self.background else "")
            for name, secs in self.timings.items()
        ]
        total = sum(self.timings.values()) if self.wall is None else self.wall
        note = "   (wall time; stages overlap)" if self.background and self.wall is not None else ""
        lines.append(f"  {'total':<10} {total:6.2f} s   {len(self.files)} files{note}")
        return "\n".join(lines)


def table_files(dataset: Dataset) -> dict[str, str]:
    """The analysis tables of a dataset: file name -> CSV text.

    Alignment uses the default focal actor and poles when the dataset has
    them (``albania``; ``ussr``, ``china``), and is skipped otherwise.
    """
    from .alignment import FOCAL, POLES, alignment, blocs
    from .balance_periods import balance_rows
    from .centrality import centrality
    from .options import ALIGNMENT_MEASURES
    from .rows import Rows
    from .snapshots import snapshots
    from .summary import summarize

    out: dict[str, str] = {}
    bys = ["year"] + (["period"] if dataset.periods else [])
    has_poles = FOCAL in dataset.actors and all(p in dataset.actors for p in POLES)
    for by in bys:
        for level in ("person", "state"):
            snaps = snapshots(dataset, by=by, level=level)
            out[f"centrality-{by}-{level}.csv"] = centrality(snaps).to_csv()
            out[f"balance-{by}-{level}.csv"] = balance_rows(snaps).to_csv()
            if level == "state" and has_poles:
                rows = Rows()
                for measure in ALIGNMENT_MEASURES:
                    rows.extend(alignment(snaps, measure=measure))
                out[f"alignment-{by}.csv"] = rows.to_csv()
                out[f"blocs-{by}.csv"] = blocs(snaps).to_csv()
    out["summary.json"] = json.dumps(summarize(dataset), indent=2, ensure_ascii=False) + "\n"
    return out


def _stage_tables(dataset: Dataset, staging: Path, log: Callable[[str], None]) -> list[Path]:
    written = []
    for name, text in table_files(dataset).items():
        path = staging / "tables" / name
        write_text(path, text)
        written.append(path)
    log(f"tables: {len(written)} files")
    return written


def _stage_figures(dataset: Dataset, staging: Path, log: Callable[[str], None]) -> list[Path]:
    return _start_figures(dataset, staging, log)()


def _start_figures(
    dataset: Dataset, staging: Path, log: Callable[[str], None], cache: bool = False
) -> Callable[[], list[Path]]:
    """Start drawing the figures in worker processes; the function returned waits and writes them.

    With ``cache``, figures drawn by an earlier build from the same views with the same code are
    read from the user's cache (:class:`network.figures.render.FigureCache`) instead.
    """
    from .figures.render import FigureCache, start

    store = FigureCache.default() if cache else None
    drawing = start(dataset, staging, cache=store)

    def finish() -> list[Path]:
        rendered = drawing.result()
        files = [Path(p) for p in rendered]
        workers = f"{drawing.workers} worker processes" if drawing.workers > 1 else "this process"
        drawn = len(drawing.tasks) - rendered.cached
        how = f"drawn in {workers}" if drawn else "all read from the cache"
        reused = f"; {rendered.cached} of {len(drawing.tasks)} drawing tasks from the cache" if store else ""
        log(f"figures: {len(files)} files, {how}{reused}")
        return files

    finish.cancel = drawing.cancel  # type: ignore[attr-defined]
    return finish


def _stage_explorer(dataset: Dataset, staging: Path, log: Callable[[str], None]) -> list[Path]:
    from .explorer.page import write_explorer

    path = Path(write_explorer(dataset, staging / "explorer.html"))
    log(f"explorer: {path.name}, {path.stat().st_size // 1024} KiB")
    return [path]


def _stage_report(dataset: Dataset, staging: Path, log: Callable[[str], None]) -> list[Path]:
    from .report.render import write_report

    files = [Path(p) for p in write_report(dataset, staging / "report")]
    log(f"report: {len(files)} files")
    return files


#: Build stages in order: name -> function(dataset, staging_dir, log) -> files written.
STAGES: dict[str, Callable[[Dataset, Path, Callable[[str], None]], list[Path]]] = {
    "tables": _stage_tables,
    "figures": _stage_figures,
    "explorer": _stage_explorer,
    "report": _stage_report,
}
#: Stages that can run in the background, in worker processes, while the others run in this one:
#: name -> (the stage function they stand for, function(dataset, staging_dir, log) -> a function
#: that waits for the stage and returns its files; it has a ``cancel()``).
BACKGROUND: dict[str, tuple[Callable[..., list[Path]], Callable[..., Callable[[], list[Path]]]]] = {
    "figures": (_stage_figures, _start_figures),
}


def _move_into_place(staging: Path, out: Path, files: Iterable[Path]) -> list[Path]:
    final = []
    for path in files:
        target = out / path.relative_to(staging)
        target.parent.mkdir(parents=True, exist_ok=True)
        os.replace(path, target)
        final.append(target)
    return final


def build(
    dataset: Dataset,
    out: str | os.PathLike[str] = "figures",
    stages: Sequence[str] | None = None,
    log: Callable[[str], None] = lambda message: None,
    cache: bool = False,
) -> BuildReport:
    """Run the build stages for ``dataset`` into ``out``; return what was written and the timings.

    The figures are drawn in worker processes while the other stages run; with ``cache``,
    figures an earlier build drew from the same views with the same code are read from the
    user's cache instead of drawn (``entente build`` does so unless given ``--no-cache``).
    """
    from .balance import shared_partitions

    names = list(STAGES) if stages is None else list(stages)
    unknown = [n for n in names if n not in STAGES]
    if unknown:
        raise ValueError(f"unknown build stage(s) {unknown}; choose from {list(STAGES)}")
    out_dir = Path(out)
    out_dir.mkdir(parents=True, exist_ok=True)
    report = BuildReport()
    start = time.perf_counter()
    staging = Path(tempfile.mkdtemp(prefix=".entente-build-", dir=out_dir))
    # the stages ask for the partitions of the same snapshots: each is solved once per build
    with shared_partitions():
        # a background stage starts first and is waited for last, so that its workers draw while
        # the other stages run here (unless its stage function was replaced)
        running: dict[str, tuple[float, Callable[[], list[Path]]]] = {}
        timings: dict[str, float] = {}
        try:
            for name in names:
                if name in BACKGROUND and STAGES[name] is BACKGROUND[name][0]:
                    running[name] = (
                        time.perf_counter(),
                        BACKGROUND[name][1](dataset, staging, log, cache=cache),
                    )
            staged: list[Path] = []
            for name in names:
                if name not in running:
                    t0 = time.perf_counter()
                    staged.extend(STAGES[name](dataset, staging, log))
                    timings[name] = time.perf_counter() - t0
            for name in list(running):
                t0, finish = running[name]
                staged.extend(finish())
                del running[name]
                timings[name] = time.perf_counter() - t0
                if len(names) > 1:
                    report.background[name] = "in worker processes, alongside the other stages"
            report.timings = {name: timings[name] for name in names}
            report.files = _move_into_place(staging, out_dir, staged)
        finally:
            for _, finish in running.values():
                finish.cancel()  # type: ignore[attr-defined]
            shutil.rmtree(staging, ignore_errors=True)
    report.wall = time.perf_counter() - start
    return report
