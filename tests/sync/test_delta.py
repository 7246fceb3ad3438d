"""A regional bundle carries the changes since the last bundle the central office acknowledged,
deletions as tombstones (issue 3, part 3; manifest format 3): cumulative, so a lost bundle never
blocks; a tombstone deletes at the central office (children too) but never another region's
record; a delta whose base the central office has not applied, or a bundle that does not
continue its stream's chain, is refused with nothing changed."""

from __future__ import annotations

import hashlib
import shutil
import uuid
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import delete, select

from db.engine import open_database
from db.models import (
    CommitmentRow,
    Evidence,
    ObjectiveRow,
    ProgressAnalysis,
    SyncRecord,
    SyncStream,
    WorkProgramme,
)
from desktop.domain.regions import find_region
from desktop.services.generate import generate_national
from desktop.sync import errors, service
from desktop.sync.manifest import FORMAT
from tests.sync.helpers import PASS, Office, enrol, make_office, snapshot
from tests.sync.test_adversarial import _own, mutated, open_bundle, refused, reseal

RECORD_TABLES = ("reporting_year", "work_programme", "objective", "commitment", "progress_analysis", "evidence")


def _export(office: Office, out: Path, **kw: Any) -> service.ExportResult:
    return service.export_bundle(office.db, PASS, directory=out, **kw)


def _ack(world) -> None:  # noqa: ANN001
    """The central office answers Tarapacá and Tarapacá imports the answer (the receipt)."""
    answer = service.export_bundle(world.central.db, PASS, to="CL-TA", directory=world.root / "out")
    assert service.import_bundle(world.ta.db, answer.path, PASS).outcome == "aceptado"


def _carried(world, path: Path) -> tuple[dict[str, Any], dict[str, set[str]], set[tuple[str, str]]]:  # noqa: ANN001
    """The manifest, its record ids by table, and its tombstones."""
    manifest, _ = open_bundle(path, world.central, world.ta)
    ids = {t: {r["id"] for r in rows} for t, rows in manifest["records"].items() if rows}
    return manifest, ids, {(t["table"], t["id"]) for t in manifest["tombstones"]}


def _region_state(office: Office) -> dict[tuple[str, uuid.UUID], str]:
    """Every record of Tarapacá at ``office``: (table, id) -> digest."""
    with office.db.reading() as session:
        return {key: digest for key, (digest, _) in service.region_records(session, "CL-TA").items()}


def _edit(office: Office, model: type, record_id: uuid.UUID, **values: Any) -> None:
    with office.db.transaction() as session:
        row = session.get(model, record_id)
        for k, v in values.items():
            setattr(row, k, v)


def _first(office: Office, model: type, *where: Any) -> Any:  # noqa: ANN401
    with office.db.reading() as session:
        return session.scalars(select(model.id).where(*where).order_by(model.id)).first()


# -- what a delta carries ------------------------------------------------------------------------


def test_a_delta_carries_only_what_changed_since_the_acknowledged_sequence(world) -> None:  # noqa: ANN001
    out = world.root / "out"
    first = _export(world.ta, out)
    manifest, ids, tombstones = _carried(world, first.path)
    assert manifest["format"] == FORMAT == 3 and manifest["base"] == 0 and tombstones == set()
    assert first.full and first.base == 0
    held = _region_state(world.ta)
    assert sum(len(v) for k, v in ids.items() if k != "service") == len(held)  # the first one: everything
    assert service.import_bundle(world.central.db, first.path, PASS).outcome == "aceptado"
    _ack(world)

    _edit(world.ta, CommitmentRow, world.commitment, description="Corregida tras la reunión")
    objective = _first(world.ta, ObjectiveRow)
    _edit(world.ta, ObjectiveRow, objective, indicator="Indicador nuevo")
    second = _export(world.ta, out)
    manifest, ids, tombstones = _carried(world, second.path)
    assert (manifest["sequence"], manifest["base"], second.base, second.full) == (2, 1, 1, False)
    assert ids == {"commitment": {str(world.commitment)}, "objective": {str(objective)}}  # no service: no year
    assert tombstones == set() and manifest["evidence"] == []  # the receipt said the file is held
    assert second.records == 2
    result = service.import_bundle(world.central.db, second.path, PASS)
    assert result.changes == {"nuevos": 0, "modificados": 2, "eliminados": 0, "conflictos": 0}
    # Records the delta does not mention are left alone: the central office holds the region as it is.
    assert _region_state(world.central) == _region_state(world.ta)

    # Nothing changed since the acknowledged sequence: an empty delta.
    _ack(world)
    third = _export(world.ta, out)
    manifest, ids, tombstones = _carried(world, third.path)
    assert (manifest["base"], ids, tombstones) == (2, {}, set())
    before = _region_state(world.central)
    assert service.import_bundle(world.central.db, third.path, PASS).changes["modificados"] == 0
    assert _region_state(world.central) == before


