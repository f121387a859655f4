"""The login throttle slows a guesser down and never locks the owner out."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlmodel import Session, col, select

from castyou.models.user import LoginAttempt
from castyou.services import accounts, login_throttle
from castyou.services.errors import InvalidInput, RateLimited
from castyou.services.login_throttle import (
    FIRST_DELAY,
    FORGET_AFTER,
    FREE_FAILURES_PER_ACCOUNT,
    FREE_FAILURES_PER_ADDRESS,
    MAX_DELAY,
)
from tests.factories import PASSWORD, make_user

VICTIM = "victim@example.test"


def _time_passes(db: Session, delta: timedelta) -> None:
    """Every recorded failure happened ``delta`` earlier."""
    for attempt in db.exec(select(LoginAttempt)).all():
        attempt.created_at -= delta
        db.add(attempt)
    db.commit()


def _log_in(db: Session, password: str, address: str, email: str = VICTIM):
    return accounts.log_in(session=db, email=email, password=password, client_key=address)


def _fail(db: Session, address: str, email: str = VICTIM) -> None:
    with pytest.raises(InvalidInput) as error:
        _log_in(db, "wrong-guess", address, email)
    assert error.value.code == "auth.bad_credentials"


def _refused_for(db: Session, password: str, address: str, email: str = VICTIM) -> int:
    with pytest.raises(RateLimited) as error:
        _log_in(db, password, address, email)
    assert error.value.code == "auth.wait"
    return error.value.params["seconds"]


def test_delays_double_from_the_first_and_stop_at_the_ceiling():
    free = FREE_FAILURES_PER_ACCOUNT
    assert login_throttle.delay_after(free - 1, free=free) == timedelta(0)
    assert [login_throttle.delay_after(free + n, free=free) for n in range(4)] == [
        FIRST_DELAY * 1,
        FIRST_DELAY * 2,
        FIRST_DELAY * 4,
        FIRST_DELAY * 8,
    ]
    assert login_throttle.delay_after(free + 40, free=free) == MAX_DELAY
    assert login_throttle.delay_after(10**9, free=free) == MAX_DELAY


def test_an_attackers_delays_grow_and_each_wait_gives_one_more_guess(db):
    make_user(db, email=VICTIM)
    for _ in range(FREE_FAILURES_PER_ACCOUNT):
        _fail(db, "evil")
    waits = []
    for _ in range(4):
        waits.append(_refused_for(db, "wrong-guess", "evil"))
        _time_passes(db, timedelta(seconds=waits[-1]))
        _fail(db, "evil")
    assert waits == [1, 2, 4, 8]
    assert _refused_for(db, "wrong-guess", "evil") == 16


def test_the_owner_on_another_address_is_never_delayed_by_the_attacker(db):
    owner = make_user(db, email=VICTIM)
    for _ in range(FREE_FAILURES_PER_ACCOUNT):
        _fail(db, "evil")
    assert _refused_for(db, "wrong-guess", "evil") == 1
    assert _log_in(db, PASSWORD, "home").user.id == owner.id
    assert _refused_for(db, "wrong-guess", "evil") == 1


def test_the_right_password_after_the_longest_delay_works(db):
    owner = make_user(db, email=VICTIM)
    for _ in range(FREE_FAILURES_PER_ACCOUNT):
        _fail(db, "home")
    for _ in range(9):  # 2**9 s passes the ceiling; 45 min stays within FORGET_AFTER
        _time_passes(db, MAX_DELAY)
        _fail(db, "home")
    assert _refused_for(db, PASSWORD, "home") == MAX_DELAY.total_seconds()
    _time_passes(db, MAX_DELAY - timedelta(seconds=2))
    assert _refused_for(db, PASSWORD, "home") <= 2
    _time_passes(db, timedelta(seconds=2))
    assert _log_in(db, PASSWORD, "home").user.id == owner.id


def test_refused_attempts_are_not_counted(db):
    make_user(db, email=VICTIM)
    for _ in range(FREE_FAILURES_PER_ACCOUNT):
        _fail(db, "evil")
    for _ in range(5):
        assert _refused_for(db, "wrong-guess", "evil") == 1
    assert len(db.exec(select(LoginAttempt)).all()) == FREE_FAILURES_PER_ACCOUNT


def test_a_success_resets_that_address_on_that_account(db):
    make_user(db, email=VICTIM)
    for _ in range(FREE_FAILURES_PER_ACCOUNT):
        _fail(db, "home")
    _time_passes(db, FIRST_DELAY)
    _log_in(db, PASSWORD, "home")
    for _ in range(FREE_FAILURES_PER_ACCOUNT):
        _fail(db, "home")  # free again: no delay in between
    assert _refused_for(db, PASSWORD, "home") == 1


def test_old_failures_are_forgotten(db):
    make_user(db, email=VICTIM)
    for _ in range(FREE_FAILURES_PER_ACCOUNT + 3):
        _time_passes(db, MAX_DELAY)
        _fail(db, "evil")
    _time_passes(db, FORGET_AFTER)
    _fail(db, "evil")
    assert db.exec(select(LoginAttempt.client_key)).all() == ["evil"]


def test_credential_stuffing_from_one_address_is_slowed_not_locked(db):
    owner = make_user(db, email="real@example.test")
    for n in range(FREE_FAILURES_PER_ADDRESS):
        _fail(db, "bot", email=f"u{n}@example.test")
    assert _refused_for(db, PASSWORD, "bot", email="real@example.test") == 1
    assert _log_in(db, PASSWORD, "other", email="real@example.test").user.id == owner.id
    _time_passes(db, FIRST_DELAY)
    assert _log_in(db, PASSWORD, "bot", email="real@example.test").user.id == owner.id
    # Logging in to one's own account does not reset the address's failures elsewhere.
    _fail(db, "bot", email="u99@example.test")
    assert _refused_for(db, PASSWORD, "bot", email="real@example.test") == 2


def test_unknown_accounts_count_like_wrong_passwords(db):
    for _ in range(FREE_FAILURES_PER_ACCOUNT):
        _fail(db, "evil", email="nobody@example.test")
    assert _refused_for(db, "anything", "evil", email="nobody@example.test") == 1
    rows = db.exec(select(LoginAttempt).where(col(LoginAttempt.client_key) == "evil")).all()
    assert {row.email for row in rows} == {"nobody@example.test"}
