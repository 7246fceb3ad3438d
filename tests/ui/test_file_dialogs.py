"""The file dialogs never open the files they list: on Linux closing any descriptor of a file
drops every POSIX lock the process holds on it, so listing the database's folder with Qt's
default icon provider (which reads files to tell their type) used to drop SQLite's locks and
let another process delete the WAL under the app (an import reported done was then lost)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtWidgets import QFileDialog

from db.engine import open_database
from desktop.services.example import load_example
from desktop.services.programmes import ProgrammeService
from ui.dialogs import make_file_dialog

LOCKS = Path("/proc/locks")


def _locks_held() -> int:
    pid = str(os.getpid())
    return sum(1 for line in LOCKS.read_text().splitlines() if pid in line.split())


@pytest.mark.skipif(not LOCKS.exists(), reason="/proc/locks (Linux) lists the locks held")
@pytest.mark.parametrize("mode", [QFileDialog.FileMode.ExistingFile, QFileDialog.FileMode.AnyFile])
def test_listing_the_database_folder_keeps_sqlites_locks(qtbot, tmp_path: Path, mode) -> None:  # noqa: ANN001
    db = open_database(tmp_path / "avance.db")
    try:
        load_example(db)
        assert not ProgrammeService(db).is_empty()
        held = _locks_held()
        assert held > 0  # the open database holds its WAL locks
        dialog = make_file_dialog(None, "Importar", tmp_path / "x.xlsx" if mode == QFileDialog.FileMode.AnyFile
                                  else tmp_path, "Todos (*)", mode, save=mode == QFileDialog.FileMode.AnyFile)
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.wait(1500)  # the dialog's model lists the folder and asks for each file's icon and type
        names = {Path(p).name for p in os.listdir(tmp_path)}
        assert {"avance.db", "avance.db-wal", "avance.db-shm"} <= names
        assert _locks_held() == held
        dialog.close()
    finally:
        db.close()
