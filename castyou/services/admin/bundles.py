"""Admin bundle management: list, create, edit, activate/deactivate, delete if never sold.

Purchases copy the bundle's name, stars and price when they are opened, so an
edit here only changes what new buyers pay and get. A bundle that has any
purchase is never deleted (deactivate it instead).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func
from sqlmodel import Session, col, select

from castyou.db import transaction
from castyou.models.payments import CasTarsBundle, CasTarsPurchase
from castyou.services.admin.audit import record_admin_action
from castyou.services.errors import Conflict, InvalidInput, NotFound
from castyou.services.roles import require_admin

MAX_BUNDLE_STARS = 1_000_000
MAX_BUNDLE_PRICE_CENTS = 1_000_000
MAX_NAME_LENGTH = 60
_CODE_RE = re.compile(r"^[a-z0-9_-]{1,32}$")


@dataclass(frozen=True)
class BundleInput:
    """The editable fields of a bundle, as an admin typed them (validated by ``check``)."""

    name: str
    stars: int
    bonus_stars: int
    price_cents: int


@dataclass(frozen=True)
class BundleRow:
    bundle: CasTarsBundle
    purchases: int


def _int_in(value: object, low: int, high: int, key: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise InvalidInput(key, min=low, max=high)
    return value


def check(fields: BundleInput) -> BundleInput:
    """The fields if valid: a name, positive stars and price, a non-negative bonus."""
    name = fields.name.strip() if isinstance(fields.name, str) else ""
    if not 1 <= len(name) <= MAX_NAME_LENGTH:
        raise InvalidInput("admin.bundle_invalid_name", max=MAX_NAME_LENGTH)
    return BundleInput(
        name=name,
        stars=_int_in(fields.stars, 1, MAX_BUNDLE_STARS, "admin.bundle_invalid_stars"),
        bonus_stars=_int_in(fields.bonus_stars, 0, MAX_BUNDLE_STARS, "admin.bundle_invalid_bonus"),
        price_cents=_int_in(
            fields.price_cents, 1, MAX_BUNDLE_PRICE_CENTS, "admin.bundle_invalid_price"
        ),
    )


def _snapshot(bundle: CasTarsBundle) -> dict[str, Any]:
    return {
        "name": bundle.name,
        "stars": bundle.stars,
        "bonus_stars": bundle.bonus_stars,
        "price_cents": bundle.price_cents,
        "is_active": bundle.is_active,
    }


def _purchase_count(session: Session, bundle_id: str) -> int:
    return session.exec(select(func.count()).where(CasTarsPurchase.bundle_id == bundle_id)).one()


def list_bundles(*, session: Session, actor_id: int) -> list[BundleRow]:
    """Every bundle (active or not) with how many purchases it has."""
    require_admin(session, actor_id)
    counts = dict(
        session.exec(
            select(CasTarsPurchase.bundle_id, func.count()).group_by(col(CasTarsPurchase.bundle_id))
        ).all()
    )
    bundles = session.exec(
        select(CasTarsBundle).order_by(col(CasTarsBundle.sort_order), col(CasTarsBundle.id))
    ).all()
    return [BundleRow(bundle, counts.get(bundle.id, 0)) for bundle in bundles]


def create_bundle(
    *, session: Session, actor_id: int, code: str, fields: BundleInput
) -> CasTarsBundle:
    """A new active bundle with the id ``code`` (lowercase letters, digits, - and _)."""
    fields = check(fields)
    if not isinstance(code, str) or not _CODE_RE.match(code):
        raise InvalidInput("admin.bundle_invalid_code")
    with transaction(session):
        require_admin(session, actor_id)
        if session.get(CasTarsBundle, code) is not None:
            raise Conflict("admin.bundle_code_taken")
        last = session.exec(select(func.max(CasTarsBundle.sort_order))).one()
        bundle = CasTarsBundle(id=code, sort_order=(last or 0) + 1, **fields.__dict__)
        session.add(bundle)
        session.flush()
        record_admin_action(
            session=session,
            admin_id=actor_id,
            action="bundle.created",
            target_type="bundle",
            target_id=code,
            before=None,
            after=_snapshot(bundle),
        )
    return bundle


def _locked(session: Session, bundle_id: str) -> CasTarsBundle:
    bundle = session.exec(
        select(CasTarsBundle)
        .where(CasTarsBundle.id == bundle_id)
        .with_for_update()
        .execution_options(populate_existing=True)
    ).first()
    if bundle is None:
        raise NotFound("admin.unknown_bundle")
    return bundle


def update_bundle(
    *, session: Session, actor_id: int, bundle_id: str, fields: BundleInput
) -> CasTarsBundle:
    """Change name, stars, bonus and price; only purchases opened afterwards see it."""
    fields = check(fields)
    with transaction(session):
        require_admin(session, actor_id)
        bundle = _locked(session, bundle_id)
        before = _snapshot(bundle)
        for name, value in fields.__dict__.items():
            setattr(bundle, name, value)
        session.add(bundle)
        if _snapshot(bundle) != before:
            record_admin_action(
                session=session,
                admin_id=actor_id,
                action="bundle.updated",
                target_type="bundle",
                target_id=bundle_id,
                before=before,
                after=_snapshot(bundle),
            )
    return bundle


def set_bundle_active(
    *, session: Session, actor_id: int, bundle_id: str, active: bool
) -> CasTarsBundle:
    """Put a bundle on sale or take it off (its purchases and receipts stay)."""
    if not isinstance(active, bool):
        raise InvalidInput("admin.invalid_field", field="active")
    with transaction(session):
        require_admin(session, actor_id)
        bundle = _locked(session, bundle_id)
        if bundle.is_active != active:
            before = _snapshot(bundle)
            bundle.is_active = active
            session.add(bundle)
            record_admin_action(
                session=session,
                admin_id=actor_id,
                action="bundle.activated" if active else "bundle.deactivated",
                target_type="bundle",
                target_id=bundle_id,
                before=before,
                after=_snapshot(bundle),
            )
    return bundle


def delete_bundle(*, session: Session, actor_id: int, bundle_id: str) -> None:
    """Delete a bundle that was never bought; one with purchases is refused."""
    with transaction(session):
        require_admin(session, actor_id)
        bundle = _locked(session, bundle_id)
        if _purchase_count(session, bundle_id):
            raise Conflict("admin.bundle_has_purchases")
        before = _snapshot(bundle)
        session.delete(bundle)
        record_admin_action(
            session=session,
            admin_id=actor_id,
            action="bundle.deleted",
            target_type="bundle",
            target_id=bundle_id,
            before=before,
            after=None,
        )
