"""Adding, deleting and moving rows and starting a new year, driven as a user would: shortcuts on
the table, typing into the new row, the confirmation, Deshacer/Rehacer, the score and the
navigator following (pytest-qt, offscreen; the models stay under qtmodeltester)."""

from __future__ import annotations

import sqlite3

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QAbstractItemDelegate, QApplication, QPlainTextEdit

from db.engine import Database
from desktop.app import build_main_window
from desktop.domain.forms import FormKind
from desktop.domain.regions import find_region
from desktop.domain.structure import CarryOver
from desktop.services.programmes import ProgrammeService
from tests.conftest import TODAY
from tests.ui.test_main_window import FakePrompter
from ui.main_window import MainWindow
from ui.new_year_dialog import NewYearChoice, NewYearDialog

TARAPACA = find_region("CL-TA")


class Prompter(FakePrompter):
    """Also answers confirmations, choices and the new-year question, and records them."""

    def __init__(self) -> None:
        super().__init__()
        self.confirm_answer = True
        self.confirmations: list[tuple[str, str]] = []
        self.choice: int | None = None
        self.new_year_answer: NewYearChoice | None = None
        self.new_year_asked: list[tuple[dict, object]] = []

    def confirm(self, parent, title, text, accept):  # noqa: ANN001, ANN201
        self.confirmations.append((title, text))
        return self.confirm_answer

    def choose(self, parent, title, text, items):  # noqa: ANN001, ANN201
        return self.choice

    def new_year(self, parent, years, region, today=None):  # noqa: ANN001, ANN201
        self.new_year_asked.append((dict(years), region))
        return self.new_year_answer


@pytest.fixture
def prompter() -> Prompter:
    return Prompter()


@pytest.fixture
def window(qtbot, db: Database, prompter: Prompter, qtmodeltester) -> MainWindow:  # noqa: ANN001
    window = build_main_window(db, prompter, today=TODAY)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    qtmodeltester.check(window.programme_model)  # stays attached: every later change is checked too
    qtmodeltester.check(window.progress_model)
    return window


def rows(db: Database) -> list[str]:
    con = sqlite3.connect(db.path)
    try:
        return sorted(line for line in con.iterdump() if line.startswith("INSERT"))
    finally:
        con.close()


def select(window: MainWindow, row: int, key: str) -> None:
    table = window.programme_page.table
    table.setFocus()
    table.setCurrentIndex(window.programme_model.index(row, window.programme_model.column_of(key)))


def press(qtbot, window: MainWindow, shortcut: str) -> None:  # noqa: ANN001
    """Type ``shortcut`` on the programme table, as a user would."""
    sequence = QKeySequence(shortcut)[0]
    qtbot.keyClick(window.programme_page.table, sequence.key(), sequence.keyboardModifiers())


def open_editor(window: MainWindow) -> QPlainTextEdit:
    table = window.programme_page.table
    editor = table.indexWidget(table.currentIndex())
    assert isinstance(editor, QPlainTextEdit), "the new row's cell is not open for typing"
    return editor


def type_and_commit(qtbot, editor: QPlainTextEdit, text: str) -> None:  # noqa: ANN001
    editor.insertPlainText(text)  # QTest cannot type á, ñ: insert as an input method does
    qtbot.keyClick(editor, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)


def service(db: Database) -> ProgrammeService:
    return ProgrammeService(db)


