"""The HTTP API: health, session cookie, payments, the service API, and their middleware.

Every ``/api`` route answers errors as JSON (:mod:`castyou.api.errors`), refuses
oversized bodies (16 KiB, the Stripe webhook 512 KB) and answers 503 rather than
hang past ``CASTYOU_REQUEST_TIMEOUT`` (:mod:`castyou.api.middleware`).
"""

from fastapi import FastAPI
from fastapi.responses import JSONResponse

from castyou.api.errors import error_response, install_error_handlers
from castyou.api.files import router as files_router
from castyou.api.health import router as health_router
from castyou.api.middleware import WEBHOOK_BODY_MAX, BodyLimit, RequestDeadline
from castyou.api.observability import RequestIdMiddleware
from castyou.api.observability import router as observability_router
from castyou.api.payments import router as payments_router
from castyou.api.receipts import router as receipts_router
from castyou.api.session import router as session_router
from castyou.api.v1 import service_api
from castyou.logging_setup import configure_logging
from castyou.settings import get_settings

configure_logging()
api = FastAPI(title="CasTyou", docs_url=None, redoc_url=None, openapi_url=None)
api.include_router(health_router)
api.include_router(payments_router)
api.include_router(files_router)
api.include_router(observability_router)
api.include_router(receipts_router)
api.include_router(session_router)
api.mount("/api/v1", service_api)
# Include new routers above: the catch-all below must stay the last /api route.


@api.api_route("/api/{rest:path}", methods=["GET", "POST", "PUT", "PATCH", "DELETE"])
def no_such_route(rest: str) -> JSONResponse:
    """Any other ``/api`` path: a JSON 404 (not the web app's page)."""
    return error_response("not_found", "No such API route.", 404)


# Added inside out: the body limit runs first, then the deadline, then JSON errors.
install_error_handlers(api, prefix="/api")
api.add_middleware(RequestDeadline, seconds=lambda: get_settings().request_timeout)
api.add_middleware(BodyLimit, limits={"/api/stripe/webhook": WEBHOOK_BODY_MAX})
# Outermost: every response, errors included, carries its request id.
api.add_middleware(RequestIdMiddleware)
