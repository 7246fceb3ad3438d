"""End-to-end (issue 3, part 8): two regional offices (Tarapacá's real example and a generated
Antofagasta) and the central office exchange bundles through files only; the central national
result (service and command line) equals the one computed from the regions' own summaries;
receipts, observations and review states come back to both regions and their Sincronización
panel shows them."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlalchemy import select

from db.models import CommitmentRow, ObjectiveRow, WorkProgramme
from desktop.cli import main as cli_main
from desktop.domain.regions import find_region
from desktop.services.example import load_example
from desktop.services.generate import generate_national
from desktop.services.summary import national_json, national_summary, region_json, region_summary
from desktop.sync import board, errors, service
from tests.sync.helpers import PASS, enrol, make_office, snapshot


def _expected_national(own: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """``summary --national --json`` as it must be, from the regions' own summaries only."""
    regions = [own[code] for code in sorted(own, key=lambda c: find_region(c).cut)]
    programmes = []
    for form in ("III.1", "III.2", "III.3"):
        scores = [(r["region"], p) for r in regions for p in r["programmes"] if p["form"] == form]
        if not scores:
            continue
        below = [code for code, p in scores if Decimal(p["performance_pct"]) < 90]  # note 12: every region at 90 %
        programmes.append({"form": form, "service": "NO CUMPLE" if below else "CUMPLE", "regions": len(scores),
                           "regions_below": below})
    return {"year": 2009, "regions": regions, "programmes": programmes,
            "service": "CUMPLE" if all(p["service"] == "CUMPLE" for p in programmes) else "NO CUMPLE",
            "regions_with_data": len(regions), "complete": len(regions) == 16}  # provisional: 2 of 16


def _check_the_regional_panel(qtbot, office, description: str) -> None:  # noqa: ANN001
    from desktop.app import build_main_window
    from tests.conftest import TODAY
    from tests.ui.test_main_window import _Answers

    window = build_main_window(office.db, _Answers(), today=TODAY)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.sync.dock.show()
    panel = window.sync.panel
    assert "Acuse de recibo: la oficina central aplicó hasta el n.º 1 y tiene 1 medio de verificación." in \
        panel.receipt_label.text()
    rows = [[panel.observations.topLevelItem(i).text(c) for c in range(4)]
            for i in range(panel.observations.topLevelItemCount())]
    assert len(rows) == 1 and rows[0][0] == f"actividad: {description.strip()}"
    assert rows[0][1].endswith("Tarapacá 2009") and rows[0][2] == "Falta el acta firmada por la Seremi."
    reviews = [[panel.reviews.topLevelItem(i).text(c) for c in range(3)] for i in range(panel.reviews.topLevelItemCount())]
    assert [r[1:] for r in reviews] == [["observado", "Revisar ponderaciones."]]
    bundles = [[panel.bundles.topLevelItem(i).text(c) for c in range(3)] for i in range(panel.bundles.topLevelItemCount())]
    assert ["recibido de", "oficina central", "1"] in bundles and ["enviado a", "oficina central", "1"] in bundles
    window.close()


