"""Admin bundles, purchases (filters, totals, CSV), refunds, replays, and the stats on them."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal

import pytest
from sqlmodel import select

from castyou.models.admin import AdminAction
from castyou.models.concierge import ConciergeStatus
from castyou.models.payments import (
    CasTarsBundle,
    CasTarsPurchase,
    PurchaseRefund,
    PurchaseStatus,
    WebhookDelivery,
)
from castyou.models.user import Role
from castyou.services.admin import bundles, refunds, stats, users
from castyou.services.admin import concierge as concierge_team
from castyou.services.admin import purchases as admin_purchases
from castyou.services.admin import webhooks as admin_webhooks
from castyou.services.castars import ledger
from castyou.services.click_keys import new_key
from castyou.services.concierge import requester
from castyou.services.concierge.tiers import ConciergeType
from castyou.services.errors import Conflict, InvalidInput
from castyou.services.payments import webhooks
from tests.concierge_helpers import submit
from tests.factories import make_user
from tests.payment_helpers import open_purchase, payment_event, secret, signed

Fields = bundles.BundleInput


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
        bundles.create_bundle(session=db, actor_id=admin.id, code="x", fields=fields)
    assert db.exec(select(CasTarsBundle)).all() == []


def test_price_edit_only_changes_new_purchases_and_sold_bundles_stay(db):
    admin = make_user(db, Role.ADMIN)
    buyer = make_user(db)
    old = _paid(db, buyer, "starter")
    bundles.update_bundle(
        session=db,
        actor_id=admin.id,
        bundle_id="starter",
        fields=Fields("Starter+", 600, 50, 599),
    )
    db.expire_all()
    assert (old.price_cents, old.stars_awarded) == (499, 500)
    new = open_purchase(db, buyer, "starter")
    assert (new.price_cents, new.stars_awarded, new.bundle_name) == (599, 650, "Starter+")
    with pytest.raises(Conflict):
        bundles.delete_bundle(session=db, actor_id=admin.id, bundle_id="starter")
    bundles.set_bundle_active(session=db, actor_id=admin.id, bundle_id="starter", active=False)
    rows = {row.bundle.id: row for row in bundles.list_bundles(session=db, actor_id=admin.id)}
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
        session=db, actor_id=admin.id, filters=admin_purchases.PurchaseFilter()
    )
    assert (every.total, every.totals.paid_cents, every.totals.stars) == (3, 1299 + 499, 1650 + 500)
    anas = admin_purchases.PurchaseFilter(user="ANA@buy.test", status="COMPLETED")
    page = admin_purchases.list_purchases(session=db, actor_id=admin.id, filters=anas)
    assert [row.purchase.id for row in page.items] == [first.id]
    csv_text = admin_purchases.export_csv(session=db, actor_id=admin.id, filters=anas)
    assert csv_text.count("\n") == 2 and "ana@buy.test" in csv_text and "1299" in csv_text

    request = refunds.request_refund(
        session=db, actor_id=admin.id, purchase_id=first.id, reason="r", click_key=new_key()
    )
    assert request.mode == "local" and request.amount_cents == 1299
    webhooks.handle_webhook(
        session=db, payload=request.payload, signature=request.signature(), secret=secret()
    )
    db.expire_all()
    assert ledger.get_balance(session=db, user_id=ana.id).balance == 0
    refunded = admin_purchases.list_purchases(
        session=db,
        actor_id=admin.id,
        filters=admin_purchases.PurchaseFilter(status="REFUNDED"),
    )
    assert [row.purchase.status for row in refunded.items] == [PurchaseStatus.REFUNDED]
    with pytest.raises(Conflict):
        refunds.request_refund(
            session=db, actor_id=admin.id, purchase_id=first.id, reason="r", click_key=new_key()
        )
    sales = stats.sales_totals(session=db, actor_id=admin.id)
    assert (sales.paid_cents, sales.refunded_cents, sales.revenue_cents) == (1798, 1299, 499)


def test_replaying_a_processed_delivery_changes_nothing(db):
    admin = make_user(db, Role.ADMIN)
    buyer = make_user(db)
    _paid(db, buyer, "starter")
    [delivery] = db.exec(select(WebhookDelivery)).all()
    rows = admin_webhooks.list_deliveries(session=db, actor_id=admin.id)
    assert [row.outcome for row in rows] == ["PROCESSED"]
    admin_webhooks.replay(session=db, actor_id=admin.id, delivery_id=delivery.id)
    db.expire_all()
    assert ledger.get_balance(session=db, user_id=buyer.id).balance == 500
    assert (
        len(db.exec(select(AdminAction).where(AdminAction.action == "webhook.replayed")).all()) == 1
    )


def _utc(month: int, day: int, hour: int) -> datetime:
    return datetime(2026, month, day, hour, tzinfo=UTC)


def _stamp(db, row, **timestamps: datetime) -> None:
    """Move a row's timestamps to the scenario's days."""
    for field, value in timestamps.items():
        setattr(row, field, value)
    db.add(row)
    db.commit()


def _refund_all(db, admin, purchase) -> PurchaseRefund:
    request = refunds.request_refund(
        session=db, actor_id=admin.id, purchase_id=purchase.id, reason="r", click_key=new_key()
    )
    webhooks.handle_webhook(
        session=db, payload=request.payload, signature=request.signature(), secret=secret()
    )
    db.expire_all()
    return db.exec(select(PurchaseRefund).where(PurchaseRefund.purchase_id == purchase.id)).one()


def test_daily_revenue_worked_example(db):
    """Hand-computed, UTC days of March 2026.

    Feb 28: starter paid (499), outside the chart.  Mar 1: popular paid (1299) at 10:00 and
    starter paid (499) at 23:00.  Mar 2: pro paid (2999), one checkout left unpaid.
    Mar 3: the Mar 1 popular is refunded (-1299).  Mar 4: nothing.
    """
    admin = make_user(db, Role.ADMIN)
    ana, bob = make_user(db), make_user(db)
    early = _paid(db, bob, "starter")
    popular = _paid(db, ana, "popular")
    late = _paid(db, bob, "starter")
    pro = _paid(db, ana, "pro")
    open_purchase(db, bob, "pro")
    for purchase, paid_at in (
        (early, _utc(2, 28, 23)),
        (popular, _utc(3, 1, 10)),
        (late, _utc(3, 1, 23)),
        (pro, _utc(3, 2, 9)),
    ):
        _stamp(db, purchase, completed_at=paid_at)
    _stamp(db, _refund_all(db, admin, popular), created_at=_utc(3, 3, 8))

    window = stats.parse_range("2026-03-01", "2026-03-04")
    series = stats.daily_series(session=db, actor_id=admin.id, window=window)
    assert [(p.day, p.revenue_cents) for p in series] == [
        ("2026-03-01", 1299 + 499),
        ("2026-03-02", 2999),
        ("2026-03-03", -1299),
        ("2026-03-04", 0),
    ]
    assert db.get(CasTarsPurchase, popular.id).status == PurchaseStatus.REFUNDED
    every_day = stats.parse_range("2026-02-01", "2026-03-31")
    by_day = stats.daily_revenue(session=db, actor_id=admin.id, window=every_day)
    assert by_day["2026-02-28"] == 499
    total = stats.sales_totals(session=db, actor_id=admin.id).revenue_cents
    assert sum(by_day.values()) == total == 499 + 499 + 2999


def test_concierge_stats_count_each_status_and_average_the_ratings(db):
    """Six requests: 1 pending, 1 in progress, 3 fulfilled (rated 5 and 2, one unrated), 1
    cancelled; the average is over the two rated ones: (5 + 2) / 2 = 3.5."""
    admin = make_user(db, Role.ADMIN)
    talent = make_user(db)
    empty = stats.concierge_totals(session=db, actor_id=admin.id)
    assert set(empty.by_status.values()) == {0} and empty.average_rating is None
    requests = [submit(db, talent, ConciergeType.BASIC) for _ in range(6)]
    _pending, moving, five, two, unrated, cancelled = (r.id for r in requests)
    concierge_team.update_concierge_status(
        session=db, actor_id=admin.id, request_id=moving, status="IN_PROGRESS"
    )
    for request_id in (five, two, unrated):
        concierge_team.fulfill_concierge_request(
            session=db, actor_id=admin.id, request_id=request_id, candidates=[{"name": "A"}]
        )
    for request_id, rating in ((five, 5), (two, 2)):
        requester.rate_request(session=db, user_id=talent.id, request_id=request_id, rating=rating)
    concierge_team.admin_cancel_request(session=db, actor_id=admin.id, request_id=cancelled)

    totals = stats.concierge_totals(session=db, actor_id=admin.id)
    assert totals.by_status == {
        ConciergeStatus.PENDING: 1,
        ConciergeStatus.IN_PROGRESS: 1,
        ConciergeStatus.FULFILLED: 3,
        ConciergeStatus.CANCELLED: 1,
    }
    assert (totals.rated, totals.average_rating) == (2, Decimal("3.5"))


def test_user_overview_lists_their_purchases_and_concierge_requests(db):
    admin = make_user(db, Role.ADMIN)
    ana, bob = make_user(db), make_user(db)
    paid = _paid(db, ana, "starter")
    pending = open_purchase(db, ana, "pro")
    _paid(db, bob, "popular")
    request = submit(db, ana, ConciergeType.URGENT)
    submit(db, bob)
    view = users.user_overview(session=db, actor_id=admin.id, user_id=ana.id)
    assert [row.purchase.id for row in view.purchases.items] == [pending.id, paid.id]
    assert (view.purchases.total, view.purchases.totals.paid_cents) == (2, 499)
    assert [r.id for r in view.requests.items] == [request.id] and view.requests.total == 1
    assert view.requests.items[0].request_type == ConciergeType.URGENT
    empty = users.user_overview(session=db, actor_id=admin.id, user_id=admin.id)
    assert (empty.purchases.items, empty.requests.items) == ([], [])
    with pytest.raises(InvalidInput):
        users.user_concierge_requests(session=db, actor_id=admin.id, user_id=ana.id, limit=0)


@pytest.mark.parametrize("user", ["²", str(2**40), "  12345678901234567890  "])
def test_a_purchase_filter_by_odd_user_ids_finds_nothing_instead_of_failing(db, user):
    admin = make_user(db, Role.ADMIN)
    open_purchase(db, make_user(db), "starter")
    page = admin_purchases.list_purchases(
        session=db, actor_id=admin.id, filters=admin_purchases.PurchaseFilter(user=user)
    )
    assert page.total == 0 and page.items == []
