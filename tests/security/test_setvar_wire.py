"""Reflex's ``setvar`` (and any ``set_<var>`` setter) sent for every var of every state.

Reflex 0.10 generates no ``set_<var>`` setters unless ``state_auto_setters`` is on
(CasTyou leaves it off), but every state still has the ``setvar`` handler, which calls
``set_<var_name>`` if the state has it. A talent sends hostile values for every var of
every CasTyou state: no role, balance or price may change, no backend-only (``_``) var
and no secret may ever reach the tab.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
import reflex as rx
from sqlalchemy import text
from sqlmodel import Session

import castyou.castyou  # noqa: F401  (every page's states)
from castyou.state.admin.users import AdminUsersState
from castyou.state.session import SessionState
from tests.security.wire import (
    API_KEY,
    Credential,
    Server,
    failed_unexpectedly,
    full_name,
    open_tab,
    run,
    secret_pattern,
    text_of,
)
from tests.state.admin_matrix import db_snapshot

HOSTILE: tuple[Any, ...] = ("ADMIN", 10**9, {"role": "ADMIN", "balance": 10**9})
MONEY_AND_ROLES = ("users", "castars_wallets", "castars_ledger", "castars_bundles")


def _states(cls: type[rx.State]) -> Iterator[type[rx.State]]:
    """CasTyou's states (mixins such as ``PagedList`` are not states of the tree)."""
    if cls.__module__.startswith("castyou.") and not getattr(cls, "_mixin", False):
        yield cls
    for sub in cls.__subclasses__():
        yield from _states(sub)


STATES = sorted(set(_states(rx.State)), key=lambda cls: cls.__name__)


def _vars(cls: type[rx.State]) -> list[str]:
    """Every var of the state: its own, computed and backend-only ones."""
    backend = {name for name in cls.__fields__ if name.startswith("_")}
    names = set(cls.base_vars) | set(cls.computed_vars) | backend
    return sorted(names - {"is_hydrated", "router", "_reflex_internal_links"})


def _rows(db: Session) -> dict[str, list[tuple[str, ...]]]:
    db.expire_all()
    return {
        table: sorted(tuple(map(str, row)) for row in db.execute(text(f"SELECT * FROM {table}")))
        for table in MONEY_AND_ROLES
    }


def _secrets(db: Session, own: Credential, others: list[Credential]) -> list[str]:
    values = [API_KEY, "security-secret-", "whsec_security_"]
    values += [other.token for other in others if other.token and other.token != own.token]
    values += [row[0] for row in db.execute(text("SELECT token_hash FROM auth_sessions"))]
    values += [row[0] for row in db.execute(text("SELECT password_hash FROM users"))]
    return values


def _backend_keys(updates: list[dict[str, Any]]) -> set[str]:
    return {
        f"{state}.{name}"
        for update in updates
        for state, values in (update.get("delta") or {}).items()
        for name in values
        if name.startswith("_")
    }


@pytest.mark.parametrize("cls", STATES, ids=[cls.__name__ for cls in STATES])
def test_setvar_changes_nothing_and_leaks_nothing(
    server: Server, credentials: dict[str, Credential], db: Session, cls: type[rx.State]
):
    talent = credentials["TALENT"]
    before_rows, before = _rows(db), db_snapshot(db)

    async def attack() -> tuple[list[dict[str, Any]], str]:
        tab = await open_tab(server, talent, path="/castars")
        try:
            for var in _vars(cls):
                # Without a setter, setvar refuses whatever the value: one value is enough.
                has_setter = hasattr(cls, f"set_{var}")
                for value in HOSTILE if has_setter else HOSTILE[:1]:
                    await tab.answer(full_name(cls, "setvar"), {"var_name": var, "value": value})
                    if f"set_{var}" in cls.event_handlers:
                        await tab.answer(full_name(cls, f"set_{var}"), {"value": value})
            search = await tab.answer(
                full_name(AdminUsersState, "search"), {"form": {"query": "demo"}}
            )
            return tab.ws.updates, text_of(search)
        finally:
            await tab.close()

    updates, admin_search = run(attack())
    assert _rows(db) == before_rows
    assert db_snapshot(db) == before
    assert _backend_keys(updates) == set()
    leaked = secret_pattern(_secrets(db, talent, list(credentials.values())))
    assert leaked.search(text_of(updates)) is None
    assert "producer@demo" not in admin_search


def test_a_fresh_tab_of_the_talent_is_still_a_talent(
    server: Server, credentials: dict[str, Credential]
):
    async def hydrate() -> tuple[Any, Any]:
        tab = await open_tab(server, credentials["TALENT"], path="/castars")
        try:
            return tab.var("viewer_role"), tab.var("is_admin")
        finally:
            await tab.close()

    assert run(hydrate()) == ("TALENT", False)


def test_the_walk_sees_every_state():
    names = {cls.__name__ for cls in STATES}
    assert {"SessionState", "AuthFormState", "StoreState", "AdminGrantsState"} <= names
    assert len(STATES) >= 30
    assert all(issubclass(cls, SessionState) for cls in STATES)


