"""Per-click idempotency keys: a spend or refund sent twice with one key happens once.

The page renders a fresh key with each confirm dialog and sends it with the confirmed
click; a double click sends the same key twice. Keys come from clients, so they are
checked (a bounded charset and length) and always scoped to the acting user by the
service that stores them.
"""

from __future__ import annotations

import re
import uuid

from castyou.services.errors import InvalidInput

_KEY = re.compile(r"[A-Za-z0-9_-]{8,64}")


def new_key() -> str:
    """A fresh key for the next confirmed click."""
    return uuid.uuid4().hex


def check_key(value: object) -> str:
    """``value`` if it is a well-formed click key, else InvalidInput."""
    if not isinstance(value, str) or not _KEY.fullmatch(value):
        raise InvalidInput("click.invalid_key")
    return value
