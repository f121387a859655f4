"""Admin console handlers as an admin: what they show and what they change."""

from __future__ import annotations

from sqlmodel import select

from castyou.models.admin import AdminAction
from castyou.models.payments import CasTarsPurchase, PurchaseStatus
from castyou.models.user import Role, User
from castyou.services.admin import concierge as concierge_admin
from castyou.services.castars import ledger
from castyou.services.concierge import requester
from castyou.services.concierge.tiers import CONCIERGE_TIERS, ConciergeType
from castyou.services.payments import webhooks
from castyou.state.admin.audit import AdminAuditState
from castyou.state.admin.boosts import AdminBoostsState
from castyou.state.admin.bundles import AdminBundlesState
from castyou.state.admin.grants import AdminGrantsState
from castyou.state.admin.kpis import AdminKpisState
from castyou.state.admin.purchases import AdminPurchasesState
from castyou.state.admin.stats import AdminStatsState
from castyou.state.admin.users import AdminUsersState, UserCard
from castyou.state.admin.webhooks import AdminWebhooksState
from tests.concierge_helpers import submit
from tests.factories import fund, login_token, make_user
from tests.payment_helpers import open_purchase, payment_event, secret, signed
from tests.state.admin_matrix import db_snapshot
from tests.state_helpers import call, new_state, rendered


def _paid(db, user, bundle_id):
    purchase = open_purchase(db, user, bundle_id)
    body, signature = signed(payment_event(purchase))
    webhooks.handle_webhook(session=db, payload=body, signature=signature, secret=secret())
    return purchase


def _rated(db, admin, user, rating, type_=ConciergeType.BASIC):
    request = submit(db, user, type_)
    concierge_admin.fulfill_concierge_request(
        session=db, actor_id=admin.id, request_id=request.id, candidates=[{"name": "A"}]
    )
    return requester.rate_request(session=db, user_id=user.id, request_id=request.id, rating=rating)


def test_search_open_user_and_change_role(db):
    admin = make_user(db, Role.ADMIN)
    talent = make_user(db, email="maria@casting.test", name="Maria")
    fund(db, talent, 1200)
    state = new_state(AdminUsersState, login_token(db, admin))
    call(state, "search", {"query": "MARIA"})
    assert [row.email for row in state.rows] == ["maria@casting.test"]
    call(state, "open_user", state.rows[0].id)
    assert (state.selected.balance, state.selected.lifetime) == ("1,200", "1,200")
    assert [row.delta for row in state.ledger_rows] == ["1,200"]
    assert "Role changed to Producer." in rendered(call(state, "change_role", "PRODUCER"))
    db.expire_all()
    assert db.get(User, talent.id).role == Role.PRODUCER


def test_user_overview_lists_purchases_and_concierge_requests(db):
    admin = make_user(db, Role.ADMIN)
    talent = make_user(db, email="lia@casting.test")
    paid = _paid(db, talent, "popular")
    _rated(db, admin, talent, 4, ConciergeType.URGENT)
    state = new_state(AdminUsersState, login_token(db, admin))
    call(state, "open_user", str(talent.id))
    [purchase] = state.purchase_rows
    assert (purchase.bundle, purchase.stars, purchase.price) == (
        "Popular",
        "1,650",
        "$12.99",
    )
    assert (purchase.status, purchase.receipt) == (
        "Completed",
        f"/castars/receipts/{paid.id}",
    )
    [request] = state.request_rows
    cost = f"{CONCIERGE_TIERS[ConciergeType.URGENT].stars_cost:,} CasTars"
    assert (request.tier, request.status, request.cost) == ("Urgent", "Fulfilled", cost)
    assert request.rating == "4/5" and request.date
    assert (state.purchases_title, state.requests_title) == (
        "Purchases (1)",
        "Concierge requests (1)",
    )
    for _ in range(11):
        open_purchase(db, talent, "starter")
    call(state, "open_user", str(admin.id))
    assert (state.purchase_rows, state.request_rows) == ([], [])
    assert state.purchases_title == "Purchases (0)"
    call(state, "open_user", str(talent.id))
    assert len(state.purchase_rows) == 10 and state.purchase_rows[0].status == "Pending"
    assert state.purchase_rows[0].receipt == ""
    assert state.purchases_title == "Purchases (12) · latest 10"


def test_last_admin_demotion_shows_a_message(db):
    admin = make_user(db, Role.ADMIN)
    state = new_state(AdminUsersState, login_token(db, admin))
    call(state, "open_user", str(admin.id))
    assert "The last admin cannot be demoted." in rendered(call(state, "change_role", "TALENT"))


