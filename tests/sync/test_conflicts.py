"""Two installations of one region edit one record (issue 3, part 3): the central office keeps
both versions as a conflict, lists it, and a person resolves it.

Every test runs twice (``two``'s parameter): without receipts, each installation's bundles
carry every record it ever sent (nothing acknowledged: cumulative since 0); with receipts (the
central office answers each installation after each bundle), they are deltas since the
acknowledged sequence, deletions as tombstones. The rules must give the same result both ways.
"""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import select

from db.models import CommitmentRow, ObjectiveRow
from desktop.cli import main
from desktop.services.example import load_example
from desktop.sync import errors, service
from tests.sync.helpers import PASS, Office, enrol, make_office

REGIONAL = ("service", "reporting_year", "work_programme", "objective", "commitment", "progress_analysis", "evidence")


def clone_region(src: Office, dst: Office) -> None:
    """A second installation of the same region with the same records (as if copied)."""
    src.db.close()
    con = sqlite3.connect(dst.db.path)
    try:
        con.execute("attach database ? as src", (str(src.db.path),))
        for table in REGIONAL:
            con.execute(f"insert into main.{table} select * from src.{table}")
        con.commit()
    finally:
        con.close()
    if src.blobs.exists():
        shutil.copytree(src.blobs, dst.blobs, dirs_exist_ok=True)


def _edit(office: Office, model: type, record_id, **values) -> None:  # noqa: ANN001
    with office.db.transaction() as session:
        row = session.get(model, record_id)
        for k, v in values.items():
            setattr(row, k, v)


def _send(office: Office, central: Office, out: Path) -> service.ImportResult:
    """``office``'s next bundle imported by ``central``; with receipts on, the central office then
    answers that installation, so its next bundle carries only what changed since."""
    sent = service.export_bundle(office.db, PASS, directory=out)
    result = service.import_bundle(central.db, sent.path, PASS)
    if getattr(central, "receipts", False):
        assert sent.base == sent.sequence - 1  # a delta since the last bundle (acknowledged below)
        answer = service.export_bundle(central.db, PASS, to=office.code, directory=out,
                                       recipient_key=service.office(office.db).fingerprint)
        assert service.import_bundle(office.db, answer.path, PASS).outcome == "aceptado"
    return result


@pytest.fixture(params=[False, True], ids=["sin acuses", "con acuses"])
def two(tmp_path: Path, request):  # noqa: ANN001, ANN201
    central = make_office(tmp_path, "central", None)
    a = make_office(tmp_path, "a", "CL-TA")
    b = make_office(tmp_path, "b", "CL-TA")
    load_example(a.db)
    clone_region(a, b)
    from db.engine import open_database

    a.db = open_database(a.db.path)
    enrol(central, a)
    enrol(central, b)
    with a.db.reading() as session:
        commitment = session.scalars(select(CommitmentRow.id).order_by(CommitmentRow.id)).first()
        objective = session.scalars(select(ObjectiveRow.id).order_by(ObjectiveRow.id)).first()
    out = tmp_path / "out"
    out.mkdir()
    central.receipts = request.param
    yield central, a, b, commitment, objective, out
    for o in (central, a, b):
        o.db.close()


def _description(central: Office, commitment) -> str:  # noqa: ANN001
    with central.db.reading() as session:
        return session.get(CommitmentRow, commitment).description


