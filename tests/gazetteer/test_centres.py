"""Territory centres: a country or region mention is reported at the middle of its land by the geoparser,
while events confined to it keep the capital / most populous place."""

from __future__ import annotations

from pathlib import Path

import pytest

from eventwire.gazetteer.build import write_index
from eventwire.gazetteer.collect import territory_centre
from eventwire.gazetteer.countries import COUNTRY_CENTROIDS, country_centroid
from eventwire.gazetteer.index import Gazetteer
from eventwire.gazetteer.place import IndexPlace
from eventwire.geo import haversine_km
from eventwire.pipeline.places import Resolved, to_place
from eventwire.pipeline.toponyms import Toponym


def test_territory_centre_weights_land_not_people() -> None:
    # a big city with many suburbs in one cell, and one town in each of two far cells
    points = [(10.1 + i / 1000, 20.1) for i in range(50)] + [(12.5, 20.5), (14.5, 20.5)]
    lat, lon = territory_centre(points)
    assert lat == pytest.approx(12.5)
    assert lon == pytest.approx(20.5)


def test_territory_centre_across_the_antimeridian() -> None:
    lat, lon = territory_centre([(-17.0, 179.5), (-17.0, -179.5)])
    assert abs(lon) > 179.0
    assert lat == pytest.approx(-16.5)


def test_territory_centre_of_a_small_region_is_its_places_mean() -> None:
    assert territory_centre([(33.2, 44.2), (33.4, 44.4)]) == pytest.approx((33.3, 44.3))


def test_country_centroids_are_inside_plausible_ranges() -> None:
    for code, (lat, lon) in COUNTRY_CENTROIDS.items():
        assert len(code) == 2 and code.isupper()
        assert -90 <= lat <= 90 and -180 <= lon <= 180
    moscow = (55.75, 37.62)
    assert haversine_km(*moscow, *(country_centroid("ru") or moscow)) > 1000  # far from the capital
    assert country_centroid("ZZ") is None


def _topo(text: str) -> Toponym:
    return Toponym(start=0, end=len(text), text=text, sentence_index=0, candidates=(), source="gazetteer")


def test_index_keeps_point_and_centre(tmp_path: Path) -> None:
    path = tmp_path / "centres.sqlite"
    places = [
        IndexPlace(place_id="country:XR", name="Ruritania", kind="country", country_code="XR", admin1_code=None,
                   admin1=None, admin2=None, latitude=50.0, longitude=10.0, population=10**9, source="test",
                   names=[("Ruritania", 1.0)], centre=(52.0, 14.0)),
        IndexPlace(place_id="gn:1", name="Zenda", kind="populated place", country_code="XR", admin1_code="XR.01",
                   admin1="Strel", admin2=None, latitude=50.0, longitude=10.0, population=90_000, source="test",
                   names=[("Zenda", 1.0)]),
    ]
    write_index(places, path, airports="none")
    gaz = Gazetteer(path)
    try:
        country = gaz.lookup("ruritania")[0]
        town = gaz.lookup("zenda")[0]
    finally:
        gaz.close()
    assert (country.centre_latitude, country.centre_longitude) == (52.0, 14.0)
    assert town.centre_latitude is None
    event_place = to_place(Resolved(_topo("Ruritania"), country, 1.0))
    mention_place = to_place(Resolved(_topo("Ruritania"), country, 1.0), centre=True)
    assert (event_place.latitude, event_place.longitude) == (50.0, 10.0)
    assert (mention_place.latitude, mention_place.longitude) == (52.0, 14.0)
    town_place = to_place(Resolved(_topo("Zenda"), town, 1.0), centre=True)
    assert (town_place.latitude, town_place.longitude) == (50.0, 10.0)


@pytest.mark.parametrize(("name", "capital"), [
    ("Ukraine", (50.45, 30.52)),  # Kyiv, not the village of that name in Mykolaiv oblast
    ("United States", (38.90, -77.04)),  # Washington D.C., not one of the twenty other Washingtons
    ("Vietnam", (21.02, 105.84)),  # Hanoi
    ("Iraq", (33.34, 44.40)),  # Baghdad
])
def test_a_country_is_placed_at_its_capital(extractor: object, name: str, capital: tuple[float, float]) -> None:
    country = next(c for c in extractor.gazetteer.lookup(name.lower()) if c.kind == "country")  # type: ignore[attr-defined]
    assert haversine_km(country.latitude, country.longitude, *capital) < 5
