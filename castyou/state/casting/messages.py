"""/messages: the user's conversations and one open thread."""

from __future__ import annotations

from dataclasses import dataclass

import reflex as rx
from reflex.event import EventSpec

from castyou.db import session_scope
from castyou.i18n import format_datetime
from castyou.models.user import Role
from castyou.services.casting import messages
from castyou.services.errors import CasTyouError
from castyou.state.casting.dto import load_error
from castyou.state.live_registry import on_change
from castyou.state.session import SessionState


@dataclass
class ConversationDTO:
    id: int = 0
    other_name: str = ""
    job_title: str = ""


@dataclass
class MessageDTO:
    id: int = 0
    mine: bool = False
    body: str = ""
    when: str = ""


class MessagesState(SessionState):
    conversations: rx.Field[list[ConversationDTO]] = rx.field(default_factory=list)
    thread: rx.Field[list[MessageDTO]] = rx.field(default_factory=list)
    open_id: rx.Field[int] = rx.field(0)
    form_version: rx.Field[int] = rx.field(0)

    def _load(self, viewer_id: int) -> None:
        with session_scope() as db:
            views = messages.conversations(session=db, user_id=viewer_id)
            self.conversations = [ConversationDTO(v.id, v.other_name, v.job_title) for v in views]
            if self.open_id not in {v.id for v in views}:
                self.open_id = views[0].id if views else 0
            rows = (
                messages.thread(session=db, user_id=viewer_id, conversation_id=self.open_id)
                if self.open_id
                else []
            )
        self.thread = [
            MessageDTO(m.id, m.mine, m.body, format_datetime(m.created_at, self.lang, "short"))
            for m in rows
        ]

    @rx.event
    def load(self) -> EventSpec | None:
        try:
            viewer = self._require(Role.TALENT, Role.PRODUCER)
        except CasTyouError as error:
            return load_error(self, error)
        raw = str(self.router.url.query_parameters.get("c", ""))
        self.open_id = int(raw) if raw.isdigit() and len(raw) < 12 else 0
        self._load(viewer.id)
        return None

    @rx.event
    def refresh(self) -> None:
        viewer = self._viewer()
        if viewer is not None and viewer.role in (Role.TALENT, Role.PRODUCER):
            self._load(viewer.id)

    @rx.event
    def open(self, conversation_id: int) -> EventSpec | None:
        if not isinstance(conversation_id, int) or isinstance(conversation_id, bool):
            return None
        self.open_id = conversation_id
        try:
            viewer = self._require(Role.TALENT, Role.PRODUCER)
            self._load(viewer.id)
        except CasTyouError as error:
            return self._error(error)
        return None

    @rx.event
    def send(self, form: dict) -> EventSpec | None:
        try:
            viewer = self._require(Role.TALENT, Role.PRODUCER)
            body = form.get("body", "") if isinstance(form, dict) else ""
            with session_scope() as db:
                messages.send_message(
                    session=db, user_id=viewer.id, conversation_id=self.open_id, body=str(body)
                )
        except CasTyouError as error:
            return self._error(error)
        self.form_version += 1
        self._load(viewer.id)
        return None


on_change("user", MessagesState.refresh)
