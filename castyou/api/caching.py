"""Long-lived caching for the frontend's content-hashed files.

In production Reflex serves the built frontend from the backend (a static mount in
the same ASGI app). Vite names every bundle after its content hash, so a file at such
a path never changes: browsers may keep it a year without asking again.
"""

from __future__ import annotations

import re

from starlette.types import ASGIApp, Message, Receive, Scope, Send

HASHED_ASSET = re.compile(r"^/assets/[^/]+-[A-Za-z0-9_-]{8}\.(?:js|css|woff2?|svg|png|jpg|webp)$")
IMMUTABLE = b"public, max-age=31536000, immutable"


def is_hashed_asset(path: str) -> bool:
    """A build file named after its content hash (``/assets/root-DqPaDFUj.js``)."""
    return HASHED_ASSET.match(path) is not None


def immutable_assets(app: ASGIApp) -> ASGIApp:
    """Wrap ``app`` so successful responses for hashed assets carry an immutable Cache-Control."""

    async def middleware(scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or not is_hashed_asset(scope.get("path", "")):
            await app(scope, receive, send)
            return

        async def send_with_cache(message: Message) -> None:
            if message["type"] == "http.response.start" and message.get("status") == 200:
                headers = [
                    (name, value)
                    for name, value in message.get("headers", [])
                    if name.lower() != b"cache-control"
                ]
                headers.append((b"cache-control", IMMUTABLE))
                message = {**message, "headers": headers}
            await send(message)

        await app(scope, receive, send_with_cache)

    return middleware
