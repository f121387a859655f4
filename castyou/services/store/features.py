"""The feature registry: every spendable feature's cost, duration, roles and target.

The store, the surfaces and the tests read these numbers; nothing else hard-codes them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from enum import StrEnum

from castyou.models.user import Role


class Feature(StrEnum):
    PROFILE_BOOST = "PROFILE_BOOST"
    FEATURED_JOB = "FEATURED_JOB"
    REEL_HIGHLIGHT = "REEL_HIGHLIGHT"
    ADVANCED_FILTERS = "ADVANCED_FILTERS"
    DIRECT_MESSAGE_CREDIT = "DIRECT_MESSAGE_CREDIT"
    APPLICATION_PRIORITY = "APPLICATION_PRIORITY"


class Target(StrEnum):
    """What a feature acts on; each must belong to the buyer."""

    PROFILE = "profile"
    JOB = "job"
    REEL = "reel"
    ACCOUNT = "account"
    CONVERSATION = "conversation"
    APPLICATION = "application"


@dataclass(frozen=True)
class FeatureSpec:
    feature: Feature
    cost: int
    duration: timedelta | None
    roles: tuple[Role, ...]
    target: Target
    bought_in_store: bool = True

    @property
    def name_key(self) -> str:
        return f"store.feature.{self.feature.value}.name"

    @property
    def description_key(self) -> str:
        return f"store.feature.{self.feature.value}.description"

    @property
    def time_boxed(self) -> bool:
        return self.duration is not None


FEATURES: dict[Feature, FeatureSpec] = {
    spec.feature: spec
    for spec in (
        FeatureSpec(
            Feature.PROFILE_BOOST, 200, timedelta(hours=24), (Role.TALENT,), Target.PROFILE
        ),
        FeatureSpec(Feature.FEATURED_JOB, 300, timedelta(hours=48), (Role.PRODUCER,), Target.JOB),
        FeatureSpec(Feature.REEL_HIGHLIGHT, 150, timedelta(hours=24), (Role.TALENT,), Target.REEL),
        FeatureSpec(
            Feature.ADVANCED_FILTERS, 500, timedelta(days=30), (Role.PRODUCER,), Target.ACCOUNT
        ),
        FeatureSpec(
            Feature.DIRECT_MESSAGE_CREDIT,
            50,
            None,
            (Role.PRODUCER,),
            Target.CONVERSATION,
            bought_in_store=False,
        ),
        FeatureSpec(Feature.APPLICATION_PRIORITY, 100, None, (Role.TALENT,), Target.APPLICATION),
    )
}

# Bounty grant kinds (castyou.models.bounty.FeatureGrant.kind) and the feature each activates:
# the bounty type names of the contract, and the lower-case feature names the bounty
# redemption writes. A grant without ``duration_hours`` lasts the feature's own duration.
GRANT_FEATURES: dict[str, Feature] = {
    "PROFILE_BOOST_3DAY": Feature.PROFILE_BOOST,
    "FEATURED_JOB_CREDIT": Feature.FEATURED_JOB,
    "PREMIUM_FILTER_WEEK": Feature.ADVANCED_FILTERS,
    "profile_boost": Feature.PROFILE_BOOST,
    "featured_job": Feature.FEATURED_JOB,
    "advanced_filters": Feature.ADVANCED_FILTERS,
}


def spec_for(feature: str) -> FeatureSpec | None:
    """The spec for a feature name from outside (None when unknown)."""
    try:
        return FEATURES[Feature(feature)]
    except ValueError:
        return None


def features_for(role: Role) -> list[FeatureSpec]:
    """The features offered to ``role``, in registry order."""
    return [spec for spec in FEATURES.values() if role in spec.roles]
