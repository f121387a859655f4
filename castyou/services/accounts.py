"""Accounts: sign up, log in with throttling, server-side sessions, language.

The browser holds only a random session token, in an ``HttpOnly`` cookie; the
database stores its HMAC, so neither the token nor a leaked table reveals or forges a
user id. Log in runs over the websocket, which cannot set that cookie: it hands the
page a one-time claim (:func:`issue_claim`) that ``POST /api/session`` trades for the
token (:func:`redeem_claim`).
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from http.cookies import CookieError, SimpleCookie
from urllib.parse import urlsplit

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerifyMismatchError
from sqlalchemy import delete, func, update
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from castyou.clock import utcnow
from castyou.db import transaction
from castyou.i18n import LANGUAGES
from castyou.models.user import AuthSession, LoginAttempt, Role, SessionClaim, User
from castyou.services.castars import earning
from castyou.services.errors import InvalidInput, NotAuthenticated, NotFound, RateLimited
from castyou.settings import get_settings

SESSION_LIFETIME = timedelta(days=14)
SESSION_COOKIE = "castyou_session"
CLAIM_LIFETIME = timedelta(seconds=60)
THROTTLE_WINDOW = timedelta(minutes=15)
MAX_FAILURES_PER_ACCOUNT = 5
MAX_FAILURES_PER_CLIENT = 20
MIN_PASSWORD_LENGTH = 8
EMAIL_MAX = 254
NAME_MAX = 80
REFERRAL_CODE_LENGTH = 8
SELF_SERVICE_ROLES = (Role.TALENT, Role.PRODUCER)
_EMAIL_RE = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_REFERRAL_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
_hasher = PasswordHasher()
# Verified against when the email is unknown, so both paths cost the same time.
_DUMMY_HASH = _hasher.hash("castyou-timing-equaliser")


@dataclass(frozen=True)
class LoginResult:
    user: User
    token: str


@dataclass(frozen=True)
class IssuedSession:
    """A session token for the browser's cookie and when the session ends."""

    token: str
    expires_at: datetime


def normalize_email(email: str) -> str:
    return (email or "").strip().lower()


def _token_hash(token: str) -> str:
    key = get_settings().session_secret.encode()
    return hmac.new(key, token.encode(), hashlib.sha256).hexdigest()


def _new_referral_code(session: Session) -> str:
    while True:
        code = "".join(secrets.choice(_REFERRAL_ALPHABET) for _ in range(REFERRAL_CODE_LENGTH))
        if session.exec(select(User.id).where(User.referral_code == code)).first() is None:
            return code


def _validate_new_user(email: str, password: str, display_name: str) -> None:
    if not _EMAIL_RE.match(email) or len(email) > EMAIL_MAX:
        raise InvalidInput("auth.invalid_email")
    if len(password or "") < MIN_PASSWORD_LENGTH:
        raise InvalidInput("auth.weak_password", min=MIN_PASSWORD_LENGTH)
    if not 2 <= len(display_name) <= NAME_MAX:
        raise InvalidInput("auth.invalid_name")


def create_user(
    *,
    session: Session,
    email: str,
    password: str,
    display_name: str,
    role: Role,
    referred_by_id: int | None = None,
    language: str = "en",
) -> User:
    """Create an account with any role. Only trusted callers (CLI, admins) pass ADMIN."""
    email = normalize_email(email)
    display_name = (display_name or "").strip()
    _validate_new_user(email, password, display_name)
    with transaction(session):
        if session.exec(select(User.id).where(User.email == email)).first() is not None:
            raise InvalidInput("auth.email_taken")
        user = User(
            email=email,
            display_name=display_name,
            password_hash=_hasher.hash(password),
            role=Role(role),
            language=language if language in LANGUAGES else "en",
            referral_code=_new_referral_code(session),
            referred_by_id=referred_by_id,
        )
        session.add(user)
        try:
            session.flush()
        except IntegrityError:
            raise InvalidInput("auth.email_taken") from None
        if referred_by_id is not None:
            earning.award_stars(
                session=session,
                user_id=referred_by_id,
                rule="referral_signup",
                subject_id=str(user.id),
            )
    return user


def sign_up(
    *,
    session: Session,
    email: str,
    password: str,
    display_name: str,
    role: str,
    referral_code: str | None = None,
    language: str = "en",
) -> User:
    """Self-service sign up: TALENT or PRODUCER only, optional referral code."""
    if role not in {r.value for r in SELF_SERVICE_ROLES}:
        raise InvalidInput("auth.invalid_role")
    referrer_id = None
    code = (referral_code or "").strip().upper()
    if code:
        referrer_id = session.exec(select(User.id).where(User.referral_code == code)).first()
        if referrer_id is None:
            raise InvalidInput("auth.unknown_referral")
    return create_user(
        session=session,
        email=email,
        password=password,
        display_name=display_name,
        role=Role(role),
        referred_by_id=referrer_id,
        language=language,
    )


