"""Analysts' corrections over HTTP: bearer tokens (401 / 403 / 200 with an audit row), a read-only server that
refuses every write, hostile text stored as text, a limit on failed attempts, and the review queue."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from api_factory import fill, specs
from fastapi.testclient import TestClient

from eventwire.api import create_app
from eventwire.api.review_auth import MAX_FAILURES, Reviewers, TokenFileError
from eventwire.store import open_store

TOKEN = "ana-token-0123456789abcdef"
OTHER_TOKEN = "bo-token-fedcba9876543210"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
WRITES = (("PATCH", "/api/events/ew-0000", {"fields": {"fatalities": 7}, "reason": "r"}),
          ("POST", "/api/events/ew-0000/accept", {"reason": "r"}),
          ("POST", "/api/events/ew-0000/reject", {"reason": "r"}),
          ("POST", "/api/events/ew-0000/restore", {"reason": "r"}),
          ("POST", "/api/events/ew-0000/split", {"articles": ["art-ew-0000"], "reason": "r"}),
          ("POST", "/api/events/merge", {"event_ids": ["ew-0000", "ew-0001"], "reason": "r"}))


@pytest.fixture(params=["sqlite", "postgres"])
def target(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A fresh store of six hand-made events per test (writes change it)."""
    url = str(tmp_path / "review.db") if request.param == "sqlite" else request.getfixturevalue("pg_cluster").fresh()
    fill(url, specs(6))
    return url


@pytest.fixture
def token_file(tmp_path: Path) -> Path:
    path = tmp_path / "reviewers.txt"
    path.write_text(f"# who may correct events\nana:{TOKEN}\nbo:{OTHER_TOKEN}\n", encoding="utf-8")
    return path


@pytest.fixture
def reviewer_client(target: str, token_file: Path) -> Iterator[TestClient]:
    with TestClient(create_app(target, reviewers=Reviewers.from_file(token_file))) as c:
        yield c


def snapshot(target: str) -> list[dict]:
    with open_store(target) as store:
        return sorted(store.events(), key=lambda e: e["id"])


def test_a_read_only_server_refuses_every_write_with_405(target: str) -> None:
    before = snapshot(target)
    with TestClient(create_app(target)) as client:
        for method, path, body in WRITES:
            response = client.request(method, path, json=body, headers=AUTH)
            assert response.status_code == 405, path
            assert "read-only" in response.json()["error"]["message"]
        assert client.get("/api/health").json()["review"] is False
    assert snapshot(target) == before


def test_no_token_is_401_and_a_wrong_one_403(reviewer_client: TestClient, target: str) -> None:
    before = snapshot(target)
    for method, path, body in WRITES:
        missing = reviewer_client.request(method, path, json=body)
        assert missing.status_code == 401 and missing.headers["www-authenticate"].startswith("Bearer")
        assert reviewer_client.request(method, path, json=body, headers={"Authorization": "Basic abc"}
                                       ).status_code == 401
        wrong = reviewer_client.request(method, path, json=body, headers={"Authorization": "Bearer " + "x" * 26})
        assert wrong.status_code == 403 and wrong.json()["error"]["code"] == "forbidden"
    assert snapshot(target) == before
    assert reviewer_client.get("/api/corrections").json() == []


def test_the_right_token_corrects_and_leaves_an_audit_row(reviewer_client: TestClient) -> None:
    response = reviewer_client.patch("/api/events/ew-0000", json={"fields": {"fatalities": 7}, "reason": "list"},
                                     headers=AUTH)
    assert response.status_code == 200
    (event,) = response.json()["events"]
    assert (event["fatalities"], event["review"]) == (7, "corrected")
    shown = reviewer_client.get("/api/events/ew-0000").json()
    assert shown["corrections"][0]["author"] == "ana" and shown["conflicts"] == []
    (audit,) = reviewer_client.get("/api/corrections").json()
    assert (audit["author"], audit["kind"], audit["field"], audit["after"], audit["reason"]) == \
        ("ana", "set", "fatalities", 7, "list")
    assert audit["anchors"][0]["article_id"] == "art-ew-0000"
    rejected = reviewer_client.post("/api/events/ew-0001/reject", json={"reason": "drill"},
                                    headers={"Authorization": f"Bearer {OTHER_TOKEN}"})
    assert rejected.json()["events"][0]["review"] == "rejected"
    assert "ew-0001" not in [e["id"] for e in reviewer_client.get("/api/events").json()["events"]]
    assert [e["id"] for e in reviewer_client.get("/api/events?review=rejected").json()["events"]] == ["ew-0001"]
    assert [a["author"] for a in reviewer_client.get("/api/corrections").json()] == ["ana", "bo"]


