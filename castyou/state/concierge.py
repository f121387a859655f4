"""/concierge: pick a tier, describe the need, pay with CasTars; follow "My requests".

Every handler runs behind the guard (the user comes from the server-side session);
the services check that a request belongs to them. Vars such as ``open_id`` can be set by any client
(Reflex's ``setvar``), so they are only ever used as ids to re-check, never trusted.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator

import reflex as rx
from reflex.event import EventSpec
from sqlmodel import Session

from castyou import routes
from castyou.i18n import format_number
from castyou.models.limits import ID_MAX
from castyou.services.castars import ledger
from castyou.services.concierge import requester
from castyou.services.concierge.requester import (
    DESCRIPTION_MAX,
    DESCRIPTION_MIN,
    MESSAGE_MAX,
    RATING_COMMENT_MAX,
)
from castyou.services.concierge.tiers import concierge_options
from castyou.services.errors import CasTyouError, InsufficientBalance
from castyou.services.payments import bundles
from castyou.state import args
from castyou.state.concierge_files import ConciergeFilesState
from castyou.state.concierge_views import (
    MessageView,
    RequestView,
    TierView,
    message_view,
    request_view,
    tier_view,
)
from castyou.state.guard import Ctx, PublicCtx, guarded, public
from castyou.state.live_registry import on_change
from castyou.state.session import SessionState

TIER_TYPES = frozenset(tier.type.value for tier in concierge_options())


def _buy_href(db: Session, short_by: int) -> str:
    """The buy page with the cheapest bundle that covers ``short_by`` suggested."""
    bundle = bundles.cheapest_covering(session=db, stars=short_by)
    return routes.buy_url(bundle.id if bundle else None)


class ConciergeState(SessionState):
    """The tier picker and request form, and the viewer's requests with one open thread."""

    tiers: rx.Field[list[TierView]] = rx.field(default_factory=list)
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

    def _reload(self, ctx: Ctx) -> None:
        db, viewer, lang = ctx.db, ctx.viewer, self.lang
        balance = ledger.get_balance(session=db, user_id=viewer.id).balance
        rows = requester.my_concierge_requests(session=db, user_id=viewer.id)
        self.requests = [request_view(row, lang) for row in rows]
        self.tiers = [
            tier_view(tier, balance, lang, buy_href=_buy_href(db, tier.stars_cost - balance))
            for tier in concierge_options()
        ]
        self.balance_text = self._t("concierge.balance", stars=format_number(balance, lang))
        self.thread = []
        if self.open_id:
            thread = requester.get_thread(session=db, actor_id=viewer.id, request_id=self.open_id)
            names = {m.author_id: self._t("concierge.team") for m in thread.messages}
            self.thread = [
                message_view(m, lang, viewer_id=viewer.id, names=names) for m in thread.messages
            ]
        self.loaded = True

    def _reload_or_close(self, ctx: Ctx) -> None:
        """Reload; a thread the viewer may not see (any more) is closed before the error shows."""
        try:
            self._reload(ctx)
        except CasTyouError:
            self.open_id = 0
            self.thread = []
            raise

    @rx.event
    @public()
    def load(self, ctx: PublicCtx) -> None:
        """Page load: new form key, tiers with the viewer's balance, their requests."""
        self.form_key = uuid.uuid4().hex
        self.open_id = 0
        if ctx.viewer is None:
            self.requests, self.thread = [], []
            return
        self._reload_or_close(Ctx(ctx.viewer, ctx.db))

    @rx.event
    @guarded(page_load=True)
    def refresh(self, ctx: Ctx) -> None:
        """Live: the viewer's channel changed (status, reply, balance)."""
        self._reload_or_close(ctx)

    @rx.event
    @public()
    def set_type(self, ctx: PublicCtx, request_type: str) -> None:
        self.selected_type = args.choice(request_type, TIER_TYPES, key="concierge.invalid_type")

    @rx.event
    @public()
    def set_description(self, ctx: PublicCtx, text: str) -> None:
        """Mirror the text area as typed (not trimmed, or spaces could not be typed)."""
        self.description = text[: DESCRIPTION_MAX * 2] if isinstance(text, str) else ""

    @rx.event
    @guarded()
    def submit(self, ctx: Ctx, form: dict) -> Iterator[EventSpec | None]:
        """Pay and send; the form's key makes a double click one request and one charge."""
        fields = args.form(form)
        self.submitting = True
        yield None
        try:
            requester.submit_concierge_request(
                session=ctx.db,
                user_id=ctx.viewer.id,
                type=args.choice(
                    fields.get("request_type", self.selected_type),
                    TIER_TYPES,
                    key="concierge.invalid_type",
                ),
                description=args.field(
                    fields,
                    "description",
                    min_len=DESCRIPTION_MIN,
                    max_len=DESCRIPTION_MAX,
                    key="concierge.description_length",
                ),
                idempotency_key=args.field(fields, "idempotency_key", key="concierge.invalid_key"),
            )
            self._reload(ctx)
        except InsufficientBalance as error:
            error.params = {"needed": format_number(int(error.params.get("needed", 0)), self.lang)}
            raise
        finally:
            self.submitting = False
        self.description = ""
        self.form_key = uuid.uuid4().hex
        yield self._success("concierge.submitted")

    @rx.event
    @guarded()
    def cancel(self, ctx: Ctx, request_id: int) -> EventSpec | None:
        request = requester.cancel_my_request(
            session=ctx.db, user_id=ctx.viewer.id, request_id=args.record_id(request_id)
        )
        self._reload(ctx)
        stars = format_number(request.stars_cost, self.lang)
        return self._success("concierge.cancelled_refunded", stars=stars)

    @rx.event
    @guarded()
    def toggle_thread(self, ctx: Ctx, request_id: int) -> EventSpec | None:
        target = args.record_id(request_id)
        self.open_id = 0 if self.open_id == target else target
        self._reload_or_close(ctx)
        return ConciergeFilesState.show_files(self.open_id)  # type: ignore[operator]

    @rx.event
    @guarded()
    def send_message(self, ctx: Ctx, form: dict) -> EventSpec | None:
        fields = args.form(form)
        requester.post_message(
            session=ctx.db,
            actor_id=ctx.viewer.id,
            request_id=args.record_id(fields.get("request_id")),
            body=args.field(
                fields, "body", min_len=1, max_len=MESSAGE_MAX, key="concierge.message_length"
            ),
        )
        self._reload(ctx)
        return self._success("concierge.message_sent")

    @rx.event
    @guarded()
    def rate(self, ctx: Ctx, form: dict) -> EventSpec | None:
        """Rate a fulfilled request; the service keeps ratings to 1..5."""
        fields = args.form(form)
        requester.rate_request(
            session=ctx.db,
            user_id=ctx.viewer.id,
            request_id=args.record_id(fields.get("request_id")),
            rating=args.integer(fields.get("rating"), low=1, high=ID_MAX),
            comment=args.field(
                fields, "comment", max_len=RATING_COMMENT_MAX, key="concierge.comment_length"
            ),
        )
        self._reload(ctx)
        return self._success("concierge.rated")


on_change("requests", ConciergeState.refresh)
on_change("wallet", ConciergeState.refresh)
