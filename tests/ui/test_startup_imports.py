"""What the window needs before its first paint, and nothing more (issue 2's start-up target,
measured by ``make bench``): importing the application and its main window loads no database
layer, no crypto, no PDF or Excel library and none of the sync panels and dialogs; they are
imported when first used (the database in a worker after the first paint)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

LATER = ("sqlalchemy", "alembic", "cryptography", "openpyxl", "reportlab", "pypdfium2", "db.engine", "db.models",
         "desktop.sync", "desktop.services", "ui.sync_panel", "ui.conflicts_dialog", "ui.notes_dialogs")


def _loaded(code: str) -> list[str]:
    result = subprocess.run([sys.executable, "-c", code + "\nimport json, sys\nprint(json.dumps(sorted(sys.modules)))"],
                            cwd=ROOT, capture_output=True, text=True, timeout=60, check=True,
                            env=dict(os.environ, QT_QPA_PLATFORM="offscreen"))
    return json.loads(result.stdout.splitlines()[-1])


def _heavy(modules: list[str]) -> list[str]:
    return [m for m in modules if any(m == h or m.startswith(h + ".") for h in LATER)]


def test_the_window_builds_without_the_heavy_modules() -> None:
    loaded = _loaded("from desktop.app import make_application\n"
                     "from ui.main_window import MainWindow\n"
                     "app = make_application([])\n"
                     "w = MainWindow(None)\n"
                     "w.show(); app.processEvents()")
    assert "ui.sync_actions" in loaded  # the menus are there
    assert _heavy(loaded) == []


def test_the_check_sees_a_heavy_module() -> None:
    """The check can fail: opening the Sincronización panel loads its module."""
    loaded = _loaded("from desktop.app import make_application\n"
                     "from ui.main_window import MainWindow\n"
                     "app = make_application([])\n"
                     "w = MainWindow(None)\n"
                     "w.show(); app.processEvents()\n"
                     "w.sync.panel_action.trigger(); app.processEvents()\n"
                     "assert w.sync.dock.widget() is w.sync.panel")
    assert "ui.sync_panel" in _heavy(loaded)
