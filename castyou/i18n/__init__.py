"""Translation and locale formatting: every user-visible string goes through here.

Catalogs live in ``castyou/i18n/messages/<area>.py`` as ``MESSAGES = {key: (en, pt, es)}``
so each string is written in all three languages at once. Babel formats numbers,
money and dates for the user's locale.
"""

from __future__ import annotations

import importlib
import pkgutil
from datetime import date, datetime
from functools import lru_cache
from typing import Any

from babel.dates import format_date as _babel_date
from babel.dates import format_datetime as _babel_datetime
from babel.numbers import format_currency, format_decimal

LANGUAGES: tuple[str, ...] = ("en", "pt", "es")
DEFAULT_LANG = "en"
LANGUAGE_NAMES = {"en": "English", "pt": "Português", "es": "Español"}
_LOCALES = {"en": "en_US", "pt": "pt_BR", "es": "es_ES"}


def normalize_lang(lang: object) -> str:
    """A supported language code for any input (``pt-BR`` → ``pt``; a non-text value → default).

    The language also comes from browser storage, which any client can set to anything.
    """
    code = (lang if isinstance(lang, str) else "").lower()[:2]
    return code if code in LANGUAGES else DEFAULT_LANG


@lru_cache
def _all_messages() -> dict[str, tuple[str, str, str]]:
    from castyou.i18n import messages

    merged: dict[str, tuple[str, str, str]] = {}
    for info in pkgutil.iter_modules(messages.__path__):
        module = importlib.import_module(f"{messages.__name__}.{info.name}")
        for key, texts in module.MESSAGES.items():
            if key in merged:
                raise RuntimeError(f"translation key {key!r} defined twice ({info.name})")
            merged[key] = texts
    return merged


ADMIN_PREFIXES: tuple[str, ...] = ("admin.", "admin_concierge.")


def is_admin_key(key: str) -> bool:
    """Strings only the admin console shows (sent to admins only)."""
    return key.startswith(ADMIN_PREFIXES)


@lru_cache
def catalog(lang: str) -> dict[str, str]:
    """Every string in one language (server-side lookups)."""
    index = LANGUAGES.index(normalize_lang(lang))
    return {key: texts[index] for key, texts in _all_messages().items()}


@lru_cache
def client_catalog(lang: str, *, admin: bool) -> dict[str, str]:
    """The strings the browser needs: the admin console's (``admin``) or everyone else's."""
    return {key: text for key, text in catalog(lang).items() if is_admin_key(key) == admin}


def t(key: str, lang: str | None = None, **params: Any) -> str:
    """Translate ``key`` into ``lang``, filling ``{placeholders}`` from ``params``.

    An unknown key returns the key itself so a missing string is visible, not silent.
    """
    text = catalog(normalize_lang(lang)).get(key, key)
    return text.format(**params) if params else text


def locale_for(lang: str | None) -> str:
    return _LOCALES[normalize_lang(lang)]


def format_number(value: int | float, lang: str | None) -> str:
    return format_decimal(value, locale=locale_for(lang))


def format_money(cents: int, currency: str, lang: str | None) -> str:
    return format_currency(cents / 100, currency.upper(), locale=locale_for(lang))


def format_datetime(value: datetime | None, lang: str | None, fmt: str = "medium") -> str:
    if value is None:
        return ""
    return _babel_datetime(value, format=fmt, locale=locale_for(lang))


def format_date(value: date | None, lang: str | None, fmt: str = "medium") -> str:
    if value is None:
        return ""
    return _babel_date(value, format=fmt, locale=locale_for(lang))
