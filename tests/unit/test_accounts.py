"""Accounts: sign up, log in, sessions, throttling, roles."""

from __future__ import annotations

import pytest
from sqlmodel import select

from castyou.clock import utcnow
from castyou.models.user import AuthSession, Role, User
from castyou.services import accounts
from castyou.services.errors import InvalidInput
from tests.factories import PASSWORD, make_user


def test_sign_up_hashes_password_and_gives_referral_code(db):
    user = accounts.sign_up(
        session=db,
        email=" Ana@Example.TEST ",
        password=PASSWORD,
        display_name="Ana",
        role="TALENT",
        client_address="203.0.113.7",
    )
    assert user.email == "ana@example.test"
    assert user.password_hash.startswith("$argon2")
    assert PASSWORD not in user.password_hash
    assert len(user.referral_code) == 8


def test_sign_up_never_grants_admin(db):
    with pytest.raises(InvalidInput) as error:
        accounts.sign_up(
            session=db,
            email="x@example.test",
            password=PASSWORD,
            display_name="X",
            role="ADMIN",
            client_address="203.0.113.7",
        )
    assert error.value.code == "auth.invalid_role"
    assert db.exec(select(User)).all() == []


@pytest.mark.parametrize(
    ("email", "password", "name", "code"),
    [
        ("not-an-email", PASSWORD, "Ana", "auth.invalid_email"),
        ("a@example.test", "short", "Ana", "auth.weak_password"),
        ("a@example.test", PASSWORD, " ", "auth.invalid_name"),
    ],
)
def test_sign_up_rejects_bad_input_and_changes_nothing(db, email, password, name, code):
    with pytest.raises(InvalidInput) as error:
        accounts.sign_up(
            session=db,
            email=email,
            password=password,
            display_name=name,
            role="TALENT",
            client_address="203.0.113.7",
        )
    assert error.value.code == code
    assert db.exec(select(User)).all() == []


def test_duplicate_email_is_refused(db):
    make_user(db, email="dup@example.test")
    with pytest.raises(InvalidInput) as error:
        make_user(db, email="DUP@example.test")
    assert error.value.code == "auth.email_taken"


def test_referral_code_links_referrer_and_unknown_code_is_refused(db):
    referrer = make_user(db)
    user = accounts.sign_up(
        session=db,
        client_address="203.0.113.7",
        email="new@example.test",
        password=PASSWORD,
        display_name="New",
        role="PRODUCER",
        referral_code=referrer.referral_code.lower(),
    )
    assert user.referred_by_id == referrer.id
    with pytest.raises(InvalidInput) as error:
        accounts.sign_up(
            session=db,
            client_address="203.0.113.7",
            email="new2@example.test",
            password=PASSWORD,
            display_name="New",
            role="PRODUCER",
            referral_code="NOPE1234",
        )
    assert error.value.code == "auth.unknown_referral"


def test_log_in_opens_an_opaque_session(db):
    user = make_user(db, email="login@example.test")
    result = accounts.log_in(
        session=db, email="login@example.test", password=PASSWORD, client_key="ip"
    )
    assert str(user.id) not in result.token or len(result.token) > 30
    stored = db.exec(select(AuthSession)).one()
    assert stored.token_hash != result.token
    assert accounts.user_for_token(session=db, token=result.token).id == user.id
    accounts.log_out(session=db, token=result.token)
    assert accounts.user_for_token(session=db, token=result.token) is None


def test_expired_session_resolves_to_nobody(db):
    user = make_user(db)
    token = accounts.open_session(session=db, user_id=user.id)
    row = db.exec(select(AuthSession)).one()
    row.expires_at = utcnow()
    db.add(row)
    db.commit()
    assert accounts.user_for_token(session=db, token=token) is None


def test_language_is_kept_on_the_account(db):
    user = make_user(db)
    accounts.set_language(session=db, user_id=user.id, language="pt")
    db.expire_all()
    assert db.get(User, user.id).language == "pt"
    with pytest.raises(InvalidInput):
        accounts.set_language(session=db, user_id=user.id, language="xx")


def test_create_user_cli_path_can_make_admins(db):
    admin = make_user(db, Role.ADMIN)
    assert admin.role == Role.ADMIN
