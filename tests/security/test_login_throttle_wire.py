"""Login lock-out by address: the attacker waits longer and longer, the owner does not.

Ten wrong passwords for one account from one address; the right password from
another address still succeeds at once, while the attacker's address is refused
with a wait that grows. Addresses travel in ``X-Forwarded-For``, which the server
trusts for one proxy hop (``CASTYOU_TRUSTED_PROXY_HOPS=1`` in the suite's server).
Runs last in the suite: failed logins may lock 127.0.0.1 out.
"""

from __future__ import annotations

import re
import time

from castyou.i18n import t
from castyou.models.user import Role
from castyou.services.demo import DEMO_PASSWORD
from tests.security.wire import Server, answer_var, demo_email, forwarded_for, log_in, run

ATTACKER = "203.0.113.66"
OWNER = "198.51.100.77"
UNIT_SECONDS = {"s": 1, "sec": 1, "second": 1, "min": 60, "minute": 60, "h": 3600, "hour": 3600}
WAIT = re.compile(r"(\d+)\s*(seconds?|secs?|s\b|minutes?|mins?|hours?|h\b)?", re.IGNORECASE)


def _wait_seconds(message: str) -> int | None:
    """The wait a refusal names, in seconds (None when it names none)."""
    match = WAIT.search(message)
    if not match:
        return None
    unit = (match.group(2) or "s").lower().rstrip("s") or "s"
    return int(match.group(1)) * UNIT_SECONDS.get(unit, 1)


def _attempt(server: Server, email: str, password: str, address: str) -> tuple[bool, str]:
    credential, answer = run(log_in(server, email, password, forwarded_for(address)))
    return credential is not None, str(answer_var(answer, "form_error") or "")


def test_the_owner_gets_in_while_the_attackers_waits_grow(server: Server):
    """The attacker waits out each delay and guesses again: every wait is longer.

    Refused attempts are not counted (they check no password), so only guesses made
    after waiting grow the delay.
    """
    email = demo_email(Role.PRODUCER.value)
    wrong = t("auth.bad_credentials", "en")
    waits: list[int] = []
    guesses = 0
    while len(waits) < 3:
        ok, message = _attempt(server, email, "wrong-password", ATTACKER)
        assert not ok
        if message == wrong:
            guesses += 1
            assert guesses <= 10, "ten wrong guesses and still no delay"
            continue
        wait = _wait_seconds(message)
        assert wait is not None, message
        waits.append(wait)
        time.sleep(wait + 0.3)
    assert waits == sorted(waits) and waits[-1] > waits[0], waits

    owner_ok, owner_message = _attempt(server, email, DEMO_PASSWORD, OWNER)
    assert owner_ok, owner_message

    # The last wait has run out: one more wrong guess counts and starts a longer delay,
    # during which even the right password from the attacker's address is refused.
    ok, message = _attempt(server, email, "wrong-password", ATTACKER)
    assert not ok and message == wrong, message
    ok, message = _attempt(server, email, DEMO_PASSWORD, ATTACKER)
    assert not ok, "the attacker's address got in before its delay ran out"
    assert _wait_seconds(message) is not None, message
