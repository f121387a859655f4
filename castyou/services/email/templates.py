"""Subjects and bodies of the mails, in the recipient's language."""

from __future__ import annotations

from castyou.i18n import format_money, format_number, t
from castyou.settings import get_settings


def _params(lang: str, params: dict[str, object]) -> dict[str, object]:
    out = dict(params)
    if "status" in out:
        out["status"] = t(f"concierge.status.{out['status']}", lang)
    if "stars" in out:
        out["stars"] = format_number(int(str(out["stars"])), lang)
    if "price_cents" in out:
        out["amount"] = format_money(int(str(out.pop("price_cents"))), str(out["currency"]), lang)
    out["link"] = get_settings().public_url.rstrip("/") + str(out.pop("path", "/"))
    return out


def render(kind: str, lang: str, params: dict[str, object]) -> tuple[str, str]:
    """(subject, body) of mail ``kind`` in ``lang``."""
    values = _params(lang, params)
    subject = t(f"email.{kind}.subject", lang, **values)
    body = t(f"email.{kind}.body", lang, **values) + "\n\n" + t("email.footer", lang)
    return subject, body
