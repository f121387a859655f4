"""/messages: the user's conversations and one open thread."""

from __future__ import annotations

from dataclasses import dataclass

import reflex as rx
from reflex.event import EventSpec

from castyou.i18n import format_datetime
from castyou.models.user import Role
from castyou.services.casting import messages
from castyou.services.errors import InvalidInput
from castyou.state import args
from castyou.state.guard import Ctx, guarded
from castyou.state.live_registry import on_change
from castyou.state.session import SessionState

CHAT_ROLES = (Role.TALENT, Role.PRODUCER)


@dataclass
class ConversationDTO:
    """A conversation in the list: who it is with and the job it is about."""

    id: int = 0
    other_name: str = ""
    job_title: str = ""


@dataclass
class MessageDTO:
    """One message of the open thread."""

    id: int = 0
    mine: bool = False
    body: str = ""
    when: str = ""


class MessagesState(SessionState):
    """The viewer's conversations and the open thread."""

    conversations: rx.Field[list[ConversationDTO]] = rx.field(default_factory=list)
    thread: rx.Field[list[MessageDTO]] = rx.field(default_factory=list)
    open_id: rx.Field[int] = rx.field(0)
    form_version: rx.Field[int] = rx.field(0)

    def _load(self, ctx: Ctx) -> None:
        views = messages.conversations(session=ctx.db, user_id=ctx.viewer.id)
        self.conversations = [ConversationDTO(v.id, v.other_name, v.job_title) for v in views]
        if self.open_id not in {v.id for v in views}:
            self.open_id = views[0].id if views else 0
        rows = (
            messages.thread(session=ctx.db, user_id=ctx.viewer.id, conversation_id=self.open_id)
            if self.open_id
            else []
        )
        self.thread = [
            MessageDTO(m.id, m.mine, m.body, format_datetime(m.created_at, self.lang, "short"))
            for m in rows
        ]

    def _linked_conversation(self) -> int:
        """The conversation named by the link's ``?c=``; anything else opens the first one."""
        try:
            return args.optional_id(self.router.url.query_parameters.get("c")) or 0
        except InvalidInput:
            return 0

    @rx.event
    @guarded(*CHAT_ROLES, page_load=True)
    def load(self, ctx: Ctx) -> EventSpec | None:
        self.open_id = self._linked_conversation()
        self._load(ctx)
        return None

    @rx.event
    @guarded(page_load=True)
    def refresh(self, ctx: Ctx) -> None:
        """Live: reload a talent's or producer's messages; other roles are left alone, silently."""
        if ctx.viewer.role in CHAT_ROLES:
            self._load(ctx)

    @rx.event
    @guarded(*CHAT_ROLES)
    def open(self, ctx: Ctx, conversation_id: int) -> EventSpec | None:
        self.open_id = args.record_id(conversation_id)
        self._load(ctx)
        return None

    @rx.event
    @guarded(*CHAT_ROLES)
    def send(self, ctx: Ctx, form: dict) -> EventSpec | None:
        messages.send_message(
            session=ctx.db,
            user_id=ctx.viewer.id,
            conversation_id=self.open_id,
            body=args.field(
                form, "body", min_len=1, max_len=messages.MAX_BODY, key="messages.invalid_body"
            ),
        )
        self.form_version += 1
        self._load(ctx)
        return None


on_change("casting", MessagesState.refresh)
