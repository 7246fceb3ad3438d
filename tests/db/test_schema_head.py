"""The fast start-up path knows the migrations without importing Alembic: keep it true."""

from db.engine import KNOWN_REVISIONS, SCHEMA_HEAD, head_revision, script_revisions


def test_known_revisions_match_the_migration_scripts() -> None:
    assert list(KNOWN_REVISIONS) == script_revisions()
    assert SCHEMA_HEAD == head_revision()
