"""Ids no browser would send, to every handler that takes an id, and to the REST API.

Oversized, negative, fractional, non-ASCII digits and NUL-carrying strings: the
answer is a translated refusal or nothing, never Reflex's "An error occurred" or a
traceback in the server's log, and the server keeps answering. The REST API answers
such ids with a 4xx in its one error shape.
"""

from __future__ import annotations

import inspect
import re
from typing import Any

import httpx
import pytest
import reflex as rx

from tests.security.test_setvar_wire import STATES
from tests.security.wire import (
    API_KEY,
    Credential,
    Server,
    failed_unexpectedly,
    full_name,
    open_tab,
    run,
    text_of,
)
from tests.state.admin_matrix import admin_states

EDGE_IDS: tuple[Any, ...] = (
    2**63,
    2**70,
    10**20,
    "²",
    "١٢",
    -1,
    1.5,
    "1\x00",
    "9" * 40,
    "",
    None,
)
ID_LIKE = re.compile(r"(^|_)id$|^index$|^step$|^delta$|^milestone$|^assignee$|^key$")


def _params(cls: type[rx.State], name: str) -> list[inspect.Parameter]:
    return list(inspect.signature(cls.event_handlers[name].fn).parameters.values())[1:]


def _id_handlers() -> list[tuple[type[rx.State], str, str]]:
    found = []
    for cls in STATES:
        for name in cls.event_handlers:
            for param in _params(cls, name):
                if ID_LIKE.search(param.name) and name != "setvar":
                    found.append((cls, name, param.name))
    return sorted(set(found), key=lambda row: f"{row[0].__name__}.{row[1]}.{row[2]}")


HANDLERS = _id_handlers()
ADMIN_STATES = set(admin_states())


def _payload(cls: type[rx.State], name: str, target: str, value: Any) -> dict[str, Any]:
    payload: dict[str, Any] = {}
    for param in _params(cls, name):
        if param.name == target:
            payload[param.name] = value
        elif param.default is inspect.Parameter.empty:
            payload[param.name] = {} if "form" in param.name else "1"
    return payload


@pytest.mark.parametrize(
    ("cls", "name", "param"),
    HANDLERS,
    ids=[f"{cls.__name__}.{name}.{param}" for cls, name, param in HANDLERS],
)
def test_edge_ids_get_a_refusal_or_nothing(
    server: Server, credentials: dict[str, Credential], cls: type[rx.State], name, param
):
    role = "ADMIN" if cls in ADMIN_STATES else "TALENT"
    offset = server.log_size()

    async def attack() -> dict[str, list[dict[str, Any]]]:
        tab = await open_tab(server, credentials[role], path="/castars")
        try:
            answers = {}
            for value in EDGE_IDS:
                answer = await tab.answer(full_name(cls, name), _payload(cls, name, param, value))
                answers[repr(value)] = answer
            return answers
        finally:
            await tab.close()

    answers = run(attack())
    failed = {
        value: text_of(answer) for value, answer in answers.items() if failed_unexpectedly(answer)
    }
    assert failed == {}
    assert server.errors_since(offset) == []
    assert server.is_up()


def test_the_handlers_with_ids_are_found():
    names = {f"{cls.__name__}.{name}" for cls, name, _param in HANDLERS}
    assert {"AdminGrantsState.approve", "StoreState.use_grant", "MessagesState.open"} <= names


def _api(server: Server) -> httpx.Client:
    return httpx.Client(
        base_url=f"{server.url}/api/v1",
        headers={"Authorization": f"Bearer {API_KEY}"},
        timeout=10,
    )


def _assert_error_shape(response: httpx.Response) -> None:
    assert 400 <= response.status_code < 500, (response.status_code, response.text[:500])
    error = response.json()["error"]
    assert isinstance(error["code"], str) and error["code"]
    assert isinstance(error["message"], str) and error["message"]


@pytest.mark.parametrize("user_id", [2**63, 2**64, 10**20, -1, 0, "²", 1.5])
def test_rest_award_with_an_edge_user_id_is_a_4xx(server: Server, user_id: Any):
    with _api(server) as api:
        body = {"user_id": user_id, "rule": "profile_complete", "subject_id": "wire"}
        _assert_error_shape(api.post("/awards", json=body))


@pytest.mark.parametrize(
    "user_id", [str(2**63), str(2**64), "-1", "0", "1.5", "²", "١٢", "9" * 400]
)
def test_rest_balance_with_an_edge_user_id_is_a_4xx(server: Server, user_id: str):
    with _api(server) as api:
        _assert_error_shape(api.get(f"/users/{user_id}/balance"))


@pytest.mark.parametrize(
    "after", ["A" * 64, "A" * 65, "A" * 10_000, "9" * 64, "__--", "\x00", "x" * 8_000]
)
def test_rest_ledger_with_a_huge_or_odd_cursor_is_a_4xx(server: Server, after: str):
    with _api(server) as api:
        response = api.get("/users/1/ledger", params={"after": after})
        _assert_error_shape(response)
    assert server.is_up()


def _form_handlers() -> list[tuple[type[rx.State], str]]:
    """Every handler taking a form, but the log-in (failed logins lock the address out)."""
    return sorted(
        {
            (cls, name)
            for cls in STATES
            for name in cls.event_handlers
            if name not in ("setvar", "log_in")
            and any("form" in param.name for param in _params(cls, name))
        },
        key=lambda row: f"{row[0].__name__}.{row[1]}",
    )


FORM_HANDLERS = _form_handlers()
EDGE_FIELDS = ("user_id", "amount", "job_id", "request_id", "rating", "query", "email", "section")
EDGE_FORMS: tuple[Any, ...] = (
    "form",
    ["user_id", "1"],
    7,
    None,
    {field: value for field, value in zip(EDGE_FIELDS, EDGE_IDS, strict=False)},
    {field: {"nested": [1, 2]} for field in EDGE_FIELDS},
    {field: "x" * 100_000 for field in EDGE_FIELDS},
)


@pytest.mark.parametrize(
    ("cls", "name"), FORM_HANDLERS, ids=[f"{cls.__name__}.{name}" for cls, name in FORM_HANDLERS]
)
def test_forms_that_are_not_forms_get_a_refusal_or_nothing(
    server: Server, credentials: dict[str, Credential], cls: type[rx.State], name: str
):
    role = "ADMIN" if cls in ADMIN_STATES else "TALENT"
    offset = server.log_size()

    async def attack() -> dict[str, list[dict[str, Any]]]:
        tab = await open_tab(server, credentials[role], path="/castars")
        try:
            answers = {}
            for index, form in enumerate(EDGE_FORMS):
                payload = {
                    param.name: form if "form" in param.name else "1"
                    for param in _params(cls, name)
                    if param.default is inspect.Parameter.empty
                }
                answers[str(index)] = await tab.answer(full_name(cls, name), payload)
            return answers
        finally:
            await tab.close()

    answers = run(attack())
    failed = {
        index: text_of(answer) for index, answer in answers.items() if failed_unexpectedly(answer)
    }
    assert failed == {}
    assert server.errors_since(offset) == []
