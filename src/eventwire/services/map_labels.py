"""Place labels for maps: the names of the countries, admin-1 regions and towns inside a view, from the gazetteer
index (offline), fewer and larger places the further out the view is."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from eventwire.gazetteer.index import Candidate, existing_gazetteer
from eventwire.gazetteer.normalize import fold

LABEL_LIMIT = 150  # labels of one kind per view, most populous first (the map drops those that would overlap)
COUNTRY_LIMIT = 260  # every country
COUNTRIES_UP_TO_ZOOM = 5  # country names on world and continent views
REGIONS_FROM_ZOOM = 5  # admin-1 region names once a country fills the view
# The smallest town labelled at each zoom (Leaflet's levels: 2 shows the world, 8 a province): (up to zoom, people)
TOWN_MIN_POPULATION = ((2, 10_000_000), (3, 5_000_000), (4, 2_000_000), (5, 500_000), (6, 150_000), (7, 50_000),
                       (8, 15_000), (10, 3_000), (99, 500))


def town_min_population(zoom: int) -> int:
    return next(people for up_to, people in TOWN_MIN_POPULATION if zoom <= up_to)


def map_labels(south: float, west: float, north: float, east: float, zoom: int) -> list[dict[str, Any]] | None:
    """Labels for the view (countries and regions at their centres, towns at their points), most populous
    first within each kind; None when the gazetteer index has not been built yet (ingest or extract builds it).
    Views are rounded outwards to a tenth of a degree and their answers remembered: a world view reads the whole
    index (0.2-0.4 s) and is asked for again and again. (Nothing is remembered before the index exists.)"""
    if existing_gazetteer() is None:
        return None
    labels = _labels(round(south - 0.05, 1), round(west - 0.05, 1), round(north + 0.05, 1), round(east + 0.05, 1),
                     zoom)
    return None if labels is None else list(labels)


@lru_cache(maxsize=512)
def _labels(south: float, west: float, north: float, east: float, zoom: int) -> tuple[dict[str, Any], ...] | None:
    gaz = existing_gazetteer()
    if gaz is None:  # (removed since `map_labels` looked)
        return None
    labels: list[dict[str, Any]] = []
    if zoom <= COUNTRIES_UP_TO_ZOOM:
        labels += [_label(c, "country", c.name) for c in gaz.places_in(south, west, north, east, ("country",),
                                                                       limit=COUNTRY_LIMIT)]
    if zoom >= REGIONS_FROM_ZOOM:
        labels += [_label(c, "region", c.admin1 or c.name)
                   for c in gaz.places_in(south, west, north, east, ("admin1",), limit=LABEL_LIMIT)]
    capitals = _capital_points()
    towns = [_label(c, "town", c.name) | {"capital": _point(c) in capitals} for c in gaz.places_in(
        south, west, north, east, ("populated place",), min_population=town_min_population(zoom), limit=LABEL_LIMIT)]
    labels += sorted(towns, key=lambda t: not t["capital"])  # (stable: then by population)
    return tuple(labels)


def _point(place: Candidate) -> tuple[float, float]:
    return round(place.latitude, 2), round(place.longitude, 2)


@lru_cache(maxsize=1)
def _capital_points() -> frozenset[tuple[float, float]]:
    """Where the capitals are: the index places each country at its capital."""
    gaz = existing_gazetteer()
    if gaz is None:
        return frozenset()
    return frozenset(_point(c) for c in gaz.places_in(-90, -180, 90, 180, ("country",), limit=COUNTRY_LIMIT))


def _label(place: Candidate, kind: str, name: str) -> dict[str, Any]:
    centred = kind != "town" and place.centre_latitude is not None and place.centre_longitude is not None
    return {
        "name": fold(name),
        "kind": kind,
        "capital": False,
        "latitude": place.centre_latitude if centred else place.latitude,
        "longitude": place.centre_longitude if centred else place.longitude,
        "population": place.population,
    }
