"""The main job: validate a dataset, run the analyses, write every output, timing each stage.

Outputs are first written into a staging folder beside the output folder and
moved into place only when every stage has succeeded, so a failed build
leaves the previous outputs as they were: never a half-written set.

Stages
------
``tables``: centrality, balance, alignment and camps per year and per named
period, at person and state level, as CSV (``<out>/tables/``), plus the
curation summary as JSON. ``figures``: every figure (PNG, SVG, the GIF) at
both levels (:mod:`network.figures`). ``explorer``: the offline interactive
page ``<out>/explorer.html``. ``report``: the lesson pages ``<out>/report/``.

The figures start first and are drawn in worker processes while the other
stages run here (:data:`BACKGROUND`); their time is reported from start to
end, and the total is the build's wall time.

Outputs never mix (:mod:`network.output.outdir`): a build refuses a folder made
from another dataset, or not empty and made by no build, unless forced;
it records the dataset and the files each stage wrote in the folder's
``entente-build.json``, and removes the files its earlier builds wrote
that it no longer writes.

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
from typing import TYPE_CHECKING

from network.dataset.model import Dataset
from network.output.atomic import write_text
from network.output.lock import FolderBusy, folder_lock

if TYPE_CHECKING:
    from network.measures.balance import PartitionCache
    from network.output.layout import LayoutCache
    from network.output.outdir import Manifest

__all__ = [
    "build",
    "BuildCaches",
    "BuildReport",
    "OutputFolderBusy",
    "OutputFolderRefused",
    "STAGES",
    "table_files",
]


class OutputFolderRefused(ValueError):
    """The output folder holds another dataset's outputs, or files no build made."""


class OutputFolderBusy(OutputFolderRefused):
    """Another build is writing into the output folder now (``--force`` does not help)."""


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


@dataclass
class BuildCaches:
    """What the stages of one build compute once and share, made by the build and passed to each stage.

    ``partitions``: the balance partitions of the snapshots (the tables, the figures' camps and
    balance, the explorer and the lesson pages ask for the same ones);
    ``layouts``: the stable layouts (the figures, the explorer and the lesson pages place the
    actors alike). Nothing outlives the build: the next one starts with new caches.

    Examples
    --------
    >>> caches = BuildCaches.new()
    >>> len(caches.partitions), len(caches.layouts)
    (0, 0)
    """

    partitions: PartitionCache
    layouts: LayoutCache

    @classmethod
    def new(cls) -> BuildCaches:
        """Empty caches."""
        from network.measures.balance import PartitionCache
        from network.output.layout import LayoutCache

        return cls(PartitionCache(), LayoutCache())


def table_files(dataset: Dataset, partitions: PartitionCache | None = None) -> dict[str, str]:
    """The analysis tables of a dataset: file name -> CSV text.

    Alignment follows the dataset's framing (``framing: focal`` and ``poles``)
    and is left out without one, as are the camps (:mod:`network.measures.camps`), which
    are reckoned towards the framing's poles. ``partitions`` holds the balance partitions
    solved so far (a build's; default: solved afresh).
    """
    from network.curation.summary import summarize
    from network.measures.alignment import alignment
    from network.measures.balance_periods import balance_rows
    from network.measures.camps import camp_rows
    from network.measures.centrality import centrality
    from network.measures.choices import ALIGNMENT_MEASURES
    from network.output.rows import Rows
    from network.timeline.snapshots import snapshots

    out: dict[str, str] = {}
    bys = ["year"] + (["period"] if dataset.periods else [])
    framing = dataset.framing
    for by in bys:
        for level in ("person", "state"):
            snaps = snapshots(dataset, by=by, level=level)
            out[f"centrality-{by}-{level}.csv"] = centrality(snaps).to_csv()
            out[f"balance-{by}-{level}.csv"] = balance_rows(snaps, partitions=partitions).to_csv()
            if level == "state" and framing is not None:
                rows = Rows()
                for measure in ALIGNMENT_MEASURES:
                    rows.extend(alignment(snaps, framing.focal, framing.poles, measure=measure))
                out[f"alignment-{by}.csv"] = rows.to_csv()
                out[f"blocs-{by}.csv"] = camp_rows(
                    snaps, framing.poles, partitions=partitions
                ).to_csv()  # camps (network.measures.camps)
    out["summary.json"] = json.dumps(summarize(dataset), indent=2, ensure_ascii=False) + "\n"
    return out


