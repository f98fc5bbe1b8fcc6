"""API hardening: read-only routes, parameterized SQL (injection strings in every filter change nothing and
match nothing they should not), input limits, rate limiting, no stack traces, CORS off unless configured."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest
from api_factory import fill, specs
from fastapi.testclient import TestClient

from eventwire.api import create_app
from eventwire.api.security import TokenBuckets
from eventwire.services import store_counts

INJECTIONS = (
    "' OR '1'='1", "'; DROP TABLE events; --", "\" OR 1=1 --", "%", "_", "%' OR 'x'='x", "\\", "1) OR (1=1",
    "Iraq' UNION SELECT id, record FROM events --", "*", "NEAR(a b)", "\"unterminated", "\u0000", "ü'∑",
    "$1", "?", ":name", "); DELETE FROM articles; --",
)
TEXT_FILTERS = ("country", "admin1", "event_type", "sub_event_type", "actor", "weapon", "q")


def assert_error_body(response: Any, status: int) -> None:
    assert response.status_code == status, response.text
    body = response.json()
    assert set(body) == {"error"} and body["error"]["status"] == status
    assert "Traceback" not in response.text and 'File "' not in response.text


def test_injection_strings_in_every_filter_change_nothing(client: TestClient, target: str) -> None:
    before = store_counts(target)
    total = len(client.get("/api/events", params={"limit": 1000}).json()["events"])
    for name in TEXT_FILTERS:
        for payload in INJECTIONS:
            response = client.get("/api/events", params={name: payload, "limit": 1000})
            assert response.status_code in (200, 422), (name, payload, response.text)
            if response.status_code == 200:
                matched = response.json()["events"]
                assert len(matched) < total or payload in ("%", "_", "*"), (name, payload)  # no "always true"
                if payload in ("%", "_"):  # wildcards are literal characters, not patterns
                    assert matched == [] or name == "q", (name, payload)
            else:
                assert_error_body(response, 422)
    for name in ("bbox", "cursor", "sort", "format", "date_from", "min_fatalities", "geo_precision"):
        for payload in INJECTIONS:
            response = client.get("/api/events", params={name: payload})
            assert response.status_code in (400, 422), (name, payload, response.text)
            assert_error_body(response, response.status_code)
    for payload in INJECTIONS:
        for route in ("/api/events/", "/api/articles/"):
            response = client.get(route + quote(payload, safe=""))
            assert response.status_code in (404, 422), (route, payload)
    assert store_counts(target) == before


def test_read_only_every_write_method_is_refused(client: TestClient) -> None:
    for method in ("POST", "PUT", "PATCH", "DELETE"):
        for route in ("/api/events", "/api/events/x", "/api/articles/x", "/api/stats"):
            assert_error_body(client.request(method, route, json={"x": 1}), 405)


def test_limits_on_inputs(client: TestClient) -> None:
    assert_error_body(client.get("/api/events", params={"limit": 100_000}), 422)
    assert_error_body(client.get("/api/events", params={"country": "x" * 201}), 422)
    assert_error_body(client.get("/api/events", params={"q": "word " * 200}), 422)
    assert_error_body(client.get("/api/events", params={"bbox": "10,10,5,5"}), 422)
    assert_error_body(client.get("/api/events", params={"bbox": "0,0,200,95"}), 422)
    assert_error_body(client.get("/api/events", params={"date_from": "2024-02-01", "date_to": "2024-01-01"}), 422)
    assert_error_body(client.get("/api/events/" + "e" * 600), 422)
    assert_error_body(client.get("/api/events", params={"actor": "a" * 9000}), 414)


def test_security_headers_and_no_cors_by_default(client: TestClient) -> None:
    for route in ("/api/events", "/api/health", "/", "/api/nowhere"):
        response = client.get(route, headers={"Origin": "https://evil.example"})
        assert response.headers["x-content-type-options"] == "nosniff"
        assert response.headers["x-frame-options"] == "DENY"
        assert "access-control-allow-origin" not in response.headers


def test_cors_only_for_configured_origins(tmp_path: Path) -> None:
    db = tmp_path / "cors.db"
    fill(db, specs(3))
    with TestClient(create_app(db, cors_origins=("https://maps.example.org",))) as client:
        allowed = client.get("/api/events", headers={"Origin": "https://maps.example.org"})
        assert allowed.headers["access-control-allow-origin"] == "https://maps.example.org"
        other = client.get("/api/events", headers={"Origin": "https://evil.example"})
        assert "access-control-allow-origin" not in other.headers


def test_rate_limit_answers_429_with_retry_after(tmp_path: Path) -> None:
    db = tmp_path / "rate.db"
    fill(db, specs(3))
    with TestClient(create_app(db, rate_limit=0.5, burst=3)) as client:
        statuses = [client.get("/api/health").status_code for _ in range(5)]
        assert statuses[:3] == [200, 200, 200] and statuses[3:] == [429, 429]
        limited = client.get("/api/events")
        assert_error_body(limited, 429)
        assert int(limited.headers["retry-after"]) >= 1


def test_token_buckets_refill_at_the_rate_and_forget_old_clients() -> None:
    buckets = TokenBuckets(rate=2.0, burst=2, max_clients=2)
    assert buckets.take("a", now=0.0) == 0.0 and buckets.take("a", now=0.0) == 0.0
    assert buckets.take("a", now=0.0) == pytest.approx(0.5)
    assert buckets.take("a", now=0.5) == 0.0  # one token back after 1/rate seconds
    assert buckets.take("b", now=0.5) == 0.0 and buckets.take("c", now=0.5) == 0.0  # "a" is forgotten
    assert buckets.take("a", now=0.5) == 0.0 and buckets.take("a", now=0.5) == 0.0


def test_internal_errors_have_no_stack_trace(tmp_path: Path) -> None:
    db = tmp_path / "broken.db"
    fill(db, specs(3))
    app = create_app(db)
    with sqlite3.connect(db) as conn:
        conn.execute("DROP TABLE events")
    with TestClient(app, raise_server_exceptions=False) as client:
        response = client.get("/api/events")
        assert_error_body(response, 500)
        assert response.json()["error"]["message"] == "internal server error"
        assert "no such table" not in response.text and "sqlite" not in response.text.lower()
