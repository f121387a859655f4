"""signup_attempts, referral_rewards and a ledger index: earning limits nobody can farm

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-05 08:50:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel

from alembic import op

revision: str = "0013"
down_revision: str | Sequence[str] | None = "0012"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "signup_attempts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("client_key", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("created_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_signup_attempts_client_key", "signup_attempts", ["client_key"])
    op.create_index("ix_signup_attempts_created_at", "signup_attempts", ["created_at"])
    op.create_table(
        "referral_rewards",
        sa.Column("referred_user_id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("referrer_id", sa.Integer(), nullable=False),
        sa.Column("paid", sa.Boolean(), nullable=False),
        sa.Column("entry_id", sa.Integer(), nullable=True),
        sa.Column("decided_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(["entry_id"], ["castars_ledger.id"]),
        sa.ForeignKeyConstraint(["referred_user_id"], ["users.id"]),
        sa.ForeignKeyConstraint(["referrer_id"], ["users.id"]),
        sa.PrimaryKeyConstraint("referred_user_id"),
    )
    op.create_index("ix_referral_rewards_referrer_id", "referral_rewards", ["referrer_id"])
    op.create_index("ix_referral_rewards_decided_at", "referral_rewards", ["decided_at"])
    # A plain CREATE INDEX: a batch (table copy) would drop the ledger's append-only triggers.
    op.create_index(
        "ix_castars_ledger_ref_id_created_at", "castars_ledger", ["ref_id", "created_at"]
    )


def downgrade() -> None:
    op.drop_index("ix_castars_ledger_ref_id_created_at", table_name="castars_ledger")
    op.drop_table("referral_rewards")
    op.drop_table("signup_attempts")
