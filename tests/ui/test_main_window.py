"""The window driven as a user would (pytest-qt, offscreen): open, navigate, edit, mark met,
see the score move, undo, print, reopen and find the edits."""

from __future__ import annotations

import threading
from decimal import Decimal
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QComboBox, QPlainTextEdit, QProgressDialog, QPushButton, QStyleOptionViewItem

from db.engine import open_database
from desktop.app import build_main_window
from desktop.domain.forms import FormKind
from desktop.domain.regions import find_region
from desktop.services.programmes import ProgrammeService
from tests.conftest import TODAY
from ui.main_window import MainWindow

TARAPACA = find_region("CL-TA")


class FakePrompter:
    """Records what the window asks; answers with ``save_to``."""

    def __init__(self) -> None:
        self.errors: list[tuple[str, str]] = []
        self.infos: list[str] = []
        self.save_to: Path | None = None
        self.previews: list[tuple[int, str]] = []
        self.printer_file: Path | None = None

    def save_path(self, parent, title, suggested, name_filter):  # noqa: ANN001, ANN201
        return self.save_to

    def error(self, parent, title, text):  # noqa: ANN001, ANN201
        self.errors.append((title, text))

    def info(self, parent, title, text):  # noqa: ANN001, ANN201
        self.infos.append(text)

    def about(self, parent, title, text):  # noqa: ANN001, ANN201
        self.infos.append(text)

    def show_preview(self, parent, pdf_path):  # noqa: ANN001, ANN201
        reader = PdfReader(pdf_path)
        self.previews.append((len(reader.pages), " ".join(p.extract_text() for p in reader.pages)))

    def choose_printer(self, parent, printer):  # noqa: ANN001, ANN201
        if self.printer_file is None:
            return False
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(self.printer_file))
        return True


@pytest.fixture
def prompter() -> FakePrompter:
    return FakePrompter()


def _window(qtbot, db, prompter) -> MainWindow:  # noqa: ANN001
    window = build_main_window(db, prompter, today=TODAY)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


@pytest.fixture
def window(qtbot, db, prompter) -> MainWindow:  # noqa: ANN001
    """A window on a new database: the example is loaded on first start."""
    return _window(qtbot, db, prompter)


def _edit_text(qtbot, table, index, text: str) -> None:  # noqa: ANN001
    """Open the cell's editor as a user would (double-click), type, commit with Ctrl+Enter."""
    table.scrollTo(index)
    rect = table.visualRect(index)
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    editor = table.viewport().findChild(QPlainTextEdit) or table.findChild(QPlainTextEdit)
    assert editor is not None, "no text editor opened"
    editor.selectAll()
    # QTest cannot type non-ASCII keys (á, ñ); insert the text as an input method does.
    editor.insertPlainText(text)
    qtbot.keyClick(editor, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)


def test_first_start_loads_example_and_opens_iii1(window: MainWindow) -> None:
    assert "Tarapacá" in window.statusBar().currentMessage()
    leaves = [item.text(0) for item in window.nav_items()]
    assert [leaf.split()[0] for leaf in leaves] == ["III.1", "III.2", "III.3", "III.4"]
    assert window.current == (TARAPACA, 2009, FormKind.III_1)
    model = window.programme_model
    assert model.rowCount() == 19
    first = model.index(0, model.column_of("objective")).data()
    assert first.startswith("Asesorar técnicamente a los SSPP desconcentrados")
    assert model.index(0, model.column_of("weight")).data() == "0.5%  0.5%"
    assert window.scoring.performance.text() == "0 %"
    assert window.scoring.weight_total.text().startswith("7,35 %")


def test_headers_are_official_with_note_tooltips(window: MainWindow) -> None:
    model = window.programme_model
    headers = [" ".join(model.headerData(c, Qt.Orientation.Horizontal).split()) for c in range(model.columnCount())]
    assert headers[0] == "Objetivos específicos (2)"
    assert "Ponderación (%) (8)" in headers
    tip = model.headerData(model.column_of("weight"), Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole)
    assert "Control Operacional" in tip and "debe sumar 100%" in tip


