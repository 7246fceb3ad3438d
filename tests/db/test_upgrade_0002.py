"""A real database of schema 0002 (issue 3's first sync release) with sync state in it opens in
this version: backed up first, upgraded in-process to the head (0003), every row of every table
kept with its values, and the upgraded database then goes on syncing (imports the next bundle of
the stream, refuses a replay of the one imported before the upgrade, answers on its outgoing
stream).

The 0002 database is made by the shipped migrations run up to "0002" only; its rows are the
ones a central office holds after a real exchange with Tarapacá (installation, own keys, trust
store with an active and a revoked key, incoming and outgoing streams, bundles, audit rows of an
accepted and a rejected bundle, evidence references and files, observations, a programme
review, the example's records), copied in with SQL naming exactly the columns 0002 has.
"""

from __future__ import annotations

import hashlib
import shutil
import sqlite3
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import delete, select

from db.engine import SCHEMA_HEAD, alembic_config, make_engine, open_database
from db.models import CommitmentRow, ObjectiveRow, ProgressAnalysis, SyncRecord, SyncStream, WorkProgramme
from desktop.services.example import load_example
from desktop.sync import errors, service
from tests.sync.helpers import PASS, Office, enrol, make_office

SYNC_TABLES_0002 = ("installation", "own_key", "trusted_key", "sync_stream", "sync_bundle", "sync_audit",
                    "evidence", "observation", "programme_review")
"""Every table migration 0002 creates: each must hold rows before the upgrade."""
NEW_IN_0003 = {"sync_record", "sync_conflict"}
EVIDENCE_1 = b"%PDF-1.4 acta de la reunion regional\n" + bytes(range(256)) * 400  # spans two chunks
EVIDENCE_2 = b"%PDF-1.4 informe trimestral\n" * 300


def _tables(con: sqlite3.Connection) -> list[str]:
    return [r[0] for r in con.execute("select name from sqlite_master where type='table' and name not like 'sqlite_%' "
                                      "and name != 'alembic_version' order by name")]


def _columns(con: sqlite3.Connection, table: str, schema: str = "main") -> list[str]:
    return [r[1] for r in con.execute(f"pragma {schema}.table_info({table})")]


def _dump(path: Path, columns: dict[str, list[str]]) -> dict[str, list[tuple]]:
    """Every row of the given tables, reading only the given columns, sorted."""
    con = sqlite3.connect(path)
    try:
        return {t: sorted(con.execute(f"select {', '.join(cols)} from {t}").fetchall(), key=repr)
                for t, cols in columns.items()}
    finally:
        con.close()


def _revision(path: Path) -> str:
    con = sqlite3.connect(path)
    try:
        return con.execute("select version_num from alembic_version").fetchone()[0]
    finally:
        con.close()


def _database_at_0002(path: Path) -> None:
    engine = make_engine(path)
    config = alembic_config(f"sqlite:///{path}")
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "0002")
    engine.dispose()


DROPPED_FOR_0002 = {"sync_bundle": {"signed_at"}}
"""Columns a later revision added and the head writes, which the 0002 release never had: left
behind in the copy (migration 0005's ``sync_bundle.signed_at`` is NULL after the upgrade)."""


def _copy_into_0002(source: Path, target: Path) -> None:
    """Copy every row of ``source`` (a head database) into the 0002 database ``target``, naming
    only the columns 0002 has. Columns added later must be empty in the source (NULL), and
    tables added later are left behind: the 0002 release never wrote them."""
    con = sqlite3.connect(target)
    try:
        con.execute("attach database ? as src", (str(source),))
        for table in _tables(con):
            cols = _columns(con, table)
            extra = set(_columns(con, table, "src")) - set(cols)
            for column in extra - DROPPED_FOR_0002.get(table, set()):
                assert con.execute(f"select count(*) from src.{table} where {column} is not null").fetchone()[0] == 0
            if table == "region":  # seeded by 0001 on both, with the same ids
                ids = "select id, iso_code from {} order by id"
                assert (con.execute(ids.format("main.region")).fetchall()
                        == con.execute(ids.format("src.region")).fetchall())
                continue
            listed = ", ".join(cols)
            con.execute(f"insert into main.{table} ({listed}) select {listed} from src.{table}")
        con.commit()
        con.execute("detach database src")
        assert con.execute("pragma foreign_key_check").fetchall() == []
        assert con.execute("pragma integrity_check").fetchone()[0] == "ok"
    finally:
        con.close()


@pytest.fixture
def ta(tmp_path: Path) -> Iterator[Office]:
    office = make_office(tmp_path, "ta", "CL-TA")
    yield office
    office.db.close()


