"""Earning CasTars for platform actions, by the rules in ``earn_rules``.

Every award is keyed on rule + user + subject (+ UTC day for daily rules), so the
same action never pays twice; caps are counted while the wallet row is locked. The
in-app actions and the REST API go through :func:`award_stars` alike, so the same
caps hold for both; a referral is paid by ``referrals.settle`` when the referred
account qualifies, and an award of that rule only reports (or makes) that decision.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import func
from sqlmodel import Session, col, select

from castyou.clock import utcnow
from castyou.db import lock_name, transaction
from castyou.models.ledger import LedgerEntry
from castyou.models.limits import ID_MAX
from castyou.models.user import Role, User
from castyou.services.castars import ledger, referrals, standalone
from castyou.services.castars.earn_rules import EARN_RULES, PROFILE_SECTIONS, EarnRule
from castyou.services.errors import InvalidInput, NotFound

MAX_SUBJECT_LENGTH = 64


@dataclass(frozen=True)
class AwardResult:
    """``awarded`` is 0 when nothing was paid; ``reason`` then says why."""

    awarded: int
    balance: int
    entry_id: int | None
    reason: str | None = None


def _check_subject(session: Session, rule: EarnRule, user_id: int, subject_id: str) -> None:
    if rule.id == "profile_section_completed" and subject_id not in PROFILE_SECTIONS:
        raise InvalidInput("ledger.unknown_section")
    if rule.id == "profile_viewed":
        viewer = session.get(User, _as_int(subject_id))
        if viewer is None:
            raise NotFound("ledger.unknown_subject")
    if rule.id == "referral_signup":
        referred = session.get(User, _as_int(subject_id))
        if referred is None or referred.referred_by_id != user_id:
            raise InvalidInput("ledger.not_referred_by_user")


def _as_int(value: str) -> int:
    text = value.strip()
    if not (text.isascii() and text.isdigit() and len(text) <= 10 and 1 <= int(text) <= ID_MAX):
        raise InvalidInput("ledger.invalid_subject")
    return int(text)


def _refusal(session: Session, rule: EarnRule, user_id: int, subject_id: str) -> str | None:
    """Why a view does not count (None when it does)."""
    if rule.id == "profile_viewed":
        if _as_int(subject_id) == user_id:
            return "self_view"
        viewer = session.get(User, _as_int(subject_id))
        if viewer is None or viewer.role != Role.PRODUCER:
            return "not_a_producer"
    return None


def _today_count(session: Session, rule: EarnRule, user_id: int, day_start: datetime) -> int:
    return session.exec(
        select(func.count()).where(
            LedgerEntry.user_id == user_id,
            col(LedgerEntry.idem_key).startswith(f"earn:{rule.id}:{user_id}:"),
            LedgerEntry.created_at >= day_start,
            LedgerEntry.created_at < day_start + timedelta(days=1),
        )
    ).one()


def _subject_today_count(
    session: Session, rule: EarnRule, subject_id: str, day_start: datetime
) -> int:
    """Awards of ``rule`` that ``subject_id`` (a producer) caused today, to anyone."""
    return session.exec(
        select(func.count()).where(
            LedgerEntry.ref_id == subject_id,
            LedgerEntry.reason == rule.reason,
            LedgerEntry.created_at >= day_start,
            LedgerEntry.created_at < day_start + timedelta(days=1),
        )
    ).one()


def _cap_reached(
    session: Session, rule: EarnRule, user_id: int, subject_id: str, day_start: datetime
) -> str | None:
    if rule.daily_cap is not None and (
        _today_count(session, rule, user_id, day_start) >= rule.daily_cap
    ):
        return "daily_cap"
    if rule.subject_daily_cap is not None:
        lock_name(session, f"earn:{rule.id}:subject:{subject_id}")  # others earn from it too
        if _subject_today_count(session, rule, subject_id, day_start) >= rule.subject_daily_cap:
            return "subject_daily_cap"
    return None


def _referral(session: Session, rule: EarnRule, user_id: int, subject_id: str) -> AwardResult:
    """The referral's decision: paid (now or before), over the monthly cap, or pending."""
    with transaction(session):
        _check_subject(session, rule, user_id, subject_id)
        earlier = referrals.decision(session=session, referred_id=_as_int(subject_id))
        decided = earlier or referrals.settle(session=session, referred_id=_as_int(subject_id))
        balance = ledger.get_balance(session=session, user_id=user_id).balance
    if decided is None:
        return AwardResult(0, balance, None, "referral_pending")
    if not decided.paid:
        return AwardResult(0, balance, None, "monthly_cap")
    if earlier is not None:
        return AwardResult(0, balance, decided.entry_id, "duplicate")
    return AwardResult(rule.stars, balance, decided.entry_id)


