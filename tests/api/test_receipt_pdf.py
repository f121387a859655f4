"""GET /api/receipts/{id}/pdf: a signed, short-lived link; others' receipts look missing."""

from __future__ import annotations

import time

import pytest
from fastapi.testclient import TestClient

from castyou.api.app import api
from castyou.models.user import Role
from castyou.services.errors import NotFound
from castyou.services.payments import events, receipt_pdf, simulator
from castyou.settings import get_settings
from tests.factories import make_user
from tests.payment_helpers import open_purchase, payment_event


def _paid(db, owner):  # type: ignore[no-untyped-def]
    purchase = open_purchase(db, owner)
    event = payment_event(purchase)
    event["data"]["object"]["payment_method"] = simulator.payment_method_object("4242424242424242")
    events.on_payment_succeeded(db, event["data"]["object"])
    return purchase


def _link(purchase_id: int, user_id: int, **kwargs) -> str:  # type: ignore[no-untyped-def]
    token = receipt_pdf.download_token(
        purchase_id=purchase_id, user_id=user_id, secret=get_settings().session_secret, **kwargs
    )
    return f"/api/receipts/{purchase_id}/pdf?token={token}"


def test_owner_downloads_a_pdf_with_card_buyer_and_seller(db):
    owner = make_user(db, name="Pat Buyer")
    purchase = _paid(db, owner)
    response = TestClient(api).get(_link(purchase.id, owner.id))
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/pdf"
    assert response.headers["content-disposition"].startswith("attachment;")
    assert response.headers["cache-control"] == "private, no-store"
    assert response.content.startswith(b"%PDF-")
    assert purchase.card_brand == "visa" and purchase.card_last4 == "4242"


def test_admin_may_download_anyones_receipt(db):
    purchase = _paid(db, make_user(db))
    admin = make_user(db, Role.ADMIN)
    assert TestClient(api).get(_link(purchase.id, admin.id)).status_code == 200


@pytest.mark.parametrize("case", ["stranger", "forged", "expired", "other_purchase", "bad_id"])
def test_anything_else_answers_404_like_a_missing_receipt(db, case):
    owner, stranger = make_user(db), make_user(db)
    purchase = _paid(db, owner)
    other = _paid(db, stranger)
    url = {
        "stranger": _link(purchase.id, stranger.id),
        "forged": _link(purchase.id, owner.id)[:-4] + "0000",
        "expired": _link(purchase.id, owner.id, now=time.time() - 3600),
        "other_purchase": _link(purchase.id, owner.id).replace(
            f"/receipts/{purchase.id}/", f"/receipts/{other.id}/"
        ),
        "bad_id": "/api/receipts/١٢/pdf?token=x",
    }[case]
    response = TestClient(api).get(url)
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"


def test_tokens_name_one_user_and_expire():
    token = receipt_pdf.download_token(purchase_id=7, user_id=3, secret="s" * 40, now=1000)
    assert receipt_pdf.token_user(token=token, purchase_id=7, secret="s" * 40, now=1100) == 3
    with pytest.raises(NotFound):
        receipt_pdf.token_user(token=token, purchase_id=7, secret="s" * 40, now=1000 + 301)
    with pytest.raises(NotFound):
        receipt_pdf.token_user(token=token, purchase_id=8, secret="s" * 40, now=1100)
    with pytest.raises(NotFound):
        receipt_pdf.token_user(token="4." + token.split(".", 1)[1], purchase_id=7, secret="s" * 40)


@pytest.mark.parametrize("lang", ["en", "pt", "es"])
def test_pdf_renders_every_language_with_core_fonts(lang):
    from datetime import UTC, datetime

    from castyou.services.payments.checkout import Receipt

    receipt = Receipt(
        purchase_id=1,
        number="CT-00000001",
        date=datetime(2026, 12, 5, 10, 30, tzinfo=UTC),
        bundle_name="Popular",
        amount_cents=1_299,
        currency="USD",
        stars=1_650,
        payment_id="pi_123",
        status="REFUNDED",
        refunded_cents=500,
        refunded_stars=636,
        buyer_name="Zoë Ñandú",
        buyer_email="zoe@example.test",
        card_brand="visa",
        card_last4="4242",
    )
    merchant = receipt_pdf.Merchant("CasTyou", "Rua Augusta 1, Lisboa", "billing@castyou.test")
    body = receipt_pdf.render(receipt, merchant, lang)
    assert body.startswith(b"%PDF-") and len(body) > 1_000
    assert receipt_pdf.card_label(receipt) == "Visa •••• 4242"
