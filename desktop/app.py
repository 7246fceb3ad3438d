"""Builds the QApplication and the main window: the one place that wires ui to services.

Start-up order: the window is built and painted first (Qt and the widgets only); the database
layer (SQLAlchemy, and Alembic when a migration is due) is imported and opened in a worker
thread, and the window is filled when it is ready. An empty database first gets the Tarapacá
2009 example (seed 001), except at the central office (its data are what the regions send).
"""

from __future__ import annotations

import datetime as dt
import os
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QEvent, QLibraryInfo, QLocale, QObject, QThreadPool, QTimer, QTranslator
from PySide6.QtWidgets import QApplication, QMessageBox

from ui.dialogs import Prompter
from ui.main_window import MainWindow
from ui.worker import run_in_thread

if TYPE_CHECKING:
    from db.engine import Database
    from desktop.services.example import LoadResult

#: Set by the start-up benchmark to the launch time (``time.time()``): the app prints the
#: milliseconds from launch to the first paint and to the data shown, then quits.
BENCH_ENV = "AVANCE_BENCH_T0"


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
    # The interface is written in Spanish; another language applies when the system asks for
    # it and a compiled catalogue exists (`make translations`).
    ours = QTranslator(app)
    folder = Path(__file__).resolve().parent.parent / "resources" / "translations"
    if QLocale.system().language() != QLocale.Language.Spanish and ours.load(QLocale.system(), "avance", "_", str(folder)):
        app.installTranslator(ours)
    return app


def open_and_prepare(db_path: Path) -> tuple[Database, LoadResult | None]:
    """Open (create or migrate) the database; load the example when it is empty (not at the
    central office: :func:`desktop.services.example.wants_example`).

    Runs in a worker thread at start-up. Raises :class:`db.engine.DatabaseError`.
    """
    from db.engine import open_database
    from desktop.services.example import load_example, wants_example

    db = open_database(db_path)
    loaded = load_example(db) if wants_example(db) else None
    return db, loaded


def attach(window: MainWindow, db: Database, loaded: LoadResult | None) -> None:
    """Hand the open database to the window and say if the example was loaded."""
    from desktop.services.programmes import ProgrammeService

    window.attach(db, ProgrammeService(db))
    if db.backup is not None:
        window.statusBar().showMessage(
            QCoreApplication.translate("MainWindow", "La base de datos se actualizó a esta versión; copia de respaldo: {0}").format(db.backup), 20000
        )
    elif loaded is not None and loaded.loaded:
        window.statusBar().showMessage(
            QCoreApplication.translate("MainWindow", "Base de datos nueva: se cargó el ejemplo {0} {1} (semilla 001).").format(loaded.region_name, loaded.year),
            10000,
        )


def build_main_window(db: Database, prompter: Prompter | None = None, today: dt.date | None = None) -> MainWindow:
    """The main window on an already open ``db``, synchronously (tests and scripts)."""
    from desktop.services.example import load_example, wants_example

    loaded = load_example(db) if wants_example(db) else None
    window = MainWindow(prompter, today)
    attach(window, db, loaded)
    return window


class _BenchProbe(QObject):
    """Prints the milliseconds from launch to the first paint and to the data shown."""

    def __init__(self, t0: float) -> None:
        super().__init__()
        self.t0 = t0
        self.painted = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.Paint and not self.painted:
            self.painted = True
            print(f"first-paint-ms {(time.time() - self.t0) * 1000:.1f}", flush=True)
        return False

    def data_ready(self) -> None:
        print(f"data-ready-ms {(time.time() - self.t0) * 1000:.1f}", flush=True)
        QTimer.singleShot(0, QApplication.quit)


def run(db_path: Path) -> int:
    """Start the desktop application on the database ``db_path``; returns the exit status."""
    app = make_application()
    window = MainWindow()
    bench_t0 = os.environ.get(BENCH_ENV)
    probe = _BenchProbe(float(bench_t0)) if bench_t0 else None
    if probe is not None:
        window.installEventFilter(probe)
    state: dict[str, Any] = {"db": None, "status": 0}

    def ready(result: tuple[Database, LoadResult | None]) -> None:
        state["db"], loaded = result
        attach(window, state["db"], loaded)
        if probe is not None:
            probe.data_ready()
        else:
            window.sync.ask_on_first_start()

    def failed(exc: Exception) -> None:
        print(f"avance: {exc}", file=sys.stderr)
        state["status"] = 1
        if probe is None:
            QMessageBox.critical(window, "Avance", str(exc))
        QTimer.singleShot(0, QApplication.quit)

    window.show()
    task = run_in_thread(lambda: open_and_prepare(db_path), ready, failed)
    try:
        status = app.exec()
    finally:
        QThreadPool.globalInstance().waitForDone()
        del task
        if state["db"] is not None:
            state["db"].close()
    return state["status"] or status
