"""castars_purchases: the paying card's brand and last four digits, for receipts

Revision ID: 0012
Revises: 0007
Create Date: 2026-12-05 05:20:00
"""

from collections.abc import Sequence

import sqlalchemy as sa

from alembic import op

revision: str = "0012"
down_revision: str | Sequence[str] | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("castars_purchases") as batch:
        batch.add_column(sa.Column("card_brand", sa.String(length=20), nullable=True))
        batch.add_column(sa.Column("card_last4", sa.String(length=4), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("castars_purchases") as batch:
        batch.drop_column("card_last4")
        batch.drop_column("card_brand")