def test_open_user_refuses_garbage_ids(db):
    admin = make_user(db, Role.ADMIN)
    state = new_state(AdminUsersState, login_token(db, admin))
    for bad in ("abc", "-1", True, None, "999999"):
        result = rendered(call(state, "open_user", bad))
        assert "Enter a positive whole number." in result or "No such user." in result
    assert state.selected == UserCard()


def test_grant_form_credits_and_big_grant_needs_another_admin(db):
    admin = make_user(db, Role.ADMIN)
    other = make_user(db, Role.ADMIN)
    talent = make_user(db)
    state = new_state(AdminGrantsState, login_token(db, admin))
    form = {"user_id": str(talent.id), "amount": "300", "reason": "Support"}
    assert "300 CasTars granted." in rendered(call(state, "grant", form))
    big = {"user_id": str(talent.id), "amount": "20000", "reason": "Promo"}
    assert "waits for a second admin" in rendered(call(state, "grant", big))
    assert ledger.get_balance(session=db, user_id=talent.id).balance == 300
    pending = state.rows[0]
    assert (pending.status, pending.can_decide) == ("PENDING", False)
    refused = rendered(call(state, "approve", str(pending.id)))
    assert "Another admin must approve your own grant." in refused
    second = new_state(AdminGrantsState, login_token(db, other))
    call(second, "load")
    assert second.rows[0].can_decide is True
    assert "Grant approved and credited." in rendered(call(second, "approve", str(pending.id)))
    assert ledger.get_balance(session=db, user_id=talent.id).balance == 20_300


def test_grant_form_shows_invalid_amounts_inline(db):
    admin = make_user(db, Role.ADMIN)
    talent = make_user(db)
    state = new_state(AdminGrantsState, login_token(db, admin))
    for amount in ("0", "-3", "1000001", "ten", ""):
        call(state, "grant", {"user_id": str(talent.id), "amount": amount, "reason": "x"})
        assert state.form_error == "Grant from 1 to 1,000,000 CasTars."
    call(state, "grant", {"user_id": str(talent.id), "amount": "5", "reason": "  "})
    assert state.form_error.startswith("A reason")
    assert ledger.get_balance(session=db, user_id=talent.id).balance == 0


def test_stats_cards_and_range(db):
    admin = make_user(db, Role.ADMIN)
    talent = make_user(db)
    ledger.credit_purchase(session=db, user_id=talent.id, stars=500, payment_id="pi_9", reason="b")
    state = new_state(AdminStatsState, login_token(db, admin))
    call(state, "load")
    cards = {card.key: card.value for card in state.cards}
    assert cards["purchased"] == "500"
    assert len(state.series) == 30 and state.series[-1]["stars_in"] == 500
    assert "Choose a start before the end" in rendered(
        call(state, "set_range", {"start": "2026-02-01", "end": "2026-01-01"})
    )
    call(state, "set_range", {"start": "2026-01-01", "end": "2026-01-07"})
    assert state.series[0]["day"] == "2026-01-01" and len(state.series) == 7
    assert {p["revenue"] for p in state.series} == {0}


def test_stats_show_concierge_cards_and_revenue_per_day(db):
    admin = make_user(db, Role.ADMIN)
    talent = make_user(db)
    state = new_state(AdminStatsState, login_token(db, admin))
    call(state, "load")
    rating = state.concierge_cards[-1]
    assert (rating.key, rating.value, rating.note) == ("rating", "—", "No ratings yet")
    _paid(db, talent, "starter")
    _rated(db, admin, talent, 5)
    _rated(db, admin, talent, 2)
    submit(db, talent)
    call(state, "load")
    cards = {card.key: (card.label, card.value) for card in state.concierge_cards}
    assert cards == {
        "concierge-pending": ("Pending", "1"),
        "concierge-in_progress": ("In progress", "0"),
        "concierge-fulfilled": ("Fulfilled", "2"),
        "concierge-cancelled": ("Cancelled", "0"),
        "rating": ("Average rating", "3.5"),
    }
    assert state.concierge_cards[-1].note == "Ratings: 2"
    assert state.series[-1]["revenue"] == 4.99
    assert sum(p["revenue"] for p in state.series[:-1]) == 0
    assert state.range_revenue == "Card revenue in these days: $4.99"