def test_injection_strings_in_every_field_are_stored_as_text(reviewer_client: TestClient, target: str) -> None:
    hostile = ["'; DROP TABLE events; --", "\" OR 1=1 --", "<script>alert(1)</script>", "${7*7}", "{{7*7}}",
               "../../etc/passwd", "Robert'); DELETE FROM corrections;--"]
    for text in hostile:
        response = reviewer_client.patch("/api/events/ew-0002", headers=AUTH,
                                         json={"fields": {"actor1": text, "location": text, "admin1": text},
                                               "reason": text})
        assert response.status_code == 200
        (event,) = response.json()["events"]
        assert (event["actor1"], event["location"], event["admin1"]) == (text, text, text)
        assert event["corrections"][-1]["reason"] == text
        for field, value in (("fatalities", text), ("event_date", text), ("event_type", text)):
            assert reviewer_client.patch("/api/events/ew-0002", headers=AUTH,
                                         json={"fields": {field: value}, "reason": text}).status_code == 422
        assert reviewer_client.post(f"/api/events/{text.replace('/', '%2F')}/reject", headers=AUTH,
                                    json={"reason": text}).status_code in (404, 422)
        assert reviewer_client.post("/api/events/ew-0002/split", headers=AUTH,
                                    json={"articles": [text], "reason": text}).status_code == 422
    with open_store(target) as store:
        assert store.counts() == {"articles": 6, "events": 6}
        assert len(store.corrections()) == 3 * len(hostile)


def test_bad_bodies_are_422_and_change_nothing(reviewer_client: TestClient, target: str) -> None:
    before = snapshot(target)
    for body in ({"fields": {}, "reason": "r"}, {"fields": {"fatalities": 1}}, {"fields": {"fatalities": 1},
                                                                                 "reason": ""},
                 {"fields": {"fatalities": -3}, "reason": "r"}, {"fields": {"colour": "red"}, "reason": "r"},
                 {"fields": {"fatalities": True}, "reason": "r"}, {"fields": "fatalities=1", "reason": "r"}):
        response = reviewer_client.patch("/api/events/ew-0000", json=body, headers=AUTH)
        assert response.status_code == 422, body
    assert reviewer_client.patch("/api/events/ew-9999", json={"fields": {"fatalities": 1}, "reason": "r"},
                                 headers=AUTH).status_code == 404
    huge = reviewer_client.patch("/api/events/ew-0000", content=b"{" + b" " * 70_000 + b"}", headers=AUTH)
    assert huge.status_code == 413
    assert snapshot(target) == before


def test_failed_attempts_are_limited_per_address(reviewer_client: TestClient) -> None:
    wrong = {"Authorization": "Bearer " + "y" * 30}
    codes = [reviewer_client.post("/api/events/ew-0000/reject", json={"reason": "r"}, headers=wrong).status_code
             for _ in range(MAX_FAILURES + 2)]
    assert codes[:MAX_FAILURES] == [403] * MAX_FAILURES and codes[-1] == 429
    blocked = reviewer_client.post("/api/events/ew-0000/reject", json={"reason": "r"}, headers=AUTH)
    assert blocked.status_code == 429 and int(blocked.headers["retry-after"]) >= 1  # even with the right token


def test_the_review_queue_puts_the_most_doubtful_first(reviewer_client: TestClient) -> None:
    queue = reviewer_client.get("/api/review").json()["events"]
    doubts = [e["doubt"] for e in queue]
    assert doubts == sorted(doubts, reverse=True) and len(queue) == 6
    assert queue[0]["confidence"] == min(e["confidence"] for e in queue)
    reviewer_client.patch(f"/api/events/{queue[0]['id']}", json={"fields": {"fatalities": 2}, "reason": "r"},
                          headers=AUTH)
    assert queue[0]["id"] not in [e["id"] for e in reviewer_client.get("/api/review").json()["events"]]
    accepted = reviewer_client.post(f"/api/events/{queue[1]['id']}/accept", json={"reason": "checked"}, headers=AUTH)
    assert accepted.json()["events"][0]["review"] == "accepted"
    left = [e["id"] for e in reviewer_client.get("/api/review").json()["events"]]
    assert queue[1]["id"] not in left and len(left) == 4


def test_a_token_file_is_checked_line_by_line(tmp_path: Path) -> None:
    path = tmp_path / "t.txt"
    for text, message in (("", "no 'name:token'"), ("ana\n", ":1: write one"), ("ana:short\n", "at least 16"),
                          (f"ana:{TOKEN}\nana:{OTHER_TOKEN}\n", "named twice"),
                          (f"ana:{TOKEN}\nbo:{TOKEN}\n", "another reviewer's")):
        path.write_text(text, encoding="utf-8")
        with pytest.raises(TokenFileError, match=message):
            Reviewers.from_file(path)
    with pytest.raises(TokenFileError, match="cannot read"):
        Reviewers.from_file(tmp_path / "missing.txt")
    path.write_text(f"ana:{TOKEN}\n", encoding="utf-8")
    reviewers = Reviewers.from_file(path)
    assert (reviewers.check(TOKEN), reviewers.check(TOKEN[:-1]), reviewers.check("")) == ("ana", None, None)


def test_a_chunked_body_past_the_limit_is_refused_unread(reviewer_client: TestClient) -> None:
    def chunks() -> Iterator[bytes]:
        yield b'{"reason": "'
        for _ in range(100):
            yield b"x" * 1024
        yield b'"}'

    response = reviewer_client.post("/api/events/ew-0000/reject", content=chunks(), headers=AUTH)
    assert response.status_code == 413 and response.json()["error"]["code"] == "payload_too_large"
    assert reviewer_client.get("/api/events/ew-0000").json()["review"] is None
