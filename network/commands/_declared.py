"""What a dataset declares for itself (framing, curation policy) and the options that override it.

Examples
--------
>>> import argparse
>>> p = argparse.ArgumentParser()
>>> add_framing_options(p)
>>> add_policy_options(p)
>>> a = p.parse_args(["--pole", "a,b", "--pole", "c", "--no-strict"])
>>> a.focal, poles_given(a), a.strict
(None, ('a', 'b', 'c'), False)
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from network.dataset.model import Dataset, Framing


def add_policy_options(parser: argparse.ArgumentParser) -> None:
    """--strict / --no-strict: override the curation policy the dataset declares (``policy:``)."""
    g = parser.add_mutually_exclusive_group()
    g.add_argument(
        "--strict",
        dest="strict",
        action="store_true",
        default=None,
        help="check the strict curation policy (type, citation with page, evidence on every tie) "
        "even if the dataset does not declare 'policy: strict'",
    )
    g.add_argument(
        "--no-strict",
        dest="strict",
        action="store_false",
        help="skip the strict curation policy even if the dataset declares it "
        "(default: as the dataset's 'policy:' says)",
    )


def add_framing_options(parser: argparse.ArgumentParser, focal: bool = True) -> None:
    """--focal (unless ``focal`` is False) and --pole: override the dataset's ``framing:``."""
    if focal:
        parser.add_argument(
            "--focal",
            metavar="ACTOR",
            help="focal actor (default: the dataset's framing: focal)",
        )
    parser.add_argument(
        "--pole",
        dest="poles",
        action="append",
        metavar="ACTOR",
        help="a pole; repeat or separate with commas (default: the dataset's framing: poles)",
    )


def poles_given(args: argparse.Namespace) -> tuple[str, ...]:
    """The --pole values, commas split, in order; empty if none was given."""
    return tuple(p.strip() for group in args.poles or () for p in group.split(",") if p.strip())


def framing_of(args: argparse.Namespace, dataset: Dataset) -> Framing | None:
    """The dataset's framing with --focal and --pole applied; None if neither gives a whole one.

    Checking the ids is left to the analyses, which name an unknown actor.
    """
    from network.dataset.model import Framing

    focal = getattr(args, "focal", None) or dataset.focal
    poles = poles_given(args) or dataset.poles
    if focal is None or not poles:
        return None
    return Framing(focal, poles)


def poles_of(args: argparse.Namespace, dataset: Dataset) -> tuple[str, ...]:
    """The --pole values, or the dataset's poles, or none (then there are no camps)."""
    return poles_given(args) or dataset.poles
