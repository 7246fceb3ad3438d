"""Database life cycle (ARCHITECTURE.md "Database life cycle"): create at head, migrations agree
with the models, a newer or foreign file is refused untouched, an older one is backed up and
upgraded in-process.
"""

from __future__ import annotations

import hashlib
import shutil
import sqlite3
from pathlib import Path
from types import SimpleNamespace

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import func, select, text

import db.engine as engine_module
from db.engine import (
    Database,
    DatabaseError,
    DatabaseTooNewError,
    DatabaseUnreadableError,
    alembic_config,
    backup_file,
    current_revision,
    head_revision,
    open_database,
)
from db.models import Base, CommitmentRow, ObjectiveRow, RegionRow
from desktop.services.example import load_example


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def stored_revision(path: Path) -> str | None:
    con = sqlite3.connect(path)
    try:
        rows = con.execute("select version_num from alembic_version").fetchall()
    finally:
        con.close()
    return rows[0][0] if rows else None


def test_new_database_is_created_at_head_with_16_regions(db_path: Path) -> None:
    assert not db_path.exists()
    database = open_database(db_path)
    try:
        assert db_path.exists()
        assert database.backup is None
        assert current_revision(database.engine) == head_revision()
        with database.reading() as session:
            assert session.scalar(select(func.count()).select_from(RegionRow)) == 16
            codes = set(session.scalars(select(RegionRow.iso_code)))
        assert "CL-TA" in codes and "CL-NB" in codes
    finally:
        database.close()
    assert stored_revision(db_path) == head_revision()


def test_missing_folders_are_created(tmp_path: Path) -> None:
    path = tmp_path / "a" / "b" / "avance.db"
    database = open_database(path)
    database.close()
    assert path.exists()


def test_pragmas_on_every_session_connection(db: Database) -> None:
    for _ in range(2):
        with db.reading() as session:
            assert session.execute(text("PRAGMA foreign_keys")).scalar() == 1
            assert session.execute(text("PRAGMA journal_mode")).scalar().lower() == "wal"
    with db.engine.connect() as connection:
        assert connection.execute(text("PRAGMA foreign_keys")).scalar() == 1


def test_migrations_and_models_agree(db: Database) -> None:
    with db.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        diff = compare_metadata(context, Base.metadata)
    assert diff == []


def test_reopening_at_head_changes_nothing(example_db: Database) -> None:
    path = example_db.path
    example_db.close()
    before = sha(path)
    again = open_database(path)
    try:
        assert again.backup is None
    finally:
        again.close()
    assert sha(path) == before
    assert not list(path.parent.glob("*.bak"))


def _stamp(path: Path, revision: str) -> None:
    con = sqlite3.connect(path)
    try:
        con.execute("update alembic_version set version_num = ?", (revision,))
        con.commit()
    finally:
        con.close()


def test_database_from_a_newer_app_is_refused_untouched(example_db: Database) -> None:
    path = example_db.path
    example_db.close()
    _stamp(path, "9999zz")
    before = sha(path)
    with pytest.raises(DatabaseTooNewError) as info:
        open_database(path)
    assert "más nueva" in str(info.value)
    assert "9999zz" in str(info.value)
    assert sha(path) == before
    assert stored_revision(path) == "9999zz"
    assert not list(path.parent.glob("*.bak"))


def test_a_file_that_is_not_sqlite_is_refused_untouched(db_path: Path) -> None:
    db_path.write_bytes(b"hello")
    with pytest.raises(DatabaseUnreadableError):
        open_database(db_path)
    assert db_path.read_bytes() == b"hello"


def test_a_long_garbage_file_is_refused_untouched(db_path: Path) -> None:
    content = b"garbage" * 1000
    db_path.write_bytes(content)
    with pytest.raises(DatabaseUnreadableError):
        open_database(db_path)
    assert db_path.read_bytes() == content


def _foreign_sqlite(path: Path) -> None:
    con = sqlite3.connect(path)  # default rollback journal, as most SQLite apps use
    con.execute("create table notes (id integer primary key, body text)")
    con.execute("insert into notes (body) values ('hola')")
    con.commit()
    con.close()