_CHECKED_RULES = ("profile_viewed", "referral_signup")


def _standalone(session: Session, rule: EarnRule) -> bool:
    """An award that is a whole transaction by itself and needs no reads first (the
    REST API's): no cap to count, no other row to check. It takes the fast path."""
    return (
        not session.info.get("tx_depth")
        and rule.daily_cap is None
        and rule.id not in _CHECKED_RULES
    )


def _award_now(
    session: Session, rule: EarnRule, user_id: int, subject_id: str, idem_key: str, now: datetime
) -> AwardResult:
    _check_subject(session, rule, user_id, subject_id)
    if session.in_transaction():
        session.commit()  # as db.transaction() would: the session's next read sees the award
    posted = standalone.earn(
        user_id=user_id,
        stars=rule.stars,
        reason=rule.reason,
        ref_id=subject_id,
        idem_key=idem_key,
        created_at=now,
        engine=session.get_bind(),  # type: ignore[arg-type]
    )
    if not posted.created:
        return AwardResult(0, posted.balance, posted.entry_id, "duplicate")
    return AwardResult(rule.stars, posted.balance, posted.entry_id)


def award_stars(
    *,
    session: Session,
    user_id: int,
    rule: str,
    subject_id: str,
    now: datetime | None = None,
) -> AwardResult:
    """Pay the reward of ``rule`` for ``subject_id`` once, within the rule's caps."""
    earn_rule = EARN_RULES.get(rule)
    if earn_rule is None:
        raise InvalidInput("ledger.unknown_rule")
    subject_id = str(subject_id).strip()
    if not subject_id or len(subject_id) > MAX_SUBJECT_LENGTH:
        raise InvalidInput("ledger.invalid_subject")
    now = now or utcnow()
    day_start = now.replace(hour=0, minute=0, second=0, microsecond=0)
    idem_key = f"earn:{rule}:{user_id}:{subject_id}"
    if earn_rule.per_day:
        idem_key += f":{day_start.date().isoformat()}"
    if earn_rule.monthly_cap is not None:
        return _referral(session, earn_rule, user_id, subject_id)
    if _standalone(session, earn_rule):
        return _award_now(session, earn_rule, user_id, subject_id, idem_key, now)
    with transaction(session):
        ledger._lock_wallet(session, user_id)
        _check_subject(session, earn_rule, user_id, subject_id)
        balance = ledger.get_balance(session=session, user_id=user_id).balance
        existing = ledger._existing(session, idem_key, user_id)
        if existing is not None:
            return AwardResult(0, balance, existing.id, "duplicate")
        refusal = _refusal(session, earn_rule, user_id, subject_id)
        if refusal is not None:
            return AwardResult(0, balance, None, refusal)
        capped = _cap_reached(session, earn_rule, user_id, subject_id, day_start)
        if capped is not None:
            return AwardResult(0, balance, None, capped)
        posting = ledger.earn(
            session=session,
            user_id=user_id,
            stars=earn_rule.stars,
            reason=earn_rule.reason,
            ref_id=subject_id,
            idem_key=idem_key,
            created_at=now,
        )
    return AwardResult(earn_rule.stars, posting.entry.balance, posting.entry.id)
