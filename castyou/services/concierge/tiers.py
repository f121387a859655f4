"""The concierge tiers: the single source of truth for cost, SLA and example use cases.

The UI, the services and the tests read these; no amount is written anywhere else.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from castyou.models.concierge import ConciergeType


@dataclass(frozen=True)
class ConciergeTier:
    """One tier; ``example_keys`` are translation keys of example requests."""

    type: ConciergeType
    stars_cost: int
    sla_hours: int
    example_keys: tuple[str, ...]

    @property
    def sla(self) -> timedelta:
        return timedelta(hours=self.sla_hours)


CONCIERGE_TIERS: dict[ConciergeType, ConciergeTier] = {
    ConciergeType.BASIC: ConciergeTier(
        ConciergeType.BASIC,
        stars_cost=5_000,
        sla_hours=72,
        example_keys=("concierge.example.dog_actor", "concierge.example.male_singer_la"),
    ),
    ConciergeType.SPECIALIZED: ConciergeTier(
        ConciergeType.SPECIALIZED,
        stars_cost=10_000,
        sla_hours=48,
        example_keys=("concierge.example.hula_hoop",),
    ),
    ConciergeType.URGENT: ConciergeTier(
        ConciergeType.URGENT,
        stars_cost=25_000,
        sla_hours=24,
        example_keys=("concierge.example.skateboarder_nyc",),
    ),
}


def tier_for(request_type: object) -> ConciergeTier:
    """The tier for a type name; KeyError for anything that is not a tier."""
    return CONCIERGE_TIERS[ConciergeType(str(request_type))]


def concierge_options() -> list[ConciergeTier]:
    """Every tier, cheapest first (what the tier picker shows)."""
    return sorted(CONCIERGE_TIERS.values(), key=lambda tier: tier.stars_cost)
