"""Backups restored on either side, through files only (export → file → import): the streams
recover and both sides end up with the same region (issue 3, part 3: "a lost bundle never
blocks"; the reviewer's scenarios of the central office and of a region restoring a backup).

* The central office restores a backup (database and ``blobs/``): a delta whose base it lost is
  refused asking for a complete bundle; the complete bundle carries every file of the region;
  the region's bundle tells the central office which of its answers the region applied, so the
  central office's next answer continues from it; an answer whose receipt is lower than the
  one held before (the central office lost bundles) lowers the region's base.
* A region restores a backup: the central office's receipt shows the region's stream forked;
  the region's stream continues from the central office's bundle, its next bundle is complete,
  and the central office deletes what that bundle lacks, so both sides converge.
"""

from __future__ import annotations

import shutil
import uuid
from pathlib import Path

import pytest
from sqlalchemy import delete, select

from db.engine import backup_file, open_database
from db.models import CommitmentRow, ObjectiveRow, Service, SyncRecord, SyncStream
from desktop.sync import errors, service
from desktop.sync.manifest import REGIONAL_TABLES, decode_record, encode_row
from tests.sync.helpers import PASS, Office, enrol, make_office
from tests.sync.test_adversarial import mutated, open_bundle, refused
from tests.sync.test_delta import _edit, _export, _first, _region_state


def _backup(office: Office, name: str) -> Path:
    """A copy of the office's database (SQLite's online backup) and of its ``blobs/`` folder."""
    folder = office.folder.parent / f"{office.folder.name}-{name}"
    folder.mkdir()
    backup_file(office.db.path).rename(folder / "avance.db")
    if office.blobs.exists():
        shutil.copytree(office.blobs, folder / "blobs")
    return folder


def _restore(office: Office, folder: Path) -> None:
    """Put the copy back in place, as a person would: the database file and ``blobs/``."""
    office.db.close()
    for suffix in ("-wal", "-shm"):
        Path(str(office.db.path) + suffix).unlink(missing_ok=True)
    shutil.copyfile(folder / "avance.db", office.db.path)
    shutil.rmtree(office.blobs, ignore_errors=True)
    if (folder / "blobs").exists():
        shutil.copytree(folder / "blobs", office.blobs)
    office.db = open_database(office.db.path)


def _answer(world) -> Path:  # noqa: ANN001
    return service.export_bundle(world.central.db, PASS, to="CL-TA", directory=world.root / "out").path


def _out(office: Office, name: str) -> SyncStream:
    with office.db.reading() as session:
        row = session.scalar(select(SyncStream).where(SyncStream.stream == name))
        session.expunge(row)
        return row


def _same(world) -> None:  # noqa: ANN001
    """rc.py's comparison: nothing only at the central office, nothing only at the region, no
    record that differs."""
    central, region = _region_state(world.central), _region_state(world.ta)
    assert sorted(k for k in central if k not in region) == []
    assert sorted(k for k in region if k not in central) == []
    assert sorted(k for k in central if k in region and central[k] != region[k]) == []


def _commitments(office: Office) -> list[uuid.UUID]:
    with office.db.reading() as session:
        return list(session.scalars(select(CommitmentRow.id).order_by(CommitmentRow.id)))


# -- the central office restores a backup ----------------------------------------------------------


