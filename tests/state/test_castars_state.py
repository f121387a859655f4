"""CasTars hub, balance widget and bell handlers, called as any websocket client could."""

from __future__ import annotations

from sqlmodel import select

from castyou.models.bounty import BountyRedemption, FeatureGrant
from castyou.models.notification import Notification
from castyou.models.user import Role
from castyou.services import notifications
from castyou.services.castars import ledger
from castyou.state.castars.hub import PAGE_SIZE, CastarsState, WalletState
from castyou.state.live_registry import handlers_of_kind
from castyou.state.notifications import NotificationState
from tests.factories import fund, login_token, make_user
from tests.state_helpers import call, new_state, rendered


def test_widget_shows_the_balance_in_the_viewers_locale_and_glows_for_a_bounty(db):
    user = make_user(db)
    fund(db, user, 1234)
    state = new_state(WalletState, token=login_token(db, user))
    state.ui_lang = "pt"
    call(state, "refresh")
    assert state.balance_text == "1.234"
    assert state.bounty_ready is True


def test_widget_is_empty_for_anonymous_and_forged_sessions(db):
    fund(db, make_user(db), 900)
    for token in ("", "forged"):
        state = new_state(WalletState, token=token)
        call(state, "refresh")
        assert (state.balance_text, state.bounty_ready) == ("0", False)


def test_hub_lists_the_viewers_own_history_newest_first_with_load_more(db):
    user, other = make_user(db), make_user(db)
    for n in range(PAGE_SIZE + 3):
        fund(db, user, 10 + n)
    ledger.spend_stars(session=db, user_id=user.id, amount=30, reason="Boost")
    fund(db, other, 777)
    state = new_state(CastarsState, token=login_token(db, user))
    call(state, "load")
    assert len(state.rows) == PAGE_SIZE
    newest = state.rows[0]
    assert newest.delta == "\u221230" and newest.tone == "red"
    assert newest.source == "Spent" and newest.reason == "Boost"
    assert state.rows[1].delta == "+32" and state.rows[1].tone == "green"
    call(state, "load_more")
    assert len(state.rows) == PAGE_SIZE + 4 and state.next_cursor == ""
    assert all(row.delta != "+777" for row in state.rows)


def test_hub_bounty_progress_and_redeem(db):
    user = make_user(db)
    fund(db, user, 620)
    state = new_state(CastarsState, token=login_token(db, user))
    call(state, "load")
    assert state.progress_text == "120 / 500 to next Bounty"
    assert state.progress_percent == 24
    assert [item.milestone for item in state.available] == [500]
    result = call(state, "redeem", 500, "PROFILE_BOOST_3DAY")
    assert "Bounty redeemed: 3-day profile boost" in rendered(result)
    assert state.available == []
    assert state.redeemed[0].reward == "3-day profile boost"
    assert len(db.exec(select(FeatureGrant)).all()) == 1


def test_redeem_refuses_unreached_twice_and_bad_types_with_a_message(db):
    user = make_user(db)
    fund(db, user, 500)
    state = new_state(CastarsState, token=login_token(db, user))
    call(state, "load")
    assert "not reached 1000" in rendered(call(state, "redeem", 1000, "PROFILE_BOOST_3DAY"))
    assert "Choose one of" in rendered(call(state, "redeem", 500, "<script>"))
    assert "milestone" in rendered(call(state, "redeem", "500", "PROFILE_BOOST_3DAY")).lower()
    call(state, "redeem", 500, "PREMIUM_FILTER_WEEK")
    assert "already redeemed" in rendered(call(state, "redeem", 500, "PROFILE_BOOST_3DAY"))
    assert len(db.exec(select(BountyRedemption)).all()) == 1


def test_other_users_and_anonymous_cannot_redeem_someone_elses_milestone(db):
    rich, poor = make_user(db), make_user(db, Role.PRODUCER)
    fund(db, rich, 500)
    as_poor = new_state(CastarsState, token=login_token(db, poor))
    assert "not reached" in rendered(call(as_poor, "redeem", 500, "FEATURED_JOB_CREDIT"))
    anonymous = new_state(CastarsState, token="")
    assert "log in" in rendered(call(anonymous, "redeem", 500, "FEATURED_JOB_CREDIT")).lower()
    assert db.exec(select(BountyRedemption)).all() == []


def test_live_refresh_reloads_only_a_loaded_hub(db):
    user = make_user(db)
    state = new_state(CastarsState, token=login_token(db, user))
    call(state, "refresh")
    assert state.rows == []
    call(state, "load")
    assert state.rows == []
    fund(db, user, 50)
    call(state, "refresh")
    assert [row.delta for row in state.rows] == ["+50"]
    registered = {handler.fn.__qualname__ for handler in handlers_of_kind("wallet")}
    assert {"WalletState.refresh", "CastarsState.refresh"} <= registered
    assert NotificationState.refresh in handlers_of_kind("notifications")


def test_bell_counts_marks_read_and_refuses_others_notifications(db):
    user, other = make_user(db), make_user(db)
    fund(db, user, 1000)
    theirs = notifications.notify(
        session=db, user_id=other.id, kind="bounty_unlocked", params={"milestone": 500}
    )
    state = new_state(NotificationState, token=login_token(db, user))
    call(state, "refresh")
    assert state.unread == 2
    assert state.items[0].text == "Bounty unlocked: you reached 1,000 lifetime CasTars!"
    assert "Not found" in rendered(call(state, "mark_read", str(theirs.id)))
    assert "Invalid" in rendered(call(state, "mark_read", "1 OR 1=1"))
    call(state, "mark_read", state.items[0].id)
    assert state.unread == 1 and state.items[0].unread is False
    call(state, "mark_all_read")
    assert state.unread == 0
    db.expire_all()
    assert db.get(Notification, theirs.id).read_at is None


def test_bell_is_empty_for_anonymous(db):
    fund(db, make_user(db), 600)
    state = new_state(NotificationState, token="")
    call(state, "refresh")
    assert (state.unread, state.items) == (0, [])
    assert "log in" in rendered(call(state, "mark_all_read")).lower()
