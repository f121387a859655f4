"""The root of every CasTyou state: who is signed in, their language, their role.

Identity always comes from the server-side session behind the browser's opaque
token, an ``HttpOnly`` cookie the websocket handshake carries (page scripts cannot
read it; :mod:`castyou.api.session` sets it). Handlers re-resolve it from the
database on every call, so a logged-out, expired or demoted user loses access at
once, and the tab's states are wiped when their owner changes (:mod:`castyou.state.tab`).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

import reflex as rx
from reflex.event import EventSpec
from sqlmodel import Session

from castyou import routes
from castyou.i18n import LANGUAGES, client_catalog, normalize_lang, t
from castyou.models.user import Role
from castyou.services import accounts
from castyou.services.errors import CasTyouError
from castyou.services.live_bus import RESYNC
from castyou.state import args, live_registry, tab
from castyou.state.guard import Ctx, PublicCtx, guarded, public
from castyou.state.live_push import run_handlers


def open_cookie_script(claim: str, next_path: str) -> str:
    """Page script: trade ``claim`` for the session cookie, then load ``next_path``.

    A full load, so the new websocket handshake carries the cookie. On a refused
    claim the page loads all the same and, still anonymous, lands on the login page.
    """
    body = json.dumps({"claim": claim})
    return (
        f"fetch({json.dumps(routes.SESSION_API)}, {{method: 'POST', credentials: 'same-origin', "
        f"headers: {{'Content-Type': 'application/json'}}, body: {json.dumps(body)}}})"
        f".finally(() => window.location.assign({json.dumps(next_path)}))"
    )


def expire_cookie_script(next_path: str) -> str:
    """Page script: have the server expire the session cookie, then load ``next_path``."""
    return (
        f"fetch({json.dumps(routes.SESSION_API)}, {{method: 'DELETE', credentials: 'same-origin'}})"
        f".finally(() => window.location.assign({json.dumps(next_path)}))"
    )


@dataclass(frozen=True)
class Viewer:
    """The signed-in user as handlers see it (resolved server-side)."""

    id: int
    role: Role
    name: str
    email: str
    language: str
    referral_code: str = ""

    @property
    def is_admin(self) -> bool:
        return self.role == Role.ADMIN


class SessionState(rx.State):
    """Language, the public view of the signed-in user and whose data the tab holds."""

    ui_lang: str = rx.LocalStorage("en", name="castyou_lang", sync=True)
    viewer_name: str = ""
    viewer_email: str = ""
    viewer_role: str = ""
    viewer_referral_code: str = ""
    session_checked: bool = False
    _tab_owner: int = tab.ANONYMOUS

    @rx.var
    def lang(self) -> str:
        return normalize_lang(self.ui_lang)

    @rx.var
    def tr(self) -> dict[str, str]:
        """The strings of the current language; components index it by key.

        Cached: it reaches the browser on the first load and again only when the
        language changes, never on a navigation.
        """
        return client_catalog(normalize_lang(self.ui_lang), admin=False)

    @rx.var
    def tr_admin(self) -> dict[str, str]:
        """The admin console's strings, sent to admins only."""
        if self.viewer_role != Role.ADMIN.value:
            return {}
        return client_catalog(normalize_lang(self.ui_lang), admin=True)

    @rx.var
    def is_authenticated(self) -> bool:
        return bool(self.viewer_role)

    @rx.var
    def is_admin(self) -> bool:
        return self.viewer_role == Role.ADMIN.value

    @rx.var
    def is_talent(self) -> bool:
        return self.viewer_role == Role.TALENT.value

    @rx.var
    def is_producer(self) -> bool:
        return self.viewer_role == Role.PRODUCER.value

    def _t(self, key: str, **params: Any) -> str:
        return t(key, self.ui_lang, **params)

    def _session_token(self) -> str:
        """The session cookie sent with this tab's websocket handshake ("" if none).

        Not from a handshake another site's page started: a browser may attach the
        cookie to it (cross-site websocket hijacking), but it names that page's origin.
        """
        headers = self.router.headers
        if headers.origin and not accounts.trusted_origin(headers.origin, headers.host):
            return ""
        return accounts.cookie_token(headers.cookie)

    def _resolve_viewer(self, db: Session) -> Viewer | None:
        """The signed-in user per the server-side session (None if anonymous).

        The read transaction is closed afterwards, so a write that follows takes
        the lock at its own BEGIN.
        """
        user = accounts.user_for_token(session=db, token=self._session_token())
        db.commit()
        if user is None or user.id is None:
            return None
        return Viewer(
            user.id,
            Role(user.role),
            user.display_name,
            user.email,
            user.language,
            user.referral_code,
        )

    def _error(self, error: CasTyouError) -> EventSpec:
        """A translated error toast for a service error."""
        return rx.toast.error(self._t(error.code, **error.params), close_button=True)

    def _success(self, key: str, **params: Any) -> EventSpec:
        return rx.toast.success(self._t(key, **params), close_button=True)

    def _assign(self, **values: Any) -> None:
        """Set only the vars whose value changes, so an unchanged one is not sent again."""
        for name, value in values.items():
            if getattr(self, name) != value:
                setattr(self, name, value)

    def _set_viewer_vars(self, viewer: Viewer | None) -> None:
        """Show ``viewer`` (or nobody) in the header and switch to their language."""
        self._assign(session_checked=True)
        if viewer is None:
            self._assign(viewer_name="", viewer_email="", viewer_role="", viewer_referral_code="")
            return
        self._assign(
            viewer_name=viewer.name,
            viewer_email=viewer.email,
            viewer_role=viewer.role.value,
            viewer_referral_code=viewer.referral_code,
            ui_lang=normalize_lang(viewer.language),
        )

    async def _show_live(self, viewer: Viewer | None) -> None:
        """Register this tab for pushed updates and load the header's live widgets."""
        token = self.router.session.client_token
        if viewer is None:
            live_registry.close_tab(token)
            return
        live_registry.open_tab(
            token, user_id=viewer.id, is_admin=viewer.is_admin, route=self.router.route_id
        )
        await run_handlers(self, live_registry.every_page_handlers())

    @rx.event
    @guarded(page_load=True)
    async def resync(self, ctx: Ctx) -> None:
        """Re-read everything the page shows (once a minute while visible, see the shell)."""
        self._set_viewer_vars(ctx.viewer)
        tab = live_registry.open_tab(
            self.router.session.client_token,
            user_id=ctx.viewer.id,
            is_admin=ctx.viewer.is_admin,
            route=self.router.route_id,
        )
        await run_handlers(self, live_registry.handlers_for(tab, [RESYNC]))

    def _current_path(self) -> str:
        url = self.router.url
        query = f"?{url.query}" if url.query else ""
        return f"{url.path}{query}"

    @rx.event
    @public()
    async def load_session(self, ctx: PublicCtx) -> None:
        """Refresh the public view of the signed-in user (every page's first on_load)."""
        self._set_viewer_vars(ctx.viewer)
        await self._show_live(ctx.viewer)

    @rx.event
    @public()
    async def require_login(self, ctx: PublicCtx) -> EventSpec | None:
        """Page guard: anonymous visitors go to /login and come back afterwards."""
        self._set_viewer_vars(ctx.viewer)
        await self._show_live(ctx.viewer)
        if ctx.viewer is None:
            return rx.redirect(routes.login_url(self._current_path()))
        return None

    @rx.event
    @public()
    def set_language(self, ctx: PublicCtx, language: str) -> EventSpec | None:
        """Switch language; a signed-in user's choice is kept on their account."""
        self._assign(ui_lang=args.choice(language, LANGUAGES))
        if ctx.viewer is not None:
            accounts.set_language(session=ctx.db, user_id=ctx.viewer.id, language=self.ui_lang)
        return None

    async def _follow_owner(self, viewer: Viewer | None) -> None:
        """Wipe the tab's states if they hold someone else's data (see :mod:`.tab`)."""
        root = await self.get_state(SessionState)
        await tab.follow_owner(root, viewer.id if viewer else None)

    @rx.event
    @public()
    async def log_out(self, ctx: PublicCtx) -> list[EventSpec]:
        """End the session, wipe the tab, and have the page expire its cookie."""
        accounts.log_out(session=ctx.db, token=self._session_token())
        await self._follow_owner(None)
        self._set_viewer_vars(None)
        return [rx.toast.dismiss(), rx.call_script(expire_cookie_script(routes.LOGGED_OUT))]
