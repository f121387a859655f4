"""casting surfaces and active features

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-23 01:10:15.279674
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op


revision: str = '0003'
down_revision: str | Sequence[str] | None = '0002'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('company_profiles',
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('company_name', sqlmodel.sql.sqltypes.AutoString(length=120), nullable=False),
    sa.Column('website', sqlmodel.sql.sqltypes.AutoString(length=300), nullable=False),
    sa.Column('about', sa.Text(), nullable=False),
    sa.Column('updated_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], ),
    sa.PrimaryKeyConstraint('user_id')
    )
    op.create_table('jobs',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('producer_id', sa.Integer(), nullable=False),
    sa.Column('title', sqlmodel.sql.sqltypes.AutoString(length=120), nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('location', sqlmodel.sql.sqltypes.AutoString(length=80), nullable=False),
    sa.Column('shoot_date', sa.Date(), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('created_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['producer_id'], ['users.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('jobs', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_jobs_producer_id'), ['producer_id'], unique=False)
        batch_op.create_index('ix_jobs_status_created', ['status', 'created_at'], unique=False)

    op.create_table('talent_profiles',
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('headline', sqlmodel.sql.sqltypes.AutoString(length=120), nullable=False),
    sa.Column('location', sqlmodel.sql.sqltypes.AutoString(length=80), nullable=False),
    sa.Column('birth_year', sa.Integer(), nullable=True),
    sa.Column('available_from', sa.Date(), nullable=True),
    sa.Column('photo_url', sqlmodel.sql.sqltypes.AutoString(length=500), nullable=False),
    sa.Column('bio', sa.Text(), nullable=False),
    sa.Column('skills', sqlmodel.sql.sqltypes.AutoString(length=600), nullable=False),
    sa.Column('languages', sqlmodel.sql.sqltypes.AutoString(length=300), nullable=False),
    sa.Column('experience', sa.Text(), nullable=False),
    sa.Column('reel_links', sa.Text(), nullable=False),
    sa.Column('has_reel', sa.Boolean(), nullable=False),
    sa.Column('search_text', sa.Text(), nullable=False),
    sa.Column('listed', sa.Boolean(), nullable=False),
    sa.Column('updated_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], ),
    sa.PrimaryKeyConstraint('user_id')
    )
    with op.batch_alter_table('talent_profiles', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_talent_profiles_birth_year'), ['birth_year'], unique=False)
        batch_op.create_index('ix_talent_profiles_listed_updated', ['listed', 'updated_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_talent_profiles_location'), ['location'], unique=False)

    op.create_table('applications',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('job_id', sa.Integer(), nullable=False),
    sa.Column('talent_id', sa.Integer(), nullable=False),
    sa.Column('note', sqlmodel.sql.sqltypes.AutoString(length=500), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('created_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['job_id'], ['jobs.id'], ),
    sa.ForeignKeyConstraint(['talent_id'], ['users.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('job_id', 'talent_id', name='uq_applications_job_talent')
    )
    with op.batch_alter_table('applications', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_applications_job_id'), ['job_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_applications_talent_id'), ['talent_id'], unique=False)

    op.create_table('conversations',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_low', sa.Integer(), nullable=False),
    sa.Column('user_high', sa.Integer(), nullable=False),
    sa.Column('context', sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
    sa.Column('job_id', sa.Integer(), nullable=True),
    sa.Column('last_message_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.Column('created_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['job_id'], ['jobs.id'], ),
    sa.ForeignKeyConstraint(['user_high'], ['users.id'], ),
    sa.ForeignKeyConstraint(['user_low'], ['users.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('user_low', 'user_high', 'context', name='uq_conversations_pair_context')
    )
    with op.batch_alter_table('conversations', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_conversations_user_high'), ['user_high'], unique=False)
        batch_op.create_index(batch_op.f('ix_conversations_user_low'), ['user_low'], unique=False)

    op.create_table('active_features',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('feature', sa.String(length=32), nullable=False),
    sa.Column('target_type', sa.String(length=16), nullable=False),
    sa.Column('target_id', sa.Integer(), nullable=False),
    sa.Column('starts_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.Column('ends_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
    sa.Column('revoked_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
    sa.Column('source', sa.String(length=8), nullable=False),
    sa.Column('ledger_entry_id', sa.Integer(), nullable=True),
    sa.Column('grant_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['grant_id'], ['feature_grants.id'], ),
    sa.ForeignKeyConstraint(['ledger_entry_id'], ['castars_ledger.id'], ),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('active_features', schema=None) as batch_op:
        batch_op.create_index('ix_active_features_feature_ends', ['feature', 'ends_at'], unique=False)
        batch_op.create_index('ix_active_features_lookup', ['feature', 'target_id', 'ends_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_active_features_user_id'), ['user_id'], unique=False)

    op.create_table('messages',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('conversation_id', sa.Integer(), nullable=False),
    sa.Column('sender_id', sa.Integer(), nullable=False),
    sa.Column('body', sqlmodel.sql.sqltypes.AutoString(length=2000), nullable=False),
    sa.Column('created_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['conversation_id'], ['conversations.id'], ),
    sa.ForeignKeyConstraint(['sender_id'], ['users.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('messages', schema=None) as batch_op:
        batch_op.create_index('ix_messages_conversation_created', ['conversation_id', 'created_at'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('messages', schema=None) as batch_op:
        batch_op.drop_index('ix_messages_conversation_created')

    op.drop_table('messages')
    with op.batch_alter_table('active_features', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_active_features_user_id'))
        batch_op.drop_index('ix_active_features_lookup')
        batch_op.drop_index('ix_active_features_feature_ends')

    op.drop_table('active_features')
    with op.batch_alter_table('conversations', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_conversations_user_low'))
        batch_op.drop_index(batch_op.f('ix_conversations_user_high'))

    op.drop_table('conversations')
    with op.batch_alter_table('applications', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_applications_talent_id'))
        batch_op.drop_index(batch_op.f('ix_applications_job_id'))

    op.drop_table('applications')
    with op.batch_alter_table('talent_profiles', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_talent_profiles_location'))
        batch_op.drop_index('ix_talent_profiles_listed_updated')
        batch_op.drop_index(batch_op.f('ix_talent_profiles_birth_year'))

    op.drop_table('talent_profiles')
    with op.batch_alter_table('jobs', schema=None) as batch_op:
        batch_op.drop_index('ix_jobs_status_created')
        batch_op.drop_index(batch_op.f('ix_jobs_producer_id'))

    op.drop_table('jobs')
    op.drop_table('company_profiles')
