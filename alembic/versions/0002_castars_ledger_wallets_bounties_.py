"""castars ledger wallets bounties notifications

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23 00:59:14.746172
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op


revision: str = '0002'
down_revision: str | Sequence[str] | None = '0001'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


_APPEND_ONLY_SQLITE = (
    "CREATE TRIGGER castars_ledger_no_update BEFORE UPDATE ON castars_ledger "
    "BEGIN SELECT RAISE(ABORT, 'castars_ledger is append-only'); END",
    "CREATE TRIGGER castars_ledger_no_delete BEFORE DELETE ON castars_ledger "
    "BEGIN SELECT RAISE(ABORT, 'castars_ledger is append-only'); END",
)
_APPEND_ONLY_POSTGRES = (
    "CREATE FUNCTION castars_ledger_append_only() RETURNS trigger AS $$ "
    "BEGIN RAISE EXCEPTION 'castars_ledger is append-only'; END; $$ LANGUAGE plpgsql",
    "CREATE TRIGGER castars_ledger_append_only BEFORE UPDATE OR DELETE ON castars_ledger "
    "FOR EACH ROW EXECUTE FUNCTION castars_ledger_append_only()",
)


def _append_only() -> None:
    """Ledger entries are never updated or deleted: the database refuses it too."""
    dialect = op.get_bind().dialect.name
    for statement in _APPEND_ONLY_POSTGRES if dialect == "postgresql" else _APPEND_ONLY_SQLITE:
        op.execute(statement)


def upgrade() -> None:

    op.create_table('bounty_redemptions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('milestone', sa.Integer(), nullable=False),
    sa.Column('bounty_type', sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
    sa.Column('redeemed_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('user_id', 'milestone', name='uq_bounty_user_milestone')
    )
    with op.batch_alter_table('bounty_redemptions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_bounty_redemptions_user_id'), ['user_id'], unique=False)

    op.create_table('castars_ledger',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('delta', sa.Integer(), nullable=False),
    sa.Column('reason', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.Column('source', sa.String(length=16), nullable=False),
    sa.Column('ref_id', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=True),
    sa.Column('idem_key', sa.String(length=160), nullable=True),
    sa.Column('balance', sa.Integer(), nullable=False),
    sa.Column('created_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.CheckConstraint('balance >= 0', name='ck_ledger_balance_non_negative'),
    sa.CheckConstraint('delta <> 0', name='ck_ledger_delta_non_zero'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('idem_key')
    )
    with op.batch_alter_table('castars_ledger', schema=None) as batch_op:
        batch_op.create_index('ix_castars_ledger_user_id_id', ['user_id', 'id'], unique=False)

    op.create_table('castars_wallets',
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('balance', sa.Integer(), nullable=False),
    sa.Column('lifetime_stars', sa.Integer(), nullable=False),
    sa.CheckConstraint('balance >= 0', name='ck_wallet_balance_non_negative'),
    sa.CheckConstraint('lifetime_stars >= 0', name='ck_wallet_lifetime_non_negative'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], ),
    sa.PrimaryKeyConstraint('user_id')
    )
    op.create_table('notifications',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('kind', sqlmodel.sql.sqltypes.AutoString(length=60), nullable=False),
    sa.Column('params', sa.JSON(), nullable=False),
    sa.Column('link', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=True),
    sa.Column('dedupe_key', sa.String(length=160), nullable=True),
    sa.Column('read_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
    sa.Column('created_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('dedupe_key')
    )
    with op.batch_alter_table('notifications', schema=None) as batch_op:
        batch_op.create_index('ix_notifications_user_id_id', ['user_id', 'id'], unique=False)

    op.create_table('feature_grants',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('kind', sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
    sa.Column('duration_hours', sa.Integer(), nullable=True),
    sa.Column('redemption_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.Column('consumed_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
    sa.ForeignKeyConstraint(['redemption_id'], ['bounty_redemptions.id'], ),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('feature_grants', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_feature_grants_user_id'), ['user_id'], unique=False)
    _append_only()


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TRIGGER IF EXISTS castars_ledger_append_only ON castars_ledger")
        op.execute("DROP FUNCTION IF EXISTS castars_ledger_append_only()")
    else:
        op.execute("DROP TRIGGER IF EXISTS castars_ledger_no_update")
        op.execute("DROP TRIGGER IF EXISTS castars_ledger_no_delete")

    with op.batch_alter_table('feature_grants', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_feature_grants_user_id'))

    op.drop_table('feature_grants')
    with op.batch_alter_table('notifications', schema=None) as batch_op:
        batch_op.drop_index('ix_notifications_user_id_id')

    op.drop_table('notifications')
    op.drop_table('castars_wallets')
    with op.batch_alter_table('castars_ledger', schema=None) as batch_op:
        batch_op.drop_index('ix_castars_ledger_user_id_id')

    op.drop_table('castars_ledger')
    with op.batch_alter_table('bounty_redemptions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_bounty_redemptions_user_id'))

    op.drop_table('bounty_redemptions')