@pytest.mark.xfail(
    strict=True,
    reason="Reflex's setvar raises AttributeError for a var without a setter: any client "
    "can write a traceback ('Reflex Backend Exception') to the server log and get "
    "'An error occurred' (framework behaviour; needs an app-level setvar refusal)",
)
def test_setvar_without_a_setter_is_refused_quietly(
    server: Server, credentials: dict[str, Credential]
):
    offset = server.log_size()

    async def attack() -> list[dict[str, Any]]:
        tab = await open_tab(server, credentials["TALENT"], path="/castars")
        try:
            return await tab.answer(
                full_name(SessionState, "setvar"), {"var_name": "viewer_role", "value": "ADMIN"}
            )
        finally:
            await tab.close()

    answer = run(attack())
    assert not failed_unexpectedly(answer)
    assert server.errors_since(offset) == []


def _every_var(value: Any) -> dict[str, Any]:
    """Every var of every state but the browser-storage ones, named as storage vars travel."""
    return {
        f"{cls.get_full_name()}.{var}": value
        for cls in STATES
        for var in _vars(cls)
        if not cls._is_client_storage(var)
    }


@pytest.mark.parametrize("value", ["ADMIN", 10**9], ids=["role", "number"])
def test_hydrate_and_update_vars_change_no_other_var(
    server: Server, credentials: dict[str, Credential], db: Session, value: Any
):
    """The hydrate's and ``update_vars_internal``'s ``vars`` reach only storage vars."""
    from reflex.state import UpdateVarsInternalState

    talent = credentials["TALENT"]
    before, offset = _rows(db), server.log_size()
    forged = _every_var(value)

    async def attack() -> tuple[Any, Any, list[dict[str, Any]]]:
        tab = await open_tab(server, talent, path="/castars")
        try:
            await tab.answer(f"{rx.State.get_full_name()}.hydrate_and_load", {"vars": forged})
            await tab.answer(
                full_name(UpdateVarsInternalState, "update_vars_internal"), {"vars": forged}
            )
            search = await tab.answer(
                full_name(AdminUsersState, "search"), {"form": {"query": "demo"}}
            )
            return tab.var("viewer_role"), text_of(search), tab.ws.updates
        finally:
            await tab.close()

    role, search, updates = run(attack())
    assert role == "TALENT"
    assert "producer@demo" not in search
    assert _rows(db) == before
    assert _backend_keys(updates) == set()
    assert not failed_unexpectedly(updates)
    assert server.errors_since(offset) == []


@pytest.mark.xfail(
    strict=True,
    reason="Reflex raises ValueError('Invalid path') for an unknown state name in the "
    "hydrate's vars: any client can write a traceback to the server log and get "
    "'An error occurred' (framework behaviour)",
)
def test_a_hydrate_naming_an_unknown_state_is_refused_quietly(server: Server):
    offset = server.log_size()

    async def attack() -> list[dict[str, Any]]:
        tab = await open_tab(server, path="/login")
        try:
            forged = {f"{rx.State.get_full_name()}.no_such_state.auth_token": "x"}
            answer = await tab.answer(
                f"{rx.State.get_full_name()}.hydrate_and_load", {"vars": forged}
            )
            return answer
        finally:
            await tab.close()

    answer = run(attack())
    assert not failed_unexpectedly(answer)
    assert server.errors_since(offset) == []


STORAGE_VARS = sorted(
    f"{cls.get_full_name()}.{var}"
    for cls in STATES
    for var in _vars(cls)
    if cls._is_client_storage(var) and var in cls.base_vars
)
NOT_TEXT: tuple[Any, ...] = (7, ["en"], {"en": 1}, None, True)
BUGS: dict[str, pytest.MarkDecorator] = {}


@pytest.mark.parametrize(
    "storage_var",
    [pytest.param(name, marks=BUGS.get(name.rpartition(".")[2], ())) for name in STORAGE_VARS],
    ids=[name.rpartition(".")[2] for name in STORAGE_VARS],
)
def test_browser_storage_that_is_not_text_is_handled_quietly(
    server: Server, credentials: dict[str, Credential], storage_var: str
):
    """Browser storage is the client's: a number or a list there is refused or ignored."""
    offset = server.log_size()

    async def attack() -> list[dict[str, Any]]:
        answers: list[dict[str, Any]] = []
        for value in NOT_TEXT:
            tab = await open_tab(server, credentials["TALENT"], path="/castars")
            try:
                hydrate = f"{rx.State.get_full_name()}.hydrate_and_load"
                answers += await tab.answer(hydrate, {"vars": {storage_var: value}})
                answers += await tab.answer(full_name(SessionState, "load_session"), {})
                answers += await tab.answer(
                    full_name(AdminUsersState, "search"), {"form": {"query": "x"}}
                )
            finally:
                await tab.close()
        return answers

    answers = run(attack())
    assert not failed_unexpectedly(answers)
    assert server.errors_since(offset) == []
    assert server.is_up()


def test_the_storage_vars_are_found():
    assert {name.rpartition(".")[2] for name in STORAGE_VARS} >= {"ui_lang"}
    # The session is an HttpOnly cookie now, never browser storage a script can read.
    assert not any(name.endswith(".auth_token") for name in STORAGE_VARS)
