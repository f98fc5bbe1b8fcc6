"""Requests built to break the API answer in the error shape, never 500, on both stores: integers past the
store's range, cursors that decode to deeply nested brackets or to a key out of range; HEAD wherever GET."""

from __future__ import annotations

import base64

import pytest
from fastapi.testclient import TestClient

from eventwire.store import encode_cursor
from eventwire.store.base import MAX_STORED_INT


def error_code(response: object) -> str:
    return str(response.json()["error"]["code"])  # type: ignore[attr-defined]


@pytest.mark.parametrize("path", ["/api/events", "/api/stats", "/api/escalation", "/api/export"])
def test_integers_past_the_stores_range_are_422(client: TestClient, path: str) -> None:
    response = client.get(path, params={"min_fatalities": MAX_STORED_INT + 1, "format": "csv"}
                          if path == "/api/export" else {"min_fatalities": MAX_STORED_INT + 1})
    assert response.status_code == 422 and error_code(response) == "validation_error"
    assert client.get(path, params={"min_fatalities": MAX_STORED_INT, **({"format": "csv"} if path == "/api/export"
                                                                          else {})}).status_code == 200


@pytest.mark.parametrize("cursor", [
    base64.urlsafe_b64encode(b"[" * 1400).decode().rstrip("="),  # nested past Python's recursion limit
    encode_cursor("-fatalities", 2**70, "ew-x"),  # well formed, its key past any stored integer
    encode_cursor("-fatalities", -(2**70), "ew-x"),
    encode_cursor("-fatalities", True, "ew-x"),
])
def test_hostile_cursors_are_refused_in_the_error_shape(client: TestClient, cursor: str) -> None:
    response = client.get("/api/events", params={"sort": "-fatalities", "cursor": cursor})
    assert response.status_code == 400 and error_code(response) == "bad_request"
    assert "cursor" in response.json()["error"]["message"]
    assert client.get("/api/events", params={"sort": "-fatalities"}).status_code == 200  # and serving goes on


@pytest.mark.parametrize("path", ["/api/events?limit=2", "/api/health", "/api/stats", "/", "/docs",
                                  "/openapi.json", "/api/map/labels?bbox=0,0,1,1&zoom=3"])
def test_head_is_answered_wherever_get_is(client: TestClient, path: str) -> None:
    got, head = client.get(path), client.head(path)
    assert head.status_code == got.status_code == 200
    assert head.content == b""
    assert head.headers["content-type"] == got.headers["content-type"]


def test_head_of_a_missing_route_is_404(client: TestClient) -> None:
    assert client.head("/api/nothing-here").status_code == 404
