"""A task that reports after the widget it works on was deleted (a window closed while it
printed) calls nothing: no callback touches deleted Qt objects."""

from __future__ import annotations

import threading

from PySide6.QtCore import QThreadPool
from PySide6.QtWidgets import QWidget

from ui.worker import run_in_thread


def test_callbacks_follow_their_context(qtbot) -> None:  # noqa: ANN001
    called: list[str] = []
    gate = threading.Event()
    kept, gone = QWidget(), QWidget()
    qtbot.addWidget(kept)
    tasks = [run_in_thread(lambda: gate.wait(5) and "hecho", lambda r: called.append(f"kept {r}"),
                           lambda e: called.append("kept error"), context=kept),
             run_in_thread(lambda: gate.wait(5) and "hecho", lambda r: called.append(f"gone {r}"),
                           lambda e: called.append("gone error"), context=gone),
             run_in_thread(lambda: 1 / 0 if gate.wait(5) else None, lambda r: called.append("ok"),
                           lambda e: called.append(type(e).__name__), context=kept)]
    gone.deleteLater()
    qtbot.waitUntil(lambda: not _valid(gone))
    gate.set()
    QThreadPool.globalInstance().waitForDone(5000)
    qtbot.waitUntil(lambda: len(called) == 2)
    qtbot.wait(50)  # a late third call would show here
    assert sorted(called) == ["ZeroDivisionError", "kept hecho"]
    del tasks


def _valid(widget: QWidget) -> bool:
    import shiboken6

    return shiboken6.isValid(widget)