def test_scoring_panel_numbers_follow_the_form_shown(window: MainWindow) -> None:
    """The panel labels its figures and cites the 90 % rule with the numbers of the form shown:
    III.2's weight is (13), earned (15), performance (16) (its (8) is the indicator); III.3's
    performance is (14) (seed 001, Notas Actividad III. 2 and III. 3)."""
    panel = window.scoring

    def labels() -> list[str]:
        return [panel._figures.labelForField(f).text() for f in (panel.weight_total, panel.weight_earned,
                                                                  panel.performance)]

    assert labels() == ["Ponderaciones (8):", "Ponderación ganada (10):", "Desempeño anual región (11):"]
    assert panel.status.text() == "✘ Bajo el 90 %: el programa no se valida (nota 11)."
    window.open_form(TARAPACA, 2009, FormKind.III_2)
    assert labels() == ["Ponderaciones (13):", "Ponderación ganada (15):", "Desempeño anual región (16):"]
    assert panel.status.text() == "✘ Bajo el 90 %: el programa no se valida (nota 16)."
    warnings = [panel.warnings.item(i).text() for i in range(panel.warnings.count())]
    assert warnings[0].endswith("deben sumar 100 % (nota 13).")
    model = window.programme_model
    met = model.index(0, model.column_of("met"))
    assert model.data(met, Qt.ItemDataRole.ToolTipRole) == "Falta indicar si cumple (nota 14): «Sí» sólo si se cumplió al 100 %."
    page = window.programme_page
    combo = page.met_delegate.createEditor(page.table.viewport(), QStyleOptionViewItem(), met)
    assert combo.toolTip() == "«Sí» sólo si la actividad o meta se cumplió al 100 % (nota 14)."
    combo.deleteLater()
    window.open_form(TARAPACA, 2009, FormKind.III_3)
    assert labels() == ["Ponderaciones (8):", "Ponderación ganada (10):", "Desempeño anual región (14):"]
    assert panel.status.text() == "✘ Bajo el 90 %: el programa no se valida (nota 14)."


def test_models_pass_qtmodeltester(window: MainWindow, qtmodeltester) -> None:  # noqa: ANN001
    qtmodeltester.check(window.programme_model)
    window.open_form(TARAPACA, 2009, FormKind.III_4)
    qtmodeltester.check(window.progress_model)


def test_navigate_to_each_form(window: MainWindow) -> None:
    window.open_form(TARAPACA, 2009, FormKind.III_2)
    assert window.programme_page.instance_box.isVisible()
    assert window.programme_page.instance_fields["instance_name"].toPlainText() == "Comisión Regional PRIO"
    assert window.programme_model.rowCount() == 8
    window.open_form(TARAPACA, 2009, FormKind.III_3)
    assert not window.programme_page.instance_box.isVisible()
    section = window.programme_model.index(0, 0).data()
    assert section == "(11) Oferta de información al GORE"
    window.open_form(TARAPACA, 2009, FormKind.III_4)
    assert window.pages.currentWidget() is window.progress_page
    assert window.progress_page.quarter.currentData() == 2  # the latest quarter with data
    assert window.progress_model.rowCount() == 28  # every objective, written or blank
    assert window.progress_model.index(0, 0).data() == "Diseño Acceso y Distribución"


def test_mark_met_updates_score_and_undo_restores(window: MainWindow, qtbot) -> None:  # noqa: ANN001
    table = window.programme_page.table
    model = window.programme_model
    table.setCurrentIndex(model.index(0, model.column_of("description")))
    qtbot.keyClick(table, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)  # Editar → Marcar «Cumple: Sí»
    qtbot.waitUntil(lambda: window.scoring.performance.text() == "1 %")
    assert model.index(0, model.column_of("met")).data() == "Sí"
    assert model.index(0, model.column_of("earned")).data() == "1 %"
    assert window.scoring.bar.value == Decimal("1.0")
    assert window.undo_action.isEnabled()
    window.undo_action.trigger()
    qtbot.waitUntil(lambda: window.scoring.performance.text() == "0 %")
    assert model.index(0, model.column_of("met")).data() == ""
    window.redo_action.trigger()
    qtbot.waitUntil(lambda: window.scoring.performance.text() == "1 %")


