"""sync: the signed creation time of each bundle

``sync_bundle.signed_at``: the ``created_at`` of the bundle's signed manifest (when the sender
made it), beside the row's own ``created_at`` (when it was imported or exported here). The
national board shows both. Rows written before this revision have no value (NULL): the
manifest is not kept.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-24 10:00:00
"""

import sqlalchemy as sa
from alembic import op


revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('sync_bundle', schema=None) as batch_op:
        batch_op.add_column(sa.Column('signed_at', sa.DateTime(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('sync_bundle', schema=None) as batch_op:
        batch_op.drop_column('signed_at')
