"""CasTars ledger: every change of a balance, atomically and exactly once.

Each change updates the user's wallet row with one conditional statement (a debit
only while the balance covers it; the UPDATE locks the row) and appends a ledger
entry whose ``balance`` is the wallet balance after it, all in the caller's
transaction, with statements built once (:mod:`postings`). Every credit carries a
unique idempotency key, so a retried or concurrent duplicate returns the first
posting and pays nothing more.

The ledger posts money and nothing else. What follows a posting (Bounty notices,
live updates) subscribes with :func:`on_posted` and runs once per transaction for
each wallet it moved, just before the transaction commits.
"""

from __future__ import annotations

import base64
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlmodel import Session, col, select

from castyou.clock import utcnow
from castyou.db import before_commit, transaction, tx_data
from castyou.models.ledger import LedgerEntry, PurchaseReversal, Source, Wallet
from castyou.models.limits import ID_MAX
from castyou.models.user import User
from castyou.services.castars import postings
from castyou.services.errors import Conflict, InvalidInput, NotFound

MAX_AMOUNT = 10_000_000
MAX_PAGE = 100

PostedListener = Callable[[Session, int, int, int], None]
"""Called as ``listener(session, user_id, lifetime_before, lifetime_after)``."""
_LISTENERS: list[PostedListener] = []


@dataclass(frozen=True)
class Balance:
    balance: int
    lifetime_stars: int


@dataclass(frozen=True)
class Posting:
    """A ledger entry and whether this call created it (False: an idempotent replay)."""

    entry: LedgerEntry
    created: bool


@dataclass(frozen=True)
class Reversal:
    """A refunded card payment: what was debited and what the balance could not cover."""

    entry: LedgerEntry | None
    debited: int
    shortfall: int
    created: bool


@dataclass(frozen=True)
class HistoryPage:
    items: list[LedgerEntry]
    next_cursor: str | None


def check_amount(amount: object) -> int:
    """A positive integer within bounds, or InvalidInput."""
    if isinstance(amount, bool) or not isinstance(amount, int) or not 0 < amount <= MAX_AMOUNT:
        raise InvalidInput("ledger.invalid_amount", max=MAX_AMOUNT)
    return amount


def _ensure_wallet(session: Session, user_id: int) -> None:
    dialect = session.get_bind().dialect.name
    insert = pg_insert if dialect == "postgresql" else sqlite_insert
    statement = insert(Wallet).values(user_id=user_id, balance=0, lifetime_stars=0)
    session.execute(statement.on_conflict_do_nothing(index_elements=["user_id"]))


def _lock_wallet(session: Session, user_id: int) -> Wallet:
    """Lock the wallet row for this transaction (SQLite: the IMMEDIATE write lock).

    Only for the few changes that must read before they write (a reversal capped at
    the balance, a daily cap); a plain posting locks with its conditional UPDATE.
    """
    if session.get(User, user_id) is None:
        raise NotFound("ledger.unknown_user")
    _ensure_wallet(session, user_id)
    wallet = session.exec(
        select(Wallet)
        .where(Wallet.user_id == user_id)
        .with_for_update()
        .execution_options(populate_existing=True)
    ).one()
    return wallet


def _existing(session: Session, idem_key: str | None, user_id: int) -> LedgerEntry | None:
    """The entry already posted for ``idem_key``; a key owned by another user is a conflict."""
    if idem_key is None:
        return None
    entry = session.exec(select(LedgerEntry).where(LedgerEntry.idem_key == idem_key)).first()
    if entry is not None and entry.user_id != user_id:
        raise Conflict("ledger.source_conflict")
    return entry


def _post(
    session: Session,
    *,
    user_id: int,
    delta: int,
    source: Source,
    reason: str,
    ref_id: str | None = None,
    idem_key: str | None = None,
    lifetime_delta: int = 0,
    created_at: datetime | None = None,
) -> Posting:
    """Post one change in the caller's transaction (see :mod:`postings`).

    A negative ``lifetime_delta`` must already be capped at the wallet's lifetime stars.
    """
    values = postings.params(
        user_id=user_id,
        delta=delta,
        lifetime=lifetime_delta,
        source=source.value,
        reason=reason,
        ref_id=ref_id,
        idem_key=idem_key,
        created_at=created_at or utcnow(),
    )
    with transaction(session):
        posted = postings.post(session.connection(), values)
        _forget_wallet(session, user_id)
        if posted.created:
            _moved(session, user_id, posted.lifetime_before, posted.lifetime_after)
    return Posting(posted.entry(values), created=posted.created)


