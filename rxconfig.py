"""Reflex configuration: reads CasTyou settings; telemetry is always off."""

import reflex as rx
from reflex.plugins.sitemap import SitemapPlugin

from castyou.settings import get_settings

_settings = get_settings()


class RadixThemes(rx.plugins.RadixThemesPlugin):
    """Radix Themes without its whole namespace in every page's bundle.

    Reflex puts each plugin's package into ``window.__reflex`` for dynamic components
    (which CasTyou does not use), and that import keeps all of Radix Themes in the
    first-load bundle. Components still import (and install) what they use.
    """

    def get_frontend_dependencies(self, **context: object) -> tuple[str, ...]:
        return ()


def _cors_origins() -> list[str]:
    """In production only the public origin may call the backend with credentials.

    Reflex applies the list to the websocket (python-socketio) and to the HTTP API
    (Starlette's CORSMiddleware, ``allow_credentials=True``): any other ``Origin`` gets
    no ``Access-Control-Allow-Origin``. Development keeps Reflex's default ``*``.
    """
    if _settings.env == "production":
        return [_settings.public_origin]
    return ["*"]


config = rx.Config(
    app_name="castyou",
    telemetry_enabled=False,
    frontend_port=3000,
    redis_url=_settings.redis_url,
    state_manager_mode="redis" if _settings.redis_url else "memory",
    show_built_with_reflex=False,
    cors_allowed_origins=_cors_origins(),
    # X-Forwarded-For counts only through this many trusted proxies (castyou.client_address).
    trusted_proxy_hops=_settings.trusted_proxy_hops,
    frontend_lazy_bundled_libraries=True,
    disable_plugins=[SitemapPlugin],
    plugins=[
        RadixThemes(theme=rx.theme(appearance="inherit", accent_color="amber", radius="medium"))
    ],
)