def test_a_lost_bundle_does_not_block_the_next_one_carries_its_changes(world) -> None:  # noqa: ANN001
    out = world.root / "out"
    assert service.import_bundle(world.central.db, _export(world.ta, out).path, PASS).outcome == "aceptado"
    _ack(world)
    _edit(world.ta, CommitmentRow, world.commitment, description="Cambio del paquete perdido")
    gone = _first(world.ta, ProgressAnalysis)
    with world.ta.db.transaction() as session:
        session.execute(delete(ProgressAnalysis).where(ProgressAnalysis.id == gone))
    lost = _export(world.ta, out)  # sequence 2: never reaches the central office
    objective = _first(world.ta, ObjectiveRow)
    _edit(world.ta, ObjectiveRow, objective, text="Cambio del paquete 3")
    later = _export(world.ta, out)
    manifest, ids, tombstones = _carried(world, later.path)
    # Cumulative: 3 carries 2's changes too (not acknowledged yet), against the same base.
    assert (manifest["sequence"], manifest["base"]) == (3, 1)
    assert ids == {"commitment": {str(world.commitment)}, "objective": {str(objective)}}
    assert tombstones == {("progress_analysis", str(gone))}
    result = service.import_bundle(world.central.db, later.path, PASS)  # a gap: the chain is not checked
    assert result.changes == {"nuevos": 0, "modificados": 2, "eliminados": 1, "conflictos": 0}
    assert _region_state(world.central) == _region_state(world.ta)
    # The lost bundle turning up later: 3 covered it (cumulative), so it changes nothing.
    refused(world, lost.path, errors.SupersededError)
    # Once 3 is acknowledged, neither the changes nor the tombstone go again.
    _ack(world)
    manifest, ids, tombstones = _carried(world, _export(world.ta, out).path)
    assert (manifest["base"], ids, tombstones) == (3, {}, set())


def test_a_deletion_arrives_as_tombstones_and_deletes_its_children_at_the_central_office(world) -> None:  # noqa: ANN001
    out = world.root / "out"
    service.import_bundle(world.central.db, _export(world.ta, out).path, PASS)
    _ack(world)
    with world.ta.db.reading() as session:  # the objective of the commitment that holds the evidence
        objective = session.get(CommitmentRow, world.commitment).objective_id
        below = {("commitment", str(c)) for c in session.scalars(
            select(CommitmentRow.id).where(CommitmentRow.objective_id == objective))}
        below |= {("progress_analysis", str(p)) for p in session.scalars(
            select(ProgressAnalysis.id).where(ProgressAnalysis.objective_id == objective))}
        below |= {("evidence", str(e)) for e in session.scalars(
            select(Evidence.id).where(Evidence.commitment_id == world.commitment))}
    assert ("evidence", str(_first(world.ta, Evidence))) in below
    with world.ta.db.transaction() as session:
        session.delete(session.get(ObjectiveRow, objective))  # the region's cascade takes the rest
    sent = _export(world.ta, out)
    manifest, ids, tombstones = _carried(world, sent.path)
    assert ids == {} and tombstones == {("objective", str(objective))} | below
    assert sent.tombstones == len(tombstones)
    assert [(t["table"], t["id"]) for t in manifest["tombstones"]] == sorted(tombstones)  # sorted canonically
    result = service.import_bundle(world.central.db, sent.path, PASS)
    assert result.changes == {"nuevos": 0, "modificados": 0, "eliminados": len(tombstones), "conflictos": 0}
    with world.central.db.reading() as session:
        assert session.get(ObjectiveRow, objective) is None
        assert session.get(CommitmentRow, world.commitment) is None
        assert session.scalar(select(Evidence.id)) is None
    assert _region_state(world.central) == _region_state(world.ta)
    # The same tombstones again (not acknowledged yet, or a --full bundle): nothing more to do.
    again = _export(world.ta, out)
    assert _carried(world, again.path)[2] == tombstones
    assert service.import_bundle(world.central.db, again.path, PASS).changes["eliminados"] == 0
    # Acknowledged: a delta no longer carries them; a complete bundle carries them again.
    _ack(world)
    assert _carried(world, _export(world.ta, out).path)[2] == set()
    full = _export(world.ta, out, full=True)
    manifest, ids, tombstones_full = _carried(world, full.path)
    assert manifest["base"] == 0 and full.full and tombstones_full == tombstones
    assert sum(len(v) for k, v in ids.items() if k != "service") == len(_region_state(world.ta))
    before = snapshot(world.central)[0]
    result = service.import_bundle(world.central.db, full.path, PASS)
    assert result.changes == {"nuevos": 0, "modificados": 0, "eliminados": 0, "conflictos": 0}
    assert _region_state(world.central) == _region_state(world.ta)
    assert len(snapshot(world.central)[0]) > len(before)  # only the stream, bundle and history rows


