"""Persistence: SQLAlchemy models, the engine with its migrations, and the queries services use.

Nothing outside ``db/`` and ``desktop/services`` opens a session.
"""

from db.engine import (
    Database,
    DatabaseError,
    DatabaseTooNewError,
    DatabaseUnreadableError,
    open_database,
)

__all__ = ["Database", "DatabaseError", "DatabaseTooNewError", "DatabaseUnreadableError", "open_database"]
