"""The CasTars bundle registry: the bundles on sale, their stars and prices.

``BUNDLES`` is the one place these numbers are written; the database is seeded from
it (migration 0005 and the demo seed) and every charge reads the database row, so an
admin can later deactivate or reprice a bundle without a deploy.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import Session, col, select

from castyou.db import transaction
from castyou.models.payments import CasTarsBundle


@dataclass(frozen=True)
class BundleSpec:
    id: str
    name: str
    stars: int
    bonus_stars: int
    price_cents: int
    currency: str = "USD"
    best_value: bool = False


BUNDLES: tuple[BundleSpec, ...] = (
    BundleSpec("starter", "Starter", 500, 0, 499),
    BundleSpec("popular", "Popular", 1_500, 150, 1_299, best_value=True),
    BundleSpec("pro", "Pro", 4_000, 600, 2_999),
)


@dataclass(frozen=True)
class BundleView:
    """A bundle as the API and the buy page show it."""

    id: str
    name: str
    stars: int
    bonus_stars: int
    price_cents: int
    currency: str
    best_value: bool

    @property
    def total_stars(self) -> int:
        return self.stars + self.bonus_stars

    @property
    def bonus_percent(self) -> int:
        return round(self.bonus_stars * 100 / self.stars)


def _view(bundle: CasTarsBundle) -> BundleView:
    return BundleView(
        id=bundle.id,
        name=bundle.name,
        stars=bundle.stars,
        bonus_stars=bundle.bonus_stars,
        price_cents=bundle.price_cents,
        currency=bundle.currency,
        best_value=bundle.best_value,
    )


def list_active(*, session: Session) -> list[BundleView]:
    """Bundles on sale, in display order."""
    rows = session.exec(
        select(CasTarsBundle)
        .where(col(CasTarsBundle.is_active).is_(True))
        .order_by(col(CasTarsBundle.sort_order), col(CasTarsBundle.price_cents))
    )
    return [_view(row) for row in rows]


def cheapest_covering(*, session: Session, stars: int) -> BundleView | None:
    """The cheapest bundle on sale that covers ``stars``; the biggest one when none does."""
    if stars <= 0:
        return None
    on_sale = list_active(session=session)
    covering = [bundle for bundle in on_sale if bundle.total_stars >= stars]
    if covering:
        return min(covering, key=lambda bundle: (bundle.price_cents, -bundle.total_stars))
    return max(on_sale, key=lambda bundle: bundle.total_stars, default=None)


def seed_bundles(session: Session) -> list[str]:
    """Insert the registry bundles that are missing (rows admins changed are left alone)."""
    added = []
    with transaction(session):
        for order, spec in enumerate(BUNDLES):
            if session.get(CasTarsBundle, spec.id) is None:
                session.add(
                    CasTarsBundle(
                        id=spec.id,
                        name=spec.name,
                        stars=spec.stars,
                        bonus_stars=spec.bonus_stars,
                        price_cents=spec.price_cents,
                        currency=spec.currency,
                        best_value=spec.best_value,
                        sort_order=order,
                    )
                )
                added.append(spec.name)
    return [f"bundles    {', '.join(added)} added"] if added else []