def test_met_chosen_in_combo_delegate(window: MainWindow, qtbot) -> None:  # noqa: ANN001
    table = window.programme_page.table
    model = window.programme_model
    index = model.index(3, model.column_of("met"))  # objective 4: the annual goal, weight "01%"
    table.setCurrentIndex(index)
    table.edit(index)
    combo = table.findChild(QComboBox)
    assert combo is not None
    combo.setCurrentIndex(combo.findText("Sí"))
    combo.activated.emit(combo.currentIndex())
    qtbot.waitUntil(lambda: window.scoring.performance.text() == "1 %")


def test_invalid_met_is_refused_with_spanish_message(window: MainWindow, prompter: FakePrompter) -> None:
    model = window.programme_model
    assert not model.setData(model.index(0, model.column_of("met")), "quizás")
    assert prompter.errors and "Sí o No" in prompter.errors[-1][1]
    assert window.scoring.performance.text() == "0 %"


def test_edit_cell_is_saved_and_survives_reopen(qtbot, db_path, prompter) -> None:  # noqa: ANN001
    db = open_database(db_path)
    window = _window(qtbot, db, prompter)
    table = window.programme_page.table
    model = window.programme_model
    _edit_text(qtbot, table, model.index(1, model.column_of("weight")), "50%")
    qtbot.waitUntil(lambda: model.index(1, model.column_of("weight")).data() == "50%")
    assert window.scoring.weight_total.text().startswith("57,25 %")
    table.setCurrentIndex(model.index(1, model.column_of("description")))
    window.met_yes_action.trigger()
    qtbot.waitUntil(lambda: window.scoring.performance.text() == "50 %")
    window.close()
    db.close()

    reopened = open_database(db_path)
    try:
        programme = ProgrammeService(reopened).programme(TARAPACA, 2009, FormKind.III_1)
        row = programme.objectives[1].commitments[0]
        assert row.weight_text == "50%" and row.met is True
        window2 = _window(qtbot, reopened, prompter)
        assert window2.scoring.performance.text() == "50 %"
        window2.close()
    finally:
        reopened.close()


def test_iii4_edit_per_quarter(window: MainWindow, qtbot, db) -> None:  # noqa: ANN001
    window.open_form(TARAPACA, 2009, FormKind.III_4)
    model = window.progress_model
    table = window.progress_page.table
    progress_col = [c.key for c in model.COLUMNS].index("progress")
    window.progress_page.quarter.setCurrentIndex(2)  # T3: nothing written yet
    qtbot.waitUntil(lambda: model.quarter == 3)
    assert model.index(0, progress_col).data() == ""
    _edit_text(qtbot, table, model.index(0, progress_col), "Asesorías del tercer trimestre realizadas.")
    qtbot.waitUntil(lambda: model.index(0, progress_col).data() == "Asesorías del tercer trimestre realizadas.")
    t3 = ProgrammeService(db).progress(TARAPACA, 2009, 3, include_blank=False)
    assert [e.progress for e in t3.entries] == ["Asesorías del tercer trimestre realizadas."]
    t2 = ProgrammeService(db).progress(TARAPACA, 2009, 2, include_blank=False)
    assert t2.entries[0].progress.startswith("Realizadas las reuniones y asesorías")


def test_iii2_instance_field_commits_on_focus_out(window: MainWindow, qtbot, db) -> None:  # noqa: ANN001
    window.open_form(TARAPACA, 2009, FormKind.III_2)
    field = window.programme_page.instance_fields["territories"]
    field.setFocus()
    qtbot.waitUntil(field.hasFocus)
    field.selectAll()
    qtbot.keyClicks(field, "Provincias de Iquique y del Tamarugal")
    window.programme_page.table.setFocus()
    qtbot.waitUntil(
        lambda: ProgrammeService(db).programme(TARAPACA, 2009, FormKind.III_2).instance.territories
        == "Provincias de Iquique y del Tamarugal"
    )
    window.undo_action.trigger()
    assert ProgrammeService(db).programme(TARAPACA, 2009, FormKind.III_2).instance.territories == "Región de Tarapacá"


def test_export_pdf_runs_in_worker(window: MainWindow, prompter: FakePrompter, qtbot, tmp_path) -> None:  # noqa: ANN001
    out = tmp_path / "III.1.pdf"
    prompter.save_to = out
    window.export_action.trigger()
    qtbot.waitUntil(lambda: out.exists() and window.export_action.isEnabled(), timeout=20000)
    text = " ".join(page.extract_text() for page in PdfReader(out).pages)
    assert "Asesorar técnicamente" in text
    assert not prompter.errors


