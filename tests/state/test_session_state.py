"""Auth handlers called directly, as any websocket client could call them."""

from __future__ import annotations

import asyncio
import re
import threading
import time

from reflex.istate.data import RouterData
from sqlmodel import select

from castyou.models.user import AuthSession, Role, User
from castyou.services import accounts, login_throttle, passwords
from castyou.services.passwords import HashingPool
from castyou.state.auth import AuthFormState
from castyou.state.session import SessionState
from tests.factories import PASSWORD, login_token, make_user
from tests.state_helpers import call, new_state, rendered, scripts


def test_sign_up_form_cannot_create_an_admin(db):
    state = new_state(AuthFormState)
    call(
        state,
        "sign_up",
        {
            "email": "evil@example.test",
            "password": PASSWORD,
            "display_name": "Evil",
            "role": "ADMIN",
        },
    )
    assert state.form_error == "Choose Talent or Producer."
    assert db.exec(select(User)).all() == []
    assert db.exec(select(AuthSession)).all() == []


def _claim(result: object) -> str:
    """The one-time claim in the page script a log in returns."""
    [script] = scripts(result)
    match = re.fullmatch(
        r'fetch\("/api/session", \{method: \'POST\'.*"\{\\"claim\\": \\"([\w-]{40,})\\"\}"\}\)'
        r'\.finally\(\(\) => window\.location\.assign\("/"\)\)',
        script,
    )
    assert match, script
    return match.group(1)


def test_sign_up_logs_in_through_a_claim_the_page_trades_for_its_cookie(db):
    state = new_state(AuthFormState)
    result = call(
        state,
        "sign_up",
        {
            "email": "ana@example.test",
            "password": PASSWORD,
            "display_name": "Ana",
            "role": "PRODUCER",
        },
    )
    assert "Welcome to CasTyou, Ana!" in rendered(result)
    claim = _claim(result)
    # The page never sees a session token: it posts the claim for the HttpOnly cookie.
    assert accounts.user_for_token(session=db, token=claim) is None
    issued = accounts.redeem_claim(session=db, claim=claim)
    assert issued is not None
    assert accounts.redeem_claim(session=db, claim=claim) is None  # single use
    tab = new_state(SessionState, token=issued.token)
    call(tab, "load_session")
    assert (tab.viewer_name, tab.viewer_role) == ("Ana", "PRODUCER")


def test_log_in_error_is_translated(db):
    make_user(db, email="ana@example.test")
    state = new_state(AuthFormState)
    state.ui_lang = "es"
    call(state, "log_in", {"email": "ana@example.test", "password": "wrong-password"})
    assert state.form_error == "Correo o contraseña incorrectos."
    assert db.exec(select(AuthSession)).all() == []


def test_require_login_redirects_anonymous_to_login(db):
    state = new_state(SessionState)
    assert "/login" in rendered(call(state, "require_login"))
    assert state.is_authenticated is False


def test_forged_token_is_anonymous(db):
    make_user(db, Role.ADMIN)
    state = new_state(SessionState, token="forged-token")
    call(state, "load_session")
    assert state.viewer_role == ""
    assert state._resolve_viewer(db) is None


def test_role_comes_from_the_server_not_the_client(db):
    talent = make_user(db, Role.TALENT)
    state = new_state(SessionState, token=login_token(db, talent))
    state.viewer_role = "ADMIN"  # a client cannot set this, but even if it could:
    assert state._resolve_viewer(db).role == Role.TALENT
    call(state, "load_session")
    assert state.viewer_role == "TALENT"


def test_language_choice_is_saved_for_signed_in_user(db):
    user = make_user(db)
    state = new_state(SessionState, token=login_token(db, user))
    call(state, "set_language", "es")
    db.expire_all()
    assert db.get(User, user.id).language == "es"
    assert state.tr["nav.logout"] == "Cerrar sesión"


def test_log_out_ends_the_server_session(db):
    user = make_user(db)
    token = login_token(db, user)
    state = new_state(SessionState, token=token)
    call(state, "log_out")
    assert new_state(SessionState, token=token)._resolve_viewer(db) is None


def test_translations_are_sent_once_not_on_every_navigation(db):
    user = make_user(db)
    state = new_state(SessionState, token=login_token(db, user))
    call(state, "load_session")
    state.dirty_vars.clear()
    call(state, "load_session")
    assert "ui_lang" not in state.dirty_vars
    assert "viewer_name" not in state.dirty_vars


def test_admin_strings_reach_admins_only(db):
    talent = new_state(SessionState, token=login_token(db, make_user(db)))
    call(talent, "load_session")
    assert talent.tr_admin == {}
    assert not any(key.startswith("admin.") for key in talent.tr)
    admin = new_state(SessionState, token=login_token(db, make_user(db, role=Role.ADMIN)))
    call(admin, "load_session")
    assert admin.tr_admin["admin.tab.stats"]
    assert "nav.logout" in admin.tr and "nav.logout" not in admin.tr_admin


def test_log_in_signs_in_and_a_guesser_waits_with_a_translated_message(db):
    make_user(db, email="ana@example.test")
    state = new_state(AuthFormState)
    state.ui_lang = "pt"
    for _ in range(login_throttle.FREE_FAILURES_PER_ACCOUNT):
        call(state, "log_in", {"email": "ana@example.test", "password": "wrong-password"})
    refused = call(state, "log_in", {"email": "ana@example.test", "password": PASSWORD})
    assert state.form_error == "Tentativas falhas demais. Tente novamente em 1 s."
    assert scripts(refused) == []
    owner = new_state(AuthFormState)
    owner.router = RouterData.from_router_data({"ip": "198.51.100.4"})
    result = call(owner, "log_in", {"email": "ana@example.test", "password": PASSWORD})
    assert owner.form_error == ""
    issued = accounts.redeem_claim(session=db, claim=_claim(result))
    assert issued is not None
    assert accounts.user_for_token(session=db, token=issued.token).email == "ana@example.test"
    assert "Welcome back, " in rendered(result)


def test_a_full_hashing_pool_answers_busy_instead_of_waiting(db, monkeypatch):
    pool = HashingPool(workers=1, queue=0)
    monkeypatch.setattr(passwords, "get_pool", lambda: pool)
    release = threading.Event()
    occupant = threading.Thread(target=asyncio.run, args=(pool.run(release.wait),))
    occupant.start()
    try:
        while pool.pending == 0:
            time.sleep(0.005)
        state = new_state(AuthFormState)
        form = {"email": "b@example.test", "password": PASSWORD, "display_name": "Bo"}
        call(state, "sign_up", {**form, "role": "TALENT"})
        assert state.form_error == "The server is busy. Try again in a moment."
        assert db.exec(select(User)).all() == []
    finally:
        release.set()
        occupant.join()
    call(state, "sign_up", {**form, "role": "TALENT"})
    assert state.form_error == ""
    db.rollback()  # end the read snapshot taken before the sign-up
    assert db.exec(select(User.display_name)).all() == ["Bo"]
