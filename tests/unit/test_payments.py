"""Checkout, receipts and the bundle registry, on SQLite and PostgreSQL."""

from __future__ import annotations

import pytest
from sqlmodel import select

from castyou.models.payments import CasTarsBundle, CasTarsPurchase, PurchaseStatus
from castyou.models.user import Role
from castyou.services.errors import CasTyouError, InvalidInput, NotAllowed, NotFound
from castyou.services.payments import bundles, events
from castyou.services.payments import checkout as payments
from castyou.services.payments.stripe_gateway import GatewayError, IntentRef, LocalGateway
from tests.factories import make_user
from tests.payment_helpers import open_purchase, payment_event


class RecordingGateway:
    mode = "stripe"

    def __init__(self, fail: bool = False) -> None:
        self.calls: list[dict] = []
        self.fail = fail

    def create_intent(self, **kwargs: object) -> IntentRef:
        self.calls.append(kwargs)
        if self.fail:
            raise GatewayError("network down")
        return IntentRef(id="pi_recorded", client_secret="pi_recorded_secret_x")


def test_seed_creates_the_registry_bundles_once_and_keeps_admin_changes(db):
    assert bundles.seed_bundles(db) == ["bundles    Starter, Popular, Pro added"]
    popular = db.get(CasTarsBundle, "popular")
    popular.price_cents = 1_199
    db.add(popular)
    db.commit()
    assert bundles.seed_bundles(db) == []
    assert db.get(CasTarsBundle, "popular").price_cents == 1_199
    views = bundles.list_active(session=db)
    assert [(v.name, v.stars, v.bonus_stars) for v in views] == [
        ("Starter", 500, 0),
        ("Popular", 1_500, 150),
        ("Pro", 4_000, 600),
    ]
    assert [v.bonus_percent for v in views] == [0, 10, 15]
    assert [v.best_value for v in views] == [False, True, False]


def test_checkout_takes_price_and_stars_from_the_database(db):
    user = make_user(db)
    bundles.seed_bundles(db)
    gateway = RecordingGateway()
    checkout = payments.create_payment_intent(
        session=db, user_id=user.id, bundle_id="pro", gateway=gateway
    )
    assert (checkout.amount_cents, checkout.currency, checkout.stars) == (2_999, "USD", 4_600)
    assert checkout.client_secret == "pi_recorded_secret_x"
    [call] = gateway.calls
    assert call["amount_cents"] == 2_999
    assert call["metadata"] == {
        "user_id": str(user.id),
        "bundle_id": "pro",
        "purchase_id": str(checkout.purchase_id),
    }
    assert call["idempotency_key"] == f"castars-purchase-{checkout.purchase_id}"
    purchase = db.get(CasTarsPurchase, checkout.purchase_id)
    assert purchase.status == PurchaseStatus.PENDING
    assert purchase.stripe_payment_id == "pi_recorded"


@pytest.mark.parametrize("bundle_id", ["nope", "", "../pro", 3, None, ["pro"]])
def test_unknown_or_malformed_bundle_is_refused(db, bundle_id):
    user = make_user(db)
    bundles.seed_bundles(db)
    with pytest.raises(InvalidInput) as caught:
        payments.create_payment_intent(
            session=db, user_id=user.id, bundle_id=bundle_id, gateway=LocalGateway()
        )
    assert caught.value.code == "payments.unknown_bundle"
    assert db.exec(select(CasTarsPurchase)).first() is None


def test_inactive_bundle_is_refused(db):
    user = make_user(db)
    bundles.seed_bundles(db)
    starter = db.get(CasTarsBundle, "starter")
    starter.is_active = False
    db.add(starter)
    db.commit()
    assert "starter" not in [v.id for v in bundles.list_active(session=db)]
    with pytest.raises(InvalidInput):
        payments.create_payment_intent(
            session=db, user_id=user.id, bundle_id="starter", gateway=LocalGateway()
        )


def test_gateway_failure_marks_the_purchase_failed(db):
    user = make_user(db)
    bundles.seed_bundles(db)
    with pytest.raises(CasTyouError) as caught:
        payments.create_payment_intent(
            session=db, user_id=user.id, bundle_id="starter", gateway=RecordingGateway(fail=True)
        )
    assert caught.value.code == "payments.gateway_unavailable"
    purchase = db.exec(select(CasTarsPurchase)).one()
    assert (purchase.status, purchase.failure_code) == (PurchaseStatus.FAILED, "gateway_error")


