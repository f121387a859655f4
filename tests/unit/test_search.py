"""Indexed "contains" search (FTS5 trigram on SQLite, pg_trgm on PostgreSQL) stays exact."""

from __future__ import annotations

from datetime import timedelta

from sqlmodel import col, select

from castyou.clock import utcnow
from castyou.db import transaction
from castyou.models.concierge import ConciergeRequest
from castyou.models.payments import CasTarsPurchase
from castyou.models.user import Role, User
from castyou.services import search
from castyou.services.admin.concierge import admin_list_concierge_requests
from castyou.services.admin.users import search_users
from castyou.services.payments import bundles
from tests.factories import make_user


def _ids(db, query) -> set[int]:
    return set(db.exec(select(col(User.id)).where(col(User.id).in_(query))).all())


def _request(db, user: User, description: str) -> ConciergeRequest:
    now = utcnow()
    request = ConciergeRequest(
        user_id=user.id,
        request_type="STANDARD",
        description=description,
        stars_cost=100,
        status="PENDING",
        idempotency_key=f"k-{description[:20]}-{user.id}",
        sla_due_at=now + timedelta(days=1),
        created_at=now,
        updated_at=now,
    )
    with transaction(db):
        db.add(request)
    return request


def test_users_match_any_part_of_name_or_email_in_any_case_and_follow_updates(db):
    admin = make_user(db, Role.ADMIN, name="Ada Admin")
    zoe = make_user(db, name="Zoë Quartermaine", email="zq@studio.test")
    make_user(db, name="Bob Builder")
    found = search_users(session=db, actor_id=admin.id, query="QUARTER")
    assert [u.id for u in found.items] == [zoe.id]
    assert [u.id for u in search_users(session=db, actor_id=admin.id, query="@studio.").items] == [
        zoe.id
    ]
    with transaction(db):
        zoe.display_name = "Zoë Lighthouse"
        db.add(zoe)
    assert search_users(session=db, actor_id=admin.id, query="quarter").total == 0
    assert search_users(session=db, actor_id=admin.id, query="lighthouse").total == 1
    assert search_users(session=db, actor_id=admin.id, query="zq").total == 1  # short: a scan
    assert search_users(session=db, actor_id=admin.id, query='"%_').total == 0


def test_the_concierge_queue_searches_descriptions_and_requesters(db):
    admin = make_user(db, Role.ADMIN)
    alice = make_user(db, name="Alice Skater")
    bob = make_user(db, name="Bob")
    by_text = _request(db, bob, "Need a Skateboarder tomorrow in Lisbon")
    by_name = _request(db, alice, "Need a singer")
    _request(db, bob, "Need a dancer")

    def found(term: str) -> set[int]:
        page = admin_list_concierge_requests(
            session=db, actor_id=admin.id, status="ALL", search=term
        )
        return {row.request.id for row in page.rows}

    assert found("skate") == {by_text.id, by_name.id}
    assert found("boarder TOMORROW") == {by_text.id}
    assert found("tomorrow lisbon") == set()
    assert found("a s") == {by_text.id, by_name.id}  # short: falls back to a scan


def test_purchases_match_payment_id_or_bundle_name(db):
    bundles.seed_bundles(db)
    user = make_user(db)
    with transaction(db):
        purchase = CasTarsPurchase(
            user_id=user.id,
            bundle_id="starter",
            bundle_name="Starter",
            stars_awarded=500,
            price_cents=499,
            stripe_payment_id="pi_3AbCdEf",
        )
        db.add(purchase)
    dialect = db.get_bind().dialect.name
    query = search.purchase_ids(dialect, "abcde")
    assert db.exec(
        select(col(CasTarsPurchase.id)).where(col(CasTarsPurchase.id).in_(query))
    ).all() == [purchase.id]
    assert _ids(db, search.user_ids(dialect, "no such person")) == set()
