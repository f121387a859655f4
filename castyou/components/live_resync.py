"""The safety net for pushed updates: a visible tab re-reads what it shows once a minute.

Changes reach open tabs by push (``castyou.state.live_push``); a reconnect re-runs
the page's ``on_load`` (Reflex re-hydrates), which re-reads everything. A push lost
in between (a Redis restart, a worker restart) is repaired by this timer, which
fires only while the document is visible and once more when it becomes visible
again. An idle tab sends nothing else.
"""

from __future__ import annotations

from typing import Any

import reflex as rx
from reflex.event import EventHandler, no_args_event_spec

RESYNC_MS = 60_000

_COMPONENT_JS = """
function CastyouLiveResync({intervalMs, onResync}) {
  const latest = useRef(onResync);
  latest.current = onResync;
  useEffect(() => {
    let last = Date.now();
    const fire = () => {
      if (document.visibilityState !== "visible") return;
      last = Date.now();
      if (latest.current) latest.current();
    };
    const timer = setInterval(fire, intervalMs);
    const onVisible = () => {
      if (Date.now() - last >= intervalMs) fire();
    };
    document.addEventListener("visibilitychange", onVisible);
    return () => {
      clearInterval(timer);
      document.removeEventListener("visibilitychange", onVisible);
    };
  }, [intervalMs]);
  return null;
}
"""


class LiveResync(rx.Component):
    """``<CastyouLiveResync intervalMs onResync>``: renders nothing."""

    tag = "CastyouLiveResync"

    interval_ms: rx.Var[int]
    on_resync: EventHandler[no_args_event_spec]  # type: ignore[type-arg,valid-type]

    def add_imports(self) -> dict:
        return {"react": ["useEffect", "useRef"]}

    def add_custom_code(self) -> list[str]:
        return [_COMPONENT_JS]


def live_resync(handler: Any) -> rx.Component:
    return LiveResync.create(interval_ms=RESYNC_MS, on_resync=handler)
