"""Spending CasTars on features, consuming bounty grants, and reading what is active.

A feature is active while ``starts_at <= now < ends_at`` (or ``ends_at`` is NULL for
one-shot features) and it is not revoked: expiry needs no job, every reader filters
by the clock.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import func, or_, update
from sqlmodel import Session, col, select

from castyou.clock import utcnow
from castyou.db import transaction
from castyou.models.bounty import FeatureGrant
from castyou.models.casting import (
    Application,
    ApplicationStatus,
    Conversation,
    Job,
    JobStatus,
    TalentProfile,
)
from castyou.models.store import ActiveFeature, FeatureSource
from castyou.models.user import Role, User
from castyou.services import click_keys, live
from castyou.services.castars import ledger
from castyou.services.errors import Conflict, InvalidInput, NotAllowed, NotFound
from castyou.services.store.features import GRANT_FEATURES, Feature, FeatureSpec, Target, spec_for


@dataclass(frozen=True)
class ActiveView:
    """One feature currently in effect for a target, for the store and admin lists."""

    feature: str
    target_type: str
    target_id: int
    ends_at: datetime | None


def _active_clause(now: datetime) -> list:
    return [
        col(ActiveFeature.revoked_at).is_(None),
        col(ActiveFeature.starts_at) <= now,
        or_(col(ActiveFeature.ends_at).is_(None), col(ActiveFeature.ends_at) > now),
    ]


def active_target_ids(
    *, session: Session, feature: Feature, target_ids: Iterable[int] | None = None
) -> set[int]:
    """Targets on which ``feature`` is in effect now (optionally among ``target_ids``)."""
    query = select(ActiveFeature.target_id).where(
        ActiveFeature.feature == feature.value, *_active_clause(utcnow())
    )
    if target_ids is not None:
        ids = list(target_ids)
        if not ids:
            return set()
        query = query.where(col(ActiveFeature.target_id).in_(ids))
    return set(session.exec(query).all())


def is_active(*, session: Session, feature: Feature, target_id: int) -> bool:
    return bool(active_target_ids(session=session, feature=feature, target_ids=[target_id]))


def active_for_user(*, session: Session, user_id: int) -> list[ActiveView]:
    """The user's features in effect now, one line per target with its final end time."""
    now = utcnow()
    rows = session.exec(
        select(ActiveFeature).where(
            ActiveFeature.user_id == user_id,
            col(ActiveFeature.revoked_at).is_(None),
            or_(col(ActiveFeature.ends_at).is_(None), col(ActiveFeature.ends_at) > now),
        )
    ).all()
    merged: dict[tuple[str, str, int], datetime | None] = {}
    for row in rows:
        key = (row.feature, row.target_type, row.target_id)
        current = merged.get(key, row.ends_at)
        merged[key] = None if row.ends_at is None or current is None else max(current, row.ends_at)
    return [ActiveView(f, t, i, end) for (f, t, i), end in sorted(merged.items())]


def list_active(
    *,
    session: Session,
    feature: str | None = None,
    first: int = 50,
    offset: int = 0,
    order: list[Any] | None = None,
) -> list[ActiveFeature]:
    """Activations in effect now, newest first unless ``order`` (for the admin console)."""
    query = select(ActiveFeature).outerjoin(User, col(User.id) == col(ActiveFeature.user_id))
    query = query.where(*_active_clause(utcnow()))
    if feature is not None:
        query = query.where(ActiveFeature.feature == feature)
    limit = max(1, min(int(first), 200))
    query = query.order_by(*(order or [col(ActiveFeature.id).desc()]))
    return list(session.exec(query.offset(max(0, offset)).limit(limit)).all())


def count_active(*, session: Session, feature: str | None = None) -> int:
    """How many activations are in effect now (optionally of one feature)."""
    query = select(func.count()).select_from(ActiveFeature).where(*_active_clause(utcnow()))
    if feature is not None:
        query = query.where(ActiveFeature.feature == feature)
    return int(session.exec(query).one())