def test_export_cancelled_writes_nothing(window: MainWindow, prompter: FakePrompter, tmp_path) -> None:  # noqa: ANN001
    prompter.save_to = None
    window.export_action.trigger()
    assert list(tmp_path.glob("*.pdf")) == []


def test_menus_have_expected_actions(window: MainWindow) -> None:
    titles = [a.text().replace("&", "") for a in window.menuBar().actions()]
    assert titles == ["Archivo", "Editar", "Ver", "Ayuda"]
    assert window.print_action.shortcut().toString() == "Ctrl+P"
    assert window.quit_action.shortcut().toString() == "Ctrl+Q"
    assert window.undo_action.shortcut().toString() == "Ctrl+Z"


def test_preview_shows_the_official_pdf(window: MainWindow, prompter: FakePrompter, qtbot) -> None:  # noqa: ANN001
    window.preview_action.trigger()
    qtbot.waitUntil(lambda: bool(prompter.previews) and window.preview_action.isEnabled(), timeout=20000)
    pages, text = prompter.previews[0]
    assert pages >= 2
    assert "Actividad III. 1." in text and "Asesorar técnicamente" in text


def test_print_sends_every_page_to_the_printer(window: MainWindow, prompter: FakePrompter, qtbot, tmp_path) -> None:  # noqa: ANN001
    window.open_form(TARAPACA, 2009, FormKind.III_4)
    prompter.save_to = tmp_path / "exported.pdf"
    window.export_action.trigger()
    qtbot.waitUntil(lambda: prompter.save_to.exists() and window.export_action.isEnabled(), timeout=20000)
    prompter.printer_file = tmp_path / "printed.pdf"
    window.print_action.trigger()
    qtbot.waitUntil(lambda: prompter.printer_file.exists() and window.print_action.isEnabled(), timeout=30000)
    printed = PdfReader(prompter.printer_file)
    exported = PdfReader(prompter.save_to)
    assert len(printed.pages) == len(exported.pages)
    assert abs(float(printed.pages[0].mediabox.width) - float(exported.pages[0].mediabox.width)) < 2
    assert abs(float(printed.pages[0].mediabox.height) - float(exported.pages[0].mediabox.height)) < 2
    assert "Enviadas" in window.statusBar().currentMessage()


def test_print_cancelled_in_dialog_prints_nothing(window: MainWindow, prompter: FakePrompter, qtbot) -> None:  # noqa: ANN001
    prompter.printer_file = None
    window.print_action.trigger()
    qtbot.waitUntil(window.print_action.isEnabled, timeout=20000)
    assert "Enviadas" not in window.statusBar().currentMessage()


def test_paper_setting_is_used_and_remembered(window: MainWindow, prompter: FakePrompter, qtbot, tmp_path) -> None:  # noqa: ANN001
    window.paper_actions["oficio"].trigger()
    assert window.paper == "oficio"
    prompter.save_to = tmp_path / "oficio.pdf"
    window.export_action.trigger()
    qtbot.waitUntil(lambda: prompter.save_to.exists() and window.export_action.isEnabled(), timeout=20000)
    height_mm = float(PdfReader(prompter.save_to).pages[0].mediabox.width) / 72 * 25.4  # landscape: width is the long side
    assert abs(height_mm - 330) < 1
    again = MainWindow(prompter)
    qtbot.addWidget(again)
    assert again.paper == "oficio" and again.paper_actions["oficio"].isChecked()


def test_export_national_and_nation(window: MainWindow, prompter: FakePrompter, qtbot, tmp_path) -> None:  # noqa: ANN001
    prompter.save_to = tmp_path / "nacional.pdf"
    window.export_national_action.trigger()
    qtbot.waitUntil(lambda: prompter.save_to.exists() and window.export_national_action.isEnabled(), timeout=20000)
    text = " ".join(p.extract_text() for p in PdfReader(prompter.save_to).pages)
    assert "Tarapacá" in text and "NO CUMPLE" in text
    prompter.save_to = tmp_path / "nacion.pdf"
    window.export_nation_action.trigger()
    qtbot.waitUntil(lambda: prompter.save_to.exists() and window.export_nation_action.isEnabled(), timeout=30000)
    text = " ".join(p.extract_text() for p in PdfReader(prompter.save_to).pages)
    assert "Actividad III. 1." in text and "Actividad III. 4:" in text and "Tarapacá" in text
    assert not prompter.errors


