"""initial schema: service, regions, years, programmes, objectives, commitments, progress

Revision ID: 0001
Revises:
Create Date: 2026-11-22
"""

import datetime as dt
import uuid

import sqlalchemy as sa
from alembic import op

# The 16 regions (CUT, ISO 3166-2:CL, name), seed 002. Frozen here: a migration never imports
# the app's current code. Their UUIDs are derived from the ISO code, so every installation
# gives a region the same id (the sync bundles rely on it).
REGION_NAMESPACE = uuid.UUID("6f1c2a0e-8f3e-4d55-9b1e-3f4c2d1a0b01")
REGIONS = [
    ("01", "CL-TA", "Tarapacá"), ("02", "CL-AN", "Antofagasta"), ("03", "CL-AT", "Atacama"),
    ("04", "CL-CO", "Coquimbo"), ("05", "CL-VS", "Valparaíso"), ("06", "CL-LI", "O'Higgins"),
    ("07", "CL-ML", "Maule"), ("08", "CL-BI", "Biobío"), ("09", "CL-AR", "La Araucanía"),
    ("10", "CL-LL", "Los Lagos"), ("11", "CL-AI", "Aysén"), ("12", "CL-MA", "Magallanes"),
    ("13", "CL-RM", "Metropolitana"), ("14", "CL-LR", "Los Ríos"), ("15", "CL-AP", "Arica y Parinacota"),
    ("16", "CL-NB", "Ñuble"),
]


revision = '0001'
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('region',
    sa.Column('cut', sa.String(length=2), nullable=False),
    sa.Column('iso_code', sa.String(length=6), nullable=False),
    sa.Column('name', sa.String(length=100), nullable=False),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_region')),
    sa.UniqueConstraint('cut', name=op.f('uq_region_cut')),
    sa.UniqueConstraint('iso_code', name=op.f('uq_region_iso_code'))
    )
    op.create_table('service',
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('acronym', sa.String(length=40), nullable=False),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_service')),
    sa.UniqueConstraint('acronym', name=op.f('uq_service_acronym'))
    )
    op.create_table('reporting_year',
    sa.Column('service_id', sa.Uuid(), nullable=False),
    sa.Column('region_id', sa.Uuid(), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('responsible_office', sa.Text(), nullable=False),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['region_id'], ['region.id'], name=op.f('fk_reporting_year_region_id_region'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['service_id'], ['service.id'], name=op.f('fk_reporting_year_service_id_service'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_reporting_year')),
    sa.UniqueConstraint('service_id', 'region_id', 'year', name='service_region_year')
    )
    op.create_table('work_programme',
    sa.Column('reporting_year_id', sa.Uuid(), nullable=False),
    sa.Column('form', sa.String(length=5), nullable=False),
    sa.Column('responsible_office', sa.Text(), nullable=False),
    sa.Column('instance_name', sa.Text(), nullable=False),
    sa.Column('main_problem', sa.Text(), nullable=False),
    sa.Column('territories', sa.Text(), nullable=False),
    sa.Column('institutions', sa.Text(), nullable=False),
    sa.Column('products', sa.Text(), nullable=False),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.CheckConstraint("form IN ('III.1', 'III.2', 'III.3')", name=op.f('ck_work_programme_form_kind')),
    sa.ForeignKeyConstraint(['reporting_year_id'], ['reporting_year.id'], name=op.f('fk_work_programme_reporting_year_id_reporting_year'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_work_programme')),
    sa.UniqueConstraint('reporting_year_id', 'form', name='year_form')
    )
    op.create_table('objective',
    sa.Column('programme_id', sa.Uuid(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('section', sa.String(length=2), nullable=True),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('indicator', sa.Text(), nullable=False),
    sa.Column('indicator_result', sa.Text(), nullable=False),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.CheckConstraint("section IS NULL OR section IN ('11', '12', '13')", name=op.f('ck_objective_section_code')),
    sa.ForeignKeyConstraint(['programme_id'], ['work_programme.id'], name=op.f('fk_objective_programme_id_work_programme'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_objective'))
    )
    with op.batch_alter_table('objective', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_objective_programme_id'), ['programme_id'], unique=False)

    op.create_table('commitment',
    sa.Column('objective_id', sa.Uuid(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=10), nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('responsible_unit', sa.Text(), nullable=False),
    sa.Column('verification_means', sa.Text(), nullable=False),
    sa.Column('weight_text', sa.Text(), nullable=False),
    sa.Column('weight', sa.String(length=40), nullable=True),
    sa.Column('met', sa.Boolean(), nullable=True),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.CheckConstraint("kind IN ('activity', 'goal')", name=op.f('ck_commitment_commitment_kind')),
    sa.ForeignKeyConstraint(['objective_id'], ['objective.id'], name=op.f('fk_commitment_objective_id_objective'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_commitment'))
    )
    with op.batch_alter_table('commitment', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_commitment_objective_id'), ['objective_id'], unique=False)

    op.create_table('progress_analysis',
    sa.Column('objective_id', sa.Uuid(), nullable=False),
    sa.Column('quarter', sa.Integer(), nullable=False),
    sa.Column('objective_text', sa.Text(), nullable=False),
    sa.Column('progress', sa.Text(), nullable=False),
    sa.Column('authority_measures', sa.Text(), nullable=False),
    sa.Column('recommendations', sa.Text(), nullable=False),
    sa.Column('responsible', sa.Text(), nullable=False),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.CheckConstraint('quarter BETWEEN 1 AND 4', name=op.f('ck_progress_analysis_quarter_range')),
    sa.ForeignKeyConstraint(['objective_id'], ['objective.id'], name=op.f('fk_progress_analysis_objective_id_objective'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_progress_analysis')),
    sa.UniqueConstraint('objective_id', 'quarter', name='objective_quarter')
    )
    with op.batch_alter_table('progress_analysis', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_progress_analysis_objective_id'), ['objective_id'], unique=False)


    region = sa.table(
        "region",
        sa.column("id", sa.Uuid()), sa.column("cut", sa.String()), sa.column("iso_code", sa.String()),
        sa.column("name", sa.String()), sa.column("created_at", sa.DateTime()), sa.column("updated_at", sa.DateTime()),
    )
    now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    op.bulk_insert(region, [
        {"id": uuid.uuid5(REGION_NAMESPACE, iso), "cut": cut, "iso_code": iso, "name": name, "created_at": now, "updated_at": now}
        for cut, iso, name in REGIONS
    ])


def downgrade() -> None:
    with op.batch_alter_table('progress_analysis', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_progress_analysis_objective_id'))

    op.drop_table('progress_analysis')
    with op.batch_alter_table('commitment', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_commitment_objective_id'))

    op.drop_table('commitment')
    with op.batch_alter_table('objective', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_objective_programme_id'))

    op.drop_table('objective')
    op.drop_table('work_programme')
    op.drop_table('reporting_year')
    op.drop_table('service')
    op.drop_table('region')
