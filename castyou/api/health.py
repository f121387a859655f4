"""Liveness and readiness: ``/api/health`` never touches the database, ``/api/ready`` does.

A process supervisor restarts on a failed liveness check; a load balancer routes away
on a failed readiness check. Neither may hang: readiness answers 503 within
:data:`READY_TIMEOUT_S` when the database is stalled or unreachable.
"""

from __future__ import annotations

import asyncio

from fastapi import APIRouter
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse
from sqlalchemy import text

from castyou import db
from castyou.api.errors import unavailable

READY_TIMEOUT_S = 2.0
router = APIRouter()


@router.get("/api/health")
async def health() -> dict[str, str]:
    """The process answers (no database round trip)."""
    return {"status": "ok"}


def _ping() -> None:
    with db.get_engine().connect() as conn:
        conn.execute(text("SELECT 1"))


@router.get("/api/ready", response_model=None)
async def ready() -> dict[str, str] | JSONResponse:
    """The database answers a query within two seconds."""
    try:
        await asyncio.wait_for(run_in_threadpool(_ping), READY_TIMEOUT_S)
    except Exception:
        return unavailable("The database is not reachable.")
    return {"status": "ready"}
