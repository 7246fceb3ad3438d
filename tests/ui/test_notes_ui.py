"""The central office's notes and the read-only regions in the window, driven as a user would
with a fake prompter: the central office sees Tarapacá (which sends bundles) read-only, adds
observations on a row and sets the programme's review state, exports the answer; Tarapacá's
window imports it and shows the marked rows, their tooltips and the review state under the
form's title. A region without bundles stays editable at the central office."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from desktop.domain.forms import FormKind
from desktop.domain.regions import REGIONS, find_region
from desktop.services.example import load_example
from desktop.services.excel import export_region
from desktop.services.generate import generate_national
from desktop.services.programmes import ProgrammeService
from desktop.sync import notes, service
from tests.sync.helpers import PASS, enrol, make_office, snapshot
from tests.ui.test_sync_ui import SyncPrompter, _idle, _window
from ui.table_models import NOTE_BRUSH

TA = find_region("CL-TA")
AN = find_region("CL-AN")
OWNED = "Estos datos son de la oficina regional de Tarapacá (CL-TA): llegan en sus paquetes."


class NotesPrompter(SyncPrompter):
    """Also answers the texts asked (in order; None = "Cancelar") and the review dialog."""

    def __init__(self) -> None:
        super().__init__()
        self.texts: list[str | None] = []
        self.text_asked: list[tuple[str, str]] = []
        self.review_answer: tuple[str, str] | None = None
        self.review_asked: list[tuple[str, str, str]] = []

    def ask_text(self, parent, title, label, text=""):  # noqa: ANN001, ANN201
        self.text_asked.append((label, text))
        return self.texts.pop(0) if self.texts else None

    def ask_review(self, parent, programme, status, note):  # noqa: ANN001, ANN201
        self.review_asked.append((programme, status, note))
        return self.review_answer


@pytest.fixture
def offices(tmp_path: Path):  # noqa: ANN201
    """The central office, which has imported Tarapacá's first bundle (the seed 001 example)."""
    central = make_office(tmp_path, "central", None)
    ta = make_office(tmp_path, "ta", "CL-TA")
    enrol(central, ta)
    load_example(ta.db)
    (tmp_path / "usb").mkdir()
    sent = service.export_bundle(ta.db, PASS, directory=tmp_path / "usb")
    assert service.import_bundle(central.db, sent.path, PASS).outcome == "aceptado"
    yield central, ta
    central.db.close()
    ta.db.close()


def _select(window, row: int, key: str) -> None:  # noqa: ANN001
    model = window.programme_model
    window.programme_page.table.setCurrentIndex(model.index(row, model.column_of(key)))


def _active(qtbot, window) -> None:  # noqa: ANN001
    """The window has the keyboard, as the user's does (its shortcuts work)."""
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)


def _editable(model, row: int, key: str) -> bool:  # noqa: ANN001
    return bool(model.flags(model.index(row, model.column_of(key))) & Qt.ItemFlag.ItemIsEditable)


