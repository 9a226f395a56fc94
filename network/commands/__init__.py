"""Subcommands of the ``entente`` command, one module each (see :mod:`network.cli`)."""
