"""/castars/receipts/<id>: a printable receipt, for its owner and for admins."""

from __future__ import annotations

import reflex as rx

from castyou.db import session_scope
from castyou.i18n import format_datetime, format_money, format_number
from castyou.services.errors import NotAllowed, NotAuthenticated, NotFound
from castyou.services.payments import checkout
from castyou.state.session import SessionState

_MAX_ID_DIGITS = 12


class ReceiptState(SessionState):
    """``status``: ``loading`` | ``ok`` | ``not_allowed`` | ``not_found``."""

    status: str = "loading"
    number: str = ""
    date: str = ""
    bundle: str = ""
    amount: str = ""
    stars: str = ""
    payment_id: str = ""
    refunded: str = ""

    def _requested_id(self) -> int | None:
        raw = self.router.url.path.rstrip("/").rsplit("/", 1)[-1]
        return int(raw) if raw.isdigit() and len(raw) <= _MAX_ID_DIGITS else None

    def _show(self, receipt: checkout.Receipt) -> None:
        lang = self.lang
        self.number = receipt.number
        self.date = format_datetime(receipt.date, lang)
        self.bundle = receipt.bundle_name
        self.amount = format_money(receipt.amount_cents, receipt.currency, lang)
        self.stars = format_number(receipt.stars, lang)
        self.payment_id = receipt.payment_id
        self.refunded = ""
        if receipt.refunded_cents:
            self.refunded = self._t(
                "receipt.refunded",
                amount=format_money(receipt.refunded_cents, receipt.currency, lang),
                stars=format_number(receipt.refunded_stars, lang),
            )
        self.status = "ok"

    @rx.event
    def load(self) -> None:
        """Resolve the viewer server-side and show the receipt only to its owner or an admin."""
        self.status = "loading"
        purchase_id = self._requested_id()
        try:
            viewer = self._require()
            if purchase_id is None:
                raise NotFound()
            with session_scope() as db:
                receipt = checkout.get_receipt(
                    session=db,
                    viewer_id=viewer.id,
                    viewer_is_admin=viewer.is_admin,
                    purchase_id=purchase_id,
                )
        except (NotAllowed, NotAuthenticated):
            self.status = "not_allowed"
            return
        except NotFound:
            self.status = "not_found"
            return
        self._show(receipt)
