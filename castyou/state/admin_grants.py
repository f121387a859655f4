"""Admin console, Grants tab: grant CasTars, approve or reject big grants."""

from __future__ import annotations

import reflex as rx
from reflex.event import EventSpec

from castyou.db import session_scope
from castyou.i18n import format_datetime, format_number
from castyou.models.admin import GrantStatus
from castyou.models.user import Role
from castyou.services import admin_grants
from castyou.services.errors import CasTyouError
from castyou.state.admin_common import as_admin, positive_int, text_field
from castyou.state.session import SessionState


class AdminGrantsState(SessionState):
    """The grant form's last outcome and the grants list (pending first to decide)."""

    grants: rx.Field[list[dict[str, str]]] = rx.field(default_factory=list)
    threshold_text: str = ""
    form_error: str = ""

    def _grant_row(self, view: admin_grants.GrantView, viewer_id: int) -> dict[str, str]:
        grant = view.grant
        status = GrantStatus(grant.status)
        return {
            "id": str(grant.id),
            "user": view.user_label,
            "amount": format_number(grant.amount, self.lang),
            "reason": grant.reason,
            "status": status.value,
            "status_label": self._t(f"admin.grant_status.{status.value}"),
            "requested_by": view.requester_label,
            "date": format_datetime(grant.created_at, self.lang, "short"),
            "can_decide": "yes"
            if status == GrantStatus.PENDING and grant.requested_by_id != viewer_id
            else "",
        }

    def _reload(self, viewer_id: int) -> None:
        with session_scope() as db:
            views = admin_grants.list_grants(session=db, acting_user_id=viewer_id)
            self.grants = [self._grant_row(view, viewer_id) for view in views]
        self.threshold_text = self._t(
            "admin.grant_threshold",
            threshold=format_number(admin_grants.approval_threshold(), self.lang),
        )

    @rx.event
    def load(self) -> EventSpec | None:
        return as_admin(self, self._reload)

    @rx.event
    def grant(self, form: dict) -> EventSpec | None:
        """Grant stars to a user id; big amounts wait for a second admin."""
        self.form_error = ""
        try:
            viewer = self._require(Role.ADMIN)
            user_id = positive_int(text_field(form, "user_id", 12))
            amount_text = text_field(form, "amount", 12)
            amount = int(amount_text) if amount_text.lstrip("-").isdigit() else -1
            with session_scope() as db:
                grant = admin_grants.request_grant(
                    session=db,
                    acting_user_id=viewer.id,
                    user_id=user_id,
                    amount=amount,
                    reason=text_field(form, "reason", 200),
                )
            self._reload(viewer.id)
        except CasTyouError as error:
            error.params = {
                name: format_number(value, self.lang) if isinstance(value, int) else value
                for name, value in error.params.items()
            }
            self.form_error = self._t(error.code, **error.params)
            return self._error(error)
        key = "admin.grant_pending" if grant.status == GrantStatus.PENDING else "admin.granted"
        return self._success(key, amount=format_number(grant.amount, self.lang))

    def _decide(self, viewer_id: int, grant_id: str | int, approve: bool) -> EventSpec:
        try:
            with session_scope() as db:
                admin_grants.decide_grant(
                    session=db,
                    acting_user_id=viewer_id,
                    grant_id=positive_int(grant_id),
                    approve=approve,
                )
            self._reload(viewer_id)
        except CasTyouError as error:
            return self._error(error)
        return self._success("admin.grant_approved" if approve else "admin.grant_rejected")

    @rx.event
    def approve(self, grant_id: str) -> EventSpec:
        """Approve (and credit) another admin's pending grant."""
        try:
            viewer = self._require(Role.ADMIN)
        except CasTyouError as error:
            return self._error(error)
        return self._decide(viewer.id, grant_id, approve=True)

    @rx.event
    def reject(self, grant_id: str) -> EventSpec:
        try:
            viewer = self._require(Role.ADMIN)
        except CasTyouError as error:
            return self._error(error)
        return self._decide(viewer.id, grant_id, approve=False)
