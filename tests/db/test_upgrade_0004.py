"""Real databases of schema 0004 (the last release with full-state regional bundles) open in this
version: backed up first, upgraded in-process to 0005, every row of every table kept, and both
go on syncing with manifest format 3.

* A central office after an exchange with Tarapacá in which Tarapacá rotated its keys (the
  rotated key's row has no record of who announced it: 0004 kept none). After the upgrade, the
  columns ``introduced_by`` / ``introduced_at`` are there and empty for it; a rotation announced
  afterwards records them, and revoking its announcer from that sequence revokes it.
* A regional office that exported under 0004 (so it has no memory of what it sent: no
  ``sync_record`` rows for "out:central") and deleted a programme before the upgrade. Its first
  bundle after the upgrade is the region's full state (format 2), so the central office deletes
  that programme; the next ones are deltas (format 3).

Each 0004 database is made by the shipped migrations run up to "0004" only, then filled with the
rows a head database holds after the same exchange, naming exactly the columns 0004 has (the
columns 0005 adds must be NULL there, as 0004 never wrote them).
"""

from __future__ import annotations

import shutil
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import delete, select, update

from db.engine import SCHEMA_HEAD, alembic_config, make_engine, open_database
from db.models import SyncRecord, TrustedKey, WorkProgramme
from desktop.services.example import load_example
from desktop.sync import service
from tests.db.test_upgrade_0002 import _columns, _copy_into_0002, _dump, _revision, _tables
from tests.sync.helpers import PASS, Office, enrol, make_office
from tests.sync.test_adversarial import open_bundle

NEW_COLUMNS = {"trusted_key": {"introduced_by", "introduced_at"}, "sync_bundle": {"signed_at"}}
"""Columns migrations 0005 (the signed creation time of a bundle) and 0006 (key lineage) add."""


def _database_at_0004(path: Path) -> None:
    engine = make_engine(path)
    config = alembic_config(f"sqlite:///{path}")
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "0004")
    engine.dispose()


def _as_0004(office: Office, folder: Path) -> Path:
    """``office``'s rows (and blobs) in a fresh 0004 database under ``folder``."""
    office.db.close()
    folder.mkdir()
    path = folder / "avance.db"
    _database_at_0004(path)
    _copy_into_0002(office.db.path, path)  # generic: copies the columns the target has
    if office.blobs.exists():
        shutil.copytree(office.blobs, folder / "blobs")
    return path


def _schema(path: Path) -> dict[str, list[str]]:
    con = sqlite3.connect(path)
    try:
        return {t: _columns(con, t) for t in _tables(con)}
    finally:
        con.close()


def _upgraded(path: Path) -> tuple[object, dict[str, list[tuple]]]:
    """Open (and so upgrade) the 0004 database at ``path``; check the backup and every row kept."""
    assert _revision(path) == "0004"
    columns = _schema(path)
    before = _dump(path, columns)
    db = open_database(path)
    assert db.backup is not None and _revision(db.backup) == "0004" and _dump(db.backup, columns) == before
    assert _revision(path) == SCHEMA_HEAD == "0006"
    assert _dump(path, columns) == before  # every row of every table, every 0004 column, unchanged
    after = _schema(path)
    assert set(after) == set(columns)
    for table, cols in after.items():
        assert set(cols) - set(columns[table]) == NEW_COLUMNS.get(table, set())
    con = sqlite3.connect(path)
    try:
        assert con.execute("select count(*) from trusted_key where introduced_by is not null "
                           "or introduced_at is not null").fetchone()[0] == 0
        assert con.execute("pragma foreign_key_check").fetchall() == []
        assert con.execute("pragma integrity_check").fetchone()[0] == "ok"
    finally:
        con.close()
    return db, before


