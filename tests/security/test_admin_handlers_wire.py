"""Every admin handler, sent over the real websocket by an anonymous tab and by a talent.

The in-process matrix (``tests/state/test_admin_authz.py``) calls handlers directly;
here the same handlers arrive as a forged browser would send them, through Reflex's
event router, against the running app. Nothing an admin sees may reach the tab, and
the app's database must not change.
"""

from __future__ import annotations

import inspect
from typing import Any

import pytest
from sqlmodel import Session, select

from castyou.models.user import Role, User
from castyou.state.admin.users import AdminUsersState
from tests.security.wire import (
    Credential,
    Server,
    demo_email,
    failed_unexpectedly,
    full_name,
    open_tab,
    run,
    text_of,
)
from tests.state.admin_matrix import admin_states, db_snapshot

HANDLERS = sorted(
    ((cls, name) for cls in admin_states() for name in cls.event_handlers if name != "setvar"),
    key=lambda pair: f"{pair[0].__name__}.{pair[1]}",
)
IDS = [f"{cls.__name__}.{name}" for cls, name in HANDLERS]
FIELD = "_rx_state_"
# Vars of the concierge team's screens that editing a form row changes in the tab only.
UI_ONLY = {"fulfil_rows", "fulfil_note", "fulfil_open"}
# Arguments a forged client would send to reach the protected work.
SPECIAL: dict[str, dict[str, Any]] = {
    "AdminUsersState.change_role": {"role": "ADMIN"},
    "AdminBundlesState.set_active": {"bundle_id": "starter", "active": False},
    "AdminBundlesState.delete": {"bundle_id": "starter"},
    "AdminBundlesState.start_edit": {"bundle_id": "starter"},
    "AdminConciergeState.change_status": {"request_id": "1", "status": "DONE"},
    "AdminConciergeDetailState.set_row_field": {"index": 0, "field": "name", "value": "x"},
    "AdminSupportState.mark_done": {"kind": "overdue", "ref_id": "1"},
}


def _form(talent_id: int) -> dict[str, str]:
    """Every field any admin form reads, filled so the protected work would succeed."""
    return {
        "query": "demo",
        "user_id": str(talent_id),
        "amount": "500",
        "reason": "wire",
        "role": "ADMIN",
        "code": "wire",
        "name": "Wire",
        "stars": "100",
        "bonus": "0",
        "price_cents": "1",
        "note": "wire",
        "text": "wire",
        "rating": "5",
    }


def _payload(cls: type, name: str, talent_id: int) -> dict[str, Any]:
    key = f"{cls.__name__}.{name}"
    if key in SPECIAL:
        return SPECIAL[key]
    params = list(inspect.signature(cls.event_handlers[name].fn).parameters.values())[1:]
    return {
        param.name: _form(talent_id) if "form" in param.name else str(talent_id)
        for param in params
        if param.default is inspect.Parameter.empty
    }


def _admin_vars_sent(
    cls: type, answer: list[dict[str, Any]], hydrated: dict[str, Any]
) -> dict[str, Any]:
    """The admin state's vars the answer changed from their hydrated (empty) values.

    Error messages and the UI-only vars are left out: a refusal may show one, and
    editing a fulfilment form's rows happens in the tab before anything is checked.
    """
    sent: dict[str, Any] = {}
    for update in answer:
        sent.update((update.get("delta") or {}).get(cls.get_full_name(), {}))
    return {
        name: value
        for name, value in sent.items()
        if value != hydrated.get(name)
        and not name.removesuffix(FIELD).endswith("_error")
        and name.removesuffix(FIELD) not in UI_ONLY
    }


def _talent_id(db: Session) -> int:
    user = db.exec(select(User).where(User.email == demo_email(Role.TALENT.value))).one()
    assert user.id is not None
    return user.id


@pytest.mark.parametrize("role", ["anonymous", "talent"])
@pytest.mark.parametrize(("cls", "name"), HANDLERS, ids=IDS)
def test_non_admins_get_nothing_over_the_wire(
    server: Server, credentials: dict[str, Credential], db: Session, cls, name, role
):
    talent_id = _talent_id(db)
    others = [demo_email(Role.PRODUCER.value), demo_email(Role.ADMIN.value)]
    credential = credentials["TALENT"] if role == "talent" else None
    before = db_snapshot(db)
    log_offset = server.log_size()

    async def attack() -> tuple[list[dict[str, Any]], dict[str, Any]]:
        tab = await open_tab(server, credential, path="/admin/castars")
        try:
            hydrated = tab.state().get(cls.get_full_name(), {})
            answer = await tab.answer(full_name(cls, name), _payload(cls, name, talent_id))
            return answer, _admin_vars_sent(cls, answer, hydrated)
        finally:
            await tab.close()

    answer, sent = run(attack())
    assert not any(email in text_of(answer) for email in others), text_of(answer)[:2000]
    assert sent == {}
    assert not failed_unexpectedly(answer), text_of(answer)[:2000]
    assert db_snapshot(db) == before
    assert server.errors_since(log_offset) == []


def test_the_handler_list_covers_the_admin_console():
    names = set(IDS)
    assert {"AdminGrantsState.grant", "AdminUsersState.change_role"} <= names
    assert {"AdminConciergeState.assign", "AdminConciergeDetailState.submit_fulfil"} <= names
    assert len(HANDLERS) >= 60


def test_an_admin_does_get_the_data(server: Server, credentials: dict[str, Credential]):
    """The control: the same wire call as an admin shows other users' e-mails."""

    async def search() -> str:
        tab = await open_tab(server, credentials["ADMIN"], path="/admin/castars")
        try:
            answer = await tab.answer(full_name(AdminUsersState, "search"), {"form": _form(0)})
            return text_of(answer)
        finally:
            await tab.close()

    assert demo_email(Role.PRODUCER.value) in run(search())
