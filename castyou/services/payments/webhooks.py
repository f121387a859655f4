"""Stripe webhooks: verify the raw body, store the delivery once, dispatch by event type.

The signature is checked with the Stripe SDK against the exact bytes received (a
re-serialized body fails). Each verified event is stored with its outcome in the same
transaction as its effects, so an event id is processed once even when Stripe (or an
attacker replaying a captured request) delivers it many times at once. A delivery
whose processing failed is kept as ERROR and processed again on Stripe's retry.
"""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import stripe
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, select

from castyou.clock import utcnow
from castyou.db import transaction
from castyou.models.payments import DeliveryOutcome, WebhookDelivery
from castyou.services.errors import NotFound
from castyou.services.payments import events
from castyou.services.payments.events import Handled

TOLERANCE_S = 300
MAX_PAYLOAD_BYTES = 512 * 1024
logger = logging.getLogger("castyou.webhooks")

HANDLERS: dict[str, Callable[[Session, dict[str, Any]], Handled]] = {
    "payment_intent.succeeded": events.on_payment_succeeded,
    "payment_intent.payment_failed": events.on_payment_failed,
    "charge.refunded": events.on_charge_refunded,
}


class InvalidWebhook(Exception):
    """Missing, forged, stale, future or malformed: answered with 400, nothing stored."""


@dataclass(frozen=True)
class DeliveryResult:
    event_id: str
    event_type: str
    outcome: DeliveryOutcome
    duplicate: bool


def _timestamp(header: str) -> int:
    for part in header.split(","):
        key, _, value = part.partition("=")
        if key.strip() == "t" and value.strip().isdigit():
            return int(value)
    raise InvalidWebhook("no timestamp in Stripe-Signature")


def verify(payload: bytes, header: str | None, secret: str) -> dict[str, Any]:
    """The event in ``payload`` if Stripe signed these exact bytes within ±300 s."""
    if len(payload) > MAX_PAYLOAD_BYTES:
        raise InvalidWebhook("payload too large")
    try:
        stripe.WebhookSignature.verify_header(payload, header, secret, tolerance=TOLERANCE_S)
    except stripe.SignatureVerificationError as error:
        raise InvalidWebhook(str(error)) from None
    if _timestamp(header or "") > time.time() + TOLERANCE_S:
        raise InvalidWebhook("timestamp too far in the future")
    try:
        event = json.loads(payload)
    except (ValueError, UnicodeDecodeError):
        raise InvalidWebhook("body is not JSON") from None
    data = event.get("data") if isinstance(event, dict) else None
    if (
        not isinstance(event.get("id"), str)
        or not isinstance(event.get("type"), str)
        or not isinstance(data, dict)
        or not isinstance(data.get("object"), dict)
    ):
        raise InvalidWebhook("not a Stripe event")
    return event


def _payment_id(data_object: dict[str, Any]) -> str | None:
    if data_object.get("object") == "payment_intent":
        return str(data_object.get("id"))[:255]
    intent = data_object.get("payment_intent")
    return intent[:255] if isinstance(intent, str) else None


def _claim(session: Session, event: dict[str, Any], payload: str) -> WebhookDelivery | None:
    """The delivery row to process, or None when this event id was already handled."""
    query = select(WebhookDelivery).where(WebhookDelivery.event_id == event["id"][:255])
    existing = session.exec(query.with_for_update()).first()
    if existing is not None:
        if existing.outcome != DeliveryOutcome.ERROR:
            return None
        existing.attempts += 1
        return existing
    delivery = WebhookDelivery(
        event_id=event["id"][:255],
        event_type=event["type"][:100],
        payment_id=_payment_id(event["data"]["object"]),
        payload=payload,
    )
    try:
        with session.begin_nested():
            session.add(delivery)
            session.flush()
    except IntegrityError:
        return None
    return delivery


def _dispatch(session: Session, event_type: str, data_object: dict[str, Any]) -> Handled:
    handler = HANDLERS.get(event_type)
    if handler is None:
        logger.info("stripe event %s not handled: acknowledged", event_type)
        return Handled(DeliveryOutcome.IGNORED, "event type not handled")
    try:
        with session.begin_nested():
            return handler(session, data_object)
    except Exception as error:
        logger.exception("stripe event %s failed", event_type)
        return Handled(DeliveryOutcome.ERROR, f"{type(error).__name__}: {error}"[:500])


def process_event(*, session: Session, event: dict[str, Any], payload: str) -> DeliveryResult:
    """Store a verified event once and apply it, all in one transaction."""
    with transaction(session):
        delivery = _claim(session, event, payload)
        if delivery is None:
            return DeliveryResult(event["id"], event["type"], DeliveryOutcome.PROCESSED, True)
        handled = _dispatch(session, event["type"], event["data"]["object"])
        delivery.outcome = handled.outcome
        delivery.error = handled.note
        delivery.processed_at = utcnow()
        session.add(delivery)
    return DeliveryResult(event["id"], event["type"], handled.outcome, False)


def handle_webhook(
    *, session: Session, payload: bytes, signature: str | None, secret: str
) -> DeliveryResult:
    """Verify and process one POST to the webhook endpoint (raises InvalidWebhook)."""
    event = verify(payload, signature, secret)
    return process_event(session=session, event=event, payload=payload.decode("utf-8"))


def replay_delivery(*, session: Session, delivery_id: int) -> DeliveryOutcome:
    """Apply a stored delivery again (admins); the handlers' own guards keep it idempotent."""
    with transaction(session):
        delivery = session.get(WebhookDelivery, delivery_id, with_for_update=True)
        if delivery is None:
            raise NotFound()
        event = json.loads(delivery.payload)
        handled = _dispatch(session, delivery.event_type, event["data"]["object"])
        delivery.outcome = handled.outcome
        delivery.error = handled.note
        delivery.attempts += 1
        delivery.processed_at = utcnow()
        session.add(delivery)
    return handled.outcome
