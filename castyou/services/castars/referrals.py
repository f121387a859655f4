"""Referral rewards: pending until the referred account is real, then decided once.

A referral pays the referrer only when the referred account qualifies (see
``earn_rules.REFERRAL_QUALIFIES``); the services that make an account qualify call
:func:`settle` inside their own transaction. The decision (paid, or not paid because
the referrer reached the monthly cap) is one ``referral_rewards`` row per referred
user, so a repeat never pays twice.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func
from sqlmodel import Session, col, select

from castyou.clock import utcnow
from castyou.db import transaction
from castyou.models.casting import Application, CompanyProfile, Job, TalentProfile
from castyou.models.referral import ReferralReward
from castyou.models.user import Role, User
from castyou.services.castars import ledger
from castyou.services.castars.earn_rules import EARN_RULES

RULE = EARN_RULES["referral_signup"]


@dataclass(frozen=True)
class ReferralSummary:
    """A referrer's referrals: paid, waiting for the account to qualify, over the cap."""

    paid: int
    pending: int
    not_paid: int


def idem_key(referrer_id: int, referred_id: int) -> str:
    """The ledger key of a referral payment (the same one the rule's awards use)."""
    return f"earn:{RULE.id}:{referrer_id}:{referred_id}"


def qualifies(session: Session, user: User) -> bool:
    """Whether ``user`` is a real account: profile basics plus a first real action."""
    assert user.id is not None
    if Role(user.role) == Role.TALENT:
        profile = session.get(TalentProfile, user.id)
        applied = select(Application.id).where(Application.talent_id == user.id).limit(1)
        return bool(profile and profile.has_basics() and session.exec(applied).first())
    if Role(user.role) == Role.PRODUCER:
        company = session.get(CompanyProfile, user.id)
        posted = select(Job.id).where(Job.producer_id == user.id).limit(1)
        return bool(company and company.company_name.strip() and session.exec(posted).first())
    return False


def _month_start(now: datetime) -> datetime:
    return now.replace(day=1, hour=0, minute=0, second=0, microsecond=0)


def _paid_this_month(session: Session, referrer_id: int, now: datetime) -> int:
    return session.exec(
        select(func.count()).where(
            ReferralReward.referrer_id == referrer_id,
            col(ReferralReward.paid).is_(True),
            ReferralReward.decided_at >= _month_start(now),
        )
    ).one()


def decision(*, session: Session, referred_id: int) -> ReferralReward | None:
    """The referral's decision, or None while it is pending (or there is no referral)."""
    return session.exec(
        select(ReferralReward)
        .where(ReferralReward.referred_user_id == referred_id)
        .execution_options(populate_existing=True)
    ).first()


def _decide(session: Session, referrer_id: int, referred_id: int, now: datetime) -> ReferralReward:
    key = idem_key(referrer_id, referred_id)
    earlier = ledger._existing(session, key, referrer_id)  # paid at sign-up before the caps
    paid = earlier is not None or (
        RULE.monthly_cap is None or _paid_this_month(session, referrer_id, now) < RULE.monthly_cap
    )
    reward = ReferralReward(
        referred_user_id=referred_id,
        referrer_id=referrer_id,
        paid=paid,
        decided_at=earlier.created_at if earlier else now,
        entry_id=earlier.id if earlier else None,
    )
    if paid and earlier is None:
        posting = ledger.earn(
            session=session,
            user_id=referrer_id,
            stars=RULE.stars,
            reason=RULE.reason,
            ref_id=str(referred_id),
            idem_key=key,
            created_at=now,
        )
        reward.entry_id = posting.entry.id
    session.add(reward)
    session.flush()
    return reward


def settle(
    *, session: Session, referred_id: int, now: datetime | None = None
) -> ReferralReward | None:
    """Pay (or record as over the cap) the referral of ``referred_id`` once it qualifies.

    Returns the decision, or None while the account has no referrer or does not qualify
    yet. Joins the caller's transaction, so the payment commits with the qualifying action.
    """
    referred = session.get(User, referred_id)
    if referred is None or referred.referred_by_id is None:
        return None
    decided = decision(session=session, referred_id=referred_id)
    if decided is not None or not qualifies(session, referred):
        return decided
    with transaction(session):
        ledger._lock_wallet(session, referred.referred_by_id)  # serialises the monthly count
        decided = decision(session=session, referred_id=referred_id)
        if decided is not None:
            return decided
        return _decide(session, referred.referred_by_id, referred_id, now or utcnow())


def summary(*, session: Session, referrer_id: int) -> ReferralSummary:
    """How the referrer's referrals stand (for the referrer's own view)."""
    referred = select(func.count()).where(User.referred_by_id == referrer_id)
    decided = session.exec(
        select(ReferralReward.paid, func.count())
        .where(ReferralReward.referrer_id == referrer_id)
        .group_by(col(ReferralReward.paid))
    ).all()
    counts = {bool(paid): int(n) for paid, n in decided}
    total = int(session.exec(referred).one())
    paid, not_paid = counts.get(True, 0), counts.get(False, 0)
    return ReferralSummary(paid=paid, pending=total - paid - not_paid, not_paid=not_paid)
