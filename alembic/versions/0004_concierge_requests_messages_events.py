"""concierge requests messages events

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-23 01:26:36.747773
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op


revision: str = '0004'
down_revision: str | Sequence[str] | None = '0003'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('concierge_requests',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('request_type', sa.String(length=16), nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('stars_cost', sa.Integer(), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('idempotency_key', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('spend_entry_id', sa.Integer(), nullable=True),
    sa.Column('assignee_id', sa.Integer(), nullable=True),
    sa.Column('sla_due_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.Column('admin_notes', sa.Text(), nullable=True),
    sa.Column('result', sa.JSON(), nullable=True),
    sa.Column('rating', sa.Integer(), nullable=True),
    sa.Column('rating_comment', sqlmodel.sql.sqltypes.AutoString(length=500), nullable=True),
    sa.Column('rated_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
    sa.Column('created_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.Column('updated_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.CheckConstraint('rating IS NULL OR (rating >= 1 AND rating <= 5)', name='ck_concierge_rating_range'),
    sa.CheckConstraint('stars_cost > 0', name='ck_concierge_cost_positive'),
    sa.ForeignKeyConstraint(['assignee_id'], ['users.id'], ),
    sa.ForeignKeyConstraint(['spend_entry_id'], ['castars_ledger.id'], ),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('user_id', 'idempotency_key', name='uq_concierge_user_idem')
    )
    with op.batch_alter_table('concierge_requests', schema=None) as batch_op:
        batch_op.create_index('ix_concierge_assignee_sla', ['assignee_id', 'sla_due_at'], unique=False)
        batch_op.create_index('ix_concierge_created', ['created_at', 'id'], unique=False)
        batch_op.create_index('ix_concierge_sla', ['sla_due_at', 'id'], unique=False)
        batch_op.create_index('ix_concierge_status_created', ['status', 'created_at', 'id'], unique=False)
        batch_op.create_index('ix_concierge_status_sla', ['status', 'sla_due_at', 'id'], unique=False)
        batch_op.create_index('ix_concierge_user_created', ['user_id', 'created_at'], unique=False)

    op.create_table('concierge_events',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('request_id', sa.Integer(), nullable=False),
    sa.Column('actor_id', sa.Integer(), nullable=True),
    sa.Column('kind', sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
    sa.Column('from_status', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=True),
    sa.Column('to_status', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=True),
    sa.Column('assignee_id', sa.Integer(), nullable=True),
    sa.Column('note', sa.Text(), nullable=True),
    sa.Column('created_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['actor_id'], ['users.id'], ),
    sa.ForeignKeyConstraint(['assignee_id'], ['users.id'], ),
    sa.ForeignKeyConstraint(['request_id'], ['concierge_requests.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('concierge_events', schema=None) as batch_op:
        batch_op.create_index('ix_concierge_events_request_id', ['request_id', 'id'], unique=False)

    op.create_table('concierge_messages',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('request_id', sa.Integer(), nullable=False),
    sa.Column('author_id', sa.Integer(), nullable=False),
    sa.Column('body', sa.Text(), nullable=False),
    sa.Column('internal', sa.Boolean(), nullable=False),
    sa.Column('created_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['author_id'], ['users.id'], ),
    sa.ForeignKeyConstraint(['request_id'], ['concierge_requests.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('concierge_messages', schema=None) as batch_op:
        batch_op.create_index('ix_concierge_messages_request_id', ['request_id', 'id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('concierge_messages', schema=None) as batch_op:
        batch_op.drop_index('ix_concierge_messages_request_id')

    op.drop_table('concierge_messages')
    with op.batch_alter_table('concierge_events', schema=None) as batch_op:
        batch_op.drop_index('ix_concierge_events_request_id')

    op.drop_table('concierge_events')
    with op.batch_alter_table('concierge_requests', schema=None) as batch_op:
        batch_op.drop_index('ix_concierge_user_created')
        batch_op.drop_index('ix_concierge_status_sla')
        batch_op.drop_index('ix_concierge_status_created')
        batch_op.drop_index('ix_concierge_sla')
        batch_op.drop_index('ix_concierge_created')
        batch_op.drop_index('ix_concierge_assignee_sla')

    op.drop_table('concierge_requests')