def test_the_region_recovers_after_the_central_office_restores_a_backup(world) -> None:  # noqa: ANN001
    out = world.root / "out"
    assert service.import_bundle(world.central.db, _export(world.ta, out).path, PASS).outcome == "aceptado"
    saved = _backup(world.central, "after-1")  # bundle 1 applied, file a held, no answer yet
    second = world.root / "informe b.pdf"
    second.write_bytes(b"%PDF-1.4 informe b\n" * 3000)
    service.attach_evidence(world.ta.db, _commitments(world.ta)[1], second)
    assert service.import_bundle(world.central.db, _export(world.ta, out).path, PASS).outcome == "aceptado"
    assert service.import_bundle(world.ta.db, _answer(world), PASS).outcome == "aceptado"  # receipt 2, both files
    _restore(world.central, saved)  # the central office lost bundle 2, file b and its answer 1

    _edit(world.ta, CommitmentRow, world.commitment, description="Editada después de la restauración")
    third = _export(world.ta, out)
    assert third.base == 2
    error = refused(world, third.path, errors.IncompleteDeltaError)
    assert "--full" in str(error) and "Exportar paquete completo" in str(error)

    # The complete bundle carries every file of the region, whatever the last receipt said.
    full = _export(world.ta, out, full=True)
    manifest, files = open_bundle(full.path, world.central, world.ta)
    assert full.base == 0 and full.evidence_files == 2 and len(manifest["evidence"]) == 2
    # Without the file the central office lost, the refusal asks for that complete bundle.
    lost = next(i for i, f in enumerate(manifest["evidence"]) if f["size"] == len(second.read_bytes()))
    error = refused(world, mutated(world, full.path, lambda m: m["evidence"].pop(lost),
                                   files=[f for i, f in enumerate(files) if i != lost]), errors.EvidenceError)
    assert "informe b.pdf" in str(error) and "--full" in str(error) and "Exportar paquete completo" in str(error)
    # It tells which answer of the central office the region applied (1, lost by the restore).
    assert manifest["receipt"]["sequence"] == 1
    result = service.import_bundle(world.central.db, full.path, PASS)
    assert result.outcome == "aceptado" and "respuesta n.º 1" in result.summary
    _same(world)
    assert (world.central.blobs / manifest["evidence"][lost]["sha256"]).read_bytes() == second.read_bytes()
    assert _out(world.central, "out:CL-TA").last_sequence == 1  # its answers continue past the region's

    # The central office's next answer is accepted (it was refused as a duplicate of answer 1).
    answer = _answer(world)
    assert open_bundle(answer, world.ta, world.central)[0]["sequence"] == 2
    assert service.import_bundle(world.ta.db, answer, PASS).outcome == "aceptado"
    assert _out(world.ta, service.OUTGOING).acked_sequence == full.sequence
    # From then on, deltas again.
    _edit(world.ta, CommitmentRow, world.commitment, description="Y otra vez")
    delta = _export(world.ta, out)
    assert (delta.base, delta.records) == (full.sequence, 1)
    assert service.import_bundle(world.central.db, delta.path, PASS).outcome == "aceptado"
    _same(world)
    assert service.import_bundle(world.ta.db, _answer(world), PASS).outcome == "aceptado"


def test_an_answer_with_a_lower_receipt_lowers_the_base(world) -> None:  # noqa: ANN001
    """The restored central office answers again until one answer passes the region's sequence
    checks (a gap): its receipt, lower than the one held, is the truth about what the central
    office holds, so the next delta carries again what the central office lost."""
    out = world.root / "out"
    service.import_bundle(world.central.db, _export(world.ta, out).path, PASS)
    service.import_bundle(world.ta.db, _answer(world), PASS)  # answer 1: receipt 1
    saved = _backup(world.central, "after-answer-1")
    _edit(world.ta, CommitmentRow, world.commitment, description="Cambio del paquete 2")
    service.import_bundle(world.central.db, _export(world.ta, out).path, PASS)
    service.import_bundle(world.ta.db, _answer(world), PASS)  # answer 2: receipt 2
    assert _out(world.ta, service.OUTGOING).acked_sequence == 2
    _restore(world.central, saved)

    error = refused(world, _answer(world), errors.DuplicateSequenceError, office=world.ta)  # its answer 2 again
    assert "Exporte un paquete nuevo para la oficina central" in str(error)
    refused(world, _answer(world), errors.ForkedStreamError, office=world.ta)  # 3, after another 2
    result = service.import_bundle(world.ta.db, _answer(world), PASS)  # 4: a gap, accepted
    assert result.outcome == "aceptado" and "hasta el n.º 1" in result.summary
    assert _out(world.ta, service.OUTGOING).acked_sequence == 1

    delta = _export(world.ta, out)
    assert delta.base == 1 and delta.records == 1  # bundle 2's change goes again
    assert service.import_bundle(world.central.db, delta.path, PASS).outcome == "aceptado"
    _same(world)