def _owned_target(session: Session, spec: FeatureSpec, user_id: int, target_id: int) -> None:
    """Raise NotAllowed unless ``target_id`` is the caller's own, usable target."""
    if spec.target in (Target.PROFILE, Target.REEL):
        profile = session.get(TalentProfile, target_id)
        ok = target_id == user_id and profile is not None and profile.listed
        ok = ok and (spec.target == Target.PROFILE or bool(profile and profile.has_reel))
    elif spec.target == Target.ACCOUNT:
        ok = target_id == user_id
    elif spec.target == Target.JOB:
        job = session.get(Job, target_id)
        ok = job is not None and job.producer_id == user_id and job.status == JobStatus.OPEN
    elif spec.target == Target.APPLICATION:
        app = session.get(Application, target_id)
        ok = app is not None and app.talent_id == user_id
        ok = ok and app is not None and app.status == ApplicationStatus.PENDING
    else:
        conv = session.get(Conversation, target_id)
        ok = conv is not None and user_id in (conv.user_low, conv.user_high)
    if not ok:
        raise NotAllowed("store.not_your_target")


def _lock_buyer(session: Session, spec: FeatureSpec, user_id: int) -> None:
    """Lock the buyer's row (serialising their purchases) and check the feature fits the role."""
    user = session.exec(select(User).where(User.id == user_id).with_for_update()).first()
    if user is None:
        raise NotFound()
    if Role(user.role) not in spec.roles:
        raise NotAllowed("store.not_for_role")


def _activate(
    session: Session,
    spec: FeatureSpec,
    *,
    user_id: int,
    target_id: int,
    duration: timedelta | None,
    source: FeatureSource,
    ledger_entry_id: int | None = None,
    grant_id: int | None = None,
) -> ActiveFeature:
    now = utcnow()
    current_end = session.exec(
        select(func.max(ActiveFeature.ends_at)).where(
            ActiveFeature.feature == spec.feature.value,
            ActiveFeature.target_id == target_id,
            col(ActiveFeature.revoked_at).is_(None),
            col(ActiveFeature.ends_at) > now,
        )
    ).one()
    starts_at = max(now, current_end) if current_end is not None else now
    row = ActiveFeature(
        user_id=user_id,
        feature=spec.feature.value,
        target_type=spec.target.value,
        target_id=target_id,
        starts_at=starts_at,
        ends_at=starts_at + duration if duration is not None else None,
        source=source,
        ledger_entry_id=ledger_entry_id,
        grant_id=grant_id,
    )
    session.add(row)
    session.flush()
    live.announce(session, live.wallet(user_id))
    return row


def _refuse_repeat_one_shot(session: Session, spec: FeatureSpec, target_id: int) -> None:
    if not spec.time_boxed and is_active(
        session=session, feature=spec.feature, target_id=target_id
    ):
        raise Conflict("store.already_active")


def _replayed(session: Session, user_id: int, idem_key: str | None) -> ActiveFeature | None:
    """The activation an earlier click with the same key bought, if any."""
    if idem_key is None:
        return None
    entry = ledger.spent_under_key(session=session, user_id=user_id, idem_key=idem_key)
    if entry is None:
        return None
    row = session.exec(
        select(ActiveFeature).where(ActiveFeature.ledger_entry_id == entry.id)
    ).first()
    if row is None:
        raise Conflict("click.key_used")
    return row


def _charge(
    session: Session, spec: FeatureSpec, user_id: int, target_id: int, idem_key: str | None
) -> tuple[int | None, bool]:
    """Post the spend; (entry id, whether this call created it)."""
    reason, ref_id = spec.name_key, f"{spec.feature.value}:{target_id}"
    if idem_key is None:
        entry = ledger.spend_stars(
            session=session, user_id=user_id, amount=spec.cost, reason=reason, ref_id=ref_id
        )
        return entry.id, True
    posting = ledger.spend_stars_once(
        session=session,
        user_id=user_id,
        amount=spec.cost,
        reason=reason,
        ref_id=ref_id,
        idem_key=idem_key,
    )
    return posting.entry.id, posting.created


