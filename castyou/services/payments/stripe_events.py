"""The Stripe event fields CasTyou reads, as strict typed shapes.

A verified body is decoded and checked against these models before anything is
stored or looked up: ids are short ASCII tokens, amounts and user ids integers
within the columns' range, texts free of NUL and lone surrogates. Anything else is
junk, refused with 400 and not stored (a retry of junk would fail the same way).
Fields CasTyou does not read are ignored, so new Stripe fields never break parsing.
"""

from __future__ import annotations

import json
from typing import Annotated, Any

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationError,
)

from castyou.models.limits import ID_MAX

MAX_DEPTH = 32


class InvalidEvent(ValueError):
    """The body is not a Stripe event CasTyou can read."""


def _clean(value: str) -> str:
    if "\x00" in value:
        raise ValueError("NUL in text")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise ValueError("lone surrogate in text") from None
    return value


StripeId = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9_:.\-]{1,255}$")]
EventType = Annotated[str, StringConstraints(pattern=r"^[a-z0-9_.]{1,100}$")]
Text = Annotated[str, StringConstraints(max_length=2000), AfterValidator(_clean)]
Cents = Annotated[int, Field(ge=0, le=ID_MAX)]


def _in_id_range(value: str) -> str:
    if int(value) > ID_MAX:
        raise ValueError("id past the column's range")
    return value


DigitsId = Annotated[str, StringConstraints(pattern=r"^[0-9]{1,10}$"), AfterValidator(_in_id_range)]
Currency = Annotated[str, StringConstraints(pattern=r"^[A-Za-z]{3}$")]


class _Shape(BaseModel):
    model_config = ConfigDict(extra="ignore", strict=True, frozen=True)


class Metadata(_Shape):
    user_id: DigitsId | None = None
    purchase_id: DigitsId | None = None
    bundle_id: Annotated[str, StringConstraints(pattern=r"^[a-z0-9_-]{1,32}$")] | None = None

    def int_of(self, name: str) -> int | None:
        value = getattr(self, name)
        return None if value is None else int(value)


class PaymentError(_Shape):
    code: Text | None = None
    decline_code: Text | None = None
    message: Text | None = None


class PaymentIntent(_Shape):
    id: StripeId
    object: str = "payment_intent"
    amount: Cents
    amount_received: Cents | None = None
    currency: Currency
    metadata: Metadata = Metadata()
    last_payment_error: PaymentError | None = None
    # An id, or the expanded method whose card brand and last four the receipt shows
    # (read leniently by ``events.card_details``: a junk card is no card, not junk).
    payment_method: Any = None


class Refund(_Shape):
    id: StripeId
    amount: Cents = 0
    status: Text | None = None


class RefundList(_Shape):
    data: list[Refund] = []


class Charge(_Shape):
    id: StripeId
    payment_intent: StripeId | None = None
    amount_refunded: Cents = 0
    refunds: RefundList | None = None


class _Data(_Shape):
    object: dict[str, Any]


class Envelope(_Shape):
    id: StripeId
    type: EventType
    data: _Data


OBJECTS: dict[str, type[_Shape]] = {
    "payment_intent.succeeded": PaymentIntent,
    "payment_intent.payment_failed": PaymentIntent,
    "charge.refunded": Charge,
}


def _depth(value: Any, limit: int) -> bool:
    """True when ``value`` nests no deeper than ``limit`` (iterative: no recursion)."""
    stack = [(value, 0)]
    while stack:
        item, level = stack.pop()
        if level > limit:
            return False
        if isinstance(item, dict):
            stack.extend((child, level + 1) for child in item.values())
        elif isinstance(item, list):
            stack.extend((child, level + 1) for child in item)
    return True


def parse(payload: bytes) -> tuple[Envelope, _Shape | None, dict[str, Any], str]:
    """The envelope, the typed object of a handled event type (else None), the raw dict
    and the body as text (strict UTF-8: what is stored)."""
    try:
        text = payload.decode("utf-8")
        raw = json.loads(text)
    except (ValueError, RecursionError):
        raise InvalidEvent("body is not UTF-8 JSON") from None
    if not isinstance(raw, dict):
        raise InvalidEvent("body is not a JSON object")
    if not _depth(raw, MAX_DEPTH):
        raise InvalidEvent("body nests too deep")
    try:
        envelope = Envelope.model_validate(raw)
        shape = OBJECTS.get(envelope.type)
        data_object = shape.model_validate(envelope.data.object) if shape else None
    except ValidationError as error:
        where = ".".join(str(part) for part in error.errors()[0]["loc"])
        raise InvalidEvent(f"not a Stripe event CasTyou reads ({where or 'body'})") from None
    return envelope, data_object, raw, text
