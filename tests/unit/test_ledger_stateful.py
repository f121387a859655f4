"""Random award/spend/refund/purchase/reversal sequences against a plain Python model.

After every step the real ledger must agree with the model and keep its invariants:
balance >= 0, sum of deltas == wallet balance, an unbroken running-balance chain,
and lifetime stars as bought + earned minus reversed purchases.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    Bundle,
    RuleBasedStateMachine,
    invariant,
    rule,
    run_state_machine_as_test,
)
from sqlmodel import Session

from castyou.services.castars import earning, ledger
from castyou.services.castars.earn_rules import EARN_RULES
from castyou.services.castars.reconcile import run_audit
from castyou.services.errors import InsufficientBalance
from tests.factories import make_user
from tests.ledger_checks import assert_ledger_consistent

SUBJECTS = st.sampled_from(["a", "b", "c"])
PAYMENTS = st.sampled_from(["pi_1", "pi_2", "pi_3", "pi_4"])


@dataclass
class Model:
    balance: int = 0
    lifetime: int = 0
    awarded: set[tuple[str, str]] = field(default_factory=set)
    purchases: dict[str, int] = field(default_factory=dict)
    refunded_spends: set[int] = field(default_factory=set)
    reversed: set[str] = field(default_factory=set)


def ledger_machine(db: Session) -> type[RuleBasedStateMachine]:
    class LedgerMachine(RuleBasedStateMachine):
        spends = Bundle("spends")

        def __init__(self) -> None:
            super().__init__()
            user = make_user(db)
            assert user.id is not None
            self.user_id = user.id
            self.model = Model()

        @rule(name=st.sampled_from(["hired", "application_submitted"]), subject=SUBJECTS)
        def award(self, name: str, subject: str) -> None:
            result = earning.award_stars(  # subjects per machine: hired caps each per day
                session=db, user_id=self.user_id, rule=name, subject_id=f"{self.user_id}-{subject}"
            )
            rule = EARN_RULES[name]
            paid_today = sum(1 for done, _ in self.model.awarded if done == name)
            capped = rule.daily_cap is not None and paid_today >= rule.daily_cap
            repeat = (name, subject) in self.model.awarded
            expected = 0 if repeat or capped else rule.stars
            assert result.awarded == expected
            if expected:
                self.model.awarded.add((name, subject))
                self.model.balance += expected
                self.model.lifetime += expected

        @rule(target=spends, amount=st.integers(1, 400))
        def spend(self, amount: int) -> tuple[int, int]:
            try:
                entry = ledger.spend_stars(
                    session=db, user_id=self.user_id, amount=amount, reason="spend"
                )
            except InsufficientBalance as error:
                assert amount > self.model.balance
                assert error.params["needed"] == amount - self.model.balance
                return (0, 0)
            assert amount <= self.model.balance
            self.model.balance -= amount
            assert entry.id is not None
            return (entry.id, amount)

        @rule(spend=spends)
        def refund_spend(self, spend: tuple[int, int]) -> None:
            entry_id, amount = spend
            if not entry_id:
                return
            posting = ledger.refund_spend(session=db, spend_entry_id=entry_id, reason="refund")
            assert posting.created == (entry_id not in self.model.refunded_spends)
            if posting.created:
                self.model.refunded_spends.add(entry_id)
                self.model.balance += amount

        @rule(payment_id=PAYMENTS, stars=st.integers(1, 700))
        def credit_purchase(self, payment_id: str, stars: int) -> None:
            posting = ledger.credit_purchase(
                session=db,
                user_id=self.user_id,
                stars=stars,
                payment_id=f"{payment_id}_u{self.user_id}",
                reason="buy",
            )
            assert posting.created == (payment_id not in self.model.purchases)
            if posting.created:
                self.model.purchases[payment_id] = stars
                self.model.balance += stars
                self.model.lifetime += stars

        @rule(payment_id=PAYMENTS)
        def reverse_purchase(self, payment_id: str) -> None:
            stars = self.model.purchases.get(payment_id)
            if stars is None:
                return
            reversal = ledger.reverse_purchase(
                session=db,
                user_id=self.user_id,
                stars=stars,
                refund_id=f"re_{payment_id}_u{self.user_id}",
                reason="chargeback",
            )
            if payment_id in self.model.reversed:
                assert reversal.created is False
                return
            debit = min(stars, self.model.balance)
            assert (reversal.debited, reversal.shortfall) == (debit, stars - debit)
            self.model.reversed.add(payment_id)
            self.model.balance -= debit
            self.model.lifetime = max(self.model.lifetime - stars, 0)

        @invariant()
        def agrees_with_the_model(self) -> None:
            balance = ledger.get_balance(session=db, user_id=self.user_id)
            assert balance.balance == self.model.balance >= 0
            assert balance.lifetime_stars == self.model.lifetime
            assert_ledger_consistent(db, self.user_id)

        def teardown(self) -> None:
            assert run_audit(session=db).clean

    return LedgerMachine


def test_random_ledger_sequences_keep_every_invariant(db):
    machine = ledger_machine(db)
    run_state_machine_as_test(
        machine,
        settings=settings(
            max_examples=30,
            stateful_step_count=25,
            deadline=None,
            suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
            database=None,
        ),
    )
