"""Read-only access to the gazetteer index: name lookups returning candidate places."""

from __future__ import annotations

import itertools
import logging
import math
import sqlite3
import sys
import threading
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from eventwire.gazetteer.countries import country_name
from eventwire.gazetteer.freshness import airports_fingerprint, default_index_path, sites_fingerprint
from eventwire.gazetteer.normalize import norm, skeleton, spelling_similarity
from eventwire.gazetteer.schema import SCHEMA_VERSION
from eventwire.geo import EARTH_RADIUS_KM, haversine_km

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Candidate:
    """A gazetteer entry a name may refer to."""

    rowid: int
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
    quality: float  # how well the looked-up name matches (1 primary name ... lower for fuzzy keys)
    # The middle of a country's or region's territory (None: the point above); a geoparser reports it for a
    # mention of the whole country or region, while events confined to a region are coded to its point.
    centre_latitude: float | None = None
    centre_longitude: float | None = None

    @property
    def country(self) -> str:
        return country_name(self.country_code) or self.country_code


CACHE_KEYS = 300_000  # looked-up keys (with their candidates, or none) kept in memory per process
_COLUMNS = ("p.rowid, p.place_id, p.name, p.kind, p.country_code, p.admin1_code, p.admin1, p.admin2, "
            "p.latitude, p.longitude, p.population, p.centre_latitude, p.centre_longitude")


