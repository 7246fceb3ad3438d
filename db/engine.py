"""Opening the local SQLite store: pragmas, migrations on start, backups, clear refusals.

On open: a missing file is created at the newest revision; an older revision is copied to a
timestamped backup (SQLite's online backup API, consistent even with WAL) and upgraded
in-process with ``alembic.command.upgrade``; a revision this version does not know (a newer
app wrote it) is refused; a file that is not an Avance database is refused. Every connection
gets ``PRAGMA foreign_keys=ON`` and WAL journaling.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from typing import TYPE_CHECKING

from sqlalchemy import Engine, create_engine, event, inspect, text
from sqlalchemy.orm import Session, sessionmaker

if TYPE_CHECKING:
    from alembic.config import Config

ALEMBIC_DIR = Path(__file__).resolve().parent / "alembic"

KNOWN_REVISIONS: tuple[str, ...] = ("0001", "0002", "0003", "0004", "0005", "0006")
"""Every migration this version ships, oldest first; the last is the head. Alembic is imported
only when a database must be created or upgraded (it costs most of a second at start-up);
``tests/db/test_schema_head.py`` checks this list against the migration scripts."""

SCHEMA_HEAD = KNOWN_REVISIONS[-1]


class DatabaseError(Exception):
    """The database cannot be used; the message is Spanish and says what to do."""


class DatabaseTooNewError(DatabaseError):
    """The file was written by a newer version of Avance."""


class DatabaseUnreadableError(DatabaseError):
    """The file is not an SQLite database, or not one of Avance's."""


def alembic_config(url: str) -> Config:
    """An Alembic configuration for ``url`` pointing at the migrations shipped in ``db/``."""
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(ALEMBIC_DIR))
    config.set_main_option("sqlalchemy.url", url)
    return config


def head_revision() -> str:
    """The newest migration this version of Avance knows (from the scripts, via Alembic)."""
    from alembic.script import ScriptDirectory

    head = ScriptDirectory.from_config(alembic_config("sqlite://")).get_current_head()
    assert head is not None
    return head


def script_revisions() -> list[str]:
    """Every migration script's revision, oldest first (via Alembic)."""
    from alembic.script import ScriptDirectory

    return [s.revision for s in reversed(list(ScriptDirectory.from_config(alembic_config("sqlite://")).walk_revisions()))]


def _on_connect(dbapi_connection, _record) -> None:  # noqa: ANN001
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def make_engine(path: Path) -> Engine:
    """An engine on the SQLite file ``path`` with foreign keys and WAL on every connection."""
    engine = create_engine(f"sqlite:///{path}", connect_args={"timeout": 15})
    event.listen(engine, "connect", _on_connect)
    return engine


@dataclass
class Database:
    """An open, migrated database.

    Attributes:
        path: the SQLite file.
        engine: its engine.
        sessions: the session factory; use :meth:`transaction` for writes.
        backup: the backup made before an upgrade on this open, if any.
    """

    path: Path
    engine: Engine
    sessions: sessionmaker[Session]
    backup: Path | None = None

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """A session in one transaction: committed on success, rolled back on any error."""
        with self.sessions.begin() as session:
            yield session

    @contextmanager
    def reading(self) -> Iterator[Session]:
        """A session for reads only (rolled back at the end)."""
        with self.sessions() as session:
            yield session

    def close(self) -> None:
        """Release every connection."""
        self.engine.dispose()


def _check_sqlite(path: Path) -> None:
    """Refuse a file that is not an SQLite database, before any write."""
    with path.open("rb") as handle:
        magic = handle.read(16)
    if magic and magic != b"SQLite format 3\x00":
        raise DatabaseUnreadableError(
            f"No se puede leer la base de datos «{path}»: el archivo no es una base de datos de Avance."
        )


def backup_file(path: Path, when: dt.datetime | None = None) -> Path:
    """Copy the database ``path`` to ``<name>.<YYYYmmdd-HHMMSS>.bak`` beside it.

    Uses SQLite's online backup, so the copy is consistent even while WAL holds recent writes.

    Returns:
        The backup's path.
    """
    stamp = (when or dt.datetime.now()).strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.name}.{stamp}.bak")
    n = 1
    while target.exists():
        n += 1
        target = path.with_name(f"{path.name}.{stamp}-{n}.bak")
    source = sqlite3.connect(path)
    try:
        dest = sqlite3.connect(target)
        try:
            source.backup(dest)
        finally:
            dest.close()
    finally:
        source.close()
    return target