# -- a region restores a backup ---------------------------------------------------------------------


def _new_objective(office: Office) -> uuid.UUID:
    with office.db.transaction() as session:
        programme = session.get(ObjectiveRow, _first(office, ObjectiveRow)).programme_id
        row = ObjectiveRow(programme_id=programme, position=90, text="Objetivo creado después del respaldo")
        session.add(row)
        session.flush()
        session.add(CommitmentRow(objective_id=row.id, position=0, description="Actividad nueva"))
        return row.id


def test_both_sides_converge_after_a_region_restores_a_backup(world) -> None:  # noqa: ANN001
    """The reviewer's ex/fk2: the region's backup, an edit of one row and a new objective sent in
    bundle 2 and imported; the backup restored, another row edited and exported as another
    bundle 2 (refused, saying what works now); the central office's answer shows the fork; the
    region's next bundle continues the central office's chain and is complete; the central
    office drops the lost edit and the lost objective and takes the new edit."""
    out = world.root / "out"
    service.import_bundle(world.central.db, _export(world.ta, out).path, PASS)
    service.import_bundle(world.ta.db, _answer(world), PASS)
    saved = _backup(world.ta, "after-1")
    row6, row7 = _commitments(world.ta)[5:7]
    _edit(world.ta, CommitmentRow, row6, description="Edición que se perderá con la restauración")
    lost_objective = _new_objective(world.ta)
    assert service.import_bundle(world.central.db, _export(world.ta, out).path, PASS).outcome == "aceptado"
    _restore(world.ta, saved)

    _edit(world.ta, CommitmentRow, row7, description="Edición hecha tras restaurar")
    again = _export(world.ta, out)
    assert again.sequence == 2
    error = refused(world, again.path, errors.DuplicateSequenceError)
    assert "importe" in str(error) and "respuesta" in str(error) and "paquete nuevo" in str(error)

    result = service.import_bundle(world.ta.db, _answer(world), PASS)  # receipt: bundle 2, the central's one
    assert result.outcome == "aceptado"
    assert "continuará desde el de la oficina central" in result.summary and "completo" in result.summary
    nxt = _export(world.ta, out)
    manifest, _ = open_bundle(nxt.path, world.central, world.ta)
    assert (nxt.sequence, nxt.base, nxt.full) == (3, 0, True)
    with world.central.db.reading() as session:
        assert manifest["previous"] == session.scalar(select(SyncStream.last_hash)
                                                      .where(SyncStream.stream.like("in:CL-TA:%")))
    result = service.import_bundle(world.central.db, nxt.path, PASS)
    assert result.outcome == "aceptado" and result.changes["eliminados"] == 2  # the lost objective and activity
    _same(world)
    with world.central.db.reading() as session:
        assert session.get(ObjectiveRow, lost_objective) is None
        assert session.get(CommitmentRow, row7).description == "Edición hecha tras restaurar"
        assert session.get(CommitmentRow, row6).description != "Edición que se perderá con la restauración"

    # A second answer naming the same bundle 3... and the same receipt of bundle 2 again do not fork again.
    service.import_bundle(world.ta.db, _answer(world), PASS)
    _edit(world.ta, CommitmentRow, row7, description="Después, un cambio normal")
    delta = _export(world.ta, out)
    assert (delta.sequence, delta.base, delta.records) == (4, 3, 1)
    assert service.import_bundle(world.central.db, delta.path, PASS).outcome == "aceptado"
    _same(world)


