"""Helpers shared by the admin console states (argument checks, row formatting)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from reflex.event import EventSpec

from castyou import routes
from castyou.i18n import format_datetime, format_money, format_number, t
from castyou.models.payments import PurchaseStatus
from castyou.models.user import Role
from castyou.services.admin.purchases import PurchaseRow
from castyou.services.errors import CasTyouError, InvalidInput
from castyou.state.session import SessionState


def as_admin(
    state: SessionState, work: Callable[[int], object], success: str = "", **params: Any
) -> EventSpec | None:
    """Run ``work(admin_id)`` for a signed-in admin; a refusal or error becomes its toast.

    The role is read from the server-side session on every call, so a handler built
    on this can never be run by anyone else, whatever the client sends.
    """
    try:
        work(state._require(Role.ADMIN).id)
    except CasTyouError as error:
        return state._error(error)
    return state._success(success, **params) if success else None


def page_after(page: int, step: object) -> int:
    """The page one step (-1 or +1) from ``page``; any other step stays put."""
    if isinstance(step, bool) or not isinstance(step, int) or step not in (-1, 1):
        return page
    return max(1, page + step)


def positive_int(value: object) -> int:
    """A positive int from a handler argument or form field, or InvalidInput."""
    if isinstance(value, bool):
        raise InvalidInput("admin.invalid_number")
    if isinstance(value, str) and value.strip().isdigit():
        value = int(value.strip())
    if not isinstance(value, int) or value < 1:
        raise InvalidInput("admin.invalid_number")
    return value


def text_field(form: object, name: str, max_length: int = 200) -> str:
    """A stripped string field of a submitted form ("" when missing), length-checked."""
    value = form.get(name, "") if isinstance(form, dict) else ""
    if not isinstance(value, str) or len(value) > max_length:
        raise InvalidInput("admin.invalid_field", field=name)
    return value.strip()


def purchase_row(row: PurchaseRow, lang: str) -> dict[str, str]:
    """A purchase as the Purchases tab and a user's overview show it."""
    p = row.purchase
    status = PurchaseStatus(p.status)
    return {
        "id": str(p.id),
        "date": format_datetime(p.created_at, lang, "short"),
        "email": row.email,
        "bundle": p.bundle_name,
        "stars": format_number(p.stars_awarded, lang),
        "price": format_money(p.price_cents, p.currency, lang),
        "status": t(f"admin.purchase_status.{status.value}", lang),
        "receipt": routes.receipt_url(p.id or 0)
        if status in (PurchaseStatus.COMPLETED, PurchaseStatus.REFUNDED)
        else "",
        "refundable": "yes"
        if status == PurchaseStatus.COMPLETED and p.refunded_cents < p.price_cents
        else "",
    }
