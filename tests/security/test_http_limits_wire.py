"""HTTP limits of the running app: chunked bodies without a length, and CORS.

A body sent with ``Transfer-Encoding: chunked`` declares no length, so only counting
the bytes as they arrive can refuse it: the answer must be a 413 long before 10 MB
have been sent, and the server must keep answering afterwards.
"""

from __future__ import annotations

import asyncio
import select
import socket
import time
from urllib.parse import urlparse

import httpx
import pytest

from tests.security.wire import API_KEY, Server, run

WEBHOOK = "/api/stripe/webhook"
AWARDS = "/api/v1/awards"
TEN_MB = 10 * 1024 * 1024
CHUNK = 64 * 1024
EVIL = "https://evil.example"


def _send_chunked(server: Server, path: str, total: int, headers: dict[str, str]) -> bytes:
    """Stream ``total`` bytes chunked to ``path``; the response as soon as one arrives."""
    url = urlparse(server.url)
    lines = [f"POST {path} HTTP/1.1", f"Host: {url.netloc}", "Transfer-Encoding: chunked"]
    lines += [f"{name}: {value}" for name, value in headers.items()]
    response = b""
    with socket.create_connection((url.hostname, url.port), timeout=10) as sock:
        sock.sendall(("\r\n".join(lines) + "\r\n\r\n").encode())
        chunk = f"{CHUNK:x}\r\n".encode() + b"{" * CHUNK + b"\r\n"
        try:
            for _ in range(total // CHUNK):
                if select.select([sock], [], [], 0)[0]:
                    break
                sock.sendall(chunk)
            else:
                sock.sendall(b"0\r\n\r\n")
        except (BrokenPipeError, ConnectionResetError):
            pass
        sock.settimeout(10)
        try:
            while b"\r\n\r\n" not in response:
                data = sock.recv(65536)
                if not data:
                    break
                response += data
        except (ConnectionResetError, TimeoutError):
            pass
    return response


@pytest.mark.parametrize(
    ("path", "headers"),
    [
        (WEBHOOK, {"Stripe-Signature": "t=1,v1=00", "Content-Type": "application/json"}),
        (AWARDS, {"Authorization": f"Bearer {API_KEY}", "Content-Type": "application/json"}),
    ],
    ids=["webhook", "rest"],
)
def test_a_chunked_10_mb_body_is_refused_with_413_quickly(server: Server, path, headers):
    started = time.monotonic()
    response = _send_chunked(server, path, TEN_MB, headers)
    elapsed = time.monotonic() - started
    assert response.startswith(b"HTTP/1.1 413"), response[:300]
    assert elapsed < 5, f"413 after {elapsed:.1f}s"
    assert server.is_up()


def test_a_refused_body_leaves_the_server_answering_the_next_request(server: Server):
    for _ in range(3):
        _send_chunked(server, WEBHOOK, TEN_MB, {"Stripe-Signature": "t=1,v1=00"})
    with httpx.Client(base_url=server.url, timeout=10) as client:
        assert client.get("/api/v1/bundles").status_code == 200


def _allows_evil_with_credentials(response: httpx.Response) -> bool:
    return (
        response.headers.get("access-control-allow-origin") in (EVIL, "*")
        and response.headers.get("access-control-allow-credentials", "").lower() == "true"
    )


def test_cors_does_not_let_another_site_read_with_credentials(server: Server):
    with httpx.Client(base_url=server.url, timeout=10) as client:
        simple = client.get("/api/v1/bundles", headers={"Origin": EVIL})
        preflight = client.options(
            "/api/v1/bundles",
            headers={"Origin": EVIL, "Access-Control-Request-Method": "GET"},
        )
    assert not _allows_evil_with_credentials(simple)
    assert not _allows_evil_with_credentials(preflight)


def test_the_event_websocket_refuses_another_sites_origin(server: Server):
    """A page on another site must not open the event socket (cross-site websocket)."""
    from tests.security.wire import open_tab

    async def connect() -> bool:
        try:
            tab = await open_tab(server, headers={"Origin": EVIL})
        except (ConnectionError, TimeoutError, OSError):
            return False
        await tab.close()
        return True

    assert run(connect()) is False


def test_an_oversized_websocket_event_leaves_the_server_answering(server: Server):
    """A 5 MB event frame: the socket may be dropped, the server and other tabs go on."""
    from castyou.state.auth import AuthFormState
    from tests.security.wire import full_name, open_tab

    offset = server.log_size()

    async def flood() -> object:
        tab = await open_tab(server)
        try:
            huge = {"form": {"email": "x" * (5 * 1024 * 1024), "password": "x"}}
            await tab.ws.send(full_name(AuthFormState, "sign_up"), huge, "/signup")
            await asyncio.sleep(1)
        except (ConnectionError, OSError):
            pass
        finally:
            await tab.close()
        fresh = await open_tab(server)
        try:
            return fresh.var("session_checked")
        finally:
            await fresh.close()

    assert run(flood()) is True
    assert server.is_up()
    assert server.errors_since(offset) == []
