"""The ledger, as accounting scenarios: every change once, balances never negative."""

from __future__ import annotations

import pytest
from sqlalchemy.exc import IntegrityError
from sqlmodel import select

from castyou.models.ledger import LedgerEntry, Source, Wallet
from castyou.models.notification import Notification
from castyou.services.castars import ledger
from castyou.services.errors import Conflict, InsufficientBalance, InvalidInput, NotFound
from tests.factories import fund, make_user
from tests.ledger_checks import assert_ledger_consistent


def test_new_user_has_zero_balance(db):
    user = make_user(db)
    assert ledger.get_balance(session=db, user_id=user.id) == ledger.Balance(0, 0)


def test_purchase_then_spend_keeps_running_balance(db):
    user = make_user(db)
    posting = ledger.credit_purchase(
        session=db, user_id=user.id, stars=1650, payment_id="pi_1", reason="Bundle"
    )
    assert posting.created and posting.entry.balance == 1650
    spend = ledger.spend_stars(session=db, user_id=user.id, amount=200, reason="Boost")
    assert spend.delta == -200 and spend.balance == 1450 and spend.source == Source.SPENT
    assert ledger.get_balance(session=db, user_id=user.id) == ledger.Balance(1450, 1650)
    assert_ledger_consistent(db, user.id)


def test_duplicate_purchase_credit_pays_once(db):
    user = make_user(db)
    first = ledger.credit_purchase(
        session=db, user_id=user.id, stars=500, payment_id="pi_x", reason="B"
    )
    again = ledger.credit_purchase(
        session=db, user_id=user.id, stars=500, payment_id="pi_x", reason="B"
    )
    assert again.created is False and again.entry.id == first.entry.id
    assert ledger.get_balance(session=db, user_id=user.id).balance == 500


def test_a_payment_id_cannot_credit_two_users(db):
    alice, bob = make_user(db), make_user(db)
    ledger.credit_purchase(session=db, user_id=alice.id, stars=500, payment_id="pi_s", reason="B")
    with pytest.raises(Conflict):
        ledger.credit_purchase(session=db, user_id=bob.id, stars=500, payment_id="pi_s", reason="B")
    assert ledger.get_balance(session=db, user_id=bob.id).balance == 0


def test_insufficient_balance_changes_nothing(db):
    user = make_user(db)
    fund(db, user, 100)
    with pytest.raises(InsufficientBalance) as error:
        ledger.spend_stars(session=db, user_id=user.id, amount=150, reason="Too much")
    assert error.value.params == {"needed": 50}
    assert ledger.get_balance(session=db, user_id=user.id).balance == 100
    assert len(db.exec(select(LedgerEntry)).all()) == 1


@pytest.mark.parametrize("amount", [0, -5, 1.5, "10", True, ledger.MAX_AMOUNT + 1])
def test_amounts_must_be_positive_integers_within_bounds(db, amount):
    user = make_user(db)
    fund(db, user, 100)
    with pytest.raises(InvalidInput):
        ledger.spend_stars(session=db, user_id=user.id, amount=amount, reason="x")
    with pytest.raises(InvalidInput):
        ledger.grant_stars(session=db, user_id=user.id, amount=amount, reason="x", key="k")
    assert ledger.get_balance(session=db, user_id=user.id).balance == 100


def test_unknown_user_is_refused(db):
    with pytest.raises(NotFound):
        ledger.grant_stars(session=db, user_id=999_999, amount=5, reason="x", key="k")


def test_refund_spend_gives_back_once_and_keeps_lifetime(db):
    user = make_user(db)
    fund(db, user, 300)
    spend = ledger.spend_stars(session=db, user_id=user.id, amount=200, reason="Concierge")
    first = ledger.refund_spend(session=db, spend_entry_id=spend.id, reason="Cancelled")
    again = ledger.refund_spend(session=db, spend_entry_id=spend.id, reason="Cancelled")
    assert first.created and first.entry.delta == 200 and first.entry.source == Source.REFUNDED
    assert again.created is False
    assert ledger.get_balance(session=db, user_id=user.id) == ledger.Balance(300, 300)
    assert_ledger_consistent(db, user.id)


def test_refund_spend_refuses_non_spend_entries(db):
    user = make_user(db)
    posting = ledger.credit_purchase(
        session=db, user_id=user.id, stars=5, payment_id="pi", reason="b"
    )
    with pytest.raises(NotFound):
        ledger.refund_spend(session=db, spend_entry_id=posting.entry.id, reason="x")


