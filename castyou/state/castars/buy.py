"""/castars/buy: pick a bundle, pay by card, see the stars arrive when the webhook lands."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import date

import reflex as rx
from reflex.event import EventSpec

from castyou.i18n import format_money, format_number
from castyou.services.errors import CasTyouError, NotAuthenticated
from castyou.services.payments import bundles, simulator
from castyou.services.payments import checkout as payments
from castyou.services.payments.stripe_gateway import simulator_allowed
from castyou.settings import get_settings
from castyou.state import args, live_registry
from castyou.state.guard import Ctx, PublicCtx, guarded, public
from castyou.state.session import SessionState

FAILURE_KEYS = {
    "generic_decline": "payments.declined",
    "card_declined": "payments.declined",
    "insufficient_funds": "payments.insufficient_funds",
    "expired_card": "payments.expired_card",
    "incorrect_cvc": "payments.incorrect_cvc",
    "test_mode_live_card": "payments.test_mode_live_card",
}
_MAX_FIELD = 40
_MAX_MESSAGE = 300


@dataclass
class BundleCard:
    """A bundle on sale as the buy page shows it."""

    id: str = ""
    name: str = ""
    stars: str = ""
    bonus: str = ""
    price: str = ""
    best_value: bool = False


class BuyState(SessionState):
    """Phases: ``select`` → ``card`` → (``processing``) → ``success``; errors stay on ``card``."""

    bundle_cards: rx.Field[list[BundleCard]] = rx.field(default_factory=list)
    phase: str = "select"
    processing: bool = False
    summary: str = ""
    pay_error: str = ""
    success_text: str = ""
    receipt_href: str = ""
    payment_mode: str = "local"
    publishable_key: str = ""
    client_secret: str = ""
    suggested_id: str = ""
    number_error: str = ""
    expiry_error: str = ""
    cvc_error: str = ""
    _purchase_id: int | None = None

    def _card(self, bundle: bundles.BundleView) -> BundleCard:
        return BundleCard(
            id=bundle.id,
            name=bundle.name,
            stars=self._t("payments.stars", stars=format_number(bundle.stars, self.lang)),
            bonus=self._t(
                "payments.bonus",
                bonus=format_number(bundle.bonus_stars, self.lang),
                percent=bundle.bonus_percent,
            )
            if bundle.bonus_stars
            else self._t("payments.no_bonus"),
            price=format_money(bundle.price_cents, bundle.currency, self.lang),
            best_value=bundle.best_value,
        )

    def _reset_checkout(self) -> None:
        self.phase, self.processing, self._purchase_id = "select", False, None
        self.summary = self.pay_error = self.success_text = self.receipt_href = ""
        self.client_secret = ""
        self._show_card_problems({})

    def _show_card_problems(self, problems: dict[str, str]) -> None:
        """One message under each card field the form refused (empty clears them)."""
        self.number_error = self._t(problems["number"]) if "number" in problems else ""
        self.expiry_error = self._t(problems["expiry"]) if "expiry" in problems else ""
        self.cvc_error = self._t(problems["cvc"]) if "cvc" in problems else ""

    def _card_problems(self, form: dict) -> dict[str, str]:
        fields = form if isinstance(form, dict) else {}
        return simulator.card_problems(
            number=str(fields.get("card_number", ""))[:_MAX_FIELD],
            expiry=str(fields.get("card_expiry", ""))[:_MAX_FIELD],
            cvc=str(fields.get("card_cvc", ""))[:_MAX_FIELD],
            today=date.today(),
        )

    @rx.event
    @public()
    def load(self, ctx: PublicCtx) -> EventSpec | None:
        """Bundles on sale and the payment mode (after the login guard)."""
        self._reset_checkout()
        settings = get_settings()
        self.payment_mode = settings.payment_mode
        self.publishable_key = settings.stripe_publishable_key or ""
        suggested = self.router.url.query_parameters.get("bundle", "")
        self.suggested_id = suggested[:40] if isinstance(suggested, str) else ""
        self.bundle_cards = [self._card(b) for b in bundles.list_active(session=ctx.db)]
        return None

    @rx.event
    @guarded()
    def select_bundle(self, ctx: Ctx, bundle_id: str) -> EventSpec | None:
        """Open a purchase of ``bundle_id`` (price and stars come from the database)."""
        checkout = payments.create_payment_intent(
            session=ctx.db,
            user_id=ctx.viewer.id,
            bundle_id=args.text(
                bundle_id, min_len=1, max_len=_MAX_FIELD, key="payments.unknown_bundle"
            ),
        )
        self._purchase_id = checkout.purchase_id
        self.client_secret = checkout.client_secret if checkout.mode == "stripe" else ""
        self.summary = self._t(
            "payments.summary",
            bundle=checkout.bundle_name,
            stars=format_number(checkout.stars, self.lang),
            amount=format_money(checkout.amount_cents, checkout.currency, self.lang),
        )
        self.phase, self.pay_error = "card", ""
        return None

    @rx.event
    @public()
    def change_bundle(self, ctx: PublicCtx) -> None:
        if not self.processing:
            self._reset_checkout()

    def _backend_url(self) -> str:
        """Where this app's backend answers (the webhook route lives there).

        ``CASTYOU_PUBLIC_URL`` may be the static frontend server (``make run`` serves it on
        another port than the backend), so the simulator posts to Reflex's ``api_url``.
        """
        return rx.config.get_config().api_url or get_settings().public_url

    async def _confirm(self, ctx: Ctx, form: dict) -> None:
        """Pay the viewer's own open purchase with the card typed into ``form``.

        The read transaction is closed before the simulator's webhook round trip, so the
        status read afterwards sees what the webhook wrote.
        """
        checkout = payments.local_checkout(
            session=ctx.db, user_id=ctx.viewer.id, purchase_id=self._purchase_id or 0
        )
        ctx.db.commit()
        await simulator.confirm(
            checkout=checkout,
            number=args.field(
                form, "card_number", max_len=_MAX_FIELD, key="payments.card_number_invalid"
            ),
            expiry=args.field(
                form, "card_expiry", max_len=_MAX_FIELD, key="payments.card_expiry_invalid"
            ),
            cvc=args.field(form, "card_cvc", max_len=_MAX_FIELD, key="payments.card_cvc_invalid"),
            secret=get_settings().webhook_secret,
            base_url=self._backend_url(),
        )

    @rx.event
    @public()
    async def pay_local(self, ctx: PublicCtx, form: dict) -> AsyncIterator[EventSpec | None]:
        """Local mode: confirm through the simulator, which posts the signed webhook.

        The card fields arrive only as this call's argument; nothing of them is kept. Every
        refusal, a signed-out caller's included, shows on the card form (``pay_error``)
        rather than as a toast, so this handler is public and checks the viewer itself.
        """
        if self.processing or self.phase != "card" or not simulator_allowed():
            return
        problems = self._card_problems(form)
        self._show_card_problems(problems)
        self.pay_error = ""
        if problems:
            return
        self.processing = True
        yield None
        try:
            if ctx.viewer is None:
                raise NotAuthenticated()
            paying = Ctx(ctx.viewer, ctx.db)
            await self._confirm(paying, form)
        except CasTyouError as error:
            self.pay_error = self._t(error.code, **error.params)
            self.processing = False
            return
        self._apply_status(paying, show_failure=True)
        self.processing = False

    @rx.event
    @guarded(page_load=True)
    def stripe_confirmed(self, ctx: Ctx, _intent_id: str = "") -> None:
        """Stripe mode: Stripe.js confirmed; stars arrive with the webhook (see refresh)."""
        if self.phase == "card":
            self.processing, self.pay_error = True, ""
            self._apply_status(ctx, show_failure=False)

    @rx.event
    @public()
    def stripe_failed(self, ctx: PublicCtx, message: str) -> None:
        """Stripe mode: Stripe.js refused the card; show Stripe's message inline."""
        self.processing = False
        text = args.text(message, max_len=_MAX_MESSAGE) if message else ""
        self.pay_error = self._t(
            "payments.failed", message=text or self._t("payments.payment_failed")
        )

    def _failure_text(self, view: payments.PurchaseView) -> str:
        key = FAILURE_KEYS.get(view.failure_code or "")
        message = self._t(key) if key else (view.failure_message or "")
        return self._t("payments.failed", message=message or self._t("payments.payment_failed"))

    def _apply_status(self, ctx: Ctx, *, show_failure: bool) -> None:
        if self._purchase_id is None:
            return
        view = payments.purchase_status(
            session=ctx.db, user_id=ctx.viewer.id, purchase_id=self._purchase_id
        )
        if view.status == "COMPLETED":
            self.phase, self.processing = "success", False
            self.success_text = self._t(
                "payments.success_body",
                stars=format_number(view.stars, self.lang),
                balance=format_number(view.balance, self.lang),
            )
            self.receipt_href = view.receipt_url
        elif show_failure and view.status == "FAILED":
            self.processing = False
            self.pay_error = self._failure_text(view)

    @rx.event
    @guarded(page_load=True)
    def refresh(self, ctx: Ctx) -> None:
        """Live: the user's channel changed (the webhook landed)."""
        if self._purchase_id is not None and self.phase == "card":
            self._apply_status(ctx, show_failure=False)


live_registry.on_change("wallet", BuyState.refresh)