def test_an_sqlite_file_of_another_app_is_refused(db_path: Path) -> None:
    _foreign_sqlite(db_path)
    with pytest.raises(DatabaseUnreadableError) as info:
        open_database(db_path)
    assert "no es de Avance" in str(info.value)
    con = sqlite3.connect(db_path)
    try:
        assert con.execute("select body from notes").fetchall() == [("hola",)]
    finally:
        con.close()


def test_an_sqlite_file_of_another_app_is_left_untouched(db_path: Path) -> None:
    _foreign_sqlite(db_path)
    before = sha(db_path)
    with pytest.raises(DatabaseUnreadableError):
        open_database(db_path)
    assert sha(db_path) == before


def test_a_newer_database_in_rollback_journal_mode_is_left_untouched(example_db: Database) -> None:
    """A newer Avance database copied without its WAL (journal_mode=DELETE) must stay as it is."""
    path = example_db.path
    example_db.close()
    con = sqlite3.connect(path)
    con.execute("pragma journal_mode=DELETE")
    con.execute("update alembic_version set version_num = '9999zz'")
    con.commit()
    con.close()
    before = sha(path)
    with pytest.raises(DatabaseTooNewError):
        open_database(path)
    assert sha(path) == before


def test_an_empty_file_is_created_as_a_new_database(db_path: Path) -> None:
    db_path.write_bytes(b"")
    database = open_database(db_path)
    try:
        assert current_revision(database.engine) == head_revision()
    finally:
        database.close()


def test_backup_file_is_a_consistent_copy(example_db: Database) -> None:
    """backup_file copies the database (even with WAL frames pending) into a valid SQLite file."""
    with example_db.reading() as session:
        expected = session.scalar(select(func.count()).select_from(CommitmentRow))
    # keep a connection open so that the WAL holds recent writes while copying
    with example_db.engine.connect() as connection:
        connection.execute(text("select 1"))
        target = backup_file(example_db.path)
    assert target.exists()
    assert target.parent == example_db.path.parent
    assert target.name.startswith(example_db.path.name + ".") and target.name.endswith(".bak")
    con = sqlite3.connect(target)
    try:
        assert con.execute("pragma integrity_check").fetchone()[0] == "ok"
        assert con.execute("select count(*) from commitment").fetchone()[0] == expected
        assert con.execute("select count(*) from region").fetchone()[0] == 16
        assert con.execute("select version_num from alembic_version").fetchone()[0] == head_revision()
    finally:
        con.close()
    second = backup_file(example_db.path)
    assert second != target and second.exists()


# -- upgrading an older database ---------------------------------------------------------------

PROBE_MIGRATION = '''"""test probe: a second revision on top of the shipped head

Revision ID: {rev}
Revises: {down}
"""
import sqlalchemy as sa
from alembic import op

revision = "{rev}"
down_revision = "{down}"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table("upgrade_probe", sa.Column("id", sa.Integer(), primary_key=True))


def downgrade() -> None:
    op.drop_table("upgrade_probe")
'''


