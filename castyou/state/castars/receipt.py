"""/castars/receipts/<id>: a printable receipt, for its owner and for admins."""

from __future__ import annotations

import reflex as rx

from castyou.i18n import format_datetime, format_money, format_number
from castyou.services.errors import InvalidInput, NotAllowed, NotFound
from castyou.services.payments import checkout
from castyou.state import args
from castyou.state.guard import Ctx, guarded
from castyou.state.session import SessionState


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

    def _requested_id(self) -> int:
        """The purchase id at the end of the path; anything else is not found."""
        try:
            return args.record_id(self.router.url.path.rstrip("/").rsplit("/", 1)[-1])
        except InvalidInput:
            raise NotFound() from None

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
    @guarded(page_load=True)
    def load(self, ctx: Ctx) -> None:
        """Show the receipt only to its owner or an admin."""
        self.status = "loading"
        try:
            receipt = checkout.get_receipt(
                session=ctx.db,
                viewer_id=ctx.viewer.id,
                viewer_is_admin=ctx.viewer.is_admin,
                purchase_id=self._requested_id(),
            )
        except NotAllowed:
            self.status = "not_allowed"
            return
        except NotFound:
            self.status = "not_found"
            return
        self._show(receipt)