def test_a_failed_export_remembers_nothing(world, monkeypatch) -> None:  # noqa: ANN001
    """What the region remembers sending is written in the export's transaction: an export that
    fails while writing leaves it as it was, so the next bundle still carries the change."""
    out = world.root / "out"
    service.import_bundle(world.central.db, _export(world.ta, out).path, PASS)
    _ack(world)
    _edit(world.ta, CommitmentRow, world.commitment, description="Cambio que no llegó a salir")
    before = snapshot(world.ta)

    def broken(*args: Any, **kwargs: Any) -> str:
        raise OSError("disco lleno")

    monkeypatch.setattr(service, "write_bundle", broken)
    with pytest.raises(OSError):
        _export(world.ta, out)
    assert snapshot(world.ta) == before
    monkeypatch.undo()
    assert _carried(world, _export(world.ta, out).path)[1] == {"commitment": {str(world.commitment)}}


def test_a_record_moved_to_another_parent_keeps_what_hangs_from_it(world) -> None:  # noqa: ANN001
    """The region moves the activity with the evidence to another objective and deletes the old
    objective: the delta carries the moved activity (not its evidence, unchanged) and the
    objective's tombstone. The central office moves it before deleting the objective, so the
    evidence under it is not taken by the cascade."""
    out = world.root / "out"
    service.import_bundle(world.central.db, _export(world.ta, out).path, PASS)
    _ack(world)
    with world.ta.db.transaction() as session:
        moved = session.get(CommitmentRow, world.commitment)
        old = moved.objective_id
        new = session.scalars(select(ObjectiveRow.id).where(ObjectiveRow.id != old).order_by(ObjectiveRow.id)).first()
        moved.objective_id = new
        session.flush()
        session.delete(session.get(ObjectiveRow, old))
    sent = _export(world.ta, out)
    _, ids, tombstones = _carried(world, sent.path)
    assert ids["commitment"] == {str(world.commitment)} and "evidence" not in ids
    assert ("objective", str(old)) in tombstones
    assert service.import_bundle(world.central.db, sent.path, PASS).outcome == "aceptado"
    with world.central.db.reading() as session:
        assert session.get(ObjectiveRow, old) is None
        assert session.get(CommitmentRow, world.commitment).objective_id == new
        assert session.scalar(select(Evidence.commitment_id)) == world.commitment
    assert _region_state(world.central) == _region_state(world.ta)


def test_a_record_replaced_by_a_new_one_with_the_same_unique_key(world) -> None:  # noqa: ANN001
    """The III.4 row of an objective and quarter deleted and written again (new id): the
    tombstone is applied before the new row, so the unique (objective, quarter) does not clash."""
    out = world.root / "out"
    service.import_bundle(world.central.db, _export(world.ta, out).path, PASS)
    _ack(world)
    with world.ta.db.transaction() as session:
        row = session.get(ProgressAnalysis, _first(world.ta, ProgressAnalysis))
        objective, quarter = row.objective_id, row.quarter
        session.delete(row)
        session.flush()
        session.add(ProgressAnalysis(objective_id=objective, quarter=quarter, progress="Reescrito"))
    result = service.import_bundle(world.central.db, _export(world.ta, out).path, PASS)
    assert result.changes == {"nuevos": 1, "modificados": 0, "eliminados": 1, "conflictos": 0}
    assert _region_state(world.central) == _region_state(world.ta)


# -- ownership -------------------------------------------------------------------------------------


