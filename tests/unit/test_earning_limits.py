"""The farming loops of issue 13 replayed against the earning limits in ``earn_rules``.

Each scenario is one person with many accounts trying to mint stars; each ends with the
ledger audit (sum of entries == balance) for every account it touched.
"""

from __future__ import annotations

import threading
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import update
from sqlmodel import Session, col, select

from castyou.clock import utcnow
from castyou.models.referral import ReferralReward, SignupAttempt
from castyou.models.user import Role, User
from castyou.services import accounts
from castyou.services.castars import earning, ledger, referrals
from castyou.services.castars.earn_rules import (
    DEFAULT_SIGNUPS_PER_ADDRESS,
    EARN_RULES,
    limit_lines,
)
from castyou.services.casting import jobs, profiles
from castyou.services.errors import RateLimited
from castyou.settings import Settings, get_settings
from tests.casting_factories import BASICS, balance, make_application, make_job, make_talent
from tests.factories import PASSWORD, make_user
from tests.ledger_checks import assert_ledger_consistent

ADDRESS = "198.51.100.23"
HIRED, APPLIED = EARN_RULES["hired"], EARN_RULES["application_submitted"]
REFERRAL = EARN_RULES["referral_signup"]
_emails = iter(range(1, 10_000))


def _sign_up(db: Session, code: str, *, address: str = ADDRESS, role: str = "TALENT") -> User:
    return accounts.sign_up(
        session=db,
        email=f"farm{next(_emails)}@example.test",
        password=PASSWORD,
        display_name="Farmhand",
        role=role,
        referral_code=code,
        client_address=address,
    )


def _qualify_talent(db: Session, talent: User, job_id: int) -> None:
    assert talent.id is not None
    profiles.save_talent_section(session=db, user_id=talent.id, section="basics", data=BASICS)
    jobs.apply(session=db, talent_id=talent.id, job_id=job_id, note="Pick me.")


def _audit(db: Session, *users: User) -> None:
    for user in users:
        assert user.id is not None
        assert_ledger_consistent(db, user.id)


def test_twenty_sign_ups_from_one_address_are_throttled_after_five_and_pay_nothing(db):
    limit = get_settings().signups_per_address_per_hour
    assert limit == 5
    referrer = make_user(db)
    created, refused = [], []
    for _ in range(20):
        try:
            created.append(_sign_up(db, referrer.referral_code))
        except RateLimited as error:
            refused.append(error)
    assert len(created) == limit and len(refused) == 20 - limit
    assert {(e.code, e.params["minutes"]) for e in refused} == {("auth.signup_throttled", 60)}
    assert all(u.referred_by_id == referrer.id for u in created)
    assert balance(db, referrer) == 0  # every referral is pending
    assert referrals.summary(session=db, referrer_id=referrer.id) == referrals.ReferralSummary(
        paid=0, pending=limit, not_paid=0
    )
    assert _sign_up(db, referrer.referral_code, address="198.51.100.99").id  # another address
    _audit(db, referrer, *created)


def test_the_sign_up_window_slides_and_old_attempts_are_pruned(db):
    for _ in range(5):
        _sign_up(db, "")
    with pytest.raises(RateLimited):
        _sign_up(db, "")
    db.exec(update(SignupAttempt).values(created_at=SignupAttempt.created_at - timedelta(hours=1)))
    db.commit()
    _sign_up(db, "")
    assert db.exec(select(SignupAttempt.client_key)).all() == [ADDRESS]  # the old five are gone


def test_a_referral_is_paid_once_when_the_account_qualifies_at_most_five_a_month(db):
    referrer, producer = make_user(db), make_user(db, Role.PRODUCER)
    job = make_job(db, producer)
    friends = [_sign_up(db, referrer.referral_code, address=f"203.0.113.{n}") for n in range(7)]
    assert balance(db, referrer) == 0
    for friend in friends:
        _qualify_talent(db, friend, job.id)
    assert balance(db, referrer) == REFERRAL.monthly_cap * REFERRAL.stars == 500
    assert referrals.summary(session=db, referrer_id=referrer.id) == referrals.ReferralSummary(
        paid=5, pending=0, not_paid=2
    )
    late = db.exec(select(ReferralReward).where(col(ReferralReward.paid).is_(False))).all()
    assert {r.referred_user_id for r in late} == {friends[5].id, friends[6].id}
    for friend in friends:  # more qualifying actions never pay (or un-cap) a decided referral
        jobs.apply(session=db, talent_id=friend.id, job_id=make_job(db, producer).id, note="x")
        result = earning.award_stars(
            session=db, user_id=referrer.id, rule="referral_signup", subject_id=str(friend.id)
        )
        assert result.awarded == 0 and result.reason in {"duplicate", "monthly_cap"}
    assert balance(db, referrer) == 500

    db.exec(
        update(ReferralReward).values(decided_at=ReferralReward.decided_at - timedelta(days=31))
    )
    db.commit()
    next_month = _sign_up(db, referrer.referral_code, address="203.0.113.200")
    _qualify_talent(db, next_month, job.id)
    assert balance(db, referrer) == 600
    _audit(db, referrer, producer, *friends, next_month)


