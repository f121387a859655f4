"""The exceptions services raise; states turn them into translated messages.

Each error carries a translation key (``code``) and the values its message needs.
"""

from __future__ import annotations

from typing import Any


class CasTyouError(Exception):
    """Base for every expected, user-facing failure."""

    code = "error.generic"

    def __init__(self, code: str | None = None, **params: Any) -> None:
        self.code = code or type(self).code
        self.params = params
        super().__init__(self.code, params)


class InvalidInput(CasTyouError):
    code = "error.invalid_input"


class NotAuthenticated(CasTyouError):
    code = "error.not_authenticated"


class NotAllowed(CasTyouError):
    code = "error.not_allowed"


class NotFound(CasTyouError):
    code = "error.not_found"


class Conflict(CasTyouError):
    code = "error.conflict"


class RateLimited(CasTyouError):
    code = "error.rate_limited"


class InsufficientBalance(CasTyouError):
    code = "error.insufficient_balance"