# -- progress dialogs of long prints ------------------------------------------------------------


class _HideSpy(QObject):
    """Records, each time the watched dialog hides, what ``probe()`` says at that moment."""

    def __init__(self, probe) -> None:  # noqa: ANN001
        super().__init__()
        self.probe = probe
        self.hidden: list[object] = []

    def eventFilter(self, watched, event) -> bool:  # noqa: ANN001, N802
        if event.type() == QEvent.Type.Hide:
            self.hidden.append(self.probe())
        return False


def _hold(monkeypatch, target, name: str):  # noqa: ANN001, ANN202
    """Make ``target.name`` wait for the returned gate (set ``reached`` first): the job is held
    there, in its worker thread, until the test opens the gate."""
    reached, gate = threading.Event(), threading.Event()
    original = getattr(target, name)

    def held(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202
        reached.set()
        assert gate.wait(60), "the test never opened the gate"
        return original(*args, **kwargs)

    monkeypatch.setattr(target, name, held)
    return reached, gate


def _progress_dialog(window: MainWindow, qtbot=None) -> QProgressDialog:  # noqa: ANN001
    """The one progress dialog of the running job. A finished job's dialog is deleted later (on
    a busy machine it may still be there): with ``qtbot``, wait for the event loop to delete it."""
    def live() -> list[QProgressDialog]:
        return [d for d in window.findChildren(QProgressDialog) if not d.wasCanceled()]

    if qtbot is not None:
        qtbot.waitUntil(lambda: len(live()) == 1, timeout=10000)
    dialogs = live()
    assert len(dialogs) == 1
    return dialogs[0]


@pytest.mark.parametrize("which", ["nation", "region"])
def test_progress_dialog_stays_open_until_the_pdf_is_written(
    window: MainWindow, prompter: FakePrompter, qtbot, tmp_path, monkeypatch, which: str  # noqa: ANN001
) -> None:
    """The dialog is shown while the pages are written and closes only once the file exists
    (it used to close when the regions were prepared, before the ~60 % of the job that writes)."""
    from desktop.forms import pdf  # noqa: PLC0415

    reached, gate = _hold(monkeypatch, pdf._NumberedCanvas, "save")  # the pages are laid out, not written
    out = tmp_path / f"{which}.pdf"
    prompter.save_to = out
    action = window.export_nation_action if which == "nation" else window.export_region_action
    action.trigger()
    dialog = _progress_dialog(window, qtbot)
    spy = _HideSpy(out.exists)
    dialog.installEventFilter(spy)
    qtbot.waitUntil(reached.is_set, timeout=30000)
    qtbot.waitUntil(dialog.isVisible, timeout=10000)
    assert spy.hidden == [] and not out.exists()
    assert 0 < dialog.value() < dialog.maximum() == 1000
    assert "Componiendo las páginas" in dialog.labelText()
    gate.set()
    qtbot.waitUntil(lambda: action.isEnabled(), timeout=30000)
    assert spy.hidden and spy.hidden[0] is True  # first hidden when the PDF was there
    assert len(PdfReader(out).pages) >= 4
    assert not prompter.errors


def test_cancelling_the_nation_pdf_writes_nothing(
    window: MainWindow, prompter: FakePrompter, qtbot, tmp_path, monkeypatch  # noqa: ANN001
) -> None:
    from desktop.forms import pdf  # noqa: PLC0415

    reached, gate = _hold(monkeypatch, pdf._NumberedCanvas, "save")
    prompter.save_to = out = tmp_path / "nacion.pdf"
    window.export_nation_action.trigger()
    dialog = _progress_dialog(window, qtbot)
    qtbot.waitUntil(reached.is_set, timeout=30000)
    qtbot.waitUntil(dialog.isVisible, timeout=10000)
    qtbot.mouseClick(dialog.findChild(QPushButton), Qt.MouseButton.LeftButton)  # «Cancelar»
    gate.set()
    qtbot.waitUntil(window.export_nation_action.isEnabled, timeout=30000)
    assert not out.exists() and not list(tmp_path.glob("*.pdf")) and not list(tmp_path.glob(".avance-*"))
    assert not prompter.errors
    assert "cancelada" in window.statusBar().currentMessage()


@pytest.mark.parametrize("which", ["nation", "national", "region"])
def test_print_whole_region_or_nation_page_by_page_with_progress(
    window: MainWindow, prompter: FakePrompter, qtbot, tmp_path, monkeypatch, which: str  # noqa: ANN001
) -> None:
    """Archivo → Imprimir la región / la consolidación nacional / la nación: the same pages as
    the exported PDF reach the printer, painted one by one with a progress dialog by page."""
    from ui import printing  # noqa: PLC0415

    export, action = {
        "nation": (window.export_nation_action, window.print_nation_action),
        "national": (window.export_national_action, window.print_national_action),
        "region": (window.export_region_action, window.print_region_action),
    }[which]
    import tempfile  # noqa: PLC0415

    temporary = tmp_path / "tmp"
    temporary.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(temporary))
    prompter.save_to = exported = tmp_path / "exported.pdf"
    export.trigger()
    qtbot.waitUntil(lambda: exported.exists() and export.isEnabled(), timeout=30000)
    pages = len(PdfReader(exported).pages)

    rendered: list[int] = []
    render = printing.render_page
    monkeypatch.setattr(printing, "render_page", lambda doc, index, dpi: (rendered.append(index), render(doc, index, 40))[1])
    reached, gate = _hold(monkeypatch, printing, "render_page")  # held before page 1 is rendered
    prompter.printer_file = tmp_path / "printed.pdf"
    action.trigger()
    qtbot.waitUntil(reached.is_set, timeout=30000)  # the PDF is written; the printing is held
    dialog = _progress_dialog(window, qtbot)  # the PDF's own dialog is gone
    qtbot.waitUntil(dialog.isVisible, timeout=10000)
    spy = _HideSpy(lambda: list(rendered))
    dialog.installEventFilter(spy)
    gate.set()
    qtbot.waitUntil(lambda: action.isEnabled() and prompter.printer_file.exists(), timeout=60000)
    assert rendered == list(range(pages))  # every page, in order, one at a time
    assert spy.hidden and spy.hidden[0] == list(range(pages))  # closed once every page was painted
    assert len(PdfReader(prompter.printer_file).pages) == pages
    sent = "Enviada 1 página a la impresora." if pages == 1 else f"Enviadas {pages} páginas a la impresora."
    assert window.statusBar().currentMessage() == sent
    assert not prompter.errors
    assert list(temporary.iterdir()) == []  # the temporary PDF is removed


