"""Stripe Elements card form (Stripe mode): card data goes from the browser to Stripe only.

Wraps ``@stripe/react-stripe-js``: ``<Elements>`` with the PaymentIntent's client
secret and a ``CardElement``; on submit Stripe.js confirms the intent and the
component reports the outcome. Stars are credited only by the webhook.
"""

from __future__ import annotations

import reflex as rx
from reflex.event import EventHandler, passthrough_event_spec
from reflex.vars.base import Var

REACT_STRIPE = "@stripe/react-stripe-js@7.0.1"
STRIPE_JS = "@stripe/stripe-js@10.2.1"

_COMPONENT_JS = """
const castyouStripePromises = {};
function castyouLoadStripe(key) {
  if (!castyouStripePromises[key]) castyouStripePromises[key] = loadStripe(key);
  return castyouStripePromises[key];
}
function CastyouCardForm({clientSecret, payLabel, onSucceeded, onFailed}) {
  const stripe = useStripe();
  const elements = useElements();
  const [busy, setBusy] = useState(false);
  const submit = async (event) => {
    event.preventDefault();
    if (!stripe || !elements || busy) return;
    setBusy(true);
    const result = await stripe.confirmCardPayment(clientSecret, {
      payment_method: {card: elements.getElement(CardElement)},
    });
    setBusy(false);
    if (result.error) {
      if (onFailed) onFailed(result.error.message || "");
    } else if (onSucceeded) {
      onSucceeded(result.paymentIntent.id);
    }
  };
  return createElement("form", {onSubmit: submit, id: "stripe-card-form",
      style: {display: "flex", flexDirection: "column", gap: "0.75rem", width: "100%"}},
    createElement("div", {style: {padding: "0.75rem", border: "1px solid var(--gray-a7)",
      borderRadius: "var(--radius-2)"}},
      createElement(CardElement, {options: {hidePostalCode: true}})),
    createElement("button", {type: "submit", disabled: !stripe || busy, id: "pay-button",
      className: "rt-reset rt-BaseButton rt-r-size-3 rt-variant-solid rt-Button"},
      busy ? "…" : payLabel));
}
function CastyouStripeCheckout({publishableKey, clientSecret, ...rest}) {
  if (!publishableKey || !clientSecret) return null;
  return createElement(Elements, {stripe: castyouLoadStripe(publishableKey),
      options: {clientSecret}},
    createElement(CastyouCardForm, {clientSecret, ...rest}));
}
"""


class StripeCheckout(rx.Component):
    """``<CastyouStripeCheckout publishableKey clientSecret payLabel onSucceeded onFailed>``."""

    tag = "CastyouStripeCheckout"

    publishable_key: Var[str]
    client_secret: Var[str]
    pay_label: Var[str]

    on_succeeded: EventHandler[passthrough_event_spec(str)]  # type: ignore[type-arg,valid-type]
    on_failed: EventHandler[passthrough_event_spec(str)]  # type: ignore[type-arg,valid-type]

    def add_imports(self) -> dict:
        return {
            "react": ["useState", "createElement"],
            REACT_STRIPE: ["Elements", "CardElement", "useStripe", "useElements"],
            # The "pure" entry loads Stripe.js only when loadStripe is called (Stripe
            # mode); the package root would fetch it from Stripe on every page load.
            STRIPE_JS: [rx.ImportVar(tag="loadStripe", package_path="/pure")],
        }

    def add_custom_code(self) -> list[str]:
        return [_COMPONENT_JS]


stripe_checkout = StripeCheckout.create