def test_two_installations_editing_one_record_make_a_conflict_with_both_versions(two) -> None:
    central, a, b, commitment, objective, out = two
    assert _send(a, central, out).outcome == "aceptado"
    same = _send(b, central, out)  # the same records from the other installation: nothing to decide
    assert same.changes["conflictos"] == 0 and same.changes["modificados"] == 0
    _edit(a, CommitmentRow, commitment, description="Versión de A")
    _edit(a, ObjectiveRow, objective, text="Objetivo corregido por A")  # only A edits this one
    _edit(b, CommitmentRow, commitment, description="Versión de B")
    assert _send(a, central, out).changes["modificados"] == 2
    result = _send(b, central, out)
    assert result.outcome == "aceptado" and result.changes["conflictos"] == 1
    assert "conflicto" in result.summary
    # Neither version dropped: the record keeps A's, the conflict holds both.
    assert _description(central, commitment) == "Versión de A"
    with central.db.reading() as session:
        assert session.get(ObjectiveRow, objective).text == "Objetivo corregido por A"  # B did not edit it
    [c] = service.conflicts(central.db)
    assert (c.table, c.record_id, c.region, c.status) == ("commitment", commitment, "CL-TA", "abierto")
    assert c.current["description"] == "Versión de A" and c.incoming["description"] == "Versión de B"
    assert c.current_sender == str(service.office(a.db).installation)
    assert c.incoming_sender == str(service.office(b.db).installation)
    assert (c.current_sequence, c.incoming_sequence) == (2, 2)

    # B sends again without touching it: the conflict is not duplicated.
    assert _send(b, central, out).changes["conflictos"] == 0
    assert len(service.conflicts(central.db)) == 1

    resolved = service.resolve_conflict(central.db, c.id, "entrante")
    assert resolved.status == "resuelto" and "entrante" in resolved.resolution
    assert service.conflicts(central.db) == []
    assert _description(central, commitment) == "Versión de B"
    # Neither installation edited it since: their next bundles keep the resolution.
    assert _send(a, central, out).changes["conflictos"] == 0
    assert _send(b, central, out).changes["conflictos"] == 0
    assert _description(central, commitment) == "Versión de B"


def test_a_conflict_resolved_with_a_typed_in_value_and_the_command_line(two, capsys) -> None:
    central, a, b, commitment, _, out = two
    _send(a, central, out)
    _send(b, central, out)
    _edit(a, CommitmentRow, commitment, description="A", met=True)
    _edit(b, CommitmentRow, commitment, description="B", met=False)
    _send(a, central, out)
    _send(b, central, out)
    [c] = service.conflicts(central.db)
    db = str(central.db.path)
    assert main(["--db", db, "bundle", "conflicts"]) == 0
    text = capsys.readouterr().out
    assert str(c.id) in text and "actual «A», entrante «B»" in text and "Cumple/no cumple" in text
    assert "Meta anual o actividades comprometidas" in text and "actividad «" in text
    assert "commitment" not in text and "kind=activity" not in text and "=None" not in text
    assert "Cumple/no cumple [--set met=…]: actual «Sí», entrante «No»" in text  # the column name only for --set
    with pytest.raises(errors.ConflictError):
        service.resolve_conflict(central.db, c.id, "valor", {"no_such_column": "x"})
    with pytest.raises(errors.ConflictError):
        service.resolve_conflict(central.db, c.id, "otra")
    with pytest.raises(errors.ConflictError):
        service.resolve_conflict(central.db, "00000000", "actual")
    assert main(["--db", db, "bundle", "resolve", str(c.id)[:8], "--keep", "valor", "--set", "description=Acordado",
                 "--set", "met=true"]) == 0
    assert "resuelto" in capsys.readouterr().out
    assert _description(central, commitment) == "Acordado"
    with central.db.reading() as session:
        assert session.get(CommitmentRow, commitment).met is True
    assert [x.status for x in service.conflicts(central.db, include_resolved=True)] == ["resuelto"]
    assert main(["--db", db, "bundle", "conflicts"]) == 0
    assert "No hay conflictos" in capsys.readouterr().out


def test_a_deletion_against_an_edit_is_a_conflict_and_the_record_is_kept(two) -> None:
    central, a, b, commitment, _, out = two
    _send(a, central, out)
    _send(b, central, out)
    _edit(a, CommitmentRow, commitment, description="Editada por A")
    with b.db.transaction() as session:
        session.delete(session.get(CommitmentRow, commitment))
    _send(a, central, out)
    assert _send(b, central, out).changes["conflictos"] == 1
    assert _description(central, commitment) == "Editada por A"
    [c] = service.conflicts(central.db)
    assert c.incoming is None and c.current["description"] == "Editada por A"
    service.resolve_conflict(central.db, c.id, "entrante")  # the deletion wins
    with central.db.reading() as session:
        assert session.get(CommitmentRow, commitment) is None