@pytest.fixture
def newer_migrations(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> SimpleNamespace:
    """A copy of the shipped migrations plus one new revision on top of the current head.

    Only one revision ships today, so "a database behind head" cannot be made from the real
    migrations alone. Instead the test creates a database with the real migrations (at the
    shipped head), then points ``db.engine.ALEMBIC_DIR`` at a copy of ``db/alembic`` with one
    more revision (and, when present, extends ``KNOWN_REVISIONS`` / ``SCHEMA_HEAD``): to the
    code under test that database is now one revision behind, and ``open_database`` must take
    the real backup-then-upgrade path.

    Returns:
        ``switch()`` (call it once the old database exists) and ``new_rev`` (the new head).
    """
    old_head = head_revision()
    copy = tmp_path / "alembic_copy"
    shutil.copytree(engine_module.ALEMBIC_DIR, copy, ignore=shutil.ignore_patterns("__pycache__"))
    new_rev = "9001probe"
    (copy / "versions" / f"{new_rev}_probe.py").write_text(
        PROBE_MIGRATION.format(rev=new_rev, down=old_head), encoding="utf-8"
    )

    def switch() -> None:
        monkeypatch.setattr(engine_module, "ALEMBIC_DIR", copy)
        # db.engine may also keep the shipped revisions as constants (to avoid importing
        # Alembic on every start); extend them the same way.
        if hasattr(engine_module, "KNOWN_REVISIONS"):
            monkeypatch.setattr(engine_module, "KNOWN_REVISIONS", (*engine_module.KNOWN_REVISIONS, new_rev))
        if hasattr(engine_module, "SCHEMA_HEAD"):
            monkeypatch.setattr(engine_module, "SCHEMA_HEAD", new_rev)

    return SimpleNamespace(switch=switch, new_rev=new_rev)


def test_older_database_is_backed_up_then_upgraded(tmp_path: Path, newer_migrations) -> None:
    path = tmp_path / "old.db"
    old_head = head_revision()
    database = open_database(path)
    load_example(database)
    with database.reading() as session:
        n_commitments = session.scalar(select(func.count()).select_from(CommitmentRow))
        n_objectives = session.scalar(select(func.count()).select_from(ObjectiveRow))
    database.close()

    newer_migrations.switch()
    assert head_revision() == newer_migrations.new_rev
    upgraded = open_database(path)
    try:
        assert upgraded.backup is not None
        assert upgraded.backup.exists()
        assert current_revision(upgraded.engine) == newer_migrations.new_rev
        with upgraded.reading() as session:
            assert session.execute(text("select count(*) from upgrade_probe")).scalar() == 0
            assert session.scalar(select(func.count()).select_from(CommitmentRow)) == n_commitments
    finally:
        upgraded.close()

    backup = upgraded.backup
    assert stored_revision(backup) == old_head
    con = sqlite3.connect(backup)
    try:
        assert con.execute("select count(*) from commitment").fetchone()[0] == n_commitments
        assert con.execute("select count(*) from objective").fetchone()[0] == n_objectives
        tables = {r[0] for r in con.execute("select name from sqlite_master where type='table'")}
        assert "upgrade_probe" not in tables
    finally:
        con.close()
    # opening again at the new head makes no further backup
    again = open_database(path)
    try:
        assert again.backup is None
    finally:
        again.close()
    assert len(list(tmp_path.glob("old.db.*.bak"))) == 1


def test_older_database_without_upgrade_is_refused_untouched(tmp_path: Path, newer_migrations) -> None:
    path = tmp_path / "old.db"
    open_database(path).close()
    before = sha(path)
    newer_migrations.switch()
    with pytest.raises(DatabaseError) as info:
        open_database(path, upgrade=False)
    assert not isinstance(info.value, (DatabaseTooNewError, DatabaseUnreadableError))
    assert sha(path) == before
    assert not list(tmp_path.glob("old.db.*.bak"))


def test_downgrade_to_base_and_upgrade_again(db: Database) -> None:
    """The shipped migrations run both ways in-process (connection passed as db/engine.py does)."""
    config = alembic_config(f"sqlite:///{db.path}")
    with db.engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, "base")
    assert current_revision(db.engine) is None
    with db.engine.connect() as connection:
        tables = {r[0] for r in connection.execute(text("select name from sqlite_master where type='table'"))}
    assert tables <= {"alembic_version"}
    with db.engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "head")
    assert current_revision(db.engine) == head_revision()
    with db.reading() as session:
        assert session.scalar(select(func.count()).select_from(RegionRow)) == 16


def test_shipped_revision_list_matches_the_scripts() -> None:
    """When db.engine keeps the revisions as constants, they must be the migration scripts'."""
    if not hasattr(engine_module, "KNOWN_REVISIONS"):
        pytest.skip("db.engine reads the revisions from the scripts directly")
    from alembic.script import ScriptDirectory

    scripts = ScriptDirectory.from_config(alembic_config("sqlite://"))
    ordered = [s.revision for s in reversed(list(scripts.walk_revisions()))]
    assert list(engine_module.KNOWN_REVISIONS) == ordered
    assert engine_module.SCHEMA_HEAD == scripts.get_current_head() == head_revision()


def test_two_version_rows_are_refused_untouched(example_db: Database) -> None:
    path = example_db.path
    example_db.close()
    con = sqlite3.connect(path)
    con.execute("insert into alembic_version (version_num) values ('0000')")
    con.commit()
    con.close()
    before = sha(path)
    with pytest.raises(DatabaseError):
        open_database(path)
    assert sha(path) == before