def _inspect_read_only(path: Path) -> tuple[str | None, set[str]]:
    """(stamped revision, table names) of an existing file, read without changing it.

    Raises:
        DatabaseUnreadableError: SQLite cannot read it (corrupt, encrypted, locked…).
    """
    try:
        connection = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
    except sqlite3.Error as exc:
        raise DatabaseUnreadableError(f"No se puede leer la base de datos «{path}»: {exc}.") from exc
    try:
        tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        versions = (
            [row[0] for row in connection.execute("SELECT version_num FROM alembic_version")]
            if "alembic_version" in tables
            else []
        )
    except sqlite3.Error as exc:
        raise DatabaseUnreadableError(
            f"No se puede leer la base de datos «{path}»: {exc}. Revise el archivo o use otra con --db."
        ) from exc
    finally:
        connection.close()
    if len(versions) > 1:
        raise DatabaseUnreadableError(f"La base de datos «{path}» tiene más de una versión de esquema: no es de Avance.")
    return (versions[0] if versions else None), tables


def current_revision(engine: Engine) -> str | None:
    """The revision stamped in the database (Alembic's ``alembic_version`` table), or None."""
    with engine.connect() as connection:
        if not inspect(connection).has_table("alembic_version"):
            return None
        rows = connection.execute(text("SELECT version_num FROM alembic_version")).scalars().all()
    if len(rows) > 1:
        raise DatabaseUnreadableError("La base de datos tiene más de una versión de esquema: no es de Avance.")
    return rows[0] if rows else None


def upgrade_to_head(engine: Engine, url: str) -> None:
    """Run the migrations in-process on ``engine`` (``alembic.command.upgrade``, never the CLI)."""
    from alembic import command

    config = alembic_config(url)
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "head")


def open_database(path: Path | str, *, upgrade: bool = True) -> Database:
    """Open (creating or upgrading as needed) the Avance database at ``path``.

    Args:
        path: the SQLite file; its folder is created if missing.
        upgrade: migrate an older database (after a backup). With False an older database is
            refused instead.

    Returns:
        The open :class:`Database`.

    Raises:
        DatabaseUnreadableError: not an SQLite file, or an SQLite file that is not Avance's.
        DatabaseTooNewError: written by a newer Avance.
        DatabaseError: an older database and ``upgrade`` is False.
    """
    path = Path(path).expanduser().resolve()
    if path.is_dir():
        raise DatabaseUnreadableError(f"«{path}» es una carpeta; indique un archivo de base de datos.")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise DatabaseUnreadableError(
            f"No se puede crear la carpeta de la base de datos «{path.parent}»: {exc.strerror or exc}."
        ) from exc
    revision: str | None = None
    if path.exists() and path.stat().st_size > 0:
        # Decide on a read-only connection first: a refused file is never touched (no WAL switch).
        _check_sqlite(path)
        revision, tables = _inspect_read_only(path)
        if revision is None and tables - {"alembic_version"}:
            raise DatabaseUnreadableError(
                f"La base de datos «{path}» no es de Avance (tiene tablas pero ninguna versión de esquema); no se modificó nada."
            )
        if revision is not None and revision not in KNOWN_REVISIONS:
            raise DatabaseTooNewError(
                f"La base de datos «{path}» fue creada por una versión más nueva de Avance "
                f"(esquema {revision}). Actualice Avance para abrirla; no se modificó nada."
            )
        if revision != SCHEMA_HEAD and revision is not None and not upgrade:
            raise DatabaseError(f"La base de datos «{path}» es de una versión anterior y debe actualizarse.")
    backup: Path | None = None
    if revision is not None and revision != SCHEMA_HEAD:
        backup = backup_file(path)
    engine = make_engine(path)
    if revision != SCHEMA_HEAD:
        try:
            upgrade_to_head(engine, f"sqlite:///{path}")
        except Exception:
            engine.dispose()
            raise
    return Database(path=path, engine=engine, sessions=sessionmaker(engine, expire_on_commit=False), backup=backup)
