"""The sync bundles in the window (issue 3, part 5), driven as a user would with a fake
prompter: a regional office exports a bundle, the central office imports several files and
reads one report line each, sees the national board and answers; evidence attached by file
dialog and by drag-and-drop; a cancelled passphrase changes nothing; the export moves its
progress bar; conflicts between two installations of a region are resolved from the window."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication
from sqlalchemy import select

from db.engine import open_database
from db.models import CommitmentRow, ObjectiveRow
from desktop.app import build_main_window
from desktop.domain.forms import FormKind
from desktop.domain.regions import find_region
from desktop.services.example import load_example
from desktop.services.generate import generate_national
from desktop.services.summary import national_summary
from desktop.sync import board, errors, service
from tests.conftest import TODAY
from tests.sync.helpers import PASS, enrol, make_office, snapshot
from tests.ui.test_main_window import _Answers
from ui.main_window import MainWindow
from ui.office_dialog import OfficeChoice, OfficeSetupDialog
from ui.sync_panel import BoardDialog, ExportPreviewDialog


class SyncPrompter(_Answers):
    """Also answers passphrases (in order; None = "Cancelar"), several files, choices, the export
    preview, and records the reports shown."""

    def __init__(self) -> None:
        super().__init__()
        self.passphrases: list[str | None] = []
        self.asked: list[str] = []
        self.open_these: list[Path] = []
        self.choice: int | None = 0
        self.choices: list[list[str]] = []
        self.currents: list[int] = []
        self.accept_current = False
        self.previews: list[str] = []
        self.reports: list[tuple[str, list[str]]] = []
        self.confirm_answer = True
        self.office_asked: list[bool] = []
        self.office_answer: OfficeChoice | None = None

    def ask_passphrase(self, parent, title, text):  # noqa: ANN001, ANN201
        self.asked.append(text)
        return self.passphrases.pop(0) if self.passphrases else None

    def open_paths(self, parent, title, name_filter):  # noqa: ANN001, ANN201
        return list(self.open_these)

    def choose(self, parent, title, text, items, current=0):  # noqa: ANN001, ANN201
        """Answers ``choice`` (None = "Cancelar"), or with ``accept_current`` what the dialog
        chose at first (``current``, recorded)."""
        self.choices.append(items)
        self.currents.append(current)
        return current if self.accept_current else self.choice

    def setup_office(self, parent, *, first_start=False):  # noqa: ANN001, ANN201
        """Answers with ``office_answer`` (None = "Más tarde" / "Cancelar")."""
        self.office_asked.append(first_start)
        return self.office_answer

    def review_export(self, parent, preview):  # noqa: ANN001, ANN201
        dialog = ExportPreviewDialog(preview, parent)
        self.previews.append(dialog.text())
        dialog.deleteLater()
        return True

    def report(self, parent, title, summary, lines):  # noqa: ANN001, ANN201
        self.reports.append((summary, lines))


def _window(qtbot, db, prompter) -> MainWindow:  # noqa: ANN001
    window = build_main_window(db, prompter, today=TODAY)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def _idle(window: MainWindow) -> bool:
    return not window._tasks  # noqa: SLF001


@pytest.fixture
def offices(tmp_path: Path):  # noqa: ANN201
    """The central office and Antofagasta (generated programmes), enrolled both ways."""
    central = make_office(tmp_path, "central", None)
    an = make_office(tmp_path, "an", "CL-AN")
    enrol(central, an)
    generate_national(an.db, 2009, regions=(find_region("CL-AN"),), objectives=3, activities=3)
    (tmp_path / "usb").mkdir()
    yield central, an
    central.db.close()
    an.db.close()


def _export(qtbot, window: MainWindow, prompter: SyncPrompter, out: Path) -> None:  # noqa: ANN001
    prompter.save_to = out
    prompter.passphrases = [PASS]
    window.sync.export_bundle_action.trigger()
    qtbot.waitUntil(lambda: out.exists() and _idle(window), timeout=20000)


def _import(qtbot, window: MainWindow, prompter: SyncPrompter, files: list[Path]) -> tuple[str, list[str]]:  # noqa: ANN001
    prompter.open_these = files
    prompter.passphrases = [PASS]
    before = len(prompter.reports)
    window.sync.import_bundles_action.trigger()
    qtbot.waitUntil(lambda: len(prompter.reports) > before and _idle(window), timeout=30000)
    return prompter.reports[-1]


def test_regional_export_is_imported_by_the_central_window(qtbot, tmp_path, offices, qtmodeltester) -> None:  # noqa: ANN001
    central, an = offices
    usb = tmp_path / "usb"
    # The regional window: only the regional actions show.
    rp = SyncPrompter()
    regional = _window(qtbot, an.db, rp)
    assert regional.sync.export_bundle_action.isVisible() and not regional.sync.import_bundles_action.isVisible()
    sent = usb / "antofagasta.avance"
    _export(qtbot, regional, rp, sent)
    assert not rp.errors
    preview = rp.previews[0]
    assert preview.startswith("Exportar paquete\nPaquete n.º 1 de la oficina regional de Antofagasta (CL-AN) para la oficina central")
    assert "Metas y actividades: 27" in preview and "Archivos de medios de verificación: 0 (0 bytes)" in preview
    assert "Paquete n.º 1 para la oficina central guardado" in regional.statusBar().currentMessage()
    assert regional.sync.dock.isVisible()
    assert regional.sync.panel.bundles.topLevelItem(0).text(0) == "enviado a"

    # Two damaged copies: truncated, and not a bundle at all.
    truncated = usb / "truncado.avance"
    truncated.write_bytes(sent.read_bytes()[: sent.stat().st_size // 2])
    garbage = usb / "otro.avance"
    garbage.write_bytes(b"esto no es un paquete")

    cp = SyncPrompter()
    window = _window(qtbot, central.db, cp)
    assert window.sync.import_bundles_action.isVisible() and not window.sync.export_bundle_action.isVisible()
    assert not window.sync.attach_action.isVisible()
    before = snapshot(central)
    summary, lines = _import(qtbot, window, cp, [truncated])
    assert len(lines) == 1 and lines[0].startswith("truncado.avance — RECHAZADO:")
    assert "rechazado" in summary and "no se cambió nada" in summary
    assert snapshot(central) == before

    summary, lines = _import(qtbot, window, cp, [truncated, sent, garbage, sent])
    assert len(lines) == 4
    assert lines[0].startswith("truncado.avance — RECHAZADO") and "Antofagasta" in lines[0]
    assert lines[1].startswith("antofagasta.avance — ACEPTADO. Firmado por la oficina regional de Antofagasta (CL-AN) (huella ")
    assert "región CL-AN, secuencia 1" in lines[1] and "nuevos" in lines[1]
    assert lines[2].startswith("otro.avance — RECHAZADO: El archivo no es un paquete de Avance")
    assert lines[3].startswith("antofagasta.avance — YA IMPORTADO")
    assert not cp.errors
    regions = [window.navigator.topLevelItem(i).text(0) for i in range(window.navigator.topLevelItemCount())]
    assert "Antofagasta (CL-AN)" in regions

    # The national board: Antofagasta's last bundle, the silent regions and the verdict.
    window.sync.board_action.trigger()
    dialog = window.sync.board_dialog
    assert dialog.isVisible()
    qtmodeltester.check(dialog.model)
    model = dialog.model
    rows = {model.index(r, 0).data(): r for r in range(model.rowCount())}
    an_row = rows["02 Antofagasta"]
    assert model.index(an_row, 2).data() == "n.º 1"
    assert model.index(an_row, 5).data() == "enviado"
    assert model.index(rows["01 Tarapacá"], 2).data() == "—"
    verdict = national_summary(central.db, 2009, TODAY).service.value
    assert f"Servicio: <b><span style=\"color:#b00020\">{verdict}</span>" in dialog.verdict_label.text()
    assert "</b> (provisional: 1 de 16 regiones con datos)." in dialog.verdict_label.text()  # 15 regions missing
    assert "Sin envíos en" in dialog.silent_label.text() and "Antofagasta" not in dialog.silent_label.text()
    header = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    assert header[:6] == ["Región", "Clave", "Último paquete", "Creado por la región", "Importado aquí",
                          "Este trimestre"]
    assert header[6:] == ["III.1 (%)", "III.2 (%)", "III.3 (%)"]

    # The answer goes back to Antofagasta, whose window imports it.
    answer = usb / "respuesta.avance"
    cp.save_to = answer
    cp.passphrases = [PASS]
    cp.choice = 0
    window.sync.export_answer_action.trigger()
    qtbot.waitUntil(lambda: answer.exists() and _idle(window), timeout=20000)
    assert cp.choices[-1] == ["Antofagasta (CL-AN)"]
    assert "Acuse de recibo: paquetes de la región aplicados hasta el n.º 1" in cp.previews[-1]
    rp.open_this = answer
    rp.passphrases = [PASS]
    regional.sync.import_answer_action.trigger()
    qtbot.waitUntil(lambda: bool(rp.reports) and _idle(regional), timeout=20000)
    assert rp.reports[-1][1][0].startswith("respuesta.avance — ACEPTADO. Firmado por la oficina central")
    assert "la oficina central aplicó hasta el n.º 1" in regional.sync.panel.receipt_label.text()


def _drag_and_drop(viewport, pos: QPointF, mime: QMimeData) -> QDropEvent:  # noqa: ANN001
    """Enter the widget with a drag, then drop (Qt delivers a drop only after its drag enter)."""
    buttons, keys = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    enter = QDragEnterEvent(pos.toPoint(), Qt.DropAction.CopyAction, mime, buttons, keys)
    QApplication.sendEvent(viewport, enter)
    assert enter.isAccepted()
    drop = QDropEvent(pos, Qt.DropAction.CopyAction, mime, buttons, keys)
    QApplication.sendEvent(viewport, drop)
    return drop


def test_attach_evidence_by_dialog_and_by_drop(qtbot, tmp_path) -> None:  # noqa: ANN001
    ta = make_office(tmp_path, "ta", "CL-TA")
    try:
        prompter = SyncPrompter()
        window = _window(qtbot, ta.db, prompter)
        table = window.programme_page.table
        model = window.programme_model
        acta = tmp_path / "acta firmada.pdf"
        acta.write_bytes(b"%PDF-1.4 acta\n" * 1000)
        # Nothing selected: the window says what to do.
        window.sync.attach_action.trigger()
        assert "Seleccione primero una fila" in prompter.infos[-1]
        table.setCurrentIndex(model.index(0, model.column_of("description")))
        prompter.open_this = acta
        window.sync.attach_action.trigger()
        qtbot.waitUntil(lambda: len(board.evidence(ta.db)) == 1 and _idle(window), timeout=10000)
        [ev] = board.evidence(ta.db)
        assert ev.name == "acta firmada.pdf" and ev.stored and ev.commitment_id == model.row_at(0)[1].id
        assert (ta.blobs / ev.sha256).read_bytes() == acta.read_bytes()
        evidence_tree = window.sync.panel.evidence
        assert window.sync.dock.isVisible()
        assert evidence_tree.topLevelItem(0).text(1) == "acta firmada.pdf"
        assert evidence_tree.topLevelItem(0).text(3) == "por enviar"

        # Drag a file from the file manager onto the second row.
        foto = tmp_path / "foto.jpg"
        foto.write_bytes(b"\xff\xd8 foto")
        mime = QMimeData()
        mime.setUrls([QUrl.fromLocalFile(str(foto))])
        pos = QPointF(table.visualRect(model.index(1, model.column_of("description"))).center())
        drop = _drag_and_drop(table.viewport(), pos, mime)
        assert drop.isAccepted()
        assert "foto.jpg" in prompter.confirmations[-1]
        qtbot.waitUntil(lambda: len(board.evidence(ta.db)) == 2 and _idle(window), timeout=10000)
        target = model.row_at(1)[1].id
        assert [e.name for e in board.evidence(ta.db, target)] == ["foto.jpg"]
        assert evidence_tree.topLevelItemCount() == 2

        # A refused confirmation attaches nothing.
        prompter.confirm_answer = False
        _drag_and_drop(table.viewport(), pos, mime)
        assert len(board.evidence(ta.db)) == 2 and "foto.jpg" in prompter.confirmations[-1]
        window.close()
    finally:
        ta.db.close()


def test_passphrase_cancel_or_wrong_changes_nothing(qtbot, tmp_path, offices) -> None:  # noqa: ANN001
    central, an = offices
    prompter = SyncPrompter()
    window = _window(qtbot, an.db, prompter)
    before = snapshot(an)
    out = tmp_path / "usb" / "cancelado.avance"
    prompter.save_to = out
    prompter.passphrases = [None]  # "Cancelar"
    window.sync.export_bundle_action.trigger()
    assert not out.exists() and not prompter.errors and _idle(window)
    assert window.statusBar().currentMessage().startswith("Cancelado")
    assert snapshot(an) == before

    prompter.passphrases = ["frase equivocada"] * 3  # asked three times, then given up
    window.sync.export_bundle_action.trigger()
    assert len(prompter.asked) == 4 and not prompter.passphrases and _idle(window)
    assert prompter.asked[-2:] == ["Frase de paso incorrecta. Escríbala de nuevo (intento 2 de 3):",
                                   "Frase de paso incorrecta. Escríbala de nuevo (intento 3 de 3):"]
    assert prompter.errors[-1][1] == ("Frase de paso incorrecta 3 veces: no se cambió nada. Vuelva a intentarlo "
                                      "cuando la tenga.")
    assert not out.exists() and snapshot(an) == before
    prompter.passphrases = ["frase equivocada"]  # wrong, then "Cancelar": cancelled, no error
    window.sync.export_bundle_action.trigger()
    assert len(prompter.errors) == 1 and window.statusBar().currentMessage().startswith("Cancelado")

    # Importing: cancelled, then a wrong passphrase stops before the first file.
    prompter.open_this = out
    prompter.passphrases = [None]
    window.sync.import_answer_action.trigger()
    assert not prompter.reports and _idle(window)
    prompter.open_this = tmp_path / "usb" / "cualquiera.avance"
    prompter.passphrases = ["frase equivocada"] * 3
    window.sync.import_answer_action.trigger()
    assert len(prompter.errors) == 2 and _idle(window)
    assert "Frase de paso incorrecta 3 veces" in prompter.errors[-1][1] and not prompter.reports
    assert snapshot(an) == before
    assert not any("equivocada" in line for line in Path(an.db.path).read_bytes().decode("latin-1").splitlines())


def test_office_set_up_later_from_the_menu(qtbot, db, tmp_path) -> None:  # noqa: ANN001
    prompter = SyncPrompter()
    window = _window(qtbot, db, prompter)  # no office: the example opens as always
    assert window.current is not None and window.current[2] is FormKind.III_1
    sync = window.sync
    assert sync.setup_action.isVisible() and sync.attach_action.isVisible()
    assert not any(a.isVisible() for a in (sync.export_bundle_action, sync.import_bundles_action,
                                           sync.board_action, sync.export_keys_action))
    sync.panel_action.trigger()
    assert "aún no está configurada" in sync.panel.office_label.text()

    prompter.office_answer = None  # "Cancelar": nothing changes
    sync.setup_action.trigger()
    assert prompter.office_asked == [False] and board.office(db) is None
    prompter.office_answer = OfficeChoice("CL-TA", PASS)
    sync.setup_action.trigger()
    qtbot.waitUntil(lambda: board.office(db) is not None and _idle(window), timeout=20000)
    assert board.office(db).office == "CL-TA"
    assert sync.export_bundle_action.isVisible() and not sync.board_action.isVisible()
    assert "Oficina configurada: Oficina regional de Tarapacá (CL-TA)" in prompter.infos[-1]
    assert "Tarapacá" in sync.panel.office_label.text()

    # Its public keys go to a file, which a central office trusts through its own window.
    keys = tmp_path / "claves-ta.avance-claves"
    prompter.save_to = keys
    prompter.passphrases = [PASS]
    sync.export_keys_action.trigger()
    qtbot.waitUntil(lambda: keys.exists() and _idle(window), timeout=20000)
    central = make_office(tmp_path, "central", None)
    try:
        cp = SyncPrompter()
        cwin = _window(qtbot, central.db, cp)
        cp.open_this = keys
        cp.choice = 0  # Tarapacá
        cwin.sync.trust_action.trigger()
        assert not cp.errors, cp.errors
        assert board.office(db).fingerprint in cp.infos[-1]
        assert board.offices_trusted(central.db) == ["CL-TA"]
        cwin.close()
    finally:
        central.db.close()


def test_dialogs_render(qtbot, offices) -> None:  # noqa: ANN001
    central, an = offices
    dialog = ExportPreviewDialog(board.export_preview(an.db))
    qtbot.addWidget(dialog)
    assert "Paquete n.º 1" in dialog.heading.text()
    rows = {dialog.table.topLevelItem(i).text(0): dialog.table.topLevelItem(i).text(1)
            for i in range(dialog.table.topLevelItemCount())}
    assert "Servicios" not in rows  # context, not the office's work: the total is what is listed
    preview = board.export_preview(an.db)
    assert rows["Total"] == str(preview.records + preview.deletions)
    assert int(rows["Total"]) == sum(int(v) for k, v in rows.items() if k != "Total")
    board_dialog = BoardDialog()
    qtbot.addWidget(board_dialog)
    board_dialog.show_board(board.national_board(central.db, None, TODAY), board.years(central.db))
    assert board_dialog.model.rowCount() == 16
    assert "Ninguna región tiene datos" in board_dialog.verdict_label.text()


def test_export_moves_the_progress_bar(qtbot, tmp_path, offices, monkeypatch) -> None:  # noqa: ANN001
    from ui import sync_actions

    central, an = offices
    with an.db.reading() as session:
        commitment = session.scalars(select(CommitmentRow.id).order_by(CommitmentRow.id)).first()
    acta = tmp_path / "acta.pdf"
    acta.write_bytes(b"%PDF-1.4 acta\n" * 30000)  # 420 KB: several blocks of evidence
    service.attach_evidence(an.db, commitment, acta)
    seen: list[tuple[int, int]] = []

    class RecordingRelay(sync_actions._Relay):  # noqa: SLF001
        def __init__(self, parent=None) -> None:  # noqa: ANN001
            super().__init__(parent)
            self.advanced.connect(lambda done, total: seen.append((done, total)))

    monkeypatch.setattr(sync_actions, "_Relay", RecordingRelay)
    prompter = SyncPrompter()
    window = _window(qtbot, an.db, prompter)
    _export(qtbot, window, prompter, tmp_path / "usb" / "con-acta.avance")
    qtbot.waitUntil(lambda: bool(seen) and seen[-1] == (1000, 1000), timeout=10000)
    assert not prompter.errors
    assert seen[0] == (0, 1000) and len(seen) > 3  # it moved along the evidence, not only at the ends
    assert [done for done, _ in seen] == sorted({done for done, _ in seen})  # growing, each step once
    assert "1 medio de verificación." in window.statusBar().currentMessage()


def _conflicting_installations(root: Path):  # noqa: ANN202
    """The central office and two installations of Tarapacá that both edited the same two
    activities: the central office holds two open conflicts."""
    from db.engine import open_database
    from tests.sync.test_conflicts import _edit, _send, clone_region

    central = make_office(root, "central", None)
    a = make_office(root, "a", "CL-TA")
    b = make_office(root, "b", "CL-TA")
    load_example(a.db)
    clone_region(a, b)
    a.db = open_database(a.db.path)
    enrol(central, a)
    enrol(central, b)
    with a.db.reading() as session:
        first, second = session.scalars(select(CommitmentRow.id).order_by(CommitmentRow.id)).all()[:2]
    out = root / "out"
    out.mkdir()
    _send(a, central, out)
    _send(b, central, out)
    for office, who in ((a, "A"), (b, "B")):
        _edit(office, CommitmentRow, first, description=f"Versión de {who}")
        _edit(office, CommitmentRow, second, description=f"Segunda, versión de {who}")
    _send(a, central, out)
    _send(b, central, out)
    return central, a, b, first


def test_conflicts_are_resolved_from_the_window(qtbot, tmp_path, qtmodeltester) -> None:  # noqa: ANN001
    central, a, b, first = _conflicting_installations(tmp_path)
    try:
        assert len(service.conflicts(central.db)) == 2
        with central.db.reading() as session:
            row = session.get(CommitmentRow, first)
            form = FormKind(session.get(ObjectiveRow, row.objective_id).programme.form)
        prompter = SyncPrompter()
        window = _window(qtbot, central.db, prompter)
        window.open_form(find_region("CL-TA"), 2009, form)
        model = window.programme_model
        shown = next(r for r in range(model.rowCount())
                     if model.row_at(r)[1] is not None and model.row_at(r)[1].id == first)
        description = model.index(shown, model.column_of("description"))
        assert description.data() == "Versión de A"

        # The board lists them and its button opens the dialog (also in Ver).
        assert window.sync.conflicts_action.isVisible()
        window.sync.board_action.trigger()
        board_dialog = window.sync.board_dialog
        assert board_dialog.resolve_button.isEnabled()
        assert "«Versión de A»" in board_dialog.conflicts.toPlainText()
        assert "avance bundle" not in board_dialog.conflicts.toPlainText()
        qtbot.mouseClick(board_dialog.resolve_button, Qt.MouseButton.LeftButton)
        dialog = window.sync.conflicts_dialog
        assert dialog.isVisible()
        qtmodeltester.check(dialog.model)
        assert dialog.model.rowCount() == 2 and "Hay 2 conflictos abiertos" in dialog.summary.text()
        rows = [[dialog.model.index(r, c).data() for c in range(5)] for r in range(2)]
        first_row = next(r for r, values in enumerate(rows) if values[2] == "Versión de A")
        assert rows[first_row][0] == "Tarapacá" and rows[first_row][3] == f"{form.value} Tarapacá 2009"
        assert rows[first_row][4] == "1 campo distinto"
        dialog.table.selectRow(first_row)
        text = dialog.text()
        assert "Meta anual o actividades comprometidas | Versión de A | Versión de B" in text
        assert f"paquete n.º 2 de la instalación con clave {service.office(b.db).fingerprint}" in text
        assert dialog.keep_current_button.isEnabled() and dialog.keep_incoming_button.isEnabled()

        # A refused confirmation changes nothing.
        prompter.confirm_answer = False
        qtbot.mouseClick(dialog.keep_incoming_button, Qt.MouseButton.LeftButton)
        assert "¿Conservar la versión entrante" in prompter.confirmations[-1] and "Versión de A" in prompter.confirmations[-1]
        assert len(service.conflicts(central.db)) == 2 and _idle(window)

        # Keeping the other installation's version: written in the worker, everything refreshed.
        prompter.confirm_answer = True
        qtbot.mouseClick(dialog.keep_incoming_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: len(service.conflicts(central.db)) == 1 and _idle(window), timeout=20000)
        assert not prompter.errors
        with central.db.reading() as session:
            assert session.get(CommitmentRow, first).description == "Versión de B"
        assert model.index(shown, model.column_of("description")).data() == "Versión de B"  # the open form
        assert dialog.model.rowCount() == 1 and dialog.model.index(0, 2).data() == "Segunda, versión de A"
        assert "Hay 1 conflicto abierto" in dialog.summary.text()
        assert "Versión de A" not in board_dialog.conflicts.toPlainText()  # the board
        assert "se adoptó la versión entrante" in window.statusBar().currentMessage()

        # Resolved meanwhile elsewhere (the command line): a clear error, and the list catches up.
        [other] = service.conflicts(central.db)
        service.resolve_conflict(central.db, other.id, "actual")
        qtbot.mouseClick(dialog.keep_current_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: bool(prompter.errors) and _idle(window), timeout=20000)
        assert prompter.errors[-1][0] == "Resolver conflictos"
        assert "No hay un único conflicto abierto" in prompter.errors[-1][1]
        assert dialog.model.rowCount() == 0 and "Ningún conflicto abierto" in dialog.summary.text()
        assert not dialog.keep_current_button.isEnabled() and not dialog.keep_incoming_button.isEnabled()
        window.sync.refresh()
        assert not board_dialog.resolve_button.isEnabled()
        assert board_dialog.conflicts.toPlainText() == "Ningún conflicto abierto."
        window.close()
    finally:
        for office in (central, a, b):
            office.db.close()


def test_exportar_respuesta_lists_each_installation_of_a_region(qtbot, tmp_path, offices) -> None:  # noqa: ANN001
    """A region with two installations appears once per installation, with its fingerprint;
    the answer written is for the one chosen (the other cannot read it)."""
    central, an = offices
    an2 = make_office(tmp_path, "an2", "CL-AN")
    try:
        enrol(central, an2)
        cp = SyncPrompter()
        window = _window(qtbot, central.db, cp)
        answer = tmp_path / "usb" / "respuesta-an2.avance"
        cp.save_to = answer
        cp.passphrases = [PASS]
        cp.choice = 1
        window.sync.export_answer_action.trigger()
        qtbot.waitUntil(lambda: answer.exists() and _idle(window), timeout=20000)
        fp1, fp2 = service.office(an.db).fingerprint, service.office(an2.db).fingerprint
        assert cp.choices[-1] == [f"Antofagasta (CL-AN), instalación {fp1}", f"Antofagasta (CL-AN), instalación {fp2}"]
        assert service.import_bundle(an2.db, answer, PASS).outcome == "aceptado"
        with pytest.raises(errors.BundleRejected):
            service.import_bundle(an.db, answer, PASS)
    finally:
        an2.db.close()


def test_office_dialog_checks_the_answer_before_accepting(qtbot) -> None:  # noqa: ANN001
    dialog = OfficeSetupDialog(first_start=True)
    qtbot.addWidget(dialog)
    buttons = {b.text(): b for b in dialog.buttons.buttons()}
    assert set(buttons) == {"Configurar", "Más tarde"}
    # A regional office needs its region, then a passphrase of 8 characters typed twice alike.
    dialog.ok.click()
    assert dialog.result() != OfficeSetupDialog.DialogCode.Accepted
    assert dialog.problem.text() == "Elija la región de esta oficina regional."
    dialog.region.setCurrentIndex(dialog.region.findData("CL-AN"))
    qtbot.keyClicks(dialog.passphrase, "corta")
    dialog.ok.click()
    assert "al menos 8 caracteres" in dialog.problem.text()
    dialog.passphrase.setText(PASS)
    qtbot.keyClicks(dialog.repeat, "otra frase distinta")
    dialog.ok.click()
    assert dialog.problem.text() == "Las frases de paso no coinciden."
    assert dialog.result() != OfficeSetupDialog.DialogCode.Accepted
    dialog.repeat.setText(PASS)
    dialog.ok.click()
    assert dialog.result() == OfficeSetupDialog.DialogCode.Accepted
    assert dialog.choice() == OfficeChoice("CL-AN", PASS)
    # The central office needs no region; its passphrase fields are wiped when cancelled.
    central = OfficeSetupDialog()
    qtbot.addWidget(central)
    assert {b.text() for b in central.buttons.buttons()} == {"Configurar", "Cancelar"}
    central.central.setChecked(True)
    assert not central.region.isEnabled()
    central.passphrase.setText(PASS)
    central.repeat.setText(PASS)
    assert central.problems() == "" and central.choice() == OfficeChoice(None, PASS)
    central.reject()
    assert central.passphrase.text() == "" and central.repeat.text() == ""


def test_first_start_asks_which_office_once(qtbot, db) -> None:  # noqa: ANN001
    prompter = SyncPrompter()
    window = _window(qtbot, db, prompter)
    assert window.sync.ask_on_first_start()
    qtbot.waitUntil(lambda: prompter.office_asked == [True])
    assert board.office(db) is None  # "Más tarde": nothing set up, the menu says where to do it
    assert "Archivo → Oficina → Configurar oficina" in window.statusBar().currentMessage()
    # The next start of the same database does not ask again.
    assert not window.sync.ask_on_first_start()
    window.close()

    prompter = SyncPrompter()
    prompter.office_answer = OfficeChoice(None, PASS)
    tmp_db = open_database(Path(db.path).with_name("otra.db"))
    try:
        other = _window(qtbot, tmp_db, prompter)
        assert other.sync.ask_on_first_start()
        qtbot.waitUntil(lambda: board.office(tmp_db) is not None and _idle(other), timeout=20000)
        assert board.office(tmp_db).central and prompter.office_asked == [True]
        assert other.sync.import_bundles_action.isVisible()
        assert not other.sync.ask_on_first_start()  # set up: never asked again
        other.close()
    finally:
        tmp_db.close()


def test_setting_up_the_central_office_stops_showing_the_example_it_removed(qtbot, db) -> None:  # noqa: ANN001
    """The central office removes the untouched example: its form, score and title went on
    showing Tarapacá 2009 (records no longer there) until another form was chosen."""
    load_example(db)
    prompter = SyncPrompter()
    window = _window(qtbot, db, prompter)
    window.open_first()
    assert window.pages.currentWidget() is window.programme_page and "Tarapacá" in window.windowTitle()
    prompter.office_answer = OfficeChoice(None, PASS)
    window.sync.setup_office()
    qtbot.waitUntil(lambda: board.office(db) is not None and _idle(window), timeout=20000)
    assert window.nav_items() == []
    assert window.current is None
    assert window.pages.currentWidget() is window.empty_page
    assert window.windowTitle() == "Avance"
    assert "Tarapacá" not in window.scoring.title.text() and window.scoring.warnings.count() == 0
    # With nothing in the navigator, the page says where forms come from, not "Elija … en el navegador".
    assert "Archivo → Importar paquetes…" in window.empty_page.text()
    assert "navegador" not in window.empty_page.text()


def test_opening_the_window_removes_what_a_killed_import_left_in_staging(qtbot, offices) -> None:  # noqa: ANN001
    _central, an = offices
    dead = an.folder / "blobs-staging" / ("a" * 32)
    dead.mkdir(parents=True)
    (dead / "copia").write_bytes(b"medio de verificacion a medio importar")
    _window(qtbot, an.db, SyncPrompter())
    assert not (an.folder / "blobs-staging").exists()


def test_a_folder_chosen_to_import_gets_a_spanish_line_in_the_report(qtbot, tmp_path, offices) -> None:  # noqa: ANN001
    central, _an = offices
    folder = tmp_path / "adir"
    folder.mkdir()
    prompter = SyncPrompter()
    window = _window(qtbot, central.db, prompter)
    summary, lines = _import(qtbot, window, prompter, [folder, tmp_path / "no-existe.avance"])
    assert lines[0].startswith(f"adir — RECHAZADO: No se puede leer el archivo «{folder}»: es una carpeta, no un "
                               "archivo. Elija un archivo.")
    assert lines[1].startswith("no-existe.avance — RECHAZADO: No se puede leer el archivo")
    assert "no existe. Revise el nombre y la carpeta." in lines[1]
    assert not any(w in line for line in lines for w in ("Errno", "Is a directory", "No such file"))
    assert "2 rechazados" in summary


def test_a_batch_out_of_order_is_imported_in_sequence_order_and_a_lost_one_is_covered(qtbot, tmp_path, offices) -> None:  # noqa: ANN001
    central, an = offices
    usb = tmp_path / "usb"
    files = [service.export_bundle(an.db, PASS, out=usb / f"an{i}.avance").path for i in range(1, 6)]
    prompter = SyncPrompter()
    window = _window(qtbot, central.db, prompter)
    summary, lines = _import(qtbot, window, prompter, [files[2], files[0], files[1]])
    assert [line.split(" — ")[0] for line in lines] == ["an1.avance", "an2.avance", "an3.avance"]
    assert all(" — ACEPTADO." in line for line in lines)
    assert summary.endswith(", 0 rechazados.")
    _import(qtbot, window, prompter, [files[4]])
    summary, lines = _import(qtbot, window, prompter, [files[3]])
    assert lines == ["an4.avance — YA CUBIERTO: El paquete n.º 4 de la oficina regional de Antofagasta (CL-AN) ya "
                     "está cubierto por el paquete n.º 5, que se importó después: no cambió nada, puede borrarlo."]
    assert summary.endswith(", 0 rechazados.")


def test_the_import_report_and_the_importaciones_tab_use_the_command_line_words(qtbot, tmp_path, offices) -> None:  # noqa: ANN001
    """A bundle imported before or covered by a later one changed nothing and needs nothing: the
    summary counts it apart from the imported ones, and the «Importaciones» tab says what
    ``avance bundle import`` says ("ya importado antes", "ya cubierto"), not "rechazado"."""
    central, an = offices
    usb = tmp_path / "usb"
    files = [service.export_bundle(an.db, PASS, out=usb / f"an{i}.avance").path for i in range(1, 5)]
    garbage = usb / "otro.avance"
    garbage.write_bytes(b"esto no es un paquete")
    prompter = SyncPrompter()
    window = _window(qtbot, central.db, prompter)
    summary, _lines = _import(qtbot, window, prompter, [files[0], files[1], files[3]])
    assert summary == "3 paquetes: 3 importados, 0 rechazados."
    summary, lines = _import(qtbot, window, prompter, [files[0], files[2], files[3], garbage])
    assert [line.split(" — ")[1].split(":")[0].split(".")[0] for line in lines] == [
        "YA IMPORTADO ANTES", "YA CUBIERTO", "YA IMPORTADO", "RECHAZADO"]
    assert summary == ("4 paquetes: 0 importados, 3 ya importados o cubiertos antes (sin cambios), 1 rechazado. "
                       "Con el rechazado no se cambió nada.")
    window.sync.panel_action.trigger()
    tab = window.sync.panel.imports
    shown = [(tab.topLevelItem(i).text(1), tab.topLevelItem(i).text(2)) for i in range(tab.topLevelItemCount())]
    assert shown[:4] == [("otro.avance", "rechazado"), ("an4.avance", "ya importado"), ("an3.avance", "ya cubierto"),
                         ("an1.avance", "ya importado antes")]
    assert window.sync.panel.tabs.tabText(window.sync.panel.tabs.indexOf(tab)) == "Importaciones"
    with central.db.reading() as session:  # the security trail keeps the refusal and its class
        from db.models import SyncAudit

        logged = {(a.outcome, a.error_code) for a in session.scalars(select(SyncAudit))}
    assert {("rechazado", "ReplayError"), ("rechazado", "SupersededError")} <= logged


def test_the_importaciones_tab_shows_each_outcome_whole(qtbot) -> None:  # noqa: ANN001
    """«ya importado antes», the longest outcome, was cut to «ya importa…» in its column, and a
    file of the default name («CL-TA-a-central-000004.avance») in its own."""
    import datetime as dt

    from ui.sync_panel import SyncPanel

    panel = SyncPanel()
    qtbot.addWidget(panel)
    when = dt.datetime(2026, 12, 1, 12, 0, tzinfo=dt.UTC)
    panel.show_imports([board.AuditEntry(when, "/usb/CL-TA-a-central-000004.avance", outcome,
                                         "El paquete n.º 1 ya se había importado.")
                        for outcome in ("aceptado", "ya importado antes", "ya cubierto", "rechazado")])
    tree = panel.imports
    for column, longest in ((1, "CL-TA-a-central-000004.avance"), (2, "ya importado antes")):
        assert tree.fontMetrics().horizontalAdvance(longest) < tree.sizeHintForColumn(column)  # text and margins
        assert tree.columnWidth(column) >= tree.sizeHintForColumn(column), longest


def test_the_central_panel_shows_each_file_as_received_in_its_bundle(qtbot, tmp_path, offices) -> None:  # noqa: ANN001
    central, an = offices
    with an.db.reading() as session:
        commitment = session.scalars(select(CommitmentRow.id).order_by(CommitmentRow.id)).first()
    proof = tmp_path / "acta.pdf"
    proof.write_bytes(b"acta firmada")
    service.attach_evidence(an.db, commitment, proof)
    service.import_bundle(central.db, service.export_bundle(an.db, PASS, directory=tmp_path / "usb").path, PASS)
    window = _window(qtbot, central.db, SyncPrompter())
    window.sync.panel_action.trigger()
    item = window.sync.panel.evidence.topLevelItem(0)
    assert item.text(1) == "acta.pdf"
    assert item.text(3) == "recibido en el paquete n.º 1 de la oficina regional de Antofagasta (CL-AN)"
    assert not window.sync.panel.remove_evidence_button.isVisible()


def test_the_trust_dialog_starts_on_the_region_the_key_file_names(qtbot, tmp_path) -> None:  # noqa: ANN001
    central = make_office(tmp_path, "central", None)
    bio = make_office(tmp_path, "bi", "CL-BI")
    other = make_office(tmp_path, "central2", None)
    try:
        keys = tmp_path / "bi.avance-claves"
        keys.write_bytes(service.export_public(bio.db, PASS))
        prompter = SyncPrompter()
        window = _window(qtbot, central.db, prompter)
        prompter.open_this = keys
        prompter.accept_current = True  # the person only confirms
        window.sync.trust_action.trigger()
        regions = [item.rsplit("(", 1)[1].rstrip(")") for item in prompter.choices[-1]]
        assert regions[prompter.currents[-1]] == "CL-BI" and prompter.currents[-1] != 0
        assert not prompter.errors and board.offices_trusted(central.db) == ["CL-BI"]

        # A file naming no region (another central office's) starts on the first one; trust refuses it.
        central_keys = tmp_path / "central2.avance-claves"
        central_keys.write_bytes(service.export_public(other.db, PASS))
        prompter.open_this = central_keys
        window.sync.trust_action.trigger()
        assert prompter.currents[-1] == 0 and prompter.errors
        # An invalid file is said at once: no region is asked.
        bad = tmp_path / "mal.avance-claves"
        bad.write_bytes(b"no es un archivo de claves")
        prompter.open_this = bad
        asked = len(prompter.choices)
        window.sync.trust_action.trigger()
        assert len(prompter.choices) == asked and "no es válido" in prompter.errors[-1][1]
        assert board.offices_trusted(central.db) == ["CL-BI"]
        window.close()
    finally:
        for office in (central, bio, other):
            office.db.close()


def test_the_choice_dialog_opens_on_the_item_given(monkeypatch) -> None:  # noqa: ANN001
    from ui import dialogs

    seen = []

    def get_item(parent, title, text, items, current, editable):  # noqa: ANN001, ANN202, PLR0913
        seen.append(current)
        return items[current], True

    monkeypatch.setattr(dialogs.QInputDialog, "getItem", staticmethod(get_item))
    assert dialogs.Prompter().choose(None, "t", "¿Cuál?", ["a", "b", "c"], current=2) == 2
    assert dialogs.Prompter().choose(None, "t", "¿Cuál?", ["a", "b", "c"]) == 0
    assert seen == [2, 0]


def test_a_wrong_passphrase_in_the_window_is_asked_again(qtbot, tmp_path, offices) -> None:  # noqa: ANN001
    central, an = offices
    prompter = SyncPrompter()
    window = _window(qtbot, an.db, prompter)
    out = tmp_path / "usb" / "segundo intento.avance"
    prompter.save_to = out
    prompter.passphrases = ["frase equivocada", PASS]
    window.sync.export_bundle_action.trigger()
    qtbot.waitUntil(lambda: out.exists() and _idle(window), timeout=20000)
    assert prompter.asked == ["Frase de paso de la clave de esta oficina:",
                              "Frase de paso incorrecta. Escríbala de nuevo (intento 2 de 3):"]
    assert not prompter.errors
    assert service.import_bundle(central.db, out, PASS).outcome == "aceptado"


def test_its_own_answer_is_refused_without_asking_the_passphrase(qtbot, tmp_path, offices) -> None:  # noqa: ANN001
    """The central office picks its own answer by mistake: the header says who signed it, so the
    window says so at once; no passphrase is asked for a file it would not open."""
    central, an = offices
    sent = service.export_bundle(an.db, PASS, out=tmp_path / "an1.avance").path
    service.import_bundle(central.db, sent, PASS)
    answer = service.export_bundle(central.db, PASS, out=tmp_path / "respuesta.avance", to="CL-AN").path
    assert service.exported_here(central.db, answer) and not service.exported_here(central.db, sent)
    assert not service.exported_here(an.db, answer)
    prompter = SyncPrompter()
    window = _window(qtbot, central.db, prompter)
    prompter.open_these = [answer]
    prompter.passphrases = []  # asking would cancel: the import would not run
    window.sync.import_bundles_action.trigger()
    qtbot.waitUntil(lambda: bool(prompter.reports) and _idle(window), timeout=30000)
    summary, lines = prompter.reports[-1]
    assert prompter.asked == []
    assert lines[0].startswith("respuesta.avance — RECHAZADO: Este paquete lo exportó esta misma oficina")
    assert "1 rechazado" in summary
    # with a file of another office in the batch the passphrase is asked, once, as before
    again = service.export_bundle(an.db, PASS, out=tmp_path / "an2.avance").path
    summary, lines = _import(qtbot, window, prompter, [answer, again])
    assert len(prompter.asked) == 1 and "1 importado" in summary and "1 rechazado" in summary
