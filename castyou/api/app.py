"""The HTTP API: health check, and the routers later features add."""

from fastapi import FastAPI
from sqlalchemy import text

from castyou.api.payments import router as payments_router
from castyou.api.receipts import router as receipts_router
from castyou.api.v1 import service_api
from castyou.db import session_scope

api = FastAPI(title="CasTyou", docs_url=None, redoc_url=None, openapi_url=None)
api.include_router(payments_router)
api.include_router(receipts_router)


@api.get("/api/health")
def health() -> dict[str, str]:
    """Liveness plus a database round trip."""
    with session_scope() as db:
        db.exec(text("SELECT 1"))  # type: ignore[call-overload]
    return {"status": "ok"}


api.mount("/api/v1", service_api)
