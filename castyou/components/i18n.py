"""Client-side lookup of translated strings."""

import reflex as rx

from castyou.i18n import is_admin_key
from castyou.state.session import SessionState


def tr(key: str) -> rx.Var[str]:
    """The string ``key`` in the viewer's language (reactive to the language picker).

    Admin console strings come from ``tr_admin``, which only admins receive.
    """
    table = SessionState.tr_admin if is_admin_key(key) else SessionState.tr
    return table[key].to(str)
