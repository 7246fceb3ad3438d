"""End-to-end (issue 3, part 8): two regional offices and the central office exchange bundles
through files only; the central national summary equals the regions' own; receipts come back."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select

from db.models import CommitmentRow, WorkProgramme
from desktop.domain.regions import find_region
from desktop.services.example import load_example
from desktop.services.generate import generate_national
from desktop.services.summary import national_json, national_summary, region_json, region_summary
from desktop.sync import service
from tests.sync.helpers import PASS, enrol, make_office, snapshot


def test_two_regions_and_the_central_office_exchange_files_only(tmp_path: Path) -> None:
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

    national = national_json(national_summary(central.db, 2009))
    expected = [region_json(region_summary(o.db, find_region(o.code), 2009)) for o in (ta, an)]
    assert national["regions"] == expected
    assert national == national_json(
        national_summary(ta.db, 2009).__class__(  # the same consolidation computed from both regions
            2009,
            (region_summary(ta.db, find_region("CL-TA"), 2009), region_summary(an.db, find_region("CL-AN"), 2009)),
            national_summary(central.db, 2009).verdicts,
            national_summary(central.db, 2009).service,
        )
    )
    blob = central.blobs / __import__("hashlib").sha256(evidence.read_bytes()).hexdigest()
    assert blob.read_bytes() == evidence.read_bytes()

    # The central office observes and reviews, then answers Tarapacá.
    service.add_observation(central.db, "commitment", commitment, "Falta el acta firmada por la Seremi.")
    with ta.db.reading() as session:
        programme = session.scalars(select(WorkProgramme.id).order_by(WorkProgramme.id)).first()
    service.set_review(central.db, programme, "observado", "Revisar ponderaciones.")
    answer = service.export_bundle(central.db, PASS, to="CL-TA", directory=usb)
    assert service.import_bundle(ta.db, answer.path, PASS).outcome == "aceptado"
    assert service.observations(ta.db) == [("commitment", commitment, "Falta el acta firmada por la Seremi.")]
    assert list(service.reviews(ta.db).values()) == [("observado", "Revisar ponderaciones.")]

    # The receipt acknowledged the evidence: the next bundle does not carry it again.
    second = service.export_bundle(ta.db, PASS, directory=usb)
    assert second.sequence == 2 and second.evidence_files == 0
    assert service.import_bundle(central.db, second.path, PASS).outcome == "aceptado"
    # The answer cannot be imported by the other region (not its recipient).
    before = snapshot(an)
    try:
        service.import_bundle(an.db, answer.path, PASS)
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
    # The older one is now a rollback.
    import pytest

    with pytest.raises(service.RollbackError):
        service.import_bundle(world.central.db, lost.path, PASS)