def test_a_receipt_past_the_last_bundle_sent_here_is_a_fork_too(world) -> None:  # noqa: ANN001
    """The region restored a backup taken before bundle 2 and has not exported since: the
    receipt names bundle 2, past its last one. Not refused: the stream continues from the
    central office's bundle 2, and the next bundle is complete."""
    out = world.root / "out"
    service.import_bundle(world.central.db, _export(world.ta, out).path, PASS)
    saved = _backup(world.ta, "after-1")
    lost_objective = _new_objective(world.ta)
    service.import_bundle(world.central.db, _export(world.ta, out).path, PASS)
    _restore(world.ta, saved)
    result = service.import_bundle(world.ta.db, _answer(world), PASS)
    assert result.outcome == "aceptado" and "completo" in result.summary
    stream = _out(world.ta, service.OUTGOING)
    assert stream.last_sequence == 2
    # Until the central office acknowledges a later bundle, every bundle is complete, even when
    # the same receipt comes again.
    service.import_bundle(world.ta.db, _answer(world), PASS)
    nxt = _export(world.ta, out)
    assert (nxt.sequence, nxt.base) == (3, 0)
    assert service.import_bundle(world.central.db, nxt.path, PASS).outcome == "aceptado"
    _same(world)
    with world.central.db.reading() as session:
        assert session.get(ObjectiveRow, lost_objective) is None


@pytest.mark.parametrize("installations", [1, 2])
def test_a_complete_bundle_deletes_what_it_lacks_by_the_absence_rules(world, installations: int) -> None:  # noqa: ANN001
    """A complete bundle (base 0) is the region's complete state, even for a record it no longer
    remembers sending (as after a restore: no tombstone). One installation: every record of the
    region it lacks goes. Several: only what this installation had sent and nobody changed;
    what another installation sent stays."""
    out = world.root / "out"
    service.import_bundle(world.central.db, _export(world.ta, out).path, PASS)
    theirs = None
    if installations == 2:
        twin = make_office(world.root, "ta2", "CL-TA")
        enrol(world.central, twin)
        _copy_region(world.ta, twin)
        theirs = _new_objective(twin)
        assert service.import_bundle(world.central.db, _export(twin, out).path, PASS).outcome == "aceptado"
        twin.db.close()
    fingerprint = service.office(world.ta.db).fingerprint if installations == 2 else None
    answer = service.export_bundle(world.central.db, PASS, to="CL-TA", recipient_key=fingerprint, directory=out)
    service.import_bundle(world.ta.db, answer.path, PASS)
    gone = _new_objective(world.ta)
    service.import_bundle(world.central.db, _export(world.ta, out).path, PASS)
    with world.ta.db.transaction() as session:  # deleted, and forgotten that it was sent
        below = list(session.scalars(select(CommitmentRow.id).where(CommitmentRow.objective_id == gone)))
        session.delete(session.get(ObjectiveRow, gone))
        session.execute(delete(SyncRecord).where(SyncRecord.record_id.in_([gone, *below])))
    full = _export(world.ta, out, full=True)
    assert open_bundle(full.path, world.central, world.ta)[0]["tombstones"] == []
    result = service.import_bundle(world.central.db, full.path, PASS)
    assert result.outcome == "aceptado" and result.changes["eliminados"] == 2  # the objective and its activity
    with world.central.db.reading() as session:
        assert session.get(ObjectiveRow, gone) is None
        if theirs is not None:
            assert session.get(ObjectiveRow, theirs) is not None  # the other installation's stays
    if installations == 1:
        _same(world)


def _copy_region(source: Office, target: Office) -> None:
    """A second installation that starts from a copy of the first one's records (same ids), as
    when a second computer is set up from the first one's data."""
    with source.db.reading() as session:
        held = service.region_records(session, "CL-TA")
        services = [encode_row(s, Service) for s in session.scalars(select(Service))]
    if source.blobs.exists():
        shutil.copytree(source.blobs, target.blobs)
    with target.db.transaction() as session:
        for record in services:
            session.add(Service(**decode_record(record, Service, "service")))
        session.flush()
        for table, model in REGIONAL_TABLES[1:]:
            for (name, _), (_, record) in sorted(held.items(), key=lambda kv: str(kv[0][1])):
                if name == table:
                    session.add(model(**decode_record(record, model, table)))
            session.flush()
