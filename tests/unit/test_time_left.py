"""The queue's time left until the SLA, and how late an overdue request is."""

from __future__ import annotations

from datetime import timedelta

from castyou.clock import utcnow
from castyou.state.concierge_views import time_left_text


def test_time_left_and_overdue_in_each_language() -> None:
    soon = utcnow() + timedelta(hours=5, minutes=20, seconds=30)
    assert time_left_text(soon, "en") == "5 h 20 min left"
    assert time_left_text(soon, "pt") == "faltam 5 h 20 min"
    late = utcnow() - timedelta(hours=26, minutes=5, seconds=10)
    assert time_left_text(late, "en") == "overdue by 26 h 5 min"
    assert time_left_text(late, "es") == "con 26 h 5 min de retraso"
