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

from sqlalchemy import delete, func, update
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from castyou.clock import utcnow
from castyou.db import lock_name, transaction
from castyou.i18n import LANGUAGES
from castyou.models.referral import SignupAttempt
from castyou.models.user import AuthSession, Role, SessionClaim, User
from castyou.services import login_throttle, passwords
from castyou.services.castars.earn_rules import SIGNUP_WINDOW
from castyou.services.errors import InvalidInput, NotAuthenticated, NotFound, RateLimited
from castyou.settings import get_settings

SESSION_LIFETIME = timedelta(days=14)
SESSION_COOKIE = "castyou_session"
CLAIM_LIFETIME = timedelta(seconds=60)
MIN_PASSWORD_LENGTH = 8
EMAIL_MAX = 254
NAME_MAX = 80
REFERRAL_CODE_LENGTH = 8
SELF_SERVICE_ROLES = (Role.TALENT, Role.PRODUCER)
_EMAIL_RE = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_REFERRAL_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"


@dataclass(frozen=True)
class LoginResult:
    user: User
    token: str


@dataclass(frozen=True)
class LoginCandidate:
    """A log-in past the throttle, waiting for its password check."""

    email: str
    client_key: str
    user: User | None

    @property
    def password_hash(self) -> str | None:
        """The hash to verify against (None: unknown account, verify a dummy)."""
        return self.user.password_hash if self.user else None


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


def check_new_password(password: str) -> None:
    """Refuse a password too weak to hash and keep."""
    if len(password or "") < MIN_PASSWORD_LENGTH:
        raise InvalidInput("auth.weak_password", min=MIN_PASSWORD_LENGTH)


def _validate_new_user(email: str, password: str, display_name: str) -> None:
    if not _EMAIL_RE.match(email) or len(email) > EMAIL_MAX:
        raise InvalidInput("auth.invalid_email")
    check_new_password(password)
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
    password_hash: str | None = None,
) -> User:
    """Create an account with any role. Only trusted callers (CLI, admins) pass ADMIN.

    ``password_hash`` is ``password`` already hashed off the event loop
    (:func:`passwords.hash_password`); without it the password is hashed here.
    """
    email = normalize_email(email)
    display_name = (display_name or "").strip()
    _validate_new_user(email, password, display_name)
    with transaction(session):
        if session.exec(select(User.id).where(User.email == email)).first() is not None:
            raise InvalidInput("auth.email_taken")
        user = User(
            email=email,
            display_name=display_name,
            password_hash=password_hash or passwords.hash_now(password),
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
    return user


def sign_up(
    *,
    session: Session,
    email: str,
    password: str,
    display_name: str,
    role: str,
    client_address: str,
    referral_code: str | None = None,
    language: str = "en",
    password_hash: str | None = None,
) -> User:
    """Self-service sign up: TALENT or PRODUCER only, optional referral code.

    Throttled per ``client_address``; a referral stays pending (unpaid) until the new
    account qualifies (``castars.referrals``).
    """
    if role not in {r.value for r in SELF_SERVICE_ROLES}:
        raise InvalidInput("auth.invalid_role")
    referrer_id = None
    code = (referral_code or "").strip().upper()
    if code:
        referrer_id = session.exec(select(User.id).where(User.referral_code == code)).first()
        if referrer_id is None:
            raise InvalidInput("auth.unknown_referral")
    client_key = (client_address or "unknown")[:64]
    with transaction(session):
        _check_signup_throttle(session, client_key)
        user = create_user(
            session=session,
            email=email,
            password=password,
            display_name=display_name,
            role=Role(role),
            referred_by_id=referrer_id,
            language=language,
            password_hash=password_hash,
        )
        session.add(SignupAttempt(client_key=client_key))
    return user


def _check_signup_throttle(session: Session, client_key: str) -> None:
    """At most the setting's sign-ups per address per window; older rows are pruned.

    Counted under a lock per address (SQLite: the write lock every transaction takes;
    PostgreSQL: an advisory lock), so simultaneous sign-ups cannot all see room.
    """
    lock_name(session, f"signup:{client_key}")
    since = utcnow() - SIGNUP_WINDOW
    session.execute(delete(SignupAttempt).where(col(SignupAttempt.created_at) <= since))
    recent = session.exec(
        select(func.count()).where(
            SignupAttempt.client_key == client_key, SignupAttempt.created_at > since
        )
    ).one()
    if recent >= get_settings().signups_per_address_per_hour:
        raise RateLimited("auth.signup_throttled", minutes=int(SIGNUP_WINDOW.total_seconds() // 60))


def start_log_in(*, session: Session, email: str, client_key: str) -> LoginCandidate:
    """Refuse a throttled attempt and find the account; the password is checked next.

    The read transaction is closed before returning, so no lock or snapshot is held
    while the (slow) password check runs.
    """
    email = normalize_email(email)
    client_key = (client_key or "unknown")[:64]
    login_throttle.check(session=session, email=email, client_key=client_key)
    user = session.exec(select(User).where(User.email == email)).first()
    session.commit()
    return LoginCandidate(email=email, client_key=client_key, user=user)


def finish_log_in(*, session: Session, candidate: LoginCandidate, password_ok: bool) -> LoginResult:
    """Count a failure, or clear this address's failures and open a session."""
    user = candidate.user
    if not password_ok or user is None or user.id is None:
        login_throttle.record_failure(
            session=session, email=candidate.email, client_key=candidate.client_key
        )
        raise InvalidInput("auth.bad_credentials")
    token = secrets.token_urlsafe(32)
    with transaction(session):
        login_throttle.clear_account(
            session=session, email=candidate.email, client_key=candidate.client_key
        )
        session.add(
            AuthSession(
                token_hash=_token_hash(token),
                user_id=user.id,
                expires_at=utcnow() + SESSION_LIFETIME,
            )
        )
    return LoginResult(user=user, token=token)


def log_in(*, session: Session, email: str, password: str, client_key: str) -> LoginResult:
    """Check credentials in this thread (throttled per account and address), open a session.

    Event handlers use :func:`start_log_in`, ``await passwords.verify_password`` and
    :func:`finish_log_in` instead, so the check runs off the event loop.
    """
    candidate = start_log_in(session=session, email=email, client_key=client_key)
    ok = passwords.verify_now(candidate.password_hash, password)
    return finish_log_in(session=session, candidate=candidate, password_ok=ok)


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
