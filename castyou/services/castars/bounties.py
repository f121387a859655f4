"""Bounties: every 500 lifetime CasTars unlocks one milestone, redeemed once for a reward.

A milestone counts as reached while ``lifetime_stars`` covers it; once redeemed it
stays redeemed even if a reversed purchase later lowers the lifetime counter, and
the unique (user, milestone) constraint makes a second redemption impossible, also
under concurrent clicks.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from castyou import routes
from castyou.db import transaction
from castyou.models.bounty import BountyRedemption, FeatureGrant
from castyou.models.ledger import Wallet
from castyou.models.user import User
from castyou.services import live, notifications
from castyou.services.castars.bounty_rewards import BOUNTY_REWARDS, BountyType
from castyou.services.castars.earn_rules import BOUNTY_MILESTONE_STARS
from castyou.services.errors import Conflict, InvalidInput, NotFound

MAX_MILESTONE = 10_000_000


@dataclass(frozen=True)
class RedeemedBounty:
    milestone: int
    bounty_type: str
    redeemed_at: datetime


@dataclass(frozen=True)
class BountyStatus:
    """Where a user stands: progress to the next milestone, open and redeemed Bounties."""

    lifetime_stars: int
    progress: int
    next_milestone: int
    available: list[int]
    redeemed: list[RedeemedBounty]


def reached_milestones(lifetime_stars: int) -> list[int]:
    """The milestones a lifetime counter covers: 500, 1000, ... up to ``lifetime_stars``."""
    count = max(lifetime_stars, 0) // BOUNTY_MILESTONE_STARS
    return [BOUNTY_MILESTONE_STARS * n for n in range(1, count + 1)]


def _lifetime(session: Session, user_id: int) -> int:
    wallet = session.get(Wallet, user_id, populate_existing=True)
    return wallet.lifetime_stars if wallet else 0


def _redeemed(session: Session, user_id: int) -> list[BountyRedemption]:
    return list(
        session.exec(
            select(BountyRedemption)
            .where(BountyRedemption.user_id == user_id)
            .order_by(col(BountyRedemption.milestone))
        )
    )


def available_bounties(*, session: Session, user_id: int) -> list[int]:
    """Reached milestones the user has not redeemed yet, lowest first."""
    taken = {row.milestone for row in _redeemed(session, user_id)}
    return [m for m in reached_milestones(_lifetime(session, user_id)) if m not in taken]


def bounty_status(*, session: Session, user_id: int) -> BountyStatus:
    lifetime = _lifetime(session, user_id)
    redeemed = _redeemed(session, user_id)
    taken = {row.milestone for row in redeemed}
    return BountyStatus(
        lifetime_stars=lifetime,
        progress=lifetime % BOUNTY_MILESTONE_STARS,
        next_milestone=(lifetime // BOUNTY_MILESTONE_STARS + 1) * BOUNTY_MILESTONE_STARS,
        available=[m for m in reached_milestones(lifetime) if m not in taken],
        redeemed=[RedeemedBounty(r.milestone, r.bounty_type, r.redeemed_at) for r in redeemed],
    )


def _check_choice(milestone: object, bounty_type: object) -> tuple[int, BountyType]:
    if (
        isinstance(milestone, bool)
        or not isinstance(milestone, int)
        or not 0 < milestone <= MAX_MILESTONE
        or milestone % BOUNTY_MILESTONE_STARS
    ):
        raise InvalidInput("castars.bounty_invalid_milestone")
    if not isinstance(bounty_type, str) or bounty_type not in BountyType.__members__:
        raise InvalidInput("castars.bounty_invalid_type")
    return milestone, BountyType(bounty_type)


def _apply_reward(session: Session, user: User, redemption: BountyRedemption) -> None:
    reward = BOUNTY_REWARDS[BountyType(redemption.bounty_type)]
    if reward.grant_kind is None:
        user.badge_early_adopter = True
        session.add(user)
        return
    assert user.id is not None
    session.add(
        FeatureGrant(
            user_id=user.id,
            kind=reward.grant_kind,
            duration_hours=reward.duration_hours,
            redemption_id=redemption.id,
        )
    )


def redeem_bounty(
    *, session: Session, user_id: int, milestone: int, bounty_type: str
) -> BountyRedemption:
    """Redeem ``milestone`` for ``bounty_type`` once, recording its effect in the same transaction.

    Raises:
        InvalidInput: bad milestone/type, milestone not reached, or the badge is owned already.
        Conflict: the milestone was redeemed already (also by a concurrent click).
    """
    milestone, reward_type = _check_choice(milestone, bounty_type)
    try:
        with transaction(session):
            wallet = session.exec(
                select(Wallet)
                .where(Wallet.user_id == user_id)
                .with_for_update()
                .execution_options(populate_existing=True)
            ).first()
            user = session.get(User, user_id)
            if user is None:
                raise NotFound()
            if wallet is None or milestone > wallet.lifetime_stars:
                raise InvalidInput("castars.bounty_not_reached", milestone=milestone)
            already = session.exec(
                select(BountyRedemption.id).where(
                    BountyRedemption.user_id == user_id, BountyRedemption.milestone == milestone
                )
            ).first()
            if already is not None:
                raise Conflict("castars.bounty_already_redeemed", milestone=milestone)
            if reward_type == BountyType.BADGE_EARLY_ADOPTER and user.badge_early_adopter:
                raise InvalidInput("castars.bounty_badge_owned")
            redemption = BountyRedemption(
                user_id=user_id, milestone=milestone, bounty_type=reward_type.value
            )
            session.add(redemption)
            session.flush()
            _apply_reward(session, user, redemption)
            live.announce(session, live.wallet(user_id))
    except IntegrityError:
        raise Conflict("castars.bounty_already_redeemed", milestone=milestone) from None
    return redemption


def notify_new_milestones(session: Session, user_id: int, before: int, after: int) -> None:
    """Notify once per milestone newly covered when lifetime stars go from ``before`` to ``after``.

    A ledger listener (wired in ``services/castars/__init__.py``): runs once per
    transaction before it commits. The dedupe key keeps a milestone that is lost
    (reversed purchase) and reached again from notifying twice.
    """
    first = (max(before, 0) // BOUNTY_MILESTONE_STARS + 1) * BOUNTY_MILESTONE_STARS
    for milestone in range(first, after + 1, BOUNTY_MILESTONE_STARS):
        notifications.notify_once(
            session=session,
            user_id=user_id,
            kind="bounty_unlocked",
            params={"milestone": milestone},
            link=routes.CASTARS,
            dedupe_key=f"bounty:{user_id}:{milestone}",
        )