def test_the_window_sees_which_record_and_both_versions(two) -> None:
    from desktop.sync import board

    central, a, b, commitment, _, out = two
    _send(a, central, out)
    _send(b, central, out)
    _edit(a, CommitmentRow, commitment, description="Versión de A")
    _edit(b, CommitmentRow, commitment, description="Versión de B", met=True)
    _send(a, central, out)
    result = _send(b, central, out)
    assert "1 conflicto entre instalaciones de la región: resuélvalos en Ver → Resolver conflictos…" in result.summary
    [view] = board.conflict_views(central.db)
    [info] = service.conflicts(central.db)
    with central.db.reading() as session:
        row = session.get(CommitmentRow, commitment)
        objective = session.get(ObjectiveRow, row.objective_id)
        form, kind = objective.programme.form, row.kind
    assert view.id == info.id and view.short_id == str(info.id)[:8]
    assert (view.region, view.region_name, view.table) == ("CL-TA", "Tarapacá", "commitment")
    assert view.kind == ("actividad" if kind == "activity" else "meta anual")
    assert view.record == "Versión de A" and view.programme == f"{form} Tarapacá 2009"
    assert view.current_source == f"paquete n.º 2 de la instalación con clave {service.office(a.db).fingerprint}"
    assert view.incoming_source == f"paquete n.º 2 de la instalación con clave {service.office(b.db).fingerprint}"
    assert view.current_changed is not None and view.incoming_changed is not None
    assert not view.current_deleted and not view.incoming_deleted
    assert [(d.label, d.current, d.incoming) for d in view.differences] == [
        ("Meta anual o actividades comprometidas", "Versión de A", "Versión de B"),
        ("Cumple/no cumple", "(sin marcar)", "Sí"),
    ]
    [line] = board.open_conflicts(central.db)
    assert line == (f"{form} Tarapacá 2009 — {view.kind} «Versión de A»: el paquete n.º 2 de otra instalación trae "
                    "otra versión (2 campos distintos); por ahora se conserva la del paquete n.º 2.")
    service.resolve_conflict(central.db, view.id, "actual")
    assert board.conflict_views(central.db) == [] and board.open_conflicts(central.db) == []


def test_the_window_sees_a_deletion_against_an_edit(two) -> None:
    from desktop.sync import board

    central, a, b, commitment, _, out = two
    _send(a, central, out)
    _send(b, central, out)
    _edit(a, CommitmentRow, commitment, description="Editada por A")
    with b.db.transaction() as session:
        session.delete(session.get(CommitmentRow, commitment))
    _send(a, central, out)
    _send(b, central, out)
    [view] = board.conflict_views(central.db)
    assert view.incoming_deleted and not view.current_deleted and view.incoming_changed is None
    assert ("Meta anual o actividades comprometidas", "Editada por A", board.DELETED) in [
        (d.label, d.current, d.incoming) for d in view.differences]
    assert "trae su eliminación" in board.open_conflicts(central.db)[0]


def _forget_history(central: Office) -> None:
    """What a database upgraded from 0002 held: streams with bundles, no ``sync_record``."""
    from sqlalchemy import delete

    from db.models import SyncRecord

    with central.db.transaction() as session:
        session.execute(delete(SyncRecord))


def _histories(central: Office) -> dict[str, set[tuple[str, object, str]]]:
    from db.models import SyncRecord

    with central.db.reading() as session:
        out: dict[str, set[tuple[str, object, str]]] = {}
        for r in session.scalars(select(SyncRecord)):
            out.setdefault(r.stream, set()).add((r.table_name, r.record_id, r.digest))
        return out


def test_backfill_gives_a_regions_only_stream_its_history_once(two) -> None:
    """Migration 0004: a region's single stream that imported with no history gets the region's
    records as what it said; a stream that has a history is not touched again."""
    central, a, _b, _commitment, _objective, out = two
    _send(a, central, out)
    said = _histories(central)
    (stream,) = said
    _forget_history(central)
    with central.db.transaction() as session:
        assert service.backfill_stream_records(session) == [stream]
        held = service.region_records(session, "CL-TA")
    assert _histories(central) == said == {stream: {(t, i, d) for (t, i), (d, _) in held.items()}}
    with central.db.transaction() as session:
        assert service.backfill_stream_records(session) == []
    assert _histories(central) == said


