"""The window's exports once the central office has acknowledged a bundle: Exportar paquete shows
and writes only the changes (and the deletions) since then; Exportar paquete completo writes
every record, for a central office that asks for it."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select

from db.models import CommitmentRow, ProgressAnalysis
from desktop.sync import service
from tests.sync.helpers import PASS
from tests.ui.test_sync_ui import SyncPrompter, _idle, _window, offices  # noqa: F401 - the fixture


def _export_with(qtbot, window, prompter: SyncPrompter, action, out: Path) -> None:  # noqa: ANN001
    prompter.save_to = out
    prompter.passphrases = [PASS]
    action.trigger()
    qtbot.waitUntil(lambda: out.exists() and _idle(window), timeout=20000)
    assert not prompter.errors, prompter.errors


def test_the_window_exports_the_changes_or_everything(qtbot, tmp_path, offices) -> None:  # noqa: ANN001, F811
    central, an = offices
    usb = tmp_path / "usb"
    first = service.export_bundle(an.db, PASS, directory=usb)
    service.import_bundle(central.db, first.path, PASS)
    answer = service.export_bundle(central.db, PASS, to="CL-AN", directory=usb)
    service.import_bundle(an.db, answer.path, PASS)
    with an.db.transaction() as session:
        row = session.scalars(select(CommitmentRow).order_by(CommitmentRow.id)).first()
        row.description = "Cambiada en la región"
        session.delete(session.scalars(select(ProgressAnalysis).order_by(ProgressAnalysis.id)).first())

    prompter = SyncPrompter()
    window = _window(qtbot, an.db, prompter)
    assert window.sync.export_full_bundle_action.isVisible()
    _export_with(qtbot, window, prompter, window.sync.export_bundle_action, usb / "cambios.avance")
    preview = prompter.previews[-1]
    assert preview.startswith("Exportar paquete\nPaquete n.º 2")
    assert "Metas y actividades: 1\n" in preview and "Eliminaciones (registros borrados aquí): 1" in preview
    assert "Solo los cambios posteriores al paquete n.º 1" in preview
    result = service.import_bundle(central.db, usb / "cambios.avance", PASS)
    assert (result.changes["modificados"], result.changes["eliminados"]) == (1, 1)

    _export_with(qtbot, window, prompter, window.sync.export_full_bundle_action, usb / "completo.avance")
    preview = prompter.previews[-1]
    assert preview.startswith("Exportar paquete completo\nPaquete n.º 3")
    assert "Metas y actividades: 27" in preview and "Paquete completo: todos los registros de la región." in preview
    result = service.import_bundle(central.db, usb / "completo.avance", PASS)
    assert result.outcome == "aceptado" and result.changes["modificados"] == 0
    window.close()
