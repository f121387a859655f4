"""Links to a request's files that only work for the viewer they were made for.

An ``<img>`` cannot send the session token (it lives in the browser's storage),
so the page gets short-lived links signed for one viewer and one file:
``/api/files/<public id>?v=<viewer>&e=<expiry>&s=<hmac>``. The route checks the
signature and then, again, that the viewer may see the request now; a link
copied to another person stops at the expiry or when the viewer's rights go.
"""

from __future__ import annotations

import hashlib
import hmac
from datetime import timedelta

from castyou.clock import utcnow
from castyou.settings import get_settings

LINK_LIFETIME = timedelta(hours=2)
FILES_PREFIX = "/api/files/"


def _signature(public_id: str, viewer_id: int, expires: int, thumbnail: bool) -> str:
    key = hashlib.sha256(get_settings().session_secret.encode() + b"|file-links").digest()
    message = f"{public_id}|{viewer_id}|{expires}|{int(thumbnail)}".encode()
    return hmac.new(key, message, hashlib.sha256).hexdigest()[:32]


def file_link(public_id: str, *, viewer_id: int, thumbnail: bool = False) -> str:
    """A link to one file (or its thumbnail) valid for ``viewer_id`` for two hours."""
    # Rounded to the quarter hour so a page that reloads keeps the same URLs (cacheable).
    now = int(utcnow().timestamp())
    expires = now - now % 900 + int(LINK_LIFETIME.total_seconds())
    signature = _signature(public_id, viewer_id, expires, thumbnail)
    thumb = "&t=1" if thumbnail else ""
    return f"{FILES_PREFIX}{public_id}?v={viewer_id}&e={expires}{thumb}&s={signature}"


def verify_link(
    public_id: str, *, viewer_id: int, expires: int, thumbnail: bool, signature: str
) -> bool:
    """True when the link was made here for this viewer and has not expired."""
    if expires < utcnow().timestamp():
        return False
    expected = _signature(public_id, viewer_id, expires, thumbnail)
    return hmac.compare_digest(expected, signature)
