"""A small asyncio client of Reflex's websocket event protocol, as a browser tab speaks it.

Engine.IO v4 over one websocket (``wsproto`` frames over asyncio streams, so a
thousand tabs fit in one process): open the ``/_event`` namespace, answer pings,
send events, and receive the deltas the backend pushes. Used by the live-update
journeys, ``bench.live`` and the websocket security suite (``tests/security``), which
also needs handshake headers (a cookie, ``X-Forwarded-For``), every update (toasts
travel as events, not deltas) and the full state of a hydrate.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import time
import uuid
from collections.abc import Callable
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

NAMESPACE = "/_event"


class ReflexTab:
    """One tab: ``await tab.open()``, ``await tab.send(...)``, ``await tab.wait_for(...)``."""

    def __init__(
        self, base_url: str, token: str | None = None, headers: dict[str, str] | None = None
    ) -> None:
        url = urlparse(base_url)
        self.headers = dict(headers or {})
        self.updates: list[dict[str, Any]] = []  # every update body: delta, events, final
        self.host, self.port = url.hostname or "localhost", url.port or 80
        self.token = token or str(uuid.uuid4())
        self.deltas: list[tuple[float, dict[str, Any]]] = []
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
        extra = [(name.encode(), value.encode()) for name, value in self.headers.items()]
        request = Request(host=f"{self.host}:{self.port}", target=target, extra_headers=extra)
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
        if name == "event" and isinstance(body, dict):
            self.updates.append(body)
            self._changed.set()
        if name == "event" and isinstance(body, dict) and body.get("delta"):
            self.deltas.append((time.monotonic(), body["delta"]))
            self._changed.set()


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
