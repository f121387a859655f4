"""Admin console, Boosts tab: features in effect now, and revoking one."""

from __future__ import annotations

import reflex as rx
from reflex.event import EventSpec

from castyou.db import session_scope
from castyou.i18n import format_datetime
from castyou.models.user import Role
from castyou.services.admin import boosts
from castyou.services.errors import CasTyouError
from castyou.state.admin.common import as_admin, positive_int, text_field
from castyou.state.session import SessionState


class AdminBoostsState(SessionState):
    """Activations in effect now, optionally one feature type."""

    rows: rx.Field[list[dict[str, str]]] = rx.field(default_factory=list)
    feature: str = ""

    def _reload(self, viewer_id: int) -> None:
        with session_scope() as db:
            found = boosts.list_active_boosts(session=db, actor_id=viewer_id, feature=self.feature)
        self.rows = [
            {
                "id": str(row.id),
                "email": row.email,
                "feature": self._t(f"store.feature.{row.feature}.name"),
                "target": f"{row.target_type} #{row.target_id}",
                "ends": format_datetime(row.ends_at, self.lang, "short")
                if row.ends_at
                else self._t("admin.no_end"),
                "source": row.source,
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
            previous, self.feature = self.feature, text_field(form, "feature", 32)
            try:
                self._reload(viewer.id)
            except CasTyouError:
                self.feature = previous
                raise
        except CasTyouError as error:
            return self._error(error)
        return None

    @rx.event
    def revoke(self, activation_id: str) -> EventSpec:
        """End this feature for its user at once (recorded in the audit log)."""
        try:
            viewer = self._require(Role.ADMIN)
            with session_scope() as db:
                boosts.revoke_boost(
                    session=db, actor_id=viewer.id, activation_id=positive_int(activation_id)
                )
            self._reload(viewer.id)
        except CasTyouError as error:
            return self._error(error)
        return self._success("admin.boost_revoked")
