"""`Gazetteer.nearby`: places within a radius, nearest first, across the antimeridian and near the pole."""

from __future__ import annotations

import math
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from eventwire.gazetteer.index import Candidate, Gazetteer
from eventwire.geo import haversine_km


@pytest.fixture
def gaz(tiny_index: Path) -> Iterator[Gazetteer]:
    g = Gazetteer(tiny_index)
    yield g
    g.close()


def ids(hits: list[tuple[Candidate, float]]) -> list[str]:
    return [c.place_id for c, _d in hits]


def test_haversine() -> None:
    assert haversine_km(0, 0, 0, 1) == pytest.approx(111.195, abs=0.01)
    assert haversine_km(13.51366, 2.1098, 13.51366, 2.1098) == 0
    assert haversine_km(90, 0, -90, 0) == pytest.approx(math.pi * 6371.0088)


def test_nearest_first_with_distances(gaz: Gazetteer) -> None:
    hits = gaz.nearby(13.52, 2.12, 15, limit=10)
    assert {c.place_id for c, _ in hits} == {"country:NE", "gn:2595294", "gn:2440485", "site:ne-niamey-airport"}
    distances = [d for _c, d in hits]
    assert distances == sorted(distances)
    airport = next(d for c, d in hits if c.kind == "airport")
    assert airport == pytest.approx(haversine_km(13.52, 2.12, 13.4815, 2.1836))
    # same spot: larger population first
    assert ids(hits)[:3] == ["country:NE", "gn:2595294", "gn:2440485"]


def test_radius_limit_and_kinds(gaz: Gazetteer) -> None:
    assert ids(gaz.nearby(14.3, 2.08, 5, limit=10)) == ["gn:2440371"]  # Ouallam
    assert len(gaz.nearby(13.52, 2.12, 15, limit=2)) == 2
    assert ids(gaz.nearby(13.52, 2.12, 15, kinds=["airport"])) == ["site:ne-niamey-airport"]
    assert gaz.nearby(13.52, 2.12, 15, kinds=[]) == []
    assert gaz.nearby(13.52, 2.12, 0.5) == []
    assert gaz.nearby(13.52, 2.12, -1) == []
    assert gaz.nearby(13.52, 2.12, 15, limit=0) == []
    assert gaz.nearby(float("nan"), 2.12, 15) == []
    # every place within 200 km of Tillaberi, checked against a brute-force scan
    conn = sqlite3.connect(gaz.path)
    rows = conn.execute("SELECT place_id, latitude, longitude FROM place").fetchall()
    conn.close()
    expected = {pid for pid, lat, lon in rows if haversine_km(14.2, 1.45, lat, lon) <= 200}
    assert set(ids(gaz.nearby(14.2, 1.45, 200, limit=100))) == expected


def test_across_the_antimeridian(gaz: Gazetteer) -> None:
    east = ids(gaz.nearby(-16.81, 179.99, 10))
    west = ids(gaz.nearby(-16.81, -179.99, 10))
    assert set(east) == set(west) == {"gn:2198476", "gn:9999901"}
    # longitude given outside [-180, 180] is wrapped
    assert set(ids(gaz.nearby(-16.81, -180.01, 10))) == {"gn:2198476", "gn:9999901"}
    assert ids(gaz.nearby(-18.14, 178.44, 5)) == ["gn:2198148"]


def test_near_the_pole(gaz: Gazetteer) -> None:
    # the circle reaches the pole: every longitude is searched
    assert ids(gaz.nearby(89.9, -60.0, 30)) == ["gn:9999902"]
    assert ids(gaz.nearby(82.5, -62.3, 10)) == ["gn:6296599"]
    assert "gn:6296599" in ids(gaz.nearby(89.0, 0.0, 800))


def test_bounding_box_uses_the_index(gaz: Gazetteer) -> None:
    plan = gaz._conn.execute(
        "EXPLAIN QUERY PLAN SELECT * FROM place p WHERE p.latitude BETWEEN 1 AND 2 AND p.longitude BETWEEN 1 AND 2"
    ).fetchall()
    assert "place_latlon" in " ".join(str(row) for row in plan)