def test_backfill_leaves_a_region_with_two_streams_alone(two) -> None:
    """Who wrote which record is unknown when two installations sent before the history
    existed: nothing is guessed (a wrong guess could delete the other one's records)."""
    central, a, b, _commitment, _objective, out = two
    _send(a, central, out)
    _send(b, central, out)
    assert len(_histories(central)) == 2
    _forget_history(central)
    with central.db.transaction() as session:
        assert service.backfill_stream_records(session) == []
    assert _histories(central) == {}


def test_keeping_the_current_version_keeps_an_edit_sent_after_the_conflict(two) -> None:
    """A and B edit one activity (conflict, A's version held); A edits it again and sends before
    anyone resolves. The conflict shows A's newer version as the current one, and keeping the
    current version keeps that newer edit (it does not write back the one of the conflict)."""
    central, a, b, commitment, _, out = two
    _send(a, central, out)
    _send(b, central, out)
    _edit(a, CommitmentRow, commitment, description="Primera versión de A")
    _edit(b, CommitmentRow, commitment, description="Versión de B")
    _send(a, central, out)
    assert _send(b, central, out).changes["conflictos"] == 1
    _edit(a, CommitmentRow, commitment, description="Segunda versión de A")
    result = _send(a, central, out)
    assert (result.changes["modificados"], result.changes["conflictos"]) == (1, 0)
    [c] = service.conflicts(central.db)
    assert c.current["description"] == "Segunda versión de A" and c.incoming["description"] == "Versión de B"
    assert c.current_sequence == 3
    service.resolve_conflict(central.db, c.id, "actual")
    assert _description(central, commitment) == "Segunda versión de A"
    assert service.conflicts(central.db) == []


def test_a_conflicts_current_version_follows_a_deletion_by_its_installation(two) -> None:
    central, a, b, commitment, _, out = two
    _send(a, central, out)
    _send(b, central, out)
    _edit(a, CommitmentRow, commitment, description="Editada por A")
    _edit(b, CommitmentRow, commitment, description="Editada por B")
    _send(a, central, out)
    _send(b, central, out)
    with a.db.transaction() as session:
        session.delete(session.get(CommitmentRow, commitment))
    assert _send(a, central, out).changes["eliminados"] == 1
    [c] = service.conflicts(central.db)
    assert c.current is None and c.incoming["description"] == "Editada por B"
    service.resolve_conflict(central.db, c.id, "actual")  # A's deletion stands
    with central.db.reading() as session:
        assert session.get(CommitmentRow, commitment) is None


def test_each_installation_of_a_region_gets_its_own_answer(two, capsys) -> None:
    """A central answer is encrypted to one installation's key: with two installations of
    Tarapacá, the central office names which one (an answer without it is refused with both
    fingerprints), each gets an answer with its own receipt and both see the observations;
    an answer for one cannot be read by the other."""
    central, a, b, commitment, _, out = two
    _send(a, central, out)
    _send(b, central, out)
    _edit(a, CommitmentRow, commitment, description="Solo A")
    _send(a, central, out)  # A's stream is at 2, B's at 1
    service.add_observation(central.db, "commitment", commitment, "Adjuntar el acta firmada.")
    fp_a, fp_b = service.office(a.db).fingerprint, service.office(b.db).fingerprint
    with pytest.raises(errors.TrustError) as refused:
        service.export_bundle(central.db, PASS, to="CL-TA", directory=out)
    assert fp_a in str(refused.value) and fp_b in str(refused.value) and "--installation" in str(refused.value)
    with pytest.raises(errors.TrustError):
        service.export_bundle(central.db, PASS, to="CL-TA", recipient_key="FFFF-FFFF", directory=out)

    for_b = service.export_bundle(central.db, PASS, to="CL-TA", recipient_key=fp_b[:9], directory=out)
    assert for_b.recipient_fingerprint == fp_b and fp_b[:9] in for_b.path.name
    with pytest.raises(errors.BundleRejected):  # not A's to read
        service.import_bundle(a.db, for_b.path, PASS)
    assert service.import_bundle(b.db, for_b.path, PASS).outcome == "aceptado"

    db = str(central.db.path)
    pass_file = out / "frase.txt"
    pass_file.write_text(PASS, encoding="utf-8")
    assert main(["--db", db, "bundle", "export", "--to", "CL-TA", "--installation", fp_a.replace("-", "").lower(),
                 "--passphrase-file", str(pass_file), "-o", str(out / "para-a.avance")]) == 0
    assert fp_a in capsys.readouterr().out
    assert service.import_bundle(a.db, out / "para-a.avance", PASS).outcome == "aceptado"

    from desktop.sync import board

    for office, sent in ((a, 2), (b, 1)):  # each receipt is of its own stream
        assert board.receipt(office.db).acknowledged == sent
        assert [text for _, _, text in service.observations(office.db)] == ["Adjuntar el acta firmada."]
    targets = board.answer_targets(central.db)
    assert [(t.region, t.installation) for t in targets] == [("CL-TA", fp_a), ("CL-TA", fp_b)]
    assert all("Tarapacá (CL-TA), instalación" in t.label for t in targets)


