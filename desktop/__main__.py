"""``python -m desktop``: the ``avance`` command."""

import sys

from desktop.cli import main

sys.exit(main())
