"""/ for a signed-in user: a dashboard of balance, Bounty, boosts, concierge and next steps."""

from __future__ import annotations

from dataclasses import asdict, dataclass

import reflex as rx

from castyou.i18n import format_datetime, format_number
from castyou.services import dashboard
from castyou.services.castars import referrals
from castyou.services.castars.earn_rules import BOUNTY_MILESTONE_STARS
from castyou.state import live_registry
from castyou.state.guard import PublicCtx, public
from castyou.state.session import SessionState


@dataclass
class BoostRow:
    name: str = ""
    until: str = ""


@dataclass
class StepRow:
    text: str = ""
    href: str = ""


class HomeState(SessionState):
    """What the home dashboard shows; empty for visitors."""

    balance_text: str = ""
    bounty_text: str = ""
    bounty_percent: int = 0
    bounties_ready: int = 0
    boosts: rx.Field[list[BoostRow]] = rx.field(default_factory=list)
    concierge_text: str = ""
    steps: rx.Field[list[StepRow]] = rx.field(default_factory=list)
    referrals_text: str = ""

    def _show(self, summary: dashboard.HomeSummary) -> None:
        lang = self.lang
        self.balance_text = format_number(summary.balance, lang)
        self.bounty_text = self._t(
            "home.bounty_progress",
            current=format_number(summary.bounty_progress, lang),
            total=format_number(BOUNTY_MILESTONE_STARS, lang),
            milestone=format_number(summary.next_milestone, lang),
        )
        self.bounty_percent = summary.bounty_progress * 100 // BOUNTY_MILESTONE_STARS
        self.bounties_ready = summary.bounties_ready
        self.boosts = [
            BoostRow(
                self._t(f"store.feature.{boost.feature}.name"),
                self._t("home.boost_until", until=format_datetime(boost.ends_at, lang, "short"))
                if boost.ends_at
                else "",
            )
            for boost in summary.boosts
        ]
        if summary.concierge_latest_status:
            self.concierge_text = self._t(
                "home.concierge_status",
                open=summary.concierge_open,
                status=self._t(f"concierge.status.{summary.concierge_latest_status}"),
            )
        else:
            self.concierge_text = self._t("home.concierge_none")
        self.steps = [StepRow(self._t(step.key), step.href) for step in summary.steps]

    @rx.event
    @public()
    def load(self, ctx: PublicCtx) -> None:
        """Fill the dashboard for a signed-in viewer (after ``load_session``)."""
        if ctx.viewer is None or self.router.url.path not in ("", "/"):
            return
        self._show(
            dashboard.home_summary(session=ctx.db, user_id=ctx.viewer.id, role=ctx.viewer.role)
        )
        mine = referrals.summary(session=ctx.db, referrer_id=ctx.viewer.id)
        self.referrals_text = (
            self._t("home.referrals_status", **asdict(mine))
            if mine.paid + mine.pending + mine.not_paid
            else ""
        )


for _kind in ("wallet", "requests"):
    live_registry.on_change(_kind, HomeState.load)