def test_reverse_purchase_is_capped_at_balance_and_lowers_lifetime(db):
    user = make_user(db)
    ledger.credit_purchase(session=db, user_id=user.id, stars=1000, payment_id="pi_r", reason="b")
    ledger.spend_stars(session=db, user_id=user.id, amount=700, reason="spent")
    reversal = ledger.reverse_purchase(
        session=db, user_id=user.id, stars=1000, refund_id="re_1", reason="Card refund"
    )
    assert (reversal.debited, reversal.shortfall) == (300, 700)
    assert ledger.get_balance(session=db, user_id=user.id) == ledger.Balance(0, 0)
    again = ledger.reverse_purchase(
        session=db, user_id=user.id, stars=1000, refund_id="re_1", reason="Card refund"
    )
    assert again.created is False and again.debited == 300
    assert ledger.get_balance(session=db, user_id=user.id) == ledger.Balance(0, 0)
    assert_ledger_consistent(db, user.id)


def test_a_reversal_that_debits_nothing_still_applies_only_once(db):
    """Found by the stateful test: with nothing to debit, a repeat used to apply again."""
    user = make_user(db)
    ledger.credit_purchase(session=db, user_id=user.id, stars=500, payment_id="pi_z", reason="b")
    ledger.credit_purchase(session=db, user_id=user.id, stars=300, payment_id="pi_y", reason="b")
    ledger.spend_stars(session=db, user_id=user.id, amount=800, reason="spent")
    first = ledger.reverse_purchase(
        session=db, user_id=user.id, stars=500, refund_id="re_z", reason="Card refund"
    )
    assert (first.entry, first.debited, first.shortfall, first.created) == (None, 0, 500, True)
    assert ledger.get_balance(session=db, user_id=user.id) == ledger.Balance(0, 300)
    ledger.grant_stars(session=db, user_id=user.id, amount=200, reason="gift", key="g-1")
    again = ledger.reverse_purchase(
        session=db, user_id=user.id, stars=500, refund_id="re_z", reason="Card refund"
    )
    assert (again.debited, again.shortfall, again.created) == (0, 500, False)
    assert ledger.get_balance(session=db, user_id=user.id) == ledger.Balance(200, 500)
    assert_ledger_consistent(db, user.id)


def test_bounty_milestone_notifies_once_even_after_refund_and_rebuy(db):
    user = make_user(db)
    ledger.credit_purchase(session=db, user_id=user.id, stars=600, payment_id="pi_a", reason="b")
    ledger.reverse_purchase(session=db, user_id=user.id, stars=600, refund_id="re_a", reason="r")
    ledger.credit_purchase(session=db, user_id=user.id, stars=600, payment_id="pi_b", reason="b")
    notes = db.exec(select(Notification).where(Notification.kind == "bounty_unlocked")).all()
    assert [note.params for note in notes] == [{"milestone": 500}]


def test_history_pages_newest_first_with_cursor(db):
    user = make_user(db)
    for n in range(5):
        fund(db, user, n + 1)
    page = ledger.history(session=db, user_id=user.id, first=2)
    assert [entry.delta for entry in page.items] == [5, 4]
    page2 = ledger.history(session=db, user_id=user.id, first=2, after=page.next_cursor)
    page3 = ledger.history(session=db, user_id=user.id, first=2, after=page2.next_cursor)
    assert [entry.delta for entry in page2.items] == [3, 2]
    assert [entry.delta for entry in page3.items] == [1] and page3.next_cursor is None
    with pytest.raises(InvalidInput):
        ledger.history(session=db, user_id=user.id, after="garbage!")
    with pytest.raises(InvalidInput):
        ledger.history(session=db, user_id=user.id, first=0)


def test_history_never_shows_another_users_entries(db):
    alice, bob = make_user(db), make_user(db)
    fund(db, alice, 10)
    fund(db, bob, 20)
    assert [entry.delta for entry in ledger.history(session=db, user_id=bob.id).items] == [20]


def test_database_refuses_negative_wallet_balance(db):
    user = make_user(db)
    fund(db, user, 10)
    wallet = db.get(Wallet, user.id)
    wallet.balance = -1
    db.add(wallet)
    with pytest.raises(IntegrityError):
        db.commit()
    db.rollback()


def test_database_refuses_duplicate_source_key(db):
    user = make_user(db)
    ledger.credit_purchase(session=db, user_id=user.id, stars=5, payment_id="pi_dup", reason="b")
    db.add(
        LedgerEntry(
            user_id=user.id,
            delta=5,
            reason="b",
            source=Source.PURCHASED,
            idem_key="purchase:pi_dup",
            balance=10,
        )
    )
    with pytest.raises(IntegrityError):
        db.commit()
    db.rollback()
