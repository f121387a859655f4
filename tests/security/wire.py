"""A browser tab as an attacker scripts it: any event, any payload, every update read.

Built on :class:`bench._reflex_ws.ReflexTab`. A :class:`Tab` hydrates like a browser
(with the session credential it was given), sends an event by its handler's full
name and waits until the server has answered it, whether or not the answer carried a
delta. :func:`log_in` is the one place that knows how a session credential is
obtained and presented.
"""

from __future__ import annotations

import asyncio
import json
import re
import subprocess
import urllib.request
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import reflex as rx

from bench._reflex_ws import (
    CLAIM_SCRIPT,
    ReflexTab,
    claim_session,
    cookie_pair,
    find_var,
    merged,
)
from castyou.services.demo import DEMO_PASSWORD, DEMO_USERS
from castyou.state.auth import AuthFormState

API_KEY = "security-api-key-" + "q" * 24
ROOT_STATE = rx.State.get_full_name()
# Markers of a failure the app did not expect (Reflex's own toast and the guard's).
UNEXPECTED = ("An error occurred", "Ocorreu um erro", "Se produjo un error")
ANSWER_TIMEOUT_S = 15.0


@dataclass
class Server:
    url: str
    log: Path
    db_path: Path
    process: subprocess.Popen[bytes]

    def log_size(self) -> int:
        return self.log.stat().st_size

    def errors_since(self, offset: int) -> list[str]:
        """Lines the app logged at ERROR (or a traceback) after byte ``offset``."""
        with self.log.open("rb") as log:
            log.seek(offset)
            text = log.read().decode(errors="replace")
        return [
            line
            for line in text.splitlines()
            if '"level": "ERROR"' in line or "Traceback" in line or "Backend Exception" in line
        ]

    def is_up(self) -> bool:
        try:
            with urllib.request.urlopen(f"{self.url}/api/health", timeout=5) as health:
                return health.status == 200
        except OSError:
            return False


@dataclass(frozen=True)
class Credential:
    """What a browser holds for a signed-in session: a storage token and/or a cookie."""

    email: str
    token: str = ""
    cookie: str = ""


def full_name(cls: type[rx.State], handler: str) -> str:
    """The name a browser sends for ``cls.handler``."""
    return f"{cls.get_full_name()}.{handler}"


def demo_email(role: str) -> str:
    return next(email for email, _name, user_role in DEMO_USERS if user_role.value == role)


@dataclass
class Tab:
    """One hydrated tab; ``answer`` sends an event and returns the updates it caused."""

    server: Server
    credential: Credential | None = None
    path: str = "/login"
    headers: dict[str, str] = field(default_factory=dict)
    token: str | None = None
    ws: ReflexTab = field(init=False)
    _probe: int = 0

    async def open(self) -> Tab:
        headers = dict(self.headers)
        if self.credential and self.credential.cookie:
            headers["Cookie"] = self.credential.cookie
        self.ws = ReflexTab(self.server.url, token=self.token, headers=headers)
        await self.ws.open()
        start = len(self.ws.updates)
        await self.answer(f"{ROOT_STATE}.hydrate_and_load", {"vars": {}})
        # The page's on_load chain runs after the marker and ends with is_hydrated = True.
        await self.ws.wait_for(lambda delta: _hydrated({"delta": delta}) is True, 30, since=start)
        return self

    async def close(self) -> None:
        await self.ws.close()

    async def answer(
        self, name: str, payload: dict[str, Any], *, path: str | None = None
    ) -> list[dict[str, Any]]:
        """Send ``name`` and wait for the server to finish it; every update it sent.

        A handler that changes nothing may send nothing, so a marker follows it: a
        ``set_is_hydrated`` with a value unique to this call (Reflex does not coerce
        it; events of one tab run in order). Its delta ends the answer.
        """
        start = len(self.ws.updates)
        await self.ws.send(name, payload, path or self.path)
        self._probe += 1
        marker = f"answered-{id(self)}-{self._probe}"
        await self.ws.send(f"{ROOT_STATE}.set_is_hydrated", {"value": marker}, path or self.path)
        deadline = asyncio.get_running_loop().time() + ANSWER_TIMEOUT_S
        while True:
            updates = self.ws.updates[start:]
            for index, update in enumerate(updates):
                if _hydrated(update) == marker:
                    return [
                        u for u in updates[:index] if not str(_hydrated(u)).startswith("answered-")
                    ]
            if asyncio.get_running_loop().time() > deadline:
                raise TimeoutError(f"{name}: no answer in {ANSWER_TIMEOUT_S}s")
            await asyncio.sleep(0.005)

    def state(self) -> dict[str, dict[str, Any]]:
        """Every var the server has sent this tab, latest values."""
        return merged([update["delta"] for update in self.ws.updates if update.get("delta")])

    def var(self, name: str) -> Any:
        return find_var(self.state(), name)