def test_add_objective_and_activities_type_score_undo_redo(window: MainWindow, qtbot, db: Database) -> None:  # noqa: ANN001
    model = window.programme_model
    before = rows(db)
    start_ids = [o.id for o in model.programme.objectives]
    select(window, 0, "objective")
    press(qtbot, window, "Ctrl+Shift+O")  # Editar → Agregar objetivo
    assert model.rowCount() == 20
    assert window.programme_page.table.currentIndex().row() == 1  # after the selected objective
    assert window.programme_page.table.currentIndex().column() == model.column_of("objective")
    type_and_commit(qtbot, open_editor(window), "Fortalecer la gestión territorial en Tamarugal")
    qtbot.waitUntil(lambda: model.index(1, model.column_of("objective")).data()
                    == "Fortalecer la gestión territorial en Tamarugal")
    new = service(db).programme(TARAPACA, 2009, FormKind.III_1).objectives[1]
    assert new.text == "Fortalecer la gestión territorial en Tamarugal" and new.commitments == ()
    assert model.index(1, model.column_of("description")).data().startswith("(sin actividades")

    press(qtbot, window, "Ctrl+Shift+N")  # Editar → Agregar actividad
    assert model.rowCount() == 20  # the objective's empty row is now its activity
    assert window.programme_page.table.currentIndex().column() == model.column_of("description")
    type_and_commit(qtbot, open_editor(window), "Taller con los servicios de la provincia")
    qtbot.waitUntil(lambda: model.index(1, model.column_of("description")).data() == "Taller con los servicios de la provincia")
    press(qtbot, window, "Ctrl+Shift+N")  # a second activity, after the first
    assert model.rowCount() == 21 and window.programme_page.table.currentIndex().row() == 2
    table = window.programme_page.table
    assert table.selectionModel().selectedIndexes() == [table.currentIndex()]  # Shift held: still one cell
    type_and_commit(qtbot, open_editor(window), "Seguimiento de los compromisos")
    qtbot.waitUntil(lambda: model.index(2, model.column_of("description")).data() == "Seguimiento de los compromisos")
    assert window.programme_page.table.rowSpan(1, model.column_of("objective")) == 2  # the objective spans both

    # Type a weight, mark it met: the score moves.
    assert window.scoring.weight_total.text().startswith("7,35 %")
    select(window, 2, "weight")
    qtbot.keyClick(window.programme_page.table, Qt.Key.Key_F2)
    type_and_commit(qtbot, open_editor(window), "50%")
    qtbot.waitUntil(lambda: window.scoring.weight_total.text().startswith("57,35 %"))
    window.met_yes_action.trigger()
    qtbot.waitUntil(lambda: window.scoring.performance.text() == "50 %")

    # Undo everything, step by step: back to the same database; then redo it all.
    for _ in range(8):  # met, weight, description ×2, activity ×2, objective text, objective
        window.undo_action.trigger()
    assert not window.undo_stack.canUndo()
    assert model.rowCount() == 19 and [o.id for o in model.programme.objectives] == start_ids
    assert window.scoring.weight_total.text().startswith("7,35 %") and window.scoring.performance.text() == "0 %"
    assert rows(db) == before  # the very same records and timestamps: the renumbered ones too
    while window.undo_stack.canRedo():
        window.redo_action.trigger()
    assert model.rowCount() == 21
    assert window.scoring.performance.text() == "50 %"
    redone = service(db).programme(TARAPACA, 2009, FormKind.III_1).objectives[1]
    assert redone.id == new.id and [c.description for c in redone.commitments] == [
        "Taller con los servicios de la provincia", "Seguimiento de los compromisos"]