def test_cancelling_the_printing_stops_sending_pages(
    window: MainWindow, prompter: FakePrompter, qtbot, tmp_path, monkeypatch  # noqa: ANN001
) -> None:
    from ui import printing  # noqa: PLC0415

    reached, gate = _hold(monkeypatch, printing, "render_page")
    prompter.printer_file = tmp_path / "printed.pdf"
    window.print_nation_action.trigger()
    qtbot.waitUntil(reached.is_set, timeout=30000)
    dialog = _progress_dialog(window, qtbot)
    qtbot.waitUntil(dialog.isVisible, timeout=10000)
    assert dialog.findChild(QPushButton).text() == "Cancelar"
    qtbot.mouseClick(dialog.findChild(QPushButton), Qt.MouseButton.LeftButton)
    gate.set()  # page 1 is painted, then the job sees the cancel and stops
    qtbot.waitUntil(window.print_nation_action.isEnabled, timeout=30000)
    assert "cancelada" in window.statusBar().currentMessage()
    assert not prompter.errors


class _Answers(FakePrompter):
    """A prompter that also opens a given file and answers confirmations."""

    def __init__(self) -> None:
        super().__init__()
        self.open_this: Path | None = None
        self.confirm_answer = False
        self.confirmations: list[str] = []
        self.problem_lists: list[list[str]] = []

    def open_path(self, parent, title, name_filter):  # noqa: ANN001, ANN201
        return self.open_this

    def confirm(self, parent, title, text, accept):  # noqa: ANN001, ANN201
        self.confirmations.append(text)
        return self.confirm_answer

    def problems(self, parent, title, summary, problems):  # noqa: ANN001, ANN201
        self.problem_lists.append(problems)