def test_central_observes_and_reviews_and_the_region_sees_it(qtbot, tmp_path, offices, qtmodeltester) -> None:  # noqa: ANN001
    central, ta = offices
    cp = NotesPrompter()
    window = _window(qtbot, central.db, cp)
    window.open_form(TA, 2009, FormKind.III_1)
    model = window.programme_model
    assert window.review.add_action.isVisible() and window.review.review_action.isVisible()
    assert window.review.list_action.text() == "Observaciones…"

    # Read-only here: the banner says why, no cell is editable, the row actions are off and say why.
    page = window.programme_page
    assert page.read_only_banner.isVisible() and OWNED in page.read_only_banner.text()
    assert "No se cambió nada" not in page.read_only_banner.text()  # nothing was attempted
    assert not _editable(model, 0, "description") and not _editable(model, 0, "objective")
    for action in (window.add_objective_action, window.add_commitment_action, window.delete_row_action,
                   window.move_up_action, window.met_yes_action, window.met_clear_action):
        assert not action.isEnabled() and action.toolTip().startswith(OWNED), action.text()
    menu = window.table_menu()
    assert not window.delete_objective_action.isEnabled() and not window.delete_commitment_action.isEnabled()
    assert window.review.add_action in menu.actions() and window.review.review_action in menu.actions()
    before = snapshot(central)
    _active(qtbot, window)
    _select(window, 0, "description")
    qtbot.keyClick(page.table, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)  # «Cumple: Sí»: refused
    qtbot.keyClicks(page.table, "x")  # typing opens no editor
    assert page.table.state() != page.table.State.EditingState
    assert snapshot(central) == before and not cp.errors

    # An observation on the activity of row 1 (the cell's own record is offered first).
    _select(window, 0, "description")
    cp.choice = 0
    cp.texts = ["Falta el acta firmada por la Seremi."]
    window.review.add_action.trigger()
    assert cp.choices[-1][0].startswith("Actividad 1 del objetivo 1: «") and cp.choices[-1][1].startswith("Objetivo 1: «")
    assert "La oficina regional de Tarapacá (CL-TA) la verá" in cp.text_asked[-1][0]
    assert "Observación agregada sobre la actividad 1 del objetivo 1 (III.1)" in window.statusBar().currentMessage()
    # And one on objective 2 (its objective cell: the objective first).
    _select(window, model.row_of(ProgrammeService(central.db).programme(TA, 2009, FormKind.III_1).objectives[1].id),
            "objective")
    cp.texts = ["Precisar el indicador."]
    window.review.add_action.trigger()
    assert cp.choices[-1][0].startswith("Objetivo 2: «")
    views = notes.observations(central.db)
    assert [(v.about, v.text) for v in views] == [("Actividad 1 del objetivo 1", "Falta el acta firmada por la Seremi."),
                                                  ("Objetivo 2", "Precisar el indicador.")]
    assert model.headerData(0, Qt.Orientation.Vertical, Qt.ItemDataRole.DecorationRole) is not None
    assert model.index(0, model.column_of("description")).data(Qt.ItemDataRole.BackgroundRole) == NOTE_BRUSH
    qtmodeltester.check(model)

    # The review state of the programme shown, with its note, under the title.
    cp.review_answer = ("observado", "Revisar ponderaciones.")
    window.review.review_action.trigger()
    assert cp.review_asked[-1] == ("III.1 Tarapacá 2009", "pendiente", "")
    assert page.review_label.isVisible()
    assert "Revisión del nivel central" in page.review_label.text() and "observado" in page.review_label.text()
    assert "Revisar ponderaciones." in page.review_label.text()
    window.review.review_action.trigger()  # asked again: starts from what is set
    assert cp.review_asked[-1] == ("III.1 Tarapacá 2009", "observado", "Revisar ponderaciones.")

    # The answer (the existing action) carries them to Tarapacá.
    answer = tmp_path / "usb" / "respuesta.avance"
    cp.save_to = answer
    cp.passphrases = [PASS]
    cp.choice = 0
    window.sync.export_answer_action.trigger()
    qtbot.waitUntil(lambda: answer.exists() and _idle(window), timeout=20000)
    assert "Observaciones: 2" in cp.previews[-1] and "Estados de revisión: 1" in cp.previews[-1]

    rp = NotesPrompter()
    regional = _window(qtbot, ta.db, rp)
    assert not regional.review.add_action.isVisible() and not regional.review.review_action.isVisible()
    regional.open_form(TA, 2009, FormKind.III_1)
    rmodel = regional.programme_model
    assert rmodel.headerData(0, Qt.Orientation.Vertical, Qt.ItemDataRole.DecorationRole) is None  # not received yet
    rp.open_this = answer
    rp.passphrases = [PASS]
    regional.sync.import_answer_action.trigger()
    qtbot.waitUntil(lambda: bool(rp.reports) and _idle(regional), timeout=20000)
    assert rp.reports[-1][1][0].startswith("respuesta.avance — ACEPTADO")
    assert rmodel.headerData(0, Qt.Orientation.Vertical, Qt.ItemDataRole.DecorationRole) is not None
    tip = rmodel.headerData(0, Qt.Orientation.Vertical, Qt.ItemDataRole.ToolTipRole)
    assert tip.startswith("Observaciones de la oficina central:") and "• Actividad 1 del objetivo 1: Falta el acta " \
        "firmada por la Seremi." in tip
    cell_tip = rmodel.index(0, rmodel.column_of("description")).data(Qt.ItemDataRole.ToolTipRole)
    assert "Falta el acta firmada por la Seremi." in cell_tip and "Precisar" not in cell_tip
    objective_row = rmodel.row_of(views[1].target_id)
    assert "Precisar el indicador." in rmodel.index(objective_row, rmodel.column_of("objective")).data(
        Qt.ItemDataRole.ToolTipRole)
    review = regional.programme_page.review_label
    assert review.isVisible() and "observado" in review.text() and "Revisar ponderaciones." in review.text()
    # The region edits its own region as before, and reads the list without editing it.
    assert not regional.programme_page.read_only_banner.isVisible() and _editable(rmodel, 0, "description")
    assert regional.add_objective_action.isEnabled()
    assert regional.review.list_action.isVisible() and regional.review.list_action.text() == \
        "Observaciones de la oficina central…"
    regional.review.list_action.trigger()
    dialog = regional.review.dialog
    assert dialog.isVisible() and dialog.tree.topLevelItemCount() == 2
    assert not dialog.edit_button.isVisible() and not dialog.remove_button.isVisible()
    # Another form of the region has none.
    regional.open_form(TA, 2009, FormKind.III_2)
    assert not regional.programme_page.review_label.isVisible()
    assert rmodel.headerData(0, Qt.Orientation.Vertical, Qt.ItemDataRole.DecorationRole) is None
    assert dialog.tree.topLevelItemCount() == 1 and not dialog.tree.topLevelItem(0).flags()  # "no tiene"