def test_delete_key_asks_deletes_and_undo_brings_back_the_same_rows(window: MainWindow, qtbot, db: Database,
                                                                    prompter: Prompter) -> None:  # noqa: ANN001
    model = window.programme_model
    before_rows = rows(db)
    before = model.programme
    select(window, 2, "weight")  # objective 3's only activity, weight "0.1%"
    assert model.index(2, model.column_of("weight")).data() == "0.1%"
    prompter.confirm_answer = False
    press(qtbot, window, "Delete")
    assert prompter.confirmations[-1][0] == "Eliminar actividad"
    assert model.rowCount() == 19 and rows(db) == before_rows  # «Cancelar»: nothing
    prompter.confirm_answer = True
    press(qtbot, window, "Delete")
    assert model.rowCount() == 19  # the objective stays, with no activity
    assert model.row_at(2)[1] is None
    assert window.scoring.weight_total.text().startswith("7,25 %")
    assert window.programme_page.table.currentIndex().row() == 2
    press(qtbot, window, "Delete")  # the objective's empty row: the objective goes
    title, text = prompter.confirmations[-1]
    assert title == "Eliminar objetivo" and "¿Eliminar el objetivo «" in text
    assert model.rowCount() == 18
    assert "Se eliminó el objetivo n.º 3" in window.statusBar().currentMessage()
    select(window, 0, "objective")
    press(qtbot, window, "Delete")  # a cell of the objective: the objective with its activity and III.4 row
    assert "Se eliminan también: 1 actividad y 1 fila del análisis del avance (III.4, T2)." in prompter.confirmations[-1][1]
    assert model.rowCount() == 17
    for _ in range(3):
        window.undo_action.trigger()
    assert rows(db) == before_rows  # the same records, ids and timestamps
    assert model.programme == before
    assert window.scoring.weight_total.text().startswith("7,35 %")
    window.redo_action.trigger()
    assert model.rowCount() == 19 and model.row_at(2)[1] is None


