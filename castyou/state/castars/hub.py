"""The header balance widget and the /castars hub (history, Bounties, redeem)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import reflex as rx
from reflex.event import EventSpec

from castyou.i18n import format_datetime, format_number
from castyou.models.ledger import LedgerEntry, Source
from castyou.services.castars import bounties, ledger
from castyou.services.castars.bounties import MAX_MILESTONE
from castyou.services.castars.bounty_rewards import BOUNTY_REWARDS, BountyType
from castyou.services.castars.earn_rules import BOUNTY_MILESTONE_STARS, PROFILE_SECTIONS
from castyou.services.payments import checkout
from castyou.state import args
from castyou.state.guard import Ctx, PublicCtx, guarded, public
from castyou.state.live_registry import on_change, show_everywhere
from castyou.state.session import SessionState

PAGE_SIZE = 20
SECTION_REASON = "earn.profile_section_completed"
MINUS = "\u2212"


@dataclass
class HistoryRow:
    """One ledger entry as the history tab shows it."""

    id: int = 0
    date: str = ""
    reason: str = ""
    source: str = ""
    delta: str = ""
    tone: str = ""
    balance: str = ""
    receipt: str = ""


@dataclass
class BountyRow:
    """A reached milestone waiting to be redeemed."""

    milestone: int = 0
    label: str = ""


@dataclass
class RedeemedRow:
    """A redeemed milestone and the reward chosen for it."""

    label: str = ""
    reward: str = ""


class WalletState(SessionState):
    """The signed-in user's balance in the header; glows while a Bounty waits."""

    balance_text: str = "0"
    bounty_ready: bool = False

    @rx.event
    @public()
    def refresh(self, ctx: PublicCtx) -> None:
        """Reload the balance ("0" for anonymous visitors)."""
        if ctx.viewer is None:
            self.balance_text, self.bounty_ready = "0", False
            return
        balance = ledger.get_balance(session=ctx.db, user_id=ctx.viewer.id).balance
        self.bounty_ready = bool(bounties.available_bounties(session=ctx.db, user_id=ctx.viewer.id))
        self.balance_text = format_number(balance, self.lang)


class CastarsState(SessionState):
    """The /castars hub: ledger history with a cursor, Bounty progress and redemption."""

    rows: rx.Field[list[HistoryRow]] = rx.field(default_factory=list)
    next_cursor: str = ""
    loaded: bool = False
    lifetime_text: str = ""
    progress_text: str = ""
    progress_percent: int = 0
    available: rx.Field[list[BountyRow]] = rx.field(default_factory=list)
    redeemed: rx.Field[list[RedeemedRow]] = rx.field(default_factory=list)
    redeem_milestone: int = 0

    def _reason(self, entry: LedgerEntry) -> str:
        """The entry's reason, naming the profile section a section reward was for."""
        reason = self._t(entry.reason)
        if entry.reason == SECTION_REASON and entry.ref_id in PROFILE_SECTIONS:
            section = self._t(f"profile.section.{entry.ref_id}")
            return self._t("history.section_completed", section=section)
        return reason

    def _row(self, entry: LedgerEntry, receipt: str) -> HistoryRow:
        sign = "+" if entry.delta > 0 else MINUS
        return HistoryRow(
            id=entry.id or 0,
            date=format_datetime(entry.created_at, self.lang, "short"),
            reason=self._reason(entry),
            source=self._t(f"source.{entry.source}"),
            delta=sign + format_number(abs(entry.delta), self.lang),
            tone="green" if entry.delta > 0 else "red",
            balance=self._t(
                "castars.balance_after", balance=format_number(entry.balance, self.lang)
            ),
            receipt=receipt,
        )

    def _load_history(self, ctx: Ctx, first: int, after: str | None) -> None:
        page = ledger.history(session=ctx.db, user_id=ctx.viewer.id, first=first, after=after)
        bought = [e.ref_id or "" for e in page.items if e.source == Source.PURCHASED]
        receipts = checkout.receipt_links(session=ctx.db, payment_ids=bought)
        rows = [self._row(entry, receipts.get(entry.ref_id or "", "")) for entry in page.items]
        self.rows = [*self.rows, *rows] if after else rows
        self.next_cursor = page.next_cursor or ""

    def _load_bounties(self, ctx: Ctx) -> None:
        status = bounties.bounty_status(session=ctx.db, user_id=ctx.viewer.id)
        self.lifetime_text = self._t(
            "castars.lifetime", lifetime=format_number(status.lifetime_stars, self.lang)
        )
        self.progress_text = self._t(
            "castars.progress",
            current=format_number(status.progress, self.lang),
            total=format_number(BOUNTY_MILESTONE_STARS, self.lang),
        )
        self.progress_percent = status.progress * 100 // BOUNTY_MILESTONE_STARS
        self.available = [
            BountyRow(m, self._t("castars.milestone", milestone=format_number(m, self.lang)))
            for m in status.available
        ]
        self.redeemed = [
            RedeemedRow(
                self._t("castars.milestone", milestone=format_number(r.milestone, self.lang)),
                self._t(f"bounty.{r.bounty_type}"),
            )
            for r in reversed(status.redeemed)
        ]

    @rx.event
    @guarded(page_load=True)
    def load(self, ctx: Ctx) -> EventSpec | None:
        """Page load: the first history page and the Bounty status."""
        self._load_history(ctx, PAGE_SIZE, None)
        self._load_bounties(ctx)
        self.loaded = True
        return None

    @rx.event
    @guarded(page_load=True)
    def refresh(self, ctx: Ctx) -> None:
        """Live update: reload what is shown (as many rows as are loaded)."""
        if not self.loaded:
            return
        first = min(max(len(self.rows), PAGE_SIZE), ledger.MAX_PAGE)
        self._load_history(ctx, first, None)
        self._load_bounties(ctx)

    @rx.event
    @guarded()
    def load_more(self, ctx: Ctx) -> EventSpec | None:
        if self.next_cursor:
            self._load_history(ctx, PAGE_SIZE, self.next_cursor)
        return None

    @rx.event
    @public()
    def open_redeem(self, ctx: PublicCtx, milestone: int) -> None:
        """Choose a reward for ``milestone`` (0 closes the chooser); checked again on redeem."""
        self.redeem_milestone = args.integer(milestone, low=0, high=MAX_MILESTONE)

    @rx.event
    @guarded()
    def redeem(self, ctx: Ctx, milestone: int, bounty_type: str) -> EventSpec | list[Any]:
        """Redeem one of the viewer's reached milestones for ``bounty_type``.

        The milestone goes to the service as sent: it accepts only a whole multiple of the
        milestone step, so a string such as ``"500"`` is refused there.
        """
        reward_type = args.choice(
            bounty_type, BountyType.__members__, key="castars.bounty_invalid_type"
        )
        bounties.redeem_bounty(
            session=ctx.db, user_id=ctx.viewer.id, milestone=milestone, bounty_type=reward_type
        )
        self._load_bounties(ctx)
        self.redeem_milestone = 0
        reward = self._t(BOUNTY_REWARDS[BountyType(reward_type)].label_key)
        return [self._success("castars.redeemed_toast", reward=reward), WalletState.refresh]


on_change("wallet", WalletState.refresh)
on_change("wallet", CastarsState.refresh)
show_everywhere(WalletState)
