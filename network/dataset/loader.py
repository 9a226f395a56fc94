"""Load a dataset file into typed records, reporting every problem at once.

Examples
--------
>>> ds = load("data/template.yaml")
>>> len(ds.actors), len(ds.ties)
(7, 5)
"""

from __future__ import annotations

import gc
import os
from collections.abc import Iterator
from contextlib import contextmanager

import yaml

from network.dataset.check_fields import Converter
from network.dataset.forms import form_of, read_source
from network.dataset.model import Dataset
from network.dataset.problems import MAX_PROBLEMS, DatasetError, Problem
from network.dataset.spec import Rec
from network.dataset.validate import build_dataset
from network.dataset.yaml_nodes import DEFAULT_MAX_BYTES

__all__ = ["load", "check"]


def check(
    path: str | os.PathLike[str], strict: bool | None = None, max_bytes: int = DEFAULT_MAX_BYTES
) -> tuple[Dataset | None, list[Problem]]:
    """Load ``path`` and return ``(dataset, problems)``; the dataset is None if it cannot be built.

    The strict curation policy (every tie has a type agreeing with its sign, a
    citation with a page, and evidence) is checked where the dataset declares
    ``policy: strict``; ``strict=True`` or ``False`` overrides that.
    """
    try:
        with paused_gc():
            dataset, problems = _check(path, strict, max_bytes)
    except RecursionError:  # lists or mappings nested thousands deep: an attack, never data
        hint = "the format nests at most a few levels (a tie's cite: {...}); check the brackets"
        return None, [Problem(str(path), 0, 0, "the data is nested too deeply to read", hint)]
    if len(problems) >= MAX_PROBLEMS:
        return None, problems[:MAX_PROBLEMS] + [
            Problem(
                str(path),
                0,
                0,
                f"stopped after {MAX_PROBLEMS} problems; there may be more",
                "fix these and check again",
            )
        ]
    return dataset, problems


@contextmanager
def paused_gc() -> Iterator[None]:
    """Pause the cyclic garbage collector for the block, then put it back as it was.

    A load makes a few objects per field of every record, none of them garbage
    until the load ends; left running, the collector walks them all again and
    again as they pile up (at 50k ties it costs more than the load itself; see
    docs/performance.md). Reference counting still frees what is dropped, and
    the caller's collector is as it was after the block, also on an error.

    >>> was = gc.isenabled()
    >>> with paused_gc():
    ...     gc.isenabled()
    False
    >>> gc.isenabled() == was
    True
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _check(
    path: str | os.PathLike[str], strict: bool | None, max_bytes: int
) -> tuple[Dataset | None, list[Problem]]:
    dataset, problems = _check_marked(path, strict, max_bytes, "record")
    if problems and form_of(path) == "json":  # place each problem at its own node, not its record
        dataset, problems = _check_marked(path, strict, max_bytes, "exact")
    return dataset, problems


def _check_marked(
    path: str | os.PathLike[str], strict: bool | None, max_bytes: int, marks: str
) -> tuple[Dataset | None, list[Problem]]:
    name = str(path)
    # YAML, JSON or CSV, by the path (network.dataset.forms)
    node, problems = read_source(path, max_bytes, marks)
    if node is None:
        return None, problems
    if not isinstance(node, yaml.MappingNode):
        mark = node.start_mark
        return None, [
            Problem(
                name,
                mark.line + 1,
                mark.column + 1,
                "the top level must be a mapping (format:, actors:, ties:)",
                "start from data/template.yaml",
            )
        ]
    converter = Converter(name)
    top = converter.convert(node, Rec("dataset"), "the top level")
    if len(converter.problems) >= MAX_PROBLEMS:
        return None, converter.problems
    dataset, more = build_dataset(top, name, strict)
    problems = converter.problems + more
    return (dataset if not problems else None), problems


def load(
    path: str | os.PathLike[str], strict: bool | None = None, max_bytes: int = DEFAULT_MAX_BYTES
) -> Dataset:
    """Load a format-v1 dataset; raise :class:`DatasetError` listing every problem.

    Parameters
    ----------
    path : str or path-like
        The dataset: a YAML file, a JSON file (``.json``), or the CSV form (a folder
        holding ``actors.csv`` and ``ties.csv``, or either file); see ``docs/tabular.md``.
    strict : bool, optional
        Check the strict curation policy (type, citation and evidence on every tie),
        or not; by default, as the dataset's ``policy`` declares.
    max_bytes : int
        Refuse files larger than this.
    """
    dataset, problems = check(path, strict, max_bytes)
    if problems or dataset is None:
        raise DatasetError(problems)
    return dataset