class Gazetteer:
    """Name -> candidate places, backed by the SQLite index. Lookups are cached per key."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)
        self._lock = threading.Lock()
        self._cache: dict[str, tuple[Candidate, ...]] = {}
        self._skel_cache: dict[tuple[str, str], tuple[Candidate, ...]] = {}
        self._region_cache: dict[tuple[str, str], Candidate | None] = {}
        self._absent: set[str] = set()  # looked-up keys that name nothing
        self._opens: dict[str, bool] = {}  # word -> whether some key starts with it

    def close(self) -> None:
        self._conn.close()

    def lookup_many(self, keys: list[str]) -> dict[str, tuple[Candidate, ...]]:
        """Candidates for each normalized key (see `normalize.norm`); keys with none are left out.

        Keys not seen before are looked up in one indexed query per 500; both the names found and the keys that
        name nothing (most of a text's capitalized n-grams) are remembered, up to `CACHE_KEYS`. (The index's whole
        key set is never read: that took most of a second at every start, longer than the lookups it saved.)"""
        missing = [k for k in dict.fromkeys(keys) if k not in self._cache and k not in self._absent]
        if not missing:
            return {k: cands for k in keys if (cands := self._cache.get(k, ()))}
        found: dict[str, list[Candidate]] = {k: [] for k in missing}
        with self._lock:
            for chunk_start in range(0, len(missing), 500):
                chunk = missing[chunk_start: chunk_start + 500]
                marks = ",".join("?" * len(chunk))
                rows = self._conn.execute(
                    f"SELECT n.key, n.quality, {_COLUMNS} FROM name n JOIN place p ON p.rowid = n.place "
                    f"WHERE n.key IN ({marks})",
                    chunk,
                ).fetchall()
                for key, quality, *cols in rows:
                    found[key].append(_candidate(cols, quality))
        fresh = {key: tuple(sorted(cands, key=lambda c: (-c.quality, -c.population, c.rowid)))
                 for key, cands in found.items()}
        answer = {k: cands for k in keys if (cands := fresh[k] if k in fresh else self._cache.get(k, ()))}
        if len(self._cache) + len(self._absent) + len(fresh) > CACHE_KEYS:
            self._trim()
        self._cache.update((k, v) for k, v in fresh.items() if v)
        self._absent.update(k for k, v in fresh.items() if not v)
        return answer

    def name_openers(self, words: Iterable[str]) -> set[str]:
        """Those of the (normalized, one-word) `words` that some key starts with: an n-gram whose first word is
        none of them names nothing, so the matcher need not build its key at all. One indexed range query per
        word not seen before ("x" opens "x" and "x ...", not "xy")."""
        fresh = [w for w in dict.fromkeys(words) if w not in self._opens]
        if fresh:
            with self._lock:
                for word in fresh:
                    self._opens[word] = self._conn.execute(
                        "SELECT 1 FROM name WHERE key >= ? AND key < ? LIMIT 1", (word, word + " \U0010ffff"),
                    ).fetchone() is not None
            if len(self._opens) > CACHE_KEYS:
                self._opens.clear()
        return {w for w in words if self._opens.get(w, False)}

    def _trim(self) -> None:
        """Forget the older half of the cached keys, so a worker's memory stays bounded over a stream of any
        length."""
        with self._lock:
            for key in list(itertools.islice(self._cache, len(self._cache) // 2 + 1)):
                del self._cache[key]
            self._absent.clear()
            if len(self._skel_cache) > CACHE_KEYS // 10:
                self._skel_cache.clear()

    def lookup(self, key: str) -> tuple[Candidate, ...]:
        return self.lookup_many([key]).get(key, ())

    def lookup_skeleton(self, skel: str, written: str | None = None) -> tuple[Candidate, ...]:
        """Transliteration-tolerant candidates, at most 50; callers must restrict them to plausible countries.

        With `written` (the name as the text spells it), the 50 are the places whose names look most like it,
        not the most populous: a short key ("rsn") is shared by a hundred places, and "Ras Al Ain" means
        Ra's al 'Ayn (30,000 people), not Ryazan."""
        cache_key = (skel, norm(written) if written else "")
        if cache_key not in self._skel_cache:
            with self._lock:
                rows = self._conn.execute(
                    f"SELECT {_COLUMNS} FROM skel s JOIN place p ON p.rowid = s.place WHERE s.key = ? "
                    "ORDER BY p.population DESC",
                    (skel,),
                ).fetchall()
            cands = [_candidate(cols, 0.7) for cols in rows]
            if written:
                cands.sort(key=lambda c: -spelling_similarity(written, c.name))  # stable: population breaks ties
            self._skel_cache[cache_key] = tuple(cands[:50])
        return self._skel_cache[cache_key]

    def find(self, name: str, country_code: str | None = None, limit: int = 15) -> list[tuple[Candidate, str]]:
        """What the index knows of a name, as people look it up: the places it names ("exact", best first), else
        those whose transliteration key it shares ("spelling", most alike first), optionally in one country."""
        exact = [c for c in self.lookup(norm(name)) if country_code is None or c.country_code == country_code]
        if exact:
            return [(c, "exact") for c in exact[:limit]]
        fuzzy = [c for c in self.lookup_skeleton(skeleton(name), name)
                 if country_code is None or c.country_code == country_code]
        return [(c, "spelling") for c in fuzzy[:limit]]

    def region(self, country_code: str, admin1_code: str) -> Candidate | None:
        """The admin1 region entry for a code such as ("IQ", "IQ.01")."""
        key = (country_code, admin1_code)
        if key not in self._region_cache:
            with self._lock:
                row = self._conn.execute(
                    f"SELECT {_COLUMNS} FROM place p WHERE p.kind = 'admin1' AND p.country_code = ? "
                    "AND p.admin1_code = ? LIMIT 1",
                    key,
                ).fetchone()
            self._region_cache[key] = _candidate(row, 1.0) if row else None
        return self._region_cache[key]

    def places_in(self, south: float, west: float, north: float, east: float, kinds: tuple[str, ...], *,
                  min_population: int = 0, limit: int = 100) -> list[Candidate]:
        """Places of the given kinds inside a latitude/longitude box (west > east: the box crosses the
        antimeridian), most populous first, at most `limit`."""
        if not kinds or limit <= 0:
            return []
        lon_ranges = [(west, east)] if west <= east else [(west, 180.0), (-180.0, east)]
        where = " OR ".join("(p.longitude BETWEEN ? AND ?)" for _ in lon_ranges)
        marks = ",".join("?" * len(kinds))
        with self._lock:
            rows = self._conn.execute(
                f"SELECT {_COLUMNS} FROM place p WHERE p.latitude BETWEEN ? AND ? AND ({where}) "
                f"AND p.kind IN ({marks}) AND p.population >= ? ORDER BY p.population DESC, p.rowid LIMIT ?",
                (south, north, *(v for r in lon_ranges for v in r), *kinds, min_population, limit),
            ).fetchall()
        return [_candidate(cols, 1.0) for cols in rows]

    def nearby(
        self, latitude: float, longitude: float, km: float, limit: int = 20, *, kinds: Iterable[str] | None = None
    ) -> list[tuple[Candidate, float]]:
        """Places within `km` kilometres of a point, nearest first, as (candidate, distance in km); at most
        `limit`, optionally only of the given kinds. A latitude/longitude bounding box (indexed) selects the
        rows, a great-circle distance filters them; the box handles the antimeridian and the poles."""
        if not (math.isfinite(latitude) and math.isfinite(longitude)) or km < 0 or limit <= 0:
            return []
        lon0 = (longitude + 180.0) % 360.0 - 180.0
        radius = km / EARTH_RADIUS_KM  # angular distance
        lat_lo, lat_hi = latitude - math.degrees(radius), latitude + math.degrees(radius)
        lon_ranges: list[tuple[float, float]]
        if lat_lo <= -90.0 or lat_hi >= 90.0 or radius >= math.pi / 2:
            lon_ranges = [(-180.0, 180.0)]  # the circle reaches a pole: every longitude
        else:
            half = math.degrees(math.asin(min(1.0, math.sin(radius) / math.cos(math.radians(latitude)))))
            lo, hi = lon0 - half, lon0 + half
            if lo < -180.0:
                lon_ranges = [(-180.0, hi), (lo + 360.0, 180.0)]
            elif hi > 180.0:
                lon_ranges = [(lo, 180.0), (-180.0, hi - 360.0)]
            else:
                lon_ranges = [(lo, hi)]
        where = "p.latitude BETWEEN ? AND ? AND (" + " OR ".join(["p.longitude BETWEEN ? AND ?"] * len(lon_ranges))
        where += ")"
        params: list[object] = [max(lat_lo, -90.0), min(lat_hi, 90.0)]
        for lo, hi in lon_ranges:
            params += [lo, hi]
        kind_list = sorted(set(kinds)) if kinds is not None else None
        if kind_list is not None:
            if not kind_list:
                return []
            where += f" AND p.kind IN ({','.join('?' * len(kind_list))})"
            params += kind_list
        with self._lock:
            rows = self._conn.execute(f"SELECT {_COLUMNS} FROM place p WHERE {where}", params).fetchall()
        hits: list[tuple[float, int, Candidate]] = []
        for cols in rows:
            cand = _candidate(cols, 1.0)
            distance = haversine_km(latitude, longitude, cand.latitude, cand.longitude)
            if distance <= km:
                hits.append((distance, -cand.population, cand))
        hits.sort(key=lambda h: (h[0], h[1], h[2].rowid))
        return [(cand, distance) for distance, _pop, cand in hits[:limit]]

    def stats(self) -> dict[str, int]:
        with self._lock:
            places = self._conn.execute("SELECT COUNT(*) FROM place").fetchone()[0]
            names = self._conn.execute("SELECT COUNT(*) FROM name").fetchone()[0]
            sites = self._conn.execute("SELECT COUNT(*) FROM place WHERE place_id LIKE 'site:%'").fetchone()[0]
            airports = self._conn.execute("SELECT COUNT(*) FROM place WHERE place_id LIKE 'icao:%'").fetchone()[0]
        return {"places": int(places), "names": int(names), "sites": int(sites), "airports": int(airports)}


def _candidate(cols: tuple[object, ...] | list[object], quality: float) -> Candidate:
    (rowid, place_id, name, kind, cc, a1code, admin1, admin2, lat, lon, pop, clat, clon) = cols
    return Candidate(
        rowid=int(str(rowid)), place_id=str(place_id), name=str(name), kind=str(kind), country_code=str(cc),
        admin1_code=str(a1code) if a1code else None, admin1=str(admin1) if admin1 else None,
        admin2=str(admin2) if admin2 else None, latitude=float(str(lat)), longitude=float(str(lon)),
        population=int(str(pop or 0)), quality=quality,
        centre_latitude=float(str(clat)) if clat is not None else None,
        centre_longitude=float(str(clon)) if clon is not None else None,
    )


def _index_is_current(path: Path) -> bool:
    if not path.exists():
        return False
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            meta = dict(conn.execute("SELECT key, value FROM meta").fetchall())
        finally:
            conn.close()
    except sqlite3.Error:
        return False
    return (
        meta.get("schema_version") == str(SCHEMA_VERSION)
        and meta.get("sites") == sites_fingerprint()
        and meta.get("airports") == airports_fingerprint()
    )


_OPEN: dict[Path, Gazetteer] = {}
_OPEN_LOCK = threading.Lock()


def existing_gazetteer(path: Path | None = None) -> Gazetteer | None:
    """The index if it is built and current, else None (never builds it: for readers, such as the API's map
    labels, that must answer at once)."""
    target = path or default_index_path()
    with _OPEN_LOCK:
        if target in _OPEN:
            return _OPEN[target]
    return open_gazetteer(target) if _index_is_current(target) else None


def open_gazetteer(path: Path | None = None, *, show_progress: bool = True) -> Gazetteer:
    """Open the index, building it first (with a progress bar on stderr) when it is missing or stale."""
    target = path or default_index_path()
    with _OPEN_LOCK:
        if target in _OPEN:
            return _OPEN[target]
        if not _index_is_current(target):
            # the builder is imported only here: the extraction pipeline, which opens the index, must not
            # import it
            from eventwire.gazetteer.build import build_index

            # expected on a first run, not a problem: info, not a warning
            log.info("building the gazetteer index at %s (once; about a minute)", target)
            build_index(target, progress=StderrProgress() if show_progress else None)
        gaz = Gazetteer(target)
        _OPEN[target] = gaz
        return gaz


class StderrProgress:
    """A `Progress` callback drawing one tqdm bar per step of the build on stderr (none off a terminal)."""

    def __init__(self) -> None:
        self.bars: dict[str, Any] = {}

    def __call__(self, label: str, done: int, total: int) -> None:
        from tqdm import tqdm

        bar = self.bars.get(label)
        if bar is None:
            bar = self.bars[label] = tqdm(desc=f"gazetteer {label}", total=total or None, unit="place",
                                          file=sys.stderr, disable=None, dynamic_ncols=True)
        bar.update(done - bar.n)
        if total and done >= total:
            bar.close()
