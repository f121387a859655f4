"""The sign-up form under the earning limits: throttled per address, referrals pending."""

from __future__ import annotations

from sqlmodel import func, select

from castyou.models.referral import SignupAttempt
from castyou.models.user import User
from castyou.services.castars import ledger
from castyou.settings import get_settings
from castyou.state.auth import AuthFormState
from tests.factories import PASSWORD, make_user
from tests.state_helpers import call, new_state


def _sign_up(n: int, *, lang: str = "en", code: str = "") -> AuthFormState:
    state = new_state(AuthFormState)
    state.ui_lang = lang
    form = {
        "email": f"crowd{n}@example.test",
        "password": PASSWORD,
        "display_name": f"Crowd {n}",
        "role": "TALENT",
        "referral_code": code,
    }
    call(state, "sign_up", form)
    return state


def test_the_sixth_sign_up_from_one_address_is_refused_under_the_form(db):
    referrer = make_user(db)
    limit = get_settings().signups_per_address_per_hour
    for n in range(limit):
        state = _sign_up(n, code=referrer.referral_code)
        assert state.auth_token and state.form_error == ""
    refused = _sign_up(limit, code=referrer.referral_code)
    assert refused.auth_token == ""
    assert refused.form_error == (
        "Too many new accounts from this network. Try again in 60 minutes."
    )
    in_portuguese = _sign_up(limit + 1, lang="pt")
    assert in_portuguese.form_error == (
        "Contas novas demais a partir desta rede. Tente novamente em 60 minutos."
    )
    db.expire_all()
    assert db.exec(select(func.count()).select_from(User)).one() == limit + 1  # + referrer
    assert db.exec(select(func.count()).select_from(SignupAttempt)).one() == limit
    assert ledger.get_balance(session=db, user_id=referrer.id).balance == 0  # all pending
