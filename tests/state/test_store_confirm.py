"""Store spends behind a confirm dialog with a per-click key: a double click charges once."""

from __future__ import annotations

from sqlmodel import select

from castyou.models.store import ActiveFeature
from castyou.state.castars.store import StoreState
from tests.casting_factories import balance, make_talent
from tests.factories import fund, login_token
from tests.state_helpers import call, new_state, rendered


def _loaded(db, user) -> StoreState:
    state = new_state(StoreState, token=login_token(db, user))
    call(state, "load")
    return state


def test_confirm_dialog_shows_the_registry_cost_and_the_balance_after(db):
    talent = make_talent(db)
    fund(db, talent, 350)
    state = _loaded(db, talent)
    call(state, "ask_confirm", "PROFILE_BOOST")
    assert (state.confirm.feature, state.confirm.cost, state.confirm.balance_after) == (
        "PROFILE_BOOST",
        "200",
        "200",
    )
    call(state, "close_confirm")
    assert state.confirm.feature == ""
    assert "does not exist" in rendered(call(state, "ask_confirm", "DIRECT_MESSAGE_CREDIT"))


def test_a_double_click_with_one_key_charges_once_and_answers_the_same(db):
    talent = make_talent(db)
    fund(db, talent, 550)
    state = _loaded(db, talent)
    key = state.click_key
    first = rendered(call(state, "activate", "PROFILE_BOOST", key))
    second = rendered(call(state, "activate", "PROFILE_BOOST", key))
    assert "Profile Boost is active." in first and "Profile Boost is active." in second
    assert balance(db, talent) == 600 - 200
    assert len(db.exec(select(ActiveFeature)).all()) == 1
    assert state.click_key != key
    assert "is active" in rendered(call(state, "activate", "PROFILE_BOOST", state.click_key))
    assert balance(db, talent) == 600 - 400


def test_a_missing_or_malformed_key_is_refused_and_charges_nothing(db):
    talent = make_talent(db)
    fund(db, talent, 550)
    state = _loaded(db, talent)
    for bad in ("", "short", "x" * 65, "bad key!!", "²" * 10, None, 12345678, ["k" * 10]):
        assert "expired" in rendered(call(state, "activate", "PROFILE_BOOST", bad)), bad
    assert "expired" in rendered(call(state, "activate", "PROFILE_BOOST"))
    assert balance(db, talent) == 600
    assert db.exec(select(ActiveFeature)).all() == []


def test_one_users_key_does_not_replay_anothers_spend(db):
    alice, bob = make_talent(db), make_talent(db)
    fund(db, alice, 550)
    fund(db, bob, 550)
    key = "shared-key-0001"
    assert "is active" in rendered(call(_loaded(db, alice), "activate", "PROFILE_BOOST", key))
    assert "is active" in rendered(call(_loaded(db, bob), "activate", "PROFILE_BOOST", key))
    assert (balance(db, alice), balance(db, bob)) == (400, 400)
    owners = sorted(row.user_id for row in db.exec(select(ActiveFeature)))
    assert owners == sorted([alice.id, bob.id])
