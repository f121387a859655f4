"""The console's open tab: every page tab is a known name; only admins switch tabs."""

from __future__ import annotations

from sqlmodel import Session

from castyou.models.user import Role
from castyou.pages.admin.console import TABS
from castyou.state.admin.console_tab import CONSOLE_TABS, AdminConsoleTabState
from tests.factories import login_token, make_user
from tests.state_helpers import call, new_state, rendered


def test_the_state_knows_every_tab_of_the_page() -> None:
    assert tuple(name for name, _ in TABS) == CONSOLE_TABS


def test_admins_switch_tabs_and_unknown_names_are_refused(db: Session) -> None:
    admin = make_user(db, Role.ADMIN)
    state = new_state(AdminConsoleTabState, login_token(db, admin))
    call(state, "set_console_tab", "support")
    assert state.console_tab == "support"
    assert rendered(call(state, "set_console_tab", "../../etc")) != ""
    assert state.console_tab == "support"
    talent = new_state(AdminConsoleTabState, login_token(db, make_user(db)))
    call(talent, "set_console_tab", "outbox")
    assert talent.console_tab == "stats"