def test_delete_elsewhere_deletes_text_not_rows(window: MainWindow, qtbot, prompter: Prompter) -> None:  # noqa: ANN001
    """Supr deletes a row only from the table: typing in a cell, or in the navigator, it does not."""
    select(window, 0, "description")
    qtbot.keyClick(window.programme_page.table, Qt.Key.Key_F2)
    editor = open_editor(window)
    qtbot.keyClick(editor, Qt.Key.Key_Home, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(editor, Qt.Key.Key_Delete)
    assert editor.toPlainText() == window.programme_model.index(0, window.programme_model.column_of(
        "description")).data()[1:]
    window.programme_page.table.closeEditor(editor, QAbstractItemDelegate.EndEditHint.RevertModelCache)
    window.navigator.setFocus()
    qtbot.keyClick(window.navigator, Qt.Key.Key_Delete)
    assert not prompter.confirmations
    assert window.programme_model.rowCount() == 19


def test_alt_up_down_move_rows(window: MainWindow, qtbot, db: Database) -> None:  # noqa: ANN001
    model = window.programme_model
    ids = [o.id for o in model.programme.objectives]
    select(window, 1, "description")  # an objective with one activity: the row moves as a whole
    press(qtbot, window, "Alt+Down")
    assert [o.id for o in model.programme.objectives][:3] == [ids[0], ids[2], ids[1]]
    assert window.programme_page.table.currentIndex().row() == 2  # the selection follows the row
    press(qtbot, window, "Alt+Up")
    press(qtbot, window, "Alt+Up")
    assert [o.id for o in model.programme.objectives][:2] == [ids[1], ids[0]]
    press(qtbot, window, "Alt+Up")  # already first: said in the status bar, nothing changes
    assert "Es el primer objetivo de III.1" in window.statusBar().currentMessage()
    assert [o.id for o in service(db).programme(TARAPACA, 2009, FormKind.III_1).objectives][:2] == [ids[1], ids[0]]
    for _ in range(3):
        window.undo_action.trigger()
    assert [o.id for o in model.programme.objectives] == ids
    # Activities move within their objective (III.2's last objective has two).
    window.open_form(TARAPACA, 2009, FormKind.III_2)
    last = model.programme.objectives[-1]
    row = model.row_of(last.commitments[1].id)
    select(window, row, "description")
    press(qtbot, window, "Alt+Up")
    assert [c.id for c in model.programme.objectives[-1].commitments] == [last.commitments[1].id, last.commitments[0].id]
    assert window.programme_page.table.currentIndex().row() == row - 1


def test_iii4_rows_follow_the_objectives(window: MainWindow, qtbot, db: Database) -> None:  # noqa: ANN001
    assert "color: #c62828" in window.scoring.weight_total.styleSheet()  # III.1's 7,35 %: not 100 %
    window.open_form(TARAPACA, 2009, FormKind.III_4)
    assert window.progress_model.rowCount() == 28
    assert window.scoring.weight_total.styleSheet() == ""  # "—", no longer red
    assert not window.add_objective_action.isEnabled()  # III.4 has no rows of its own to add
    window.open_form(TARAPACA, 2009, FormKind.III_1)
    assert window.add_objective_action.isEnabled()
    select(window, 18, "objective")
    window.add_objective_action.trigger()
    type_and_commit(qtbot, open_editor(window), "Objetivo nuevo del III.1")
    qtbot.waitUntil(lambda: window.programme_model.programme.objectives[-1].text == "Objetivo nuevo del III.1")
    window.open_form(TARAPACA, 2009, FormKind.III_4)
    model = window.progress_model
    assert model.rowCount() == 29
    objective_col = [c.key for c in model.COLUMNS].index("objective")
    assert model.index(19, objective_col).data() == "Objetivo nuevo del III.1"  # the last of III.1, before III.2's
    window.undo_action.trigger()  # the text
    window.undo_action.trigger()  # the objective: undone from III.4, the window shows III.1 again
    assert window.current == (TARAPACA, 2009, FormKind.III_1) and window.programme_model.rowCount() == 19
    window.open_form(TARAPACA, 2009, FormKind.III_4)
    assert model.rowCount() == 28


def test_add_objective_in_iii3_asks_the_section_without_a_selection(window: MainWindow, qtbot, db: Database,
                                                                     prompter: Prompter) -> None:  # noqa: ANN001
    window.open_form(TARAPACA, 2009, FormKind.III_3)
    window.programme_page.table.setCurrentIndex(window.programme_model.index(-1, -1))
    prompter.choice = None
    window.add_objective_action.trigger()
    assert window.programme_model.rowCount() == 2  # cancelled
    prompter.choice = 2  # (13) Otros objetivos institucionales
    window.add_objective_action.trigger()
    assert [o.section for o in window.programme_model.programme.objectives] == ["11", "12", "13"]
    assert window.programme_model.index(2, 0).data() == "(13) Otros objetivos institucionales"
    type_and_commit(qtbot, open_editor(window), "Coordinar con el GORE")
    qtbot.waitUntil(lambda: window.programme_model.programme.objectives[2].text == "Coordinar con el GORE")


def test_context_menu_offers_the_row_actions(window: MainWindow, qtbot) -> None:  # noqa: ANN001
    window.open_form(TARAPACA, 2009, FormKind.III_3)
    table = window.programme_page.table
    select(window, 1, "description")
    menu = window.table_menu()
    texts = [a.text().replace("&", "") for a in menu.actions() if not a.isSeparator()]
    assert texts[:6] == ["Agregar objetivo", "Agregar objetivo al final de la sección", "Agregar actividad", "Subir",
                         "Bajar", "Eliminar actividad…"]
    assert "Eliminar objetivo…" in texts and "Marcar «Cumple: Sí»" in texts
    assert table.currentIndex().row() == 1
    assert [a.text() for a in window.section_menu.actions()] == [
        "(11) Oferta de información al GORE", "(12) Provisión de información", "(13) Otros objetivos institucionales"]
    window.section_menu.actions()[0].trigger()  # (11): at the end of the first section
    assert [o.section for o in window.programme_model.programme.objectives] == ["11", "11", "12"]
    assert table.currentIndex().row() == 1
    # On III.1 there are no sections; "Eliminar actividad" needs an activity.
    window.open_form(TARAPACA, 2009, FormKind.III_1)
    select(window, 0, "objective")
    texts = [a.text().replace("&", "") for a in window.table_menu().actions() if not a.isSeparator()]
    assert "Agregar objetivo al final de la sección" not in texts and window.section_menu is None


def test_new_year_from_the_file_menu(window: MainWindow, qtbot, db: Database, prompter: Prompter) -> None:  # noqa: ANN001
    prompter.new_year_answer = None
    window.new_year_action.trigger()  # «Cancelar»
    assert prompter.new_year_asked == [({"CL-TA": [2009]}, TARAPACA)]
    assert [i.text(0) for i in window.navigator.findItems("2010", Qt.MatchFlag.MatchRecursive)] == []
    window.open_form(TARAPACA, 2009, FormKind.III_3)
    prompter.new_year_answer = NewYearChoice(TARAPACA, 2010, CarryOver.OBJECTIVES)
    window.new_year_action.trigger()
    assert window.current == (TARAPACA, 2010, FormKind.III_1)
    assert window.navigator.findItems("2010", Qt.MatchFlag.MatchRecursive)
    assert window.programme_model.rowCount() == 19
    assert window.programme_model.index(0, window.programme_model.column_of("objective")).data().startswith(
        "Asesorar técnicamente")
    assert window.programme_model.index(0, window.programme_model.column_of("indicator_result")).data() == ""
    assert window.scoring.weight_total.text().startswith("0 %")
    assert "Se creó el año de reporte 2010 de Tarapacá" in window.statusBar().currentMessage()
    window.open_form(TARAPACA, 2010, FormKind.III_4)
    assert window.progress_model.rowCount() == 28  # one blank III.4 row per carried objective
    window.undo_action.trigger()
    assert window.statusBar().currentMessage().startswith("Se deshizo: se creó el año de reporte 2010 de Tarapacá")
    assert not window.navigator.findItems("2010", Qt.MatchFlag.MatchRecursive)
    assert window.current == (TARAPACA, 2009, FormKind.III_3)  # back where the user was
    window.redo_action.trigger()
    assert window.current == (TARAPACA, 2010, FormKind.III_1)
    prompter.new_year_answer = NewYearChoice(TARAPACA, 2010, CarryOver.NOTHING)
    window.new_year_action.trigger()  # the year exists now: refused, said plainly
    assert prompter.errors[-1][1].startswith("Tarapacá ya tiene el año de reporte 2010")


def test_shortcuts_do_not_clash(window: MainWindow) -> None:
    shortcuts = [(a.shortcut().toString(), a.text()) for a in window.findChildren(type(window.undo_action))
                 if not a.shortcut().isEmpty()]
    keys = [k for k, _ in shortcuts]
    assert len(keys) == len(set(keys)), sorted(shortcuts)
    assert {window.add_objective_action.shortcut().toString(), window.add_commitment_action.shortcut().toString(),
            window.delete_row_action.shortcut().toString(), window.move_up_action.shortcut().toString(),
            window.move_down_action.shortcut().toString(), window.new_year_action.shortcut().toString()} == {
        "Ctrl+Shift+O", "Ctrl+Shift+N", "Del", "Alt+Up", "Alt+Down", "Ctrl+N"}


# -- the dialog -----------------------------------------------------------------------------------


def test_new_year_dialog_proposes_the_next_year_and_carry_over(qtbot) -> None:  # noqa: ANN001
    dialog = NewYearDialog({"CL-TA": [2009, 2010]}, TARAPACA, TODAY)
    qtbot.addWidget(dialog)
    assert dialog.year.value() == 2011 and dialog.objectives.isChecked()
    assert "de 2010" in dialog.objectives.text() and dialog.ok.isEnabled() and dialog.source.text() == ""
    dialog.year.setValue(2010)
    assert not dialog.ok.isEnabled() and dialog.problem.text() == "Tarapacá ya tiene el año 2010: elija otro año."
    dialog.year.setValue(2012)
    dialog.activities.setChecked(True)
    assert dialog.choice() == NewYearChoice(TARAPACA, 2012, CarryOver.ACTIVITIES)
    dialog.year.setValue(2005)  # before every year of the region: nothing to carry
    assert dialog.nothing.isChecked() and not dialog.objectives.isEnabled() and not dialog.activities.isEnabled()
    assert dialog.source.text() == "Tarapacá no tiene años de reporte anteriores a 2005: los programas empiezan vacíos."
    dialog.year.setValue(2013)  # a source again: the objectives are proposed again
    assert dialog.objectives.isChecked() and "de 2010" in dialog.objectives.text()
    dialog.region.setCurrentIndex(dialog.region.findData("CL-NB"))  # Ñuble, no year yet: this year
    assert dialog.year.value() == TODAY.year and dialog.choice() == NewYearChoice(find_region("CL-NB"), TODAY.year,
                                                                                  CarryOver.NOTHING)
    qtbot.mouseClick(dialog.ok, Qt.MouseButton.LeftButton)
    assert dialog.result() == NewYearDialog.DialogCode.Accepted
    QApplication.processEvents()


def test_every_new_action_is_undoable_with_a_spanish_label(window: MainWindow) -> None:
    select(window, 0, "objective")
    window.add_objective_action.trigger()
    window.programme_page.table.closePersistentEditor(window.programme_page.table.currentIndex())
    assert window.undo_action.text() == "Deshacer Agregar objetivo"
    window.move_down_action.trigger()
    assert window.undo_action.text() == "Deshacer Bajar objetivo"


# -- the model's row signals ------------------------------------------------------------------------


def test_block_change_finds_one_inserted_removed_or_moved_block() -> None:
    from ui.table_models import _block_change

    assert _block_change([1, 2, 3], [1, 9, 2, 3]) == ("insert", 1, 1, -1)
    assert _block_change([1, 2, 3], [1, 2, 3, 8, 9]) == ("insert", 3, 4, -1)
    assert _block_change([1, 2, 3, 4], [1, 4]) == ("remove", 1, 2, -1)
    assert _block_change([1, 2, 3, 4], [2, 1, 3, 4]) == ("move", 1, 1, 0)
    assert _block_change([1, 2, 3, 4], [1, 4, 2, 3]) == ("move", 3, 3, 1)  # an objective of one row above two
    assert _block_change([1, 2, 3, 4], [1, 3, 4, 2]) == ("move", 2, 3, 1)
    assert _block_change([1, 2, 3], [1, 5, 3]) is None  # a row replaced: reset
    assert _block_change([1, 2, 3], [3, 2, 1]) is None


def test_rows_are_inserted_removed_and_moved_without_a_reset(window: MainWindow, qtbot, prompter: Prompter) -> None:  # noqa: ANN001
    """The table keeps its scroll and selection: a structural change is a row insertion,
    removal or move (checked by qtmodeltester), not a model reset."""
    model = window.programme_model
    select(window, 4, "objective")
    with qtbot.assertNotEmitted(model.modelReset), qtbot.waitSignal(model.rowsInserted) as inserted:
        window.add_objective_action.trigger()
    assert inserted.args[1:] == [5, 5]
    window.programme_page.table.closeEditor(open_editor(window), QAbstractItemDelegate.EndEditHint.NoHint)
    with qtbot.assertNotEmitted(model.modelReset), qtbot.waitSignal(model.rowsMoved) as moved:
        window.move_up_action.trigger()
    assert moved.args[1:3] == [5, 5] and moved.args[4] == 4
    with qtbot.assertNotEmitted(model.modelReset), qtbot.waitSignal(model.rowsRemoved) as removed:
        window.delete_row_action.trigger()
    assert removed.args[1:] == [4, 4]
    with qtbot.assertNotEmitted(model.modelReset), qtbot.waitSignal(model.rowsInserted):
        window.undo_action.trigger()


def test_undo_with_a_cell_open_drops_the_typing(window: MainWindow, qtbot, db: Database) -> None:  # noqa: ANN001
    """Deshacer from the menu while the new row's cell is still being typed in: the addition is
    undone, the typing dropped, and nothing is pushed on the stack in the middle of the undo."""
    before = rows(db)
    select(window, 0, "objective")
    window.add_objective_action.trigger()
    open_editor(window).insertPlainText("a medio escribir")
    window.undo_action.trigger()
    assert window.undo_stack.count() == 1 and window.undo_stack.index() == 0
    assert window.programme_model.rowCount() == 19 and rows(db) == before
    window.redo_action.trigger()
    assert window.programme_model.programme.objectives[1].text == ""
