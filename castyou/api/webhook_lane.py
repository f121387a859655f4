"""The Stripe webhook's own lane through the ASGI stack.

A delivery is the app's hottest request, and FastAPI's routing, dependency solving,
exception and CORS layers cost more CPU than verifying and crediting it. The lane
sends ``POST /api/stripe/webhook`` past them to the same endpoint, through the same
middleware every ``/api`` route has: request id and access log, body limit,
deadline, JSON errors (503 on a transient database fault). Any other request goes
on to the app unchanged.
"""

from __future__ import annotations

from starlette.types import ASGIApp, Receive, Scope, Send

from castyou.api.errors import JsonErrors
from castyou.api.middleware import WEBHOOK_BODY_MAX, BodyLimit, RequestDeadline
from castyou.api.observability import RequestIdMiddleware
from castyou.api.payments import WEBHOOK_PATH, stripe_webhook_asgi
from castyou.settings import get_settings

_LANE = RequestIdMiddleware(
    BodyLimit(
        RequestDeadline(
            JsonErrors(stripe_webhook_asgi), seconds=lambda: get_settings().request_timeout
        ),
        limits={WEBHOOK_PATH: WEBHOOK_BODY_MAX},
    )
)


def webhook_lane(app: ASGIApp) -> ASGIApp:
    """Wrap ``app`` so webhook deliveries take the lane (a Reflex ``api_transformer``)."""

    async def route(scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope["path"] == WEBHOOK_PATH and scope["method"] == "POST":
            await _LANE(scope, receive, send)
        else:
            await app(scope, receive, send)

    return route