def _hydrated(update: dict[str, Any]) -> Any:
    return (update.get("delta") or {}).get(ROOT_STATE, {}).get("is_hydrated_rx_state_")


def failed_unexpectedly(updates: list[dict[str, Any]]) -> bool:
    """Whether the answer's events (toasts) say the app failed in a way it did not expect.

    Only events are read: the translation catalog in a hydrate's delta holds the
    same words.
    """
    events = json.dumps([update["events"] for update in updates if update.get("events")])
    return any(marker in events for marker in UNEXPECTED)


def text_of(updates: list[dict[str, Any]]) -> str:
    """All an answer carried (deltas and events such as toasts), as one string."""
    return json.dumps(updates, ensure_ascii=False, default=str)


async def open_tab(
    server: Server,
    credential: Credential | None = None,
    *,
    path: str = "/login",
    headers: dict[str, str] | None = None,
    token: str | None = None,
) -> Tab:
    return await Tab(server, credential, path, dict(headers or {}), token).open()


async def log_in(
    server: Server, email: str, password: str = DEMO_PASSWORD, headers: dict[str, str] | None = None
) -> tuple[Credential | None, list[dict[str, Any]]]:
    """Log in as the login form does; the credential (None if refused) and the answer.

    The handler answers with a page script holding a one-time claim; the page posts it
    to ``POST /api/session``, which sets the HttpOnly session cookie. This does the same.
    """
    tab = await open_tab(server, headers=headers)
    try:
        answer = await tab.answer(
            full_name(AuthFormState, "log_in"), {"form": {"email": email, "password": password}}
        )
    finally:
        await tab.close()
    return await _claimed(server, email, answer), answer


async def sign_up(
    server: Server, form: dict[str, str], headers: dict[str, str] | None = None
) -> tuple[Credential | None, list[dict[str, Any]]]:
    """Sign up through the form's handler; the new session's credential, if any."""
    tab = await open_tab(server, path="/signup", headers=headers)
    try:
        answer = await tab.answer(full_name(AuthFormState, "sign_up"), {"form": form})
    finally:
        await tab.close()
    return await _claimed(server, form["email"], answer), answer


async def _claimed(server: Server, email: str, answer: list[dict[str, Any]]) -> Credential | None:
    """The session cookie the answer's claim buys (None when the answer holds no claim)."""
    codes = [
        str(event.get("payload", {}).get("javascript_code", ""))
        for update in answer
        for event in update.get("events") or []
        if event.get("name") == "_call_script"
    ]
    claims = [found.group(1) for code in codes if (found := re.search(CLAIM_SCRIPT, code))]
    if not claims:
        return None
    status, set_cookie = await asyncio.to_thread(claim_session, server.url, claims[0])
    if status != 204:
        raise RuntimeError(f"POST /api/session answered {status}")
    cookie = cookie_pair(set_cookie)
    return Credential(email, token=cookie.partition("=")[2], cookie=cookie)


def run(coroutine: Any) -> Any:
    return asyncio.run(coroutine)


def secret_pattern(values: list[str]) -> re.Pattern[str]:
    """A pattern matching any of ``values`` (non-empty ones) inside a text."""
    return re.compile("|".join(re.escape(value) for value in values if value))


def new_account_form(role: str, referral_code: str = "") -> dict[str, str]:
    """A sign-up form for a fresh account (unique e-mail)."""
    tag = uuid.uuid4().hex[:12]
    return {
        "email": f"wire-{tag}@security.castyou.test",
        "password": f"wire-password-{tag}",
        "display_name": f"Wire {tag}",
        "role": role,
        "referral_code": referral_code,
    }


def forwarded_for(address: str) -> dict[str, str]:
    """The header a trusted proxy adds (the server runs with one trusted hop)."""
    return {"X-Forwarded-For": address}


def answer_var(answer: list[dict[str, Any]], name: str) -> Any:
    return find_var(merged([update["delta"] for update in answer if update.get("delta")]), name)
