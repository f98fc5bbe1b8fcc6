"""Continents in the gazetteer: GeoNames points, English names and aliases, and the country of their point."""

from __future__ import annotations

from eventwire.gazetteer.geonames_sources import continent_places
from eventwire.gazetteer.place import IndexPlace


def _town(name: str, cc: str, lat: float, lon: float, population: int) -> IndexPlace:
    return IndexPlace(place_id=f"gn:{name}", name=name, kind="populated place", country_code=cc, admin1_code=None,
                      admin1=None, admin2=None, latitude=lat, longitude=lon, population=population, source="test",
                      names=[(name, 1.0)])


def test_continents_take_the_country_of_the_nearest_town() -> None:
    towns = [_town("Stuttgart", "DE", 48.78, 9.18, 600_000), _town("Strasbourg", "FR", 48.58, 7.75, 270_000),
             _town("Tiny", "CH", 48.69, 9.14, 500)]  # too small to count
    continents = {p.place_id: p for p in continent_places(towns)}
    europe = continents["continent:EU"]
    assert europe.kind == "continent" and europe.name == "Europe"
    assert abs(europe.latitude - 48.69) < 0.01 and abs(europe.longitude - 9.14) < 0.01
    assert europe.country_code == "DE"
    names = {n for n, _q in europe.names}
    assert {"Europe", "European Union", "EU"} <= names
    assert "Latin America" in {n for n, _q in continents["continent:SA"].names}
