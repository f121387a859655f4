"""Admin services: the guard, audit rows, role changes, grants with approval, stats."""

from __future__ import annotations

import threading
from datetime import timedelta

import pytest
from sqlmodel import select

from castyou.clock import utcnow
from castyou.db import new_session
from castyou.models.admin import AdminAction, AdminGrant, GrantStatus
from castyou.models.ledger import LedgerEntry, Source
from castyou.models.user import Role, User
from castyou.services import roles
from castyou.services.admin import audit, grants, stats, users
from castyou.services.castars import ledger
from castyou.services.errors import Conflict, InvalidInput, NotAllowed, NotFound
from tests.factories import fund, make_user


def _actions(db, action: str) -> list[AdminAction]:
    return list(db.exec(select(AdminAction).where(AdminAction.action == action)))


@pytest.mark.parametrize("role", [Role.TALENT, Role.PRODUCER])
def test_require_admin_reads_the_role_from_the_database(db, role):
    user = make_user(db, role)
    with pytest.raises(NotAllowed):
        roles.require_admin(db, user.id)
    with pytest.raises(NotAllowed):
        roles.require_admin(db, 999_999)


def test_role_change_is_audited_with_before_and_after(db):
    admin = make_user(db, Role.ADMIN)
    talent = make_user(db, Role.TALENT)
    users.change_role(session=db, actor_id=admin.id, user_id=talent.id, role="PRODUCER")
    db.expire_all()
    assert db.get(User, talent.id).role == Role.PRODUCER
    [row] = _actions(db, "user.role_changed")
    assert (row.admin_id, row.target_id) == (admin.id, str(talent.id))
    assert (row.before, row.after) == ({"role": "TALENT"}, {"role": "PRODUCER"})


def test_invalid_role_is_refused(db):
    admin = make_user(db, Role.ADMIN)
    with pytest.raises(InvalidInput):
        users.change_role(session=db, actor_id=admin.id, user_id=admin.id, role="GOD")


def test_the_last_admin_cannot_be_demoted(db):
    admin = make_user(db, Role.ADMIN)
    with pytest.raises(Conflict):
        users.change_role(session=db, actor_id=admin.id, user_id=admin.id, role="TALENT")
    db.expire_all()
    assert db.get(User, admin.id).role == Role.ADMIN
    assert _actions(db, "user.role_changed") == []


