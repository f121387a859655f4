"""Admin bundles, purchases (filters, totals, CSV), refunds through the webhook, replays."""

from __future__ import annotations

import pytest
from sqlmodel import select

from castyou.models.admin import AdminAction
from castyou.models.payments import CasTarsBundle, PurchaseStatus, WebhookDelivery
from castyou.models.user import Role
from castyou.services import (
    admin_bundles,
    admin_purchases,
    admin_refunds,
    admin_stats,
    admin_webhooks,
    ledger,
    webhooks,
)
from castyou.services.errors import Conflict, InvalidInput
from tests.factories import make_user
from tests.payment_helpers import open_purchase, payment_event, secret, signed

Fields = admin_bundles.BundleInput


def _paid(db, user, bundle_id="popular"):
    purchase = open_purchase(db, user, bundle_id)
    body, signature = signed(payment_event(purchase))
    webhooks.handle_webhook(session=db, payload=body, signature=signature, secret=secret())
    db.expire_all()
    return purchase


@pytest.mark.parametrize(
    "fields",
    [
        Fields("", 10, 0, 100),
        Fields("X", 0, 0, 100),
        Fields("X", 10, -1, 100),
        Fields("X", 10, 0, 0),
    ],
)
def test_invalid_bundles_are_refused(db, fields):
    admin = make_user(db, Role.ADMIN)
    with pytest.raises(InvalidInput):
        admin_bundles.create_bundle(session=db, acting_user_id=admin.id, code="x", fields=fields)
    assert db.exec(select(CasTarsBundle)).all() == []


def test_price_edit_only_changes_new_purchases_and_sold_bundles_stay(db):
    admin = make_user(db, Role.ADMIN)
    buyer = make_user(db)
    old = _paid(db, buyer, "starter")
    admin_bundles.update_bundle(
        session=db,
        acting_user_id=admin.id,
        bundle_id="starter",
        fields=Fields("Starter+", 600, 50, 599),
    )
    db.expire_all()
    assert (old.price_cents, old.stars_awarded) == (499, 500)
    new = open_purchase(db, buyer, "starter")
    assert (new.price_cents, new.stars_awarded, new.bundle_name) == (599, 650, "Starter+")
    with pytest.raises(Conflict):
        admin_bundles.delete_bundle(session=db, acting_user_id=admin.id, bundle_id="starter")
    admin_bundles.set_bundle_active(
        session=db, acting_user_id=admin.id, bundle_id="starter", active=False
    )
    rows = {
        row.bundle.id: row
        for row in admin_bundles.list_bundles(session=db, acting_user_id=admin.id)
    }
    assert rows["starter"].purchases == 2 and rows["starter"].bundle.is_active is False
    actions = [a.action for a in db.exec(select(AdminAction)).all()]
    assert actions == ["bundle.updated", "bundle.deactivated"]


def test_purchases_filter_totals_csv_refund_and_stats(db):
    admin = make_user(db, Role.ADMIN)
    ana = make_user(db, email="ana@buy.test")
    bob = make_user(db, email="bob@buy.test")
    first = _paid(db, ana, "popular")
    _paid(db, bob, "starter")
    open_purchase(db, bob, "pro")
    every = admin_purchases.list_purchases(
        session=db, acting_user_id=admin.id, filters=admin_purchases.PurchaseFilter()
    )
    assert (every.total, every.totals.paid_cents, every.totals.stars) == (3, 1299 + 499, 1650 + 500)
    anas = admin_purchases.PurchaseFilter(user="ANA@buy.test", status="COMPLETED")
    page = admin_purchases.list_purchases(session=db, acting_user_id=admin.id, filters=anas)
    assert [row.purchase.id for row in page.items] == [first.id]
    csv_text = admin_purchases.export_csv(session=db, acting_user_id=admin.id, filters=anas)
    assert csv_text.count("\n") == 2 and "ana@buy.test" in csv_text and "1299" in csv_text

    request = admin_refunds.request_refund(
        session=db, acting_user_id=admin.id, purchase_id=first.id
    )
    assert request.mode == "local" and request.amount_cents == 1299
    webhooks.handle_webhook(
        session=db, payload=request.payload, signature=request.signature(), secret=secret()
    )
    db.expire_all()
    assert ledger.get_balance(session=db, user_id=ana.id).balance == 0
    refunded = admin_purchases.list_purchases(
        session=db,
        acting_user_id=admin.id,
        filters=admin_purchases.PurchaseFilter(status="REFUNDED"),
    )
    assert [row.purchase.status for row in refunded.items] == [PurchaseStatus.REFUNDED]
    with pytest.raises(Conflict):
        admin_refunds.request_refund(session=db, acting_user_id=admin.id, purchase_id=first.id)
    sales = admin_stats.sales_totals(session=db, acting_user_id=admin.id)
    assert (sales.paid_cents, sales.refunded_cents, sales.revenue_cents) == (1798, 1299, 499)


def test_replaying_a_processed_delivery_changes_nothing(db):
    admin = make_user(db, Role.ADMIN)
    buyer = make_user(db)
    _paid(db, buyer, "starter")
    [delivery] = db.exec(select(WebhookDelivery)).all()
    rows = admin_webhooks.list_deliveries(session=db, acting_user_id=admin.id)
    assert [row.outcome for row in rows] == ["PROCESSED"]
    admin_webhooks.replay(session=db, acting_user_id=admin.id, delivery_id=delivery.id)
    db.expire_all()
    assert ledger.get_balance(session=db, user_id=buyer.id).balance == 500
    assert (
        len(db.exec(select(AdminAction).where(AdminAction.action == "webhook.replayed")).all()) == 1
    )