def _row_counts(db) -> dict[str, int]:  # noqa: ANN001
    import sqlite3

    con = sqlite3.connect(db.path)
    try:
        return {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
                for t in ("work_programme", "objective", "commitment", "progress_analysis")}
    finally:
        con.close()


def test_excel_export_then_import_asks_before_replacing(qtbot, db, tmp_path) -> None:  # noqa: ANN001
    prompter = _Answers()
    window = _window(qtbot, db, prompter)
    out = tmp_path / "tarapaca.xlsx"
    prompter.save_to = out
    window.export_xlsx_action.trigger()
    qtbot.waitUntil(lambda: out.exists() and window.export_xlsx_action.isEnabled(), timeout=20000)
    before = _row_counts(db)

    prompter.open_this = out
    prompter.confirm_answer = False  # "Cancelar": nothing changes
    window.import_xlsx_action.trigger()
    qtbot.waitUntil(lambda: bool(prompter.confirmations) and window.import_xlsx_action.isEnabled(), timeout=20000)
    assert "Tarapacá 2009" in prompter.confirmations[0]
    assert _row_counts(db) == before

    prompter.confirm_answer = True  # "Reemplazar"
    window.import_xlsx_action.trigger()
    qtbot.waitUntil(lambda: window.statusBar().currentMessage().startswith("Importado"), timeout=30000)
    assert _row_counts(db) == before
    assert window.programme_model.rowCount() == 19


def test_bad_excel_shows_every_problem_and_changes_nothing(qtbot, db, tmp_path) -> None:  # noqa: ANN001
    prompter = _Answers()
    window = _window(qtbot, db, prompter)
    bad = tmp_path / "malo.xlsx"
    bad.write_bytes(b"esto no es un libro de Excel")
    before = _row_counts(db)
    prompter.open_this = bad
    window.import_xlsx_action.trigger()
    qtbot.waitUntil(lambda: bool(prompter.problem_lists) and window.import_xlsx_action.isEnabled(), timeout=20000)
    assert prompter.problem_lists[0]
    assert _row_counts(db) == before
    assert not prompter.confirmations


def _count_readings(monkeypatch) -> list[Path]:  # noqa: ANN001
    """Record every reading of a workbook (desktop.services.excel.validate_workbook)."""
    from desktop.services import excel

    calls: list[Path] = []
    real = excel.validate_workbook

    def counting(path, **options):  # noqa: ANN001, ANN003, ANN202
        calls.append(Path(path))
        return real(path, **options)

    monkeypatch.setattr(excel, "validate_workbook", counting)
    return calls


def test_excel_replace_question_says_what_would_be_lost(qtbot, db, tmp_path, monkeypatch) -> None:  # noqa: ANN001
    """A workbook without ids (legacy layout) replacing Tarapacá 2009 would drop the row an
    evidence file is attached to: the window says so before asking, and reads the file once
    per import."""
    from sqlalchemy import func, select

    from db.models import CommitmentRow, Evidence
    from desktop.services.excel import export_region
    from desktop.sync.service import attach_evidence
    from tests.services.test_excel_import import edit, to_legacy

    prompter = _Answers()
    window = _window(qtbot, db, prompter)
    with db.reading() as session:
        commitment = session.scalars(select(CommitmentRow.id).order_by(CommitmentRow.id)).first()
    acta = tmp_path / "acta.pdf"
    acta.write_bytes(b"%PDF-1.4 acta")
    attach_evidence(db, commitment, acta)
    legacy = edit(export_region(db, TARAPACA, 2009, tmp_path / "ta.xlsx"), tmp_path / "legado.xlsx", to_legacy)
    readings = _count_readings(monkeypatch)

    def evidence() -> int:
        with db.reading() as session:
            return session.scalar(select(func.count()).select_from(Evidence))

    prompter.open_this = legacy
    prompter.confirm_answer = False
    window.import_xlsx_action.trigger()
    qtbot.waitUntil(lambda: bool(prompter.confirmations) and window.import_xlsx_action.isEnabled(), timeout=20000)
    question = prompter.confirmations[0]
    assert "Tarapacá 2009" in question and "se eliminaría 1 medio de verificación adjunto a la actividad" in question
    assert "--" not in question
    assert evidence() == 1 and readings == [legacy]

    prompter.confirm_answer = True
    window.import_xlsx_action.trigger()
    qtbot.waitUntil(lambda: window.statusBar().currentMessage().startswith("Importado"), timeout=30000)
    assert "se eliminó 1 medio de verificación" in window.statusBar().currentMessage()
    assert evidence() == 0 and readings == [legacy, legacy]  # the check's reading was imported


