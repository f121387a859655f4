"""/settings saves the e-mail opt-in; an unexpected failure shows its request id."""

from __future__ import annotations

import io
import json
import logging
import re

import pytest
from sqlmodel import Session

from castyou.logging_setup import JsonFormatter
from castyou.services.email import prefs
from castyou.state.settings import SettingsState
from tests.factories import login_token, make_user
from tests.state_helpers import call, new_state, rendered


def test_the_user_saves_their_own_choices(db: Session) -> None:
    user = make_user(db)
    state = new_state(SettingsState, login_token(db, user))
    call(state, "load")
    assert (state.concierge_updates, state.purchase_receipts) == (False, False)
    result = call(state, "save", {"concierge_updates": "on"})
    assert "E-mail settings saved." in rendered(result)
    saved = prefs.get_prefs(session=db, user_id=user.id)
    assert (saved.concierge_updates, saved.purchase_receipts) == (True, False)


def test_anonymous_visitors_cannot_save(db: Session) -> None:
    state = new_state(SettingsState, "")
    assert "log in" in rendered(call(state, "save", {"concierge_updates": "on"})).lower()


@pytest.mark.allow_error_logs
def test_an_unexpected_error_quotes_the_request_id_that_the_log_line_has(
    db: Session, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(**_kwargs: object) -> None:
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(prefs, "set_prefs", broken)
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(JsonFormatter())
    logging.getLogger("castyou").addHandler(handler)
    try:
        user = make_user(db)
        state = new_state(SettingsState, login_token(db, user))
        shown = rendered(call(state, "save", {}))
    finally:
        logging.getLogger("castyou").removeHandler(handler)
    reference = re.search(r"reference ([0-9a-f]{16})", shown)
    assert reference is not None and "disk on fire" not in shown
    (line,) = [json.loads(x) for x in stream.getvalue().splitlines() if "handler failed" in x]
    assert (line["request_id"], line["user_id"]) == (reference.group(1), user.id)
    assert "disk on fire" in line["exc"]
