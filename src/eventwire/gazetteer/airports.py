"""Airports and air bases from the `airportsdata` package: loading its records, the names an airport goes by
in news, and the index places of those the curated sites table does not already cover. Its fingerprint is
`freshness.airports_fingerprint`."""

from __future__ import annotations

import logging
import math
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping
from typing import Any

from eventwire.gazetteer.normalize import is_latin, norm
from eventwire.gazetteer.place import IndexPlace
from eventwire.geo import haversine_km

log = logging.getLogger(__name__)


class _NearestPlace:
    """Nearest populated place of the same country, on a grid of 0.5 degree cells (searched 3 x 3, so
    matches are found up to about 55 km away; farther ones are not looked for)."""

    CELL = 0.5

    def __init__(self, places: Iterable[IndexPlace]) -> None:
        self._cells: defaultdict[tuple[int, int], list[IndexPlace]] = defaultdict(list)
        for p in places:
            if p.kind == "populated place":
                self._cells[self._cell(p.latitude, p.longitude)].append(p)

    def _cell(self, lat: float, lon: float) -> tuple[int, int]:
        return math.floor(lat / self.CELL), math.floor(lon / self.CELL)

    def find(self, lat: float, lon: float, country_code: str) -> IndexPlace | None:
        ci, cj = self._cell(lat, lon)
        best: tuple[float, IndexPlace] | None = None
        for di in (-1, 0, 1):
            for dj in (-1, 0, 1):
                for p in self._cells.get((ci + di, cj + dj), ()):
                    if p.country_code != country_code:
                        continue
                    d = haversine_km(lat, lon, p.latitude, p.longitude)
                    if best is None or d < best[0]:
                        best = (d, p)
        return best[1] if best else None


# A name is taken as an airfield when it has one of these words (airportsdata carries no facility type).
_AIRFIELD_NAME = re.compile(r"\b(?:airport|air\s*base|airbase|air\s+force\s+base|airfield)\b", re.IGNORECASE)
_AIRBASE_NAME = re.compile(r"\b(?:air\s*base|airbase|air\s+force\s+base)\b", re.IGNORECASE)
_INTERNATIONAL = re.compile(r"\b(?:international|intl\.?|int'l)(?=\s|$)", re.IGNORECASE)
_FACILITY_WORDS = re.compile(
    r"(?:\b(?:international|intl\.?|int'l|airport|aerodrome|airfield|air\s+force\s+base|air\s*base|airbase)"
    r"(?=[\s,/-]|$))+",
    re.IGNORECASE,
)
_PARENTHESES = re.compile(r"\([^)]*\)")
# Words that leave no particular place once "Airport" is removed ("Municipal Airport", "Regional Airport").
_GENERIC_AIRPORT_WORDS = frozenset({
    "municipal", "regional", "county", "city", "national", "domestic", "new", "old", "military", "civil",
    "general", "memorial", "international", "central", "metropolitan", "army", "naval", "navy", "air",
    "airport", "field", "private", "state", "community", "executive", "industrial", "main", "east", "west",
    "north", "south", "upper", "lower", "the", "de", "of",
})
_AVIATION_SITE_KINDS = frozenset({"airport", "airbase", "military_base"})
ICAO_IN_SOURCE = re.compile(r"\bICAO\s+([A-Z0-9]{4})\b")
_ICAO_CODE = re.compile(r"[A-Z0-9]{4}")
_SITE_COVER_KM = 2.0


def load_airports() -> Mapping[str, Mapping[str, Any]] | None:
    try:
        import airportsdata  # type: ignore[import-not-found,unused-ignore]
    except ImportError:
        log.warning("the airportsdata package is not installed: the gazetteer index will have no airports "
                    "beyond the curated sites table (pip install airportsdata)")
        return None
    records: Mapping[str, Mapping[str, Any]] = airportsdata.load("ICAO")
    return records


def _is_icao_like(code: str, country_code: str) -> bool:
    """A real ICAO location indicator is four letters. Codes with digits are national identifiers: the US and
    Canadian ones are private strips by the thousand, elsewhere they are often a conflict zone's only strip."""
    if not _ICAO_CODE.fullmatch(code):
        return False
    return code.isalpha() or country_code not in ("US", "CA")


