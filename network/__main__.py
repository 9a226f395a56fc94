"""``python -m network`` runs the ``entente`` command."""

import sys

from .cli import main

sys.exit(main())
