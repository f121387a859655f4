"""Receipts as PDF files (fpdf2), and the short-lived signed links that download them.

The browser keeps its session token in local storage, so a plain link cannot carry
it; the receipt page asks for a link signed for one purchase and one user instead,
valid for a few minutes, and the download route checks ownership again.
"""

from __future__ import annotations

import hashlib
import hmac
import time
from dataclasses import dataclass

from fpdf import FPDF

from castyou.i18n import format_datetime, format_money, format_number, t
from castyou.services.errors import NotFound
from castyou.services.payments.checkout import Receipt

LINK_TTL_S = 300
_BRAND_NAMES = {
    "visa": "Visa",
    "mastercard": "Mastercard",
    "amex": "American Express",
    "discover": "Discover",
}


@dataclass(frozen=True)
class Merchant:
    name: str
    address: str
    email: str


def card_label(receipt: Receipt) -> str:
    """``Visa •••• 4242`` (empty when the payment did not report its card)."""
    if not receipt.card_last4:
        return ""
    brand = _BRAND_NAMES.get(receipt.card_brand, receipt.card_brand.title() or "Card")
    return f"{brand} •••• {receipt.card_last4}"


def _signature(purchase_id: int, user_id: int, expires: int, secret: str) -> str:
    message = f"receipt:{purchase_id}:{user_id}:{expires}".encode()
    return hmac.new(secret.encode(), message, hashlib.sha256).hexdigest()[:32]


def download_token(*, purchase_id: int, user_id: int, secret: str, now: float | None = None) -> str:
    """``<user>.<expires>.<signature>`` for one purchase's PDF."""
    expires = int(now if now is not None else time.time()) + LINK_TTL_S
    return f"{user_id}.{expires}.{_signature(purchase_id, user_id, expires, secret)}"


def token_user(*, token: str, purchase_id: int, secret: str, now: float | None = None) -> int:
    """The user a download link was signed for; NotFound when forged, altered or expired."""
    parts = str(token or "").split(".")
    if len(parts) != 3 or not all(p.isascii() and p.isalnum() for p in parts):
        raise NotFound()
    user_text, expires_text, signature = parts
    if not (user_text.isdigit() and expires_text.isdigit()) or len(user_text) > 18:
        raise NotFound()
    user_id, expires = int(user_text), int(expires_text)
    expected = _signature(purchase_id, user_id, expires, secret)
    current = now if now is not None else time.time()
    if not hmac.compare_digest(expected, signature) or expires < current:
        raise NotFound()
    return user_id


def _latin1(text: str) -> str:
    """Core PDF fonts cover Latin-1; Babel's narrow spaces and the bullet are mapped."""
    text = text.replace("\u202f", " ").replace("\u2022", "*").replace("·", "-")
    return text.encode("latin-1", "replace").decode("latin-1")


def _rows(receipt: Receipt, lang: str) -> list[tuple[str, str]]:
    rows = [
        (t("receipt.number", lang), receipt.number),
        (t("receipt.date", lang), format_datetime(receipt.date, lang)),
        (t("receipt.bundle", lang), receipt.bundle_name),
        (t("receipt.stars", lang), format_number(receipt.stars, lang)),
        (t("receipt.amount", lang), format_money(receipt.amount_cents, receipt.currency, lang)),
        (t("receipt.payment_method", lang), card_label(receipt)),
        (t("receipt.payment_id", lang), receipt.payment_id),
    ]
    if receipt.refunded_cents:
        refunded = format_money(receipt.refunded_cents, receipt.currency, lang)
        rows.append((t("receipt.refunded_label", lang), refunded))
    return [(label, value) for label, value in rows if value]


def render(receipt: Receipt, merchant: Merchant, lang: str) -> bytes:
    """One A4 page: seller, buyer, the purchase lines and the payment."""
    pdf = FPDF(format="A4")
    pdf.set_title(_latin1(f"{t('receipt.title', lang)} {receipt.number}"))
    pdf.set_author(_latin1(merchant.name))
    pdf.add_page()
    pdf.set_font("Helvetica", "B", 20)
    pdf.cell(0, 12, _latin1(t("receipt.title", lang)), new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", "", 10)
    seller = [merchant.name, merchant.address, merchant.email]
    buyer = [receipt.buyer_name, receipt.buyer_email]
    for heading, lines in ((t("receipt.seller", lang), seller), (t("receipt.buyer", lang), buyer)):
        pdf.set_font("Helvetica", "B", 10)
        pdf.cell(0, 7, _latin1(heading), new_x="LMARGIN", new_y="NEXT")
        pdf.set_font("Helvetica", "", 10)
        for line in filter(None, lines):
            pdf.cell(0, 5, _latin1(line), new_x="LMARGIN", new_y="NEXT")
        pdf.ln(3)
    for label, value in _rows(receipt, lang):
        pdf.set_font("Helvetica", "B", 10)
        pdf.cell(55, 8, _latin1(label), border="B")
        pdf.set_font("Helvetica", "", 10)
        pdf.cell(0, 8, _latin1(value), border="B", new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())
