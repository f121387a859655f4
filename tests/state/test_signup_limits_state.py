"""The sign-up form under the earning limits: throttled per address, referrals pending."""

from __future__ import annotations

from sqlmodel import func, select

from castyou.models.referral import SignupAttempt
from castyou.models.user import Role, User
from castyou.services.castars import ledger
from castyou.services.casting import profiles
from castyou.settings import get_settings
from castyou.state.auth import AuthFormState
from castyou.state.home import HomeState
from tests.casting_factories import BASICS, make_application, make_job
from tests.factories import PASSWORD, login_token, make_user
from tests.ledger_checks import assert_ledger_consistent
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


def make_talent_profile(db, user: User) -> User:  # type: ignore[no-untyped-def]
    assert user.id is not None
    profiles.save_talent_section(session=db, user_id=user.id, section="basics", data=BASICS)
    return user


def test_the_sixth_sign_up_from_one_address_is_refused_under_the_form(db):
    referrer = make_user(db)
    limit = get_settings().signups_per_address_per_hour
    for n in range(limit):
        state = _sign_up(n, code=referrer.referral_code)
        assert state.form_error == ""
    refused = _sign_up(limit, code=referrer.referral_code)
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


def test_the_referrers_home_says_which_referrals_are_paid_waiting_or_over_the_limit(db):
    referrer, producer = make_user(db), make_user(db, Role.PRODUCER)
    job = make_job(db, producer)
    for n in range(2):
        _sign_up(n, code=referrer.referral_code)
    home = new_state(HomeState, login_token(db, referrer))
    call(home, "load")
    assert home.referrals_text == (
        "Referrals: 0 paid, 2 waiting for first steps, 0 over the monthly limit (not paid)."
    )
    first = db.exec(select(User).where(User.email == "crowd0@example.test")).one()
    make_application(db, make_talent_profile(db, first), job)
    call(home, "load")
    assert home.referrals_text.startswith("Referrals: 1 paid, 1 waiting")
    assert ledger.get_balance(session=db, user_id=referrer.id).balance == 100
    assert_ledger_consistent(db, referrer.id)
