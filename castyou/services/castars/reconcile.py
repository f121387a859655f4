"""Ledger audit: recompute every wallet from its entries and check the running-balance chain.

Entries are read in (user, id) order in batches, so the audit runs in constant
memory however long the ledger grows.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from itertools import groupby

from sqlmodel import Session, col, select

from castyou.models.ledger import LedgerEntry, Source, Wallet

_BATCH = 2_000
_POSITIVE = {Source.PURCHASED, Source.EARNED}
MAX_REPORTED = 50


@dataclass(frozen=True)
class Mismatch:
    user_id: int
    kind: str
    detail: str


@dataclass
class AuditReport:
    wallets: int = 0
    entries: int = 0
    users: int = 0
    mismatches: list[Mismatch] = field(default_factory=list)
    mismatch_count: int = 0

    @property
    def clean(self) -> bool:
        return self.mismatch_count == 0

    def add(self, user_id: int, kind: str, detail: str) -> None:
        self.mismatch_count += 1
        if len(self.mismatches) < MAX_REPORTED:
            self.mismatches.append(Mismatch(user_id, kind, detail))


@dataclass
class _Totals:
    balance: int = 0
    credited: int = 0


def _entries(session: Session) -> Iterator[LedgerEntry]:
    query = select(LedgerEntry).order_by(col(LedgerEntry.user_id), col(LedgerEntry.id))
    yield from session.exec(query.execution_options(yield_per=_BATCH))


def _check_entry(report: AuditReport, entry: LedgerEntry, totals: _Totals) -> None:
    expected = totals.balance + entry.delta
    if entry.balance != expected:
        report.add(
            entry.user_id,
            "chain",
            f"entry {entry.id}: balance {entry.balance}, expected {expected}",
        )
    if entry.balance < 0:
        report.add(entry.user_id, "negative", f"entry {entry.id}: balance {entry.balance}")
    source = Source(entry.source)
    if (source in _POSITIVE and entry.delta <= 0) or (source == Source.SPENT and entry.delta >= 0):
        report.add(entry.user_id, "sign", f"entry {entry.id}: {source.value} {entry.delta:+d}")
    if source in _POSITIVE:
        totals.credited += entry.delta
    totals.balance = expected


def _check_wallet(report: AuditReport, user_id: int, wallet: Wallet | None, t: _Totals) -> None:
    balance = wallet.balance if wallet else 0
    if balance != t.balance:
        report.add(user_id, "balance", f"wallet {balance}, sum of deltas {t.balance}")
    if wallet is not None and not 0 <= wallet.lifetime_stars <= t.credited:
        report.add(
            user_id,
            "lifetime",
            f"lifetime {wallet.lifetime_stars}, bought + earned {t.credited}",
        )


def run_audit(*, session: Session) -> AuditReport:
    """Check every wallet against its entries; read-only.

    Lifetime stars are checked as far as the ledger allows: they can never exceed
    the stars bought and earned (a reversed purchase may lower them further).
    """
    report = AuditReport()
    wallets = {w.user_id: w for w in session.exec(select(Wallet))}
    report.wallets = len(wallets)
    seen: set[int] = set()
    for user_id, entries in groupby(_entries(session), key=lambda entry: entry.user_id):
        totals = _Totals()
        for entry in entries:
            report.entries += 1
            _check_entry(report, entry, totals)
        _check_wallet(report, user_id, wallets.get(user_id), totals)
        seen.add(user_id)
    for user_id, wallet in wallets.items():
        if user_id not in seen:
            _check_wallet(report, user_id, wallet, _Totals())
    report.users = len(seen | set(wallets))
    return report
