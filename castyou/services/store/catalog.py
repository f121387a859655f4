"""What the store offers a user: the features for their role, their own targets, the shortfall."""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import Session, col, select

from castyou.models.casting import Application, ApplicationStatus, Job, JobStatus, TalentProfile
from castyou.models.user import Role, User
from castyou.services.castars import ledger
from castyou.services.errors import NotFound
from castyou.services.store import activations
from castyou.services.store.features import (
    GRANT_FEATURES,
    FeatureSpec,
    Target,
    features_for,
    spec_for,
)


@dataclass(frozen=True)
class TargetOption:
    """``label`` is a job title, or a translation key when ``label_is_key``."""

    id: int
    label: str
    label_is_key: bool = False


@dataclass(frozen=True)
class Offer:
    spec: FeatureSpec
    targets: list[TargetOption]
    short_by: int


@dataclass(frozen=True)
class GrantOffer:
    grant_id: int
    spec: FeatureSpec
    hours: int
    targets: list[TargetOption]


def targets_for(*, session: Session, user_id: int, spec: FeatureSpec) -> list[TargetOption]:
    """The caller's own targets this feature can act on (empty: nothing to activate yet)."""
    if spec.target == Target.ACCOUNT:
        return [TargetOption(user_id, "store.target.account", True)]
    if spec.target in (Target.PROFILE, Target.REEL):
        profile = session.get(TalentProfile, user_id)
        if (
            profile is None
            or not profile.listed
            or (spec.target == Target.REEL and not profile.has_reel)
        ):
            return []
        return [TargetOption(user_id, f"store.target.{spec.target.value}", True)]
    if spec.target == Target.JOB:
        rows = session.exec(
            select(Job.id, Job.title)
            .where(Job.producer_id == user_id, Job.status == JobStatus.OPEN)
            .order_by(col(Job.id).desc())
            .limit(50)
        ).all()
        return [TargetOption(job_id, title) for job_id, title in rows if job_id]
    if spec.target == Target.APPLICATION:
        rows = session.exec(
            select(Application.id, Job.title)
            .join(Job, col(Job.id) == Application.job_id)
            .where(
                Application.talent_id == user_id,
                Application.status == ApplicationStatus.PENDING,
            )
            .order_by(col(Application.id).desc())
            .limit(50)
        ).all()
        taken = activations.active_target_ids(
            session=session,
            feature=spec.feature,
            target_ids=[app_id for app_id, _ in rows if app_id],
        )
        return [TargetOption(a, title) for a, title in rows if a and a not in taken]
    return []


def offers_for(*, session: Session, user_id: int) -> list[Offer]:
    """Every feature offered to the user's role with their targets and balance shortfall."""
    user = session.get(User, user_id)
    if user is None:
        raise NotFound()
    balance = ledger.get_balance(session=session, user_id=user_id).balance
    return [
        Offer(spec, targets_for(session=session, user_id=user_id, spec=spec), spec.cost - balance)
        for spec in features_for(Role(user.role))
    ]


def grant_offers(*, session: Session, user_id: int) -> list[GrantOffer]:
    """The user's unused bounty grants with the targets each could be used on."""
    offers = []
    for grant in activations.open_grants(session=session, user_id=user_id):
        feature = GRANT_FEATURES.get(grant.kind)
        spec = spec_for(feature.value) if feature else None
        if spec is None or grant.id is None:
            continue
        hours = grant.duration_hours or int(
            (spec.duration.total_seconds() if spec.duration else 0) // 3600
        )
        targets = targets_for(session=session, user_id=user_id, spec=spec)
        offers.append(GrantOffer(grant.id, spec, hours, targets))
    return offers
