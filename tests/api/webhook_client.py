"""HTTP helpers for webhook tests: post signed bodies, read what the webhook committed."""

from __future__ import annotations

from typing import Any

from fastapi.testclient import TestClient
from sqlmodel import Session, col, func, select

from castyou.models.ledger import LedgerEntry, Source
from castyou.models.payments import CasTarsPurchase, WebhookDelivery
from castyou.services.castars import ledger
from tests.payment_helpers import signed

POPULAR_TOTAL = 1_650


def post(client: TestClient, body: bytes, header: str | None) -> Any:
    headers = {"Content-Type": "application/json"}
    if header is not None:
        headers["Stripe-Signature"] = header
    return client.post("/api/stripe/webhook", content=body, headers=headers)


def send(client: TestClient, event: dict[str, Any]) -> Any:
    return post(client, *signed(event))


def fresh_snapshot(db: Session) -> None:
    """End the test session's read transaction so it sees what the webhook committed."""
    db.commit()
    db.expire_all()


def balance(db: Session, user_id: int | None) -> int:
    assert user_id is not None
    fresh_snapshot(db)
    return ledger.get_balance(session=db, user_id=user_id).balance


def purchased_entries(db: Session, user_id: int | None) -> int:
    fresh_snapshot(db)
    return db.exec(
        select(func.count()).where(
            LedgerEntry.user_id == user_id, LedgerEntry.source == Source.PURCHASED
        )
    ).one()


def deliveries(db: Session) -> list[WebhookDelivery]:
    fresh_snapshot(db)
    return list(db.exec(select(WebhookDelivery).order_by(col(WebhookDelivery.id))))


def reload(db: Session, purchase: CasTarsPurchase) -> CasTarsPurchase:
    fresh_snapshot(db)
    fresh = db.get(CasTarsPurchase, purchase.id)
    assert fresh is not None
    return fresh