def _stage_tables(
    dataset: Dataset, staging: Path, log: Callable[[str], None], caches: BuildCaches
) -> list[Path]:
    written = []
    for name, text in table_files(dataset, caches.partitions).items():
        path = staging / "tables" / name
        write_text(path, text)
        written.append(path)
    log(f"tables: {len(written)} files")
    return written


def _stage_figures(
    dataset: Dataset, staging: Path, log: Callable[[str], None], caches: BuildCaches
) -> list[Path]:
    return _start_figures(dataset, staging, log, caches)()


def _start_figures(
    dataset: Dataset, staging: Path, log: Callable[[str], None], caches: BuildCaches, cache: bool = False
) -> Callable[[], list[Path]]:
    """Start drawing the figures in worker processes; the function returned waits and writes them.

    With ``cache``, figures drawn by an earlier build from the same views with the same code are
    read from the user's cache (:class:`network.figures.cache.FigureCache`) instead.
    """
    from network.figures.cache import FigureCache
    from network.figures.render import start

    store = FigureCache.default() if cache else None
    drawing = start(dataset, staging, cache=store, partitions=caches.partitions, layouts=caches.layouts)

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


def _stage_explorer(
    dataset: Dataset, staging: Path, log: Callable[[str], None], caches: BuildCaches
) -> list[Path]:
    from network.explorer.page import write_explorer

    path = Path(
        write_explorer(
            dataset, staging / "explorer.html", partitions=caches.partitions, layouts=caches.layouts
        )
    )
    log(f"explorer: {path.name}, {path.stat().st_size // 1024} KiB")
    return [path]


def _stage_report(
    dataset: Dataset, staging: Path, log: Callable[[str], None], caches: BuildCaches
) -> list[Path]:
    from network.report.render import write_report

    report = write_report(dataset, staging / "report", partitions=caches.partitions, layouts=caches.layouts)
    files = [Path(p) for p in report]
    log(f"report: {len(files)} files")
    return files


#: Build stages in order: name -> function(dataset, staging_dir, log, caches) -> files written, where
#: ``caches`` is the build's :class:`BuildCaches`.
STAGES: dict[str, Callable[[Dataset, Path, Callable[[str], None], BuildCaches], list[Path]]] = {
    "tables": _stage_tables,
    "figures": _stage_figures,
    "explorer": _stage_explorer,
    "report": _stage_report,
}
#: Stages that can run in the background, in worker processes, while the others run in this one:
#: name -> (the stage function they stand for, function(dataset, staging_dir, log, caches) -> a function
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


def _record(
    dataset: Dataset,
    out_dir: Path,
    previous: Manifest | None,
    written: dict[str, list[str]],
    log: Callable[[str], None],
) -> Path:
    """Remove what the previous build of this dataset wrote and this one did not; write the manifest."""
    from network.output.outdir import Manifest, stale_files, write_manifest

    root = out_dir.resolve()
    removed = 0
    for name in stale_files(previous, written):
        path = (out_dir / name).resolve()
        if root in path.parents and path.is_file():  # never outside the folder
            path.unlink()
            removed += 1
            for parent in path.parents:  # and the folders it leaves empty
                if parent == root or any(parent.iterdir()):
                    break
                parent.rmdir()
    if removed:
        log(
            f"removed {removed} file{'s' if removed != 1 else ''} an earlier build wrote and this one did not"
        )
    files: dict[str, tuple[str, ...]] = dict(previous.files) if previous else {}
    files.update((stage, tuple(names)) for stage, names in written.items())
    return write_manifest(out_dir, Manifest.of(dataset.path, out_dir, dataset.title, files))


