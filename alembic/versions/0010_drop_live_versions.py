"""drop live_versions: changes are pushed to open tabs, nothing polls counters

Revision ID: 0010
Revises: 0007
Create Date: 2026-12-05 05:20:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "0010"
down_revision: str | Sequence[str] | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.drop_table("live_versions")


def downgrade() -> None:
    op.create_table(
        "live_versions",
        sa.Column("channel", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("channel"),
    )
