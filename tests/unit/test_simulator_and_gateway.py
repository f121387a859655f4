"""The local simulator's cards, events and signatures; the Stripe gateway's SDK call."""

from __future__ import annotations

import json
import time
from datetime import date

import pytest
import stripe

from castyou.services.errors import InvalidInput
from castyou.services.payments import simulator
from castyou.services.payments.simulator import LocalCheckout
from castyou.services.payments.stripe_gateway import GatewayError, LocalGateway, StripeGateway

TODAY = date(2026, 11, 23)
CHECKOUT = LocalCheckout(
    purchase_id=7,
    user_id=3,
    bundle_id="popular",
    payment_id="pi_x",
    amount_cents=1299,
    currency="USD",
)


@pytest.mark.parametrize(
    ("number", "code"),
    [
        ("4242 4242 4242 4242", None),
        ("4242-4242-4242-4242", None),
        ("4000 0000 0000 0002", "card_declined"),
        ("4000000000009995", "card_declined"),
        ("4000 0000 0000 0069", "expired_card"),
        ("4111 1111 1111 1111", "card_declined"),
    ],
)
def test_test_cards_pick_the_outcome(number, code):
    assert simulator.check_card(number=number, expiry="12/30", cvc="123", today=TODAY).code == code


def test_declines_carry_stripe_codes_and_messages():
    declined = simulator.check_card(
        number="4000000000000002", expiry="1/27", cvc="1234", today=TODAY
    )
    assert (declined.decline_code, declined.message) == (
        "generic_decline",
        "Your card was declined.",
    )
    funds = simulator.check_card(number="4000000000009995", expiry="11/26", cvc="999", today=TODAY)
    assert funds.decline_code == "insufficient_funds"


@pytest.mark.parametrize(
    ("number", "expiry", "cvc", "key"),
    [
        ("4242 4242 4242 4241", "12/30", "123", "payments.card_number_invalid"),
        ("42424242", "12/30", "123", "payments.card_number_invalid"),
        ("abcd", "12/30", "123", "payments.card_number_invalid"),
        ("4242424242424242", "13/30", "123", "payments.card_expiry_invalid"),
        ("4242424242424242", "1230", "123", "payments.card_expiry_invalid"),
        ("4242424242424242", "10/26", "123", "payments.card_expired"),
        ("4242424242424242", "12/30", "12", "payments.card_cvc_short"),
        ("4242424242424242", "12/30", "12a", "payments.card_cvc_invalid"),
    ],
)
def test_malformed_cards_get_a_clear_reason(number, expiry, cvc, key):
    with pytest.raises(InvalidInput) as caught:
        simulator.check_card(number=number, expiry=expiry, cvc=cvc, today=TODAY)
    assert caught.value.code == key


def test_every_bad_field_is_named_at_once():
    problems = simulator.card_problems(
        number="4242 4242 4242 4241", expiry="01/20", cvc="7", today=TODAY
    )
    assert problems == {
        "number": "payments.card_number_invalid",
        "expiry": "payments.card_expired",
        "cvc": "payments.card_cvc_short",
    }
    assert (
        simulator.card_problems(
            number="4242 4242 4242 4242", expiry="12/30", cvc="123", today=TODAY
        )
        == {}
    )


@pytest.mark.parametrize(
    ("number", "brand"),
    [
        ("4242 4242 4242 4242", "visa"),
        ("5555555555554444", "mastercard"),
        ("378282246310005", "amex"),
        ("6011111111111117", "discover"),
        ("9999", "unknown"),
    ],
)
def test_card_brand_by_prefix(number, brand):
    assert simulator.card_brand(number) == brand


def test_events_are_stripe_shaped_and_signed_like_stripe():
    payload, timestamp = simulator.build_payment_event(CHECKOUT, simulator.TestCard())
    header = simulator.sign(payload, "whsec_test", timestamp)
    assert header.startswith(f"t={timestamp},v1=")
    event = stripe.Webhook.construct_event(payload, header, "whsec_test")
    assert event.type == "payment_intent.succeeded"
    intent = json.loads(payload)["data"]["object"]
    assert intent["id"] == "pi_x" and intent["object"] == "payment_intent"
    assert (intent["amount"], intent["amount_received"], intent["currency"]) == (1299, 1299, "usd")
    assert intent["metadata"] == {"user_id": "3", "bundle_id": "popular", "purchase_id": "7"}
    assert json.loads(payload)["id"].startswith("evt_")
    assert "4242" not in payload.decode()


def test_failed_event_carries_last_payment_error():
    outcome = simulator.TEST_CARDS["4000000000009995"]
    payload, _ = simulator.build_payment_event(CHECKOUT, outcome)
    event = json.loads(payload)
    assert event["type"] == "payment_intent.payment_failed"
    error = event["data"]["object"]["last_payment_error"]
    assert error["decline_code"] == "insufficient_funds"
    assert event["data"]["object"]["amount_received"] == 0


def test_local_gateway_makes_stripe_looking_unique_ids():
    gateway = LocalGateway()
    kwargs = dict(amount_cents=499, currency="USD", metadata={}, description="d")
    first = gateway.create_intent(idempotency_key="a", **kwargs)
    second = gateway.create_intent(idempotency_key="b", **kwargs)
    assert first.id.startswith("pi_") and first.id != second.id
    assert first.client_secret.startswith(first.id + "_secret_")


def test_stripe_gateway_sends_amount_metadata_and_idempotency_key(fake_stripe):
    gateway = StripeGateway("sk_test_fake", client=fake_stripe.client())
    intent = gateway.create_intent(
        amount_cents=1299,
        currency="USD",
        metadata={"user_id": "3", "bundle_id": "popular", "purchase_id": "7"},
        idempotency_key="castars-purchase-7",
        description="CasTars Popular",
    )
    assert (intent.id, intent.client_secret) == ("pi_fake", "pi_fake_secret_1")
    [request] = fake_stripe.requests
    assert request["path"] == "/v1/payment_intents"
    assert request["headers"]["Idempotency-Key"] == "castars-purchase-7"
    assert request["headers"]["Authorization"] == "Bearer sk_test_fake"
    body = request["body"]
    assert body["amount"] == ["1299"] and body["currency"] == ["usd"]
    assert body["metadata[purchase_id]"] == ["7"] and body["metadata[user_id]"] == ["3"]


def test_stripe_gateway_errors_become_gateway_errors(fake_stripe):
    fake_stripe.status = 400
    gateway = StripeGateway("sk_test_fake", client=fake_stripe.client())
    with pytest.raises(GatewayError):
        gateway.create_intent(
            amount_cents=1, currency="usd", metadata={}, idempotency_key="k", description="d"
        )


def test_signature_timestamps_are_now():
    _, timestamp = simulator.build_payment_event(CHECKOUT, simulator.TestCard())
    assert abs(timestamp - time.time()) < 5
