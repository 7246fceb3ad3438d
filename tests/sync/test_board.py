"""The read side of the sync bundles the window shows (desktop.sync.board)."""

from __future__ import annotations

import datetime as dt

import pytest

from desktop.domain.forms import FormKind
from desktop.domain.scoring import Verdict
from desktop.sync import board, service
from desktop.sync.errors import PassphraseError
from tests.conftest import TODAY
from tests.sync.conftest import EVIDENCE
from tests.sync.helpers import PASS


def test_office_is_none_until_set_up(db) -> None:  # noqa: ANN001
    assert board.office(db) is None


def test_office_and_passphrase_check(world) -> None:  # noqa: ANN001
    view = board.office(world.ta.db)
    assert view.office == "CL-TA" and not view.central
    assert "Tarapacá" in view.label
    assert view.fingerprint == service.office(world.ta.db).fingerprint
    board.check_passphrase(world.ta.db, PASS)
    with pytest.raises(PassphraseError):
        board.check_passphrase(world.ta.db, "otra frase")
    assert board.offices_trusted(world.ta.db) == ["central"]
    assert board.offices_trusted(world.central.db) == ["CL-TA"]


def test_export_preview_matches_the_bundle_written(world) -> None:  # noqa: ANN001
    preview = board.export_preview(world.ta.db)
    assert preview.recipient == "central" and preview.sequence == 1 and preview.recipient_known
    assert preview.evidence_files == 1 and preview.evidence_bytes == len(EVIDENCE)
    counts = dict(preview.tables)
    assert counts["work_programme"] == 3 and counts["evidence"] == 1 and counts["service"] == 1
    sent = service.export_bundle(world.ta.db, PASS, directory=world.root / "out")
    assert sent.records == preview.records == sum(n for t, n in preview.tables if t != "service")
    # The export and the import count the same records (the service they name is not counted).
    assert service.import_bundle(world.central.db, sent.path, PASS).changes["nuevos"] == sent.records
    assert sent.evidence_files == preview.evidence_files
    assert sent.path.name == preview.file_name
    assert board.export_preview(world.ta.db).sequence == 2


def test_bundles_receipts_observations_and_the_central_preview(world) -> None:  # noqa: ANN001
    out = world.root / "out"
    sent = service.export_bundle(world.ta.db, PASS, directory=out)
    service.import_bundle(world.central.db, sent.path, PASS)
    service.add_observation(world.central.db, "commitment", world.commitment, "Falta el acta firmada.")
    preview = board.export_preview(world.central.db, to="CL-TA")
    assert preview.recipient == "CL-TA" and preview.receipt_sequence == 1
    assert dict(preview.tables) == {"observation": 1, "programme_review": 0}
    with pytest.raises(ValueError):
        board.export_preview(world.central.db)
    answer = service.export_bundle(world.central.db, PASS, to="CL-TA", directory=out)
    service.import_bundle(world.ta.db, answer.path, PASS)

    sent_list = board.bundles(world.ta.db)
    assert [(b.sent, b.office, b.sequence) for b in sent_list] == [(False, "central", 1), (True, "central", 1)]
    assert board.receipt(world.ta.db) == board.ReceiptView(1, 1, 1)
    [obs] = board.observations(world.ta.db)
    assert obs.target == "actividad" and obs.text == "Falta el acta firmada." and "Tarapacá 2009" in obs.programme
    [ev] = board.evidence(world.ta.db)
    assert ev.name == "acta de reunión.pdf" and ev.stored and ev.acknowledged
    assert [a.outcome for a in board.audit(world.central.db)] == ["aceptado"]


def test_national_board_shows_last_bundle_silence_and_verdict(world) -> None:  # noqa: ANN001
    sent = service.export_bundle(world.ta.db, PASS, directory=world.root / "out")
    service.import_bundle(world.central.db, sent.path, PASS)
    today = dt.date.today()
    nb = board.national_board(world.central.db, 2009, today)
    ta = nb.rows[0]
    assert ta.region.iso_code == "CL-TA" and ta.enrolled and ta.last_sequence == 1 and ta.sent_this_quarter
    assert ta.scores[FormKind.III_1].performance_pct == 0
    assert nb.service is Verdict.NO_CUMPLE and nb.verdicts[FormKind.III_1] is Verdict.NO_CUMPLE
    assert len(nb.silent) == 15 and all(r.iso_code != "CL-TA" for r in nb.silent)
    assert board.forms_on_board(nb) == (FormKind.III_1, FormKind.III_2, FormKind.III_3)
    later = board.national_board(world.central.db, None, today.replace(year=today.year + 1))
    assert later.year == 2009 and not later.rows[0].sent_this_quarter


def test_national_board_without_data(db) -> None:  # noqa: ANN001
    nb = board.national_board(db, None, TODAY)
    assert nb.year is None and nb.service is None and len(nb.silent) == 16


