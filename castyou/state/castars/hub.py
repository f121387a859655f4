"""The header balance widget and the /castars hub (history, Bounties, redeem)."""

from __future__ import annotations

from typing import Any

import reflex as rx
from reflex.event import EventSpec

from castyou.db import session_scope
from castyou.i18n import format_datetime, format_number
from castyou.models.ledger import LedgerEntry, Source
from castyou.services.castars import bounties, ledger
from castyou.services.castars.bounty_rewards import BOUNTY_REWARDS, BountyType
from castyou.services.castars.earn_rules import BOUNTY_MILESTONE_STARS
from castyou.services.errors import CasTyouError, InvalidInput
from castyou.services.payments import checkout
from castyou.state.live_registry import on_change
from castyou.state.session import SessionState

PAGE_SIZE = 20
MINUS = "\u2212"


class WalletState(SessionState):
    """The signed-in user's balance in the header; glows while a Bounty waits."""

    balance_text: str = "0"
    bounty_ready: bool = False

    @rx.event
    def refresh(self) -> None:
        viewer = self._viewer()
        if viewer is None:
            self.balance_text, self.bounty_ready = "0", False
            return
        with session_scope() as db:
            balance = ledger.get_balance(session=db, user_id=viewer.id).balance
            self.bounty_ready = bool(bounties.available_bounties(session=db, user_id=viewer.id))
        self.balance_text = format_number(balance, self.lang)


class CastarsState(SessionState):
    """The /castars hub: ledger history with a cursor, Bounty progress and redemption."""

    rows: rx.Field[list[dict[str, str]]] = rx.field(default_factory=list)
    next_cursor: str = ""
    loaded: bool = False
    lifetime_text: str = ""
    progress_text: str = ""
    progress_percent: int = 0
    available: rx.Field[list[dict[str, Any]]] = rx.field(default_factory=list)
    redeemed: rx.Field[list[dict[str, str]]] = rx.field(default_factory=list)
    redeem_milestone: int = 0

    def _row(self, entry: LedgerEntry) -> dict[str, str]:
        sign = "+" if entry.delta > 0 else MINUS
        return {
            "id": str(entry.id),
            "date": format_datetime(entry.created_at, self.lang, "short"),
            "reason": self._t(entry.reason),
            "source": self._t(f"source.{entry.source}"),
            "delta": sign + format_number(abs(entry.delta), self.lang),
            "tone": "green" if entry.delta > 0 else "red",
            "balance": self._t(
                "castars.balance_after", balance=format_number(entry.balance, self.lang)
            ),
        }

    def _load_history(self, user_id: int, first: int, after: str | None) -> None:
        with session_scope() as db:
            page = ledger.history(session=db, user_id=user_id, first=first, after=after)
            bought = [e.ref_id or "" for e in page.items if e.source == Source.PURCHASED]
            receipts = checkout.receipt_links(session=db, payment_ids=bought)
        rows = [
            {**self._row(entry), "receipt": receipts.get(entry.ref_id or "", "")}
            for entry in page.items
        ]
        self.rows = [*self.rows, *rows] if after else rows
        self.next_cursor = page.next_cursor or ""

    def _load_bounties(self, user_id: int) -> None:
        with session_scope() as db:
            status = bounties.bounty_status(session=db, user_id=user_id)
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
            {
                "milestone": m,
                "label": self._t("castars.milestone", milestone=format_number(m, self.lang)),
            }
            for m in status.available
        ]
        self.redeemed = [
            {
                "label": self._t(
                    "castars.milestone", milestone=format_number(r.milestone, self.lang)
                ),
                "reward": self._t(f"bounty.{r.bounty_type}"),
            }
            for r in reversed(status.redeemed)
        ]

    @rx.event
    def load(self) -> EventSpec | None:
        """Page load: the first history page and the Bounty status."""
        try:
            viewer = self._require()
            self._load_history(viewer.id, PAGE_SIZE, None)
            self._load_bounties(viewer.id)
        except CasTyouError as error:
            return None if self.viewer_role == "" else self._error(error)
        self.loaded = True
        return None

    @rx.event
    def refresh(self) -> None:
        """Live update: reload what is shown (as many rows as are loaded)."""
        if not self.loaded:
            return
        viewer = self._viewer()
        if viewer is None:
            return
        first = min(max(len(self.rows), PAGE_SIZE), ledger.MAX_PAGE)
        self._load_history(viewer.id, first, None)
        self._load_bounties(viewer.id)

    @rx.event
    def load_more(self) -> EventSpec | None:
        if not self.next_cursor:
            return None
        try:
            viewer = self._require()
            self._load_history(viewer.id, PAGE_SIZE, self.next_cursor)
        except CasTyouError as error:
            return self._error(error)
        return None

    @rx.event
    def open_redeem(self, milestone: int) -> None:
        """Choose a reward for ``milestone`` (0 closes the chooser); checked again on redeem."""
        valid = isinstance(milestone, int) and not isinstance(milestone, bool)
        self.redeem_milestone = milestone if valid and milestone >= 0 else 0

    @rx.event
    def redeem(self, milestone: int, bounty_type: str) -> EventSpec | list[Any]:
        """Redeem one of the viewer's reached milestones for ``bounty_type``."""
        try:
            viewer = self._require()
            if not isinstance(bounty_type, str) or bounty_type not in BountyType.__members__:
                raise InvalidInput("castars.bounty_invalid_type")
            with session_scope() as db:
                bounties.redeem_bounty(
                    session=db, user_id=viewer.id, milestone=milestone, bounty_type=bounty_type
                )
            self._load_bounties(viewer.id)
        except CasTyouError as error:
            return self._error(error)
        self.redeem_milestone = 0
        reward = self._t(BOUNTY_REWARDS[BountyType(bounty_type)].label_key)
        return [self._success("castars.redeemed_toast", reward=reward), WalletState.refresh]


on_change("user", WalletState.refresh)
on_change("user", CastarsState.refresh)
