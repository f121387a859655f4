"""Probing by id and edge input: another user's row looks exactly like a missing one, and
odd numbers ('²', > 2**63, 10**20) answer the translated invalid message and change nothing."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient

from castyou.api.app import api
from castyou.models.admin import AdminPromotion, PromotionStatus
from castyou.models.user import Role
from castyou.services.errors import NotFound
from castyou.services.payments import checkout, events, receipt_pdf
from castyou.settings import get_settings
from castyou.state.admin.grants import AdminGrantsState
from castyou.state.admin.promotions import AdminPromotionsState
from castyou.state.admin.purchases import AdminPurchasesState
from castyou.state.castars.receipt import ReceiptState
from castyou.state.castars.store import StoreState
from castyou.state.concierge import ConciergeState
from tests.casting_factories import make_talent
from tests.concierge_helpers import submit
from tests.factories import login_token, make_user
from tests.payment_helpers import open_purchase, payment_event
from tests.state.admin_matrix import db_snapshot
from tests.state_helpers import call, new_state, rendered, visit

HUGE = ("²", 2**63, str(2**63), 2**70, 10**20, -1, "1e3", True)
INVALID = "Enter a positive whole number."
TRANSLATED_INVALID = {"Invalid input.", "Grant from 1 to 1,000,000 CasTars."}


def _toasts(result) -> list[str]:
    """The toast texts of a handler's result (its events' reprs carry object addresses)."""
    return list(
        dict.fromkeys(
            re.findall(r'\["(?:error|success|info)"\]\("((?:[^"\\]|\\.)*)"', rendered(result))
        )
    )


def _paid(db, owner):
    purchase = open_purchase(db, owner)
    events.on_payment_succeeded(db, payment_event(purchase)["data"]["object"])
    return purchase


def _error(call_it) -> tuple[str, dict]:
    with pytest.raises(NotFound) as caught:
        call_it()
    return caught.value.code, caught.value.params


def test_another_users_receipt_is_refused_exactly_like_a_missing_one(db):
    owner, stranger = make_user(db), make_user(db)
    purchase = _paid(db, owner)

    def receipt(purchase_id: int):
        return lambda: checkout.get_receipt(
            session=db, viewer_id=stranger.id, viewer_is_admin=False, purchase_id=purchase_id
        )

    assert _error(receipt(purchase.id)) == _error(receipt(purchase.id + 1000))
    seen = []
    for purchase_id in (purchase.id, purchase.id + 1000):
        state = new_state(ReceiptState, login_token(db, stranger))
        visit(state, f"/castars/receipts/{purchase_id}")
        call(state, "load")
        seen.append((state.status, _toasts(call(state, "download_pdf"))))
    assert seen[0] == seen[1] and seen[0][0] == "not_found"
    secret = get_settings().session_secret
    bodies = []
    for purchase_id in (purchase.id, purchase.id + 1000):
        token = receipt_pdf.download_token(
            purchase_id=purchase_id, user_id=stranger.id, secret=secret
        )
        response = TestClient(api).get(f"/api/receipts/{purchase_id}/pdf?token={token}")
        bodies.append((response.status_code, response.content))
    assert bodies[0] == bodies[1] and bodies[0][0] == 404


def test_another_users_concierge_request_is_refused_like_a_missing_one(db):
    owner, stranger = make_user(db), make_user(db)
    request = submit(db, owner)
    state = new_state(ConciergeState, login_token(db, stranger))
    theirs = [_toasts(call(state, name, request.id)) for name in ("cancel", "toggle_thread")]
    missing = [
        _toasts(call(state, name, request.id + 1000)) for name in ("cancel", "toggle_thread")
    ]
    assert theirs == missing and theirs[0] == ["This request does not exist."]


def test_concierge_cancel_of_huge_ids_is_invalid_and_changes_nothing(db):
    owner = make_user(db)
    submit(db, owner)
    state = new_state(ConciergeState, login_token(db, owner))
    before = db_snapshot(db)
    for odd in HUGE:
        assert "invalid" in rendered(call(state, "cancel", odd)).lower() or INVALID in rendered(
            call(state, "cancel", odd)
        ), odd
    assert db_snapshot(db) == before


def test_admin_handlers_refuse_superscripts_and_huge_numbers(db):
    admin, other, talent = make_user(db, Role.ADMIN), make_user(db, Role.ADMIN), make_talent(db)
    db.add(
        AdminPromotion(user_id=talent.id, requested_by_id=other.id, status=PromotionStatus.PENDING)
    )
    db.commit()
    token = login_token(db, admin)
    grants_tab = new_state(AdminGrantsState, token)
    promotions_tab = new_state(AdminPromotionsState, token)
    purchases_tab = new_state(AdminPurchasesState, token)
    before = db_snapshot(db)
    for odd in HUGE:
        text = str(odd)
        for result in (
            call(grants_tab, "grant", {"user_id": text, "amount": "25", "reason": "x"}),
            call(grants_tab, "grant", {"user_id": str(talent.id), "amount": text, "reason": "x"}),
            call(grants_tab, "approve", odd),
            call(promotions_tab, "approve_promotion", odd),
            call(promotions_tab, "reject_promotion", odd),
            call(purchases_tab, "ask_refund", odd),
        ):
            [text] = _toasts(result)
            assert text.startswith("Enter") or text in TRANSLATED_INVALID, (odd, text)
    assert db_snapshot(db) == before


def test_store_handlers_refuse_odd_features_and_keys(db):
    talent = make_talent(db)
    state = new_state(StoreState, login_token(db, talent))
    call(state, "load")
    before = db_snapshot(db)
    for odd in HUGE:
        assert "does not exist" in rendered(call(state, "ask_confirm", odd)), odd
        if not str(odd).isalnum():  # a digit string is a well-formed click key
            assert "expired" in rendered(call(state, "activate", "PROFILE_BOOST", odd)), odd
    assert db_snapshot(db) == before
