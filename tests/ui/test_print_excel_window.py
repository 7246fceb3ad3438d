"""The window's print and Excel actions after the issue 4 re-audit: Avance's warnings printed
only when asked (remembered), the status bar after a step, the problems dialog wrapping lines,
a cancelled print to a file, the quarter asked when a workbook does not say it."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader

from tests.ui.test_main_window import FakePrompter, _window
from ui.main_window import MainWindow


@pytest.fixture
def prompter() -> FakePrompter:
    return FakePrompter()


@pytest.fixture
def window(qtbot, db, prompter) -> MainWindow:  # noqa: ANN001
    return _window(qtbot, db, prompter)


def _export(window: MainWindow, prompter: FakePrompter, qtbot, out: Path) -> str:  # noqa: ANN001
    prompter.save_to = out
    window.export_action.trigger()
    qtbot.waitUntil(lambda: out.exists() and window.export_action.isEnabled(), timeout=20000)
    return " ".join(" ".join(p.extract_text().split()) for p in PdfReader(out).pages)


def test_warnings_are_printed_only_when_the_setting_is_on_and_it_is_remembered(window, prompter, qtbot, tmp_path):
    heading = "Advertencias de Avance (no forman parte del formulario oficial)"
    assert not window.warnings_action.isChecked()
    assert heading not in _export(window, prompter, qtbot, tmp_path / "a.pdf")
    window.warnings_action.trigger()
    assert window.include_warnings
    text = _export(window, prompter, qtbot, tmp_path / "b.pdf")
    assert heading in text and text.index("Notas Actividad") < text.index(heading)
    again = MainWindow(prompter)
    qtbot.addWidget(again)
    assert again.include_warnings and again.warnings_action.isChecked()
    again.warnings_action.trigger()
    third = MainWindow(prompter)
    qtbot.addWidget(third)
    assert not third.include_warnings


def test_the_status_bar_says_cancelling_only_after_a_real_cancel(window, prompter, qtbot, monkeypatch):
    """Closing the progress dialog after a successful step emits canceled(): that is no cancel."""
    messages: list[str] = []
    window.statusBar().messageChanged.connect(messages.append)
    window.preview_action.trigger()
    qtbot.waitUntil(lambda: bool(prompter.previews) and window.preview_action.isEnabled(), timeout=20000)
    assert "Cancelando…" not in messages