@pytest.fixture
def antofagasta(world):  # noqa: ANN001, ANN201
    """Antofagasta's records held at the central office (another region)."""
    an = make_office(world.root, "an", "CL-AN")
    enrol(world.central, an)
    generate_national(an.db, 2009, regions=(find_region("CL-AN"),), objectives=2, activities=2)
    assert service.import_bundle(world.central.db, _export(an, world.root / "out").path, PASS).outcome == "aceptado"
    yield an
    an.db.close()


def test_a_tombstone_never_deletes_another_regions_record(world, antofagasta) -> None:  # noqa: ANN001
    out = world.root / "out"
    service.import_bundle(world.central.db, _export(world.ta, out).path, PASS)
    _ack(world)
    theirs = _first(antofagasta, ObjectiveRow)
    delta = _export(world.ta, out).path

    def tombstone(table: str, record_id: Any) -> Any:  # noqa: ANN401
        return lambda m: m["tombstones"].append({"table": table, "id": str(record_id)})

    refused(world, mutated(world, delta, tombstone("objective", theirs)), errors.OwnershipError)
    with world.central.db.reading() as session:
        assert session.get(ObjectiveRow, theirs) is not None
    # Nor central tables or services, which a region does not own.
    refused(world, mutated(world, delta, tombstone("observation", uuid.uuid4())), errors.OwnershipError)
    refused(world, mutated(world, delta, tombstone("service", uuid.uuid4())), errors.OwnershipError)
    # A delta's record may hang from a record held here, but only one of its own region.
    mine = _first(world.ta, ObjectiveRow)

    def adopt(m: dict[str, Any]) -> None:
        with antofagasta.db.reading() as session:
            row = session.get(CommitmentRow, _first(antofagasta, CommitmentRow))
            from desktop.sync.manifest import encode_row

            record = encode_row(row, CommitmentRow)
        record.update(id=str(uuid.uuid4()), objective_id=str(theirs))
        m["records"]["commitment"].append(record)

    refused(world, mutated(world, delta, adopt), errors.OwnershipError)
    # A tombstone for a record not held anywhere is a no-op; for its own, it deletes.
    ok = mutated(world, delta, lambda m: m["tombstones"].extend(sorted(
        [{"table": "objective", "id": str(mine)}, {"table": "objective", "id": str(uuid.UUID(int=1))}],
        key=lambda t: t["id"])))
    assert service.import_bundle(world.central.db, ok, PASS).outcome == "aceptado"
    with world.central.db.reading() as session:
        assert session.get(ObjectiveRow, mine) is None and session.get(ObjectiveRow, theirs) is not None


def test_regional_bundles_create_only_the_services_their_years_need(world) -> None:  # noqa: ANN001
    """A service is global: a region may bring the one its own reporting years need when the
    central office lacks it (with the stable id of its acronym), never another one, and never
    changes a service the central office has."""
    from db.models import Service
    from db.queries import SERVICE_NAMESPACE

    sent = _export(world.ta, world.root / "out").path
    manifest, _ = open_bundle(sent, world.central, world.ta)
    [sernam] = manifest["records"]["service"]
    assert sernam["id"] == str(uuid.uuid5(SERVICE_NAMESPACE, "SERNAM"))

    def extra_service(m: dict[str, Any]) -> None:
        acronym = "OTRO"
        m["records"]["service"].append(dict(sernam, id=str(uuid.uuid5(SERVICE_NAMESPACE, acronym)), name="Otro",
                                             acronym=acronym))

    refused(world, mutated(world, sent, extra_service), errors.OwnershipError)  # no year of it needs it
    forged = str(uuid.UUID(int=7))

    def wrong_id(m: dict[str, Any]) -> None:  # the year's service under an id that is not its acronym's
        m["records"]["service"][0]["id"] = forged
        for year in m["records"]["reporting_year"]:
            year["service_id"] = forged

    refused(world, mutated(world, sent, wrong_id), errors.OwnershipError)
    with world.central.db.reading() as session:
        assert session.scalar(select(Service.id)) is None
    # The one its years need, with its stable id: created (the central office had none).
    assert service.import_bundle(world.central.db, sent, PASS).outcome == "aceptado"
    # Renamed by a region later: the central office's row stands.
    _ack(world)
    renamed = mutated(world, _export(world.ta, world.root / "out", full=True).path,
                      lambda m: m["records"]["service"][0].update(name="Nombre cambiado por la región"))
    assert service.import_bundle(world.central.db, renamed, PASS).outcome == "aceptado"
    with world.central.db.reading() as session:
        assert session.scalar(select(Service.name)) == "Servicio Nacional de la Mujer"


