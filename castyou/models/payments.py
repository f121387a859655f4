"""CasTars bundles sold for real money, their purchases, refunds and Stripe webhook deliveries."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from sqlalchemy import CheckConstraint, Column, Index, String, Text
from sqlmodel import Field, SQLModel

from castyou.clock import utcnow


class PurchaseStatus(StrEnum):
    PENDING = "PENDING"
    COMPLETED = "COMPLETED"
    FAILED = "FAILED"
    REFUNDED = "REFUNDED"


class DeliveryOutcome(StrEnum):
    """What became of one verified webhook delivery."""

    RECEIVED = "RECEIVED"
    PROCESSED = "PROCESSED"
    IGNORED = "IGNORED"
    UNMATCHED = "UNMATCHED"
    FLAGGED = "FLAGGED"
    ERROR = "ERROR"


class CasTarsBundle(SQLModel, table=True):
    """A bundle on sale; the price and stars charged always come from this row."""

    __tablename__ = "castars_bundles"
    __table_args__ = (
        CheckConstraint("stars > 0", name="ck_bundle_stars_positive"),
        CheckConstraint("bonus_stars >= 0", name="ck_bundle_bonus_non_negative"),
        CheckConstraint("price_cents > 0", name="ck_bundle_price_positive"),
    )

    id: str = Field(primary_key=True, max_length=32)
    name: str = Field(max_length=60)
    stars: int
    bonus_stars: int = Field(default=0)
    price_cents: int
    currency: str = Field(default="USD", max_length=3)
    best_value: bool = Field(default=False)
    sort_order: int = Field(default=0)
    is_active: bool = Field(default=True)
    created_at: datetime = Field(default_factory=utcnow)


class CasTarsPurchase(SQLModel, table=True):
    """One attempt to buy a bundle; the payment intent id is unique (one credit per payment)."""

    __tablename__ = "castars_purchases"
    __table_args__ = (
        CheckConstraint("stars_awarded > 0", name="ck_purchase_stars_positive"),
        CheckConstraint("price_cents > 0", name="ck_purchase_price_positive"),
        CheckConstraint(
            "refunded_cents >= 0 AND refunded_cents <= price_cents",
            name="ck_purchase_refunded_cents_range",
        ),
        CheckConstraint(
            "refunded_stars >= 0 AND refunded_stars <= stars_awarded",
            name="ck_purchase_refunded_stars_range",
        ),
        Index("ix_castars_purchases_user_id_id", "user_id", "id"),
    )

    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(foreign_key="users.id")
    bundle_id: str = Field(foreign_key="castars_bundles.id", max_length=32)
    bundle_name: str = Field(max_length=60)
    stars_awarded: int
    price_cents: int
    currency: str = Field(default="USD", max_length=3)
    stripe_payment_id: str | None = Field(
        default=None, sa_column=Column(String(255), unique=True, nullable=True)
    )
    status: PurchaseStatus = Field(
        default=PurchaseStatus.PENDING, sa_column=Column(String(16), nullable=False, index=True)
    )
    failure_code: str | None = Field(default=None, max_length=60)
    failure_message: str | None = Field(default=None, max_length=500)
    review_reason: str | None = Field(default=None, max_length=200)
    refunded_cents: int = Field(default=0)
    refunded_stars: int = Field(default=0)
    refund_shortfall: int = Field(default=0)
    card_brand: str | None = Field(default=None, max_length=20)
    card_last4: str | None = Field(default=None, max_length=4)
    created_at: datetime = Field(default_factory=utcnow)
    updated_at: datetime = Field(default_factory=utcnow)
    completed_at: datetime | None = None


class PurchaseRefund(SQLModel, table=True):
    """One Stripe refund applied to a purchase, at most once (unique refund id)."""

    __tablename__ = "castars_purchase_refunds"
    __table_args__ = (
        CheckConstraint("amount_cents > 0", name="ck_refund_amount_positive"),
        CheckConstraint("stars >= 0 AND debited >= 0 AND shortfall >= 0", name="ck_refund_stars"),
    )

    id: int | None = Field(default=None, primary_key=True)
    purchase_id: int = Field(foreign_key="castars_purchases.id", index=True)
    refund_id: str = Field(sa_column=Column(String(255), unique=True, nullable=False))
    amount_cents: int
    stars: int
    debited: int
    shortfall: int
    created_at: datetime = Field(default_factory=utcnow)


class WebhookDelivery(SQLModel, table=True):
    """Every verified Stripe event, kept so an admin can inspect and replay it."""

    __tablename__ = "stripe_webhook_deliveries"

    id: int | None = Field(default=None, primary_key=True)
    event_id: str = Field(sa_column=Column(String(255), unique=True, nullable=False))
    event_type: str = Field(max_length=100, index=True)
    payment_id: str | None = Field(default=None, max_length=255, index=True)
    payload: str = Field(sa_column=Column(Text, nullable=False))
    outcome: DeliveryOutcome = Field(
        default=DeliveryOutcome.RECEIVED, sa_column=Column(String(16), nullable=False, index=True)
    )
    error: str | None = Field(default=None, max_length=500)
    attempts: int = Field(default=1)
    received_at: datetime = Field(default_factory=utcnow, index=True)
    processed_at: datetime | None = None