def test_central_corrects_and_deletes_an_observation_from_the_list(qtbot, offices) -> None:  # noqa: ANN001
    central, _ta = offices
    programme = ProgrammeService(central.db).programme(TA, 2009, FormKind.III_1)
    notes.add_observation(central.db, "objective", programme.objectives[0].id, "Revisar el indicador.")
    notes.add_observation(central.db, "commitment", programme.objectives[1].commitments[0].id, "Falta el acta.")
    cp = NotesPrompter()
    window = _window(qtbot, central.db, cp)
    window.open_form(TA, 2009, FormKind.III_1)
    second = window.programme_model.row_of(programme.objectives[1].commitments[0].id)
    _select(window, second, "description")
    window.review.list_action.trigger()
    dialog = window.review.dialog
    assert dialog.isVisible() and dialog.tree.topLevelItemCount() == 2
    assert dialog.selected().text == "Falta el acta."  # the selected row's observation
    assert [dialog.tree.topLevelItem(i).text(0) for i in range(2)] == ["Objetivo 1", "Actividad 1 del objetivo 2"]
    cp.texts = ["Falta el acta firmada por la Seremi."]
    dialog.edit_button.click()
    assert cp.text_asked[-1][1] == "Falta el acta."
    assert dialog.tree.topLevelItem(1).text(2) == "Falta el acta firmada por la Seremi."  # refreshed
    tip = window.programme_model.headerData(second, Qt.Orientation.Vertical, Qt.ItemDataRole.ToolTipRole)
    assert "Falta el acta firmada por la Seremi." in tip
    dialog.tree.setCurrentItem(dialog.tree.topLevelItem(0))
    cp.confirm_answer = False
    dialog.remove_button.click()
    assert "¿Eliminar la observación sobre objetivo 1: «Revisar el indicador.»?" in cp.confirmations[-1]
    assert len(notes.observations(central.db)) == 2  # cancelled: nothing deleted
    cp.confirm_answer = True
    dialog.remove_button.click()
    assert [v.text for v in notes.observations(central.db)] == ["Falta el acta firmada por la Seremi."]
    assert dialog.tree.topLevelItemCount() == 1
    assert window.programme_model.headerData(0, Qt.Orientation.Vertical, Qt.ItemDataRole.DecorationRole) is None
    # A double click goes to the observed row.
    _select(window, 0, "objective")
    dialog.tree.itemDoubleClicked.emit(dialog.tree.topLevelItem(0), 0)
    assert window.programme_page.table.currentIndex().row() == second
    # Cancelling the text adds nothing.
    cp.texts = [None]
    window.review.add_action.trigger()
    assert len(notes.observations(central.db)) == 1 and "Cancelado" in window.statusBar().currentMessage()
    assert not cp.errors


