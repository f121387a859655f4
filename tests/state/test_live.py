"""Pushed updates: which tabs a change reaches, and a tab's own change in its own response."""

from __future__ import annotations

import asyncio
import os

import pytest

import castyou.castyou  # noqa: F401  (registers what each page shows)
from castyou.models.user import Role
from castyou.services import live, live_bus
from castyou.settings import get_settings
from castyou.state import live_registry
from castyou.state.castars.hub import CastarsState, WalletState
from castyou.state.casting.profile import ProfileState
from castyou.state.notifications import NotificationState
from tests.factories import fund, login_token, make_user
from tests.state_helpers import call, new_state, rendered

CASTARS_PAGE = "/castars"


@pytest.fixture(autouse=True)
def _no_tabs():
    for token in live_registry.all_tokens():
        live_registry.close_tab(token)
    yield
    for token in live_registry.all_tokens():
        live_registry.close_tab(token)


def test_a_topic_reaches_only_the_tabs_that_show_it():
    hub = live_registry.open_tab("t1", user_id=1, is_admin=False, route=CASTARS_PAGE)
    live_registry.open_tab("t2", user_id=2, is_admin=False, route="/")
    team = live_registry.open_tab("t3", user_id=3, is_admin=True, route="/admin/concierge")
    assert live_registry.tokens_for([live.wallet(1)]) == {"t1"}
    assert live_registry.tokens_for([live.CONCIERGE_QUEUE]) == {"t3"}
    assert live_registry.tokens_for([live.request(9)]) == {"t3"}
    assert live_registry.tokens_for([live_bus.RESYNC]) == {"t1", "t2", "t3"}
    names = {h.fn.__qualname__ for h in live_registry.handlers_for(hub, [live.wallet(1)])}
    assert names == {"WalletState.refresh", "CastarsState.refresh"}
    assert live_registry.handlers_for(hub, [live.wallet(2), live.CONCIERGE_QUEUE]) == []
    bell = live_registry.handlers_for(hub, [live.notifications(1)])
    assert bell == [NotificationState.refresh]
    queue = {h.fn.__qualname__ for h in live_registry.handlers_for(team, [live.request(9)])}
    assert queue == {"AdminConciergeDetailState.refresh", "ConciergeFilesState.refresh_files"}
    everything = live_registry.handlers_for(hub, [live.user_channel(1)])
    assert {WalletState.refresh, CastarsState.refresh, NotificationState.refresh} <= set(
        h for h in everything
    )


def test_a_requesters_concierge_page_refreshes_its_request_files():
    page = live_registry.open_tab("t1", user_id=1, is_admin=False, route="/concierge")
    names = {h.fn.__qualname__ for h in live_registry.handlers_for(page, [live.requests(1)])}
    assert "ConciergeFilesState.refresh_files" in names
    assert live_registry.handlers_for(page, [live.requests(2)]) == []


def test_closing_a_tab_forgets_it():
    live_registry.open_tab("t1", user_id=1, is_admin=True, route=CASTARS_PAGE)
    live_registry.open_tab("t1", user_id=1, is_admin=False, route=CASTARS_PAGE)
    assert live_registry.tokens_for([live.CONCIERGE_QUEUE]) == set()
    live_registry.close_tab("t1")
    assert live_registry.tokens_for([live.wallet(1)]) == set()
    assert live_registry.tab_count() == 0


def test_a_tabs_own_paid_action_refreshes_its_header_in_the_same_response(db):
    """Saving a profile section pays stars: the header balance changes with the toast."""
    user = make_user(db, Role.TALENT)
    state = new_state(ProfileState, login_token(db, user))
    tab = state.router.session.client_token  # "" in a test root; a real tab's token otherwise
    wallet = state._get_root_state().get_substate(WalletState.get_full_name().split("."))
    call(state, "save", {"section": "bio", "bio": "Stage and screen."})
    assert wallet.balance_text == "0"  # not registered as an open tab: nothing to refresh
    live_registry.open_tab(tab, user_id=user.id, is_admin=False, route="/profile")
    result = rendered(call(state, "save", {"section": "photo", "photo_url": "https://x.test/p"}))
    assert "+" in result or "earned" in result.lower()
    assert wallet.balance_text != "0"
    fund(db, user, 1)  # made outside the tab: reaches it by push, not in its response
    assert wallet.balance_text != "1"


def test_in_memory_bus_delivers_published_messages_to_listeners(monkeypatch):
    monkeypatch.delenv("REDIS_URL", raising=False)
    get_settings.cache_clear()

    async def scenario() -> list[live_bus.Message]:
        got: list[live_bus.Message] = []

        async def listen() -> None:
            async for message in live_bus.listen():
                got.append(message)
                if len(got) == 2:
                    return

        task = asyncio.create_task(listen())
        await asyncio.sleep(0)
        live.publish({live.wallet(7)}, origin="tab")
        await asyncio.to_thread(live.publish, [live.CONCIERGE_QUEUE])
        await asyncio.wait_for(task, 5)
        return got

    try:
        assert asyncio.run(scenario()) == [
            live_bus.Message((live.wallet(7),), "tab"),
            live_bus.Message((live.CONCIERGE_QUEUE,)),
        ]
    finally:
        monkeypatch.undo()
        get_settings.cache_clear()


def test_redis_bus_delivers_published_messages_across_connections():
    if not os.environ.get("REDIS_URL"):
        pytest.skip("needs REDIS_URL (Redis not configured)")
    get_settings.cache_clear()

    async def scenario() -> live_bus.Message:
        async def first() -> live_bus.Message:
            async for message in live_bus.listen():
                if message.topics == (live.wallet(8),):
                    return message
            raise AssertionError("the bus stopped")

        task = asyncio.create_task(first())
        for _ in range(50):  # until the subscription is in place
            live.publish({live.wallet(8)}, origin="redis-tab")
            done, _pending = await asyncio.wait({task}, timeout=0.1)
            if done:
                return task.result()
        task.cancel()
        raise AssertionError("no message through Redis within 5 s")

    assert asyncio.run(scenario()) == live_bus.Message((live.wallet(8),), "redis-tab")


def test_bus_messages_decode_only_when_well_formed():
    message = live_bus.Message(("wallet:1", "request:2"), "tok")
    assert live_bus.Message.decode(message.encode()) == message
    for junk in (b"", b"[]", b'{"t": 5}', b"\xff"):
        assert live_bus.Message.decode(junk) is None
    assert live_bus.channel_name("redis://127.0.0.1:6379/5") == "castyou:live:5"
    assert live_bus.channel_name("redis://h") == "castyou:live:0"
