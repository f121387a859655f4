"""A tab's server-side states never outlive the user they were filled for.

The tab token (the websocket URL's UUID) is no secret; the session cookie of the
websocket handshake is. Log out, expiry, revocation, another user's cookie or none
at all on a tab's token: every state of the tab is back to its defaults before a
handler runs or a hydrate sends anything.
"""

from __future__ import annotations

import asyncio
from datetime import timedelta

from reflex.state import State
from reflex_base.event import Event
from sqlmodel import select

from castyou.clock import utcnow
from castyou.models.user import AuthSession, Role, User
from castyou.state.admin.users import AdminUsersState, UserCard
from castyou.state.concierge import ConciergeState
from castyou.state.tab import TabOwnerMiddleware
from tests.concierge_helpers import submit
from tests.factories import fund, login_token, make_user
from tests.state_helpers import call, new_state, rendered, scripts, use_cookie


def _admin_with_a_user_open(db):
    admin = make_user(db, Role.ADMIN)
    talent = make_user(db, email="maria@casting.test", name="Maria")
    fund(db, talent, 1200)
    state = new_state(AdminUsersState, login_token(db, admin))
    call(state, "search", {"query": "maria"})
    call(state, "open_user", state.rows[0].id)
    assert state.rows and state.ledger_rows and state.selected.email == "maria@casting.test"
    return state


def _is_blank(state: AdminUsersState) -> bool:
    session = state.parent_state
    return (
        state.rows == []
        and state.ledger_rows == []
        and state.selected == UserCard()
        and state.query == ""
        and (session.viewer_role, session.viewer_email, session.tr_admin) == ("", "", {})
    )


def _hydrate(state) -> str:
    """A reconnect: the middleware's check, then the snapshot hydrate sends (as text)."""
    root = state._get_root_state()
    event = Event(name=f"{State.get_full_name()}.hydrate_and_load", payload={})
    asyncio.run(TabOwnerMiddleware().preprocess(app=None, state=root, event=event))
    return str(root.dict())


def test_log_out_wipes_the_admin_lists_and_expires_the_cookie(db):
    state = _admin_with_a_user_open(db)
    state.parent_state.viewer_role = "ADMIN"
    [script] = scripts(call(state, "log_out"))
    assert _is_blank(state)
    assert script.startswith("fetch(\"/api/session\", {method: 'DELETE'")
    # The browser still sends the old cookie until the DELETE lands: it is dead already.
    call(state, "load_session")
    assert _is_blank(state)


def test_another_users_cookie_on_the_same_tab_sees_defaults(db):
    state = _admin_with_a_user_open(db)
    talent = make_user(db, email="other@casting.test")
    use_cookie(state, login_token(db, talent))
    call(state, "load_session")
    assert state.rows == [] and state.ledger_rows == [] and state.selected == UserCard()
    assert state.parent_state.viewer_email == "other@casting.test"


def test_an_expired_session_sees_defaults(db):
    state = _admin_with_a_user_open(db)
    for row in db.exec(select(AuthSession)).all():
        row.expires_at = utcnow() - timedelta(seconds=1)
        db.add(row)
    db.commit()
    assert "log in" in rendered(call(state, "search", {"query": "maria"})).lower()
    assert _is_blank(state)


def test_a_revoked_session_is_wiped_before_the_hydrate(db):
    state = _admin_with_a_user_open(db)
    for row in db.exec(select(AuthSession)).all():
        db.delete(row)
    db.commit()
    assert "maria@casting.test" not in _hydrate(state)
    assert _is_blank(state)


def test_a_reconnect_with_the_tab_token_alone_gets_none_of_her_requests(db):
    victim = make_user(db, email="victim@casting.test")
    submit(db, victim)
    state = new_state(ConciergeState, login_token(db, victim))
    call(state, "load")
    assert len(state.requests) == 1
    assert "Need a dog actor number" in str(state._get_root_state().dict())
    use_cookie(state, "")  # the same tab token, no cookie
    assert "Need a dog actor number" not in _hydrate(state)
    assert state.requests == [] and state.balance_text == ""
    assert state.parent_state.viewer_email == ""


def test_the_same_user_keeps_the_tab_and_its_language(db):
    state = _admin_with_a_user_open(db)
    state.parent_state.ui_lang = "pt"
    assert "maria@casting.test" in _hydrate(state)
    assert state.rows and state.selected.email == "maria@casting.test"
    use_cookie(state, "")
    assert "maria@casting.test" not in _hydrate(state)
    assert _is_blank(state)
    assert state.parent_state.ui_lang == "pt"


def test_a_new_session_of_the_same_user_keeps_the_tab(db):
    state = _admin_with_a_user_open(db)
    admin_id = state.parent_state._tab_owner
    admin = db.get(User, admin_id)
    use_cookie(state, login_token(db, admin))
    call(state, "load_session")
    assert state.rows and state.selected.email == "maria@casting.test"


def test_a_socket_another_sites_page_opened_is_anonymous(db):
    state = _admin_with_a_user_open(db)
    token = login_token(db, db.get(User, state.parent_state._tab_owner))
    use_cookie(state, token, origin="https://evil.example")
    call(state, "load_session")
    assert _is_blank(state)
    use_cookie(state, token, origin="http://testserver")  # the app's own page
    call(state, "load_session")
    assert state.parent_state.viewer_role == "ADMIN"