# -- base and chain ----------------------------------------------------------------------------------


def _restore(office: Office, backup: Path) -> None:
    """Put a backup copy of ``office``'s database back in place (as a person would)."""
    office.db.close()
    for suffix in ("-wal", "-shm"):
        Path(str(office.db.path) + suffix).unlink(missing_ok=True)
    shutil.copyfile(backup, office.db.path)
    office.db = open_database(office.db.path)


def _backup(office: Office, name: str) -> Path:
    from db.engine import backup_file

    copy = backup_file(office.db.path)
    return copy.rename(copy.with_name(name))


def test_a_delta_whose_base_the_central_office_lacks_is_refused_until_a_full_bundle(world) -> None:  # noqa: ANN001
    out = world.root / "out"
    service.import_bundle(world.central.db, _export(world.ta, out).path, PASS)
    old = _backup(world.central, "central-1.bak")  # the central office's backup after bundle 1
    _edit(world.ta, CommitmentRow, world.commitment, description="Versión del paquete 2")
    service.import_bundle(world.central.db, _export(world.ta, out).path, PASS)
    _ack(world)  # acknowledges 2
    objective = _first(world.ta, ObjectiveRow)
    _edit(world.ta, ObjectiveRow, objective, text="Versión del paquete 3")
    third = _export(world.ta, out)
    assert third.base == 2
    _restore(world.central, old)  # the central office lost bundle 2
    error = refused(world, third.path, errors.IncompleteDeltaError)
    assert "avance bundle export --full" in str(error) and "Exportar paquete completo" in str(error)
    assert "n.º 2" in str(error) and "n.º 1" in str(error)
    # The region sends a complete bundle: everything again (a gap from 1 to 4: the chain is not checked).
    full = _export(world.ta, out, full=True)
    assert (full.sequence, full.base) == (4, 0)
    result = service.import_bundle(world.central.db, full.path, PASS)
    assert result.outcome == "aceptado" and result.changes["modificados"] == 2
    assert _region_state(world.central) == _region_state(world.ta)


def test_a_bundle_that_does_not_continue_its_stream_is_refused(world) -> None:  # noqa: ANN001
    """Tarapacá restores a backup and exports again from it: the bundle numbered right after
    the last one imported names another previous bundle. Refused (the stream forked), nothing
    changed; with a gap (lost bundles) the chain cannot be checked, so the next complete bundle
    goes in."""
    out = world.root / "out"
    service.import_bundle(world.central.db, _export(world.ta, out).path, PASS)
    old = _backup(world.ta, "ta-1.bak")
    _edit(world.ta, CommitmentRow, world.commitment, description="Paquete 2 original")
    service.import_bundle(world.central.db, _export(world.ta, out).path, PASS)
    _restore(world.ta, old)
    _edit(world.ta, CommitmentRow, world.commitment, description="Paquete 2 tras restaurar")
    with pytest.raises(errors.DuplicateSequenceError):
        service.import_bundle(world.central.db, _export(world.ta, out).path, PASS)
    forked = _export(world.ta, out)  # 3, whose previous is the other bundle 2
    assert forked.sequence == 3
    error = refused(world, forked.path, errors.ForkedStreamError)
    assert "n.º 3" in str(error) and "n.º 2" in str(error) and "--full" in str(error)
    full = _export(world.ta, out, full=True)
    assert service.import_bundle(world.central.db, full.path, PASS).outcome == "aceptado"
    assert _region_state(world.central) == _region_state(world.ta)


def test_the_chain_is_checked_when_the_sequence_follows_and_allowed_with_a_gap(world) -> None:  # noqa: ANN001
    out = world.root / "out"
    first = _export(world.ta, out)
    service.import_bundle(world.central.db, first.path, PASS)
    second = _export(world.ta, out).path
    wrong = "ab" * 32
    refused(world, mutated(world, second, lambda m: m.update(previous=wrong)), errors.ForkedStreamError)
    refused(world, mutated(world, second, lambda m: m.update(previous="")), errors.ForkedStreamError)
    # Sequence 3 after 1 (2 lost): its previous cannot be checked here.
    gap = mutated(world, second, lambda m: m.update(sequence=3, previous=wrong, bundle_id=str(uuid.uuid4())))
    assert service.import_bundle(world.central.db, gap, PASS).outcome == "aceptado"
    # The first bundle of a stream follows nothing: its previous must be empty.
    an = make_office(world.root, "an", "CL-AN")
    try:
        enrol(world.central, an)
        generate_national(an.db, 2009, regions=(find_region("CL-AN"),), objectives=1, activities=1)
        manifest, files = open_bundle(_export(an, out).path, world.central, an)
        bad = reseal(world.root / "an.avance", dict(manifest, previous=wrong), files, _own(an)[0], world.central)
        refused(world, bad, errors.ForkedStreamError)
    finally:
        an.db.close()