def _forget_wallet(session: Session, user_id: int) -> None:
    """A Wallet the session loaded earlier is stale after a Core UPDATE."""
    wallet = session.identity_map.get(session.identity_key(Wallet, user_id))
    if wallet is not None:
        session.expire(wallet)


def on_posted(listener: PostedListener) -> None:
    """Run ``listener`` once per transaction for every wallet the transaction moved."""
    if listener not in _LISTENERS:
        _LISTENERS.append(listener)


def _moved(session: Session, user_id: int, lifetime_before: int, lifetime_after: int) -> None:
    moved: dict[int, tuple[int, int]] = tx_data(session, "ledger_moved", dict)
    first_before = moved[user_id][0] if user_id in moved else lifetime_before
    moved[user_id] = (first_before, lifetime_after)
    before_commit(session, "ledger.posted", _notify_listeners)


def posted_listeners(session: Session, user_id: int, before: int, after: int) -> None:
    """Run every listener for one wallet now (a transaction of one posting)."""
    for listener in _LISTENERS:
        listener(session, user_id, before, after)


def _notify_listeners(session: Session) -> None:
    moved: dict[int, tuple[int, int]] = tx_data(session, "ledger_moved", dict)
    for user_id, (before, after) in moved.items():
        for listener in _LISTENERS:
            listener(session, user_id, before, after)


def get_balance(*, session: Session, user_id: int) -> Balance:
    """The user's balance and lifetime stars (zero before the first entry)."""
    wallet = session.get(Wallet, user_id, populate_existing=True)
    if wallet is None:
        return Balance(0, 0)
    return Balance(wallet.balance, wallet.lifetime_stars)


def spend_stars(
    *, session: Session, user_id: int, amount: int, reason: str, ref_id: str | None = None
) -> LedgerEntry:
    """Debit ``amount`` (SPENT). Raises InsufficientBalance and changes nothing when short."""
    amount = check_amount(amount)
    return _post(
        session, user_id=user_id, delta=-amount, source=Source.SPENT, reason=reason, ref_id=ref_id
    ).entry


def spend_stars_once(
    *, session: Session, user_id: int, amount: int, reason: str, ref_id: str, idem_key: str
) -> Posting:
    """Debit ``amount`` (SPENT) once per ``idem_key``: a repeat returns the first entry.

    The caller scopes the key to its user (``"store:{user_id}:{click key}"``), so one
    user's key can never replay another's spend.
    """
    amount = check_amount(amount)
    if not idem_key:
        raise InvalidInput("ledger.missing_source")
    return _post(
        session,
        user_id=user_id,
        delta=-amount,
        source=Source.SPENT,
        reason=reason,
        ref_id=ref_id,
        idem_key=idem_key,
    )


def spent_under_key(*, session: Session, user_id: int, idem_key: str) -> LedgerEntry | None:
    """The spend already posted under ``idem_key`` for this user, if any."""
    return _existing(session, idem_key, user_id)


def refund_spend(*, session: Session, spend_entry_id: int, reason: str) -> Posting:
    """Give back an earlier spend (REFUNDED, positive), at most once per spend."""
    with transaction(session):
        spend = session.get(LedgerEntry, spend_entry_id)
        if spend is None or spend.source != Source.SPENT:
            raise NotFound("ledger.unknown_spend")
        return _post(
            session,
            user_id=spend.user_id,
            delta=-spend.delta,
            source=Source.REFUNDED,
            reason=reason,
            ref_id=spend.ref_id,
            idem_key=f"refund_spend:{spend.id}",
        )


def credit_purchase(
    *, session: Session, user_id: int, stars: int, payment_id: str, reason: str
) -> Posting:
    """Credit bought stars (PURCHASED), exactly once per payment id."""
    stars = check_amount(stars)
    if not payment_id:
        raise InvalidInput("ledger.missing_source")
    return _post(
        session,
        user_id=user_id,
        delta=stars,
        source=Source.PURCHASED,
        reason=reason,
        ref_id=payment_id[:64],
        idem_key=f"purchase:{payment_id}",
        lifetime_delta=stars,
    )


