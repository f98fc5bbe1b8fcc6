"""GET /api/events: every filter, the sort orders, cursor pagination and the output formats."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from api_factory import Spec, make_event, specs
from fastapi.testclient import TestClient

from eventwire.api import create_app
from eventwire.api.models import EventsPageModel
from eventwire.export import ACLED_COLUMNS
from eventwire.model import Article
from eventwire.store.sqlite import SQLiteStore

Params = dict[str, Any]


def fetch_all(client: TestClient, params: Params, limit: int = 100) -> tuple[list[dict[str, Any]], int]:
    """Every page of a query, following next_cursor; returns the events and the number of pages."""
    events: list[dict[str, Any]] = []
    cursor: str | None = None
    pages = 0
    while True:
        query = {**params, "limit": limit, **({"cursor": cursor} if cursor else {})}
        response = client.get("/api/events", params=query)
        assert response.status_code == 200, response.text
        body = response.json()
        EventsPageModel.model_validate(body)
        assert body["count"] == len(body["events"]) <= limit
        events.extend(body["events"])
        pages += 1
        cursor = body["next_cursor"]
        if cursor is None:
            return events, pages
        assert pages < 1000


def newest_first(items: list[Spec]) -> list[str]:
    ordered = sorted(items, key=lambda s: (s.day.isoformat(), s.id), reverse=True)
    return [s.id for s in ordered]


FILTERS: list[tuple[Params, Callable[[Spec], bool]]] = [
    ({"date_from": "2023-01-08"}, lambda s: s.day.isoformat() >= "2023-01-08"),
    ({"date_to": "2023-01-08"}, lambda s: s.day.isoformat() <= "2023-01-08"),
    ({"date_from": "2023-01-05", "date_to": "2023-01-11"}, lambda s: "2023-01-05" <= s.day.isoformat() <= "2023-01-11"),
    ({"bbox": "42,29,49,38"}, lambda s: s.country == "Iraq"),
    ({"bbox": "36.5,34,41,37"}, lambda s: s.country == "Syria"),
    ({"bbox": "170,-20,-170,-10"}, lambda s: s.country == "Fiji"),  # across the antimeridian
    ({"bbox": "-10,-10,10,10"}, lambda s: False),
    ({"country": "iraq"}, lambda s: s.country == "Iraq"),
    ({"admin1": "NINEVEH"}, lambda s: s.admin1 == "Nineveh"),
    ({"event_type": "Explosions/Remote violence"}, lambda s: s.event_type == "Explosions/Remote violence"),
    ({"sub_event_type": "air/drone strike"}, lambda s: s.sub_event_type == "Air/drone strike"),
    ({"actor": "islamic"}, lambda s: "Islamic" in s.actor1),
    ({"actor": "civilians"}, lambda s: s.actor2 == "Civilians"),
    ({"actor": "%"}, lambda s: False),  # LIKE wildcards are literal
    ({"weapon": "ied"}, lambda s: s.weapon == "IED"),
    ({"min_fatalities": 3}, lambda s: s.fatalities is not None and s.fatalities >= 3),
    ({"min_fatalities": 0}, lambda s: s.fatalities is not None),
    ({"q": "airstrikes"}, lambda s: s.trigger == "airstrike"),  # stemmed
    ({"q": "Roadside BOMB"}, lambda s: s.trigger == "roadside bomb"),
    ({"q": "clash"}, lambda s: s.trigger == "clashed"),
    ({"q": "bomb clashed"}, lambda s: False),  # all words
    ({"q": "\"(*"}, lambda s: False),  # no FTS syntax reaches the index
    ({"geo_precision": 2}, lambda s: s.geo_precision == 2),
    ({"time_precision": 3}, lambda s: s.time_precision == 3),
    ({"min_confidence": 0.6}, lambda s: s.confidence >= 0.6),
    ({"country": "Syria", "min_fatalities": 1, "date_to": "2023-01-20"},
     lambda s: s.country == "Syria" and (s.fatalities or 0) >= 1 and s.day.isoformat() <= "2023-01-20"),
    ({"event_type": "Battles", "actor": "Islamic", "bbox": "30,25,50,40"},
     lambda s: s.event_type == "Battles" and "Islamic" in s.actor1 and s.country in ("Iraq", "Syria")),
]


@pytest.mark.parametrize(("params", "keep"), FILTERS, ids=[json.dumps(p) for p, _ in FILTERS])
def test_filter(client: TestClient, dataset: list[Spec], params: Params, keep: Callable[[Spec], bool]) -> None:
    events, _ = fetch_all(client, params, limit=4)
    assert [e["id"] for e in events] == newest_first([s for s in dataset if keep(s)])


def test_every_filter_is_tested_and_selects_something(dataset: list[Spec]) -> None:
    names = {name for params, _ in FILTERS for name in params}
    assert names == {"date_from", "date_to", "bbox", "country", "admin1", "event_type", "sub_event_type", "actor",
                     "weapon", "min_fatalities", "q", "geo_precision", "time_precision", "min_confidence"}
    meant_empty = [{"bbox": "-10,-10,10,10"}, {"actor": "%"}, {"q": "bomb clashed"}, {"q": "\"(*"}]
    for params, keep in FILTERS:
        if params not in meant_empty:
            assert 0 < sum(map(keep, dataset)) < len(dataset), params


SORT_KEYS: dict[str, Callable[[Spec], Any]] = {
    "event_date": lambda s: s.day.isoformat(),
    "-event_date": lambda s: s.day.isoformat(),
    "fatalities": lambda s: -1 if s.fatalities is None else s.fatalities,
    "-fatalities": lambda s: -1 if s.fatalities is None else s.fatalities,
}


@pytest.mark.parametrize("sort", list(SORT_KEYS))
@pytest.mark.parametrize("limit", [1, 7, 45, 1000])
def test_sort_and_pages_have_no_gaps_or_duplicates(client: TestClient, dataset: list[Spec], sort: str,
                                                   limit: int) -> None:
    events, pages = fetch_all(client, {"sort": sort}, limit=limit)
    ids = [e["id"] for e in events]
    expected = sorted(dataset, key=lambda s: (SORT_KEYS[sort](s), s.id), reverse=sort.startswith("-"))
    assert ids == [s.id for s in expected]
    assert len(set(ids)) == len(ids) == len(dataset)
    assert pages == max(1, -(-len(dataset) // limit))


def test_sort_with_filter_pages(client: TestClient, dataset: list[Spec]) -> None:
    events, _ = fetch_all(client, {"sort": "-fatalities", "country": "Iraq"}, limit=5)
    iraq = [s for s in dataset if s.country == "Iraq"]
    expected = sorted(iraq, key=lambda s: (SORT_KEYS["-fatalities"](s), s.id), reverse=True)
    assert [e["id"] for e in events] == [s.id for s in expected]


def test_default_page(client: TestClient, dataset: list[Spec]) -> None:
    body = client.get("/api/events").json()
    assert body["sort"] == "-event_date"
    assert body["count"] == len(dataset)  # default limit 100 > 45
    assert body["next_cursor"] is None
    first = body["events"][0]
    assert set(first) >= {"id", "article_ids", "event_type", "evidence", "sources", "notes"}


def test_same_cursor_gives_same_page(client: TestClient) -> None:
    first = client.get("/api/events", params={"limit": 10, "sort": "fatalities"}).json()
    again = [client.get("/api/events", params={"limit": 10, "sort": "fatalities", "cursor": first["next_cursor"]})
             .json() for _ in range(2)]
    assert again[0] == again[1]
    assert not {e["id"] for e in first["events"]} & {e["id"] for e in again[0]["events"]}


def test_pages_are_stable_when_events_arrive_meanwhile(tmp_path: Path) -> None:
    """Keyset pagination: an event stored before the cursor's position shifts no later page."""
    from api_factory import fill

    items = specs(20)
    path = tmp_path / "live.db"
    fill(path, items)
    with TestClient(create_app(path)) as client:
        first = client.get("/api/events", params={"limit": 8}).json()
        newest = specs(60)[-2]  # a later date than every stored event
        with SQLiteStore(path) as store:
            store.save_article(Article(id="late", text=newest.text, published=newest.day),
                               [make_event(newest, "late")])
        rest, _ = fetch_all_from(client, first["next_cursor"], limit=8)
    ids = [e["id"] for e in first["events"]] + [e["id"] for e in rest]
    assert ids == newest_first(items)


