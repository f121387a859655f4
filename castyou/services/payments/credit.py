"""The webhook's hot path: a paid intent is stored, matched and credited in one short
transaction of prebuilt statements, with no ORM unit of work.

``payment_intent.succeeded`` for a purchase that is open and paid at its exact price
(or, for an intent made elsewhere, at a bundle's exact price) takes this path:

1. ``INSERT`` the delivery as PROCESSED ``ON CONFLICT (event_id) DO NOTHING``: a
   repeat of the event stops here (acknowledged as a duplicate);
2. complete the purchase with one conditional ``UPDATE … RETURNING`` (or create it
   from the bundle with one ``INSERT … SELECT … ON CONFLICT DO NOTHING``);
3. credit the stars through the ledger's prebuilt posting (its key is the payment);
4. ``INSERT`` the buyer's notification ``ON CONFLICT (dedupe_key) DO NOTHING``.

Live updates and the ledger's listeners follow the commit as for any posting.
Everything else (a mismatch to flag, a purchase already paid, a delivery that failed
before, a refund) returns None: the caller takes the general path, whose outcome
rules are the reference; nothing of the fast attempt is kept then.
"""

from __future__ import annotations

import logging
import sqlite3
from typing import Any

from sqlalchemy import bindparam, text
from sqlalchemy.engine import Connection
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.sql.elements import TextClause

from castyou import routes
from castyou.clock import utcnow
from castyou.db import DriverText, WriteTx, write_tx
from castyou.models.ledger import Source
from castyou.models.notification import Notification
from castyou.models.payments import CasTarsPurchase, DeliveryOutcome
from castyou.services import live
from castyou.services.castars import standalone
from castyou.services.errors import CasTyouError
from castyou.services.payments.events import PURCHASE_REASON, card_details
from castyou.services.payments.stripe_events import Envelope, PaymentIntent

logger = logging.getLogger("castyou.webhooks")
_NOW = bindparam("now", type_=CasTarsPurchase.__table__.c.created_at.type)  # type: ignore[attr-defined]
_PURCHASE_COLUMNS = "id, user_id, stars_awarded, bundle_name"


def _sql(statement: str, *binds: object) -> TextClause:
    return text(statement).bindparams(_NOW, *binds)  # type: ignore[arg-type]


def _driver(statement: str) -> DriverText:
    return DriverText(_sql(statement))


CLAIM = _driver(
    "INSERT INTO stripe_webhook_deliveries (event_id, event_type, payment_id, payload, outcome,"
    " attempts, received_at, processed_at) VALUES (:event_id, :event_type, :payment_id,"
    " :payload, 'PROCESSED', 1, :now, :now) ON CONFLICT (event_id) DO NOTHING RETURNING id"
)
EARLIER = DriverText(
    text("SELECT outcome FROM stripe_webhook_deliveries WHERE event_id = :event_id")
)
COMPLETE = _driver(
    "UPDATE castars_purchases SET status = 'COMPLETED', completed_at = :now, updated_at = :now,"
    " failure_code = NULL, failure_message = NULL,"
    " card_brand = coalesce(:card_brand, card_brand),"
    " card_last4 = coalesce(:card_last4, card_last4)"
    " WHERE stripe_payment_id = :payment_id"
    " AND status IN ('PENDING', 'FAILED') AND price_cents = :amount"
    f" AND upper(currency) = :currency RETURNING {_PURCHASE_COLUMNS}"
)
CREATE = _driver(
    "INSERT INTO castars_purchases (user_id, bundle_id, bundle_name, stars_awarded, price_cents,"
    " currency, stripe_payment_id, status, refunded_cents, refunded_stars, refund_shortfall,"
    " card_brand, card_last4, created_at, updated_at, completed_at) SELECT :user_id, b.id,"
    " b.name, b.stars + b.bonus_stars, b.price_cents, b.currency, :payment_id, 'COMPLETED',"
    " 0, 0, 0, :card_brand, :card_last4, :now, :now, :now FROM castars_bundles b"
    " WHERE b.id = :bundle_id"
    " AND b.price_cents = :amount AND upper(b.currency) = :currency"
    " AND EXISTS (SELECT 1 FROM users WHERE id = :user_id)"
    f" ON CONFLICT (stripe_payment_id) DO NOTHING RETURNING {_PURCHASE_COLUMNS}"
)
NOTIFY = _sql(
    "INSERT INTO notifications (user_id, kind, params, link, dedupe_key, created_at)"
    " VALUES (:user_id, 'castars_purchased', :params, :link, :dedupe_key, :now)"
    " ON CONFLICT (dedupe_key) DO NOTHING",
    bindparam("params", type_=Notification.__table__.c.params.type),  # type: ignore[attr-defined]
)
# A buyer who asked for e-mailed receipts takes the general path, which queues the
# receipt in the same transaction as the credit (services/email/notices.py).
WANTS_RECEIPT = text("SELECT 1 FROM email_prefs WHERE user_id = :user_id AND purchase_receipts")


