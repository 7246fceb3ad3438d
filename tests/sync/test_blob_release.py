"""Files the region removed leave the central office too (sensitive content no record uses):
when a bundle's tombstones delete the last record naming a file, the file leaves ``blobs/``
after the commit and the receipts no longer list it; a file another record still uses stays;
a crash between the commit and the removal is repaired later; a file removed and attached
again goes in the next bundle again."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import event, select

from db.models import CommitmentRow, Evidence, SyncStream
from desktop.sync import service
from tests.sync.conftest import EVIDENCE
from tests.sync.helpers import PASS, enrol, make_office, snapshot
from tests.sync.test_adversarial import open_bundle
from tests.sync.test_delta import _ack

SHA = __import__("hashlib").sha256(EVIDENCE).hexdigest()


def _send(world) -> Path:  # noqa: ANN001
    path = service.export_bundle(world.ta.db, PASS, directory=world.root / "out").path
    assert service.import_bundle(world.central.db, path, PASS).outcome == "aceptado"
    return path


def _evidence_id(office) -> str:  # noqa: ANN001
    with office.db.reading() as session:
        return str(session.scalars(select(Evidence.id).where(Evidence.sha256 == SHA)).first())


def _receipt_files(world) -> list[str]:  # noqa: ANN001
    answer = service.export_bundle(world.central.db, PASS, to="CL-TA", directory=world.root / "out").path
    manifest, _ = open_bundle(answer, world.ta, world.central)
    assert service.import_bundle(world.ta.db, answer, PASS).outcome == "aceptado"
    return manifest["receipt"]["evidence"]


def _region_held(world) -> list[str]:  # noqa: ANN001
    with world.ta.db.reading() as session:
        return json.loads(session.scalar(select(SyncStream.acked_evidence).where(SyncStream.stream == "out:central")))


def _staging_left(office) -> list[str]:  # noqa: ANN001
    root = office.folder / "blobs-staging"
    return sorted(p.name for p in root.iterdir()) if root.exists() else []


def test_a_file_the_region_removed_leaves_the_central_office(world) -> None:  # noqa: ANN001
    _send(world)
    assert (world.central.blobs / SHA).is_file() and _receipt_files(world) == [SHA]
    service.detach_evidence(world.ta.db, _evidence_id(world.ta))
    assert not (world.ta.blobs / SHA).exists()
    _send(world)  # its tombstone
    with world.central.db.reading() as session:
        assert session.scalar(select(Evidence.id).where(Evidence.sha256 == SHA)) is None
    assert not (world.central.blobs / SHA).exists()
    assert _staging_left(world.central) == []
    assert _receipt_files(world) == [] and _region_held(world) == []


def test_a_file_another_record_uses_stays(world) -> None:  # noqa: ANN001
    with world.ta.db.reading() as session:
        other = session.scalars(select(CommitmentRow.id).where(CommitmentRow.id != world.commitment)
                                .order_by(CommitmentRow.id)).first()
    service.attach_evidence(world.ta.db, other, world.evidence)  # the same bytes, twice
    # Antofagasta holds the same bytes too, at the same central office.
    an = make_office(world.root, "an", "CL-AN")
    enrol(world.central, an)
    from desktop.domain.regions import find_region
    from desktop.services.generate import generate_national

    generate_national(an.db, 2009, regions=(find_region("CL-AN"),), objectives=1, activities=1)
    with an.db.reading() as session:
        an_commitment = session.scalars(select(CommitmentRow.id)).first()
    service.attach_evidence(an.db, an_commitment, world.evidence)
    service.import_bundle(world.central.db, service.export_bundle(an.db, PASS, directory=world.root / "out").path,
                          PASS)
    _send(world)
    with world.ta.db.reading() as session:
        both = [str(i) for i in session.scalars(select(Evidence.id).where(Evidence.sha256 == SHA))]
    service.detach_evidence(world.ta.db, both[0])
    _send(world)
    assert (world.central.blobs / SHA).is_file()  # Tarapacá's other record uses it
    service.detach_evidence(world.ta.db, both[1])
    _send(world)
    assert (world.central.blobs / SHA).is_file()  # Antofagasta's record uses it
    assert _receipt_files(world) == []  # but Tarapacá's receipt no longer lists it
    an.db.close()


def test_a_crash_after_the_commit_leaves_a_note_the_next_import_acts_on(world, monkeypatch) -> None:  # noqa: ANN001
    _send(world)
    _ack(world)
    service.detach_evidence(world.ta.db, _evidence_id(world.ta))
    tombstone = service.export_bundle(world.ta.db, PASS, directory=world.root / "out").path

    def crash(name: str) -> None:
        if name == "after_move":
            raise KeyboardInterrupt  # the process stops between the commit and the removal

    monkeypatch.setattr(service, "_crash_point", crash)
    with pytest.raises(KeyboardInterrupt):
        service.import_bundle(world.central.db, tombstone, PASS)
    monkeypatch.undo()
    assert (world.central.blobs / SHA).is_file()  # committed, not removed yet: written down
    assert [n for n in _staging_left(world.central) if n.startswith("release-")]
    service.clean_staging(world.central.db)  # the window opening the database, or the next import
    assert not (world.central.blobs / SHA).exists() and _staging_left(world.central) == []


def test_a_failed_commit_removes_nothing(world) -> None:  # noqa: ANN001
    _send(world)
    _ack(world)
    service.detach_evidence(world.ta.db, _evidence_id(world.ta))
    tombstone = service.export_bundle(world.ta.db, PASS, directory=world.root / "out").path
    before = snapshot(world.central)

    def refuse(session) -> None:  # noqa: ANN001 - the import's data transaction is the one that commits
        raise OSError(28, "No space left on device")

    event.listen(world.central.db.sessions, "before_commit", refuse)
    try:
        with pytest.raises(OSError):
            service.import_bundle(world.central.db, tombstone, PASS)
    finally:
        event.remove(world.central.db.sessions, "before_commit", refuse)
    assert snapshot(world.central) == before  # the record and its file stay, no note left
    assert service.import_bundle(world.central.db, tombstone, PASS).outcome == "aceptado"
    assert not (world.central.blobs / SHA).exists()


def test_a_note_never_removes_a_file_still_used(world) -> None:  # noqa: ANN001
    _send(world)
    store = service.blob_store(world.central.db)
    store.note_release({SHA})  # a note whose import then failed to commit (the records stay)
    assert service.release_blobs(world.central.db) == []
    assert (world.central.blobs / SHA).is_file() and _staging_left(world.central) == []


def test_a_file_removed_and_attached_again_goes_again(world) -> None:  # noqa: ANN001
    _send(world)
    _ack(world)
    service.detach_evidence(world.ta.db, _evidence_id(world.ta))
    _send(world)  # the central office removes the file
    assert not (world.central.blobs / SHA).exists()
    # Attached again before any new answer: the last receipt still lists the file as held.
    assert _region_held(world) == [SHA]
    service.attach_evidence(world.ta.db, world.commitment, world.evidence)
    again = _send(world)
    manifest, _ = open_bundle(again, world.central, world.ta)
    assert [f["sha256"] for f in manifest["evidence"]] == [SHA]
    assert (world.central.blobs / SHA).is_file()


def test_an_attachment_whose_file_is_released_meanwhile_copies_it_again(world, monkeypatch) -> None:  # noqa: ANN001
    from desktop.sync.blobs import BlobStore

    real = BlobStore.add
    calls = []

    def add_then_released(self, source):  # noqa: ANN001, ANN202 - a release runs right after the copy
        sha, size = real(self, source)
        if not calls:
            self.remove(sha)
        calls.append(sha)
        return sha, size

    monkeypatch.setattr(BlobStore, "add", add_then_released)
    extra = world.root / "otro.pdf"
    extra.write_bytes(b"otro medio de verificacion")
    service.attach_evidence(world.ta.db, world.commitment, extra)
    assert len(calls) == 2 and (world.ta.blobs / calls[0]).is_file()