def spend_on_feature(
    *,
    session: Session,
    user_id: int,
    feature: str,
    target_id: int,
    idempotency_key: str | None = None,
) -> ActiveFeature:
    """Deduct the feature's cost and activate it on the caller's own target, atomically.

    With an ``idempotency_key`` (one confirmed click) a repeat of the same key returns
    the first activation and charges nothing: the buyer's row lock serialises the two
    clicks, and the ledger's unique key backs that up. The key is scoped to the user.

    Raises:
        InvalidInput: unknown feature, target id or malformed key.
        NotAllowed: the feature is not for the caller's role or the target is not theirs.
        Conflict: a one-shot feature is already on that target.
        InsufficientBalance: the balance is short (nothing changes).
    """
    spec = spec_for(feature)
    if spec is None or not isinstance(target_id, int) or isinstance(target_id, bool):
        raise InvalidInput("store.unknown_feature")
    idem_key = None
    if idempotency_key is not None:
        idem_key = f"store:{user_id}:{click_keys.check_key(idempotency_key)}"
    with transaction(session):
        _lock_buyer(session, spec, user_id)
        if (earlier := _replayed(session, user_id, idem_key)) is not None:
            return earlier
        _owned_target(session, spec, user_id, target_id)
        _refuse_repeat_one_shot(session, spec, target_id)
        entry_id, created = _charge(session, spec, user_id, target_id, idem_key)
        if not created:  # unreachable under the buyer lock; never activate unpaid
            raise Conflict("click.key_used")
        return _activate(
            session,
            spec,
            user_id=user_id,
            target_id=target_id,
            duration=spec.duration,
            source=FeatureSource.SPENT,
            ledger_entry_id=entry_id,
        )


def open_grants(*, session: Session, user_id: int) -> list[FeatureGrant]:
    """The user's unconsumed bounty grants that activate a feature."""
    return list(
        session.exec(
            select(FeatureGrant)
            .where(FeatureGrant.user_id == user_id, col(FeatureGrant.consumed_at).is_(None))
            .order_by(col(FeatureGrant.id))
        ).all()
    )


def consume_grant(
    *, session: Session, user_id: int, grant_id: int, target_id: int
) -> ActiveFeature:
    """Activate a bounty grant's feature on the caller's target, without spending stars."""
    with transaction(session):
        grant = session.get(FeatureGrant, grant_id)
        if grant is None or grant.user_id != user_id:
            raise NotAllowed("store.not_your_grant")
        feature = GRANT_FEATURES.get(str(grant.kind))
        spec = spec_for(feature.value) if feature else None
        if spec is None:
            raise InvalidInput("store.unknown_feature")
        _lock_buyer(session, spec, user_id)
        _owned_target(session, spec, user_id, target_id)
        claimed = session.exec(  # type: ignore[call-overload]
            update(FeatureGrant)
            .where(col(FeatureGrant.id) == grant_id, col(FeatureGrant.consumed_at).is_(None))
            .values(consumed_at=utcnow())
        )
        if claimed.rowcount != 1:
            raise Conflict("store.grant_used")
        return _activate(
            session,
            spec,
            user_id=user_id,
            target_id=target_id,
            duration=timedelta(hours=grant.duration_hours)
            if grant.duration_hours
            else spec.duration,
            source=FeatureSource.BOUNTY,
            grant_id=grant_id,
        )


def revoke(*, session: Session, user_id: int, feature: str) -> int:
    """Revoke every current activation of ``feature`` bought by the user (admin tool)."""
    spec = spec_for(feature)
    if spec is None:
        raise InvalidInput("store.unknown_feature")
    now = utcnow()
    with transaction(session):
        result = session.exec(  # type: ignore[call-overload]
            update(ActiveFeature)
            .where(
                col(ActiveFeature.user_id) == user_id,
                col(ActiveFeature.feature) == spec.feature.value,
                col(ActiveFeature.revoked_at).is_(None),
                or_(col(ActiveFeature.ends_at).is_(None), col(ActiveFeature.ends_at) > now),
            )
            .values(revoked_at=now)
        )
        live.announce(session, live.wallet(user_id))
        return int(result.rowcount)
