"""Reflex configuration: reads CasTyou settings; telemetry is always off."""

import reflex as rx
from reflex.plugins.sitemap import SitemapPlugin

from castyou.settings import get_settings

_settings = get_settings()

config = rx.Config(
    app_name="castyou",
    telemetry_enabled=False,
    frontend_port=3000,
    redis_url=_settings.redis_url,
    state_manager_mode="redis" if _settings.redis_url else "memory",
    show_built_with_reflex=False,
    frontend_lazy_bundled_libraries=True,
    disable_plugins=[SitemapPlugin],
    plugins=[
        rx.plugins.RadixThemesPlugin(
            theme=rx.theme(appearance="inherit", accent_color="amber", radius="medium")
        )
    ],
)
