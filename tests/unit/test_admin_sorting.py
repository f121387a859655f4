"""Sortable admin lists (users, audit, outbox, webhooks, boosts): whitelist, id tiebreak."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from sqlmodel import Session

from castyou.models.payments import DeliveryOutcome, WebhookDelivery
from castyou.models.store import ActiveFeature, FeatureSource
from castyou.models.support import EmailOutbox, EmailStatus
from castyou.models.user import Role, User
from castyou.services.admin import audit, email_outbox, sorting
from castyou.services.admin import boosts as admin_boosts
from castyou.services.admin import users as admin_users
from castyou.services.admin import webhooks as admin_webhooks
from castyou.services.errors import InvalidInput
from tests.factories import fund, make_user


def _users(db: Session) -> tuple[User, list[User]]:
    admin = make_user(db, Role.ADMIN, email="zz-admin@other.test", name="Zed")
    carla = make_user(db, email="c@sortme.test", name="carla")
    ana = make_user(db, Role.PRODUCER, email="b@sortme.test", name="Ana")
    bruno = make_user(db, email="a@sortme.test", name="Bruno")
    for user, day in ((carla, 3), (ana, 1), (bruno, 2)):
        user.created_at = datetime(2026, 1, day, tzinfo=UTC)
        db.add(user)
    db.commit()
    fund(db, ana, 50)
    fund(db, carla, 700)
    return admin, [carla, ana, bruno]


def _names(db: Session, admin: User, sort: str, descending: bool) -> list[str]:
    found = admin_users.search_users(
        session=db, actor_id=admin.id or 0, query="sortme", sort=sort, descending=descending
    )
    return [user.display_name for user in found.items]


def test_users_sort_by_each_column(db):
    admin, _ = _users(db)
    assert _names(db, admin, "id", False) == ["carla", "Ana", "Bruno"]
    assert _names(db, admin, "name", False) == ["Ana", "Bruno", "carla"]
    assert _names(db, admin, "email", False) == ["Bruno", "Ana", "carla"]
    assert _names(db, admin, "role", True) == ["Bruno", "carla", "Ana"]
    assert _names(db, admin, "joined", False) == ["Ana", "Bruno", "carla"]
    assert _names(db, admin, "balance", True) == ["carla", "Ana", "Bruno"]
    assert _names(db, admin, "balance", False) == ["Bruno", "Ana", "carla"]


def test_users_page_carries_balances(db):
    admin, (carla, ana, bruno) = _users(db)
    found = admin_users.search_users(session=db, actor_id=admin.id or 0, query="sortme")
    assert found.balances == {carla.id: 700, ana.id: 50, bruno.id: 0}


def test_audit_sorts_by_date_admin_and_action(db):
    first = make_user(db, Role.ADMIN, email="b-admin@x.test")
    second = make_user(db, Role.ADMIN, email="a-admin@x.test")
    for admin, action in ((first, "z.last"), (second, "m.middle"), (first, "a.first")):
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

    def actions(sort: str, descending: bool) -> list[str]:
        page = audit.list_admin_actions(
            session=db,
            actor_id=first.id or 0,
            filters=audit.ActionFilter(),
            sort=sort,
            descending=descending,
        )
        return [row.action for row in page.items]

    assert actions("date", True) == ["a.first", "m.middle", "z.last"]
    assert actions("date", False) == ["z.last", "m.middle", "a.first"]
    assert actions("action", False) == ["a.first", "m.middle", "z.last"]
    assert actions("admin", False) == ["m.middle", "z.last", "a.first"]
    assert actions("admin", True) == ["a.first", "z.last", "m.middle"]


def _mail(db: Session, n: int, status: EmailStatus, attempts: int) -> EmailOutbox:
    row = EmailOutbox(
        dedupe_key=f"sort-test-{n}",
        to_address=f"m{n}@x.test",
        language="en",
        kind="test",
        subject=f"Mail {n}",
        body="body",
        status=status,
        attempts=attempts,
    )
    db.add(row)
    db.commit()
    return row


def test_outbox_sorts_by_date_status_and_attempts(db):
    admin = make_user(db, Role.ADMIN)
    _mail(db, 1, EmailStatus.SENT, 1)
    _mail(db, 2, EmailStatus.FAILED, 5)
    _mail(db, 3, EmailStatus.PENDING, 0)

    def subjects(sort: str, descending: bool) -> list[str]:
        rows, _ = email_outbox.list_outbox(
            session=db, actor_id=admin.id or 0, sort=sort, descending=descending
        )
        return [row.subject for row in rows]

    assert subjects("date", True) == ["Mail 3", "Mail 2", "Mail 1"]
    assert subjects("status", False) == ["Mail 2", "Mail 3", "Mail 1"]
    assert subjects("attempts", True) == ["Mail 2", "Mail 1", "Mail 3"]
    assert subjects("attempts", False) == ["Mail 3", "Mail 1", "Mail 2"]


def test_equal_sort_values_never_repeat_a_row_across_pages(db):
    admin = make_user(db, Role.ADMIN)
    made = {_mail(db, n, EmailStatus.SENT, 1).id for n in range(5)}
    seen: list[int | None] = []
    for page in (1, 2, 3):
        rows, total = email_outbox.list_outbox(
            session=db, actor_id=admin.id or 0, sort="status", page=page, size=2
        )
        seen += [row.id for row in rows]
    assert total == 5 and len(seen) == 5 and set(seen) == made


@pytest.mark.parametrize("bad", ["password_hash", "id; DROP TABLE users", "", None, 3])
def test_unknown_sort_fields_are_refused(db, bad):
    admin = make_user(db, Role.ADMIN)
    with pytest.raises(InvalidInput):
        admin_users.search_users(session=db, actor_id=admin.id or 0, query="", sort=bad)
    with pytest.raises(InvalidInput):
        audit.list_admin_actions(
            session=db, actor_id=admin.id or 0, filters=audit.ActionFilter(), sort=bad
        )
    with pytest.raises(InvalidInput):
        email_outbox.list_outbox(session=db, actor_id=admin.id or 0, sort=bad)
    with pytest.raises(InvalidInput):
        sorting.order({"a": None}, bad, True, None)


def _delivery(db: Session, n: int, event: str, outcome: DeliveryOutcome, attempts: int) -> None:
    db.add(
        WebhookDelivery(
            event_id=f"evt_sort_{n}",
            event_type=event,
            payload="{}",
            outcome=outcome,
            attempts=attempts,
        )
    )
    db.commit()


def test_webhook_deliveries_sort_page_and_filter(db):
    admin = make_user(db, Role.ADMIN)
    _delivery(db, 1, "payment_intent.succeeded", DeliveryOutcome.PROCESSED, 1)
    _delivery(db, 2, "charge.refunded", DeliveryOutcome.ERROR, 4)
    _delivery(db, 3, "checkout.session.completed", DeliveryOutcome.IGNORED, 2)

    def ids(sort: str, descending: bool, **more: Any) -> list[str]:
        rows, _ = admin_webhooks.page_deliveries(
            session=db, actor_id=admin.id or 0, sort=sort, descending=descending, **more
        )
        return [row.event_id[-1] for row in rows]

    assert ids("received", True) == ["3", "2", "1"]
    assert ids("received", False) == ["1", "2", "3"]
    assert ids("event", False) == ["2", "3", "1"]
    assert ids("outcome", False) == ["2", "3", "1"]
    assert ids("attempts", True) == ["2", "3", "1"]
    assert ids("received", True, page=2, page_size=2) == ["1"]
    assert ids("attempts", False, outcome="ERROR") == ["2"]
    with pytest.raises(InvalidInput):
        ids("payload", True)
    with pytest.raises(InvalidInput):
        ids("received", True, outcome="HACK")


def _activation(db: Session, user: User, feature: str, ends_in: int | None) -> None:
    db.add(
        ActiveFeature(
            user_id=user.id or 0,
            feature=feature,
            target_type="profile",
            target_id=user.id or 0,
            starts_at=datetime.now(UTC) - timedelta(hours=1),
            ends_at=None if ends_in is None else datetime.now(UTC) + timedelta(hours=ends_in),
            source=FeatureSource.SPENT,
        )
    )
    db.commit()


def test_boosts_sort_by_email_feature_and_end_then_page(db):
    admin = make_user(db, Role.ADMIN)
    _activation(db, make_user(db, email="b@boost.test"), "PROFILE_BOOST", 48)
    _activation(db, make_user(db, email="c@boost.test"), "FEATURED_JOB", None)
    _activation(db, make_user(db, email="a@boost.test"), "PROFILE_BOOST", 2)

    def emails(sort: str, descending: bool, **more: Any) -> list[str]:
        rows, _ = admin_boosts.page_active_boosts(
            session=db, actor_id=admin.id or 0, sort=sort, descending=descending, **more
        )
        return [row.email[0] for row in rows]

    assert emails("ends", False) == ["a", "b", "c"]
    assert emails("ends", True) == ["c", "b", "a"]
    assert emails("email", False) == ["a", "b", "c"]
    assert emails("feature", False) == ["c", "b", "a"]
    assert emails("feature", True) == ["a", "b", "c"]
    assert emails("ends", False, page=2, page_size=2) == ["c"]
    assert emails("ends", False, feature="PROFILE_BOOST") == ["a", "b"]
    rows, total = admin_boosts.page_active_boosts(session=db, actor_id=admin.id or 0)
    assert total == 3 and [row.email[0] for row in rows] == ["a", "b", "c"]
    with pytest.raises(InvalidInput):
        emails("user_id", True)
