"""Discovery for the admin authorization matrix: every admin state handler, every admin service.

A state is "admin" when it lives in the ``castyou.state.admin`` package or its class
name starts with ``Admin``; a service is "admin" when it lives in the
``castyou.services.admin`` package and takes ``actor_id``. New handlers and
services are picked up automatically, so one that forgets its check fails the matrix.
"""

from __future__ import annotations

import copy
import importlib
import inspect
import pkgutil
from collections.abc import Callable, Iterator
from typing import Any

from sqlalchemy import func, select
from sqlmodel import Session, SQLModel

import castyou.services
import castyou.state
from castyou.state.session import SessionState

FRAMEWORK_HANDLERS = {"setvar"}
# States with their own matrix (UI-only handlers such as form-row editing are allowed there).
OWN_MATRIX = {
    "AdminConciergeState": "tests/state/test_concierge_authz.py",
    "AdminConciergeDetailState": "tests/state/test_concierge_authz.py",
}


def _modules(package: Any) -> Iterator[Any]:
    """Every module of ``package``, subpackages included."""
    for info in pkgutil.walk_packages(package.__path__, prefix=f"{package.__name__}."):
        yield importlib.import_module(info.name)


def _in_admin_package(module: Any, layer: str) -> bool:
    return module.__name__.startswith(f"castyou.{layer}.admin.")


def admin_states() -> list[type[SessionState]]:
    found = []
    for module in _modules(castyou.state):
        for obj in vars(module).values():
            if (
                isinstance(obj, type)
                and issubclass(obj, SessionState)
                and obj.__module__ == module.__name__
                and (_in_admin_package(module, "state") or obj.__name__.startswith("Admin"))
            ):
                found.append(obj)
    return sorted(found, key=lambda cls: cls.__name__)


def admin_handlers() -> list[tuple[type[SessionState], str]]:
    return [
        (cls, name)
        for cls in admin_states()
        if cls.__name__ not in OWN_MATRIX
        for name in cls.event_handlers
        if name not in FRAMEWORK_HANDLERS
    ]


def admin_services() -> list[Callable[..., Any]]:
    found = []
    for module in _modules(castyou.services):
        if not _in_admin_package(module, "services"):
            continue
        for name, obj in vars(module).items():
            if (
                inspect.isfunction(obj)
                and obj.__module__ == module.__name__
                and not name.startswith("_")
                and "actor_id" in inspect.signature(obj).parameters
            ):
                found.append(obj)
    return found


def db_snapshot(session: Session) -> dict[str, Any]:
    """Row counts of every table, plus every row of the tables money and roles live in."""
    session.expire_all()
    counts = {
        table.name: session.execute(select(func.count()).select_from(table)).scalar_one()
        for table in SQLModel.metadata.sorted_tables
    }
    watched = {}
    for name in ("users", "castars_wallets", "admin_grants", "active_features"):
        table = SQLModel.metadata.tables[name]
        watched[name] = sorted(tuple(map(str, row)) for row in session.execute(select(table)))
    return {"counts": counts, "rows": watched}


def state_snapshot(state: Any) -> dict[str, Any]:
    """The state's own vars, except error messages (a refusal may show one)."""
    values = {
        name: getattr(state, name) for name in type(state).base_vars if not name.endswith("_error")
    }
    values.update(getattr(state, "_backend_vars", {}) or {})
    return copy.deepcopy(values)
