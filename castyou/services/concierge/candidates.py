"""Cleaning the candidates a concierge delivers: what the requester will click must be safe."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from castyou.services.errors import InvalidInput

MAX_CANDIDATES = 20
NAME_MAX = 120
LINK_MAX = 500
NOTES_MAX = 500
_FIELDS = ("name", "link", "notes")
_LIMITS = {"name": NAME_MAX, "link": LINK_MAX, "notes": NOTES_MAX}


def _field(row: dict[str, Any], name: str) -> str:
    value = row.get(name, "")
    if value is None:
        return ""
    if not isinstance(value, str):
        raise InvalidInput("concierge.candidate_invalid")
    return value.strip()


def is_web_link(link: str) -> bool:
    """An absolute http(s) URL with a host and no whitespace or control characters."""
    if any(ch.isspace() or ord(ch) < 32 for ch in link):
        return False
    try:
        parts = urlsplit(link)
    except ValueError:
        return False
    return parts.scheme.lower() in ("http", "https") and bool(parts.hostname)


def clean_candidates(rows: object) -> list[dict[str, str]]:
    """Trim, drop empty rows and duplicates; refuse nameless rows and non-web links.

    Rows are numbered from 1 in errors, counting the rows as the admin typed them.
    """
    if not isinstance(rows, list) or len(rows) > MAX_CANDIDATES * 2:
        raise InvalidInput("concierge.candidate_invalid")
    cleaned: list[dict[str, str]] = []
    seen: set[tuple[str, str]] = set()
    for number, row in enumerate(rows, start=1):
        if not isinstance(row, dict):
            raise InvalidInput("concierge.candidate_invalid")
        candidate = {name: _field(row, name) for name in _FIELDS}
        if not any(candidate.values()):
            continue
        if not candidate["name"]:
            raise InvalidInput("concierge.candidate_name_required", row=number)
        if candidate["link"] and not is_web_link(candidate["link"]):
            raise InvalidInput("concierge.candidate_link_invalid", row=number)
        for name, limit in _LIMITS.items():
            if len(candidate[name]) > limit:
                raise InvalidInput("concierge.candidate_too_long", row=number, max=limit)
        identity = (candidate["name"].casefold(), candidate["link"].casefold())
        if identity in seen:
            continue
        seen.add(identity)
        cleaned.append(candidate)
    if not cleaned:
        raise InvalidInput("concierge.no_candidates")
    if len(cleaned) > MAX_CANDIDATES:
        raise InvalidInput("concierge.too_many_candidates", max=MAX_CANDIDATES)
    return cleaned