def _check_throttle(session: Session, email: str, client_key: str) -> None:
    since = utcnow() - THROTTLE_WINDOW
    per_account = session.exec(
        select(func.count()).where(LoginAttempt.email == email, LoginAttempt.created_at > since)
    ).one()
    per_client = session.exec(
        select(func.count()).where(
            LoginAttempt.client_key == client_key, LoginAttempt.created_at > since
        )
    ).one()
    if per_account >= MAX_FAILURES_PER_ACCOUNT or per_client >= MAX_FAILURES_PER_CLIENT:
        raise RateLimited(minutes=int(THROTTLE_WINDOW.total_seconds() // 60))


def log_in(*, session: Session, email: str, password: str, client_key: str) -> LoginResult:
    """Check credentials (throttled per account and per client) and open a session."""
    email = normalize_email(email)
    client_key = (client_key or "unknown")[:64]
    _check_throttle(session, email, client_key)
    user = session.exec(select(User).where(User.email == email)).first()
    try:
        _hasher.verify(user.password_hash if user else _DUMMY_HASH, password or "")
        ok = user is not None
    except (VerifyMismatchError, InvalidHashError):
        ok = False
    if not ok or user is None:
        with transaction(session):
            session.add(LoginAttempt(email=email, client_key=client_key))
        raise InvalidInput("auth.bad_credentials")
    assert user.id is not None
    token = secrets.token_urlsafe(32)
    with transaction(session):
        session.execute(delete(LoginAttempt).where(col(LoginAttempt.email) == email))
        session.add(
            AuthSession(
                token_hash=_token_hash(token),
                user_id=user.id,
                expires_at=utcnow() + SESSION_LIFETIME,
            )
        )
    return LoginResult(user=user, token=token)


def open_session(*, session: Session, user_id: int) -> str:
    """Start a session for a user who just signed up; returns the browser token."""
    token = secrets.token_urlsafe(32)
    with transaction(session):
        session.add(
            AuthSession(
                token_hash=_token_hash(token),
                user_id=user_id,
                expires_at=utcnow() + SESSION_LIFETIME,
            )
        )
    return token


def user_for_token(*, session: Session, token: str | None) -> User | None:
    """The user behind a live session token, or None when missing or expired."""
    if not token:
        return None
    return session.exec(
        select(User)
        .join(AuthSession, AuthSession.user_id == User.id)  # type: ignore[arg-type]
        .where(AuthSession.token_hash == _token_hash(token), AuthSession.expires_at > utcnow())
    ).first()


def log_out(*, session: Session, token: str | None) -> None:
    """End the session behind ``token`` (no-op when it does not exist)."""
    if not token:
        return
    with transaction(session):
        session.execute(
            delete(AuthSession).where(col(AuthSession.token_hash) == _token_hash(token))
        )


def cookie_token(cookie_header: str) -> str:
    """The session token in an HTTP ``Cookie`` header ("" when there is none)."""
    if SESSION_COOKIE not in cookie_header:
        return ""
    cookies: SimpleCookie = SimpleCookie()
    for part in cookie_header.split(";"):
        # One at a time: another cookie the parser rejects must not hide this one.
        try:
            cookies.load(part.strip())
        except CookieError:
            continue
    morsel = cookies.get(SESSION_COOKIE)
    return morsel.value if morsel else ""


def trusted_origin(origin: str, host: str) -> bool:
    """Whether a request with ``Origin: origin`` sent to ``Host: host`` comes from the app.

    The app's origin is ``CASTYOU_PUBLIC_URL``'s, or the host the request was sent to
    (a proxy may pass it on without the port, hence the public URL).
    """
    public = urlsplit(get_settings().public_url)
    if origin == f"{public.scheme}://{public.netloc}":
        return True
    return bool(origin) and urlsplit(origin).netloc == host


def _claim_hash(claim: str) -> str:
    return _token_hash("claim:" + claim)


def issue_claim(*, session: Session, token: str) -> str:
    """A one-time claim, valid for :data:`CLAIM_LIFETIME`, on the session behind ``token``.

    Raises:
        NotAuthenticated: ``token`` is no live session.
    """
    now = utcnow()
    claim = secrets.token_urlsafe(32)
    with transaction(session):
        auth_session_id = session.exec(
            select(AuthSession.id).where(
                AuthSession.token_hash == _token_hash(token), AuthSession.expires_at > now
            )
        ).first()
        if auth_session_id is None:
            raise NotAuthenticated()
        session.execute(delete(SessionClaim).where(col(SessionClaim.expires_at) <= now))
        session.add(
            SessionClaim(
                claim_hash=_claim_hash(claim),
                auth_session_id=auth_session_id,
                expires_at=now + CLAIM_LIFETIME,
            )
        )
    return claim


def redeem_claim(*, session: Session, claim: str) -> IssuedSession | None:
    """Trade a claim for its session's token (None if unknown, used or expired).

    The claim is deleted as it is read, so it works once. The session gets a new
    token, so the one :func:`log_in` returned to the server never reaches a browser.
    """
    if not claim:
        return None
    now = utcnow()
    token = secrets.token_urlsafe(32)
    with transaction(session):
        auth_session_id = session.execute(
            delete(SessionClaim)
            .where(col(SessionClaim.claim_hash) == _claim_hash(claim))
            .where(col(SessionClaim.expires_at) > now)
            .returning(col(SessionClaim.auth_session_id))
        ).scalar_one_or_none()
        if auth_session_id is None:
            return None
        expires_at = session.execute(
            update(AuthSession)
            .where(col(AuthSession.id) == auth_session_id)
            .where(col(AuthSession.expires_at) > now)
            .values(token_hash=_token_hash(token))
            .returning(col(AuthSession.expires_at))
        ).scalar_one_or_none()
    if expires_at is None:
        return None
    return IssuedSession(token=token, expires_at=expires_at)


def set_language(*, session: Session, user_id: int, language: str) -> User:
    """Keep the user's language choice on the account."""
    if language not in LANGUAGES:
        raise InvalidInput()
    with transaction(session):
        user = session.get(User, user_id)
        if user is None:
            raise NotFound()
        user.language = language
        session.add(user)
    return user


def get_user(*, session: Session, user_id: int) -> User:
    user = session.get(User, user_id)
    if user is None:
        raise NotFound()
    return user
