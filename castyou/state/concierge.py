"""/concierge: pick a tier, describe the need, pay with CasTars; follow "My requests".

Every handler resolves the user from the server-side session; the services check
that a request belongs to them. Vars such as ``open_id`` can be set by any client
(Reflex's ``setvar``), so they are only ever used as ids to re-check, never trusted.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator

import reflex as rx
from reflex.event import EventSpec
from sqlmodel import Session

from castyou import routes
from castyou.db import session_scope
from castyou.i18n import format_number
from castyou.services.castars import ledger
from castyou.services.concierge import requester
from castyou.services.concierge.requester import DESCRIPTION_MAX, DESCRIPTION_MIN
from castyou.services.concierge.tiers import concierge_options
from castyou.services.errors import CasTyouError, InsufficientBalance, InvalidInput
from castyou.services.payments import bundles
from castyou.state.concierge_views import (
    MessageView,
    RequestView,
    TierView,
    message_view,
    request_view,
    tier_view,
)
from castyou.state.live_registry import on_change
from castyou.state.session import SessionState, Viewer


def parse_id(value: object) -> int:
    """A positive id from an event argument (strings from forms included)."""
    if isinstance(value, bool):
        raise InvalidInput()
    try:
        number = int(str(value))
    except ValueError:
        raise InvalidInput() from None
    if number < 1:
        raise InvalidInput()
    return number


def _buy_href(db: Session, short_by: int) -> str:
    """The buy page with the cheapest bundle that covers ``short_by`` suggested."""
    bundle = bundles.cheapest_covering(session=db, stars=short_by)
    return routes.buy_url(bundle.id if bundle else None)


class ConciergeState(SessionState):
    tiers: list[TierView] = []
    balance_text: str = ""
    selected_type: str = "BASIC"
    description: str = ""
    form_key: str = ""
    submitting: bool = False
    requests: rx.Field[list[RequestView]] = rx.field(default_factory=list)
    open_id: int = 0
    thread: rx.Field[list[MessageView]] = rx.field(default_factory=list)
    loaded: bool = False

    @rx.var
    def description_count(self) -> int:
        return len(self.description.strip())

    @rx.var
    def description_ok(self) -> bool:
        return DESCRIPTION_MIN <= len(self.description.strip()) <= DESCRIPTION_MAX

    def _selected(self) -> TierView:
        return next((tier for tier in self.tiers if tier.type == self.selected_type), TierView())

    @rx.var
    def selected_short_text(self) -> str:
        return self._selected().short_text

    @rx.var
    def selected_buy_href(self) -> str:
        return self._selected().buy_href

    @rx.var
    def submit_label(self) -> str:
        return self._t("concierge.submit", stars=self._selected().cost_text.split(" ")[0])

    def _reload(self, viewer: Viewer) -> None:
        with session_scope() as db:
            balance = ledger.get_balance(session=db, user_id=viewer.id).balance
            rows = requester.my_concierge_requests(session=db, user_id=viewer.id)
            lang = self.lang
            self.requests = [request_view(row, lang) for row in rows]
            self.tiers = [
                tier_view(tier, balance, lang, buy_href=_buy_href(db, tier.stars_cost - balance))
                for tier in concierge_options()
            ]
            self.balance_text = self._t("concierge.balance", stars=format_number(balance, lang))
            self.thread = []
            if self.open_id:
                thread = requester.get_thread(
                    session=db, actor_id=viewer.id, request_id=self.open_id
                )
                team = self._t("concierge.team")
                names = {m.author_id: team for m in thread.messages}
                self.thread = [
                    message_view(m, lang, viewer_id=viewer.id, names=names) for m in thread.messages
                ]
        self.loaded = True

    def _refresh_or_error(self) -> EventSpec | None:
        try:
            self._reload(self._require())
        except CasTyouError as error:
            self.open_id = 0
            self.thread = []
            return self._error(error)
        return None

    @rx.event
    def load(self) -> EventSpec | None:
        """Page load: new form key, tiers with the viewer's balance, their requests."""
        self.form_key = uuid.uuid4().hex
        self.open_id = 0
        if self._viewer() is None:
            self.requests, self.thread = [], []
            return None
        return self._refresh_or_error()

    @rx.event
    def refresh(self) -> EventSpec | None:
        """Live: the viewer's channel changed (status, reply, balance)."""
        if self._viewer() is None:
            return None
        return self._refresh_or_error()

    @rx.event
    def set_type(self, request_type: str) -> None:
        if request_type in {tier.type.value for tier in concierge_options()}:
            self.selected_type = request_type

    @rx.event
    def set_description(self, text: str) -> None:
        self.description = text[: DESCRIPTION_MAX * 2] if isinstance(text, str) else ""

    @rx.event
    def submit(self, form: dict) -> Iterator[EventSpec | None]:
        """Pay and send; the form's key makes a double click one request and one charge."""
        if not isinstance(form, dict):
            yield self._error(InvalidInput())
            return
        self.submitting = True
        yield None
        try:
            viewer = self._require()
            with session_scope() as db:
                requester.submit_concierge_request(
                    session=db,
                    user_id=viewer.id,
                    type=str(form.get("request_type", self.selected_type)),
                    description=form.get("description", ""),
                    idempotency_key=form.get("idempotency_key", ""),
                )
            self._reload(viewer)
        except InsufficientBalance as error:
            self.submitting = False
            needed = format_number(int(error.params.get("needed", 0)), self.lang)
            yield self._error(CasTyouError(error.code, needed=needed))
            return
        except CasTyouError as error:
            self.submitting = False
            yield self._error(error)
            return
        self.submitting = False
        self.description = ""
        self.form_key = uuid.uuid4().hex
        yield self._success("concierge.submitted")

    @rx.event
    def cancel(self, request_id: int) -> EventSpec | None:
        try:
            viewer = self._require()
            with session_scope() as db:
                request = requester.cancel_my_request(
                    session=db, user_id=viewer.id, request_id=parse_id(request_id)
                )
            self._reload(viewer)
        except CasTyouError as error:
            return self._error(error)
        stars = format_number(request.stars_cost, self.lang)
        return self._success("concierge.cancelled_refunded", stars=stars)

    @rx.event
    def toggle_thread(self, request_id: int) -> EventSpec | None:
        try:
            target = parse_id(request_id)
        except CasTyouError as error:
            return self._error(error)
        self.open_id = 0 if self.open_id == target else target
        return self._refresh_or_error()

    @rx.event
    def send_message(self, form: dict) -> EventSpec | None:
        try:
            viewer = self._require()
            if not isinstance(form, dict):
                raise InvalidInput()
            with session_scope() as db:
                requester.post_message(
                    session=db,
                    actor_id=viewer.id,
                    request_id=parse_id(form.get("request_id")),
                    body=form.get("body", ""),
                )
            self._reload(viewer)
        except CasTyouError as error:
            return self._error(error)
        return self._success("concierge.message_sent")

    @rx.event
    def rate(self, form: dict) -> EventSpec | None:
        try:
            viewer = self._require()
            if not isinstance(form, dict):
                raise InvalidInput()
            with session_scope() as db:
                requester.rate_request(
                    session=db,
                    user_id=viewer.id,
                    request_id=parse_id(form.get("request_id")),
                    rating=parse_id(form.get("rating")),
                    comment=form.get("comment", ""),
                )
            self._reload(viewer)
        except CasTyouError as error:
            return self._error(error)
        return self._success("concierge.rated")


on_change("user", ConciergeState.refresh)
