"""/discover: producers browse talent cards; advanced filters need an unlock."""

from __future__ import annotations

from datetime import date

import reflex as rx
from reflex.event import EventSpec

from castyou.models.user import Role
from castyou.services.casting import discover
from castyou.services.casting.discover import DiscoverFilters
from castyou.services.errors import CasTyouError, InvalidInput
from castyou.state import args
from castyou.state.casting.dto import TalentCardDTO, talent_dto
from castyou.state.guard import Ctx, guarded
from castyou.state.live_registry import on_change
from castyou.state.session import SessionState

MAX_TEXT = 60
MIN_AGE, MAX_AGE = 16, 120


def _age(form: dict, name: str) -> int | None:
    raw = args.field(form, name, max_len=MAX_TEXT, key="discover.invalid_filter")
    if not raw:
        return None
    return args.integer(raw, low=MIN_AGE, high=MAX_AGE, key="discover.invalid_age")


def parse_filters(form: object) -> DiscoverFilters:
    """Whitelisted, validated filters from the search form."""
    fields = args.form(form)

    def text(name: str) -> str:
        return args.field(fields, name, max_len=MAX_TEXT, key="discover.invalid_filter")

    raw_date = text("available_by")
    try:
        available_by = date.fromisoformat(raw_date) if raw_date else None
    except ValueError:
        raise InvalidInput("discover.invalid_filter") from None
    return DiscoverFilters(
        text=text("text"),
        skill=text("skill").lower(),
        location=text("location"),
        min_age=_age(fields, "min_age"),
        max_age=_age(fields, "max_age"),
        language=text("language").lower(),
        available_by=available_by,
        has_reel=fields.get("has_reel") in ("on", True, "true"),
    )


class DiscoverState(SessionState):
    """A producer's talent search: filters, one page of cards, the featured reels."""

    cards: rx.Field[list[TalentCardDTO]] = rx.field(default_factory=list)
    reels: rx.Field[list[TalentCardDTO]] = rx.field(default_factory=list)
    page: rx.Field[int] = rx.field(0)
    has_more: rx.Field[bool] = rx.field(False)
    filters_unlocked: rx.Field[bool] = rx.field(False)
    searching: rx.Field[bool] = rx.field(False)
    _filters: DiscoverFilters = DiscoverFilters()

    def _run(self, ctx: Ctx) -> None:
        db, user_id = ctx.db, ctx.viewer.id
        result = discover.discover_talents(
            session=db, viewer_id=user_id, filters=self._filters, page=self.page
        )
        self.reels = [talent_dto(c) for c in discover.featured_reels(session=db)]
        self.filters_unlocked = discover.filters_unlocked(session=db, user_id=user_id)
        self.cards = [talent_dto(c) for c in result.cards]
        self.has_more = result.has_more

    def _search(self, ctx: Ctx, change: DiscoverFilters | None, page: int) -> None:
        """Run a search; on refusal (e.g. locked filters) keep the previous results."""
        previous = (self._filters, self.page)
        self._filters = change if change is not None else self._filters
        self.page = page
        try:
            self._run(ctx)
        except CasTyouError:
            self._filters, self.page = previous
            raise

    @rx.event
    @guarded(Role.PRODUCER, page_load=True)
    def load(self, ctx: Ctx) -> EventSpec | None:
        self._search(ctx, DiscoverFilters(), 0)
        return None

    @rx.event
    @guarded(page_load=True)
    def refresh(self, ctx: Ctx) -> None:
        """Live: rerun a producer's search; other roles are left alone, silently."""
        if ctx.viewer.role == Role.PRODUCER:
            self._run(ctx)

    @rx.event
    @guarded(Role.PRODUCER, page_load=True)
    def search(self, ctx: Ctx, form: dict) -> EventSpec | None:
        self._search(ctx, parse_filters(form), 0)
        return None

    @rx.event
    @guarded(Role.PRODUCER, page_load=True)
    def next_page(self, ctx: Ctx) -> EventSpec | None:
        if self.has_more:
            self._search(ctx, None, min(self.page + 1, discover.MAX_PAGE))
        return None

    @rx.event
    @guarded(Role.PRODUCER, page_load=True)
    def previous_page(self, ctx: Ctx) -> EventSpec | None:
        self._search(ctx, None, max(self.page - 1, 0))
        return None


on_change("casting", DiscoverState.refresh)
