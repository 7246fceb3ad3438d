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


# -- Excel import: the quarter asked, deletions and notices said ------------------------------------

from tests.ui.test_main_window import _Answers  # noqa: E402


class _Asking(_Answers):
    """Also answers the quarter question and records reports."""

    def __init__(self) -> None:
        super().__init__()
        self.choices: list[tuple[str, list[str]]] = []
        self.choice: int | None = None
        self.reports: list[list[str]] = []

    def choose(self, parent, title, text, items):  # noqa: ANN001, ANN201
        self.choices.append((text, items))
        return self.choice

    def report(self, parent, title, summary, lines):  # noqa: ANN001, ANN201
        self.reports.append(lines)


def _exported(db, tmp_path):  # noqa: ANN001, ANN202
    from desktop.domain.regions import find_region
    from desktop.services.excel import export_region

    return export_region(db, find_region("CL-TA"), 2009, tmp_path / "ta.xlsx")


def test_the_window_asks_the_quarter_of_a_seed_like_iii4(qtbot, db, tmp_path):  # noqa: ANN001
    from desktop.domain.regions import find_region
    from desktop.services.programmes import ProgrammeService
    from tests.services.test_excel_reaudit import seed_like

    prompter = _Asking()
    window = _window(qtbot, db, prompter)
    book = seed_like(_exported(db, tmp_path), tmp_path / "semilla.xlsx")
    prompter.open_this = book
    prompter.confirm_answer = True
    prompter.choice = None  # cancelled: nothing happens
    window.import_xlsx_action.trigger()
    qtbot.waitUntil(lambda: bool(prompter.choices) and window.import_xlsx_action.isEnabled(), timeout=20000)
    assert "«III.4»" in prompter.choices[0][0] and prompter.choices[0][1][1].startswith("T2")
    assert not prompter.confirmations and not prompter.problem_lists
    prompter.choice = 2  # T3
    window.import_xlsx_action.trigger()
    qtbot.waitUntil(lambda: bool(prompter.confirmations), timeout=20000)
    qtbot.waitUntil(lambda: "Importado" in window.statusBar().currentMessage(), timeout=20000)
    assert ProgrammeService(db).progress(find_region("CL-TA"), 2009, 3, include_blank=False).entries
    assert not prompter.errors


def test_the_replace_question_lists_the_rows_the_workbook_no_longer_has(qtbot, db, tmp_path):  # noqa: ANN001
    from openpyxl import load_workbook

    from tests.services.test_excel_import import edit
    from tests.services.test_excel_reaudit import single_activity_objective_row

    prompter = _Asking()
    window = _window(qtbot, db, prompter)
    exported = _exported(db, tmp_path)
    r = single_activity_objective_row(load_workbook(exported)["III.1"])
    prompter.open_this = edit(exported, tmp_path / "borrada.xlsx", lambda wb: wb["III.1"].delete_rows(r))
    prompter.confirm_answer = False
    window.import_xlsx_action.trigger()
    qtbot.waitUntil(lambda: bool(prompter.confirmations) and window.import_xlsx_action.isEnabled(), timeout=20000)
    question = prompter.confirmations[0]
    assert "El libro ya no tiene estos registros" in question
    assert "III.1 de Tarapacá 2009: se eliminarían 1 objetivo («" in question


def test_notices_are_shown_after_the_import(qtbot, db, tmp_path):  # noqa: ANN001
    from tests.services.test_excel_import import edit

    prompter = _Asking()
    window = _window(qtbot, db, prompter)
    prompter.open_this = edit(_exported(db, tmp_path), tmp_path / "escrito.xlsx",
                              lambda wb: wb["III.1"].__setitem__("I7", 0.5))
    prompter.confirm_answer = True
    window.import_xlsx_action.trigger()
    qtbot.waitUntil(lambda: bool(prompter.reports) and window.import_xlsx_action.isEnabled(), timeout=20000)
    (lines,) = prompter.reports
    assert lines == ["Hoja «III.1», celda I7: se ignoró el valor escrito en I7: Avance calcula la ponderación ganada "
                     "(nota 10) con la ponderación y «Cumple/no cumple»."]


def test_a_layout_failure_is_a_spanish_error_in_the_window(window, prompter, qtbot, tmp_path, monkeypatch):
    from desktop.forms import pdf

    monkeypatch.setattr(pdf._FormTable, "split", lambda self, w, h: [])
    prompter.save_to = tmp_path / "x.pdf"
    window.export_action.trigger()
    qtbot.waitUntil(lambda: bool(prompter.errors) and window.export_action.isEnabled(), timeout=20000)
    (title, text), = prompter.errors
    assert text.startswith("No se pudo componer el formulario III.1 de Tarapacá 2009: la fila del objetivo 1")
    assert "Traceback" not in text and not prompter.save_to.exists()
