"""Helpers shared by the admin console states (argument checks, row formatting)."""

from __future__ import annotations

from castyou.services.errors import InvalidInput


def positive_int(value: object) -> int:
    """A positive int from a handler argument or form field, or InvalidInput."""
    if isinstance(value, bool):
        raise InvalidInput("admin.invalid_number")
    if isinstance(value, str) and value.strip().isdigit():
        value = int(value.strip())
    if not isinstance(value, int) or value < 1:
        raise InvalidInput("admin.invalid_number")
    return value


def text_field(form: object, name: str, max_length: int = 200) -> str:
    """A stripped string field of a submitted form ("" when missing), length-checked."""
    value = form.get(name, "") if isinstance(form, dict) else ""
    if not isinstance(value, str) or len(value) > max_length:
        raise InvalidInput("admin.invalid_field", field=name)
    return value.strip()
