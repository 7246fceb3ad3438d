"""The test run's QSettings live in its own folder (tests/conftest.py), so a suite never reads
the user's settings nor another suite's running at the same time."""

from __future__ import annotations

from pathlib import Path


def test_settings_are_written_in_this_runs_folder(_settings_folder: Path) -> None:
    from PySide6.QtCore import QSettings

    settings = QSettings()
    settings.setValue("print/paper", "oficio")
    settings.sync()
    assert Path(settings.fileName()).resolve().is_relative_to(_settings_folder.resolve())
    assert Path(settings.fileName()).exists()
    assert ".qttest" not in settings.fileName() and ".config" not in settings.fileName()