# -- deletions by one installation, against the other one's copy ---------------------------------


def _delete(office: Office, model: type, record_id) -> None:  # noqa: ANN001
    with office.db.transaction() as session:
        session.delete(session.get(model, record_id))


def _new_activity(office: Office, objective) -> object:  # noqa: ANN001
    """A new activity under ``objective`` in ``office``; its id."""
    import uuid

    new_id = uuid.uuid4()
    with office.db.transaction() as session:
        session.add(CommitmentRow(id=new_id, objective_id=objective, position=99, kind="activity",
                                  description="Actividad nueva de B", weight_text="", weight=None, met=None))
    return new_id


def _exists(central: Office, model: type, record_id) -> bool:  # noqa: ANN001
    with central.db.reading() as session:
        return session.get(model, record_id) is not None


def test_a_deletion_stands_when_the_other_installation_still_holds_the_record_unchanged(two) -> None:
    """A deletes an activity; B never learns of it (installations do not see each other's
    bundles) and sends it unchanged: the deletion stands, nothing is re-created."""
    central, a, b, commitment, _, out = two
    _send(a, central, out)
    _send(b, central, out)
    _delete(a, CommitmentRow, commitment)
    assert _send(a, central, out).changes["eliminados"] == 1
    result = _send(b, central, out)
    assert (result.changes["nuevos"], result.changes["conflictos"]) == (0, 0)
    assert not _exists(central, CommitmentRow, commitment)
    assert _send(b, central, out).changes["nuevos"] == 0  # and again
    assert not _exists(central, CommitmentRow, commitment)


def test_an_edit_against_a_deletion_is_a_conflict(two) -> None:
    """A deletes an activity that B then edits: the record stays deleted and the conflict keeps
    B's version; adopting it re-creates the activity."""
    central, a, b, commitment, _, out = two
    _send(a, central, out)
    _send(b, central, out)
    _delete(a, CommitmentRow, commitment)
    _send(a, central, out)
    _edit(b, CommitmentRow, commitment, description="Editada por B")
    assert _send(b, central, out).changes["conflictos"] == 1
    assert not _exists(central, CommitmentRow, commitment)
    [c] = service.conflicts(central.db)
    assert c.current is None and c.incoming["description"] == "Editada por B"
    service.resolve_conflict(central.db, c.id, "entrante")
    assert _description(central, commitment) == "Editada por B"