def test_local_checkout_is_only_for_the_owner_of_an_unpaid_purchase(db):
    owner, other = make_user(db), make_user(db)
    purchase = open_purchase(db, owner)
    checkout = payments.local_checkout(session=db, user_id=owner.id, purchase_id=purchase.id)
    assert checkout.amount_cents == 1_299
    with pytest.raises(NotAllowed):
        payments.local_checkout(session=db, user_id=other.id, purchase_id=purchase.id)
    with pytest.raises(InvalidInput):
        payments.local_checkout(session=db, user_id=owner.id, purchase_id="1")  # type: ignore[arg-type]
    events.on_payment_succeeded(db, payment_event(purchase)["data"]["object"])
    with pytest.raises(InvalidInput) as caught:
        payments.local_checkout(session=db, user_id=owner.id, purchase_id=purchase.id)
    assert caught.value.code == "payments.not_payable"


def test_receipt_for_owner_and_admin_only_and_only_once_paid(db):
    owner, other = make_user(db), make_user(db)
    admin = make_user(db, Role.ADMIN)
    purchase = open_purchase(db, owner)
    with pytest.raises(NotFound):
        payments.get_receipt(
            session=db, viewer_id=owner.id, viewer_is_admin=False, purchase_id=purchase.id
        )
    events.on_payment_succeeded(db, payment_event(purchase)["data"]["object"])
    receipt = payments.get_receipt(
        session=db, viewer_id=owner.id, viewer_is_admin=False, purchase_id=purchase.id
    )
    assert receipt.number == f"CT-{purchase.id:08d}"
    assert (receipt.bundle_name, receipt.amount_cents, receipt.stars) == ("Popular", 1_299, 1_650)
    assert receipt.payment_id == purchase.stripe_payment_id
    assert (receipt.buyer_name, receipt.buyer_email) == (owner.display_name, owner.email)
    assert payments.get_receipt(
        session=db, viewer_id=admin.id, viewer_is_admin=True, purchase_id=purchase.id
    )
    with pytest.raises(NotFound):
        payments.get_receipt(
            session=db, viewer_id=other.id, viewer_is_admin=False, purchase_id=purchase.id
        )
    with pytest.raises(NotFound):
        payments.get_receipt(session=db, viewer_id=owner.id, viewer_is_admin=True, purchase_id=999)


def test_receipt_links_map_purchased_ledger_entries_to_receipts(db):
    user = make_user(db)
    paid, unpaid = open_purchase(db, user), open_purchase(db, user)
    events.on_payment_succeeded(db, payment_event(paid)["data"]["object"])
    links = payments.receipt_links(
        session=db, payment_ids=[paid.stripe_payment_id, unpaid.stripe_payment_id, ""]
    )
    assert links == {paid.stripe_payment_id: f"/castars/receipts/{paid.id}"}


def test_a_user_cannot_open_endless_checkouts(db):
    from castyou.services.errors import RateLimited

    user = make_user(db)
    bundles.seed_bundles(db)
    for _ in range(payments.MAX_OPEN_CHECKOUTS_PER_HOUR):
        payments.create_payment_intent(
            session=db, user_id=user.id, bundle_id="starter", gateway=LocalGateway()
        )
    with pytest.raises(RateLimited):
        payments.create_payment_intent(
            session=db, user_id=user.id, bundle_id="starter", gateway=LocalGateway()
        )


def test_production_without_stripe_keys_sells_nothing(db, monkeypatch):
    from castyou.services.payments import stripe_gateway
    from castyou.settings import get_settings

    user = make_user(db)
    bundles.seed_bundles(db)
    monkeypatch.setattr(get_settings(), "env", "production")
    assert stripe_gateway.simulator_allowed() is False
    with pytest.raises(CasTyouError) as caught:
        payments.create_payment_intent(session=db, user_id=user.id, bundle_id="starter")
    assert caught.value.code == "payments.gateway_unavailable"
    monkeypatch.setattr(get_settings(), "env", "development")
    assert stripe_gateway.simulator_allowed() is True
    assert payments.create_payment_intent(
        session=db, user_id=user.id, bundle_id="starter"
    ).payment_id.startswith("pi_")


def test_cheapest_bundle_that_covers_a_shortfall(db):
    bundles.seed_bundles(db)
    assert bundles.cheapest_covering(session=db, stars=400).id == "starter"
    assert bundles.cheapest_covering(session=db, stars=501).id == "popular"
    assert bundles.cheapest_covering(session=db, stars=4_600).id == "pro"
    assert bundles.cheapest_covering(session=db, stars=25_000).id == "pro"
    assert bundles.cheapest_covering(session=db, stars=0) is None
