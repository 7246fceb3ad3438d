"""Structural edits and the regional bundles: what the window adds travels as new records, what
it deletes as tombstones (children too), a renumbered sibling as a changed record, a new year
with its programmes; an undo brings back the same records, so the central office ends with
the region's state, and an undo before any export leaves nothing to send."""

from __future__ import annotations

import uuid

from sqlalchemy import select

from db.models import CommitmentRow, Evidence, ObjectiveRow, ProgressAnalysis
from desktop.domain.forms import FormKind
from desktop.domain.regions import find_region
from desktop.domain.structure import CarryOver
from desktop.services.programmes import ProgrammeService
from desktop.sync import service
from tests.sync.helpers import PASS
from tests.sync.test_delta import _ack, _carried, _export, _region_state

TARAPACA = find_region("CL-TA")


def _synced(world) -> None:  # noqa: ANN001
    """Tarapacá's first bundle applied at the central office and acknowledged."""
    assert service.import_bundle(world.central.db, _export(world.ta, world.root / "out").path, PASS).outcome == "aceptado"
    _ack(world)


def _sent_and_applied(world):  # noqa: ANN001, ANN202
    """Export Tarapacá's next bundle, apply it at the central office; its ids and tombstones."""
    sent = _export(world.ta, world.root / "out")
    _, ids, tombstones = _carried(world, sent.path)
    assert service.import_bundle(world.central.db, sent.path, PASS).outcome == "aceptado"
    assert _region_state(world.central) == _region_state(world.ta)
    return ids, tombstones


def test_added_deleted_and_moved_rows_travel_and_undo_restores_them(world) -> None:  # noqa: ANN001
    _synced(world)
    programmes = ProgrammeService(world.ta.db)
    with world.ta.db.reading() as session:
        holder = session.get(CommitmentRow, world.commitment).objective_id  # the objective with the evidence
        progress = {str(p) for p in session.scalars(select(ProgressAnalysis.id).where(ProgressAnalysis.objective_id == holder))}
        evidence = {str(e) for e in session.scalars(select(Evidence.id))}
        form = FormKind(session.get(ObjectiveRow, holder).programme.form)
    p = programmes.programme(TARAPACA, 2009, form)
    order = [o.id for o in p.objectives]
    added = programmes.add_objective(p.id, index=0, section=p.objectives[0].section)
    activity = programmes.add_commitment(added.target)
    deleted = programmes.delete_objective(holder)
    changes = [added, activity, deleted]

    ids, tombstones = _sent_and_applied(world)
    assert str(added.target) in ids["objective"] and ids["commitment"] == {str(activity.target)}
    renumbered = {str(r.id) for c in changes for r in c.rows if r.table == "objective" and r.before and r.after} - {str(holder)}
    assert renumbered and ids["objective"] == {str(added.target)} | renumbered
    assert progress and evidence
    assert tombstones == ({("objective", str(holder)), ("commitment", str(world.commitment))}
                          | {("progress_analysis", i) for i in progress} | {("evidence", e) for e in evidence})
    with world.central.db.reading() as session:
        assert session.get(ObjectiveRow, holder) is None and session.get(ObjectiveRow, added.target) is not None
    _ack(world)

    for change in reversed(changes):  # Editar → Deshacer, three times
        programmes.revert(change)
    assert [o.id for o in programmes.programme(TARAPACA, 2009, form).objectives] == order
    ids, tombstones = _sent_and_applied(world)
    # The deleted records come back with the same ids: no new records, the added ones go.
    assert str(holder) in ids["objective"] and str(world.commitment) in ids["commitment"]
    assert ids["progress_analysis"] == progress and ids["evidence"] == evidence
    assert tombstones == {("objective", str(added.target)), ("commitment", str(activity.target))}
    with world.central.db.reading() as session:
        assert session.get(Evidence, uuid.UUID(next(iter(evidence)))).commitment_id == world.commitment


def test_an_undo_before_the_export_leaves_nothing_to_send(world) -> None:  # noqa: ANN001
    """A deletion undone before any bundle went out: the rows are back exactly as sent (ids,
    contents, timestamps), so the next delta carries neither a tombstone nor a record."""
    _synced(world)
    programmes = ProgrammeService(world.ta.db)
    with world.ta.db.reading() as session:
        holder = session.get(CommitmentRow, world.commitment).objective_id
    moved = programmes.move_objective(programmes.programme(TARAPACA, 2009, FormKind.III_1).objectives[1].id, 1)
    deleted = programmes.delete_objective(holder)
    programmes.revert(deleted)
    programmes.revert(moved)
    ids, tombstones = _sent_and_applied(world)
    assert (ids, tombstones) == ({}, set())


def test_a_new_year_travels_and_its_undo_sends_tombstones(world) -> None:  # noqa: ANN001
    _synced(world)
    programmes = ProgrammeService(world.ta.db)
    change = programmes.create_year(TARAPACA, 2010, CarryOver.ACTIVITIES)
    ids, tombstones = _sent_and_applied(world)
    created = {table: {str(i) for i in change.created(table)} for table in ("reporting_year", "work_programme",
                                                                            "objective", "commitment")}
    assert {t: ids[t] for t in created} == created and tombstones == set()
    assert len(created["work_programme"]) == 3 and "progress_analysis" not in ids and "evidence" not in ids
    _ack(world)
    programmes.revert(change)
    ids, tombstones = _sent_and_applied(world)
    assert ids == {} and tombstones == {(t, i) for t, found in created.items() for i in found}
