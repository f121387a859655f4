"""The registry of Bounty rewards: what each type is called and what redeeming it leaves.

A reward either sets the early-adopter badge on the user or leaves a
:class:`~castyou.models.bounty.FeatureGrant` of ``grant_kind`` that the feature
store consumes (``duration_hours`` None: the feature's standard duration).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class BountyType(StrEnum):
    BADGE_EARLY_ADOPTER = "BADGE_EARLY_ADOPTER"
    PROFILE_BOOST_3DAY = "PROFILE_BOOST_3DAY"
    FEATURED_JOB_CREDIT = "FEATURED_JOB_CREDIT"
    PREMIUM_FILTER_WEEK = "PREMIUM_FILTER_WEEK"


@dataclass(frozen=True)
class BountyReward:
    """One redeemable reward; ``label_key``/``description_key`` are translation keys."""

    type: BountyType
    icon: str
    grant_kind: str | None
    duration_hours: int | None = None

    @property
    def label_key(self) -> str:
        return f"bounty.{self.type.value}"

    @property
    def description_key(self) -> str:
        return f"bounty.{self.type.value}.description"


BOUNTY_REWARDS: dict[BountyType, BountyReward] = {
    reward.type: reward
    for reward in (
        BountyReward(BountyType.BADGE_EARLY_ADOPTER, "award", grant_kind=None),
        BountyReward(BountyType.PROFILE_BOOST_3DAY, "rocket", "profile_boost", 72),
        BountyReward(BountyType.FEATURED_JOB_CREDIT, "pin", "featured_job", None),
        BountyReward(BountyType.PREMIUM_FILTER_WEEK, "sliders-horizontal", "advanced_filters", 168),
    )
}
