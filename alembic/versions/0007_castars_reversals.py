"""castars_reversals: every reversed card payment, also those that debit nothing

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-23 18:08:58.337306
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op


revision: str = '0007'
down_revision: str | Sequence[str] | None = '0006'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('castars_reversals',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('idem_key', sa.String(length=160), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('stars', sa.Integer(), nullable=False),
    sa.Column('debited', sa.Integer(), nullable=False),
    sa.Column('entry_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.CheckConstraint('debited >= 0 AND debited <= stars', name='ck_reversal_debited_range'),
    sa.CheckConstraint('stars > 0', name='ck_reversal_stars_positive'),
    sa.ForeignKeyConstraint(['entry_id'], ['castars_ledger.id'], ),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('idem_key')
    )
    with op.batch_alter_table('castars_reversals', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_castars_reversals_user_id'), ['user_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('castars_reversals', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_castars_reversals_user_id'))

    op.drop_table('castars_reversals')