def build(
    dataset: Dataset,
    out: str | os.PathLike[str] = "figures",
    stages: Sequence[str] | None = None,
    log: Callable[[str], None] = lambda message: None,
    cache: bool = False,
    force: bool = False,
    caches: BuildCaches | None = None,
) -> BuildReport:
    """Run the build stages for ``dataset`` into ``out``; return what was written and the timings.

    The figures are drawn in worker processes while the other stages run; with ``cache``,
    figures an earlier build drew from the same views with the same code are read from the
    user's cache instead of drawn (``entente build`` does so unless given ``--no-cache``).

    The stages share ``caches`` (:class:`BuildCaches`; default: new ones, forgotten when the
    build ends), so a partition or a layout is computed once per build.

    Raises :class:`OutputFolderRefused`, writing nothing, when ``out`` holds another dataset's
    outputs or files no build made (:func:`network.output.outdir.refusal`), unless ``force``.
    """
    from network.output.outdir import read_manifest, refusal

    names = list(STAGES) if stages is None else list(stages)
    unknown = [n for n in names if n not in STAGES]
    if unknown:
        raise ValueError(f"unknown build stage(s) {unknown}; choose from {list(STAGES)}")
    out_dir = Path(out)
    problem = refusal(out_dir, dataset.path)
    if out_dir.exists() and not out_dir.is_dir() or problem and not force:
        raise OutputFolderRefused(problem)
    previous = None if problem else read_manifest(out_dir)  # only our own builds' files are removed
    out_dir.mkdir(parents=True, exist_ok=True)
    if dataset.framing is None:
        from network.output.framing import no_framing

        log(no_framing("the alignment and camp tables, the alignment time line, the lesson's focal question"))
    try:
        with folder_lock(out_dir):
            _remove_stale_staging(out_dir)
            return _build(dataset, out_dir, names, previous, log, cache, caches or BuildCaches.new())
    except FolderBusy as exc:
        raise OutputFolderBusy(f"{exc}; wait for it to finish, or give another --out") from None


def _remove_stale_staging(out_dir: Path) -> None:
    """Remove the staging folders of builds that were killed before they could (the folder's lock is
    held, so no running build owns them)."""
    for child in out_dir.glob(".entente-build-*"):
        if child.is_dir() and not child.is_symlink():
            shutil.rmtree(child, ignore_errors=True)
    for child in out_dir.glob(
        ".entente-build.json.*.tmp"
    ):  # a manifest being written (network.output.atomic)
        child.unlink(missing_ok=True)


def _build(
    dataset: Dataset,
    out_dir: Path,
    names: list[str],
    previous: Manifest | None,
    log: Callable[[str], None],
    cache: bool,
    caches: BuildCaches,
) -> BuildReport:
    report = BuildReport()
    start = time.perf_counter()
    staging = Path(tempfile.mkdtemp(prefix=".entente-build-", dir=out_dir))
    # the stages ask for the partitions of the same snapshots and for the same layouts: each is
    # computed once per build (``caches``), and forgotten with it
    # a background stage starts first and is waited for last, so that its workers draw while
    # the other stages run here (unless its stage function was replaced)
    running: dict[str, tuple[float, Callable[[], list[Path]]]] = {}
    timings: dict[str, float] = {}
    try:
        for name in names:
            if name in BACKGROUND and STAGES[name] is BACKGROUND[name][0]:
                running[name] = (
                    time.perf_counter(),
                    BACKGROUND[name][1](dataset, staging, log, caches, cache=cache),
                )
        staged: dict[str, list[Path]] = {}
        for name in names:
            if name not in running:
                t0 = time.perf_counter()
                staged[name] = STAGES[name](dataset, staging, log, caches)
                timings[name] = time.perf_counter() - t0
        for name in list(running):
            t0, finish = running[name]
            staged[name] = finish()
            del running[name]
            timings[name] = time.perf_counter() - t0
            if len(names) > 1:
                report.background[name] = "in worker processes, alongside the other stages"
        report.timings = {name: timings[name] for name in names}
        report.files = _move_into_place(staging, out_dir, [p for name in names for p in staged[name]])
        written = {name: [p.relative_to(staging).as_posix() for p in staged[name]] for name in names}
        report.files.append(_record(dataset, out_dir, previous, written, log))
    finally:
        for _, finish in running.values():
            finish.cancel()  # type: ignore[attr-defined]
        shutil.rmtree(staging, ignore_errors=True)
    report.wall = time.perf_counter() - start
    return report
