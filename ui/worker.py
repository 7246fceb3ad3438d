"""Run a task off the GUI thread and hand its result back to the GUI thread (Picard's
``util/thread.py`` pattern), so printing never freezes the window."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal


class _Signals(QObject):
    finished = Signal(object)
    failed = Signal(object)


class Task(QRunnable):
    """A callable run in the global thread pool; ``signals.finished`` carries its result,
    ``signals.failed`` the exception it raised. Both are delivered in the GUI thread."""

    def __init__(self, function: Callable[[], Any]) -> None:
        super().__init__()
        self.function = function
        self.signals = _Signals()
        self.setAutoDelete(False)

    def run(self) -> None:  # runs in a worker thread
        try:
            result = self.function()
        except Exception as exc:  # noqa: BLE001 - handed to the GUI thread
            self.signals.failed.emit(exc)
        else:
            self.signals.finished.emit(result)


def run_in_thread(function: Callable[[], Any], on_done: Callable[[Any], None], on_error: Callable[[Exception], None],
                  context: QObject | None = None) -> Task:
    """Start ``function`` in the thread pool; call ``on_done(result)`` or ``on_error(exc)`` in
    the GUI thread. Keep the returned task referenced until it reports.

    Args:
        context: the widget the callbacks work on: when it has been deleted by the time the
            task reports (a window closed while it printed), the callbacks are not called.
    """
    task = Task(function)

    def alive(callback: Callable[[Any], None]) -> Callable[[Any], None]:
        def call(value: Any) -> None:  # noqa: ANN401
            if context is None or shiboken6.isValid(context):
                callback(value)
        return call

    task.signals.finished.connect(alive(on_done))
    task.signals.failed.connect(alive(on_error))
    QThreadPool.globalInstance().start(task)
    return task
