"""sync: key rotation (pending keys, announcement) and conflicts between installations

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-23 10:00:00
"""

from alembic import op
import sqlalchemy as sa


revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('own_key', schema=None, recreate='always') as batch_op:
        batch_op.drop_constraint(op.f('ck_own_key_own_key_status'), type_='check')
        batch_op.create_check_constraint('own_key_status', "status IN ('active', 'pending', 'retired')")
        batch_op.add_column(sa.Column('announcement', sa.Text(), nullable=True))

    op.create_table('sync_record',
    sa.Column('stream', sa.String(length=120), nullable=False),
    sa.Column('table_name', sa.String(length=40), nullable=False),
    sa.Column('record_id', sa.Uuid(), nullable=False),
    sa.Column('digest', sa.String(length=64), nullable=False),
    sa.Column('sequence', sa.Integer(), nullable=False),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_sync_record')),
    sa.UniqueConstraint('stream', 'table_name', 'record_id', name=op.f('uq_sync_record_stream'))
    )
    with op.batch_alter_table('sync_record', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_sync_record_record_id'), ['record_id'], unique=False)

    op.create_table('sync_conflict',
    sa.Column('region_code', sa.String(length=6), nullable=False),
    sa.Column('table_name', sa.String(length=40), nullable=False),
    sa.Column('record_id', sa.Uuid(), nullable=False),
    sa.Column('current_version', sa.Text(), nullable=True),
    sa.Column('current_stream', sa.String(length=120), nullable=False),
    sa.Column('current_sequence', sa.Integer(), nullable=False),
    sa.Column('incoming_version', sa.Text(), nullable=True),
    sa.Column('incoming_stream', sa.String(length=120), nullable=False),
    sa.Column('incoming_sequence', sa.Integer(), nullable=False),
    sa.Column('status', sa.String(length=10), nullable=False),
    sa.Column('resolution', sa.Text(), nullable=False),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.CheckConstraint("status IN ('abierto', 'resuelto')", name=op.f('ck_sync_conflict_sync_conflict_status')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_sync_conflict'))
    )
    with op.batch_alter_table('sync_conflict', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_sync_conflict_record_id'), ['record_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_sync_conflict_region_code'), ['region_code'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('sync_conflict', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_sync_conflict_region_code'))
        batch_op.drop_index(batch_op.f('ix_sync_conflict_record_id'))
    op.drop_table('sync_conflict')
    with op.batch_alter_table('sync_record', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_sync_record_record_id'))
    op.drop_table('sync_record')
    op.execute("DELETE FROM own_key WHERE status = 'pending'")
    with op.batch_alter_table('own_key', schema=None, recreate='always') as batch_op:
        batch_op.drop_column('announcement')
        batch_op.drop_constraint(op.f('ck_own_key_own_key_status'), type_='check')
        batch_op.create_check_constraint('own_key_status', "status IN ('active', 'retired')")