def fetch_all_from(client: TestClient, cursor: str | None, limit: int) -> tuple[list[dict[str, Any]], int]:
    events: list[dict[str, Any]] = []
    pages = 0
    while cursor:
        body = client.get("/api/events", params={"limit": limit, "cursor": cursor}).json()
        events.extend(body["events"])
        cursor = body["next_cursor"]
        pages += 1
    return events, pages


@pytest.mark.parametrize("limit", ["0", "1001", "-1", "ten"])
def test_limit_bounds(client: TestClient, limit: str) -> None:
    response = client.get("/api/events", params={"limit": limit})
    assert response.status_code == 422
    assert response.json()["error"]["code"] == "validation_error"
    assert "limit" in response.json()["error"]["message"]


def test_limit_max_is_accepted(client: TestClient) -> None:
    assert client.get("/api/events", params={"limit": 1000}).status_code == 200


@pytest.mark.parametrize("cursor", ["nonsense", "e30", "W10", "WyJldmVudF9kYXRlIiwxLCJ4Il0"])
def test_bad_cursor_is_400(client: TestClient, cursor: str) -> None:
    response = client.get("/api/events", params={"cursor": cursor})
    assert response.status_code == 400
    assert response.json() == {"error": {"status": 400, "code": "bad_request", "message": response.json()["error"]
                                         ["message"]}}
    assert response.json()["error"]["message"].startswith("cursor:")


