"""admin_promotions (a second admin approves every new admin) and admin_refund_requests
(amount, reason and click key of each admin refund)

Revision ID: 0011
Revises: 0015
Create Date: 2026-12-05 08:40:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel

from alembic import op

revision: str = "0011"
down_revision: str | Sequence[str] | None = "0015"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_PENDING = sa.text("status = 'PENDING'")


def upgrade() -> None:
    op.create_table(
        "admin_promotions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("requested_by_id", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("decided_by_id", sa.Integer(), nullable=True),
        sa.Column("decided_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
        sa.Column("created_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.CheckConstraint("requested_by_id <> user_id", name="ck_admin_promotion_not_self"),
        sa.CheckConstraint(
            "decided_by_id IS NULL OR"
            " (decided_by_id <> requested_by_id AND decided_by_id <> user_id)",
            name="ck_admin_promotion_second_admin",
        ),
        sa.ForeignKeyConstraint(["decided_by_id"], ["users.id"]),
        sa.ForeignKeyConstraint(["requested_by_id"], ["users.id"]),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("admin_promotions") as batch:
        batch.create_index("ix_admin_promotions_status", ["status"], unique=False)
        batch.create_index("ix_admin_promotions_user_id", ["user_id"], unique=False)
        batch.create_index(
            "uq_admin_promotions_pending_user",
            ["user_id"],
            unique=True,
            sqlite_where=_PENDING,
            postgresql_where=_PENDING,
        )
    op.create_table(
        "admin_refund_requests",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("purchase_id", sa.Integer(), nullable=False),
        sa.Column("admin_id", sa.Integer(), nullable=False),
        sa.Column("click_key", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("amount_cents", sa.Integer(), nullable=False),
        sa.Column("reason", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column("refund_id", sqlmodel.sql.sqltypes.AutoString(length=255), nullable=False),
        sa.Column("mode", sqlmodel.sql.sqltypes.AutoString(length=8), nullable=False),
        sa.Column("created_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.CheckConstraint("amount_cents > 0", name="ck_admin_refund_amount_positive"),
        sa.ForeignKeyConstraint(["admin_id"], ["users.id"]),
        sa.ForeignKeyConstraint(["purchase_id"], ["castars_purchases.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("admin_id", "click_key", name="uq_admin_refund_click"),
    )
    with op.batch_alter_table("admin_refund_requests") as batch:
        batch.create_index(
            "ix_admin_refund_requests_purchase_id", ["purchase_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("admin_refund_requests") as batch:
        batch.drop_index("ix_admin_refund_requests_purchase_id")
    op.drop_table("admin_refund_requests")
    with op.batch_alter_table("admin_promotions") as batch:
        batch.drop_index("uq_admin_promotions_pending_user")
        batch.drop_index("ix_admin_promotions_user_id")
        batch.drop_index("ix_admin_promotions_status")
    op.drop_table("admin_promotions")