def test_human_size() -> None:
    assert board.human_size(512) == "512 bytes"
    assert board.human_size(204800) == "200,0 KB"
    assert board.human_size(3 * 1024 * 1024) == "3,0 MB"


def test_no_open_conflicts_with_one_installation_per_region(world) -> None:  # noqa: ANN001
    sent = service.export_bundle(world.ta.db, PASS, directory=world.root / "out")
    service.import_bundle(world.central.db, sent.path, PASS)
    assert board.open_conflicts(world.central.db) == []  # the core records conflicts; none here
    assert board.conflict_views(world.central.db) == []
    assert board.national_board(world.central.db, 2009, TODAY).conflicts == []


def _commitment(**values: object) -> dict[str, object]:
    record = {"id": "6b1d2d4e-0000-4000-8000-000000000001", "created_at": "2026-11-01T10:00:00.000000Z",
              "updated_at": "2026-11-20T10:00:00.000000Z", "objective_id": "6b1d2d4e-0000-4000-8000-000000000002",
              "position": 0, "kind": "activity", "description": "Reunión con el GORE", "responsible_unit": "Seremi",
              "verification_means": "Acta", "weight_text": "10%", "weight": "10", "met": None}
    record.update(values)
    return record


def test_conflict_differences_name_the_fields_that_differ_in_spanish() -> None:
    current = _commitment(met=True)
    incoming = _commitment(description="Reunión con el GORE y los municipios", weight_text="15%", weight="15",
                           updated_at="2026-11-21T09:00:00.000000Z")
    diffs = board.conflict_differences("commitment", current, incoming)
    # Timestamps are not compared; the weight as read follows the weight as written.
    assert [(d.field, d.label, d.current, d.incoming) for d in diffs] == [
        ("description", "Meta anual o actividades comprometidas", "Reunión con el GORE",
         "Reunión con el GORE y los municipios"),
        ("weight_text", "Ponderación (%)", "10%", "15%"),
        ("met", "Cumple/no cumple", "Sí", "(sin marcar)"),
    ]
    assert board.conflict_differences("commitment", current, dict(current)) == ()
    # A referenced record is named by ``describe``; the order counts from 1 as on the form.
    moved = board.conflict_differences("commitment", current, _commitment(met=True, position=2,
                                       objective_id="6b1d2d4e-0000-4000-8000-000000000003"),
                                       describe=lambda column, value: f"Objetivo de {value[-1]}" if column == "objective_id" else None)
    assert [(d.label, d.current, d.incoming) for d in moved] == [
        ("Objetivo al que pertenece", "Objetivo de 2", "Objetivo de 3"), ("Orden en el formulario", "1", "3")]


def test_conflict_differences_of_a_deletion_list_what_would_go() -> None:
    diffs = board.conflict_differences("commitment", _commitment(), None)
    assert [d.field for d in diffs] == ["objective_id", "position", "kind", "description", "responsible_unit",
                                        "verification_means", "weight_text"]
    assert {d.incoming for d in diffs} == {board.DELETED}
    assert diffs[2].current == "actividad" and diffs[3].current == "Reunión con el GORE"


def test_field_text_for_people() -> None:
    assert board.field_text("met", None) == "(sin marcar)" and board.field_text("met", False) == "No"
    assert board.field_text("quarter", 2) == "T2" and board.field_text("kind", "goal") == "meta anual"
    assert board.field_text("progress", "") == "(vacío)" and board.field_text("size", 2048) == "2,0 KB"
    assert board.field_label("evidence", "name") == "Nombre del archivo"


def test_the_board_shows_when_the_region_made_its_bundle_and_when_it_arrived(world, qtbot) -> None:  # noqa: ANN001
    from PySide6.QtCore import Qt

    from desktop.wording import when_text
    from ui.sync_panel import BoardTableModel

    made = dt.datetime(2026, 1, 15, 10, 0, tzinfo=dt.UTC)
    sent = service.export_bundle(world.ta.db, PASS, directory=world.root / "out", now=made)
    before = dt.datetime.now(dt.UTC)
    service.import_bundle(world.central.db, sent.path, PASS)
    national = board.national_board(world.central.db, 2009, TODAY)
    row = next(r for r in national.rows if r.region.iso_code == "CL-TA")
    assert row.last_created == made  # the signed creation time, not the import time
    assert row.last_received is not None and row.last_received >= before > made
    model = BoardTableModel()
    model.set_board(national)
    r = next(i for i in range(model.rowCount()) if model.index(i, 0).data() == "01 Tarapacá")
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in (3, 4)]
    assert headers == ["Creado por la región", "Importado aquí"]
    assert model.index(r, 3).data() == when_text(made)
    assert model.index(r, 4).data() == when_text(row.last_received) != when_text(made)
    silent = next(i for i in range(model.rowCount()) if model.index(i, 0).data() == "02 Antofagasta")
    assert model.index(silent, 3).data() == "" and model.index(silent, 4).data() == ""
