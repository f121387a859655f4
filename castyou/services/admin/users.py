"""Admin user management: search, a user's CasTars, purchases and requests, role changes.

Role changes lock every admin row before counting them, so two admins demoting
each other at the same moment are serialised and the second one is refused:
there is always at least one admin left.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import func
from sqlmodel import Session, col, select

from castyou.db import transaction
from castyou.models.concierge import ConciergeRequest
from castyou.models.ledger import Wallet
from castyou.models.user import Role, User
from castyou.services import live, search
from castyou.services.admin import promotions, sorting
from castyou.services.admin import purchases as admin_purchases
from castyou.services.admin.audit import check_page, record_admin_action
from castyou.services.castars import ledger
from castyou.services.errors import Conflict, InvalidInput, NotFound
from castyou.services.roles import require_admin

MAX_QUERY_LENGTH = 100
OVERVIEW_ROWS = 10


@dataclass(frozen=True)
class UserPage:
    items: list[User]
    total: int
    page: int
    page_size: int
    balances: dict[int, int] = field(default_factory=dict)


@dataclass(frozen=True)
class RequestPage:
    items: list[ConciergeRequest]
    total: int


@dataclass(frozen=True)
class UserOverview:
    user: User
    balance: int
    lifetime_stars: int
    history: ledger.HistoryPage
    purchases: admin_purchases.PurchasePage
    requests: RequestPage


_BALANCE = func.coalesce(col(Wallet.balance), 0)
SORTS: dict[str, Any] = {
    "id": col(User.id),
    "name": func.lower(col(User.display_name)),
    "email": col(User.email),
    "role": col(User.role),
    "joined": col(User.created_at),
    "balance": _BALANCE,
}


def search_users(
    *,
    session: Session,
    actor_id: int,
    query: str,
    page: int = 1,
    page_size: int = 20,
    sort: str = "id",
    descending: bool = False,
) -> UserPage:
    """Users whose email or name contains ``query`` (case-insensitive), with their balance.

    By id unless ``sort`` (one of :data:`SORTS`; anything else is refused) says otherwise.
    """
    require_admin(session, actor_id)
    page, page_size = check_page(page, page_size)
    if not isinstance(query, str) or len(query) > MAX_QUERY_LENGTH:
        raise InvalidInput("admin.invalid_query", max=MAX_QUERY_LENGTH)
    order = sorting.order(SORTS, sort, descending, col(User.id))
    term = query.strip()
    condition = col(User.id).in_(search.user_ids(session.get_bind().dialect.name, term))
    total = session.exec(select(func.count()).select_from(User).where(condition)).one()
    rows = session.exec(
        select(User, _BALANCE)
        .outerjoin(Wallet, col(Wallet.user_id) == col(User.id))
        .where(condition)
        .order_by(*order)
        .offset((page - 1) * page_size)
        .limit(page_size)
    ).all()
    balances = {user.id or 0: int(balance) for user, balance in rows}
    return UserPage([user for user, _ in rows], total, page, page_size, balances)


def user_concierge_requests(
    *, session: Session, actor_id: int, user_id: int, limit: int = OVERVIEW_ROWS
) -> RequestPage:
    """A user's latest ``limit`` concierge requests (newest first) and how many they made."""
    require_admin(session, actor_id)
    _, limit = check_page(1, limit)
    owned = col(ConciergeRequest.user_id) == user_id
    total = session.exec(select(func.count()).select_from(ConciergeRequest).where(owned)).one()
    rows = session.exec(
        select(ConciergeRequest)
        .where(owned)
        .order_by(col(ConciergeRequest.created_at).desc(), col(ConciergeRequest.id).desc())
        .limit(limit)
    ).all()
    return RequestPage(list(rows), total)


def user_overview(
    *, session: Session, actor_id: int, user_id: int, after: str | None = None
) -> UserOverview:
    """A user's balance, lifetime stars, a page of their ledger, latest purchases and requests.

    The purchases come from :func:`admin_purchases.list_purchases` filtered on the user,
    so they read exactly as in the Purchases tab (with its paid/refunded totals).
    """
    require_admin(session, actor_id)
    user = session.get(User, user_id)
    if user is None or user.id is None:
        raise NotFound("admin.unknown_user")
    balance = ledger.get_balance(session=session, user_id=user.id)
    page = ledger.history(session=session, user_id=user.id, first=20, after=after)
    purchases = admin_purchases.list_purchases(
        session=session,
        actor_id=actor_id,
        filters=admin_purchases.PurchaseFilter(user=str(user.id)),
        page_size=OVERVIEW_ROWS,
    )
    requests = user_concierge_requests(session=session, actor_id=actor_id, user_id=user.id)
    return UserOverview(user, balance.balance, balance.lifetime_stars, page, purchases, requests)


def change_role(*, session: Session, actor_id: int, user_id: int, role: str) -> User:
    """Give ``user_id`` another role; the last admin can never be demoted.

    Making someone an ADMIN only asks for it (:mod:`promotions`): a second admin
    approves before the role changes, so the user comes back with their old role.
    """
    if role not in {r.value for r in Role}:
        raise InvalidInput("admin.invalid_role")
    new_role = Role(role)
    if new_role == Role.ADMIN:
        promotions.request_promotion(session=session, actor_id=actor_id, user_id=user_id)
        user = session.get(User, user_id)
        assert user is not None
        return user
    with transaction(session):
        admin_ids = set(
            session.exec(
                select(User.id)
                .where(User.role == Role.ADMIN)
                .with_for_update()
                .execution_options(populate_existing=True)
            ).all()
        )
        require_admin(session, actor_id)
        user = session.get(User, user_id, populate_existing=True)
        if user is None or user.id is None:
            raise NotFound("admin.unknown_user")
        old_role = Role(user.role)
        if old_role == new_role:
            return user
        if old_role == Role.ADMIN and admin_ids - {user.id} == set():
            raise Conflict("admin.last_admin")
        user.role = new_role
        session.add(user)
        record_admin_action(
            session=session,
            admin_id=actor_id,
            action="user.role_changed",
            target_type="user",
            target_id=user.id,
            before={"role": old_role.value},
            after={"role": new_role.value},
        )
        live.announce(session, live.user_channel(user.id))
    return user