def test_an_answer_that_does_not_continue_the_central_stream_is_refused_by_the_region(world) -> None:  # noqa: ANN001
    service.import_bundle(world.central.db, _export(world.ta, world.root / "out").path, PASS)
    _ack(world)
    answer = service.export_bundle(world.central.db, PASS, to="CL-TA", directory=world.root / "out").path
    manifest, files = open_bundle(answer, world.ta, world.central)
    manifest["previous"] = "cd" * 32
    bad = reseal(world.root / "answer.avance", manifest, files, _own(world.central)[0], world.ta)
    refused(world, bad, errors.ForkedStreamError, office=world.ta)
    assert service.import_bundle(world.ta.db, answer, PASS).outcome == "aceptado"


# -- evidence ------------------------------------------------------------------------------------------


def test_an_evidence_record_must_give_the_size_of_the_file_held(world) -> None:  # noqa: ANN001
    out = world.root / "out"
    service.import_bundle(world.central.db, _export(world.ta, out).path, PASS)
    _ack(world)
    _edit(world.ta, Evidence, _first(world.ta, Evidence), name="acta firmada.pdf")
    delta = _export(world.ta, out).path  # carries the evidence record, not its file (held)
    manifest, _ = open_bundle(delta, world.central, world.ta)
    assert manifest["evidence"] == [] and len(manifest["records"]["evidence"]) == 1
    error = refused(world, mutated(world, delta, lambda m: m["records"]["evidence"][0].update(size=12)),
                    errors.EvidenceError)
    assert "tamaño" in str(error)
    assert service.import_bundle(world.central.db, delta, PASS).outcome == "aceptado"


def test_a_file_the_central_office_lost_goes_again_with_a_record_it_holds(world) -> None:  # noqa: ANN001
    """The evidence record was acknowledged but the file is not held (it never moved into
    place): the receipt does not list it, so the next delta carries the file without its
    record, and the central office takes it."""
    out = world.root / "out"
    service.import_bundle(world.central.db, _export(world.ta, out).path, PASS)
    sha = hashlib.sha256(world.evidence.read_bytes()).hexdigest()
    (world.central.blobs / sha).unlink()
    _ack(world)
    sent = _export(world.ta, out)
    manifest, ids, _ = _carried(world, sent.path)
    assert ids == {} and manifest["evidence"] == [{"sha256": sha, "size": len(world.evidence.read_bytes())}]
    # A file that no record here or in the bundle uses is still refused.
    stray = hashlib.sha256(b"abc").hexdigest()
    refused(world, mutated(world, sent.path, lambda m: m["evidence"][0].update(sha256=stray, size=3),
                           files=[b"abc"]), errors.EvidenceError)
    assert service.import_bundle(world.central.db, sent.path, PASS).outcome == "aceptado"
    assert (world.central.blobs / sha).read_bytes() == world.evidence.read_bytes()


# -- the manifest ------------------------------------------------------------------------------------------


@pytest.mark.parametrize("change", [
    lambda m: m.pop("base"),
    lambda m: m.pop("tombstones"),
    lambda m: m.update(base=-1),
    lambda m: m.update(base=m["sequence"]),  # a bundle cannot build on itself
    lambda m: m.update(base="1"),
    lambda m: m.update(tombstones={}),
    lambda m: m.update(format=2),  # format 2 has no base nor tombstones
    lambda m: m["tombstones"].extend([{"table": "objective", "id": str(uuid.UUID(int=2))},
                                      {"table": "objective", "id": str(uuid.UUID(int=1))}]),  # not sorted
    lambda m: m["tombstones"].extend([{"table": "objective", "id": str(uuid.UUID(int=1))}] * 2),  # repeated
    lambda m: m["tombstones"].append({"table": "objective", "id": "no-uuid"}),
    lambda m: m["tombstones"].append({"table": "objective", "id": str(uuid.UUID(int=1)), "extra": 1}),
    lambda m: m["tombstones"].append({"table": "no_such_table", "id": str(uuid.UUID(int=1))}),
    lambda m: m["tombstones"].append({"table": "commitment", "id": m["records"]["commitment"][0]["id"]}),
])
def test_format_3_fields_are_parsed_strictly(world, change) -> None:  # noqa: ANN001
    sent = _export(world.ta, world.root / "out").path
    refused(world, mutated(world, sent, change), errors.ManifestError)