def test_audit_tab_filters_by_action(db):
    admin = make_user(db, Role.ADMIN)
    talent = make_user(db)
    grants = new_state(AdminGrantsState, login_token(db, admin))
    call(grants, "grant", {"user_id": str(talent.id), "amount": "10", "reason": "Thanks"})
    audit = new_state(AdminAuditState, login_token(db, admin))
    call(audit, "filter", {"action": "grant.credited", "since": "2020-01-01"})
    assert audit.total == 1 and audit.rows[0].note == "Thanks"
    call(audit, "filter", {"action": "user.role_changed"})
    assert audit.rows == []
    assert "Dates must look like" in rendered(call(audit, "filter", {"since": "yesterday"}))


def test_refund_button_in_stripe_mode_asks_stripe_and_waits_for_the_webhook(db, stripe_mode):
    admin, buyer = make_user(db, Role.ADMIN), make_user(db)
    purchase = open_purchase(db, buyer, "popular")
    body, signature = signed(payment_event(purchase))
    webhooks.handle_webhook(session=db, payload=body, signature=signature, secret=secret())
    state = new_state(AdminPurchasesState, login_token(db, admin))
    stripe_mode.status = 400
    form = {"purchase_id": str(purchase.id), "reason": "asked", "idempotency_key": "click-0001"}
    failed = rendered(call(state, "refund", form))
    assert "The refund failed:" in failed
    stripe_mode.status = 200
    sent = rendered(call(state, "refund", form))
    assert "Refund of $12.99 sent" in sent
    assert [request["path"] for request in stripe_mode.requests] == ["/v1/refunds"] * 2
    db.expire_all()
    assert db.get(CasTarsPurchase, purchase.id).status == PurchaseStatus.COMPLETED
    assert ledger.get_balance(session=db, user_id=buyer.id).balance == 1650
    assert len(db.exec(select(AdminAction)).all()) == 1
    assert state.rows[0].refundable is True


ODD_NUMBERS = ("²", str(2**70), 2**70, -1)


def test_odd_ids_are_refused_as_invalid_and_change_nothing(db):
    admin = make_user(db, Role.ADMIN)
    token = login_token(db, admin)
    _paid(db, make_user(db), "starter")
    boosts, webhooks_tab = new_state(AdminBoostsState, token), new_state(AdminWebhooksState, token)
    purchases, users = new_state(AdminPurchasesState, token), new_state(AdminUsersState, token)
    before = db_snapshot(db)
    for odd in ODD_NUMBERS:
        users.selected = UserCard(id=odd)
        for result in (
            call(boosts, "revoke", odd),
            call(webhooks_tab, "replay", odd),
            call(
                purchases, "refund", {"purchase_id": odd, "reason": "r", "idempotency_key": "k" * 8}
            ),
            call(purchases, "ask_refund", odd),
            call(users, "open_user", odd),
            call(users, "change_role", "PRODUCER"),
        ):
            assert "Enter a positive whole number." in rendered(result), odd
    assert users.ledger_rows == [] and users.purchase_rows == []
    assert db_snapshot(db) == before


def test_odd_bundle_numbers_are_refused_inline_and_change_nothing(db):
    admin = make_user(db, Role.ADMIN)
    bundles = new_state(AdminBundlesState, login_token(db, admin))
    call(bundles, "start_edit", "starter")
    before = db_snapshot(db)
    fields = {"name": "Starter", "stars": "500", "bonus_stars": "", "price": "4.99"}
    messages = {
        "stars": "Stars must be a whole number from 1 to 1000000.",
        "bonus_stars": "Bonus must be a whole number from 0 to 1000000.",
        "price": "The price must be positive (at most 1000000 cents).",
    }
    for odd in map(str, ODD_NUMBERS):
        for name, message in messages.items():
            expected = "Invalid input." if len(odd) > 12 else message
            for handler in ("save_edit", "create"):
                form = {**fields, "code": "odd", name: odd}
                assert expected in rendered(call(bundles, handler, form)), (handler, name, odd)
                assert bundles.form_error == expected
    assert bundles.editing == "starter"
    assert db_snapshot(db) == before


def test_kpis_take_the_same_date_range_form_as_the_stats(db):
    state = new_state(AdminKpisState, login_token(db, make_user(db, Role.ADMIN)))
    call(state, "load")
    assert state.kpi_start and state.kpi_end
    assert "Choose a start before the end" in rendered(
        call(state, "set_range", {"start": "2026-02-01", "end": "2026-01-01"})
    )
    call(state, "set_range", {"start": "2026-01-01", "end": "2026-01-07"})
    assert (state.kpi_start, state.kpi_end) == ("2026-01-01", "2026-01-07")
