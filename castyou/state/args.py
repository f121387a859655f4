"""Values sent by clients (handler arguments and form fields), parsed strictly.

Any client can call any handler with any JSON, so nothing is taken as it comes.
Integers come only from ASCII digits (``'²'.isdigit()`` is True but ``int('²')``
raises) and must fit the database column; text is trimmed and bounded; choices are
checked against their registry. Anything else raises :class:`InvalidInput` with a
translated message key, so the caller shows "invalid", never a 500.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from typing import Any

from castyou.models.limits import ID_MAX
from castyou.services.errors import InvalidInput

INVALID = "error.invalid_input"
_INTEGER = re.compile(r"[+-]?[0-9]{1,12}")


def integer(value: object, *, low: int, high: int, key: str = INVALID) -> int:
    """An int (or a string of ASCII digits) within ``low..high``."""
    if isinstance(value, bool):
        raise InvalidInput(key, min=low, max=high)
    if isinstance(value, str) and _INTEGER.fullmatch(value.strip()):
        value = int(value.strip())
    if not isinstance(value, int) or not low <= value <= high:
        raise InvalidInput(key, min=low, max=high)
    return value


def record_id(value: object, *, key: str = INVALID) -> int:
    """A database id: a positive integer that fits the id column."""
    return integer(value, low=1, high=ID_MAX, key=key)


def optional_id(value: object, *, key: str = INVALID) -> int | None:
    """A database id, or None for an empty value (an unset filter)."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    return record_id(value, key=key)


def text(value: object, *, max_len: int, min_len: int = 0, key: str = INVALID) -> str:
    """A trimmed string of ``min_len..max_len`` characters."""
    if not isinstance(value, str):
        raise InvalidInput(key, min=min_len, max=max_len)
    cleaned = value.strip()
    if not min_len <= len(cleaned) <= max_len:
        raise InvalidInput(key, min=min_len, max=max_len)
    return cleaned


def form(value: object) -> dict[str, Any]:
    """A submitted form: a dict, else InvalidInput."""
    if not isinstance(value, dict):
        raise InvalidInput(INVALID)
    return value


def field(
    submitted: object, name: str, *, max_len: int = 200, min_len: int = 0, key: str = INVALID
) -> str:
    """A trimmed text field of a submitted form ("" when missing).

    The error carries ``field=name`` too, for messages that name the field.
    """
    value = form(submitted).get(name, "")
    try:
        return text("" if value is None else value, max_len=max_len, min_len=min_len, key=key)
    except InvalidInput as error:
        error.params["field"] = name
        raise


def choice(value: object, options: Collection[str], *, key: str = INVALID) -> str:
    """One of ``options`` (enum member names or values, a registry's keys)."""
    if not isinstance(value, str) or value not in options:
        raise InvalidInput(key)
    return value


def step(value: object) -> int:
    """A paging step: -1 or +1; anything else is 0 (stay put)."""
    if isinstance(value, int) and not isinstance(value, bool) and value in (-1, 1):
        return value
    return 0