def test_a_new_activity_under_an_objective_deleted_elsewhere_does_not_block_the_bundle(two) -> None:
    """A deletes an objective (and its activities); B adds an activity under it. B's bundle is
    accepted (not refused as inconsistent on every retry): the new activity is a conflict, the
    objective stays deleted, and B's other changes apply."""
    central, a, b, _commitment, objective, out = two
    _send(a, central, out)
    _send(b, central, out)
    _delete(a, ObjectiveRow, objective)
    assert _send(a, central, out).changes["eliminados"] >= 2
    added = _new_activity(b, objective)
    with b.db.reading() as session:
        other = session.scalars(select(ObjectiveRow.id).where(ObjectiveRow.id != objective)
                                .order_by(ObjectiveRow.id)).first()
    _edit(b, ObjectiveRow, other, text="Otro objetivo, corregido por B")
    result = _send(b, central, out)
    assert result.outcome == "aceptado"
    assert (result.changes["modificados"], result.changes["conflictos"]) == (1, 1)
    assert not _exists(central, ObjectiveRow, objective) and not _exists(central, CommitmentRow, added)
    [c] = service.conflicts(central.db)
    assert (c.table, c.record_id, c.current) == ("commitment", added, None)
    with central.db.reading() as session:
        assert session.get(ObjectiveRow, other).text == "Otro objetivo, corregido por B"
    with pytest.raises(errors.ConflictError):  # its objective is gone: it cannot be written
        service.resolve_conflict(central.db, c.id, "entrante")
    service.resolve_conflict(central.db, c.id, "actual")


def test_deleting_a_parent_does_not_take_the_other_installations_new_records_with_it(two) -> None:
    """B adds an activity under an objective and sends it; A, without it, deletes the objective.
    The cascade would remove B's activity silently: the objective's deletion is a conflict
    instead, and both the objective and B's activity stay."""
    central, a, b, _commitment, objective, out = two
    _send(a, central, out)
    _send(b, central, out)
    added = _new_activity(b, objective)
    assert _send(b, central, out).changes["nuevos"] == 1
    _delete(a, ObjectiveRow, objective)
    result = _send(a, central, out)
    assert result.changes["conflictos"] == 1
    assert _exists(central, ObjectiveRow, objective) and _exists(central, CommitmentRow, added)
    [c] = service.conflicts(central.db)
    assert (c.table, c.record_id, c.incoming) == ("objective", objective, None)


# -- tombstones against the other installation ------------------------------------------------------


def test_a_tombstone_sent_again_does_not_reopen_a_resolved_conflict(two) -> None:
    """B deletes an activity A edited: a conflict, resolved keeping A's version. B's later bundles
    (the same tombstone while not acknowledged, or a complete bundle, which carries every
    tombstone B remembers) say nothing new: no new conflict, the activity stays."""
    central, a, b, commitment, _, out = two
    _send(a, central, out)
    _send(b, central, out)
    _edit(a, CommitmentRow, commitment, description="Editada por A")
    _delete(b, CommitmentRow, commitment)
    _send(a, central, out)
    assert _send(b, central, out).changes["conflictos"] == 1
    [c] = service.conflicts(central.db)
    service.resolve_conflict(central.db, c.id, "actual")
    assert _send(b, central, out).changes["conflictos"] == 0
    full = service.export_bundle(b.db, PASS, directory=out, full=True)
    assert full.tombstones >= 1
    result = service.import_bundle(central.db, full.path, PASS)
    assert (result.changes["conflictos"], result.changes["eliminados"]) == (0, 0)
    assert service.conflicts(central.db) == [] and _description(central, commitment) == "Editada por A"


def test_a_tombstone_for_a_record_the_sender_never_sent_is_a_conflict(two) -> None:
    """A adds an activity B never had; a bundle of B that says it deleted it is not applied
    silently: both versions are kept (the deletion as the incoming one)."""
    from tests.sync.test_adversarial import _own, open_bundle, reseal

    central, a, b, _, objective, out = two
    _send(a, central, out)
    _send(b, central, out)
    added = _new_activity(a, objective)
    assert _send(a, central, out).changes["nuevos"] == 1
    sent = service.export_bundle(b.db, PASS, directory=out).path
    manifest, files = open_bundle(sent, central, b)
    manifest["tombstones"] = sorted(manifest["tombstones"] + [{"table": "commitment", "id": str(added)}],
                                    key=lambda t: (t["table"], t["id"]))
    forged = reseal(out / "b-forged.avance", manifest, files, _own(b)[0], central)
    assert service.import_bundle(central.db, forged, PASS).changes["conflictos"] == 1
    assert _exists(central, CommitmentRow, added)
    [c] = service.conflicts(central.db)
    assert (c.record_id, c.incoming, c.current["description"]) == (added, None, "Actividad nueva de B")
