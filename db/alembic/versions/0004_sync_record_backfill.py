"""sync: history for incoming streams that imported under 0002

Migration 0003 created ``sync_record`` empty, so a stream that had imported bundles under 0002
had no history. Once a second installation of the same region sent a bundle, the first one's
next edit was judged with nothing to compare against: it became a false conflict, and its
deletions were never applied. This data migration records, for a region with a single
incoming stream, the region's records as what that stream last said
(``desktop.sync.service.backfill_stream_records``). No schema change; a database that has
already imported since keeps its history as it is.

The digests are those of the manifest encoding of this release
(``desktop.sync.manifest.encode_row`` over the ORM models). A later migration that changes a
regional table's columns must freeze this one (copy the encoding as it is here) and recompute
the stored digests.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-22 09:30:00
"""

from alembic import op
from sqlalchemy.orm import Session


revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade() -> None:
    from desktop.sync.service import backfill_stream_records

    session = Session(bind=op.get_bind())
    try:
        backfill_stream_records(session)
        session.flush()
    finally:
        session.close()


def downgrade() -> None:
    # The rows written here are indistinguishable from later ones and harmless to 0003: kept.
    pass
