"""Problems found in a dataset, and the error that carries them.

Every check reports a :class:`Problem` naming the file, the line and the
column, what is wrong and what to do, and validation collects all of them
before raising one :class:`DatasetError`.

Examples
--------
>>> p = Problem("data/x.yaml", 3, 5, "unknown field 'sing'", "did you mean 'sign'?")
>>> str(p)
"data/x.yaml:3:5: unknown field 'sing' (hint: did you mean 'sign'?)"
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass

__all__ = ["Problem", "DatasetError", "did_you_mean", "MAX_PROBLEMS"]

#: The most problems one check reports: past it the check stops (a hostile or wholly wrong file is
#: refused fast) and says that more may follow.
MAX_PROBLEMS = 200


@dataclass(frozen=True, slots=True)
class Problem:
    """One problem at one place: ``path:line:column: message (hint: ...)``.

    ``line`` and ``column`` count from 1; 0 means the whole file.
    """

    path: str
    line: int
    column: int
    message: str
    hint: str = ""

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}:{self.column}"
        return f"{where}: {self.message}" + (f" (hint: {self.hint})" if self.hint else "")


class DatasetError(Exception):
    """A dataset could not be loaded; ``problems`` lists every reason.

    >>> err = DatasetError([Problem("a.yaml", 1, 1, "empty file")])
    >>> err.problems[0].message
    'empty file'
    """

    def __init__(self, problems: Iterable[Problem]):
        self.problems: list[Problem] = sorted(problems, key=lambda p: (p.path, p.line, p.column, p.message))
        count = len(self.problems)
        head = f"{count} problem{'s' if count != 1 else ''} in the dataset"
        super().__init__(head + "".join(f"\n  {p}" for p in self.problems))


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """A hint naming the closest of ``choices`` to ``word``, or ``""``.

    >>> did_you_mean("sing", ["sign", "source", "target"])
    "did you mean 'sign'?"
    """
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f"did you mean {close[0]!r}?" if close else ""