def test_cursor_of_another_sort_is_400(client: TestClient) -> None:
    cursor = client.get("/api/events", params={"limit": 2, "sort": "fatalities"}).json()["next_cursor"]
    response = client.get("/api/events", params={"cursor": cursor, "sort": "event_date"})
    assert response.status_code == 400
    assert "fatalities" in response.json()["error"]["message"]


def test_geojson(client: TestClient, dataset: list[Spec]) -> None:
    response = client.get("/api/events", params={"format": "geojson", "limit": 10})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/geo+json")
    body = response.json()
    assert body["type"] == "FeatureCollection"
    assert body["next_cursor"] == response.headers["x-next-cursor"]
    expected = newest_first(dataset)[:10]
    assert [f["properties"]["id"] for f in body["features"]] == expected  # every event, placed or not
    unplaced = [f for f in body["features"] if f["properties"]["id"] == dataset[-1].id]
    assert all(f["geometry"] is None for f in unplaced)  # the event with no place: RFC 7946 null geometry
    feature = next(f for f in body["features"] if f["geometry"] is not None)
    spec = {s.id: s for s in dataset}[feature["properties"]["id"]]
    assert feature["geometry"] == {"type": "Point", "coordinates": [spec.longitude, spec.latitude]}
    assert "evidence" not in feature["properties"]


def test_geojson_follows_cursor(client: TestClient, dataset: list[Spec]) -> None:
    seen: list[str] = []
    params: Params = {"format": "geojson", "limit": 6, "country": "Iraq"}
    while True:
        body = client.get("/api/events", params=params).json()
        seen += [f["properties"]["id"] for f in body["features"]]
        if body["next_cursor"] is None:
            break
        params["cursor"] = body["next_cursor"]
    assert seen == newest_first([s for s in dataset if s.country == "Iraq"])


def test_csv_is_acled_layout(client: TestClient, dataset: list[Spec]) -> None:
    response = client.get("/api/events", params={"format": "csv", "limit": 20, "sort": "event_date"})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert tuple(rows[0]) == ACLED_COLUMNS
    assert len(rows) == 20
    first = sorted(dataset, key=lambda s: (s.day.isoformat(), s.id))[0]
    assert rows[0]["event_id_cnty"].endswith(first.id.removeprefix("ew-"))
    assert rows[0]["event_date"] == first.day.isoformat()
    assert rows[0]["country"] == first.country
    cursor = response.headers["x-next-cursor"]
    rest = client.get("/api/events", params={"format": "csv", "limit": 1000, "sort": "event_date", "cursor": cursor})
    assert "x-next-cursor" not in rest.headers
    assert len(list(csv.DictReader(io.StringIO(rest.text)))) == len(dataset) - 20


def test_jsonl(client: TestClient) -> None:
    response = client.get("/api/events", params={"format": "jsonl", "limit": 12, "country": "Syria"})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/x-ndjson")
    lines = [json.loads(line) for line in response.text.splitlines()]
    as_json = client.get("/api/events", params={"limit": 12, "country": "Syria"}).json()
    assert lines == as_json["events"]


def test_bad_format_and_sort(client: TestClient) -> None:
    for params in ({"format": "xml"}, {"sort": "location"}):
        response = client.get("/api/events", params=params)
        assert response.status_code == 422
        assert response.json()["error"]["code"] == "validation_error"
        assert next(iter(params)) in response.json()["error"]["message"]


def test_total_counts_every_match_on_the_first_page(client: TestClient, dataset: list[Spec]) -> None:
    params = {"country": "Iraq", "limit": 5}
    body = client.get("/api/events", params=params).json()
    want = sum(1 for s in dataset if s.country == "Iraq")
    assert body["total"] == want > body["count"] == 5
    following = client.get("/api/events", params={**params, "cursor": body["next_cursor"]}).json()
    assert following["total"] is None  # later pages skip the count unless asked
    asked = client.get("/api/events", params={**params, "cursor": body["next_cursor"], "total": "true"}).json()
    assert asked["total"] == want
    assert client.get("/api/events", params={"limit": 5, "total": "false"}).json()["total"] is None
    assert client.get("/api/events", params={"admin1": "nineveh", "actor": "islamic", "limit": 1}).json()["total"] \
        == sum(1 for s in dataset if s.admin1 == "Nineveh" and "Islamic" in s.actor1)
    csv_page = client.get("/api/events", params={"format": "csv", "weapon": "ied", "limit": 2})
    assert csv_page.headers["x-total-count"] == str(sum(1 for s in dataset if s.weapon == "IED"))