@pytest.fixture
def exchange(tmp_path: Path) -> Iterator[tuple[Office, Office, Path]]:
    """A central office and Tarapacá after bundles 1 (announcing a key rotation) and 2 (signed by
    the new key) and an answer, as a 0004 installation would have them."""
    central = make_office(tmp_path, "central", None)
    ta = make_office(tmp_path, "ta", "CL-TA")
    enrol(central, ta)
    load_example(ta.db)
    out = tmp_path / "out"
    out.mkdir()
    service.rotate_keys(ta.db, PASS)
    assert service.import_bundle(central.db, service.export_bundle(ta.db, PASS, directory=out).path,
                                 PASS).outcome == "aceptado"
    answer = service.export_bundle(central.db, PASS, to="CL-TA", directory=out)
    assert service.import_bundle(ta.db, answer.path, PASS).outcome == "aceptado"  # the rotation finishes
    assert service.import_bundle(central.db, service.export_bundle(ta.db, PASS, directory=out).path,
                                 PASS).outcome == "aceptado"
    with central.db.transaction() as session:  # 0004 did not record who announced a key
        session.execute(update(TrustedKey).values(introduced_by=None, introduced_at=None))
    with ta.db.transaction() as session:  # nor what a region sent
        session.execute(delete(SyncRecord).where(SyncRecord.stream == service.OUTGOING))
    yield central, ta, out
    central.db.close()
    ta.db.close()


def test_a_central_office_at_0004_upgrades_and_revocation_then_follows_new_rotations(
        tmp_path: Path, exchange: tuple[Office, Office, Path]) -> None:
    central, ta, out = exchange
    db, before = _upgraded(_as_0004(central, tmp_path / "central-0004"))
    try:
        assert {t.status for t in service.trusted_keys(db)} == {"active", "retired"}
        assert before["sync_record"] and before["sync_stream"]
        # Tarapacá rotates again; the announcement (bundle 3) imports into the upgraded database.
        k2 = service.office(ta.db).sign_key_id
        k3 = service.rotate_keys(ta.db, PASS).sign_key_id
        third = service.export_bundle(ta.db, PASS, directory=out)
        assert third.sequence == 3
        assert service.import_bundle(db, third.path, PASS).outcome == "aceptado"
        with db.reading() as session:
            row = session.scalar(select(TrustedKey).where(TrustedKey.sign_key_id == k3))
            assert (row.introduced_by, row.introduced_at) == (k2, 3)
        service.revoke(db, k2[:16], 3)
        assert {t.sign_key_id: t.status for t in service.trusted_keys(db)}[k3] == "revoked"
    finally:
        db.close()


def test_a_regional_office_at_0004_sends_its_full_state_once_then_deltas(
        tmp_path: Path, exchange: tuple[Office, Office, Path]) -> None:
    central, ta, out = exchange
    with ta.db.transaction() as session:  # deleted at the region before the upgrade, never sent
        gone = session.scalars(select(WorkProgramme.id).order_by(WorkProgramme.id)).first()
        session.execute(delete(WorkProgramme).where(WorkProgramme.id == gone))
    db, _ = _upgraded(_as_0004(ta, tmp_path / "ta-0004"))
    ta = Office(db, db.path.parent, "CL-TA")
    try:
        first = service.export_bundle(db, PASS, directory=out)
        manifest, _ = open_bundle(first.path, central, ta)
        assert (first.sequence, manifest["format"]) == (3, 2) and "tombstones" not in manifest
        result = service.import_bundle(central.db, first.path, PASS)
        assert result.outcome == "aceptado" and result.changes["eliminados"] > 0
        with central.db.reading() as session:
            assert session.get(WorkProgramme, gone) is None
        answer = service.export_bundle(central.db, PASS, to="CL-TA", directory=out)
        assert service.import_bundle(db, answer.path, PASS).outcome == "aceptado"
        second = service.export_bundle(db, PASS, directory=out)
        manifest, _ = open_bundle(second.path, central, ta)
        assert (manifest["format"], manifest["base"], second.records, second.tombstones) == (3, 3, 0, 0)
        assert service.import_bundle(central.db, second.path, PASS).outcome == "aceptado"
        with central.db.reading() as session, db.reading() as mine:
            assert service.region_records(session, "CL-TA") == service.region_records(mine, "CL-TA")
    finally:
        db.close()
