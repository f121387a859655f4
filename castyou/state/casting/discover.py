"""/discover: producers browse talent cards; advanced filters need an unlock."""

from __future__ import annotations

from datetime import date

import reflex as rx
from reflex.event import EventSpec

from castyou.db import session_scope
from castyou.models.user import Role
from castyou.services.casting import discover
from castyou.services.casting.discover import DiscoverFilters
from castyou.services.errors import CasTyouError, InvalidInput
from castyou.state.casting.dto import TalentCardDTO, load_error, talent_dto
from castyou.state.live_registry import on_change
from castyou.state.session import SessionState

MAX_TEXT = 60


def _text(form: dict, key: str) -> str:
    value = form.get(key, "")
    if not isinstance(value, str) or len(value) > MAX_TEXT:
        raise InvalidInput("discover.invalid_filter")
    return value.strip()


def _age(form: dict, key: str) -> int | None:
    raw = _text(form, key)
    if not raw:
        return None
    if not raw.isdigit() or not 16 <= int(raw) <= 120:
        raise InvalidInput("discover.invalid_age")
    return int(raw)


def parse_filters(form: dict) -> DiscoverFilters:
    """Whitelisted, validated filters from the search form."""
    if not isinstance(form, dict):
        raise InvalidInput("discover.invalid_filter")
    raw_date = _text(form, "available_by")
    try:
        available_by = date.fromisoformat(raw_date) if raw_date else None
    except ValueError:
        raise InvalidInput("discover.invalid_filter") from None
    return DiscoverFilters(
        text=_text(form, "text"),
        skill=_text(form, "skill").lower(),
        location=_text(form, "location"),
        min_age=_age(form, "min_age"),
        max_age=_age(form, "max_age"),
        language=_text(form, "language").lower(),
        available_by=available_by,
        has_reel=form.get("has_reel") in ("on", True, "true"),
    )


class DiscoverState(SessionState):
    cards: rx.Field[list[TalentCardDTO]] = rx.field(default_factory=list)
    reels: rx.Field[list[TalentCardDTO]] = rx.field(default_factory=list)
    page: rx.Field[int] = rx.field(0)
    has_more: rx.Field[bool] = rx.field(False)
    filters_unlocked: rx.Field[bool] = rx.field(False)
    searching: rx.Field[bool] = rx.field(False)
    _filters: DiscoverFilters = DiscoverFilters()

    def _run(self, user_id: int) -> None:
        with session_scope() as db:
            result = discover.discover_talents(
                session=db, viewer_id=user_id, filters=self._filters, page=self.page
            )
            self.reels = [talent_dto(c) for c in discover.featured_reels(session=db)]
            self.filters_unlocked = discover.filters_unlocked(session=db, user_id=user_id)
        self.cards = [talent_dto(c) for c in result.cards]
        self.has_more = result.has_more

    def _guarded(self, change: DiscoverFilters | None, page: int) -> EventSpec | None:
        """Run a search; on refusal (e.g. locked filters) keep the previous results."""
        try:
            viewer = self._require(Role.PRODUCER)
        except CasTyouError as error:
            return load_error(self, error)
        previous = (self._filters, self.page)
        self._filters = change if change is not None else self._filters
        self.page = page
        try:
            self._run(viewer.id)
        except CasTyouError as error:
            self._filters, self.page = previous
            return load_error(self, error)
        return None

    @rx.event
    def load(self) -> EventSpec | None:
        return self._guarded(DiscoverFilters(), 0)

    @rx.event
    def refresh(self) -> None:
        viewer = self._viewer()
        if viewer is not None and viewer.role == Role.PRODUCER:
            self._run(viewer.id)

    @rx.event
    def search(self, form: dict) -> EventSpec | None:
        try:
            filters = parse_filters(form)
        except CasTyouError as error:
            return self._error(error)
        return self._guarded(filters, 0)

    @rx.event
    def next_page(self) -> EventSpec | None:
        return self._guarded(None, min(self.page + 1, discover.MAX_PAGE)) if self.has_more else None

    @rx.event
    def previous_page(self) -> EventSpec | None:
        return self._guarded(None, max(self.page - 1, 0))


on_change("user", DiscoverState.refresh)
