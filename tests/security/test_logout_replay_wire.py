"""After logging out, the tab's old token must not bring the previous user back.

A browser tab keeps its tab token (``sessionStorage``) across a logout. Reconnecting
with that tab token and no session credential must hydrate an anonymous state: none
of the previous user's data may remain in the server-side state of that tab.
"""

from __future__ import annotations

import uuid
from typing import Any

from castyou.models.user import Role
from castyou.services.demo import DEMO_USERS
from castyou.state.session import SessionState
from tests.security.wire import Server, demo_email, full_name, log_in, open_tab, run, text_of


def _traces(credential_token: str, referral_code: str) -> list[str]:
    """What would show that the previous user is still in the tab."""
    email = demo_email(Role.TALENT.value)
    name = next(name for user_email, name, _role in DEMO_USERS if user_email == email)
    return [email, name, credential_token, referral_code]


def _differences(state: dict[str, dict[str, Any]], fresh: dict[str, dict[str, Any]]) -> dict:
    """Vars whose value differs from a brand-new anonymous tab's (router data aside)."""
    return {
        f"{name}.{var}": value
        for name, values in state.items()
        for var, value in values.items()
        if not var.startswith(("rx_router", "is_hydrated"))
        and value != fresh.get(name, {}).get(var)
    }


def test_a_reconnect_with_the_old_tab_token_is_anonymous(server: Server):
    tab_token = str(uuid.uuid4())

    async def replay() -> tuple[list[str], str, object, dict[str, Any]]:
        credential, answer = await log_in(server, demo_email(Role.TALENT.value))
        assert credential is not None, answer
        tab = await open_tab(server, credential, path="/castars", token=tab_token)
        try:
            assert tab.var("viewer_role") == Role.TALENT.value
            traces = _traces(credential.token, tab.var("viewer_referral_code"))
            await tab.answer(full_name(SessionState, "log_out"), {})
        finally:
            await tab.close()
        stranger = await open_tab(server, None, path="/castars")
        await stranger.close()
        again = await open_tab(server, None, path="/castars", token=tab_token)
        try:
            left = _differences(again.state(), stranger.state())
            return traces, text_of(again.ws.updates), again.var("viewer_role"), left
        finally:
            await again.close()

    traces, hydrated, role, left = run(replay())
    assert role == ""
    assert [trace for trace in traces if trace and trace in hydrated] == []
    assert left == {}


def test_the_logged_out_token_opens_nothing(server: Server):
    async def replay() -> object:
        credential, answer = await log_in(server, demo_email(Role.TALENT.value))
        assert credential is not None, answer
        tab = await open_tab(server, credential, path="/castars")
        try:
            await tab.answer(full_name(SessionState, "log_out"), {})
        finally:
            await tab.close()
        stolen = await open_tab(server, credential, path="/castars")
        try:
            return stolen.var("viewer_role")
        finally:
            await stolen.close()

    assert run(replay()) == ""
