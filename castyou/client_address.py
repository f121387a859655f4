"""The client's address, honouring ``X-Forwarded-For`` only through trusted proxies.

Anyone can send ``X-Forwarded-For``; only the entries our own proxies appended are
true. Each trusted proxy appends the address it saw, so with N trusted hops the
client is the N-th entry from the right; what stands further left was written by
the client and is ignored. With 0 hops (the default) the direct peer is the client.
Reflex resolves a websocket's address the same way (``trusted_proxy_hops`` in
``rxconfig.py`` comes from the same setting); the HTTP API uses :func:`scope_client_address`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from castyou.settings import get_settings

ADDRESS_MAX = 64
UNKNOWN = "unknown"


def resolve_client_address(*, peer: str | None, forwarded_for: str | None, hops: int) -> str:
    """The client address given the direct peer, the ``X-Forwarded-For`` value and hops.

    A header shorter than ``hops`` did not come through every trusted proxy, so the
    direct peer is used (as Reflex does).
    """
    if hops > 0:
        entries = [entry.strip() for entry in (forwarded_for or "").split(",") if entry.strip()]
        if len(entries) >= hops:
            return entries[-hops][:ADDRESS_MAX]
    return (peer or UNKNOWN).strip()[:ADDRESS_MAX] or UNKNOWN


def _forwarded_for(headers: Iterable[tuple[bytes, bytes]]) -> str:
    # Repeated headers combine in order (RFC 9110 section 5.3).
    values = [v.decode("latin-1") for k, v in headers if k.lower() == b"x-forwarded-for"]
    return ", ".join(values)


def scope_client_address(scope: Mapping[str, Any]) -> str:
    """The client address of an ASGI HTTP request (``CASTYOU_TRUSTED_PROXY_HOPS``)."""
    client = scope.get("client")
    return resolve_client_address(
        peer=client[0] if client else None,
        forwarded_for=_forwarded_for(scope.get("headers") or []),
        hops=get_settings().trusted_proxy_hops,
    )