@pytest.mark.parametrize("changed", [{"country": "Syria"}, {"admin1": "Kirkuk"}, {"actor": "state"},
                                     {"weapon": "firearm"}, {"q": "clashed"}, {"country": None}])
def test_cursor_reused_with_other_filters_is_400(client: TestClient, changed: Params) -> None:
    params: Params = {"country": "Iraq", "limit": 2}
    cursor = client.get("/api/events", params=params).json()["next_cursor"]
    other = {k: v for k, v in {**params, **changed}.items() if v is not None}
    response = client.get("/api/events", params={**other, "cursor": cursor})
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "bad_request"
    assert "other filters" in response.json()["error"]["message"]
    # the same filters spelled in another case are the same filters
    same = client.get("/api/events", params={**params, "country": "IRAQ", "cursor": cursor})
    assert same.status_code == 200


def test_plover_format(client: TestClient, dataset: list[Spec]) -> None:
    response = client.get("/api/events", params={"format": "plover", "limit": 10, "sort": "event_date",
                                                  "event_type": "Battles"})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/x-ndjson")
    records = [json.loads(line) for line in response.text.splitlines()]
    battles = sorted((s for s in dataset if s.event_type == "Battles"), key=lambda s: (s.day.isoformat(), s.id))
    assert [r["id"] for r in records] == [s.id for s in battles[:10]]
    first, spec = records[0], battles[0]
    assert first["event"] == ["ASSAULT"] and first["mode"] == ["sideAB", "firearms"]
    assert first["date"] == spec.day.isoformat()
    assert first["source"][0]["identifier_text"] == spec.actor1
    assert first["event_text"] == [spec.text]  # the evidence sentence, read from the stored article
    assert first["cite_info"][0]["publication"] == "Test Wire"
    assert first["cite_info"][0]["title"] == f"Report {spec.id}"
    assert response.headers["x-total-count"] == str(len(battles))


def test_csv_source_and_notes_come_from_the_articles(client: TestClient, dataset: list[Spec]) -> None:
    response = client.get("/api/events", params={"format": "csv", "limit": 1, "sort": "event_date"})
    row = next(csv.DictReader(io.StringIO(response.text)))
    spec = sorted(dataset, key=lambda s: (s.day.isoformat(), s.id))[0]
    assert row["source"] == "Test Wire"
    assert spec.text in row["notes"] and row["notes"].startswith("On ")
    again = next(csv.DictReader(io.StringIO(client.get(
        "/api/events", params={"format": "csv", "limit": 1, "sort": "event_date"}).text)))
    assert again == row  # ids, notes and timestamp are stable


def test_export_saves_every_matching_event(client: TestClient, dataset: list[Spec]) -> None:
    iraq = [s for s in dataset if s.country == "Iraq"]
    csv_file = client.get("/api/export", params={"country": "Iraq"})
    assert csv_file.status_code == 200
    assert csv_file.headers["content-disposition"] == 'attachment; filename="eventwire-events.csv"'
    rows = list(csv.DictReader(io.StringIO(csv_file.text)))
    assert tuple(rows[0]) == ACLED_COLUMNS
    assert sorted(r["event_id_cnty"][3:] for r in rows) == sorted(s.id.removeprefix("ew-") for s in iraq)
    geo = client.get("/api/export", params={"country": "Iraq", "format": "geojson"})
    assert geo.headers["content-type"].startswith("application/geo+json")
    assert len(geo.json()["features"]) == len(iraq)  # features = events, placed or not
    lines = client.get("/api/export", params={"format": "jsonl"}).text.splitlines()
    assert len(lines) == len(dataset) and all(json.loads(line)["id"] for line in lines)
    assert client.get("/api/export", params={"format": "parquet"}).status_code == 422


def test_unknown_filter_values_are_refused_with_the_closest(client: TestClient) -> None:
    for params, expected in (({"country": "Irak"}, "'Iraq'"), ({"event_type": "Battle"}, "'Battles'"),
                             ({"sub_event_type": "airstrike"}, "'Air/drone strike'")):
        response = client.get("/api/events", params=params)
        assert response.status_code == 422
        assert "did you mean" in response.json()["error"]["message"] and expected in response.json()["error"]["message"]
    # another case or a common name is the same filter
    assert client.get("/api/events", params={"country": "iraq"}).json()["events"] == \
        client.get("/api/events", params={"country": "Iraq"}).json()["events"]
