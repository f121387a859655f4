"""The concierge states end to end on a real database: what the pages show and toast."""

from __future__ import annotations

from castyou.models.user import Role
from castyou.services.castars import ledger
from castyou.services.payments import bundles
from castyou.state.admin.concierge import AdminConciergeState
from castyou.state.admin.concierge_detail import AdminConciergeDetailState
from castyou.state.concierge import ConciergeState
from castyou.state.live_registry import handlers_of_kind
from tests.concierge_helpers import submit
from tests.factories import fund, login_token, make_user
from tests.state_helpers import call, new_state, rendered


def _submit(state, key, description="Need a one-legged skateboarder tomorrow"):
    form = {"request_type": "URGENT", "description": description, "idempotency_key": key}
    return rendered(list(call(state, "submit", form)))


def test_tiers_show_costs_from_the_registry_and_what_is_missing(db):
    user = make_user(db)
    fund(db, user, 7_500)
    bundles.seed_bundles(db)
    state = new_state(ConciergeState, token=login_token(db, user))
    call(state, "load")
    assert [(t.type, t.cost_text, t.short_text) for t in state.tiers] == [
        ("BASIC", "5,000 CasTars", ""),
        ("SPECIALIZED", "10,000 CasTars", "Need 2,500 more CasTars"),
        ("URGENT", "25,000 CasTars", "Need 17,500 more CasTars"),
    ]
    assert [t.buy_href for t in state.tiers] == [
        "",
        "/castars/buy?bundle=pro",
        "/castars/buy?bundle=pro",
    ]
    assert state.balance_text == "Your balance: 7,500 CasTars"
    call(state, "set_type", "URGENT")
    assert state.selected_short_text == "Need 17,500 more CasTars"
    call(state, "set_type", "FREE")
    assert state.selected_type == "URGENT"


def test_submit_toasts_prepends_and_rotates_the_key_and_a_double_click_charges_once(db):
    user = make_user(db)
    fund(db, user, 60_000)
    state = new_state(ConciergeState, token=login_token(db, user))
    call(state, "load")
    key = state.form_key
    assert "Our team is on it!" in _submit(state, key)
    assert state.form_key != key and state.description == ""
    assert _submit(state, key)  # the queued second click of the same form render
    assert len(state.requests) == 1 and state.requests[0].status == "PENDING"
    assert ledger.get_balance(session=db, user_id=user.id).balance == 35_000
    _submit(state, state.form_key, "Need a second skateboarder")
    assert state.requests[0].description == "Need a second skateboarder"
    assert state.balance_text == "Your balance: 10,000 CasTars"


def test_short_balance_toast_is_formatted_and_nothing_is_created(db):
    user = make_user(db)
    fund(db, user, 1_000)
    state = new_state(ConciergeState, token=login_token(db, user))
    call(state, "load")
    assert "you need 24,000 more" in _submit(state, state.form_key)
    assert state.requests == []


def test_cancel_refunds_and_the_thread_round_trip(db):
    user, admin = make_user(db), make_user(db, Role.ADMIN)
    request = submit(db, user)
    state = new_state(ConciergeState, token=login_token(db, user))
    call(state, "load")
    call(state, "toggle_thread", request.id)
    call(state, "send_message", {"request_id": str(request.id), "body": "Any news?"})
    detail = new_state(AdminConciergeDetailState, token=login_token(db, admin))
    call(detail, "open_request", request.id)
    assert [m.body for m in detail.thread] == ["Any news?"]
    call(detail, "send_message", {"body": "Tomorrow!"})
    call(detail, "send_message", {"body": "call agent", "internal": "on"})
    call(state, "refresh")
    assert [(m.author, m.body) for m in state.thread] == [
        ("You", "Any news?"),
        ("CasTyou team", "Tomorrow!"),
    ]
    assert "5,000 CasTars are back" in rendered(call(state, "cancel", request.id))
    assert state.requests[0].status == "CANCELLED" and not state.requests[0].can_cancel


def test_admin_queue_assign_status_and_fulfil_dialog(db):
    user, admin = make_user(db, name="Tala"), make_user(db, Role.ADMIN, name="Ada")
    request = submit(db, user)
    queue = new_state(AdminConciergeState, token=login_token(db, admin))
    call(queue, "load")
    assert [(r.id, r.requester) for r in queue.rows] == [(request.id, "Tala")]
    call(queue, "assign_to_me", request.id)
    assert queue.rows[0].assignee == "Ada"
    assert "In progress" in rendered(call(queue, "change_status", request.id, "IN_PROGRESS"))
    assert "cannot go from" in rendered(call(queue, "change_status", request.id, "IN_PROGRESS"))
    detail = new_state(AdminConciergeDetailState, token=login_token(db, admin))
    call(detail, "open_request", request.id)
    call(detail, "set_row_field", 0, "name", "Rex")
    call(detail, "set_row_field", 0, "link", "javascript:alert(1)")
    call(detail, "add_row")
    call(detail, "set_row_field", 1, "name", "Luna")
    call(detail, "set_row_field", 1, "password_hash", "x")
    assert "must be a web address" in rendered(call(detail, "submit_fulfil"))
    assert detail.detail.status == "IN_PROGRESS"
    call(detail, "set_row_field", 0, "link", "https://rex.example")
    call(detail, "set_fulfil_note", "Both available")
    assert "requester has been notified" in rendered(call(detail, "submit_fulfil"))
    assert detail.detail.status == "FULFILLED"
    assert [c.name for c in detail.detail.candidates] == ["Rex", "Luna"]
    assert [e.text.split(" · ")[1] for e in detail.events] == [
        "created",
        "assigned",
        "changed the status",
        "fulfilled",
    ]
    mine = new_state(ConciergeState, token=login_token(db, user))
    call(mine, "load")
    assert mine.requests[0].can_rate
    call(mine, "rate", {"request_id": str(request.id), "rating": "5", "comment": "Fast"})
    assert mine.requests[0].rating == 5 and not mine.requests[0].can_rate


def test_pages_refresh_live():
    assert ConciergeState.refresh in handlers_of_kind("requests")
    assert AdminConciergeState.refresh in handlers_of_kind("concierge_queue")
    assert AdminConciergeDetailState.refresh in handlers_of_kind("request")
