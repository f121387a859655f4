"""Client-side lookup of translated strings."""

import reflex as rx

from castyou.state.session import SessionState


def tr(key: str) -> rx.Var[str]:
    """The string ``key`` in the viewer's language (reactive to the language picker)."""
    return SessionState.tr[key].to(str)
