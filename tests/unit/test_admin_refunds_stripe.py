"""Admin refunds in Stripe mode: the real SDK against a fake Stripe, the ledger left to the webhook.

Each scenario buys the Popular bundle (US$12.99 for 1,650 stars), then an admin asks
for the refund. Asking only calls Stripe and writes the audit row; the stars come back
when Stripe's ``charge.refunded`` webhook arrives.
"""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import select as sa_select
from sqlmodel import Session, SQLModel, select

from castyou.models.admin import AdminAction
from castyou.models.payments import CasTarsPurchase, PurchaseStatus
from castyou.models.user import Role, User
from castyou.services.admin import refunds
from castyou.services.admin.refunds import RefundRequest
from castyou.services.castars import ledger
from castyou.services.errors import CasTyouError, Conflict, NotAllowed, NotFound
from castyou.services.payments import webhooks
from tests.factories import make_user
from tests.payment_helpers import open_purchase, payment_event, refund_event, secret, signed

MONEY_TABLES = (
    "castars_ledger",
    "castars_wallets",
    "castars_purchases",
    "castars_purchase_refunds",
)


def _deliver(db: Session, event: dict[str, Any]) -> None:
    body, signature = signed(event)
    webhooks.handle_webhook(session=db, payload=body, signature=signature, secret=secret())
    db.expire_all()


def _paid(db: Session, buyer: User) -> CasTarsPurchase:
    purchase = open_purchase(db, buyer, "popular")
    _deliver(db, payment_event(purchase))
    return purchase


def _money(db: Session) -> dict[str, list[tuple[str, ...]]]:
    """Every row of the ledger, wallets, purchases and applied refunds."""
    db.expire_all()
    return {
        name: sorted(
            tuple(map(str, row)) for row in db.execute(sa_select(SQLModel.metadata.tables[name]))
        )
        for name in MONEY_TABLES
    }


def _audit_rows(db: Session) -> list[AdminAction]:
    return list(db.exec(select(AdminAction)).all())


def _refund(
    db: Session, admin: User, purchase_id: int | None, key: str = "click-key-1"
) -> RefundRequest:
    assert admin.id is not None and purchase_id is not None
    return refunds.request_refund(
        session=db, actor_id=admin.id, purchase_id=purchase_id, reason="asked", click_key=key
    )


def test_refund_calls_stripe_audits_and_leaves_the_ledger_to_the_webhook(db, stripe_mode):
    admin, buyer = make_user(db, Role.ADMIN), make_user(db)
    purchase = _paid(db, buyer)
    before = _money(db)
    open_during_call: list[bool] = []
    stripe_mode.on_request = lambda: open_during_call.append(db.in_transaction())

    request = _refund(db, admin, purchase.id)

    assert request == RefundRequest(purchase.id, 1299, "re_fake", "stripe")
    [sent] = stripe_mode.requests
    assert sent["path"] == "/v1/refunds"
    assert sent["body"] == {"payment_intent": [purchase.stripe_payment_id], "amount": ["1299"]}
    assert (
        sent["headers"]["Idempotency-Key"] == f"admin-refund:{purchase.id}:{admin.id}:click-key-1"
    )
    assert sent["headers"]["Authorization"] == "Bearer sk_test_fake"
    assert open_during_call == [False]
    [audit] = _audit_rows(db)
    assert (audit.action, audit.admin_id, audit.target_id) == (
        "purchase.refund_requested",
        admin.id,
        str(purchase.id),
    )
    assert audit.before == {"status": "COMPLETED", "refunded_cents": 0}
    assert audit.after == {
        "refund_id": "re_fake",
        "amount_cents": 1299,
        "mode": "stripe",
        "reason": "asked",
    }
    assert _money(db) == before
    assert db.get(CasTarsPurchase, purchase.id).status == PurchaseStatus.COMPLETED

    _deliver(db, refund_event(purchase, [("re_fake", 1299)]))
    assert ledger.get_balance(session=db, user_id=buyer.id).balance == 0
    assert db.get(CasTarsPurchase, purchase.id).status == PurchaseStatus.REFUNDED


def test_a_double_click_sends_one_idempotency_key(db, stripe_mode):
    admin, buyer = make_user(db, Role.ADMIN), make_user(db)
    purchase = _paid(db, buyer)
    _refund(db, admin, purchase.id)
    _refund(db, admin, purchase.id)
    [sent] = stripe_mode.requests
    assert (
        sent["headers"]["Idempotency-Key"] == f"admin-refund:{purchase.id}:{admin.id}:click-key-1"
    )
    assert len(_audit_rows(db)) == 1


def test_after_a_partial_refund_only_what_is_left_is_asked_for(db, stripe_mode):
    admin, buyer = make_user(db, Role.ADMIN), make_user(db)
    purchase = _paid(db, buyer)
    _deliver(db, refund_event(purchase, [("re_dashboard", 500)]))

    request = _refund(db, admin, purchase.id)

    assert request.amount_cents == 799
    [sent] = stripe_mode.requests
    assert sent["body"]["amount"] == ["799"]
    assert (
        sent["headers"]["Idempotency-Key"] == f"admin-refund:{purchase.id}:{admin.id}:click-key-1"
    )
    assert _audit_rows(db)[0].before == {"status": "COMPLETED", "refunded_cents": 500}


def test_a_stripe_error_writes_nothing(db, stripe_mode):
    admin, buyer = make_user(db, Role.ADMIN), make_user(db)
    purchase = _paid(db, buyer)
    before = _money(db)
    stripe_mode.status = 400

    with pytest.raises(CasTyouError) as caught:
        _refund(db, admin, purchase.id)

    assert caught.value.code == "admin.refund_failed"
    assert "bad" in caught.value.params["detail"]
    assert len(stripe_mode.requests) == 1
    assert _audit_rows(db) == []
    assert _money(db) == before


@pytest.mark.parametrize("role", [Role.TALENT, Role.PRODUCER])
def test_a_non_admin_is_refused_before_stripe_is_called(db, stripe_mode, role):
    buyer = make_user(db)
    purchase = _paid(db, buyer)
    before = _money(db)
    with pytest.raises(NotAllowed):
        _refund(db, make_user(db, role), purchase.id)
    assert stripe_mode.requests == []
    assert _audit_rows(db) == []
    assert _money(db) == before


def test_a_refunded_or_unpaid_purchase_is_refused_before_stripe_is_called(db, stripe_mode):
    admin, buyer = make_user(db, Role.ADMIN), make_user(db)
    refunded = _paid(db, buyer)
    _deliver(db, refund_event(refunded, [("re_dashboard", 1299)]))
    pending = open_purchase(db, buyer, "starter")
    before = _money(db)
    for purchase in (refunded, pending):
        with pytest.raises(Conflict):
            _refund(db, admin, purchase.id)
    with pytest.raises(NotFound):
        _refund(db, admin, 999_999)
    assert stripe_mode.requests == []
    assert _audit_rows(db) == []
    assert _money(db) == before