def test_bad_excel_for_a_year_present_never_shows_a_command_line_flag(qtbot, db, tmp_path) -> None:  # noqa: ANN001
    from desktop.services.excel import export_region
    from tests.services.test_excel_import import _set, edit

    prompter = _Answers()
    window = _window(qtbot, db, prompter)
    bad = edit(export_region(db, TARAPACA, 2009, tmp_path / "ta.xlsx"), tmp_path / "malo.xlsx",
               _set("III.1", "G7", "mucho"))
    prompter.open_this = bad
    window.import_xlsx_action.trigger()
    qtbot.waitUntil(lambda: bool(prompter.problem_lists) and window.import_xlsx_action.isEnabled(), timeout=20000)
    (problems,) = prompter.problem_lists
    assert problems == ["Hoja «III.1», celda G7: no se pudo leer la ponderación «mucho»; escriba la ponderación "
                        "como «0,5%» o «0.5%  0.5%» (nota 8)."]
    assert not prompter.confirmations


def test_upgrade_backup_is_announced(qtbot, db, prompter, tmp_path) -> None:  # noqa: ANN001
    """After an upgrade on start the window says where the backup copy is."""
    from dataclasses import replace

    from desktop.app import attach

    backup = tmp_path / "avance.db.20261122-101010.bak"
    window = MainWindow(prompter, TODAY)
    qtbot.addWidget(window)
    attach(window, replace(db, backup=backup), None)
    assert str(backup) in window.statusBar().currentMessage()


def test_closing_while_a_print_runs_waits_for_it(window: MainWindow, prompter: FakePrompter, qtbot, tmp_path,  # noqa: ANN001
                                                 monkeypatch) -> None:
    from desktop.forms import pdf  # noqa: PLC0415

    reached, gate = _hold(monkeypatch, pdf._NumberedCanvas, "save")
    out = tmp_path / "region.pdf"
    prompter.save_to = out
    window.export_region_action.trigger()
    qtbot.waitUntil(reached.is_set, timeout=30000)
    assert not window.close() and window.isVisible()  # refused while the job runs, and said why
    assert "trabajo en curso" in prompter.infos[-1]
    gate.set()
    qtbot.waitUntil(lambda: out.exists() and not window._tasks, timeout=30000)  # noqa: SLF001
    assert window.close()


class _ModalPrompter(FakePrompter):
    """Its print preview runs a nested event loop, as the real modal dialog does, and records
    the progress dialogs visible meanwhile."""

    def __init__(self) -> None:
        super().__init__()
        self.visible_during: list[list[str]] = []

    def show_preview(self, parent, pdf_path):  # noqa: ANN001, ANN201
        from PySide6.QtCore import QEventLoop  # noqa: PLC0415

        loop = QEventLoop()
        QTimer.singleShot(800, loop.quit)  # longer than the progress dialog's 300 ms minimum duration
        loop.exec()
        self.visible_during.append([d.labelText() for d in parent.findChildren(QProgressDialog) if d.isVisible()])
        super().show_preview(parent, pdf_path)


def test_a_finished_progress_dialog_never_reappears_over_the_next_modal_dialog(qtbot, db) -> None:  # noqa: ANN001
    """The second preview of a session used to lock the window: the first job's progress dialog,
    closed before its minimum duration, showed itself (window-modal) inside the preview's loop."""
    prompter = _ModalPrompter()
    window = _window(qtbot, db, prompter)
    for n in (1, 2, 3):
        window.print_current(preview=True)
        qtbot.waitUntil(lambda: len(prompter.previews) == n and window.print_action.isEnabled(), timeout=30000)
    assert prompter.visible_during == [[], [], []]
