"""sync: which key announced a rotated key, and at which sequence (revocation follows it)

Manifest format 3 (regional bundles carry changes and tombstones) needs no schema change: a
regional office remembers what it sent in ``sync_record`` under the stream "out:central".
This migration adds to ``trusted_key`` the key that announced a key through a rotation
(``introduced_by``, its signing key id) and the sequence of the bundle that carried the
announcement (``introduced_at``), so that revoking a key from sequence N also revokes the keys
it introduced at N or later. Keys already in the trust store keep both NULL: which key
announced them was not recorded, and a guess could revoke a key trusted from its own file.

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-25 09:00:00
"""

from alembic import op
import sqlalchemy as sa


revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('trusted_key', schema=None) as batch_op:
        batch_op.add_column(sa.Column('introduced_by', sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column('introduced_at', sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f('ix_trusted_key_introduced_by'), ['introduced_by'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('trusted_key', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_trusted_key_introduced_by'))
        batch_op.drop_column('introduced_at')
        batch_op.drop_column('introduced_by')
