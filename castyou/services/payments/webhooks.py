"""Stripe webhooks: verify the raw body, store the delivery once, dispatch by event type.

The signature (Stripe's HMAC-SHA256 scheme) is checked against the exact bytes
received before anything decodes them (a re-serialized body fails); then the body is
parsed into the strict shapes of :mod:`stripe_events`, and junk is refused with 400
without being stored. A paid intent is credited on the fast path (:mod:`credit`)
when it can be. Each verified event is stored with its outcome in the same
transaction as its effects, so an event id is processed once even when Stripe (or an
attacker replaying a captured request) delivers it many times at once. A delivery
whose processing failed is kept as ERROR and processed again on Stripe's retry.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, select

from castyou.clock import utcnow
from castyou.db import transaction
from castyou.models.payments import DeliveryOutcome, WebhookDelivery
from castyou.services.errors import NotFound
from castyou.services.payments import credit, events, stripe_events
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
    """Missing, forged, stale, future, junk or malformed: answered with 400, nothing stored."""


@dataclass(frozen=True)
class DeliveryResult:
    event_id: str
    event_type: str
    outcome: DeliveryOutcome
    duplicate: bool


@dataclass(frozen=True)
class VerifiedEvent:
    """A signed body, parsed: its typed envelope and object, the raw dict and the text."""

    envelope: stripe_events.Envelope
    data_object: Any
    raw: dict[str, Any]
    text: str


def _signature(header: str) -> tuple[int, list[str]]:
    timestamp, signatures = None, []
    for part in header.split(","):
        key, _, value = part.strip().partition("=")
        if key == "t" and value.isascii() and value.isdigit() and len(value) <= 12:
            timestamp = int(value)
        elif key == "v1" and value.isascii() and len(value) == 64:
            signatures.append(value)
    if timestamp is None:
        raise InvalidWebhook("no timestamp in Stripe-Signature")
    if not signatures:
        raise InvalidWebhook("no v1 signature in Stripe-Signature")
    return timestamp, signatures


def verify(payload: bytes, header: str | None, secret: str) -> VerifiedEvent:
    """The event in ``payload`` if Stripe signed these exact bytes within ±300 s.

    The HMAC is checked on the raw bytes before anything decodes them; then the body
    must be UTF-8 JSON of the shape :mod:`stripe_events` describes.
    """
    if len(payload) > MAX_PAYLOAD_BYTES:
        raise InvalidWebhook("payload too large")
    if not header:
        raise InvalidWebhook("no Stripe-Signature header")
    timestamp, signatures = _signature(header)
    signed = f"{timestamp}.".encode() + payload
    expected = hmac.new(secret.encode(), signed, hashlib.sha256).hexdigest()
    if not any(hmac.compare_digest(expected, candidate) for candidate in signatures):
        raise InvalidWebhook("signature does not match the body")
    now = time.time()
    if timestamp < now - TOLERANCE_S:
        raise InvalidWebhook("timestamp outside the tolerance zone")
    if timestamp > now + TOLERANCE_S:
        raise InvalidWebhook("timestamp too far in the future")
    try:
        envelope, data_object, raw, text = stripe_events.parse(payload)
    except stripe_events.InvalidEvent as error:
        raise InvalidWebhook(str(error)) from None
    return VerifiedEvent(envelope, data_object, raw, text)


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
    """Verify and process one POST to the webhook endpoint (raises InvalidWebhook).

    A paid intent goes through the fast path (:mod:`credit`) when it can; every other
    event, and any case the fast path declines, through :func:`process_event`.
    """
    event = verify(payload, signature, secret)
    envelope = event.envelope
    if (
        envelope.type == "payment_intent.succeeded"
        and HANDLERS.get(envelope.type) is events.on_payment_succeeded
    ):
        if session.in_transaction():
            session.commit()  # as db.transaction() would: later reads see this commit
        duplicate = credit.credit_paid_intent(envelope, event.data_object, event.text)
        if duplicate is not None:
            return DeliveryResult(envelope.id, envelope.type, DeliveryOutcome.PROCESSED, duplicate)
    return process_event(session=session, event=event.raw, payload=event.text)


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
