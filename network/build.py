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
    """What a build wrote and how long each stage took (seconds)."""

    files: list[Path] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)

    def format(self) -> str:
        lines = [f"  {name:<10} {secs:6.2f} s" for name, secs in self.timings.items()]
        lines.append(f"  {'total':<10} {sum(self.timings.values()):6.2f} s   {len(self.files)} files")
        return "\n".join(lines)


def table_files(dataset: Dataset) -> dict[str, str]:
    """The analysis tables of a dataset: file name -> CSV text.

    Alignment uses the default focal actor and poles when the dataset has
    them (``albania``; ``ussr``, ``china``), and is skipped otherwise.
    """
    from .alignment import FOCAL, POLES, alignment, blocs
    from .balance_periods import balance_rows
    from .centrality import centrality
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
                for measure in ("net", "weight", "s_score"):
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
    from .figures.render import render_all

    files = [Path(p) for p in render_all(dataset, staging)]
    log(f"figures: {len(files)} files")
    return files


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
) -> BuildReport:
    """Run the build stages for ``dataset`` into ``out``; return what was written and the timings."""
    names = list(STAGES) if stages is None else list(stages)
    unknown = [n for n in names if n not in STAGES]
    if unknown:
        raise ValueError(f"unknown build stage(s) {unknown}; choose from {list(STAGES)}")
    out_dir = Path(out)
    out_dir.mkdir(parents=True, exist_ok=True)
    report = BuildReport()
    staging = Path(tempfile.mkdtemp(prefix=".entente-build-", dir=out_dir))
    try:
        staged: list[Path] = []
        for name in names:
            t0 = time.perf_counter()
            staged.extend(STAGES[name](dataset, staging, log))
            report.timings[name] = time.perf_counter() - t0
        report.files = _move_into_place(staging, out_dir, staged)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return report
