"""Referral farming over the wire: many sign-ups with one code from one address.

At most 5 sign-ups with one referral code are accepted per address and hour, and the
referrer is paid nothing until a referred account is real (profile basics filled in
and one job application sent).
"""

from __future__ import annotations

import httpx
from sqlalchemy import text
from sqlmodel import Session

from castyou.state.casting.jobs import JobsState
from castyou.state.casting.profile import ProfileState
from tests.security.wire import (
    API_KEY,
    Credential,
    Server,
    forwarded_for,
    full_name,
    new_account_form,
    open_tab,
    run,
    sign_up,
)

FARM_ADDRESS = "203.0.113.9"
SIGNUPS = 20
MAX_PER_HOUR = 5


def _balance(server: Server, user_id: int) -> int:
    with httpx.Client(base_url=f"{server.url}/api/v1", timeout=10) as api:
        response = api.get(
            f"/users/{user_id}/balance", headers={"Authorization": f"Bearer {API_KEY}"}
        )
    response.raise_for_status()
    return int(response.json()["balance"])


def _user_id(db: Session, email: str) -> int:
    db.rollback()  # a fresh snapshot: the server wrote since the last read
    return int(db.execute(text("SELECT id FROM users WHERE email = :e"), {"e": email}).scalar_one())


def _referrer(server: Server) -> tuple[Credential, str]:
    form = new_account_form("TALENT")
    credential, answer = run(sign_up(server, form, forwarded_for("198.51.100.20")))
    assert credential is not None, answer

    async def referral_code() -> str:
        tab = await open_tab(server, credential, path="/")
        try:
            return str(tab.var("viewer_referral_code") or "")
        finally:
            await tab.close()

    code = run(referral_code())
    assert code
    return credential, code


def test_one_address_gets_at_most_five_referred_sign_ups_an_hour(server: Server, db: Session):
    referrer, code = _referrer(server)
    accepted = 0
    for _ in range(SIGNUPS):
        form = new_account_form("TALENT", referral_code=code)
        credential, _answer = run(sign_up(server, form, forwarded_for(FARM_ADDRESS)))
        accepted += credential is not None
    assert 1 <= accepted <= MAX_PER_HOUR
    assert _balance(server, _user_id(db, referrer.email)) == 0


def test_the_referrer_is_paid_once_the_referred_account_is_real(server: Server, db: Session):
    referrer, code = _referrer(server)
    form = new_account_form("TALENT", referral_code=code)
    referred, answer = run(sign_up(server, form, forwarded_for("198.51.100.21")))
    assert referred is not None, answer
    referrer_id = _user_id(db, referrer.email)
    assert _balance(server, referrer_id) == 0
    job_id = db.execute(text("SELECT id FROM jobs ORDER BY id LIMIT 1")).scalar_one()

    async def become_real() -> None:
        tab = await open_tab(server, referred, path="/profile")
        try:
            basics = {
                "section": "basics",
                "headline": "Actor and dancer",
                "location": "Lisbon",
                "birth_year": "1995",
                "available_from": "2027-01-01",
            }
            await tab.answer(full_name(ProfileState, "save"), {"form": basics})
            application = {"job_id": str(job_id), "note": "I would love to audition."}
            await tab.answer(full_name(JobsState, "apply"), {"form": application}, path="/jobs")
        finally:
            await tab.close()

    run(become_real())
    referred_id = _user_id(db, referred.email)
    applied = "SELECT count(*) FROM applications WHERE talent_id = :u"
    assert db.execute(text(applied), {"u": referred_id}).scalar_one() == 1
    assert _balance(server, referrer_id) > 0
