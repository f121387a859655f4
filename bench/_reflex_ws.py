"""A small asyncio client of Reflex's websocket event protocol, as a browser tab speaks it.

Engine.IO v4 over one websocket (``wsproto`` frames over asyncio streams, so a
thousand tabs fit in one process): open the ``/_event`` namespace, answer pings,
send events, and receive the deltas the backend pushes. Used by the live-update
journeys, the session wire tests, ``bench.live`` and the websocket security suite
(``tests/security``), which also needs handshake headers (a cookie, ``X-Forwarded-For``),
every update (toasts travel as events, not deltas) and the full state of a hydrate.

A tab is signed in by the ``castyou_session`` cookie its handshake carries, as in a
browser: :func:`signed_in_tab` logs in over the websocket, trades the one-time claim
the app answers with for the cookie (``POST /api/session``) and reconnects with it.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import re
import time
import urllib.error
import urllib.request
import uuid
from collections.abc import Callable
from http.cookies import SimpleCookie
from typing import Any
from urllib.parse import urlparse

from wsproto import ConnectionType, WSConnection
from wsproto.events import (
    AcceptConnection,
    BytesMessage,
    CloseConnection,
    Ping,
    Request,
    TextMessage,
)

from castyou.state.auth import AuthFormState

NAMESPACE = "/_event"


class ReflexTab:
    """One tab: ``await tab.open()``, ``await tab.send(...)``, ``await tab.wait_for(...)``."""

    def __init__(
        self,
        base_url: str,
        token: str | None = None,
        cookie: str = "",
        origin: str = "",
        headers: dict[str, str] | None = None,
    ) -> None:
        url = urlparse(base_url)
        self.headers = dict(headers or {})
        self.updates: list[dict[str, Any]] = []  # every update body: delta, events, final
        self.host, self.port = url.hostname or "localhost", url.port or 80
        self.token = token or str(uuid.uuid4())
        self.cookie = cookie  # the Cookie header of the handshake ("" sends none)
        self.origin = origin  # the Origin header of the handshake ("" sends none)
        self.deltas: list[tuple[float, dict[str, Any]]] = []
        self.events: list[dict[str, Any]] = []  # client-side events (scripts, redirects)
        self.reassigned_to = ""
        self.event_frames = 0  # frames other than the transport's pings
        self._ws = WSConnection(ConnectionType.CLIENT)
        self._reader: asyncio.StreamReader | None = None
        self._writer: asyncio.StreamWriter | None = None
        self._task: asyncio.Task[None] | None = None
        self._changed = asyncio.Event()
        self._buffer: list[str] = []

    async def open(self) -> None:
        self._reader, self._writer = await asyncio.open_connection(self.host, self.port)
        target = f"{NAMESPACE}/?EIO=4&transport=websocket&token={self.token}"
        extra = [("Cookie", self.cookie)] if self.cookie else []
        extra += [("Origin", self.origin)] if self.origin else []
        extra += list(self.headers.items())
        encoded = [(name.encode(), value.encode()) for name, value in extra]
        request = Request(host=f"{self.host}:{self.port}", target=target, extra_headers=encoded)
        self._write(self._ws.send(request))
        while not await self._pump(accept_only=True):
            pass
        self._task = asyncio.create_task(self._run())
        await self._send_text(f"40{NAMESPACE},")

    async def close(self) -> None:
        if self._task:
            self._task.cancel()
            with contextlib.suppress(BaseException):
                await self._task
        if self._writer:
            self._writer.close()

    async def send(self, name: str, payload: dict[str, Any], path: str) -> None:
        """Send event ``name`` (a state's full name and handler) from page ``path``."""
        event = {
            "name": name,
            "payload": payload,
            "router_data": {"pathname": path, "asPath": path, "query": {}},
        }
        await self._send_text(f"42{NAMESPACE}," + json.dumps(["event", event]))

    async def wait_for(
        self, test: Callable[[dict[str, Any]], bool], timeout: float, since: int = 0
    ) -> float:
        """Wait until a delta received after the first ``since`` passes ``test``; its time."""
        deadline = time.monotonic() + timeout
        seen = since
        while True:
            for at, delta in self.deltas[seen:]:
                if test(delta):
                    return at
            seen = len(self.deltas)
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise TimeoutError("no matching delta")
            self._changed.clear()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._changed.wait(), remaining)

    def _write(self, data: bytes) -> None:
        assert self._writer is not None
        self._writer.write(data)

    async def _send_text(self, text: str) -> None:
        self._write(self._ws.send(TextMessage(data=text)))
        assert self._writer is not None
        await self._writer.drain()

    async def _pump(self, accept_only: bool = False) -> bool:
        assert self._reader is not None
        data = await self._reader.read(65536)
        if not data:
            raise ConnectionError("socket closed")
        self._ws.receive_data(data)
        accepted = False
        for event in self._ws.events():
            if isinstance(event, AcceptConnection):
                accepted = True
            elif isinstance(event, TextMessage):
                self._buffer.append(event.data)
                if event.message_finished:
                    await self._on_packet("".join(self._buffer))
                    self._buffer.clear()
            elif isinstance(event, Ping):
                self._write(self._ws.send(event.response()))
            elif isinstance(event, CloseConnection | BytesMessage):
                pass
        return accepted or not accept_only

    async def _run(self) -> None:
        while True:
            await self._pump()

    async def _on_packet(self, packet: str) -> None:
        if packet == "2":  # Engine.IO ping
            await self._send_text("3")
            return
        prefix = f"42{NAMESPACE},"
        if not packet.startswith(prefix):
            return
        self.event_frames += 1
        name, body = json.loads(packet[len(prefix) :])[:2]
        if name == "new_token":  # the server took this tab for a duplicate and renamed it
            self.reassigned_to = str(body)
        if name == "event" and isinstance(body, dict):
            self.updates.append(body)
            self.events += body.get("events") or []
            self._changed.set()
        if name == "event" and isinstance(body, dict) and body.get("delta"):
            self.deltas.append((time.monotonic(), body["delta"]))
            self._changed.set()

    async def wait_for_script(self, pattern: str, timeout: float) -> re.Match[str]:
        """Wait for a ``call_script`` event whose code matches ``pattern``; the match."""
        deadline = time.monotonic() + timeout
        while True:
            for event in self.events:
                code = str(event.get("payload", {}).get("javascript_code", ""))
                if event.get("name") == "_call_script" and (found := re.search(pattern, code)):
                    return found
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise TimeoutError(f"no script matching {pattern!r}")
            self._changed.clear()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._changed.wait(), remaining)


