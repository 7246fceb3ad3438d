"""Builds the QApplication and the main window: the one place that wires ui to services."""

from __future__ import annotations

import datetime as dt
import os
import sys
import time
from pathlib import Path

from PySide6.QtCore import QEvent, QLibraryInfo, QLocale, QObject, QTimer, QTranslator
from PySide6.QtWidgets import QApplication, QMessageBox

from db.engine import Database, DatabaseError, open_database
from desktop.services.example import load_example
from desktop.services.programmes import ProgrammeService
from ui.dialogs import Prompter
from ui.main_window import MainWindow

#: Set by the start-up benchmark: quit as soon as the window has painted, and print the time.
FIRST_PAINT_ENV = "AVANCE_QUIT_AFTER_FIRST_PAINT"


def make_application(argv: list[str] | None = None) -> QApplication:
    """The QApplication (reused if one exists), in Spanish (Chile), with Qt's own dialogs
    translated when Qt ships the Spanish catalogue."""
    app = QApplication.instance()
    if app is None:
        app = QApplication(argv if argv is not None else sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName("Avance")
    app.setOrganizationName("Avance")
    QLocale.setDefault(QLocale(QLocale.Language.Spanish, QLocale.Country.Chile))
    translator = QTranslator(app)
    if translator.load(QLocale(QLocale.Language.Spanish), "qtbase", "_", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        app.installTranslator(translator)
    return app


def build_main_window(db: Database, prompter: Prompter | None = None, today: dt.date | None = None) -> MainWindow:
    """The main window on ``db``; an empty database first gets the Tarapacá 2009 example."""
    service = ProgrammeService(db)
    loaded = load_example(db) if service.is_empty() else None
    window = MainWindow(db, service, prompter, today)
    window.open_first()
    if loaded is not None and loaded.loaded:
        window.statusBar().showMessage(
            window.tr("Base de datos nueva: se cargó el ejemplo {0} {1} (semilla 001).").format(loaded.region_name, loaded.year),
            10000,
        )
    return window


class _FirstPaint(QObject):
    """Quits the application after the window's first paint (start-up benchmark)."""

    def __init__(self, started: float) -> None:
        super().__init__()
        self.started = started
        self.done = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.Paint and not self.done:
            self.done = True
            print(f"first-paint-ms {(time.perf_counter() - self.started) * 1000:.1f}", flush=True)
            QTimer.singleShot(0, QApplication.quit)
        return False


def run(db_path: Path) -> int:
    """Start the desktop application on the database ``db_path``; returns the exit status."""
    started = time.perf_counter()
    app = make_application()
    try:
        db = open_database(db_path)
    except DatabaseError as exc:
        print(f"avance: {exc}", file=sys.stderr)
        if not os.environ.get(FIRST_PAINT_ENV):
            QMessageBox.critical(None, "Avance", str(exc))
        return 1
    window = build_main_window(db)
    if os.environ.get(FIRST_PAINT_ENV):
        watcher = _FirstPaint(started)
        window.installEventFilter(watcher)
        window.setProperty("_first_paint", watcher)
    window.show()
    try:
        return app.exec()
    finally:
        db.close()