def _central_at_0002(tmp_path: Path, ta: Office) -> tuple[Path, uuid.UUID, Path]:
    """A central office at 0002 after one real exchange with Tarapacá.

    Returns:
        The 0002 database, a commitment of the example, and the first bundle (already imported).
    """
    scratch = make_office(tmp_path, "scratch", None)
    enrol(scratch, ta)
    an = make_office(tmp_path, "an", "CL-AN")  # a second region's key, revoked from sequence 3
    service.trust(scratch.db, service.export_public(an.db, PASS), "CL-AN")
    service.revoke(scratch.db, service.office(an.db).fingerprint, 3)
    an.db.close()
    load_example(ta.db)
    with ta.db.reading() as session:
        commitment = session.scalars(select(CommitmentRow.id).order_by(CommitmentRow.id)).first()
        objective = session.scalars(select(ObjectiveRow.id).order_by(ObjectiveRow.id)).first()
        programme = session.scalars(select(WorkProgramme.id).order_by(WorkProgramme.id)).first()
    first_file = tmp_path / "acta reunión.pdf"
    first_file.write_bytes(EVIDENCE_1)
    service.attach_evidence(ta.db, commitment, first_file)
    (tmp_path / "out").mkdir()
    first = service.export_bundle(ta.db, PASS, directory=tmp_path / "out").path
    assert service.import_bundle(scratch.db, first, PASS).outcome == "aceptado"
    garbage = tmp_path / "out" / "garbage.avance"
    garbage.write_bytes(b"not a bundle at all")
    with pytest.raises(errors.HeaderError):  # a rejected bundle: an audit row of its own
        service.import_bundle(scratch.db, garbage, PASS)
    service.add_observation(scratch.db, "objective", objective, "Falta el indicador del trimestre.")
    service.add_observation(scratch.db, "commitment", commitment, "Adjuntar el acta firmada.")
    service.set_review(scratch.db, programme, "observado", "Revisar ponderaciones.")
    answer = service.export_bundle(scratch.db, PASS, to="CL-TA", directory=tmp_path / "out").path
    assert service.import_bundle(ta.db, answer, PASS).outcome == "aceptado"
    scratch.db.close()

    folder = tmp_path / "central"
    folder.mkdir()
    path = folder / "avance.db"
    _database_at_0002(path)
    _copy_into_0002(scratch.db.path, path)
    shutil.copytree(scratch.blobs, folder / "blobs")
    return path, commitment, first


