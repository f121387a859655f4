"""A local HTTP server that answers like Stripe's API, for the real stripe SDK in tests."""

from __future__ import annotations

import json
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, HTTPServer
from typing import Any, cast
from urllib.parse import parse_qs

import pytest
import stripe

_StripeClient = stripe.StripeClient
REPLIES: dict[str, dict[str, Any]] = {
    "/v1/payment_intents": {
        "id": "pi_fake",
        "object": "payment_intent",
        "client_secret": "pi_fake_secret_1",
    },
    "/v1/refunds": {"id": "re_fake", "object": "refund", "status": "succeeded"},
}
ERROR_REPLY = {"error": {"type": "invalid_request_error", "message": "bad"}}


class FakeStripe:
    """What the server received, what it answers, and a client pointed at it."""

    def __init__(self, port: int) -> None:
        self.url = f"http://127.0.0.1:{port}"
        self.requests: list[dict[str, Any]] = []
        self.status = 200
        self.on_request: Callable[[], None] | None = None

    def client(self, api_key: str = "sk_test_fake", **options: Any) -> stripe.StripeClient:
        options.setdefault("max_network_retries", 0)
        return _StripeClient(api_key, base_addresses={"api": self.url}, **options)

    def route_every_client(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """Point clients the app builds itself (``stripe.StripeClient(key)``) at this server."""
        monkeypatch.setattr(stripe, "StripeClient", self.client)

    def answer(self, path: str, headers: dict[str, str], body: dict[str, list[str]]) -> bytes:
        self.requests.append({"path": path, "headers": headers, "body": body})
        if self.on_request is not None:
            self.on_request()
        reply = REPLIES.get(path, {}) if self.status == 200 else ERROR_REPLY
        return json.dumps(reply).encode()


class _Handler(BaseHTTPRequestHandler):
    def do_POST(self) -> None:
        length = int(self.headers["Content-Length"])
        body = parse_qs(self.rfile.read(length).decode())
        fake = cast(Any, self.server).fake
        data = fake.answer(self.path, dict(self.headers), body)
        self.send_response(fake.status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args: object) -> None:
        return


@contextmanager
def running_fake_stripe() -> Iterator[FakeStripe]:
    """Serve on a free local port in a thread until the block ends."""
    server = HTTPServer(("127.0.0.1", 0), _Handler)
    fake = FakeStripe(server.server_port)
    cast(Any, server).fake = fake
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield fake
    finally:
        server.shutdown()
        server.server_close()
