"""Buy and receipt handlers called directly, as any websocket client could, incl. wrong users."""

from __future__ import annotations

import json
from typing import Any

import pytest
from sqlmodel import func, select

from castyou.db import new_session
from castyou.models.payments import CasTarsPurchase, PurchaseStatus
from castyou.models.user import Role
from castyou.services.castars import ledger
from castyou.services.payments import bundles, simulator, webhooks
from castyou.state.castars.buy import BuyState
from castyou.state.castars.receipt import ReceiptState
from tests.factories import login_token, make_user
from tests.state_helpers import call, new_state, rendered, use_cookie, visit

CARD = {"card_number": "4242 4242 4242 4242", "card_expiry": "12/39", "card_cvc": "123"}
DECLINED = {**CARD, "card_number": "4000 0000 0000 0002"}


@pytest.fixture
def in_process_webhook(engine: Any, monkeypatch: pytest.MonkeyPatch) -> list[bytes]:
    """The simulator's HTTP POST, delivered to the webhook service in-process."""
    sent: list[bytes] = []

    async def deliver(*, payload: bytes, secret: str, timestamp: int, base_url: str) -> int:
        sent.append(payload)
        session = new_session(engine)
        try:
            webhooks.handle_webhook(
                session=session,
                payload=payload,
                signature=simulator.sign(payload, secret, timestamp),
                secret=secret,
            )
        finally:
            session.close()
        return 200

    monkeypatch.setattr(simulator, "deliver", deliver)
    return sent


def pay(state: BuyState, form: dict) -> None:
    call(state, "pay_local", form)


def buyer(db: Any, role: Role = Role.TALENT) -> tuple[Any, BuyState]:
    bundles.seed_bundles(db)
    user = make_user(db, role)
    state = new_state(BuyState, login_token(db, user))
    call(state, "load")
    return user, state


def balance(db: Any, user: Any) -> int:
    db.commit()
    return ledger.get_balance(session=db, user_id=user.id).balance


def purchases(db: Any) -> int:
    db.commit()
    return db.exec(select(func.count()).select_from(CasTarsPurchase)).one()


def test_load_shows_bundles_with_bonus_and_localized_price(db):
    _, state = buyer(db)
    assert [c.name for c in state.bundle_cards] == ["Starter", "Popular", "Pro"]
    popular = state.bundle_cards[1]
    assert (popular.stars, popular.bonus, popular.price) == (
        "1,500 CasTars",
        "+150 bonus (10%)",
        "$12.99",
    )
    assert popular.best_value is True
    assert state.payment_mode == "local"


def test_anonymous_cannot_open_a_purchase(db):
    bundles.seed_bundles(db)
    state = new_state(BuyState)
    result = call(state, "select_bundle", "popular")
    assert "Please log in first." in rendered(result)
    assert purchases(db) == 0


@pytest.mark.parametrize("bundle_id", ["gold", 7, None])
def test_unknown_bundle_is_refused_with_a_message(db, bundle_id):
    _, state = buyer(db)
    assert "That bundle is not on sale." in rendered(call(state, "select_bundle", bundle_id))
    assert state.phase == "select"
    assert purchases(db) == 0


def test_buying_popular_credits_1650_through_the_signed_webhook(db, in_process_webhook):
    user, state = buyer(db)
    call(state, "select_bundle", "popular")
    assert state.phase == "card"
    assert state.summary == "Popular: 1,650 CasTars for $12.99"
    pay(state, CARD)
    assert state.phase == "success"
    assert state.success_text == "1,650 CasTars were added. Your balance is now 1,650 CasTars."
    assert state.receipt_href.startswith("/castars/receipts/")
    assert balance(db, user) == 1_650
    event = json.loads(in_process_webhook[0])
    assert event["data"]["object"]["payment_method"]["card"] == {"brand": "visa", "last4": "4242"}
    assert b"42424242" not in in_process_webhook[0]
    assert "4242" not in str(state.dict())


def test_every_refused_card_field_is_named_and_nothing_is_sent(db, in_process_webhook):
    _user, state = buyer(db)
    call(state, "select_bundle", "popular")
    pay(state, {"card_number": "4242 4242 4242 4241", "card_expiry": "01/20", "card_cvc": "7"})
    assert state.number_error == "Your card number is invalid."
    assert state.expiry_error == "Your card's expiry date is in the past."
    assert state.cvc_error.startswith("Your card's security code is too short")
    assert state.phase == "card" and not state.processing
    assert in_process_webhook == []
    pay(state, CARD)
    assert state.phase == "success"
    assert state.number_error == state.expiry_error == state.cvc_error == ""


def test_declined_card_shows_why_changes_nothing_and_can_retry(db, in_process_webhook):
    user, state = buyer(db)
    call(state, "select_bundle", "starter")
    pay(state, DECLINED)
    assert state.phase == "card"
    assert state.pay_error == "Payment failed: Your card was declined."
    assert state.processing is False
    assert balance(db, user) == 0
    pay(state, CARD)
    assert state.phase == "success"
    assert balance(db, user) == 500


