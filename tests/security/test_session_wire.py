"""Over the wire: the session cookie, and a tab token that is worth nothing without it.

Against the real app (:mod:`tests.security.session_server`), speaking Reflex's
websocket protocol as a browser tab does (:mod:`bench._reflex_ws`): log in through
the claim exchange, read admin data, log out, then reconnect with the same tab
token (the UUID in the websocket URL) and get nothing back.
"""

from __future__ import annotations

import asyncio
import json
import urllib.request

from bench._reflex_ws import (
    CLAIM_SCRIPT,
    HYDRATE,
    ReflexTab,
    claim_session,
    signed_in_tab,
)
from castyou.db import make_engine, new_session
from castyou.services.accounts import SESSION_COOKIE, SESSION_LIFETIME
from castyou.state.admin.users import AdminUsersState
from castyou.state.auth import AuthFormState
from castyou.state.concierge import ConciergeState
from castyou.state.session import SessionState
from tests.concierge_helpers import submit
from tests.factories import PASSWORD, make_user
from tests.security.session_server import Server, session_server_fixture  # noqa: F401

ADMIN, DEMO_PASSWORD = "admin@demo.castyou.test", "castyou-demo"
ADMIN_PAGE = "/admin/castars"
A_USER_EMAIL = "talent@demo.castyou.test"  # listed on the admin's users tab
SETTLE_S = 3


def _text(tab: ReflexTab, since: int = 0) -> str:
    return json.dumps([delta for _, delta in tab.deltas[since:]])


async def _reconnect(server: Server, token: str, path: str, cookie: str = "") -> ReflexTab:
    """A client reconnecting with tab token ``token``: hydrate, then let on_load run."""
    await asyncio.sleep(1)  # the server notices the token's previous socket is gone
    tab = ReflexTab(server.url, token=token, cookie=cookie)
    await tab.open()
    await tab.send(HYDRATE, {"vars": {}}, path)
    await asyncio.sleep(SETTLE_S)
    assert tab.reassigned_to == "", "the server took the reconnect for a duplicate tab"
    return tab


def _delete_session(server: Server, cookie: str) -> tuple[int, str]:
    request = urllib.request.Request(
        f"{server.url}/api/session",
        method="DELETE",
        headers={"Origin": server.url, "Cookie": cookie},
    )
    with urllib.request.urlopen(request, timeout=20) as answer:
        return answer.status, answer.headers.get("Set-Cookie", "")


async def _log_in_for_claim(server: Server) -> str:
    tab = ReflexTab(server.url)
    await tab.open()
    await tab.send(HYDRATE, {"vars": {}}, "/login")
    form = {"email": ADMIN, "password": DEMO_PASSWORD}
    await tab.send(f"{AuthFormState.get_full_name()}.log_in", {"form": form}, "/login")
    claim = (await tab.wait_for_script(CLAIM_SCRIPT, 30)).group(1)
    assert SESSION_COOKIE not in _text(tab)
    await tab.close()
    return claim


def test_the_claim_buys_one_httponly_cookie_for_the_apps_own_origin(session_server: Server):
    claim = asyncio.run(_log_in_for_claim(session_server))
    assert claim_session(session_server.url, claim, origin="https://evil.example")[0] == 403
    status, set_cookie = claim_session(session_server.url, claim)
    assert status == 204
    attributes = [part.strip() for part in set_cookie.split(";")]
    assert attributes[0].startswith(f"{SESSION_COOKIE}=")
    assert {"HttpOnly", "Path=/", "SameSite=lax"} <= set(attributes)
    [max_age] = [int(part.split("=")[1]) for part in attributes if part.startswith("Max-Age=")]
    lifetime = int(SESSION_LIFETIME.total_seconds())
    assert lifetime - 60 <= max_age <= lifetime
    assert "Secure" not in attributes  # plain-http localhost only; Secure everywhere else
    assert claim_session(session_server.url, claim)[0] == 400  # single use


def test_logout_leaves_nothing_for_the_tab_token(session_server: Server):
    users = f"{AdminUsersState.get_full_name()}.search"

    async def scenario() -> None:
        admin = await signed_in_tab(session_server.url, ADMIN, DEMO_PASSWORD, ADMIN_PAGE)
        await admin.send(users, {"form": {"query": "demo"}}, ADMIN_PAGE)
        await admin.wait_for(lambda delta: A_USER_EMAIL in json.dumps(delta), 30)
        # Another site's page opening a socket: the browser may attach the cookie.
        hijack = ReflexTab(session_server.url, cookie=admin.cookie, origin="https://evil.example")
        await hijack.open()
        await hijack.send(HYDRATE, {"vars": {}}, ADMIN_PAGE)
        await hijack.send(users, {"form": {"query": "demo"}}, ADMIN_PAGE)
        await asyncio.sleep(SETTLE_S)
        assert hijack.deltas and A_USER_EMAIL not in _text(hijack)
        await hijack.close()

        await admin.send(f"{SessionState.get_full_name()}.log_out", {}, ADMIN_PAGE)
        await admin.wait_for_script(r"method: 'DELETE'", 30)
        await admin.close()
        status, expired = await asyncio.to_thread(_delete_session, session_server, admin.cookie)
        assert status == 204 and f"{SESSION_COOKIE}=" in expired and "Max-Age=0" in expired

        for cookie in ("", admin.cookie):  # no cookie, then the revoked one
            again = await _reconnect(session_server, admin.token, ADMIN_PAGE, cookie)
            await again.send(users, {"form": {"query": "demo"}}, ADMIN_PAGE)
            await asyncio.sleep(SETTLE_S)
            assert again.deltas, "the reconnect got no answer at all"
            assert A_USER_EMAIL not in _text(again)
            assert ADMIN not in _text(again)
            await again.close()

    asyncio.run(scenario())


def test_a_victims_tab_token_alone_returns_none_of_her_requests(session_server: Server):
    with new_session(make_engine(session_server.database_url)) as db:
        victim = make_user(db, email="victim@wire.test", name="Vera Victim")
        description = submit(db, victim).description
    concierge = f"{ConciergeState.get_full_name()}.load"

    async def scenario() -> None:
        mine = await signed_in_tab(session_server.url, "victim@wire.test", PASSWORD, "/concierge")
        await mine.send(concierge, {}, "/concierge")
        await mine.wait_for(lambda delta: description in json.dumps(delta), 30)
        await mine.close()  # she is still logged in; only her tab token leaked

        thief = await _reconnect(session_server, mine.token, "/concierge")
        await thief.send(concierge, {}, "/concierge")
        await asyncio.sleep(SETTLE_S)
        assert thief.deltas, "the reconnect got no answer at all"
        assert description not in _text(thief)
        assert "victim@wire.test" not in _text(thief)
        await thief.close()

    asyncio.run(scenario())
