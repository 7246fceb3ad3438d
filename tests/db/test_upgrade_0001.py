"""A real database of schema 0001 (issue 2's first release) with the example in it opens in this
version: backed up first, upgraded in-process, every record kept."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from alembic import command

from db.engine import SCHEMA_HEAD, alembic_config, make_engine, open_database
from desktop.services.example import load_example


def _counts(path: Path) -> dict[str, int]:
    con = sqlite3.connect(path)
    try:
        return {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
                for t in ("region", "service", "reporting_year", "work_programme", "objective", "commitment",
                          "progress_analysis")}
    finally:
        con.close()


def test_upgrade_from_0001_keeps_data_and_backs_up(tmp_path: Path) -> None:
    path = tmp_path / "avance.db"
    engine = make_engine(path)
    config = alembic_config(f"sqlite:///{path}")
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "0001")
    engine.dispose()
    # Fill it as the first release would have (the example's tables all exist at 0001).
    import db.engine as engine_module

    original = engine_module.KNOWN_REVISIONS, engine_module.SCHEMA_HEAD
    engine_module.KNOWN_REVISIONS, engine_module.SCHEMA_HEAD = ("0001",), "0001"
    try:
        old = open_database(path)
        load_example(old)
        old.close()
    finally:
        engine_module.KNOWN_REVISIONS, engine_module.SCHEMA_HEAD = original
    before = _counts(path)

    db = open_database(path)
    try:
        assert db.backup is not None and db.backup.exists()
        assert _counts(db.backup) == before
        con = sqlite3.connect(db.backup)
        assert con.execute("SELECT version_num FROM alembic_version").fetchone()[0] == "0001"
        con.close()
        assert _counts(path) == before
        con = sqlite3.connect(path)
        assert con.execute("SELECT version_num FROM alembic_version").fetchone()[0] == SCHEMA_HEAD != "0001"
        con.close()
    finally:
        db.close()
    again = open_database(path)
    assert again.backup is None  # already current: no second backup
    again.close()
