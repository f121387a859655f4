"""Admin sorting and audit diffs, the home dashboard and the jobs listing, called directly."""

from __future__ import annotations

from datetime import date, timedelta

from castyou.models.user import Role
from castyou.services.casting import jobs
from castyou.services.payments import webhooks
from castyou.state.admin.diff import describe_changes, humanize
from castyou.state.admin.purchases import AdminPurchasesState
from castyou.state.home import HomeState
from tests.factories import login_token, make_user
from tests.payment_helpers import open_purchase, payment_event, secret, signed
from tests.state_helpers import call, new_state


def _paid(db, user, bundle_id):  # type: ignore[no-untyped-def]
    purchase = open_purchase(db, user, bundle_id)
    body, signature = signed(payment_event(purchase))
    webhooks.handle_webhook(session=db, payload=body, signature=signature, secret=secret())
    return purchase


def test_purchases_sort_by_whitelisted_columns_and_flip(db):
    admin = make_user(db, Role.ADMIN)
    for bundle in ("popular", "starter", "pro"):
        _paid(db, make_user(db), bundle)
    state = new_state(AdminPurchasesState, login_token(db, admin))
    call(state, "load")
    call(state, "sort_by", "price")
    assert [r.price for r in state.rows] == ["$29.99", "$12.99", "$4.99"]
    call(state, "sort_by", "price")
    assert [r.price for r in state.rows] == ["$4.99", "$12.99", "$29.99"]
    assert state.sort_field == "price" and state.sort_desc is False


def test_sorting_by_anything_else_is_refused_and_changes_nothing(db):
    admin = make_user(db, Role.ADMIN)
    _paid(db, make_user(db), "starter")
    state = new_state(AdminPurchasesState, login_token(db, admin))
    call(state, "load")
    for field in ("password_hash", "id; DROP TABLE users", "", 5):
        call(state, "sort_by", field)
        assert state.sort_field == ""
    assert len(state.rows) == 1


def test_non_admins_cannot_sort(db):
    talent = make_user(db)
    state = new_state(AdminPurchasesState, login_token(db, talent))
    call(state, "sort_by", "price")
    assert state.sort_field == "" and state.rows == []


def test_audit_changes_read_as_sentences():
    lines = describe_changes(
        {"status": "PENDING", "stars": 1500, "is_active": True, "note": "x"},
        {"status": "APPROVED", "stars": 1500, "is_active": False, "assignee_id": 7},
        "en",
    )
    assert lines == [
        "Assignee id: 7",
        "Is active: yes → no",
        "Note: x → (none)",
        "Status: PENDING → APPROVED",
    ]
    assert describe_changes(None, None, "en") == []
    assert humanize("webhook.replayed") == "Webhook replayed"


def test_home_dashboard_shows_balance_bounty_and_next_steps(db):
    talent = make_user(db)
    _paid(db, talent, "starter")
    state = new_state(HomeState, login_token(db, talent))
    call(state, "load")
    assert state.balance_text == "500"
    assert state.bounty_text == "0 of 500 CasTars toward the 1,000 Bounty"
    assert state.bounties_ready == 1
    assert [s.text for s in state.steps][:2] == [
        "Redeem your Bounty",
        "Complete your profile to earn CasTars",
    ]
    assert state.concierge_text == "No requests yet."


def test_home_dashboard_is_empty_for_visitors(db):
    state = new_state(HomeState)
    call(state, "load")
    assert state.balance_text == "" and state.steps == []


def test_a_producers_own_jobs_are_left_out_of_open_jobs(db):
    mine, other = make_user(db, Role.PRODUCER), make_user(db, Role.PRODUCER)
    when = date.today() + timedelta(days=30)
    for producer, title in ((mine, "My own shoot"), (other, "Someone else's shoot")):
        jobs.post_job(
            session=db,
            producer_id=producer.id,
            title=title,
            description="A description long enough.",
            location="Lisbon",
            shoot_date=when.isoformat(),
        )
    titles = [c.title for c in jobs.list_jobs(session=db, exclude_producer_id=mine.id).cards]
    assert titles == ["Someone else's shoot"]
    assert len(jobs.list_jobs(session=db).cards) == 2