def test_invalid_card_is_explained_and_nothing_is_sent(db, in_process_webhook):
    _, state = buyer(db)
    call(state, "select_bundle", "starter")
    pay(state, {**CARD, "card_expiry": "99/99"})
    assert state.expiry_error == "Your card's expiry date is invalid: use MM/YY."
    assert state.pay_error == ""
    assert in_process_webhook == []


def test_cannot_pay_another_users_purchase(db, in_process_webhook):
    _, owner_state = buyer(db)
    call(owner_state, "select_bundle", "pro")
    _, thief = buyer(db)
    call(thief, "select_bundle", "starter")
    thief._purchase_id = owner_state._purchase_id
    pay(thief, CARD)
    assert thief.pay_error == "You are not allowed to do that."
    assert in_process_webhook == []
    db.commit()
    statuses = set(db.exec(select(CasTarsPurchase.status)))
    assert statuses == {PurchaseStatus.PENDING}


def test_logged_out_state_cannot_pay(db, in_process_webhook):
    _, state = buyer(db)
    call(state, "select_bundle", "starter")
    use_cookie(state, "")
    pay(state, CARD)
    # The cookie's user changed, so the tab was wiped first: no purchase is left open.
    assert (state.phase, state.summary, state._purchase_id) == ("select", "", None)
    assert in_process_webhook == []
    state.phase = "card"  # an anonymous tab on the card form (as the page allows)
    pay(state, CARD)
    assert state.pay_error == "Please log in first."
    assert in_process_webhook == []


def receipt_state(db: Any, viewer: Any, purchase_id: int | str) -> ReceiptState:
    state = new_state(ReceiptState, login_token(db, viewer))
    path = f"/castars/receipts/{purchase_id}"
    visit(state, path)
    call(state, "load")
    return state


def test_receipt_is_shown_to_owner_and_admin_and_refused_to_others(db, in_process_webhook):
    owner, state = buyer(db)
    call(state, "select_bundle", "popular")
    pay(state, CARD)
    purchase_id = state.receipt_href.rsplit("/", 1)[-1]
    mine = receipt_state(db, owner, purchase_id)
    assert mine.status == "ok"
    assert (mine.bundle, mine.amount, mine.stars) == ("Popular", "$12.99", "1,650")
    assert mine.number == f"CT-{int(purchase_id):08d}" and mine.payment_id.startswith("pi_")
    assert receipt_state(db, make_user(db, Role.ADMIN), purchase_id).status == "ok"
    assert mine.card == "Visa •••• 4242" and mine.buyer_email == owner.email
    stranger = receipt_state(db, make_user(db), purchase_id)
    assert stranger.status == "not_found"
    assert stranger.payment_id == ""
    assert receipt_state(db, owner, "abc").status == "not_found"


def test_pdf_download_link_is_signed_for_the_viewer(db, in_process_webhook):
    owner, state = buyer(db)
    call(state, "select_bundle", "popular")
    pay(state, CARD)
    purchase_id = int(state.receipt_href.rsplit("/", 1)[-1])
    mine = receipt_state(db, owner, purchase_id)
    spec = call(mine, "download_pdf")
    assert f"/api/receipts/{purchase_id}/pdf?token={owner.id}." in str(spec)
    stranger = receipt_state(db, make_user(db), purchase_id)
    assert "/pdf?token=" not in str(call(stranger, "download_pdf"))


def test_stripe_mode_never_runs_the_simulator_even_if_the_client_says_local(
    db, in_process_webhook, monkeypatch
):
    from castyou.settings import get_settings

    _, state = buyer(db)
    call(state, "select_bundle", "starter")
    monkeypatch.setattr(type(get_settings()), "payment_mode", property(lambda _self: "stripe"))
    state.payment_mode = "local"
    pay(state, CARD)
    assert in_process_webhook == []
    assert state.phase == "card"


def test_stripe_mode_waits_for_the_webhook_then_shows_the_stars_live(db, engine):
    from castyou.state.live_registry import handlers_of_kind
    from tests.payment_helpers import payment_event

    assert BuyState.refresh in handlers_of_kind("wallet")
    user, state = buyer(db)
    call(state, "select_bundle", "popular")
    call(state, "stripe_failed", "Your card has insufficient funds.")
    assert state.pay_error == "Payment failed: Your card has insufficient funds."
    call(state, "stripe_confirmed", "pi_whatever")
    assert (state.processing, state.phase, state.pay_error) == (True, "card", "")
    db.commit()
    purchase = db.get(CasTarsPurchase, state._purchase_id)
    session = new_session(engine)
    webhooks.process_event(session=session, event=payment_event(purchase), payload="{}")
    session.close()
    call(state, "refresh")
    assert state.phase == "success"
    assert state.success_text.endswith("Your balance is now 1,650 CasTars.")
    assert balance(db, user) == 1_650


def test_history_links_the_purchase_to_its_receipt(db, in_process_webhook):
    from castyou.state.castars.hub import CastarsState

    user, state = buyer(db)
    call(state, "select_bundle", "popular")
    pay(state, CARD)
    hub = new_state(CastarsState, login_token(db, user))
    call(hub, "load")
    purchased = [row for row in hub.rows if row.receipt]
    assert [row.receipt for row in purchased] == [state.receipt_href]
    assert all(row.receipt == "" for row in hub.rows if row not in purchased)
