"""/castars/receipts/<id>: a printable receipt, for its owner and for admins."""

from __future__ import annotations

import json

import reflex as rx
from reflex.event import EventSpec

from castyou.i18n import format_datetime, format_money, format_number
from castyou.services.errors import InvalidInput, NotAllowed, NotFound
from castyou.services.payments import checkout, receipt_pdf
from castyou.settings import get_settings
from castyou.state import args
from castyou.state.guard import Ctx, guarded
from castyou.state.session import SessionState


class ReceiptState(SessionState):
    """``status``: ``loading`` | ``ok`` | ``not_found`` (also another user's receipt)."""

    status: str = "loading"
    number: str = ""
    date: str = ""
    bundle: str = ""
    amount: str = ""
    stars: str = ""
    payment_id: str = ""
    refunded: str = ""
    card: str = ""
    card_brand: str = ""
    buyer_name: str = ""
    buyer_email: str = ""
    merchant_name: str = ""
    merchant_address: str = ""
    merchant_email: str = ""

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
        self.card, self.card_brand = receipt_pdf.card_label(receipt), receipt.card_brand
        self.buyer_name, self.buyer_email = receipt.buyer_name, receipt.buyer_email
        settings = get_settings()
        self.merchant_name = settings.merchant_name
        self.merchant_address = settings.merchant_address
        self.merchant_email = settings.merchant_email
        self.refunded = ""
        if receipt.refunded_cents:
            self.refunded = self._t(
                "receipt.refunded",
                amount=format_money(receipt.refunded_cents, receipt.currency, lang),
                stars=format_number(receipt.refunded_stars, lang),
            )
        self.status = "ok"

    @rx.event
    @guarded()
    def download_pdf(self, ctx: Ctx) -> EventSpec:
        """A signed link, valid a few minutes, to this receipt's PDF (ownership checked again)."""
        receipt = checkout.get_receipt(
            session=ctx.db,
            viewer_id=ctx.viewer.id,
            viewer_is_admin=ctx.viewer.is_admin,
            purchase_id=self._requested_id(),
        )
        token = receipt_pdf.download_token(
            purchase_id=receipt.purchase_id,
            user_id=ctx.viewer.id,
            secret=get_settings().session_secret,
        )
        backend = (rx.config.get_config().api_url or "").rstrip("/")
        url = f"{backend}/api/receipts/{receipt.purchase_id}/pdf?token={token}"
        # An attachment: the browser saves it and stays on this page.
        return rx.call_script(f"window.location.assign({json.dumps(url)})")

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
        except (NotAllowed, NotFound):
            self.status = "not_found"
            return
        self._show(receipt)
