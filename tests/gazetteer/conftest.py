"""A tiny hand-made gazetteer index (a few Sahel places, plus points near the antimeridian and the pole) so
the gazetteer tests run in milliseconds without the full build."""

from __future__ import annotations

from pathlib import Path

import pytest

from eventwire.gazetteer.build import write_index
from eventwire.gazetteer.place import IndexPlace


def place(
    place_id: str,
    name: str,
    kind: str,
    cc: str,
    lat: float,
    lon: float,
    *,
    admin1_code: str | None = None,
    admin1: str | None = None,
    population: int = 0,
    aliases: tuple[str, ...] = (),
) -> IndexPlace:
    return IndexPlace(
        place_id=place_id, name=name, kind=kind, country_code=cc, admin1_code=admin1_code, admin1=admin1,
        admin2=None, latitude=lat, longitude=lon, population=population, source="test",
        names=[(name, 1.0), *((a, 0.9) for a in aliases)],
    )


TINY_PLACES = [
    place("country:NE", "Niger", "country", "NE", 13.51366, 2.1098, population=10**9),
    place("gn:2595293", "Tillaberi", "admin1", "NE", 14.21, 1.45, admin1_code="NE.09", admin1="Tillaberi",
          population=30000, aliases=("Tillabéri Region",)),
    place("gn:2595294", "Niamey", "admin1", "NE", 13.51366, 2.1098, admin1_code="NE.08", admin1="Niamey",
          population=774235),
    place("gn:2440485", "Niamey", "populated place", "NE", 13.51366, 2.1098, admin1_code="NE.08",
          admin1="Niamey", population=774235),
    place("gn:2440371", "Ouallam", "populated place", "NE", 14.31641, 2.08597, admin1_code="NE.09",
          admin1="Tillaberi", population=13000),
    place("gn:2439376", "Tillaberi", "populated place", "NE", 14.21172, 1.45307, admin1_code="NE.09",
          admin1="Tillaberi", population=19262, aliases=("Tillabéri", "Tillabery")),
    place("site:ne-niamey-airport", "Diori Hamani International Airport", "airport", "NE", 13.4815, 2.1836,
          aliases=("Niamey airport",)),
    # Fiji straddles the antimeridian.
    place("gn:2198148", "Suva", "populated place", "FJ", -18.14161, 178.44149, population=77366),
    place("gn:2198476", "Taveuni", "populated place", "FJ", -16.8, 179.97),
    place("gn:9999901", "Vuna", "populated place", "FJ", -16.82, -179.98),
    # Near the north pole.
    place("gn:6296599", "Alert", "populated place", "CA", 82.5018, -62.3481, population=62),
    place("gn:9999902", "Pole Camp", "populated place", "RU", 89.95, 120.0),
]


@pytest.fixture
def tiny_index(tmp_path: Path) -> Path:
    path = tmp_path / "tiny.sqlite"
    write_index(list(TINY_PLACES), path, airports="none")
    return path
