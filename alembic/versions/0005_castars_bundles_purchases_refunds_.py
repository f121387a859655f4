"""castars bundles purchases refunds webhook deliveries

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-23 01:12:00.893705
"""

from collections.abc import Sequence
from datetime import UTC, datetime

import sqlalchemy as sa
import sqlmodel
from alembic import op


revision: str = '0005'
down_revision: str | Sequence[str] | None = '0004'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# The bundles on sale when this revision was written (castyou/services/bundles.py is the
# live registry; a migration keeps its own frozen copy).
_BUNDLES = (
    ("starter", "Starter", 500, 0, 499, False, 0),
    ("popular", "Popular", 1500, 150, 1299, True, 1),
    ("pro", "Pro", 4000, 600, 2999, False, 2),
)


def upgrade() -> None:
    op.create_table('castars_bundles',
    sa.Column('id', sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
    sa.Column('name', sqlmodel.sql.sqltypes.AutoString(length=60), nullable=False),
    sa.Column('stars', sa.Integer(), nullable=False),
    sa.Column('bonus_stars', sa.Integer(), nullable=False),
    sa.Column('price_cents', sa.Integer(), nullable=False),
    sa.Column('currency', sqlmodel.sql.sqltypes.AutoString(length=3), nullable=False),
    sa.Column('best_value', sa.Boolean(), nullable=False),
    sa.Column('sort_order', sa.Integer(), nullable=False),
    sa.Column('is_active', sa.Boolean(), nullable=False),
    sa.Column('created_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.CheckConstraint('bonus_stars >= 0', name='ck_bundle_bonus_non_negative'),
    sa.CheckConstraint('price_cents > 0', name='ck_bundle_price_positive'),
    sa.CheckConstraint('stars > 0', name='ck_bundle_stars_positive'),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_table('stripe_webhook_deliveries',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('event_id', sa.String(length=255), nullable=False),
    sa.Column('event_type', sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
    sa.Column('payment_id', sqlmodel.sql.sqltypes.AutoString(length=255), nullable=True),
    sa.Column('payload', sa.Text(), nullable=False),
    sa.Column('outcome', sa.String(length=16), nullable=False),
    sa.Column('error', sqlmodel.sql.sqltypes.AutoString(length=500), nullable=True),
    sa.Column('attempts', sa.Integer(), nullable=False),
    sa.Column('received_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.Column('processed_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('event_id')
    )
    with op.batch_alter_table('stripe_webhook_deliveries', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_stripe_webhook_deliveries_event_type'), ['event_type'], unique=False)
        batch_op.create_index(batch_op.f('ix_stripe_webhook_deliveries_outcome'), ['outcome'], unique=False)
        batch_op.create_index(batch_op.f('ix_stripe_webhook_deliveries_payment_id'), ['payment_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_stripe_webhook_deliveries_received_at'), ['received_at'], unique=False)

    op.create_table('castars_purchases',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('bundle_id', sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
    sa.Column('bundle_name', sqlmodel.sql.sqltypes.AutoString(length=60), nullable=False),
    sa.Column('stars_awarded', sa.Integer(), nullable=False),
    sa.Column('price_cents', sa.Integer(), nullable=False),
    sa.Column('currency', sqlmodel.sql.sqltypes.AutoString(length=3), nullable=False),
    sa.Column('stripe_payment_id', sa.String(length=255), nullable=True),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('failure_code', sqlmodel.sql.sqltypes.AutoString(length=60), nullable=True),
    sa.Column('failure_message', sqlmodel.sql.sqltypes.AutoString(length=500), nullable=True),
    sa.Column('review_reason', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=True),
    sa.Column('refunded_cents', sa.Integer(), nullable=False),
    sa.Column('refunded_stars', sa.Integer(), nullable=False),
    sa.Column('refund_shortfall', sa.Integer(), nullable=False),
    sa.Column('created_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.Column('updated_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.Column('completed_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
    sa.CheckConstraint('price_cents > 0', name='ck_purchase_price_positive'),
    sa.CheckConstraint('refunded_cents >= 0 AND refunded_cents <= price_cents', name='ck_purchase_refunded_cents_range'),
    sa.CheckConstraint('refunded_stars >= 0 AND refunded_stars <= stars_awarded', name='ck_purchase_refunded_stars_range'),
    sa.CheckConstraint('stars_awarded > 0', name='ck_purchase_stars_positive'),
    sa.ForeignKeyConstraint(['bundle_id'], ['castars_bundles.id'], ),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('stripe_payment_id')
    )
    with op.batch_alter_table('castars_purchases', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_castars_purchases_status'), ['status'], unique=False)
        batch_op.create_index('ix_castars_purchases_user_id_id', ['user_id', 'id'], unique=False)

    op.create_table('castars_purchase_refunds',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('purchase_id', sa.Integer(), nullable=False),
    sa.Column('refund_id', sa.String(length=255), nullable=False),
    sa.Column('amount_cents', sa.Integer(), nullable=False),
    sa.Column('stars', sa.Integer(), nullable=False),
    sa.Column('debited', sa.Integer(), nullable=False),
    sa.Column('shortfall', sa.Integer(), nullable=False),
    sa.Column('created_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.CheckConstraint('amount_cents > 0', name='ck_refund_amount_positive'),
    sa.CheckConstraint('stars >= 0 AND debited >= 0 AND shortfall >= 0', name='ck_refund_stars'),
    sa.ForeignKeyConstraint(['purchase_id'], ['castars_purchases.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('refund_id')
    )
    with op.batch_alter_table('castars_purchase_refunds', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_castars_purchase_refunds_purchase_id'), ['purchase_id'], unique=False)

    bundles = sa.table(
        'castars_bundles',
        sa.column('id', sa.String), sa.column('name', sa.String), sa.column('stars', sa.Integer),
        sa.column('bonus_stars', sa.Integer), sa.column('price_cents', sa.Integer),
        sa.column('currency', sa.String), sa.column('best_value', sa.Boolean),
        sa.column('sort_order', sa.Integer), sa.column('is_active', sa.Boolean),
        sa.column('created_at', sa.DateTime(timezone=True)),
    )
    now = datetime.now(UTC)
    op.bulk_insert(bundles, [
        {'id': bid, 'name': name, 'stars': stars, 'bonus_stars': bonus, 'price_cents': price,
         'currency': 'USD', 'best_value': best, 'sort_order': order, 'is_active': True,
         'created_at': now}
        for bid, name, stars, bonus, price, best, order in _BUNDLES
    ])


def downgrade() -> None:
    with op.batch_alter_table('castars_purchase_refunds', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_castars_purchase_refunds_purchase_id'))

    op.drop_table('castars_purchase_refunds')
    with op.batch_alter_table('castars_purchases', schema=None) as batch_op:
        batch_op.drop_index('ix_castars_purchases_user_id_id')
        batch_op.drop_index(batch_op.f('ix_castars_purchases_status'))

    op.drop_table('castars_purchases')
    with op.batch_alter_table('stripe_webhook_deliveries', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_stripe_webhook_deliveries_received_at'))
        batch_op.drop_index(batch_op.f('ix_stripe_webhook_deliveries_payment_id'))
        batch_op.drop_index(batch_op.f('ix_stripe_webhook_deliveries_outcome'))
        batch_op.drop_index(batch_op.f('ix_stripe_webhook_deliveries_event_type'))

    op.drop_table('stripe_webhook_deliveries')
    op.drop_table('castars_bundles')
