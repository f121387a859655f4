"""The address of the client behind a websocket event, for throttles and logs."""

from __future__ import annotations

from typing import Any

from castyou.client_address import ADDRESS_MAX, UNKNOWN


def client_address(state: Any) -> str:
    """The client's address for this event.

    Reflex resolves it once per socket from the peer and ``X-Forwarded-For`` through
    ``trusted_proxy_hops``, which ``rxconfig.py`` sets from ``CASTYOU_TRUSTED_PROXY_HOPS``
    (the rule is :func:`castyou.client_address.resolve_client_address`).
    """
    return (state.router.session.client_ip or UNKNOWN)[:ADDRESS_MAX]
