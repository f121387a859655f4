"""CORS: in production only the public origin gets credentialed access (websocket and HTTP).

Reflex reads ``rxconfig.py`` once per process, so each case runs in a subprocess
with its environment: it imports the app as the server does and asks the
socket.io server and Reflex's HTTP app what they answer to each ``Origin``.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PUBLIC = "https://casting.example"
EVIL = "https://evil.example"
PROBE = """
import json, logging, socketio, sys, warnings
warnings.simplefilter("ignore")
logging.disable(logging.CRITICAL)
from starlette.testclient import TestClient
import rxconfig
from castyou.castyou import app

answers = {"origins": list(rxconfig.config.cors_allowed_origins),
           "hops": rxconfig.config.trusted_proxy_hops}
sio = TestClient(socketio.ASGIApp(app.sio, socketio_path="_event"))
http = TestClient(app._api)
for origin in sys.argv[1:]:
    ws = sio.get("/_event/?EIO=4&transport=polling", headers={"Origin": origin})
    ping = http.get("/ping", headers={"Origin": origin})
    answers[origin] = {
        "ws_refused": "not an accepted origin" in ws.text,
        "ws_allow": ws.headers.get("access-control-allow-origin"),
        "http_allow": ping.headers.get("access-control-allow-origin"),
        "http_credentials": ping.headers.get("access-control-allow-credentials"),
    }
print(json.dumps(answers))
"""


def _probe(tmp_path: Path, **env: str) -> dict:
    full_env = {
        **{k: v for k, v in os.environ.items() if not k.startswith(("CASTYOU_", "REFLEX_"))},
        "DATABASE_URL": f"sqlite:///{tmp_path / 'cors.db'}",
        "CASTYOU_SECRET": "cors-test-secret-" + "q" * 32,
        "PYTHONPATH": str(ROOT),
        **env,
    }
    done = subprocess.run(
        [sys.executable, "-c", PROBE, PUBLIC, EVIL],
        cwd=ROOT,
        env=full_env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_production_answers_only_the_public_origin(tmp_path):
    answers = _probe(
        tmp_path,
        CASTYOU_ENV="production",
        CASTYOU_PUBLIC_URL=PUBLIC + "/",
        CASTYOU_TRUSTED_PROXY_HOPS="1",
    )
    assert answers["origins"] == [PUBLIC]
    assert answers["hops"] == 1
    # Starlette still says allow-credentials, but without allow-origin a browser
    # hands the response to no other site's script.
    assert answers[EVIL]["ws_refused"] is True
    assert answers[EVIL]["ws_allow"] is None
    assert answers[EVIL]["http_allow"] is None
    assert answers[PUBLIC]["ws_refused"] is False
    assert answers[PUBLIC]["ws_allow"] == PUBLIC
    assert answers[PUBLIC]["http_allow"] == PUBLIC
    assert answers[PUBLIC]["http_credentials"] == "true"


def test_development_keeps_reflex_default(tmp_path):
    answers = _probe(tmp_path, CASTYOU_ENV="development")
    assert answers["origins"] == ["*"]
    assert answers["hops"] == 0
    assert answers[EVIL]["ws_refused"] is False