def test_upgrade_from_0002_keeps_sync_state_and_backs_up(tmp_path: Path, ta: Office) -> None:
    path, commitment, first = _central_at_0002(tmp_path, ta)
    assert _revision(path) == "0002"
    con = sqlite3.connect(path)
    try:
        columns = {t: _columns(con, t) for t in _tables(con)}
    finally:
        con.close()
    assert set(SYNC_TABLES_0002) <= set(columns) and not NEW_IN_0003 & set(columns)
    before = _dump(path, columns)
    for table in SYNC_TABLES_0002:
        assert before[table], f"{table} is empty: the upgrade would prove nothing about it"
    cols = columns["trusted_key"]
    assert sorted(r[cols.index("status")] for r in before["trusted_key"]) == ["active", "revoked"]
    assert sorted(r[columns["sync_audit"].index("outcome")] for r in before["sync_audit"]) == ["aceptado", "rechazado"]
    assert {r[columns["sync_stream"].index("stream")].split(":")[0] for r in before["sync_stream"]} == {"in", "out"}

    db = open_database(path)
    try:
        # A backup was written first, at 0002, with every row.
        assert db.backup is not None and db.backup.exists()
        assert db.backup.parent == path.parent and db.backup.name.startswith("avance.db.")
        assert _revision(db.backup) == "0002"
        assert _dump(db.backup, columns) == before
        # Upgraded to the head; every row of every table kept with its values.
        assert _revision(path) == SCHEMA_HEAD == "0006"
        assert _dump(path, columns) == before
        con = sqlite3.connect(path)
        try:
            assert set(_tables(con)) == set(columns) | NEW_IN_0003
            assert con.execute("select count(*) from own_key where announcement is not null").fetchone()[0] == 0
            assert con.execute("select count(*) from sync_conflict").fetchone()[0] == 0
            # 0005: the bundles imported before it have no signed creation time (not kept).
            assert con.execute("select count(*) from sync_bundle where signed_at is not null").fetchone()[0] == 0
            # 0004: Tarapacá's only stream is given its history, every record of the region as
            # it was last sent, at the stream's last sequence.
            with db.reading() as session:
                held = service.region_records(session, "CL-TA")
            recorded = con.execute("select s.stream, r.table_name, r.record_id, r.digest, r.sequence "
                                   "from sync_record r join sync_stream s on s.stream = r.stream").fetchall()
            assert held and len(recorded) == len(held)
            assert {r[0] for r in recorded} == {next(r[columns["sync_stream"].index("stream")]
                                                      for r in before["sync_stream"] if r[columns["sync_stream"].index("stream")].startswith("in:CL-TA:"))}
            assert {(t, uuid.UUID(i), d) for _, t, i, d, _ in recorded} == {(t, i, d) for (t, i), (d, _) in held.items()}
            assert {q for *_, q in recorded} == {1}
            assert con.execute("pragma foreign_key_check").fetchall() == []
            assert con.execute("pragma integrity_check").fetchone()[0] == "ok"
        finally:
            con.close()
        # The keys kept under 0002 still open with the passphrase (the upgrade rebuilt own_key).
        me = service.office(db)
        assert me.office == "central"
        assert {(t.office, t.status) for t in service.trusted_keys(db)} == {("CL-TA", "active"), ("CL-AN", "revoked")}

        # The next bundle of the stream imports into the upgraded database.
        with ta.db.transaction() as session:
            row = session.get(CommitmentRow, commitment)
            row.met = not row.met
            flipped = row.met
        second_file = tmp_path / "informe trimestral.pdf"
        second_file.write_bytes(EVIDENCE_2)
        service.attach_evidence(ta.db, commitment, second_file)
        second = service.export_bundle(ta.db, PASS, directory=tmp_path / "out")
        assert second.sequence == 2 and second.evidence_files == 1  # the receipt said the first file is held
        result = service.import_bundle(db, second.path, PASS)
        assert result.outcome == "aceptado" and result.sequence == 2
        assert result.changes["nuevos"] == 1 and result.changes["modificados"] == 1
        assert result.changes["eliminados"] == 0 and result.changes["conflictos"] == 0
        with db.reading() as session:
            assert session.get(CommitmentRow, commitment).met is flipped
            stream = session.scalar(select(SyncStream).where(SyncStream.stream.like("in:CL-TA:%")))
            assert stream.last_sequence == 2 and stream.last_hash == second.bundle_hash
            assert session.scalars(select(SyncRecord.stream).distinct()).all() == [stream.stream]
        for data in (EVIDENCE_1, EVIDENCE_2):
            assert (path.parent / "blobs" / hashlib.sha256(data).hexdigest()).read_bytes() == data
        # The bundle imported before the upgrade is recognised as a replay, nothing changed.
        with pytest.raises(errors.ReplayError):
            service.import_bundle(db, first, PASS)
        # The outgoing stream continues: answer 2, which Tarapacá accepts.
        answer = service.export_bundle(db, PASS, to="CL-TA", directory=tmp_path / "out")
        assert answer.sequence == 2
        assert service.import_bundle(ta.db, answer.path, PASS).outcome == "aceptado"
        assert sorted(t for t, _, _ in service.observations(ta.db)) == ["commitment", "objective"]
    finally:
        db.close()
    again = open_database(path)
    try:
        assert again.backup is None  # already at the head: no second backup
    finally:
        again.close()
    assert len(list(path.parent.glob("avance.db.*.bak"))) == 1


def test_after_the_upgrade_a_second_installation_does_not_turn_the_first_ones_edits_into_conflicts(
        tmp_path: Path, ta: Office) -> None:
    """What the same history gives on a central office that was always at the head (see the
    control in the report): the first installation's edit applies and its deletion is applied."""
    path, commitment, _ = _central_at_0002(tmp_path, ta)
    db = open_database(path)
    try:
        ta2 = make_office(tmp_path, "ta2", "CL-TA")  # a second installation of Tarapacá, enrolled after the upgrade
        service.trust(db, service.export_public(ta2.db, PASS), "CL-TA")
        service.trust(ta2.db, service.export_public(db, PASS), "central")
        empty = service.export_bundle(ta2.db, PASS, directory=tmp_path / "out").path
        assert service.import_bundle(db, empty, PASS).changes == {"nuevos": 0, "modificados": 0, "eliminados": 0,
                                                                   "conflictos": 0}
        ta2.db.close()
        with ta.db.transaction() as session:
            session.get(CommitmentRow, commitment).description = "editada en la instalación 1"
            gone = session.scalars(select(ProgressAnalysis.id).order_by(ProgressAnalysis.id)).first()
            session.execute(delete(ProgressAnalysis).where(ProgressAnalysis.id == gone))
        sent = service.export_bundle(ta.db, PASS, directory=tmp_path / "out").path
        result = service.import_bundle(db, sent, PASS)
        with db.reading() as session:
            description = session.get(CommitmentRow, commitment).description
            still_there = session.get(ProgressAnalysis, gone) is not None
        assert (result.changes, description, still_there) == (
            {"nuevos": 0, "modificados": 1, "eliminados": 1, "conflictos": 0}, "editada en la instalación 1", False)
    finally:
        db.close()