def reverse_purchase(
    *, session: Session, user_id: int, stars: int, refund_id: str, reason: str
) -> Reversal:
    """Take back refunded stars (REFUNDED, negative), once per refund id.

    The debit is capped at what the balance holds (stars already spent stay spent;
    the rest is returned as ``shortfall`` for the caller to record). Lifetime stars
    drop by the full reversed amount, so buy → Bounty → refund cannot farm Bounties.
    Every reversal, even one that debits nothing, is kept in ``castars_reversals``
    under its refund id, so a repeat changes nothing.
    """
    stars = check_amount(stars)
    if not refund_id:
        raise InvalidInput("ledger.missing_source")
    idem_key = f"refund:{refund_id}"
    with transaction(session):
        wallet = _lock_wallet(session, user_id)
        earlier = _earlier_reversal(session, idem_key, user_id, stars)
        if earlier is not None:
            return earlier
        debit = min(stars, wallet.balance)
        entry = None
        if debit:
            entry = _post(
                session,
                user_id=user_id,
                delta=-debit,
                source=Source.REFUNDED,
                reason=reason,
                ref_id=refund_id[:64],
                idem_key=idem_key,
                lifetime_delta=-min(stars, wallet.lifetime_stars),
            ).entry
        else:
            _lower_lifetime(session, wallet, stars)
        session.add(
            PurchaseReversal(
                idem_key=idem_key,
                user_id=user_id,
                stars=stars,
                debited=debit,
                entry_id=entry.id if entry else None,
            )
        )
        session.flush()
    return Reversal(entry, debit, stars - debit, created=True)


def _earlier_reversal(session: Session, idem_key: str, user_id: int, stars: int) -> Reversal | None:
    """The reversal already applied under ``idem_key``, if any (a replay)."""
    done = session.exec(
        select(PurchaseReversal).where(PurchaseReversal.idem_key == idem_key)
    ).first()
    if done is not None:
        entry = session.get(LedgerEntry, done.entry_id) if done.entry_id else None
        return Reversal(entry, done.debited, done.stars - done.debited, created=False)
    entry = _existing(session, idem_key, user_id)  # reversed before 0007 kept reversals
    if entry is not None:
        return Reversal(entry, -entry.delta, stars + entry.delta, created=False)
    return None


def _lower_lifetime(session: Session, wallet: Wallet, stars: int) -> None:
    lifetime = max(wallet.lifetime_stars - stars, 0)
    session.execute(
        update(Wallet).where(col(Wallet.user_id) == wallet.user_id).values(lifetime_stars=lifetime)
    )
    session.expire(wallet)


def grant_stars(*, session: Session, user_id: int, amount: int, reason: str, key: str) -> Posting:
    """Credit stars an admin granted (EARNED), once per ``key``."""
    amount = check_amount(amount)
    return _post(
        session,
        user_id=user_id,
        delta=amount,
        source=Source.EARNED,
        reason=reason,
        ref_id=key[:64],
        idem_key=f"grant:{key}",
        lifetime_delta=amount,
    )


def earn(
    *,
    session: Session,
    user_id: int,
    stars: int,
    reason: str,
    ref_id: str,
    idem_key: str,
    created_at: datetime | None = None,
) -> Posting:
    """Credit earned stars (EARNED) once per ``idem_key``; used by the earning rules."""
    return _post(
        session,
        user_id=user_id,
        delta=check_amount(stars),
        source=Source.EARNED,
        reason=reason,
        ref_id=ref_id[:64],
        idem_key=idem_key,
        lifetime_delta=stars,
        created_at=created_at,
    )


def _encode_cursor(entry_id: int) -> str:
    return base64.urlsafe_b64encode(f"e{entry_id}".encode()).decode().rstrip("=")


def _decode_cursor(cursor: str) -> int:
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode()
        if not raw.startswith("e") or not raw[1:].isascii() or not raw[1:].isdigit():
            raise ValueError(raw)
        entry_id = int(raw[1:])
        if not 1 <= entry_id <= ID_MAX:
            raise ValueError(raw)
        return entry_id
    except (ValueError, UnicodeDecodeError):
        raise InvalidInput("ledger.invalid_cursor") from None


def history(
    *, session: Session, user_id: int, first: int = 20, after: str | None = None
) -> HistoryPage:
    """A page of the user's entries, newest first; ``after`` is the previous page's cursor."""
    if isinstance(first, bool) or not isinstance(first, int) or not 1 <= first <= MAX_PAGE:
        raise InvalidInput("ledger.invalid_page_size", max=MAX_PAGE)
    query = select(LedgerEntry).where(LedgerEntry.user_id == user_id)
    if after:
        query = query.where(col(LedgerEntry.id) < _decode_cursor(after))
    rows = list(session.exec(query.order_by(col(LedgerEntry.id).desc()).limit(first + 1)))
    items = rows[:first]
    more = len(rows) > first and items[-1].id is not None
    return HistoryPage(items, _encode_cursor(items[-1].id) if more and items[-1].id else None)