def test_the_central_excel_import_refuses_a_region_that_sends_bundles(qtbot, tmp_path, offices) -> None:  # noqa: ANN001
    central, _ta = offices
    workbook = export_region(central.db, TA, 2009, tmp_path / "ta.xlsx")
    cp = NotesPrompter()
    window = _window(qtbot, central.db, cp)
    before = snapshot(central)
    cp.open_this = workbook
    window.import_xlsx_action.trigger()
    qtbot.waitUntil(lambda: bool(cp.problem_lists) and window.import_xlsx_action.isEnabled(), timeout=20000)
    assert [p.split(": ", 1)[-1] for p in cp.problem_lists[-1]] == [
        "La oficina central recibe los datos de Tarapacá (CL-TA) en los paquetes de su oficina regional: no se "
        "importan desde Excel. Pida a esa oficina que exporte un paquete."]
    assert not cp.confirmations  # not even asked to replace
    assert snapshot(central) == before


def test_a_region_without_bundles_stays_editable_until_its_key_is_trusted(qtbot, tmp_path, offices) -> None:  # noqa: ANN001
    central, _ta = offices
    generate_national(central.db, 2009, regions=(AN,), objectives=2, activities=2)  # legacy data, no key
    cp = NotesPrompter()
    window = _window(qtbot, central.db, cp)
    window.open_form(AN, 2009, FormKind.III_1)
    page, model = window.programme_page, window.programme_model
    assert not page.read_only_banner.isVisible() and _editable(model, 0, "description")
    assert window.add_objective_action.isEnabled() and not window.add_objective_action.toolTip().startswith("Estos")
    _active(qtbot, window)
    _select(window, 0, "description")
    qtbot.keyClick(page.table, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)  # «Cumple: No»
    qtbot.waitUntil(lambda: model.index(0, model.column_of("met")).data() == "No")
    qtbot.keyClick(page.table, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)  # «Cumple: Sí»
    qtbot.waitUntil(lambda: model.index(0, model.column_of("met")).data() == "Sí")
    assert window.undo_stack.count() >= 1
    window.open_form(AN, 2009, FormKind.III_4)
    assert window.progress_model.flags(window.progress_model.index(0, 1)) & Qt.ItemFlag.ItemIsEditable

    # Antofagasta enrols: its key is trusted from the window, and its data turns read-only.
    an = make_office(tmp_path, "an", "CL-AN")
    keys = tmp_path / "an.avance-claves"
    keys.write_bytes(service.export_public(an.db, PASS))
    cp.open_this = keys
    cp.choice = [r.iso_code for r in REGIONS].index("CL-AN")
    window.sync.trust_action.trigger()
    assert cp.infos and "oficina regional de Antofagasta (CL-AN) incorporada" in cp.infos[-1]
    assert window.undo_stack.count() == 0  # its edits' undo would be refused now
    assert window.progress_page.read_only_banner.isVisible()
    assert "oficina regional de Antofagasta (CL-AN)" in window.progress_page.read_only_banner.text()
    assert not window.progress_model.flags(window.progress_model.index(0, 1)) & Qt.ItemFlag.ItemIsEditable
    window.open_form(AN, 2009, FormKind.III_2)
    assert page.read_only_banner.isVisible() and not _editable(model, 0, "description")
    assert all(field.isReadOnly() for field in page.instance_fields.values())
    an.db.close()


def test_review_dialog_gives_the_state_and_note(qtbot) -> None:  # noqa: ANN001
    from ui.notes_dialogs import ReviewDialog

    dialog = ReviewDialog("III.1 Tarapacá 2009", "observado", "Revisar ponderaciones.")
    qtbot.addWidget(dialog)
    assert dialog.choice() == ("observado", "Revisar ponderaciones.")
    dialog.status.setCurrentIndex(dialog.status.findData("aprobado"))
    dialog.note.setPlainText("  Bien.  ")
    assert dialog.choice() == ("aprobado", "Bien.")
    assert [dialog.status.itemText(i) for i in range(dialog.status.count())] == ["Pendiente", "Aprobado", "Observado"]
