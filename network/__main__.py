"""``python -m network`` runs the ``entente`` command."""

import sys

from network.cli import main

sys.exit(main())
