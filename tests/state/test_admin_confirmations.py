"""Admin Users tab promotions and the Purchases tab refund dialog, called as any client could."""

from __future__ import annotations

from castyou.models.user import Role, User
from castyou.services.payments import events
from castyou.state.admin.promotions import AdminPromotionsState
from castyou.state.admin.purchases import AdminPurchasesState
from castyou.state.admin.users import AdminUsersState, UserCard
from tests.factories import login_token, make_user
from tests.payment_helpers import open_purchase, payment_event
from tests.state_helpers import call, new_state, rendered


def test_promoting_asks_a_second_admin_who_approves_in_the_users_tab(db):
    first, second, talent = make_user(db, Role.ADMIN), make_user(db, Role.ADMIN), make_user(db)
    users = new_state(AdminUsersState, login_token(db, first))
    users.selected = UserCard(id=talent.id)
    assert "another admin must approve it" in rendered(call(users, "change_role", "ADMIN"))
    db.expire_all()
    assert db.get(User, talent.id).role == Role.TALENT

    mine = new_state(AdminPromotionsState, login_token(db, first))
    call(mine, "load")
    [row] = mine.promotion_rows
    assert row.can_decide is False and "<" in row.user
    assert "Another admin" in rendered(call(mine, "approve_promotion", row.id))

    theirs = new_state(AdminPromotionsState, login_token(db, second))
    call(theirs, "load")
    assert theirs.promotion_rows[0].can_decide is True
    assert "now an admin" in rendered(call(theirs, "approve_promotion", row.id))
    assert theirs.promotion_rows == []
    db.expire_all()
    assert db.get(User, talent.id).role == Role.ADMIN


def test_refund_dialog_opens_with_what_is_left_and_a_fresh_key(db):
    admin, buyer = make_user(db, Role.ADMIN), make_user(db)
    purchase = open_purchase(db, buyer, "popular")
    events.on_payment_succeeded(db, payment_event(purchase)["data"]["object"])
    state = new_state(AdminPurchasesState, login_token(db, admin))
    call(state, "ask_refund", str(purchase.id))
    dialog = state.refund_dialog
    assert (dialog.purchase_id, dialog.left, dialog.max_amount) == (purchase.id, "$12.99", "12.99")
    first_key = dialog.click_key
    call(state, "close_refund")
    assert state.refund_dialog.purchase_id == 0
    call(state, "ask_refund", str(purchase.id))
    assert state.refund_dialog.click_key != first_key
    form = {"purchase_id": str(purchase.id), "idempotency_key": first_key}
    for amount, reason, expected in (
        ("13.00", "r", "Enter an amount between"),
        ("abc", "r", "Enter an amount between"),
        ("²", "r", "Enter an amount between"),
        ("1", "", "A reason is required"),
    ):
        result = rendered(call(state, "refund", {**form, "amount": amount, "reason": reason}))
        assert expected in result, (amount, reason)