def test_a_referred_producer_qualifies_with_a_company_and_a_job(db):
    referrer = make_user(db)
    producer = _sign_up(db, referrer.referral_code, role="PRODUCER")
    profiles.save_company(session=db, user_id=producer.id, data={"company_name": ""})
    make_job(db, producer)
    assert balance(db, referrer) == 0  # a blank company name is not a company
    profiles.save_company(session=db, user_id=producer.id, data={"company_name": "Real Films"})
    assert balance(db, referrer) == 100
    _audit(db, referrer, producer)


def test_a_pending_referral_settled_by_many_at_once_pays_exactly_once(engine, db):
    referrer, producer = make_user(db), make_user(db, Role.PRODUCER)
    friend = make_talent(db)
    make_application(db, friend, make_job(db, producer))  # qualifies, but no referrer yet
    db.exec(update(User).where(col(User.id) == friend.id).values(referred_by_id=referrer.id))
    db.commit()
    decisions: list[bool] = []
    friend_id = friend.id  # read here: threads must not touch ``db``'s rows

    def settle() -> None:
        with Session(engine) as session:
            decided = referrals.settle(session=session, referred_id=friend_id)
            decisions.append(bool(decided and decided.paid))

    threads = [threading.Thread(target=settle) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert decisions == [True] * 6
    assert balance(db, referrer) == 100
    paid = ledger.history(session=db, user_id=referrer.id, first=10, after=None).items
    assert [entry.delta for entry in paid] == [100]
    _audit(db, referrer, friend)


def test_the_apply_and_hire_loop_with_five_throwaway_producers_is_bounded(db):
    talent = make_talent(db)
    start = balance(db, talent)  # the basics section
    producers = [make_user(db, Role.PRODUCER) for _ in range(5)]
    for producer in producers * 2:  # each producer twice: a second job for the same pair
        application = make_application(db, talent, make_job(db, producer))
        jobs.hire(session=db, producer_id=producer.id, application_id=application.id)
    earned = balance(db, talent) - start
    assert earned == 5 * APPLIED.stars + HIRED.daily_cap * HIRED.stars == 250  # was 2,100
    lifetime = ledger.get_balance(session=db, user_id=talent.id).lifetime_stars
    assert lifetime - start == 250
    _audit(db, talent, *producers)


def test_applications_pay_five_a_day_and_hires_one_a_day_per_talent(db):
    talent = make_talent(db)
    start = balance(db, talent)
    producers = [make_user(db, Role.PRODUCER) for _ in range(7)]
    for producer in producers:
        make_application(db, talent, make_job(db, producer))
    assert balance(db, talent) - start == APPLIED.daily_cap * APPLIED.stars == 50
    tomorrow = earning.award_stars(
        session=db,
        user_id=talent.id,
        rule="application_submitted",
        subject_id=str(producers[6].id),
        now=utcnow() + timedelta(days=1),
    )
    assert tomorrow.awarded == APPLIED.stars
    _audit(db, talent)


def test_a_producer_causes_at_most_two_hire_rewards_a_day(db):
    producer = make_user(db, Role.PRODUCER)
    talents = [make_talent(db) for _ in range(3)]
    before = [balance(db, t) for t in talents]
    for talent in talents:
        application = make_application(db, talent, make_job(db, producer))
        jobs.hire(session=db, producer_id=producer.id, application_id=application.id)
    gained = [balance(db, t) - b for t, b in zip(talents, before, strict=True)]
    assert gained == [210, 210, 10]  # the third hire still happens, unpaid
    refused = earning.award_stars(
        session=db, user_id=talents[2].id, rule="hired", subject_id=str(producer.id)
    )
    assert (refused.awarded, refused.reason) == (0, "subject_daily_cap")
    _audit(db, producer, *talents)


def test_the_readme_states_every_limit_of_the_registry():
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text()
    section = readme.split("## Earning limits", 1)[1].split("\n## ", 1)[0]
    assert all(line in section for line in limit_lines(Settings().signups_per_address_per_hour))
    assert Settings().signups_per_address_per_hour == DEFAULT_SIGNUPS_PER_ADDRESS


def test_simultaneous_sign_ups_from_one_address_stop_at_the_limit(engine):
    outcomes: list[str] = []

    def sign_up(n: int) -> None:
        with Session(engine) as session:
            try:
                accounts.sign_up(
                    session=session,
                    email=f"rush{n}@example.test",
                    password=PASSWORD,
                    display_name="Rush",
                    role="TALENT",
                    client_address=ADDRESS,
                )
                outcomes.append("created")
            except RateLimited:
                outcomes.append("throttled")

    threads = [threading.Thread(target=sign_up, args=(n,)) for n in range(10)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["created"] * 5 + ["throttled"] * 5


def test_simultaneous_hires_by_one_producer_pay_at_most_two(engine, db):
    producer = make_user(db, Role.PRODUCER)
    talents = [make_talent(db) for _ in range(5)]
    applications = [make_application(db, t, make_job(db, producer)).id for t in talents]
    before = sum(balance(db, t) for t in talents)
    producer_id = producer.id  # read here: threads must not touch ``db``'s rows

    def hire(application_id: int) -> None:
        with Session(engine) as session:
            jobs.hire(session=session, producer_id=producer_id, application_id=application_id)

    threads = [threading.Thread(target=hire, args=(a,)) for a in applications]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sum(balance(db, t) for t in talents) - before == HIRED.subject_daily_cap * HIRED.stars
    _audit(db, producer, *talents)
