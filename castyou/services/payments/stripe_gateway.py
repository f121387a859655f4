"""Where payment intents are created: Stripe, or the local payment simulator.

Both gateways only *create* an intent. Confirmation happens in the browser (Stripe.js)
or in :mod:`castyou.services.payments.simulator`, and stars are credited only by the webhook.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from typing import Protocol

import stripe

from castyou.services.payments.simulator import new_id
from castyou.settings import get_settings


@dataclass(frozen=True)
class IntentRef:
    """A created PaymentIntent: its id and the secret the browser confirms it with."""

    id: str
    client_secret: str


class GatewayError(Exception):
    """The payment provider could not create the intent (network, auth, validation)."""


class Gateway(Protocol):
    mode: str

    def create_intent(
        self,
        *,
        amount_cents: int,
        currency: str,
        metadata: dict[str, str],
        idempotency_key: str,
        description: str,
    ) -> IntentRef: ...


class StripeGateway:
    """Creates PaymentIntents with the Stripe SDK (card payments, automatic confirmation)."""

    mode = "stripe"

    def __init__(self, api_key: str, client: stripe.StripeClient | None = None) -> None:
        self._client = client or stripe.StripeClient(api_key, max_network_retries=2)

    def create_intent(
        self,
        *,
        amount_cents: int,
        currency: str,
        metadata: dict[str, str],
        idempotency_key: str,
        description: str,
    ) -> IntentRef:
        try:
            intent = self._client.v1.payment_intents.create(
                params={
                    "amount": amount_cents,
                    "currency": currency.lower(),
                    "allowed_payment_method_types": ["card"],
                    "metadata": metadata,
                    "description": description,
                },
                options={"idempotency_key": idempotency_key},
            )
        except stripe.StripeError as error:
            raise GatewayError(str(error)) from error
        if not intent.client_secret:
            raise GatewayError("Stripe returned no client secret")
        return IntentRef(id=intent.id, client_secret=intent.client_secret)


class LocalGateway:
    """The simulator's side of intent creation: Stripe-looking ids, nothing leaves the app.

    Each purchase asks once (its row keeps the intent id), so no idempotency memory is kept.
    """

    mode = "local"

    def create_intent(
        self,
        *,
        amount_cents: int,
        currency: str,
        metadata: dict[str, str],
        idempotency_key: str,
        description: str,
    ) -> IntentRef:
        intent_id = new_id("pi")
        return IntentRef(
            id=intent_id, client_secret=f"{intent_id}_secret_{secrets.token_urlsafe(18)}"
        )


_local = LocalGateway()


class DisabledGateway:
    """Production without Stripe keys: selling stars for simulated cards would give them away."""

    mode = "disabled"

    def create_intent(
        self,
        *,
        amount_cents: int,
        currency: str,
        metadata: dict[str, str],
        idempotency_key: str,
        description: str,
    ) -> IntentRef:
        raise GatewayError("payments are not configured (STRIPE_SECRET_KEY) in production")


def get_gateway() -> Gateway:
    """Stripe when ``STRIPE_SECRET_KEY`` is set, else the simulator (never in production)."""
    settings = get_settings()
    if settings.stripe_secret_key:
        return StripeGateway(settings.stripe_secret_key)
    if settings.env == "production":
        return DisabledGateway()
    return _local


def simulator_allowed() -> bool:
    """The local simulator confirms payments only outside production and without Stripe keys."""
    settings = get_settings()
    return settings.payment_mode == "local" and settings.env != "production"
