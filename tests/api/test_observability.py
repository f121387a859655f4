"""Request ids on responses and log lines, secrets kept out of logs, and /metrics."""

from __future__ import annotations

import io
import json
import logging
import re
from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient
from prometheus_client.parser import text_string_to_metric_families

from castyou.api.app import api
from castyou.api.webhook_lane import webhook_lane
from castyou.logging_setup import JsonFormatter
from castyou.settings import get_settings
from tests.api.webhook_client import send
from tests.concierge_helpers import submit
from tests.factories import make_user
from tests.payment_helpers import open_purchase, payment_event

METRICS_KEY = "metrics-key-for-tests-0123456789"


@pytest.fixture
def client(engine: Any) -> TestClient:
    return TestClient(webhook_lane(api))


@pytest.fixture
def json_log() -> Iterator[io.StringIO]:
    """Everything the ``castyou`` loggers write, as JSON lines."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(JsonFormatter())
    logger = logging.getLogger("castyou")
    logger.addHandler(handler)
    yield stream
    logger.removeHandler(handler)


@pytest.fixture
def metrics_key(monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    monkeypatch.setenv("CASTYOU_METRICS_KEY", METRICS_KEY)
    get_settings.cache_clear()
    yield METRICS_KEY
    get_settings.cache_clear()


def _lines(stream: io.StringIO) -> list[dict[str, Any]]:
    return [json.loads(line) for line in stream.getvalue().splitlines() if line.strip()]


def test_every_response_carries_a_request_id_and_the_log_line_too(client, json_log) -> None:
    response = client.get("/api/health")
    request_id = response.headers["X-Request-ID"]
    assert re.fullmatch(r"[0-9a-f]{16}", request_id)
    (line,) = [entry for entry in _lines(json_log) if entry["msg"] == "http request"]
    assert (line["request_id"], line["path"], line["status"]) == (request_id, "/api/health", 200)
    kept = client.get("/api/health", headers={"X-Request-ID": "proxy-id-12345"})
    assert kept.headers["X-Request-ID"] == "proxy-id-12345"
    bogus = client.get("/api/health", headers={"X-Request-ID": "bad id\nwith newline"})
    assert re.fullmatch(r"[0-9a-f]{16}", bogus.headers["X-Request-ID"])
    missing = client.get("/api/files/" + "x" * 22)
    assert missing.status_code == 404 and "X-Request-ID" in missing.headers


def test_a_webhook_delivery_logs_under_its_request_id(db, client, json_log) -> None:
    user = make_user(db)
    purchase = open_purchase(db, user)
    response = send(client, payment_event(purchase))
    ids = {entry["request_id"] for entry in _lines(json_log)}
    assert ids == {response.headers["X-Request-ID"]}


def test_secrets_never_reach_a_log_line(json_log) -> None:
    logging.getLogger("castyou.test").warning(
        "checkout", extra={"card_number": "4242424242424242", "password": "hunter2", "bundle": "x"}
    )
    (line,) = _lines(json_log)
    assert line["bundle"] == "x"
    assert "4242" not in json.dumps(line) and "hunter2" not in json.dumps(line)


def test_metrics_need_the_key(client, metrics_key) -> None:
    assert client.get("/metrics").status_code == 401
    wrong = client.get("/metrics", headers={"Authorization": "Bearer nope"})
    assert wrong.status_code == 401


def test_metrics_are_off_without_a_key(client) -> None:
    assert client.get("/metrics").status_code == 404


def _scrape(client: TestClient, key: str) -> dict[tuple[str, tuple[tuple[str, str], ...]], float]:
    response = client.get("/metrics", headers={"Authorization": f"Bearer {key}"})
    assert response.status_code == 200
    return {
        (sample.name, tuple(sorted(sample.labels.items()))): sample.value
        for family in text_string_to_metric_families(response.text)
        for sample in family.samples
    }


def test_counters_move_after_a_purchase(db, client, metrics_key) -> None:
    user = make_user(db)
    submit(db, user)
    purchase = open_purchase(db, user)
    processed = (
        "castyou_webhook_deliveries_total",
        (("duplicate", "false"), ("outcome", "PROCESSED")),
    )
    purchased = ("castyou_ledger_postings_total", (("source", "PURCHASED"),))
    before = _scrape(client, metrics_key)
    send(client, payment_event(purchase))
    after = _scrape(client, metrics_key)
    assert after[processed] == before.get(processed, 0) + 1
    assert after[purchased] == before.get(purchased, 0) + 1
    assert after[("castyou_concierge_requests", (("status", "PENDING"),))] == 1
    latency = (
        "castyou_http_request_duration_seconds_count",
        (("method", "POST"), ("route", "/api/stripe/webhook"), ("status", "2xx")),
    )
    assert after[latency] >= 1
