"""GET /api/map/labels and `services.map_labels`: place names for a map view from the offline gazetteer, larger
places the further out the view, countries and regions at their centres, across the antimeridian, nothing (and
`available: false`) before the index is built."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from eventwire.api import create_app
from eventwire.services import map_labels as labels_service


@pytest.fixture
def client(tmp_path: Path, extractor: Any) -> Iterator[TestClient]:  # (the extractor builds the index)
    labels_service._labels.cache_clear()
    with TestClient(create_app(tmp_path / "empty.db")) as c:
        yield c


def names(body: dict[str, Any], kind: str) -> list[str]:
    return [label["name"] for label in body["labels"] if label["kind"] == kind]


def test_zoomed_out_view_names_countries_and_only_the_largest_towns(client: TestClient) -> None:
    body = client.get("/api/map/labels", params={"bbox": "-180,-85,180,85", "zoom": 2}).json()
    assert body["available"] is True
    assert {"Iraq", "Nigeria", "Fiji", "United States"} <= set(names(body, "country"))
    towns = [label for label in body["labels"] if label["kind"] == "town"]
    assert towns and all(t["population"] >= labels_service.town_min_population(2) for t in towns)
    assert names(body, "region") == []  # too far out for regions


def test_zoomed_in_view_names_regions_at_their_centres_and_smaller_towns(client: TestClient) -> None:
    body = client.get("/api/map/labels", params={"bbox": "42,33,46,37", "zoom": 7}).json()
    assert {"Kirkuk", "Nineveh"} <= set(names(body, "region")) and "Kirkuk" in names(body, "town")
    assert names(body, "country") == []
    kirkuk_region = next(lb for lb in body["labels"] if lb["kind"] == "region" and lb["name"] == "Kirkuk")
    kirkuk_town = next(lb for lb in body["labels"] if lb["kind"] == "town" and lb["name"] == "Kirkuk")
    assert (kirkuk_region["latitude"], kirkuk_region["longitude"]) != (kirkuk_town["latitude"],
                                                                       kirkuk_town["longitude"])
    assert all(42 <= lb["longitude"] <= 46 and 33 <= lb["latitude"] <= 37 for lb in body["labels"]
               if lb["kind"] == "town")
    populations = [lb["population"] for lb in body["labels"] if lb["kind"] == "town"]
    assert populations == sorted(populations, reverse=True)


def test_a_view_across_the_antimeridian(client: TestClient) -> None:
    body = client.get("/api/map/labels", params={"bbox": "177,-19,-179,-16", "zoom": 8}).json()
    assert "Suva" in names(body, "town")


@pytest.mark.parametrize("params", [{"bbox": "1,2,3", "zoom": "5"}, {"bbox": "0,0,10,10", "zoom": "99"},
                                    {"bbox": "0,95,10,10", "zoom": "5"}, {"zoom": "5"}])
def test_bad_views_are_422(client: TestClient, params: dict[str, str]) -> None:
    response = client.get("/api/map/labels", params=params)
    assert response.status_code == 422 and response.json()["error"]["code"] == "validation_error"


def test_no_names_before_the_index_is_built(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("EVENTWIRE_GAZETTEER", str(tmp_path / "not-built.sqlite"))
    labels_service._labels.cache_clear()
    try:
        with TestClient(create_app(tmp_path / "empty.db")) as client:
            body = client.get("/api/map/labels", params={"bbox": "42,33,46,37", "zoom": 7}).json()
        assert body == {"available": False, "labels": []}
        assert not (tmp_path / "not-built.sqlite").exists()  # never built by a request
    finally:
        labels_service._labels.cache_clear()


def test_capitals_are_marked_and_come_first_among_towns(client: TestClient) -> None:
    body = client.get("/api/map/labels", params={"bbox": "176,-20,-179,-15", "zoom": 7}).json()
    towns = [lb for lb in body["labels"] if lb["kind"] == "town"]
    assert towns[0]["name"] == "Suva" and towns[0]["capital"] is True  # before Nasinu, a larger suburb
    assert not any(t["capital"] for t in towns[1:])
