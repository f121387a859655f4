"""Payment routes: the Stripe webhook and the public list of bundles on sale."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse
from starlette.types import Receive, Scope, Send

from castyou import metrics
from castyou.db import session_scope
from castyou.models.payments import DeliveryOutcome
from castyou.services.payments import bundles, webhooks
from castyou.settings import get_settings

router = APIRouter()
WEBHOOK_PATH = "/api/stripe/webhook"


def _handle(payload: bytes, signature: str | None) -> webhooks.DeliveryResult:
    with session_scope() as db:
        return webhooks.handle_webhook(
            session=db,
            payload=payload,
            signature=signature,
            secret=get_settings().webhook_secret,
        )


@router.post(WEBHOOK_PATH)
async def stripe_webhook(request: Request) -> JSONResponse:
    """Stripe's (or the local simulator's) signed events.

    2xx tells Stripe to stop retrying: unknown types and duplicates are acknowledged;
    a processing error answers 500 so Stripe retries later.
    """
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > webhooks.MAX_PAYLOAD_BYTES:
        return JSONResponse({"error": "payload too large"}, status_code=413)
    payload = await request.body()
    try:
        result = await run_in_threadpool(_handle, payload, request.headers.get("stripe-signature"))
    except webhooks.InvalidWebhook as error:
        metrics.webhook_outcome("INVALID")
        # Acknowledged as junk: nothing was stored, and a retry would fail the same way.
        junk = {"error": {"code": "invalid_webhook", "message": str(error)}}
        return JSONResponse(junk, status_code=400)
    metrics.webhook_outcome(result.outcome.value, result.duplicate)
    body = {"received": True, "duplicate": result.duplicate, "outcome": result.outcome.value}
    status = 500 if result.outcome == DeliveryOutcome.ERROR else 200
    return JSONResponse(body, status_code=status)


async def stripe_webhook_asgi(scope: Scope, receive: Receive, send: Send) -> None:
    """:func:`stripe_webhook` as a plain ASGI app, for :mod:`castyou.api.webhook_lane`."""
    response = await stripe_webhook(Request(scope, receive))
    await response(scope, receive, send)


def _list_bundles() -> list[dict[str, Any]]:
    with session_scope() as db:
        return [
            {
                "id": bundle.id,
                "name": bundle.name,
                "stars": bundle.stars,
                "bonus_stars": bundle.bonus_stars,
                "price_cents": bundle.price_cents,
                "currency": bundle.currency,
            }
            for bundle in bundles.list_active(session=db)
        ]


@router.get("/api/v1/bundles")
async def list_bundles() -> list[dict[str, Any]]:
    """Active CasTars bundles (public)."""
    return await run_in_threadpool(_list_bundles)
