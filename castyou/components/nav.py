"""Navigation entries per role: one list the header and the mobile menu read."""

from dataclasses import dataclass

from castyou import routes
from castyou.models.user import Role

ALL = (Role.TALENT, Role.PRODUCER, Role.ADMIN)


@dataclass(frozen=True)
class NavItem:
    route: str
    label_key: str
    roles: tuple[Role, ...] = ALL


STORE_NAV_ITEMS = (
    NavItem(routes.PROFILE, "nav.profile", (Role.TALENT, Role.PRODUCER)),
    NavItem(routes.DISCOVER, "nav.discover", (Role.PRODUCER,)),
    NavItem(routes.JOBS, "nav.jobs", (Role.TALENT, Role.PRODUCER)),
    NavItem(routes.MESSAGES, "nav.messages", (Role.TALENT, Role.PRODUCER)),
    NavItem(routes.CASTARS_STORE, "store.nav", (Role.TALENT, Role.PRODUCER)),
)

NAV_ITEMS: list[NavItem] = [
    NavItem(routes.HOME, "nav.home"),
    NavItem(routes.CASTARS, "nav.castars"),
    *STORE_NAV_ITEMS,
    NavItem(routes.CONCIERGE, "nav.concierge"),
    NavItem(routes.SETTINGS, "nav.settings"),
    NavItem(routes.ADMIN_CONCIERGE, "nav.admin_concierge", (Role.ADMIN,)),
    NavItem(routes.ADMIN_CASTARS, "nav.admin_castars", (Role.ADMIN,)),
]
