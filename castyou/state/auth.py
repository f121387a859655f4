"""Sign-up and log-in forms."""

from __future__ import annotations

import reflex as rx
from reflex.event import EventSpec

from castyou import routes
from castyou.db import session_scope
from castyou.services import accounts
from castyou.services.errors import CasTyouError
from castyou.state.session import SessionState


class AuthFormState(SessionState):
    """Handlers for /login and /signup; the forms post their fields here."""

    form_error: str = ""
    submitting: bool = False

    def _client_key(self) -> str:
        return self.router.session.client_ip or "unknown"

    def _next_path(self) -> str:
        return routes.safe_next(self.router.url.query_parameters.get("next"))

    @rx.event
    def clear_error(self) -> None:
        self.form_error = ""

    @rx.event
    def log_in(self, form: dict) -> EventSpec | list[EventSpec] | None:
        self.form_error = ""
        try:
            with session_scope() as db:
                result = accounts.log_in(
                    session=db,
                    email=str(form.get("email", "")),
                    password=str(form.get("password", "")),
                    client_key=self._client_key(),
                )
        except CasTyouError as error:
            self.form_error = self._t(error.code, **error.params)
            return None
        self.auth_token = result.token
        self._set_viewer_vars()
        return [
            rx.redirect(self._next_path()),
            self._success("auth.welcome_back", name=result.user.display_name),
        ]

    @rx.event
    def sign_up(self, form: dict) -> list[EventSpec] | None:
        self.form_error = ""
        try:
            with session_scope() as db:
                user = accounts.sign_up(
                    session=db,
                    email=str(form.get("email", "")),
                    password=str(form.get("password", "")),
                    display_name=str(form.get("display_name", "")),
                    role=str(form.get("role", "")),
                    referral_code=str(form.get("referral_code", "") or ""),
                    language=self.lang,
                )
                assert user.id is not None
                token = accounts.open_session(session=db, user_id=user.id)
        except CasTyouError as error:
            self.form_error = self._t(error.code, **error.params)
            return None
        self.auth_token = token
        self._set_viewer_vars()
        return [
            rx.redirect(self._next_path()),
            self._success("auth.welcome_new", name=user.display_name),
        ]
