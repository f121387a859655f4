"""Authorization matrix over every admin handler and admin service.

Each handler is called as anonymous, talent and producer with the service-level
guard switched off, so only the handler's own check stands between the caller and
the data: it must answer "not allowed"/"log in" and change nothing (database rows
and the state's own vars). As an admin the same call is allowed.
"""

from __future__ import annotations

import inspect
from dataclasses import dataclass
from typing import Any

import pytest
from sqlmodel import select

from castyou.models.admin import AdminGrant, AdminPromotion, GrantStatus, PromotionStatus
from castyou.models.payments import CasTarsPurchase, WebhookDelivery
from castyou.models.store import ActiveFeature
from castyou.models.user import Role, User
from castyou.services import roles
from castyou.services.admin import audit, bundles, purchases, stats
from castyou.services.errors import NotAllowed
from castyou.services.payments import webhooks
from castyou.services.store import activations
from castyou.state.admin.users import UserCard
from castyou.state.session import SessionState
from tests.casting_factories import make_talent
from tests.concierge_helpers import submit
from tests.factories import fund, login_token, make_user
from tests.payment_helpers import open_purchase, payment_event, secret, signed
from tests.state.admin_matrix import (
    admin_handlers,
    admin_services,
    admin_states,
    db_snapshot,
    state_snapshot,
)
from tests.state_helpers import call, new_state, rendered

REFUSALS = ("You are not allowed to do that.", "Please log in first.")
HANDLERS = admin_handlers()


@dataclass
class World:
    admin: User
    second_admin: User
    talent: User
    producer: User
    pending: AdminGrant
    boost: ActiveFeature
    purchase: CasTarsPurchase
    delivery_id: int
    request_id: int
    promotion_id: int


@pytest.fixture
def world(db) -> World:
    admin = make_user(db, Role.ADMIN)
    second = make_user(db, Role.ADMIN)
    talent = make_talent(db)
    producer = make_user(db, Role.PRODUCER)
    fund(db, talent, 700)
    boost = activations.spend_on_feature(
        session=db, user_id=talent.id, feature="PROFILE_BOOST", target_id=talent.id
    )
    grant = AdminGrant(
        user_id=talent.id,
        amount=50_000,
        reason="pending",
        requested_by_id=second.id,
        status=GrantStatus.PENDING,
    )
    promotion = AdminPromotion(
        user_id=producer.id, requested_by_id=second.id, status=PromotionStatus.PENDING
    )
    db.add_all([grant, promotion])
    db.commit()
    purchase = open_purchase(db, producer, "starter")
    body, signature = signed(payment_event(purchase))
    webhooks.handle_webhook(session=db, payload=body, signature=signature, secret=secret())
    delivery_id = db.exec(select(WebhookDelivery.id)).first()
    request_id = submit(db, producer).id
    return World(
        admin,
        second,
        talent,
        producer,
        grant,
        boost,
        purchase,
        delivery_id,
        request_id,
        promotion.id,
    )


def _form(w: World) -> dict[str, str]:
    """A form that fills every field any admin form reads, with values that would succeed."""
    return {
        "query": "user",
        "user_id": str(w.talent.id),
        "amount": "25",
        "reason": "matrix",
        "start": "",
        "end": "",
        "admin_id": "",
        "action": "",
        "target_type": "",
        "target_id": "",
        "since": "",
        "until": "",
    }


# Arguments for handlers whose generic arguments would not reach the protected work.
SPECIAL_ARGS: dict[str, Any] = {
    "AdminUsersState.change_role": lambda w: ["PRODUCER"],
    "AdminUsersState.turn_page": lambda w: [1],
    "AdminAuditState.turn_page": lambda w: [1],
    "AdminGrantsState.approve": lambda w: [str(w.pending.id)],
    "AdminGrantsState.reject": lambda w: [str(w.pending.id)],
    "AdminPromotionsState.approve_promotion": lambda w: [str(w.promotion_id)],
    "AdminPromotionsState.reject_promotion": lambda w: [str(w.promotion_id)],
    "AdminBoostsState.revoke": lambda w: [str(w.boost.id)],
    "AdminBundlesState.set_active": lambda w: ["starter", False],
    "AdminBundlesState.delete": lambda w: ["pro"],
    "AdminBundlesState.start_edit": lambda w: ["starter"],
    "AdminPurchasesState.refund": lambda w: [
        {"purchase_id": str(w.purchase.id), "reason": "matrix", "idempotency_key": "matrix-01"}
    ],
    "AdminPurchasesState.ask_refund": lambda w: [str(w.purchase.id)],
    "AdminPurchasesState.turn_page": lambda w: [1],
    "AdminWebhooksState.replay": lambda w: [str(w.delivery_id)],
}
# State prepared as a forged client might leave it (selected user) before the call.
PRESETS: dict[str, Any] = {
    "AdminUsersState": lambda w: {"selected": UserCard(id=w.talent.id)},
}


def _args(cls: type, name: str, w: World) -> list[Any]:
    key = f"{cls.__name__}.{name}"
    if key in SPECIAL_ARGS:
        return SPECIAL_ARGS[key](w)
    handler = getattr(cls, name).fn
    args: list[Any] = []
    for param in list(inspect.signature(handler).parameters.values())[1:]:
        if param.default is not inspect.Parameter.empty:
            break
        args.append(_form(w) if "form" in param.name else str(w.talent.id))
    return args


