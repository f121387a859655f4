"""Audit entries in words: which fields an admin action changed, from what to what."""

from __future__ import annotations

import json
from typing import Any

from castyou.i18n import t

_MISSING = object()
_MAX_VALUE = 80


def humanize(name: str) -> str:
    """``refund_shortfall`` → ``Refund shortfall``; ``webhook.replayed`` → ``Webhook replayed``."""
    words = name.replace(".", " ").replace("_", " ").strip()
    return words[:1].upper() + words[1:]


def _value(value: Any, lang: str) -> str:
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return t("admin.yes" if value else "admin.no", lang)
    if isinstance(value, list | tuple):
        text = ", ".join(_value(item, lang) for item in value)
    elif isinstance(value, dict):
        text = json.dumps(value, sort_keys=True, ensure_ascii=False)
    else:
        text = str(value)
    return text if len(text) <= _MAX_VALUE else text[: _MAX_VALUE - 1] + "…"


def describe_changes(
    before: dict[str, Any] | None, after: dict[str, Any] | None, lang: str
) -> list[str]:
    """One line per field that differs: ``Status: PENDING → APPROVED``."""
    before, after = before or {}, after or {}
    lines = []
    for key in sorted(set(before) | set(after)):
        old, new = before.get(key, _MISSING), after.get(key, _MISSING)
        if old == new:
            continue
        field = humanize(key)
        if old is _MISSING:
            lines.append(t("admin.diff_set", lang, field=field, after=_value(new, lang)))
        elif new is _MISSING:
            lines.append(t("admin.diff_removed", lang, field=field, before=_value(old, lang)))
        else:
            lines.append(
                t(
                    "admin.diff_changed",
                    lang,
                    field=field,
                    before=_value(old, lang),
                    after=_value(new, lang),
                )
            )
    return lines