HYDRATE = "reflex___state____state.hydrate_and_load"
CLAIM_SCRIPT = r'\\"claim\\": \\"([\w-]+)\\"'


def claim_session(base_url: str, claim: str, origin: str | None = None) -> tuple[int, str]:
    """``POST /api/session`` as the page does: the status and the ``Set-Cookie`` header."""
    request = urllib.request.Request(
        f"{base_url}/api/session",
        json.dumps({"claim": claim}).encode(),
        {"Content-Type": "application/json", "Origin": origin or base_url},
        method="POST",
    )
    try:
        with urllib.request.urlopen(request, timeout=20) as answer:
            return answer.status, answer.headers.get("Set-Cookie", "")
    except urllib.error.HTTPError as error:
        return error.code, error.headers.get("Set-Cookie", "")


def cookie_pair(set_cookie: str) -> str:
    """``name=value`` of a ``Set-Cookie`` header, as a ``Cookie`` header sends it back."""
    cookie: SimpleCookie = SimpleCookie()
    cookie.load(set_cookie)
    [(name, morsel)] = cookie.items()
    return f"{name}={morsel.value}"


async def signed_in_tab(
    base_url: str, email: str, password: str, path: str = "/", token: str | None = None
) -> ReflexTab:
    """A tab logged in as the browser does it, reconnected with its session cookie."""
    tab = ReflexTab(base_url, token=token)
    await tab.open()
    await tab.send(HYDRATE, {"vars": {}}, "/login")
    form = {"email": email, "password": password}
    await tab.send(f"{AuthFormState.get_full_name()}.log_in", {"form": form}, "/login")
    claim = (await tab.wait_for_script(CLAIM_SCRIPT, 30)).group(1)
    await tab.close()
    await asyncio.sleep(0.5)  # the server drops the socket before the token reconnects
    status, set_cookie = await asyncio.to_thread(claim_session, base_url, claim)
    if status != 204:
        raise RuntimeError(f"POST /api/session answered {status}")
    signed_in = ReflexTab(base_url, token=tab.token, cookie=cookie_pair(set_cookie))
    await signed_in.open()
    await signed_in.send(HYDRATE, {"vars": {}}, path)
    return signed_in


def merged(deltas: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """The state as ``deltas`` left it: each state's vars, later values winning."""
    state: dict[str, dict[str, Any]] = {}
    for delta in deltas:
        for name, values in delta.items():
            state.setdefault(name, {}).update(values)
    return state


def find_var(delta: dict[str, Any], var: str) -> Any:
    """The value of ``var`` in any state of ``delta`` (None when absent)."""
    for values in delta.values():
        for key, value in values.items():
            if key == var or key.removesuffix("_rx_state_") == var:
                return value
    return None