def _call(state: Any, name: str, args: list[Any]) -> str:
    return rendered(call(state, name, *args))


def _state(cls: type, w: World, user: User | None, db) -> Any:
    state = new_state(cls, token=login_token(db, user) if user else "")
    for var, value in PRESETS.get(cls.__name__, lambda _w: {})(w).items():
        setattr(state, var, value)
    return state


@pytest.fixture
def no_service_guard(monkeypatch):
    """Switch off the service-level admin guard so only the handler's check is tested."""
    import castyou.services as services_pkg
    from tests.state.admin_matrix import _modules

    original = roles.require_admin
    for module in _modules(services_pkg):
        if getattr(module, "require_admin", None) is original:
            monkeypatch.setattr(module, "require_admin", lambda session, actor_id: None)


def test_the_matrix_sees_every_admin_state_and_handler():
    names = {f"{cls.__name__}.{name}" for cls, name in HANDLERS}
    assert {cls.__name__ for cls in admin_states()} >= {
        "AdminAuditState",
        "AdminGrantsState",
        "AdminStatsState",
        "AdminUsersState",
    }
    assert {"AdminGrantsState.grant", "AdminUsersState.change_role"} <= names
    assert all(issubclass(cls, SessionState) for cls in admin_states())


@pytest.mark.parametrize("role", [None, Role.TALENT, Role.PRODUCER], ids=str)
@pytest.mark.parametrize(("cls", "name"), HANDLERS, ids=[f"{c.__name__}.{n}" for c, n in HANDLERS])
def test_non_admins_are_refused_and_nothing_changes(db, world, no_service_guard, cls, name, role):
    user = {None: None, Role.TALENT: world.talent, Role.PRODUCER: world.producer}[role]
    state = _state(cls, world, user, db)
    before_db, before_state = db_snapshot(db), state_snapshot(state)
    result = _call(state, name, _args(cls, name, world))
    assert any(refusal in result for refusal in REFUSALS), f"{cls.__name__}.{name}: {result}"
    assert db_snapshot(db) == before_db
    assert state_snapshot(state) == before_state


@pytest.mark.parametrize(("cls", "name"), HANDLERS, ids=[f"{c.__name__}.{n}" for c, n in HANDLERS])
def test_admins_are_allowed(db, world, cls, name):
    state = _state(cls, world, world.admin, db)
    result = _call(state, name, _args(cls, name, world))
    assert not any(refusal in result for refusal in REFUSALS), f"{cls.__name__}.{name}: {result}"


def test_a_demoted_admin_loses_access_at_once(db, world):
    from castyou.state.admin.grants import AdminGrantsState

    state = _state(AdminGrantsState, world, world.admin, db)
    world.admin.role = Role.TALENT
    db.add(world.admin)
    db.commit()
    before = db_snapshot(db)
    result = rendered(call(state, "grant", _form(world)))
    assert REFUSALS[0] in result
    assert db_snapshot(db) == before


def _service_kwargs(func: Any, db, w: World, acting: User) -> dict[str, Any]:
    samples: dict[str, Any] = {
        "session": db,
        "actor_id": acting.id,
        "user_id": w.talent.id,
        "amount": 25,
        "reason": "matrix",
        "role": "PRODUCER",
        "grant_id": w.pending.id,
        "promotion_id": w.promotion_id,
        "approve": True,
        "query": "user",
        "window": stats.parse_range("", ""),
        "activation_id": w.boost.id,
        "code": "matrix",
        "fields": bundles.BundleInput("Matrix", 100, 0, 199),
        "bundle_id": "starter",
        "active": False,
        "purchase_id": w.purchase.id,
        "click_key": "matrix-key-01",
        "delivery_id": w.delivery_id,
        "filters": purchases.PurchaseFilter()
        if func.__module__ == purchases.__name__
        else audit.ActionFilter(),
        "request_id": w.request_id,
        "status": "IN_PROGRESS",
        "note": "matrix",
        "assignee_id": w.admin.id,
        "candidates": [{"name": "Matrix", "link": "https://example.com/m"}],
        "kind": "overdue",
        "ref_id": w.request_id,
    }
    kwargs = {}
    for name, param in inspect.signature(func).parameters.items():
        if name in samples:
            kwargs[name] = samples[name]
        elif param.default is inspect.Parameter.empty:
            pytest.fail(f"add a sample for {func.__name__}({name}=...) to the matrix")
    return kwargs


SERVICES = admin_services()


@pytest.mark.parametrize("role", [Role.TALENT, Role.PRODUCER], ids=str)
@pytest.mark.parametrize("func", SERVICES, ids=[f"{f.__module__}.{f.__name__}" for f in SERVICES])
def test_admin_services_refuse_non_admins(db, world, func, role):
    acting = world.talent if role == Role.TALENT else world.producer
    before = db_snapshot(db)
    with pytest.raises(NotAllowed):
        func(**_service_kwargs(func, db, world, acting))
    assert db_snapshot(db) == before
