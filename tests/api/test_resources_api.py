"""One event, one article, stats, health, the error body and the OpenAPI document."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from api_factory import Spec
from fastapi.testclient import TestClient

from eventwire import services
from eventwire.api import create_app
from eventwire.api.models import ArticleModel, EventDetailModel, HealthModel, StatsModel


def assert_error(response: object, status: int, code: str) -> str:
    body = response.json()  # type: ignore[attr-defined]
    assert response.status_code == status  # type: ignore[attr-defined]
    assert response.headers["content-type"] == "application/json"  # type: ignore[attr-defined]
    assert set(body) == {"error"}
    assert set(body["error"]) == {"status", "code", "message"}
    assert body["error"]["status"] == status
    assert body["error"]["code"] == code
    assert isinstance(body["error"]["message"], str) and body["error"]["message"]
    return str(body["error"]["message"])


def test_event_detail_has_sources_evidence_notes_and_reports(merged_db: Path) -> None:
    with TestClient(create_app(merged_db)) as client:
        response = client.get("/api/events/ew-0000")
        assert response.status_code == 200
        body = response.json()
        EventDetailModel.model_validate(body)
        assert body["id"] == "ew-0000"
        assert body["article_ids"] == ["art-ew-0000", "art-second"]
        assert [s["article_id"] for s in body["sources"]] == ["art-ew-0000", "art-second"]
        assert body["sources"][1]["evidence"]["event_type"]["text"] == "clashed"
        assert body["evidence"]["event_type"]["reason"] == "trigger word"
        assert any("merged" in note for note in body["notes"])
        reports = {r["id"]: r for r in body["reports"]}
        assert sorted(reports) == ["ew-0000", "ew-second"]
        assert (reports["ew-0000"]["fatalities"], reports["ew-second"]["fatalities"]) == (None, 5)
        # by the id of a report merged into it
        assert client.get("/api/events/ew-second").json()["id"] == "ew-0000"


def test_unknown_event_is_404(client: TestClient) -> None:
    message = assert_error(client.get("/api/events/ew-nope"), 404, "not_found")
    assert "ew-nope" in message


def test_article(client: TestClient, dataset: list[Spec]) -> None:
    spec = dataset[3]
    body = client.get(f"/api/articles/art-{spec.id}").json()
    ArticleModel.model_validate(body)
    assert body == {"id": f"art-{spec.id}", "text": spec.text, "published": spec.day.isoformat(),
                    "url": f"http://news.test/art-{spec.id}", "title": f"Report {spec.id}", "source": "Test Wire"}
    assert_error(client.get("/api/articles/nope"), 404, "not_found")


def test_stats_all(client: TestClient, dataset: list[Spec]) -> None:
    body = client.get("/api/stats").json()
    StatsModel.model_validate(body)
    assert body["events"] == len(dataset)
    assert body["fatalities"] == sum(s.fatalities or 0 for s in dataset)
    by_day = Counter(s.day.isoformat() for s in dataset)
    assert [(b["key"], b["events"]) for b in body["by_day"]] == sorted(by_day.items())
    assert {b["key"]: b["events"] for b in body["by_event_type"]} == Counter(s.event_type for s in dataset)
    assert {b["key"]: b["events"] for b in body["by_country"]} == Counter(s.country for s in dataset)
    counts = [b["events"] for b in body["by_country"]]
    assert counts == sorted(counts, reverse=True)
    assert {(b["country"], b["key"]): b["events"] for b in body["by_admin1"]} == Counter(
        (s.country, s.admin1) for s in dataset)
    fatalities = Counter[str]()
    for s in dataset:
        fatalities[s.event_type] += s.fatalities or 0
    assert {b["key"]: b["fatalities"] for b in body["by_event_type"]} == fatalities


def test_stats_honor_filters(client: TestClient, dataset: list[Spec]) -> None:
    body = client.get("/api/stats", params={"country": "Syria", "date_from": "2023-01-10"}).json()
    kept = [s for s in dataset if s.country == "Syria" and s.day.isoformat() >= "2023-01-10"]
    assert body["events"] == len(kept) > 0
    assert [b["key"] for b in body["by_country"]] == ["Syria"]
    assert {b["key"] for b in body["by_admin1"]} == {"Aleppo", "Deir ez-Zor"}
    assert sum(b["events"] for b in body["by_day"]) == len(kept)
    assert client.get("/api/stats", params={"q": "airstrike", "bbox": "-10,-10,10,10"}).json()["events"] == 0
    assert_error(client.get("/api/stats", params={"bbox": "1,2,3"}), 422, "validation_error")


def test_health(client: TestClient, target: str, dataset: list[Spec]) -> None:
    body = client.get("/api/health").json()
    HealthModel.model_validate(body)
    assert body == {"status": "ok", "db": target, "review": False, "articles": len(dataset), "events": len(dataset)}


@pytest.mark.parametrize("path", ["/nothing", "/api", "/api/nothing", "/api/events/x/y"])
def test_unknown_route_is_404(client: TestClient, path: str) -> None:
    assert_error(client.get(path), 404, "not_found")


def test_wrong_method_is_405(client: TestClient) -> None:
    assert_error(client.post("/api/events"), 405, "method_not_allowed")


@pytest.mark.parametrize(("params", "mentions"), [
    ({"date_from": "2023-13-01"}, "date_from"),
    ({"date_to": "yesterday"}, "date_to"),
    ({"date_from": "2023-02-01", "date_to": "2023-01-01"}, "date_from"),
    ({"bbox": "1,2,3"}, "bbox"),
    ({"bbox": "a,b,c,d"}, "bbox"),
    ({"bbox": "0,0,200,10"}, "longitudes"),
    ({"bbox": "0,50,10,40"}, "minlat"),
    ({"bbox": "0,nan,10,40"}, "finite"),
    ({"min_fatalities": "-1"}, "min_fatalities"),
    ({"min_fatalities": "many"}, "min_fatalities"),
    ({"geo_precision": "4"}, "geo_precision"),
    ({"time_precision": "0"}, "time_precision"),
])
def test_validation_errors_are_422(client: TestClient, params: dict[str, str], mentions: str) -> None:
    message = assert_error(client.get("/api/events", params=params), 422, "validation_error")
    assert mentions in message


def test_server_error_is_500_in_the_same_shape(db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*_args: object, **_kwargs: object) -> None:
        raise RuntimeError("disk on fire")

    app = create_app(db)
    monkeypatch.setattr(services, "query_events_page", broken)
    with TestClient(app, raise_server_exceptions=False) as client:
        message = assert_error(client.get("/api/events"), 500, "internal_error")
    assert "disk on fire" not in message  # internals stay in the log


def test_openapi_documents_typed_models(client: TestClient) -> None:
    assert client.get("/docs").status_code == 200
    spec = client.get("/openapi.json").json()
    schemas = spec["components"]["schemas"]
    for name in ("EventModel", "EventDetailModel", "EventsPageModel", "StatsModel", "ErrorBodyModel",
                 "ArticleModel", "HealthModel"):
        assert name in schemas
    get_events = spec["paths"]["/api/events"]["get"]
    assert get_events["responses"]["200"]["content"]["application/json"]["schema"]["$ref"].endswith(
        "EventsPageModel")
    assert get_events["responses"]["422"]["content"]["application/json"]["schema"]["$ref"].endswith(
        "ErrorBodyModel")
    params = {p["name"] for p in get_events["parameters"]}
    assert params >= {"date_from", "date_to", "bbox", "country", "admin1", "event_type", "sub_event_type", "actor",
                      "weapon", "min_fatalities", "q", "geo_precision", "time_precision", "sort", "limit", "cursor",
                      "format"}
    assert spec["paths"]["/api/events/{event_id}"]["get"]["responses"]["404"]["content"]["application/json"][
        "schema"]["$ref"].endswith("ErrorBodyModel")
    for path in ("/api/articles/{article_id}", "/api/stats", "/api/health"):
        assert path in spec["paths"]
