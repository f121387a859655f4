"""Sorting the admin tabs from the client: whitelisted fields only, else a message."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from castyou.models.payments import DeliveryOutcome, WebhookDelivery
from castyou.models.store import ActiveFeature, FeatureSource
from castyou.models.support import EmailOutbox, EmailStatus
from castyou.models.user import Role
from castyou.services.admin import audit
from castyou.state.admin.audit import AdminAuditState
from castyou.state.admin.boosts import AdminBoostsState
from castyou.state.admin.outbox import AdminOutboxState
from castyou.state.admin.users import AdminUsersState
from castyou.state.admin.webhooks import AdminWebhooksState
from tests.factories import fund, login_token, make_user
from tests.state_helpers import call, new_state, rendered

BAD = ("password_hash", "id; DROP TABLE users", "", 5, None)


def _refuses_unknown_fields(state: Any, column: str) -> None:
    call(state, "sort_by", column)
    before = ([vars(row) for row in state.rows], state.sort_desc)
    for field in BAD:
        assert "Invalid filter." in rendered(call(state, "sort_by", field))
        assert state.sort_field == column
        assert ([vars(row) for row in state.rows], state.sort_desc) == before


def test_users_sort_by_balance_and_name_then_refuse_the_rest(db):
    admin = make_user(db, Role.ADMIN, email="admin@staff.test", name="Zoe")
    fund(db, make_user(db, email="rich@x.test", name="Bea"), 900)
    fund(db, make_user(db, email="poor@x.test", name="Al"), 10)
    state = new_state(AdminUsersState, login_token(db, admin))
    call(state, "search", {"query": "x.test"})
    assert [row.name for row in state.rows] == ["Bea", "Al"]
    call(state, "sort_by", "balance")
    assert [row.balance for row in state.rows] == ["900", "10"]
    call(state, "sort_by", "balance")
    assert [row.balance for row in state.rows] == ["10", "900"]
    call(state, "sort_by", "name")
    assert [row.name for row in state.rows] == ["Bea", "Al"]
    call(state, "sort_by", "name")
    assert [row.name for row in state.rows] == ["Al", "Bea"]
    for field in ("email", "role", "joined", "id"):
        call(state, "sort_by", field)
        assert state.sort_field == field and len(state.rows) == 2
    _refuses_unknown_fields(state, "balance")


def test_audit_sort_by_action_then_refuse_the_rest(db):
    admin = make_user(db, Role.ADMIN)
    for action in ("b.second", "a.first", "c.third"):
        audit.record_admin_action(
            session=db,
            admin_id=admin.id or 0,
            action=action,
            target_type="user",
            target_id=1,
            before=None,
            after=None,
        )
    db.commit()
    state = new_state(AdminAuditState, login_token(db, admin))
    call(state, "load")
    assert [row.action for row in state.rows] == ["C third", "A first", "B second"]
    call(state, "sort_by", "action")
    assert [row.action for row in state.rows] == ["C third", "B second", "A first"]
    call(state, "sort_by", "action")
    assert [row.action for row in state.rows] == ["A first", "B second", "C third"]
    for field in ("admin", "date"):
        call(state, "sort_by", field)
        assert state.sort_field == field and len(state.rows) == 3
    _refuses_unknown_fields(state, "action")


def test_outbox_sort_by_attempts_then_refuse_the_rest(db):
    admin = make_user(db, Role.ADMIN)
    for n, attempts in enumerate((2, 7, 0)):
        db.add(
            EmailOutbox(
                dedupe_key=f"state-sort-{n}",
                to_address=f"m{n}@x.test",
                language="en",
                kind="test",
                subject=f"Mail {n}",
                body="body",
                status=EmailStatus.SENT,
                attempts=attempts,
            )
        )
    db.commit()
    state = new_state(AdminOutboxState, login_token(db, admin))
    call(state, "load")
    call(state, "sort_by", "attempts")
    assert [row.attempts for row in state.rows] == ["7", "2", "0"]
    call(state, "sort_by", "status")
    assert state.sort_field == "status" and len(state.rows) == 3
    _refuses_unknown_fields(state, "attempts")


def test_webhooks_sort_by_attempts_filter_then_refuse_the_rest(db):
    admin = make_user(db, Role.ADMIN)
    for n, (outcome, attempts) in enumerate((("PROCESSED", 1), ("ERROR", 3), ("ERROR", 2))):
        db.add(
            WebhookDelivery(
                event_id=f"evt_state_{n}",
                event_type="charge.refunded",
                payload="{}",
                outcome=DeliveryOutcome(outcome),
                attempts=attempts,
            )
        )
    db.commit()
    state = new_state(AdminWebhooksState, login_token(db, admin))
    call(state, "load")
    assert [row.event_id for row in state.rows] == ["evt_state_2", "evt_state_1", "evt_state_0"]
    call(state, "sort_by", "attempts")
    assert [row.attempts for row in state.rows] == ["3", "2", "1"]
    call(state, "filter", {"outcome": "ERROR"})
    assert [row.attempts for row in state.rows] == ["3", "2"] and state.total == 2
    assert "Invalid filter." in rendered(call(state, "filter", {"outcome": "HACK"}))
    assert state.outcome == "ERROR" and len(state.rows) == 2
    for field in ("received", "event", "outcome"):
        call(state, "sort_by", field)
        assert state.sort_field == field and len(state.rows) == 2
    _refuses_unknown_fields(state, "attempts")


def test_boosts_sort_by_email_and_ends_then_refuse_the_rest(db):
    admin = make_user(db, Role.ADMIN)
    now = datetime.now(UTC)
    for email, hours in (("b@boost.test", 5), ("a@boost.test", 50)):
        user = make_user(db, email=email)
        db.add(
            ActiveFeature(
                user_id=user.id or 0,
                feature="PROFILE_BOOST",
                target_type="profile",
                target_id=user.id or 0,
                starts_at=now - timedelta(hours=1),
                ends_at=now + timedelta(hours=hours),
                source=FeatureSource.SPENT,
            )
        )
    db.commit()
    state = new_state(AdminBoostsState, login_token(db, admin))
    call(state, "load")
    assert [row.email for row in state.rows] == ["b@boost.test", "a@boost.test"]
    call(state, "sort_by", "email")
    assert [row.email for row in state.rows] == ["b@boost.test", "a@boost.test"]
    call(state, "sort_by", "email")
    assert [row.email for row in state.rows] == ["a@boost.test", "b@boost.test"]
    call(state, "sort_by", "ends")
    assert [row.email for row in state.rows] == ["a@boost.test", "b@boost.test"]
    assert "Invalid filter." in rendered(call(state, "filter", {"feature": "HACK"}))
    assert state.feature == "" and len(state.rows) == 2
    call(state, "sort_by", "feature")
    assert state.sort_field == "feature" and len(state.rows) == 2
    _refuses_unknown_fields(state, "ends")


@pytest.mark.parametrize(
    "cls",
    [AdminUsersState, AdminAuditState, AdminOutboxState, AdminWebhooksState, AdminBoostsState],
)
def test_non_admins_cannot_sort(db, cls):
    state = new_state(cls, login_token(db, make_user(db)))
    call(state, "sort_by", "date")
    assert state.sort_field == "" and state.rows == []
