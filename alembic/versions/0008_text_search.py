"""text search: FTS5 trigram tables + triggers (SQLite), pg_trgm GIN indexes (PostgreSQL)

Concierge request descriptions, user names and e-mails, purchase payment ids and
bundle names (see ``castyou/models/search_index.py``).

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-05 05:30:00
"""

from collections.abc import Sequence

from alembic import op
from castyou.models.search_index import create_statements, drop_statements

revision: str = "0008"
down_revision: str | Sequence[str] | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    for statement in create_statements(op.get_bind().dialect.name):
        op.execute(statement)


def downgrade() -> None:
    for statement in drop_statements(op.get_bind().dialect.name):
        op.execute(statement)
