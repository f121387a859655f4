"""Authorization matrix: every concierge handler, called as every kind of caller.

The handlers are enumerated from the states themselves, so a new handler without
a row here fails ``test_every_handler_is_in_the_matrix``. Refused callers must
change nothing and must not see the victim's request, its thread or its notes.
Vars such as ``selected_id`` are forced to the victim's id first (as if a client
could set them), so the matrix also covers forged ids.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import pytest

from castyou.state.admin.concierge import AdminConciergeState
from castyou.state.admin.concierge_detail import AdminConciergeDetailState
from castyou.state.concierge import ConciergeState
from castyou.state.concierge_views import CandidateView
from tests.state.concierge_world import (
    INTERNAL_NOTE,
    PUBLIC_REPLY,
    ROLES,
    VICTIM_TEXT,
    World,
    build_world,
    snapshot,
)
from tests.state_helpers import call, new_state

ANY_USER = frozenset({"talent", "producer", "other", "admin"})
OWNER = frozenset({"talent"})
OWNER_OR_ADMIN = frozenset({"talent", "admin"})
ADMIN = frozenset({"admin"})
NOBODY: frozenset[str] = frozenset()
DATA_VARS = {
    ConciergeState: ("requests", "thread"),
    AdminConciergeState: ("rows", "admins"),
    AdminConciergeDetailState: ("detail", "thread", "events"),
}


@dataclass
class Case:
    """``writes``: who may change the database; ``reads``: who may see the victim's data."""

    args: Callable[[World], tuple] = lambda w: ()
    writes: frozenset[str] = NOBODY
    reads: frozenset[str] = NOBODY
    preset: dict[str, Callable[[World], Any]] = field(default_factory=dict)


def _target(w: World) -> dict[str, Callable[[World], Any]]:
    return {"selected_id": lambda w: w.pending_id}


MATRIX: dict[type, dict[str, Case]] = {
    ConciergeState: {
        "load": Case(reads=OWNER),
        "refresh": Case(preset={"open_id": lambda w: w.pending_id}, reads=OWNER_OR_ADMIN),
        "set_type": Case(lambda w: ("URGENT",)),
        "set_description": Case(lambda w: ("Need a magician",)),
        "submit": Case(
            lambda w: (
                {
                    "request_type": "BASIC",
                    "description": "Need a magician in Lisbon",
                    "idempotency_key": uuid.uuid4().hex,
                },
            ),
            writes=ANY_USER,
            reads=OWNER,
        ),
        "cancel": Case(lambda w: (w.pending_id,), writes=OWNER, reads=OWNER),
        "toggle_thread": Case(lambda w: (w.pending_id,), reads=OWNER_OR_ADMIN),
        "send_message": Case(
            lambda w: ({"request_id": str(w.pending_id), "body": "hello"},),
            writes=OWNER_OR_ADMIN,
            reads=OWNER,
        ),
        "rate": Case(
            lambda w: ({"request_id": str(w.fulfilled_id), "rating": "5"},),
            writes=OWNER,
            reads=OWNER,
        ),
    },
    AdminConciergeState: {
        name: Case(args, reads=ADMIN)
        for name, args in {
            "load": lambda w: (),
            "refresh": lambda w: (),
            "set_status_filter": lambda w: ("ALL",),
            "set_sort": lambda w: ("created",),
            "set_assigned_to_me": lambda w: (False,),
            "apply_search": lambda w: ({"search": "surf"},),
            "next_page": lambda w: (),
            "previous_page": lambda w: (),
        }.items()
    }
    | {
        "change_status": Case(lambda w: (w.pending_id, "IN_PROGRESS"), writes=ADMIN, reads=ADMIN),
        "assign": Case(lambda w: (w.pending_id, str(w.ids["admin"])), writes=ADMIN, reads=ADMIN),
        "assign_to_me": Case(lambda w: (w.pending_id,), writes=ADMIN, reads=ADMIN),
    },
    AdminConciergeDetailState: {
        "open_request": Case(lambda w: (w.pending_id,), reads=ADMIN),
        "close_request": Case(preset={"selected_id": lambda w: w.pending_id}),
        "refresh": Case(preset={"selected_id": lambda w: w.pending_id}, reads=ADMIN),
        "send_message": Case(
            lambda w: ({"body": "psst", "internal": "on"},),
            preset={"selected_id": lambda w: w.pending_id},
            writes=ADMIN,
            reads=ADMIN,
        ),
        "cancel_request": Case(
            lambda w: ({"note": "duplicate"},),
            preset={"selected_id": lambda w: w.pending_id},
            writes=ADMIN,
            reads=ADMIN,
        ),
        "set_fulfil_open": Case(lambda w: (True,)),
        "add_row": Case(),
        "remove_row": Case(lambda w: (0,)),
        "set_row_field": Case(lambda w: (0, "name", "Rex")),
        "set_fulfil_note": Case(lambda w: ("note",)),
        "submit_fulfil": Case(
            preset={
                "selected_id": lambda w: w.pending_id,
                "fulfil_rows": lambda w: [CandidateView("Rex", "https://rex.example")],
            },
            writes=ADMIN,
            reads=ADMIN,
        ),
    },
}
CASES = [(cls, name) for cls, cases in MATRIX.items() for name in cases]


def test_every_handler_is_in_the_matrix():
    for cls in (ConciergeState, AdminConciergeState, AdminConciergeDetailState):
        handlers = set(cls.event_handlers) - {"setvar"}
        assert handlers == set(MATRIX[cls]), f"{cls.__name__}: add the new handlers to MATRIX"


def _prepare(cls: type, case: Case, world: World, role: str) -> Any:
    state = new_state(cls, token=world.tokens[role])
    for name, value in case.preset.items():
        setattr(state, name, value(world))
    return state


def _visible(state: Any, cls: type) -> str:
    return repr([getattr(state, name) for name in DATA_VARS[cls]])


@pytest.mark.parametrize(("cls", "name"), CASES, ids=[f"{c.__name__}.{n}" for c, n in CASES])
def test_authorization_matrix(db, cls, name):
    world = build_world(db)
    case = MATRIX[cls][name]
    for role in sorted(ROLES, key=lambda r: r in case.writes):
        state = _prepare(cls, case, world, role)
        before = snapshot(db)
        result = call(state, name, *case.args(world))
        if hasattr(result, "__next__"):
            result = list(result)
        after = snapshot(db)
        seen = _visible(state, cls)
        if role in case.writes:
            assert after != before, f"{role} should be able to {name}"
        else:
            assert after == before, f"{role} changed data through {name}"
        if role not in case.reads:
            assert VICTIM_TEXT not in seen and PUBLIC_REPLY not in seen, f"{role} saw it via {name}"
        else:
            assert VICTIM_TEXT in seen or PUBLIC_REPLY in seen, f"{role} should see it via {name}"
        if role != "admin":
            assert INTERNAL_NOTE not in seen, f"{role} saw an internal note via {name}"
