"""Sign-up and log-in forms."""

from __future__ import annotations

import reflex as rx
from reflex.event import EventSpec

from castyou import routes
from castyou.services import accounts, passwords
from castyou.services.errors import CasTyouError
from castyou.state import args
from castyou.state.client_address import client_address
from castyou.state.guard import PublicCtx, public
from castyou.state.session import SessionState, open_cookie_script


def _password(form: object) -> str:
    """The password field as typed: spaces are part of a password, so it is not trimmed."""
    return str(args.form(form).get("password", ""))


class AuthFormState(SessionState):
    """Handlers for /login and /signup; the forms post their fields here.

    Refusals show under the form (``form_error``), not as toasts. Password hashing
    and checks are awaited on the bounded pool of :mod:`castyou.services.passwords`,
    so a burst of them never stalls other tabs' events.
    """

    form_error: str = ""
    submitting: bool = False

    @rx.var
    def just_signed_out(self) -> bool:
        """The login page was reached by logging out (it says so instead of a greeting)."""
        return self.router.url.query_parameters.get("signed_out") == "1"

    def _client_key(self) -> str:
        return client_address(self)

    def _next_path(self) -> str:
        return routes.safe_next(self.router.url.query_parameters.get("next"))

    def _signed_in(self, ctx: PublicCtx, token: str, welcome: str, name: str) -> list[EventSpec]:
        """Have the page trade a one-time claim for the ``HttpOnly`` session cookie.

        The token itself never reaches the page: ``POST /api/session`` gives the
        browser a fresh one in the cookie, and the page then reloads so its websocket
        handshake carries it.
        """
        claim = accounts.issue_claim(session=ctx.db, token=token)
        return [
            self._success(welcome, name=name),
            rx.call_script(open_cookie_script(claim, self._next_path())),
        ]

    @rx.event
    @public()
    def clear_error(self, ctx: PublicCtx) -> None:
        self.form_error = ""

    @rx.event
    @public()
    async def log_in(self, ctx: PublicCtx, form: dict) -> list[EventSpec] | None:
        self.form_error = ""
        try:
            candidate = accounts.start_log_in(
                session=ctx.db,
                email=args.field(
                    form, "email", max_len=accounts.EMAIL_MAX, key="auth.bad_credentials"
                ),
                client_key=self._client_key(),
            )
            ok = await passwords.verify_password(candidate.password_hash, _password(form))
            result = accounts.finish_log_in(session=ctx.db, candidate=candidate, password_ok=ok)
        except CasTyouError as error:
            self.form_error = self._t(error.code, **error.params)
            return None
        return self._signed_in(ctx, result.token, "auth.welcome_back", result.user.display_name)

    @rx.event
    @public()
    async def sign_up(self, ctx: PublicCtx, form: dict) -> list[EventSpec] | None:
        self.form_error = ""
        try:
            password = _password(form)
            accounts.check_new_password(password)
            password_hash = await passwords.hash_password(password)
            user = accounts.sign_up(
                session=ctx.db,
                role=args.field(form, "role", max_len=20, key="auth.invalid_role"),
                referral_code=args.field(
                    form,
                    "referral_code",
                    max_len=accounts.REFERRAL_CODE_LENGTH,
                    key="auth.unknown_referral",
                ),
                email=args.field(
                    form, "email", max_len=accounts.EMAIL_MAX, key="auth.invalid_email"
                ),
                password=password,
                password_hash=password_hash,
                display_name=args.field(
                    form, "display_name", max_len=accounts.NAME_MAX, key="auth.invalid_name"
                ),
                language=self.lang,
                client_address=self._client_key(),
            )
            assert user.id is not None
            token = accounts.open_session(session=ctx.db, user_id=user.id)
        except CasTyouError as error:
            self.form_error = self._t(error.code, **error.params)
            return None
        return self._signed_in(ctx, token, "auth.welcome_new", user.display_name)