def _driver_errors() -> tuple[type[Exception], ...]:
    errors: list[type[Exception]] = [sqlite3.Error]
    try:
        import psycopg

        errors.append(psycopg.Error)
    except ImportError:  # pragma: no cover - SQLite-only installs
        pass
    return tuple(errors)


_DECLINED: tuple[type[Exception], ...] = (CasTyouError, SQLAlchemyError, *_driver_errors())


class _Fallback(Exception):
    """Not a case for the fast path: undo it and take the general one."""


def credit_paid_intent(envelope: Envelope, intent: PaymentIntent, payload: str) -> bool | None:
    """Apply a paid intent on the fast path: False when credited now, True when the
    event was handled before (a duplicate), None to take the general path."""
    received = intent.amount if intent.amount_received is None else intent.amount_received
    if received != intent.amount or not intent.amount:
        return None
    params = {
        "event_id": envelope.id,
        "event_type": envelope.type,
        "payment_id": intent.id,
        "payload": payload,
        "amount": intent.amount,
        "currency": intent.currency.upper(),
        "now": utcnow(),
    }
    params["card_brand"], params["card_last4"] = card_details(intent.payment_method)
    try:
        with write_tx() as tx:
            if CLAIM.execute(tx.conn, params).fetchone() is None:
                earlier = EARLIER.execute(tx.conn, params).fetchone()
                if earlier is not None and earlier[0] == DeliveryOutcome.ERROR:
                    raise _Fallback()
                return True
            purchase = COMPLETE.execute(tx.conn, params).fetchone()
            if purchase is None:
                purchase = _create(tx.conn, intent, params)
            if tx.conn.execute(WANTS_RECEIPT, {"user_id": purchase[1]}).first() is not None:
                raise _Fallback()
            _credit(tx, purchase, intent.id, params)
    except _Fallback:
        return None
    except _DECLINED as error:
        logger.info("fast path declined %s (%s): general path", envelope.id, error)
        return None
    return False


def _create(conn: Connection, intent: PaymentIntent, params: dict[str, object]) -> Any:
    metadata = intent.metadata
    user_id = metadata.int_of("user_id")
    if metadata.int_of("purchase_id") or user_id is None or metadata.bundle_id is None:
        raise _Fallback()
    values = {**params, "user_id": user_id, "bundle_id": metadata.bundle_id}
    row = CREATE.execute(conn, values).fetchone()
    if row is None:
        raise _Fallback()
    return row


def _credit(tx: WriteTx, purchase: Any, payment_id: str, params: dict[str, Any]) -> None:
    purchase_id, user_id, stars, bundle_name = (purchase[0], purchase[1], purchase[2], purchase[3])
    standalone.post_in(
        tx,
        user_id=user_id,
        delta=stars,
        source=Source.PURCHASED,
        reason=PURCHASE_REASON,
        ref_id=payment_id[:64],
        idem_key=f"purchase:{payment_id}",
        lifetime=stars,
    )
    tx.conn.execute(
        NOTIFY,
        {
            "user_id": user_id,
            "params": {"stars": stars, "bundle": bundle_name},
            "link": routes.receipt_url(purchase_id),
            "dedupe_key": f"purchase:{purchase_id}",
            "now": params["now"],
        },
    )
    live.announce(tx.hooks, live.notifications(user_id))
