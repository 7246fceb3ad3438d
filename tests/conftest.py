"""Shared test set-up: headless Qt, a fresh database file per test, a fixed 'today'."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterator
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # before anything imports Qt

import pytest

from db.engine import Database, open_database
from desktop.services.example import load_example

TODAY = dt.date(2026, 11, 22)
"""The date the tests score at: after the 2009 year end (so note (9) applies)."""

SEED_DIR = Path(__file__).resolve().parents[2] / "shared" / "seeds"
SEED_001 = SEED_DIR / "001_fbf977a584a39a6c.txt"


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    """A database file path of the test's own (not created yet)."""
    return tmp_path / "avance.db"


@pytest.fixture
def db(db_path: Path) -> Iterator[Database]:
    """An empty, migrated database of the test's own."""
    database = open_database(db_path)
    yield database
    database.close()


@pytest.fixture
def other_db(tmp_path: Path) -> Iterator[Database]:
    """A second empty database (another installation, or where an import goes)."""
    database = open_database(tmp_path / "otra.db")
    yield database
    database.close()


@pytest.fixture
def example_db(db: Database) -> Database:
    """The database with the Tarapacá 2009 example (seed 001) loaded."""
    load_example(db)
    return db


@pytest.fixture(scope="session")
def _settings_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder of this test run for QSettings: Qt's test location (~/.qttest) is shared by
    every run on the machine, so two suites at once (a fresh clone beside a work tree) changed
    each other's remembered settings."""
    return tmp_path_factory.mktemp("qsettings")


@pytest.fixture(autouse=True)
def _isolated_settings(_settings_folder: Path) -> Iterator[None]:
    """QSettings of tests go to this run's own folder, never the user's configuration nor
    another run's."""
    from PySide6.QtCore import QSettings, QStandardPaths

    QStandardPaths.setTestModeEnabled(True)
    for fmt in (QSettings.Format.NativeFormat, QSettings.Format.IniFormat):
        QSettings.setPath(fmt, QSettings.Scope.UserScope, str(_settings_folder))
        QSettings.setPath(fmt, QSettings.Scope.SystemScope, str(_settings_folder / "system"))
    QSettings().clear()
    yield
    QSettings().clear()