def airport_names(name: str, city: str, kind: str) -> list[tuple[str, float]]:
    """The names an airport goes by in news, with their match quality.

    "Erbil International Airport" (city "Arbil") -> the full name, "Erbil airport", "Erbil International",
    "Arbil airport"; "Al Asad Air Base" (city "Hit") -> the full name, "Al Asad air base", "Al Asad airbase",
    "Hit air base", "Hit airbase". Names that are generic once the facility words are removed
    ("Municipal Airport") keep only the city form. Every name keeps a facility word (or "International"),
    so no airport ever answers to a bare town name. One entry per lookup key, with its best quality.
    """
    noun = "air base" if kind == "airbase" else ("airfield" if re.search(r"airfield", name, re.I) and
                                                 not re.search(r"airport", name, re.I) else "airport")
    base = " ".join(_FACILITY_WORDS.sub(" ", _PARENTHESES.sub(" ", name)).split()).strip(" ,/-")
    base_tokens = norm(base).split()
    specific = bool(base_tokens) and len(norm(base)) >= 3 and not all(t in _GENERIC_AIRPORT_WORDS
                                                                      for t in base_tokens)
    names: list[tuple[str, float]] = []
    if specific:
        names.append((name, 1.0))
        names.append((f"{base} {noun}", 0.95))
        if kind == "airbase":
            names.append((f"{base} airbase", 0.95))
        if _INTERNATIONAL.search(name):
            names.append((f"{base} International", 0.9))
    city = city.strip()
    if len(city) >= 3 and is_latin(city) and norm(city) not in _GENERIC_AIRPORT_WORDS:
        names.append((f"{city} {noun}", 0.9))
        if kind == "airbase":
            names.append((f"{city} airbase", 0.9))
    best: dict[str, tuple[str, float]] = {}
    for n, q in names:
        key = norm(n)
        if is_latin(n) and (key not in best or best[key][1] < q):
            best[key] = (n, q)
    return list(best.values())


def airport_places(
    records: Mapping[str, Mapping[str, Any]],
    sites: Iterable[Mapping[str, str]],
    populated: Iterable[IndexPlace] = (),
) -> list[IndexPlace]:
    """Places of kind `airport` / `airbase` from airportsdata records (keyed by ICAO code).

    Kept: records with an ICAO code whose name says Airport / Air Base / Airbase / Airfield. Skipped: those
    the curated sites table already has (its `source` names the ICAO code, or an aviation site of the same
    country lies within 2 km). Admin1 / admin2 come from the nearest populated place of the same country
    (so they are spelled like every other place's), else admin1 is airportsdata's subdivision name.
    """
    covered_codes: set[str] = set()
    site_points: defaultdict[str, list[tuple[float, float]]] = defaultdict(list)
    for row in sites:
        covered_codes.update(ICAO_IN_SOURCE.findall(row.get("source") or ""))
        if (row.get("kind") or "").strip() in _AVIATION_SITE_KINDS:
            try:
                point = (float(row["latitude"]), float(row["longitude"]))
            except (KeyError, ValueError):
                continue
            site_points[(row.get("country_code") or "").strip().upper()].append(point)
    nearest = _NearestPlace(populated)
    places: list[IndexPlace] = []
    for key, rec in records.items():
        code = str(rec.get("icao") or key).strip().upper()
        name = " ".join(str(rec.get("name") or "").split())
        cc = str(rec.get("country") or "").strip().upper()
        if not cc or not name or not _is_icao_like(code, cc) or not _AIRFIELD_NAME.search(name):
            continue
        if code in covered_codes:
            continue
        try:
            lat, lon = float(rec["lat"]), float(rec["lon"])
        except (KeyError, TypeError, ValueError):
            continue
        if not (-90.0 <= lat <= 90.0 and -180.0 <= lon <= 180.0):
            continue
        if any(haversine_km(lat, lon, s_lat, s_lon) <= _SITE_COVER_KM for s_lat, s_lon in site_points.get(cc, ())):
            continue
        kind = "airbase" if _AIRBASE_NAME.search(name) else "airport"
        names = airport_names(name, str(rec.get("city") or ""), kind)
        if not names:
            continue
        anchor = nearest.find(lat, lon, cc)
        subdivision = str(rec.get("subd") or "").strip() or None
        places.append(
            IndexPlace(
                place_id=f"icao:{code}", name=name, kind=kind, country_code=cc,
                admin1_code=anchor.admin1_code if anchor else None,
                admin1=(anchor.admin1 if anchor and anchor.admin1 else subdivision),
                admin2=anchor.admin2 if anchor else None, latitude=lat, longitude=lon, population=0,
                source=f"airportsdata ICAO {code}", names=names,
            )
        )
    return places
