"""Admin console, Webhooks tab: Stripe deliveries with outcome and error, and replay."""

from __future__ import annotations

import reflex as rx
from reflex.event import EventSpec

from castyou.db import session_scope
from castyou.i18n import format_datetime
from castyou.models.user import Role
from castyou.services.admin import webhooks
from castyou.services.errors import CasTyouError
from castyou.state.admin.common import as_admin, positive_int, text_field
from castyou.state.session import SessionState


class AdminWebhooksState(SessionState):
    """The newest webhook deliveries with their outcome and error."""

    rows: rx.Field[list[dict[str, str]]] = rx.field(default_factory=list)
    outcome: str = ""

    def _reload(self, viewer_id: int) -> None:
        with session_scope() as db:
            found = webhooks.list_deliveries(session=db, actor_id=viewer_id, outcome=self.outcome)
        self.rows = [
            {
                "id": str(row.id),
                "event": row.event_type,
                "event_id": row.event_id,
                "outcome": row.outcome,
                "error": row.error or "",
                "attempts": str(row.attempts),
                "received": format_datetime(row.received_at, self.lang, "short"),
            }
            for row in found
        ]

    @rx.event
    def load(self) -> EventSpec | None:
        return as_admin(self, self._reload)

    @rx.event
    def filter(self, form: dict) -> EventSpec | None:
        try:
            viewer = self._require(Role.ADMIN)
            previous, self.outcome = self.outcome, text_field(form, "outcome", 16)
            try:
                self._reload(viewer.id)
            except CasTyouError:
                self.outcome = previous
                raise
        except CasTyouError as error:
            return self._error(error)
        return None

    @rx.event
    def replay(self, delivery_id: str) -> EventSpec:
        """Run a stored delivery again (idempotent; recorded in the audit log)."""
        try:
            viewer = self._require(Role.ADMIN)
            with session_scope() as db:
                outcome = webhooks.replay(
                    session=db, actor_id=viewer.id, delivery_id=positive_int(delivery_id)
                )
            self._reload(viewer.id)
        except CasTyouError as error:
            return self._error(error)
        return self._success("admin.replayed", outcome=outcome.value)
