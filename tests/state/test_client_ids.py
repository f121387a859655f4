"""Ids no database holds, sent as any client could: a toast or a page state, never a crash.

``'²'.isdigit()`` is True but ``int('²')`` raises, ``2**70`` overflows every id column and
``-1`` is no id at all; each must come back as the handler's translated refusal.
"""

from __future__ import annotations

from sqlmodel import select

from castyou.models.casting import Application
from castyou.models.notification import Notification
from castyou.models.user import Role
from castyou.services import notifications
from castyou.state.castars.receipt import ReceiptState
from castyou.state.castars.store import StoreState
from castyou.state.casting.jobs import JobsState
from castyou.state.casting.messages import MessagesState
from castyou.state.casting.profile import ProfileState
from castyou.state.concierge import ConciergeState
from castyou.state.notifications import NotificationState
from tests.casting_factories import balance, make_application, make_job, make_talent
from tests.concierge_helpers import submit
from tests.factories import fund, login_token, make_user
from tests.state_helpers import call, new_state, rendered, visit

BAD_IDS = ("²", str(2**70), 2**70, -1)
INVALID = "Invalid input."


def test_concierge_cancel_thread_and_rate_refuse_bad_ids(db):
    user = make_user(db)
    request = submit(db, user)
    state = new_state(ConciergeState, token=login_token(db, user))
    call(state, "load")
    for bad in BAD_IDS:
        assert INVALID in rendered(call(state, "cancel", bad)), bad
        assert INVALID in rendered(call(state, "toggle_thread", bad)), bad
        assert state.open_id == 0
        form = {"request_id": bad, "rating": "5"}
        assert INVALID in rendered(call(state, "rate", form)), bad
        rating = {"request_id": str(request.id), "rating": bad}
        assert INVALID in rendered(call(state, "rate", rating)), bad
    assert [r.status for r in state.requests] == ["PENDING"]


def test_jobs_apply_and_hire_refuse_bad_ids(db):
    producer, talent = make_user(db, Role.PRODUCER), make_talent(db)
    make_application(db, talent, make_job(db, producer))
    applicant = make_talent(db)
    as_talent = new_state(JobsState, token=login_token(db, applicant))
    as_producer = new_state(JobsState, token=login_token(db, producer))
    for bad in BAD_IDS:
        form = {"job_id": bad, "note": "Pick me"}
        assert INVALID in rendered(call(as_talent, "apply", form)), bad
        assert INVALID in rendered(call(as_producer, "hire", bad)), bad
        assert INVALID in rendered(call(as_talent, "message_about", bad)), bad
    db.expire_all()
    assert len(db.exec(select(Application)).all()) == 1


def test_messages_open_refuses_bad_ids_and_a_bad_link_opens_the_first(db):
    producer, talent = make_user(db, Role.PRODUCER), make_talent(db)
    make_application(db, talent, make_job(db, producer))
    jobs = new_state(JobsState, token=login_token(db, talent))
    call(jobs, "message_about", db.exec(select(Application.id)).one())
    state = new_state(MessagesState, token=login_token(db, talent))
    for bad in BAD_IDS:
        assert INVALID in rendered(call(state, "open", bad)), bad
        visit(state, "/messages", {"c": str(bad)})
        call(state, "load")
        assert state.open_id == state.conversations[0].id


def test_mark_read_refuses_bad_ids(db):
    user = make_user(db)
    note = notifications.notify(
        session=db, user_id=user.id, kind="bounty_unlocked", params={"milestone": 500}
    )
    state = new_state(NotificationState, token=login_token(db, user))
    call(state, "refresh")
    for bad in BAD_IDS:
        assert INVALID in rendered(call(state, "mark_read", bad)), bad
    db.expire_all()
    assert db.get(Notification, note.id).read_at is None


def test_store_activation_refuses_bad_targets_and_spends_nothing(db):
    talent = make_talent(db)
    fund(db, talent, 1000)
    before = balance(db, talent)
    state = new_state(StoreState, token=login_token(db, talent))
    call(state, "load")
    assert INVALID in rendered(call(state, "choose", "PROFILE_BOOST", 2**70))
    for bad in BAD_IDS:
        state.chosen = {"PROFILE_BOOST": str(bad)}
        result = rendered(call(state, "activate", "PROFILE_BOOST", state.click_key))
        assert "Choose where to use it" in result, bad
        assert "does not exist" in rendered(call(state, "use_grant", bad)), bad
    assert balance(db, talent) == before


def test_receipt_of_a_bad_id_is_not_found(db):
    viewer = make_user(db)
    for bad in BAD_IDS:
        state = new_state(ReceiptState, login_token(db, viewer))
        path = f"/castars/receipts/{bad}"
        visit(state, path)
        call(state, "load")
        assert state.status == "not_found", bad


def test_a_superscript_birth_year_is_refused(db):
    talent = make_user(db, Role.TALENT)
    state = new_state(ProfileState, token=login_token(db, talent))
    form = {"section": "basics", "headline": "Actor", "location": "Porto", "birth_year": "²"}
    assert "Enter a birth year between 1900 and" in rendered(call(state, "save", form))