def test_a_central_bundle_carries_no_base_nor_tombstones(world) -> None:  # noqa: ANN001
    service.import_bundle(world.central.db, _export(world.ta, world.root / "out").path, PASS)
    answer = service.export_bundle(world.central.db, PASS, to="CL-TA", directory=world.root / "out").path
    manifest, files = open_bundle(answer, world.ta, world.central)
    assert (manifest["format"], manifest["base"], manifest["tombstones"]) == (3, 0, [])
    for change in ({"tombstones": [{"table": "objective", "id": str(uuid.uuid4())}]}, {"base": 1}):
        bad = reseal(world.root / "answer.avance", dict(manifest, **change), files, _own(world.central)[0], world.ta)
        refused(world, bad, errors.ManifestError, office=world.ta)


# -- an installation upgraded from a version that did not remember what it sent -------------------------


def test_the_first_bundle_after_the_upgrade_is_the_full_state_so_earlier_deletions_arrive(world) -> None:  # noqa: ANN001
    out = world.root / "out"
    service.import_bundle(world.central.db, _export(world.ta, out).path, PASS)
    _ack(world)
    with world.ta.db.transaction() as session:  # what a 0004 installation holds: no history of what it sent
        session.execute(delete(SyncRecord).where(SyncRecord.stream == service.OUTGOING))
        gone = session.scalars(select(WorkProgramme.id).order_by(WorkProgramme.id)).first()
        session.execute(delete(WorkProgramme).where(WorkProgramme.id == gone))
    legacy = _export(world.ta, out)
    manifest, _ = open_bundle(legacy.path, world.central, world.ta)
    assert manifest["format"] == 2 and "tombstones" not in manifest and legacy.full
    result = service.import_bundle(world.central.db, legacy.path, PASS)
    assert result.changes["eliminados"] > 0  # deletion by absence, as format 2 does
    with world.central.db.reading() as session:
        assert session.get(WorkProgramme, gone) is None
    assert _region_state(world.central) == _region_state(world.ta)
    _ack(world)
    manifest, ids, _ = _carried(world, _export(world.ta, out).path)  # from then on, deltas
    assert (manifest["format"], manifest["base"], ids) == (3, 2, {})


def test_the_central_office_keeps_what_each_stream_said_record_by_record(world) -> None:  # noqa: ANN001
    """A delta updates its stream's history (digest, sequence; "" for a tombstone) instead of
    replacing it: records it does not mention keep what an earlier bundle said."""
    out = world.root / "out"
    service.import_bundle(world.central.db, _export(world.ta, out).path, PASS)
    _ack(world)
    _edit(world.ta, CommitmentRow, world.commitment, description="Otra")
    gone = _first(world.ta, ProgressAnalysis)
    with world.ta.db.transaction() as session:
        session.execute(delete(ProgressAnalysis).where(ProgressAnalysis.id == gone))
    service.import_bundle(world.central.db, _export(world.ta, out).path, PASS)
    with world.central.db.reading() as session:
        stream = session.scalar(select(SyncStream.stream).where(SyncStream.stream.like("in:CL-TA:%")))
        said = {(r.table_name, r.record_id): (r.digest, r.sequence)
                for r in session.scalars(select(SyncRecord).where(SyncRecord.stream == stream))}
    held = _region_state(world.central)
    assert said[("commitment", world.commitment)] == (held[("commitment", world.commitment)], 2)
    assert said[("progress_analysis", gone)] == ("", 2)
    assert {k: d for k, (d, q) in said.items() if q == 1} == {k: d for k, d in held.items()
                                                               if k != ("commitment", world.commitment)}


