"""Options and helpers shared by the subcommands."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from network.measures.choices import DEFAULT_MAX_BYTES

if TYPE_CHECKING:
    from network.dataset.model import Dataset

DEFAULT_DATA = "data/actors.yaml"
#: Where the default dataset's outputs go; any other dataset NAME.yaml's go to NAME-figures/
#: (:func:`network.output.outdir.default_out`).
DEFAULT_OUT = "figures"
#: How --help states that rule.
OUT_RULE = f"{DEFAULT_OUT}/ for {DEFAULT_DATA}, NAME-figures/ in the current folder for a dataset NAME.yaml"


def default_output(dataset_path: str) -> str:
    """The output folder of ``dataset_path`` when no --out is given (see :data:`OUT_RULE`)."""
    from network.output.outdir import default_out

    return default_out(dataset_path, DEFAULT_DATA, DEFAULT_OUT).as_posix()


def add_force_option(parser: argparse.ArgumentParser) -> None:
    """--force: write into a folder another dataset's build made."""
    parser.add_argument(
        "--force",
        action="store_true",
        help="write even into a folder another dataset built (whose files are left as they are)",
    )


def refuse_output(command: str, folder: str, dataset_path: str, problem: str) -> int:
    """Print one line saying why ``folder`` is refused and where to write instead; return 2."""
    from network.output.outdir import suggest_out

    instead = suggest_out(dataset_path, folder).as_posix()
    if problem.endswith("is a file, not a folder"):  # --force cannot help
        print(f"entente {command}: refused: {problem}; give a folder: --out {instead}", file=sys.stderr)
        return 2
    print(
        f"entente {command}: refused: {problem}; write into {instead}/ instead (--out {instead}), "
        "or give --force to write there anyway",
        file=sys.stderr,
    )
    return 2


def output_refused(command: str, folder: str, dataset_path: str, force: bool) -> bool:
    """Whether ``folder`` (where ``entente figures``, ``explore`` or ``report`` writes) is refused:
    it lies in another dataset's build folder and --force was not given; if so, say so."""
    from network.output.outdir import refusal

    problem = None if force else refusal(folder, dataset_path, unmade=False)
    if problem:
        refuse_output(command, folder, dataset_path, problem)
    return bool(problem)


def add_data_option(parser: argparse.ArgumentParser, positional: bool = True) -> None:
    """The dataset as the first positional argument PATH, ``--data PATH`` as its alias, and --max-bytes.

    :func:`network.cli.main` puts the path chosen (:func:`choose_dataset`) in ``args.data``. A
    command whose positional arguments need more than this (``diff [PATH] A B``) passes
    ``positional=False``, reads its own and calls :func:`choose_dataset` itself.
    """
    if positional:
        parser.add_argument(
            "dataset", nargs="?", metavar="PATH", help=f"dataset file or CSV folder (default: {DEFAULT_DATA})"
        )
        parser.set_defaults(_dataset_argument=True)
    parser.add_argument("--data", dest="data_option", metavar="PATH", help="the same as PATH (an alias)")
    add_max_bytes_option(parser)


def choose_dataset(positional: str | None, option: str | None) -> tuple[str, str | None]:
    """The dataset path given as PATH or ``--data PATH``: ``(path, None)``, or ``("", error)``.

    Examples
    --------
    >>> choose_dataset("their.yaml", None), choose_dataset(None, None)[0]
    (('their.yaml', None), 'data/actors.yaml')
    >>> choose_dataset("a.yaml", "b.yaml")[1]
    "two datasets given: 'a.yaml' and --data 'b.yaml'; give one"
    """
    if positional is not None and option is not None and positional != option:
        return "", f"two datasets given: {positional!r} and --data {option!r}; give one"
    return positional or option or DEFAULT_DATA, None


def add_max_bytes_option(parser: argparse.ArgumentParser) -> None:
    """The --max-bytes limit every command that reads a dataset takes."""
    parser.add_argument(
        "--max-bytes",
        type=int,
        default=DEFAULT_MAX_BYTES,
        metavar="N",
        help="refuse data files larger than N bytes (default: %(default)s)",
    )


def load_or_report(
    path: str, strict: bool | None = None, max_bytes: int = DEFAULT_MAX_BYTES
) -> Dataset | None:
    """Load the dataset, or print every problem to stderr and return None.

    ``strict`` None checks the curation policy the dataset declares (``policy:``).
    """
    from network.dataset.loader import check

    dataset, problems = check(path, strict=strict, max_bytes=max_bytes)
    if problems or dataset is None:
        for p in problems:
            print(p, file=sys.stderr)
        n = len(problems)
        print(f"{path}: invalid: {n} problem{'s' if n != 1 else ''}", file=sys.stderr)
        return None
    return dataset


def is_the_input(out: str, dataset_path: str) -> bool:
    """Whether writing ``out`` would write over the dataset at ``dataset_path``: the same file, the
    same CSV folder, or a file inside that folder the dataset is read from.

    Examples
    --------
    >>> is_the_input("data/../data/template.yaml", "data/template.yaml")
    True
    >>> is_the_input("/tmp/template.html", "data/template.yaml")
    False
    """
    import os
    from pathlib import Path

    target, source = Path(out), Path(dataset_path)
    try:
        if target.exists() and source.exists() and os.path.samefile(target, source):
            return True
        target, source = target.resolve(), source.resolve()
    except OSError:
        return False
    if target == source:
        return True
    return source.is_dir() and target.parent == source and target.suffix in (".csv", ".json", ".yaml")


def refuse_input_as_output(command: str, out: str, dataset_path: str) -> bool:
    """If ``out`` is the dataset itself (:func:`is_the_input`), say so in one line and return True."""
    if not is_the_input(out, dataset_path):
        return False
    print(
        f"entente {command}: refused: the output {out} is the dataset {dataset_path}, which "
        f"{command} never writes over; give another path",
        file=sys.stderr,
    )
    return True


def refuse_no_dated_ties(command: str, dataset: Dataset, dataset_path: str) -> bool:
    """If ``dataset`` has no dated tie (so nothing to draw or tabulate), say so in one line; return True."""
    try:
        _ = dataset.span
    except ValueError:
        print(
            f"{dataset_path}: nothing for entente {command} to make: the dataset has no dated ties; "
            "add a tie with a date (see data/template.yaml)",
            file=sys.stderr,
        )
        return True
    return False