def test_two_admins_demoting_each_other_at_once_leave_one_admin(db, engine):
    first = make_user(db, Role.ADMIN)
    second = make_user(db, Role.ADMIN)
    barrier = threading.Barrier(2)
    outcomes: list[str] = []

    def demote(acting: int, target: int) -> None:
        session = new_session(engine)
        barrier.wait()
        try:
            users.change_role(session=session, actor_id=acting, user_id=target, role="TALENT")
            outcomes.append("ok")
        except (Conflict, NotAllowed):
            outcomes.append("refused")
        finally:
            session.close()

    threads = [
        threading.Thread(target=demote, args=(first.id, second.id)),
        threading.Thread(target=demote, args=(second.id, first.id)),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    db.expire_all()
    admins = db.exec(select(User).where(User.role == Role.ADMIN)).all()
    assert sorted(outcomes) == ["ok", "refused"]
    assert len(admins) == 1


def test_search_users_by_email_or_name_paginated(db):
    admin = make_user(db, Role.ADMIN, name="Root")
    make_user(db, email="maria@casting.test", name="Maria Lopes")
    make_user(db, email="joao@casting.test", name="Joao")
    make_user(db, email="zed@other.test", name="Maria_Z")
    by_domain = users.search_users(session=db, actor_id=admin.id, query="CASTING")
    assert by_domain.total == 2
    by_name = users.search_users(session=db, actor_id=admin.id, query="maria", page=2, page_size=1)
    assert by_name.total == 2 and len(by_name.items) == 1
    underscore = users.search_users(session=db, actor_id=admin.id, query="a_z")
    assert [u.display_name for u in underscore.items] == ["Maria_Z"]


def test_user_overview_shows_balance_lifetime_and_ledger(db):
    admin = make_user(db, Role.ADMIN)
    talent = make_user(db)
    fund(db, talent, 300)
    ledger.spend_stars(session=db, user_id=talent.id, amount=100, reason="boost")
    view = users.user_overview(session=db, actor_id=admin.id, user_id=talent.id)
    assert (view.balance, view.lifetime_stars) == (200, 300)
    assert [entry.delta for entry in view.history.items] == [-100, 300]


def test_small_grant_credits_at_once_marked_as_admin_grant(db):
    admin = make_user(db, Role.ADMIN)
    talent = make_user(db)
    grant = grants.request_grant(
        session=db, actor_id=admin.id, user_id=talent.id, amount=250, reason="Support"
    )
    assert grant.status == GrantStatus.APPROVED
    entry = db.get(LedgerEntry, grant.entry_id)
    assert (entry.delta, entry.source, entry.reason) == (250, Source.EARNED, "Admin grant: Support")
    assert ledger.get_balance(session=db, user_id=talent.id).balance == 250
    assert len(_actions(db, "grant.credited")) == 1


@pytest.mark.parametrize(
    ("amount", "reason"),
    [(0, "x"), (1_000_001, "x"), (-5, "x"), ("10", "x"), (True, "x"), (5, " ")],
)
def test_invalid_grants_are_refused(db, amount, reason):
    admin = make_user(db, Role.ADMIN)
    talent = make_user(db)
    with pytest.raises(InvalidInput):
        grants.request_grant(
            session=db, actor_id=admin.id, user_id=talent.id, amount=amount, reason=reason
        )
    assert db.exec(select(AdminGrant)).all() == []


def test_big_grant_waits_for_a_second_admin(db):
    first = make_user(db, Role.ADMIN)
    second = make_user(db, Role.ADMIN)
    talent = make_user(db)
    amount = grants.GRANT_APPROVAL_THRESHOLD + 1
    grant = grants.request_grant(
        session=db, actor_id=first.id, user_id=talent.id, amount=amount, reason="Promo"
    )
    assert grant.status == GrantStatus.PENDING
    assert ledger.get_balance(session=db, user_id=talent.id).balance == 0
    with pytest.raises(NotAllowed):
        grants.decide_grant(session=db, actor_id=first.id, grant_id=grant.id, approve=True)
    result = grants.decide_grant(session=db, actor_id=second.id, grant_id=grant.id, approve=True)
    again = grants.decide_grant(session=db, actor_id=second.id, grant_id=grant.id, approve=True)
    assert (result.changed, again.changed) == (True, False)
    assert ledger.get_balance(session=db, user_id=talent.id).balance == amount
    with pytest.raises(Conflict):
        grants.decide_grant(session=db, actor_id=second.id, grant_id=grant.id, approve=False)
    assert len(_actions(db, "grant.approved")) == 1


def test_rejected_grant_never_credits(db):
    first = make_user(db, Role.ADMIN)
    second = make_user(db, Role.ADMIN)
    talent = make_user(db)
    grant = grants.request_grant(
        session=db, actor_id=first.id, user_id=talent.id, amount=50_000, reason="Typo"
    )
    grants.decide_grant(session=db, actor_id=second.id, grant_id=grant.id, approve=False)
    with pytest.raises(Conflict):
        grants.decide_grant(session=db, actor_id=second.id, grant_id=grant.id, approve=True)
    assert ledger.get_balance(session=db, user_id=talent.id).balance == 0
    with pytest.raises(NotFound):
        grants.decide_grant(session=db, actor_id=second.id, grant_id=999, approve=True)


def test_threshold_setting_overrides_the_default(db, monkeypatch):
    from castyou.settings import get_settings

    monkeypatch.setattr(get_settings(), "grant_approval_threshold", 100)
    admin = make_user(db, Role.ADMIN)
    talent = make_user(db)
    grant = grants.request_grant(
        session=db, actor_id=admin.id, user_id=talent.id, amount=101, reason="Promo"
    )
    assert grant.status == GrantStatus.PENDING


def test_concurrent_approvals_credit_once(db, engine):
    first = make_user(db, Role.ADMIN)
    second = make_user(db, Role.ADMIN)
    third = make_user(db, Role.ADMIN)
    talent = make_user(db)
    grant = grants.request_grant(
        session=db, actor_id=first.id, user_id=talent.id, amount=20_000, reason="Prize"
    )
    barrier = threading.Barrier(2)
    changed: list[bool] = []

    def approve(acting: int) -> None:
        session = new_session(engine)
        barrier.wait()
        try:
            result = grants.decide_grant(
                session=session, actor_id=acting, grant_id=grant.id, approve=True
            )
            changed.append(result.changed)
        finally:
            session.close()

    threads = [threading.Thread(target=approve, args=(a,)) for a in (second.id, third.id)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(changed) == [False, True]
    assert ledger.get_balance(session=db, user_id=talent.id).balance == 20_000


def test_audit_log_filters_and_pages(db):
    first = make_user(db, Role.ADMIN)
    second = make_user(db, Role.ADMIN)
    talent = make_user(db)
    for amount in (10, 20, 30):
        grants.request_grant(
            session=db, actor_id=first.id, user_id=talent.id, amount=amount, reason="r"
        )
    users.change_role(session=db, actor_id=second.id, user_id=talent.id, role="PRODUCER")
    every = audit.ActionFilter()
    assert audit.list_admin_actions(session=db, actor_id=first.id, filters=every).total == 4
    mine = audit.list_admin_actions(
        session=db,
        actor_id=first.id,
        filters=audit.ActionFilter(admin_id=first.id, action="grant.credited"),
        page=2,
        page_size=2,
    )
    assert (mine.total, len(mine.items)) == (3, 1)
    future = audit.ActionFilter(since=utcnow() + timedelta(days=1))
    assert audit.list_admin_actions(session=db, actor_id=first.id, filters=future).total == 0
    with pytest.raises(InvalidInput):
        audit.list_admin_actions(session=db, actor_id=first.id, filters=every, page=0)


def test_ledger_stats_worked_example(db):
    """Hand-computed: buy 1000, earn 50 + grant 200, spend 300, refund that spend, reverse 400."""
    admin = make_user(db, Role.ADMIN)
    talent = make_user(db)
    ledger.credit_purchase(session=db, user_id=talent.id, stars=1000, payment_id="pi_1", reason="b")
    ledger.earn(session=db, user_id=talent.id, stars=50, reason="e", ref_id="x", idem_key="e1")
    grants.request_grant(
        session=db, actor_id=admin.id, user_id=talent.id, amount=200, reason="gift"
    )
    spend = ledger.spend_stars(session=db, user_id=talent.id, amount=300, reason="boost")
    ledger.refund_spend(session=db, spend_entry_id=spend.id, reason="undo")
    ledger.reverse_purchase(session=db, user_id=talent.id, stars=400, refund_id="re_1", reason="r")
    totals = stats.ledger_totals(session=db, actor_id=admin.id)
    assert totals == stats.LedgerTotals(
        purchased=1000, earned=250, spent=300, refunded_to_users=300, reversed_purchases=400
    )
    window = stats.parse_range("", "")
    series = stats.daily_series(session=db, actor_id=admin.id, window=window)
    assert len(series) == stats.DEFAULT_RANGE_DAYS
    today = series[-1]
    assert (today.day, today.stars_in, today.stars_out) == (utcnow().date().isoformat(), 1550, 700)
    assert sum(point.stars_in for point in series[:-1]) == 0


@pytest.mark.parametrize(
    ("start", "end"),
    [("2026-13-01", ""), ("2026-02-01", "2026-01-01"), ("2024-01-01", "2026-01-01")],
)
def test_invalid_ranges_are_refused(start, end):
    with pytest.raises(InvalidInput):
        stats.parse_range(start, end)