def test_a_single_installations_tombstone_takes_what_hangs_from_the_record(world) -> None:  # noqa: ANN001
    """With one installation for the region, everything under a record is its own: a tombstone
    for an objective alone (its children not named) deletes them too, and says so."""
    out = world.root / "out"
    service.import_bundle(world.central.db, _export(world.ta, out).path, PASS)
    _ack(world)
    with world.ta.db.reading() as session:
        objective = session.get(CommitmentRow, world.commitment).objective_id
        children = len(session.scalars(select(CommitmentRow.id).where(CommitmentRow.objective_id == objective)).all())
        children += len(session.scalars(select(ProgressAnalysis.id)
                                        .where(ProgressAnalysis.objective_id == objective)).all())
    bare = mutated(world, _export(world.ta, out).path,
                   lambda m: m["tombstones"].append({"table": "objective", "id": str(objective)}))
    result = service.import_bundle(world.central.db, bare, PASS)
    assert result.changes == {"nuevos": 0, "modificados": 0, "eliminados": 1 + children + 1, "conflictos": 0}
    with world.central.db.reading() as session:  # the + 1: the evidence under the commitment
        assert session.get(ObjectiveRow, objective) is None and session.scalar(select(Evidence.id)) is None


def test_a_record_under_a_parent_held_nowhere_asks_for_a_full_bundle(world) -> None:  # noqa: ANN001
    """One installation: a delta's record whose parent is neither in it nor held here (nor in
    another region) means the central office lacks part of the region: refused, asking for a
    complete bundle."""
    out = world.root / "out"
    service.import_bundle(world.central.db, _export(world.ta, out).path, PASS)
    _ack(world)
    _edit(world.ta, CommitmentRow, world.commitment, description="Cambio")
    delta = _export(world.ta, out).path
    error = refused(world, mutated(world, delta, lambda m: m["records"]["commitment"][0].update(
        objective_id=str(uuid.UUID(int=5)))), errors.IncompleteDeltaError)
    assert "avance bundle export --full" in str(error)


def _as_format(version: int, m: dict[str, Any]) -> None:
    """A format-3 full-state manifest rewritten as format 1 or 2 (what an older writer made)."""
    m.pop("base")
    m.pop("tombstones")
    m["receipt"] = None  # a regional bundle's receipt is format 3's
    if version == 1:
        m.pop("rotation")
    m["format"] = version


@pytest.mark.parametrize("version", [1, 2])
def test_full_state_bundles_of_formats_1_and_2_still_import_and_delete_by_absence(world, version: int) -> None:  # noqa: ANN001
    out = world.root / "out"
    first = mutated(world, _export(world.ta, out).path, lambda m: _as_format(version, m), name="v-1.avance")
    assert service.import_bundle(world.central.db, first, PASS).changes["nuevos"] == len(_region_state(world.ta))
    gone = _first(world.ta, ProgressAnalysis)
    with world.ta.db.transaction() as session:
        session.execute(delete(ProgressAnalysis).where(ProgressAnalysis.id == gone))
    with world.central.db.reading() as session:  # what the rewritten bundle 1 hashed to
        previous = session.scalar(select(SyncStream.last_hash).where(SyncStream.stream.like("in:CL-TA:%")))
    second = mutated(world, _export(world.ta, out, full=True).path,
                     lambda m: (_as_format(version, m), m.update(previous=previous)), name="v-2.avance")
    result = service.import_bundle(world.central.db, second, PASS)
    assert result.changes == {"nuevos": 0, "modificados": 0, "eliminados": 1, "conflictos": 0}
    assert _region_state(world.central) == _region_state(world.ta)


def test_a_record_moved_under_a_new_parent_of_the_same_delta(world) -> None:  # noqa: ANN001
    """The activity with the evidence goes under an objective created in the same delta, and its
    old objective is deleted: the move waits for the new objective (inserted after the
    deletions), and the evidence stays."""
    out = world.root / "out"
    service.import_bundle(world.central.db, _export(world.ta, out).path, PASS)
    _ack(world)
    with world.ta.db.transaction() as session:
        moved = session.get(CommitmentRow, world.commitment)
        old = session.get(ObjectiveRow, moved.objective_id)
        new = ObjectiveRow(programme_id=old.programme_id, position=99, text="Objetivo nuevo")
        session.add(new)
        session.flush()
        moved.objective_id = new.id
        session.flush()
        session.delete(old)
        old_id, new_id = old.id, new.id
    sent = _export(world.ta, out)
    _, ids, tombstones = _carried(world, sent.path)
    assert ids["objective"] == {str(new_id)} and ("objective", str(old_id)) in tombstones
    assert service.import_bundle(world.central.db, sent.path, PASS).outcome == "aceptado"
    with world.central.db.reading() as session:
        assert session.get(CommitmentRow, world.commitment).objective_id == new_id
        assert session.scalar(select(Evidence.commitment_id)) == world.commitment
    assert _region_state(world.central) == _region_state(world.ta)
