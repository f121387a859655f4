"""The signed-in home: where a user stands and what to do next, in one read."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from sqlmodel import Session, col, func, select

from castyou import routes
from castyou.models.casting import TalentProfile
from castyou.models.concierge import ConciergeRequest, ConciergeStatus
from castyou.models.payments import CasTarsPurchase, PurchaseStatus
from castyou.models.user import Role
from castyou.services.castars import bounties, ledger
from castyou.services.casting import jobs, profiles
from castyou.services.concierge.requester import my_concierge_requests
from castyou.services.store import activations

OPEN_CONCIERGE = (ConciergeStatus.PENDING, ConciergeStatus.IN_PROGRESS)


@dataclass(frozen=True)
class Boost:
    feature: str
    ends_at: datetime | None


@dataclass(frozen=True)
class NextStep:
    """A suggestion: its message key and where it leads."""

    key: str
    href: str


@dataclass(frozen=True)
class HomeSummary:
    balance: int
    lifetime_stars: int
    bounty_progress: int
    next_milestone: int
    bounties_ready: int
    boosts: list[Boost] = field(default_factory=list)
    concierge_open: int = 0
    concierge_latest_status: str = ""
    steps: list[NextStep] = field(default_factory=list)


def _has_purchase(session: Session, user_id: int) -> bool:
    count = session.exec(
        select(func.count())
        .select_from(CasTarsPurchase)
        .where(
            CasTarsPurchase.user_id == user_id,
            col(CasTarsPurchase.status).in_([PurchaseStatus.COMPLETED, PurchaseStatus.REFUNDED]),
        )
    ).one()
    return bool(count)


def _next_steps(
    session: Session, *, user_id: int, role: Role, ready: int, boosts: list[Boost]
) -> list[NextStep]:
    steps: list[NextStep] = []
    if ready:
        steps.append(NextStep("home.step.redeem", routes.CASTARS))
    if role == Role.TALENT:
        profile = session.get(TalentProfile, user_id)
        done = profiles.completed_sections(profile) if profile else []
        if len(done) < len(profiles.SECTIONS):
            steps.append(NextStep("home.step.profile", routes.PROFILE))
        steps.append(NextStep("home.step.jobs", routes.JOBS))
    elif role == Role.PRODUCER:
        if not jobs.producer_jobs(session=session, producer_id=user_id):
            steps.append(NextStep("home.step.post_job", routes.JOBS))
        steps.append(NextStep("home.step.discover", routes.DISCOVER))
    if role != Role.ADMIN and not boosts:
        steps.append(NextStep("home.step.store", routes.CASTARS_STORE))
    if not _has_purchase(session, user_id):
        steps.append(NextStep("home.step.buy", routes.CASTARS_BUY))
    return steps[:4]


def home_summary(*, session: Session, user_id: int, role: Role) -> HomeSummary:
    """Balance, Bounty progress, boosts in effect, concierge requests and next steps."""
    balance = ledger.get_balance(session=session, user_id=user_id).balance
    status = bounties.bounty_status(session=session, user_id=user_id)
    boosts = [
        Boost(view.feature, view.ends_at)
        for view in activations.active_for_user(session=session, user_id=user_id)
    ]
    requests: list[ConciergeRequest] = my_concierge_requests(session=session, user_id=user_id)
    return HomeSummary(
        balance=balance,
        lifetime_stars=status.lifetime_stars,
        bounty_progress=status.progress,
        next_milestone=status.next_milestone,
        bounties_ready=len(status.available),
        boosts=boosts,
        concierge_open=sum(1 for r in requests if r.status in OPEN_CONCIERGE),
        concierge_latest_status=str(requests[0].status) if requests else "",
        steps=_next_steps(
            session, user_id=user_id, role=role, ready=len(status.available), boosts=boosts
        ),
    )