def test_two_regions_and_the_central_office_exchange_files_only(tmp_path: Path, capsys, qtbot) -> None:  # noqa: ANN001
    central = make_office(tmp_path, "central", None)
    ta = make_office(tmp_path, "ta", "CL-TA")
    an = make_office(tmp_path, "an", "CL-AN")
    enrol(central, ta)
    enrol(central, an)
    load_example(ta.db)
    generate_national(an.db, 2009, regions=(find_region("CL-AN"),), objectives=3, activities=3)
    with ta.db.reading() as session:
        commitment = session.scalars(select(CommitmentRow.id).order_by(CommitmentRow.id)).first()
    evidence = tmp_path / "acta.pdf"
    evidence.write_bytes(b"%PDF-1.4 acta firmada\n" * 5000)
    service.attach_evidence(ta.db, commitment, evidence)

    usb = tmp_path / "usb"
    usb.mkdir()
    sent_ta = service.export_bundle(ta.db, PASS, directory=usb)
    sent_an = service.export_bundle(an.db, PASS, directory=usb)
    assert sent_ta.evidence_files == 1 and sent_an.evidence_files == 0
    assert b"Tarapac" not in sent_ta.path.read_bytes()  # a lost USB stick reveals nothing

    for sent in (sent_ta, sent_an):
        result = service.import_bundle(central.db, sent.path, PASS)
        assert result.outcome == "aceptado"
    again = service.import_bundle(central.db, sent_an.path, PASS)
    assert again.outcome == "ya importado"

    # The national result, computed independently from what each regional installation says
    # of itself (its own summary): a programme is CUMPLE for the service when every region that
    # committed it reaches 90 % (seed 001, III.1 note 12); the service CUMPLE when every one is.
    own = {o.code: region_json(region_summary(o.db, find_region(o.code), 2009)) for o in (ta, an)}
    expected = _expected_national(own)
    # Tarapacá's real 2009 data is below 90 % in every programme; Antofagasta's III.3 reaches it.
    assert [(p["form"], p["regions_below"]) for p in expected["programmes"]] == [
        ("III.1", ["CL-TA", "CL-AN"]), ("III.2", ["CL-TA", "CL-AN"]), ("III.3", ["CL-TA"])]
    assert national_json(national_summary(central.db, 2009)) == expected
    # ... and the central office's command line says the same.
    assert cli_main(["--db", str(central.db.path), "summary", "--national", "--year", "2009", "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == expected
    assert cli_main(["--db", str(central.db.path), "summary", "--national", "--year", "2009"]) == 0
    text = capsys.readouterr().out
    assert f"Servicio: {expected['service']}" in text
    for programme in expected["programmes"]:
        assert f"Desempeño anual servicio {programme['form']}: {programme['service']}" in text
    blob = central.blobs / __import__("hashlib").sha256(evidence.read_bytes()).hexdigest()
    assert blob.read_bytes() == evidence.read_bytes()

    # The central office observes and reviews both regions, then answers each.
    service.add_observation(central.db, "commitment", commitment, "Falta el acta firmada por la Seremi.")
    with ta.db.reading() as session:
        programme = session.scalars(select(WorkProgramme.id).order_by(WorkProgramme.id)).first()
    service.set_review(central.db, programme, "observado", "Revisar ponderaciones.")
    with an.db.reading() as session:
        an_objective = session.scalars(select(ObjectiveRow).order_by(ObjectiveRow.id)).first()
        an_objective_id, an_objective_text = an_objective.id, an_objective.text
        an_programme = an_objective.programme_id
    service.add_observation(central.db, "objective", an_objective_id, "Precisar el indicador del objetivo.")
    service.set_review(central.db, an_programme, "aprobado", "")
    answers = {code: service.export_bundle(central.db, PASS, to=code, directory=usb) for code in ("CL-TA", "CL-AN")}
    for office in (ta, an):
        assert service.import_bundle(office.db, answers[office.code].path, PASS).outcome == "aceptado"
    assert service.observations(ta.db) == [("commitment", commitment, "Falta el acta firmada por la Seremi.")]
    assert list(service.reviews(ta.db).values()) == [("observado", "Revisar ponderaciones.")]
    assert service.observations(an.db) == [("objective", an_objective_id, "Precisar el indicador del objetivo.")]
    # What each region's Sincronización panel shows (desktop.sync.board, as the panel reads it).
    for office, held in ((ta, 1), (an, 0)):
        receipt = board.receipt(office.db)
        assert (receipt.last_sent, receipt.acknowledged, receipt.evidence_held) == (1, 1, held)
        received = [b for b in board.bundles(office.db) if not b.sent]
        assert [(b.office, b.sequence) for b in received] == [("central", 1)]
    [ta_note] = board.observations(ta.db)
    with ta.db.reading() as session:
        description = session.get(CommitmentRow, commitment).description
    assert (ta_note.region, ta_note.target, ta_note.text) == ("CL-TA", "actividad", "Falta el acta firmada por la Seremi.")
    assert ta_note.about == description.strip() and ta_note.programme.endswith("Tarapacá 2009")
    [an_note] = board.observations(an.db)
    assert (an_note.target, an_note.text) == ("objetivo", "Precisar el indicador del objetivo.")
    assert an_note.about.endswith(an_objective_text) and an_note.programme.endswith("Antofagasta 2009")
    assert [(r.status, r.note) for r in board.reviews(ta.db)] == [("observado", "Revisar ponderaciones.")]
    assert [(r.status, r.note) for r in board.reviews(an.db)] == [("aprobado", "")]
    # ... and the panel itself, in Tarapacá's window after importing the answer.
    _check_the_regional_panel(qtbot, ta, description)

    # The receipt acknowledged the evidence: the next bundle does not carry it again.
    second = service.export_bundle(ta.db, PASS, directory=usb)
    assert second.sequence == 2 and second.evidence_files == 0
    assert service.import_bundle(central.db, second.path, PASS).outcome == "aceptado"
    # The answer cannot be imported by the other region (not its recipient).
    before = snapshot(an)
    try:
        service.import_bundle(an.db, answers["CL-TA"].path, PASS)
    except service.BundleRejected as exc:
        assert type(exc).__name__ in ("UnknownSenderKeyError", "WrongRecipientError")
    else:  # pragma: no cover
        raise AssertionError("accepted a bundle for another region")
    assert snapshot(an) == before
    for office in (central, ta, an):
        office.db.close()


def test_a_lost_bundle_never_blocks_and_deletions_travel(world) -> None:
    out = world.root / "out"
    lost = service.export_bundle(world.ta.db, PASS, directory=out)
    # Tarapacá deletes a commitment, then exports again; the first bundle is lost.
    with world.ta.db.transaction() as session:
        victim = session.scalars(select(CommitmentRow).where(CommitmentRow.id != world.commitment)
                                 .order_by(CommitmentRow.id)).first()
        victim_id = victim.id
        session.delete(victim)
    later = service.export_bundle(world.ta.db, PASS, directory=out)
    assert later.sequence == lost.sequence + 1
    result = service.import_bundle(world.central.db, later.path, PASS)
    assert result.outcome == "aceptado"
    with world.central.db.reading() as session:
        assert session.get(CommitmentRow, victim_id) is None
        assert session.get(CommitmentRow, world.commitment) is not None
    # The older one, never imported, turning up later: the later one covered it, nothing changes.
    from tests.sync.test_adversarial import refused

    refused(world, lost.path, errors.SupersededError)
