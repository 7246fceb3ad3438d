"""sync: installation, keys, trust store, streams, audit, evidence, observations, reviews

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-22 03:06:29.978271
"""

from alembic import op
import sqlalchemy as sa


revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('installation',
    sa.Column('kind', sa.String(length=10), nullable=False),
    sa.Column('region_code', sa.String(length=6), nullable=True),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.CheckConstraint("kind IN ('regional', 'central')", name=op.f('ck_installation_installation_kind')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_installation'))
    )
    op.create_table('observation',
    sa.Column('region_code', sa.String(length=6), nullable=False),
    sa.Column('target_kind', sa.String(length=10), nullable=False),
    sa.Column('target_id', sa.Uuid(), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.CheckConstraint("target_kind IN ('objective', 'commitment')", name=op.f('ck_observation_observation_target')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_observation'))
    )
    with op.batch_alter_table('observation', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_observation_region_code'), ['region_code'], unique=False)

    op.create_table('own_key',
    sa.Column('sign_key_id', sa.String(length=64), nullable=False),
    sa.Column('sign_public', sa.String(length=64), nullable=False),
    sa.Column('sign_private', sa.Text(), nullable=False),
    sa.Column('encrypt_key_id', sa.String(length=64), nullable=False),
    sa.Column('encrypt_public', sa.String(length=64), nullable=False),
    sa.Column('encrypt_private', sa.Text(), nullable=False),
    sa.Column('status', sa.String(length=10), nullable=False),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.CheckConstraint("status IN ('active', 'retired')", name=op.f('ck_own_key_own_key_status')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_own_key')),
    sa.UniqueConstraint('encrypt_key_id', name=op.f('uq_own_key_encrypt_key_id')),
    sa.UniqueConstraint('sign_key_id', name=op.f('uq_own_key_sign_key_id'))
    )
    op.create_table('programme_review',
    sa.Column('region_code', sa.String(length=6), nullable=False),
    sa.Column('programme_id', sa.Uuid(), nullable=False),
    sa.Column('status', sa.String(length=12), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.CheckConstraint("status IN ('pendiente', 'aprobado', 'observado')", name=op.f('ck_programme_review_review_status')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_programme_review')),
    sa.UniqueConstraint('programme_id', name=op.f('uq_programme_review_programme_id'))
    )
    with op.batch_alter_table('programme_review', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_programme_review_region_code'), ['region_code'], unique=False)

    op.create_table('sync_audit',
    sa.Column('file_name', sa.Text(), nullable=False),
    sa.Column('file_hash', sa.String(length=64), nullable=False),
    sa.Column('outcome', sa.String(length=20), nullable=False),
    sa.Column('error_code', sa.String(length=60), nullable=False),
    sa.Column('message', sa.Text(), nullable=False),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_sync_audit'))
    )
    op.create_table('sync_bundle',
    sa.Column('bundle_id', sa.Uuid(), nullable=False),
    sa.Column('direction', sa.String(length=3), nullable=False),
    sa.Column('stream', sa.String(length=120), nullable=False),
    sa.Column('sequence', sa.Integer(), nullable=False),
    sa.Column('bundle_hash', sa.String(length=64), nullable=False),
    sa.Column('summary', sa.Text(), nullable=False),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.CheckConstraint("direction IN ('in', 'out')", name=op.f('ck_sync_bundle_bundle_direction')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_sync_bundle'))
    )
    with op.batch_alter_table('sync_bundle', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_sync_bundle_bundle_id'), ['bundle_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_sync_bundle_bundle_hash'), ['bundle_hash'], unique=False)

    op.create_table('sync_stream',
    sa.Column('stream', sa.String(length=120), nullable=False),
    sa.Column('last_sequence', sa.Integer(), nullable=False),
    sa.Column('last_hash', sa.String(length=64), nullable=False),
    sa.Column('acked_sequence', sa.Integer(), nullable=False),
    sa.Column('acked_evidence', sa.Text(), nullable=False),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_sync_stream')),
    sa.UniqueConstraint('stream', name=op.f('uq_sync_stream_stream'))
    )
    op.create_table('trusted_key',
    sa.Column('office', sa.String(length=8), nullable=False),
    sa.Column('installation_id', sa.Uuid(), nullable=False),
    sa.Column('sign_key_id', sa.String(length=64), nullable=False),
    sa.Column('sign_public', sa.String(length=64), nullable=False),
    sa.Column('encrypt_key_id', sa.String(length=64), nullable=False),
    sa.Column('encrypt_public', sa.String(length=64), nullable=False),
    sa.Column('status', sa.String(length=10), nullable=False),
    sa.Column('revoked_from_sequence', sa.Integer(), nullable=True),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.CheckConstraint("status IN ('active', 'retired', 'revoked')", name=op.f('ck_trusted_key_trusted_key_status')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_trusted_key')),
    sa.UniqueConstraint('encrypt_key_id', name=op.f('uq_trusted_key_encrypt_key_id')),
    sa.UniqueConstraint('sign_key_id', name=op.f('uq_trusted_key_sign_key_id'))
    )
    with op.batch_alter_table('trusted_key', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_trusted_key_office'), ['office'], unique=False)

    op.create_table('evidence',
    sa.Column('commitment_id', sa.Uuid(), nullable=False),
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('size', sa.Integer(), nullable=False),
    sa.Column('name', sa.Text(), nullable=False),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['commitment_id'], ['commitment.id'], name=op.f('fk_evidence_commitment_id_commitment'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_evidence'))
    )
    with op.batch_alter_table('evidence', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_evidence_commitment_id'), ['commitment_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('evidence', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_evidence_commitment_id'))

    op.drop_table('evidence')
    with op.batch_alter_table('trusted_key', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_trusted_key_office'))

    op.drop_table('trusted_key')
    op.drop_table('sync_stream')
    with op.batch_alter_table('sync_bundle', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_sync_bundle_bundle_hash'))
        batch_op.drop_index(batch_op.f('ix_sync_bundle_bundle_id'))

    op.drop_table('sync_bundle')
    op.drop_table('sync_audit')
    with op.batch_alter_table('programme_review', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_programme_review_region_code'))

    op.drop_table('programme_review')
    op.drop_table('own_key')
    with op.batch_alter_table('observation', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_observation_region_code'))

    op.drop_table('observation')
    op.drop_table('installation')
