"""session_claims: one-time tickets a browser trades for its HttpOnly session cookie

Sessions opened before this revision handed their token to page scripts (local
storage); they are ended, so everyone logs in once more and gets the cookie.

Revision ID: 0015
Revises: 0013
Create Date: 2026-12-05 08:50:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel

from alembic import op

revision: str = "0015"
down_revision: str | Sequence[str] | None = "0013"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "session_claims",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("claim_hash", sa.String(length=64), nullable=False),
        sa.Column("auth_session_id", sa.Integer(), nullable=False),
        sa.Column("expires_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(["auth_session_id"], ["auth_sessions.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("claim_hash"),
    )
    with op.batch_alter_table("session_claims") as batch:
        batch.create_index(
            batch.f("ix_session_claims_auth_session_id"), ["auth_session_id"], unique=False
        )
        batch.create_index(batch.f("ix_session_claims_expires_at"), ["expires_at"], unique=False)
    op.execute("DELETE FROM auth_sessions")


def downgrade() -> None:
    with op.batch_alter_table("session_claims") as batch:
        batch.drop_index(batch.f("ix_session_claims_expires_at"))
        batch.drop_index(batch.f("ix_session_claims_auth_session_id"))
    op.drop_table("session_claims")
