"""The HTTP API: health check, and the routers later features add."""

from fastapi import FastAPI
from sqlalchemy import text

from castyou.api.files import router as files_router
from castyou.api.observability import RequestIdMiddleware
from castyou.api.observability import router as observability_router
from castyou.api.payments import router as payments_router
from castyou.api.v1 import service_api
from castyou.db import session_scope
from castyou.logging_setup import configure_logging

configure_logging()
api = FastAPI(title="CasTyou", docs_url=None, redoc_url=None, openapi_url=None)
api.include_router(payments_router)
api.include_router(files_router)
api.include_router(observability_router)
api.add_middleware(RequestIdMiddleware)


@api.get("/api/health")
def health() -> dict[str, str]:
    """Liveness plus a database round trip."""
    with session_scope() as db:
        db.exec(text("SELECT 1"))  # type: ignore[call-overload]
    return {"status": "ok"}


api.mount("/api/v1", service_api)
