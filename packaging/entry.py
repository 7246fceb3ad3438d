"""Entry point of the packaged application (same as the `avance` command)."""

import sys

from desktop.cli import main

if __name__ == "__main__":
    sys.exit(main())
