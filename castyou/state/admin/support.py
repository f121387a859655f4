"""Admin console, Support tab: what needs a human now; each item links and can be marked done."""

from __future__ import annotations

from dataclasses import dataclass

import reflex as rx
from reflex.event import EventSpec

from castyou.i18n import format_datetime
from castyou.models.user import Role
from castyou.services.admin import support
from castyou.state import args
from castyou.state.guard import Ctx, guarded
from castyou.state.session import SessionState


@dataclass
class SupportRow:
    key: str = ""
    kind: str = ""
    ref_id: int = 0
    title: str = ""
    detail: str = ""
    since: str = ""
    link: str = ""


class AdminSupportState(SessionState):
    """The open support items, oldest-pressing first within each kind."""

    items: rx.Field[list[SupportRow]] = rx.field(default_factory=list)

    def _reload(self, ctx: Ctx) -> None:
        self.items = [
            SupportRow(
                key=f"{item.kind}-{item.ref_id}",
                kind=item.kind,
                ref_id=item.ref_id,
                title=item.title,
                detail=item.detail,
                since=format_datetime(item.since, self.lang, "short"),
                link=item.link,
            )
            for item in support.support_items(session=ctx.db, actor_id=ctx.viewer.id)
        ]

    @rx.event
    @guarded(Role.ADMIN)
    def load(self, ctx: Ctx) -> EventSpec | None:
        self._reload(ctx)
        return None

    @rx.event
    @guarded(Role.ADMIN)
    def mark_done(self, ctx: Ctx, kind: str, ref_id: int) -> EventSpec | None:
        support.mark_done(
            session=ctx.db,
            actor_id=ctx.viewer.id,
            kind=args.choice(kind, support.KINDS),
            ref_id=args.record_id(ref_id),
        )
        self._reload(ctx)
        return self._success("support.marked")
