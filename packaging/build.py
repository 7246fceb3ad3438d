"""Build the desktop bundle with PyInstaller: `make package` → dist/avance/avance."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> int:
    return subprocess.call(
        [sys.executable, "-m", "PyInstaller", "--noconfirm", "--clean", "--distpath", str(ROOT / "dist"),
         "--workpath", str(ROOT / "build"), str(ROOT / "packaging" / "avance.spec")],
        cwd=ROOT,
    )


if __name__ == "__main__":
    sys.exit(main())
