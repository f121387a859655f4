"""The paging every admin list shares: page number, total, next/previous, turning pages."""

from __future__ import annotations

from typing import ClassVar

import reflex as rx
from reflex.event import EventSpec

from castyou.models.user import Role
from castyou.state import args
from castyou.state.guard import Ctx, guarded


class PagedList(rx.State, mixin=True):
    """Mix into an admin list state that defines ``_reload(ctx)`` and its own typed ``rows``."""

    page_size: ClassVar[int] = 25
    sortable: ClassVar[tuple[str, ...]] = ()
    total: int = 0
    page: int = 1
    sort_field: str = ""
    sort_desc: bool = True

    @rx.var
    def has_next(self) -> bool:
        return self.page * self.page_size < self.total

    @rx.var
    def has_prev(self) -> bool:
        return self.page > 1

    def _reload(self, ctx: Ctx) -> None:
        raise NotImplementedError

    def _first_page(self, ctx: Ctx) -> None:
        """Show page 1 (after a filter changed)."""
        self.page = 1
        self._reload(ctx)

    @rx.event
    @guarded(Role.ADMIN)
    def turn_page(self, ctx: Ctx, step: int) -> EventSpec | None:
        """One page back (-1) or forward (+1); anything else stays put."""
        self.page = max(1, self.page + args.step(step))
        self._reload(ctx)
        return None

    @rx.event
    @guarded(Role.ADMIN)
    def sort_by(self, ctx: Ctx, field: str) -> EventSpec | None:
        """Sort by a whitelisted column; the same column again flips the direction."""
        chosen = args.choice(field, self.sortable, key="admin.invalid_filter")
        self.sort_desc = not self.sort_desc if chosen == self.sort_field else True
        self.sort_field = chosen
        self._first_page(ctx)
        return None
