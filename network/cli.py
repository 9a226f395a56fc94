"""The ``entente`` command: a thin layer over the library.

Each subcommand lives in ``network/commands/<name>.py`` and defines
``HELP``, ``DESCRIPTION``, ``add_arguments(parser)`` and ``run(args) -> int``.
Exit codes: 0 success, 1 invalid data or failed work, 2 usage error.

Examples
--------
>>> main(["validate", "data/template.yaml"])
data/template.yaml: valid (7 actors, 5 ties, 1 periods)
0
"""

from __future__ import annotations

import argparse
import importlib
import pkgutil
import sys
from collections.abc import Sequence

__all__ = ["main", "COMMANDS", "MODULES", "build_parser"]

#: The order ``--help`` lists subcommands in; any other module in
#: ``network/commands/`` (not starting with ``_``) is listed after these.
ORDER = (
    "build",
    "validate",
    "summary",
    "fmt",
    "centrality",
    "balance",
    "alignment",
    "diff",
    "robustness",
    "agree",
    "compare",
    "figures",
    "explore",
    "report",
    "export",
    "convert",
    "import",
    "schema",
)
#: A command whose name Python keeps for itself lives in a module named otherwise: command -> module.
MODULES = {"import": "import_events"}


def _command_names() -> list[str]:
    from network import commands

    command = {module: name for name, module in MODULES.items()}
    found = {
        command.get(m.name, m.name)
        for m in pkgutil.iter_modules(commands.__path__)
        if not m.name.startswith("_")
    }
    return [n for n in ORDER if n in found] + sorted(found - set(ORDER))


COMMANDS = tuple(_command_names())


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}: error: {message}\n")


def build_parser() -> argparse.ArgumentParser:
    """The argument parser with every subcommand registered."""
    parser = _Parser(
        prog="entente",
        description="Turn a cited record of who did what to whom, and when, into networks over time.",
        epilog="Run 'entente COMMAND --help' for a command's options. "
        "Exit codes: 0 ok, 1 invalid data, 2 usage.",
    )
    from network import __version__

    parser.add_argument("--version", action="version", version=f"entente {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for name in COMMANDS:
        module = importlib.import_module(f".commands.{MODULES.get(name, name)}", __package__)
        p = sub.add_parser(
            name,
            help=module.HELP,
            description=module.DESCRIPTION,
            formatter_class=argparse.RawDescriptionHelpFormatter,
        )
        module.add_arguments(p)
        p.set_defaults(_run=module.run, _parser=p)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit code."""
    from network.output.streams import note_unshown, show_everything

    show_everything()
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help()
        return 2
    if getattr(args, "_dataset_argument", False):
        from network.commands._common import choose_dataset

        args.data, problem = choose_dataset(args.dataset, args.data_option)
        if problem:
            args._parser.error(problem)
    try:
        return int(args._run(args))
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    except OSError as exc:  # a path that cannot be written or read: one line, no traceback
        where = exc.filename or "a file"
        print(
            f"entente {args.command}: cannot use {where}: {exc.strerror or exc}; check the path, "
            "that its folder exists and that you may write there",
            file=sys.stderr,
        )
        return 1
    finally:
        note_unshown()


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
