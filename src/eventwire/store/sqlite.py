"""SQLite store: one file, WAL mode, numbered migrations, one transaction per article.

Re-ingesting an article already stored (same id and text) changes nothing; the same text under another id
is stored once; a new text under a known id or URL (an updated article) replaces that article's reports.

Each article's events (its *reports*) are kept in `mentions`; `events` holds the incidents merged across
articles from them (see `eventwire.merge` for the design).
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import hashlib
import json
import math
import os
import re
import sqlite3
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from eventwire.merge import Report, cluster, merged_event, report_for
from eventwire.merge.codec import event_from_dict, event_to_dict
from eventwire.merge.matching import DATE_WINDOW_DAYS, MAX_DISTANCE_KM, components, edges, family
from eventwire.model import Article, Event
from eventwire.serialize import event_to_json

DEFAULT_DB = "eventwire.db"

MIGRATIONS: tuple[str, ...] = (
    # 1: articles, events and their sources
    """
    CREATE TABLE articles (
        id TEXT PRIMARY KEY,
        text_hash TEXT NOT NULL,
        text TEXT NOT NULL,
        published TEXT,
        url TEXT,
        title TEXT,
        source TEXT,
        origin TEXT,
        ingested_at TEXT NOT NULL
    );
    CREATE UNIQUE INDEX articles_text_hash ON articles (text_hash);
    CREATE TABLE events (
        id TEXT PRIMARY KEY,
        event_type TEXT NOT NULL,
        sub_event_type TEXT,
        event_date TEXT,
        time_precision INTEGER,
        country TEXT,
        admin1 TEXT,
        admin2 TEXT,
        location TEXT,
        latitude REAL,
        longitude REAL,
        geo_precision INTEGER,
        actor1 TEXT,
        actor2 TEXT,
        weapon TEXT,
        fatalities INTEGER,
        injuries INTEGER,
        captured INTEGER,
        munitions INTEGER,
        confidence REAL,
        record TEXT NOT NULL
    );
    CREATE INDEX events_date ON events (event_date);
    CREATE INDEX events_country ON events (country, event_date);
    CREATE INDEX events_type ON events (event_type, sub_event_type);
    CREATE TABLE event_sources (
        event_id TEXT NOT NULL REFERENCES events (id) ON DELETE CASCADE,
        article_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
        PRIMARY KEY (event_id, article_id)
    );
    CREATE INDEX event_sources_article ON event_sources (article_id);
    """,
    # 2: per-article reports, merged across articles into `events`
    """
    CREATE TABLE mentions (
        article_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
        mention_id TEXT NOT NULL,
        event_id TEXT NOT NULL,
        component TEXT NOT NULL,
        family TEXT NOT NULL,
        event_date TEXT,
        country_code TEXT,
        latitude REAL,
        longitude REAL,
        cell INTEGER,
        published TEXT,
        words TEXT NOT NULL,
        revises_toll INTEGER NOT NULL DEFAULT 0,
        record TEXT NOT NULL,
        PRIMARY KEY (article_id, mention_id)
    );
    CREATE INDEX mentions_block ON mentions (family, country_code, event_date);
    CREATE INDEX mentions_cell ON mentions (family, cell, event_date);
    CREATE INDEX mentions_event ON mentions (event_id);
    CREATE INDEX mentions_component ON mentions (component);
    CREATE INDEX mentions_mention ON mentions (mention_id);
    CREATE INDEX articles_url ON articles (url)
    """,
    # 3: API queries: keyset sort keys (NULLs mapped to a sentinel so that (key, id) is a total order),
    # case-insensitive filter indexes, a bounding-box index and full-text search over evidence text
    """
    CREATE INDEX events_date_key ON events (coalesce(event_date, ''), id);
    CREATE INDEX events_fatalities_key ON events (coalesce(fatalities, -1), id);
    CREATE INDEX events_country_nocase ON events (country COLLATE NOCASE, event_date);
    CREATE INDEX events_admin1_nocase ON events (admin1 COLLATE NOCASE, event_date);
    CREATE INDEX events_type_nocase ON events (event_type COLLATE NOCASE, sub_event_type COLLATE NOCASE);
    CREATE INDEX events_lonlat ON events (longitude, latitude);
    CREATE VIRTUAL TABLE events_fts USING fts5 (body, tokenize = 'porter unicode61 remove_diacritics 2');
    CREATE TRIGGER events_fts_insert AFTER INSERT ON events BEGIN
        INSERT INTO events_fts (rowid, body)
        SELECT new.rowid, coalesce(group_concat(DISTINCT value), '') FROM json_tree(new.record)
        WHERE key = 'text' AND type = 'text';
    END;
    CREATE TRIGGER events_fts_delete AFTER DELETE ON events BEGIN
        DELETE FROM events_fts WHERE rowid = old.rowid;
    END;
    CREATE TRIGGER events_fts_update AFTER UPDATE OF record ON events BEGIN
        DELETE FROM events_fts WHERE rowid = old.rowid;
        INSERT INTO events_fts (rowid, body)
        SELECT new.rowid, coalesce(group_concat(DISTINCT value), '') FROM json_tree(new.record)
        WHERE key = 'text' AND type = 'text';
    END;
    INSERT INTO events_fts (rowid, body)
    SELECT events.rowid, (SELECT coalesce(group_concat(DISTINCT value), '') FROM json_tree(events.record)
                          WHERE key = 'text' AND type = 'text') FROM events
    """,
)

# Sort orders of `SQLiteStore.events_page`: name -> (key expression, descending). The expressions match the
# indexes of migration 3; ties are broken by id in the same direction, so (key, id) is a strict total order.
SORTS: dict[str, tuple[str, bool]] = {
    "event_date": ("coalesce(event_date, '')", False),
    "-event_date": ("coalesce(event_date, '')", True),
    "fatalities": ("coalesce(fatalities, -1)", False),
    "-fatalities": ("coalesce(fatalities, -1)", True),
}
DEFAULT_SORT = "-event_date"


def text_hash(text: str) -> str:
    return hashlib.sha256(" ".join(text.split()).encode("utf-8")).hexdigest()


@dataclass(frozen=True, slots=True)
class IngestOutcome:
    article_id: str
    status: str  # "stored" | "unchanged" | "duplicate-text" | "updated"
    events: int
    merged: int = 0  # how many of the article's events joined an incident other articles report too


@dataclass(frozen=True)
class EventFilter:
    """Which stored events to read. Text fields match case-insensitively (ASCII), `actor` is a substring of
    actor1 or actor2, `bbox` is (min_lon, min_lat, max_lon, max_lat) with min_lon > max_lon crossing the
    antimeridian, `q` is full-text search (all words, stemmed) over the evidence text of the event and its
    sources."""

    date_from: dt.date | None = None
    date_to: dt.date | None = None
    country: str | None = None
    event_type: str | None = None
    sub_event_type: str | None = None
    actor: str | None = None
    min_fatalities: int | None = None
    limit: int | None = None
    admin1: str | None = None
    weapon: str | None = None
    bbox: tuple[float, float, float, float] | None = None
    q: str | None = None
    geo_precision: int | None = None
    time_precision: int | None = None


class InvalidCursor(ValueError):
    """A pagination cursor that this store did not issue for this sort order."""


@dataclass(frozen=True, slots=True)
class EventPage:
    """One page of events and the cursor of the next page (None on the last page)."""

    events: list[dict[str, Any]]
    next_cursor: str | None
    sort: str


def encode_cursor(sort: str, key: Any, event_id: str) -> str:
    """An opaque token for the position after (key, event_id) in the given sort order."""
    raw = json.dumps([sort, key, event_id], separators=(",", ":"), ensure_ascii=False).encode("utf-8")
    return base64.urlsafe_b64encode(raw).decode("ascii").rstrip("=")


def decode_cursor(token: str, sort: str) -> tuple[Any, str]:
    try:
        raw = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4))
        issued_for, key, event_id = json.loads(raw.decode("utf-8"))
    except (ValueError, TypeError, UnicodeDecodeError, binascii.Error):
        raise InvalidCursor("malformed cursor") from None
    if issued_for != sort:
        raise InvalidCursor(f"cursor was issued for sort {issued_for!r}, not {sort!r}")
    numeric = SORTS[sort][0].startswith("coalesce(fatalities")
    if not isinstance(event_id, str) or (isinstance(key, bool) or not isinstance(key, int if numeric else str)):
        raise InvalidCursor("malformed cursor")
    return key, event_id


def parse_bbox(value: str) -> tuple[float, float, float, float]:
    """`minlon,minlat,maxlon,maxlat` in degrees (minlon > maxlon crosses the antimeridian); ValueError if not."""
    parts = value.split(",")
    if len(parts) != 4:
        raise ValueError("bbox: expected four numbers minlon,minlat,maxlon,maxlat")
    try:
        min_lon, min_lat, max_lon, max_lat = (float(p) for p in parts)
    except ValueError:
        raise ValueError(f"bbox: {value!r} is not four numbers minlon,minlat,maxlon,maxlat") from None
    if not all(math.isfinite(x) for x in (min_lon, min_lat, max_lon, max_lat)):
        raise ValueError("bbox: coordinates must be finite numbers")
    if not (-180 <= min_lon <= 180 and -180 <= max_lon <= 180):
        raise ValueError("bbox: longitudes must lie in [-180, 180]")
    if not (-90 <= min_lat <= 90 and -90 <= max_lat <= 90):
        raise ValueError("bbox: latitudes must lie in [-90, 90]")
    if min_lat > max_lat:
        raise ValueError("bbox: minlat is greater than maxlat")
    return min_lon, min_lat, max_lon, max_lat


def fts_query(text: str) -> str | None:
    """A user's search words as an FTS5 query: every word must occur (as a stem); operators are not exposed."""
    words = re.findall(r"\w+", text)
    return " ".join(f'"{w}"' for w in words) or None


class SQLiteStore:
    """The default store. Safe to open from several processes (WAL); writes are serialized by SQLite."""

    def __init__(self, path: str | Path = DEFAULT_DB) -> None:
        self.path = Path(path)
        if self.path.parent and not self.path.parent.exists():
            self.path.parent.mkdir(parents=True, exist_ok=True)
        self.conn = sqlite3.connect(self.path, timeout=30.0, isolation_level=None)
        self.conn.execute("PRAGMA journal_mode=WAL")
        self.conn.execute("PRAGMA foreign_keys=ON")
        self.conn.execute("PRAGMA synchronous=NORMAL")
        # REPLACE fires the delete triggers (which keep the full-text index in step) only with this on
        self.conn.execute("PRAGMA recursive_triggers=ON")
        self._migrate()

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> SQLiteStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _migrate(self) -> None:
        self.conn.execute("CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY)")
        done = {row[0] for row in self.conn.execute("SELECT version FROM schema_migrations")}
        for version, script in enumerate(MIGRATIONS, start=1):
            if version in done:
                continue
            self.conn.execute("BEGIN IMMEDIATE")
            try:
                for statement in _statements(script):
                    self.conn.execute(statement)
                self.conn.execute("INSERT INTO schema_migrations (version) VALUES (?)", (version,))
                self.conn.execute("COMMIT")
            except BaseException:
                self.conn.execute("ROLLBACK")
                raise

    # -- writing ------------------------------------------------------------------------------------
    def known(self, article: Article) -> str | None:
        """"unchanged" or "duplicate-text" when ingesting `article` would change nothing, else None."""
        digest = text_hash(article.text)
        row = self.conn.execute("SELECT id FROM articles WHERE text_hash = ?", (digest,)).fetchone()
        if row is None:
            return None
        return "unchanged" if row[0] == article.id else "duplicate-text"

    def save_article(self, article: Article, events: list[Event]) -> IngestOutcome:
        """Store an article and its events in one transaction, merging them with stored reports of the same
        incidents (see `eventwire.merge`)."""
        digest = text_hash(article.text)
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            row = self.conn.execute("SELECT id FROM articles WHERE text_hash = ?", (digest,)).fetchone()
            if row is not None:
                self.conn.execute("ROLLBACK")
                status = "unchanged" if row[0] == article.id else "duplicate-text"
                return IngestOutcome(article.id, status, 0)
            status = "stored"
            touched: set[str] = set()
            orphans: dict[str, tuple[dict[str, Any], set[str]]] = {}
            for (old_id,) in self.conn.execute(
                    "SELECT id FROM articles WHERE id = ? OR (url IS NOT NULL AND url = ?) ORDER BY id",
                    (article.id, article.url)).fetchall():
                status = "updated"
                touched |= self._remove_article(old_id, orphans)
            self.conn.execute(
                "INSERT INTO articles VALUES (?,?,?,?,?,?,?,?,?)",
                (article.id, digest, article.text, article.published.isoformat() if article.published else None,
                 article.url, article.title, article.source, article.origin,
                 dt.datetime.now(dt.UTC).isoformat(timespec="seconds")),
            )
            reports = [report_for(article, event) for event in events]
            for report in reports:
                touched |= self._candidate_components(report)
                self._insert_mention(report)
                touched.add(_component_key(report))
            merged_ids = self._recluster(touched)
            for event_id, (record, claimed) in sorted(orphans.items()):
                self._restore_orphan(event_id, record, claimed)
            self.conn.execute("COMMIT")
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise
        merged = sum(1 for r in reports if self._event_of(r) in merged_ids)
        return IngestOutcome(article.id, status, len(events), merged)

    def _remove_article(self, article_id: str, orphans: dict[str, tuple[dict[str, Any], set[str]]]) -> set[str]:
        """Delete an article, its reports and the events they were in; returns the components to re-cluster.
        An event handed in already listing other articles as sources (merged by the caller) keeps those sources
        in `orphans`, to be restored when no report of the store rebuilds it."""
        touched = {r[0] for r in self.conn.execute(
            "SELECT DISTINCT component FROM mentions WHERE article_id = ?", (article_id,))}
        linked = {r[0] for r in self.conn.execute(
            "SELECT event_id FROM event_sources WHERE article_id = ?", (article_id,))}
        reported = {r[0] for r in self.conn.execute(
            "SELECT event_id FROM mentions WHERE article_id = ?", (article_id,))}
        event_ids = sorted(linked | reported)
        for event_id in event_ids:
            reporting = {r[0] for r in self.conn.execute(
                "SELECT article_id FROM mentions WHERE event_id = ?", (event_id,))}
            claimed = {r[0] for r in self.conn.execute(
                "SELECT article_id FROM event_sources WHERE event_id = ?", (event_id,))} - reporting - {article_id}
            row = self.conn.execute("SELECT record FROM events WHERE id = ?", (event_id,)).fetchone()
            if claimed and row is not None:
                orphans[event_id] = (json.loads(row[0]), claimed)
            self.conn.execute("DELETE FROM event_sources WHERE event_id = ?", (event_id,))
            self.conn.execute("DELETE FROM events WHERE id = ?", (event_id,))
        self.conn.execute("DELETE FROM mentions WHERE article_id = ?", (article_id,))
        self.conn.execute("DELETE FROM event_sources WHERE article_id = ?", (article_id,))
        self.conn.execute("DELETE FROM articles WHERE id = ?", (article_id,))
        return touched

    def _restore_orphan(self, event_id: str, record: dict[str, Any], claimed: set[str]) -> None:
        if self.conn.execute("SELECT 1 FROM events WHERE id = ?", (event_id,)).fetchone() is not None:
            return
        record["article_ids"] = [a for a in record.get("article_ids", []) if a in claimed]
        record["sources"] = [s for s in record.get("sources", []) if s.get("article_id") in claimed]
        columns = ("event_type", "sub_event_type", "event_date", "time_precision", "country", "admin1", "admin2",
                   "location", "latitude", "longitude", "geo_precision", "actor1", "actor2", "weapon", "fatalities",
                   "injuries", "captured", "munitions", "confidence")
        self.conn.execute("INSERT INTO events VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                          (event_id, *(record.get(c) for c in columns), json.dumps(record, ensure_ascii=False)))
        for article_id in sorted(claimed):
            self.conn.execute("INSERT OR IGNORE INTO event_sources VALUES (?, ?)", (event_id, article_id))

    # -- merging ------------------------------------------------------------------------------------
    def _insert_mention(self, report: Report) -> None:
        event = report.event
        place = event.place
        self.conn.execute(
            "INSERT OR REPLACE INTO mentions VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            (report.article_id, event.id, event.id, _component_key(report), family(event.event_type),
             event.date.start.isoformat() if event.date else None, place.country_code if place else None,
             place.latitude if place else None, place.longitude if place else None,
             grid_cell(place.latitude, place.longitude) if place else None,
             report.published.isoformat() if report.published else None,
             json.dumps(dict(sorted(report.words.items())), ensure_ascii=False), int(report.revises_toll),
             json.dumps(event_to_dict(event), ensure_ascii=False)),
        )

    def _candidate_components(self, report: Report) -> set[str]:
        """Components of the stored reports that `report` is matched with (indexed blocking, then scoring)."""
        event = report.event
        if event.date is None or event.place is None:
            return set()
        place = event.place
        lat_pad = MAX_DISTANCE_KM / 111.0
        lon_pad = min(180.0, lat_pad / max(0.02, math.cos(math.radians(place.latitude))))
        window = dt.timedelta(days=DATE_WINDOW_DAYS)
        fam = family(event.event_type)
        first, last = (event.date.start - window).isoformat(), (event.date.start + window).isoformat()
        columns = "article_id, published, words, revises_toll, record, component"
        rows = self.conn.execute(
            f"SELECT {columns} FROM mentions WHERE family = ? AND country_code = ? AND event_date BETWEEN ? AND ? "
            "AND article_id != ?", (fam, place.country_code, first, last, report.article_id)).fetchall()
        cells = sorted({grid_cell(lat, lon)
                        for lat in _steps(place.latitude - lat_pad, place.latitude + lat_pad)
                        for lon in _steps(place.longitude - lon_pad, place.longitude + lon_pad)})
        if len(cells) <= 64:  # points within 50 km in other countries (near the poles: skip)
            rows += self.conn.execute(
                f"SELECT {columns} FROM mentions WHERE family = ? AND cell IN ({','.join('?' * len(cells))}) "
                "AND event_date BETWEEN ? AND ? AND article_id != ? AND country_code != ? "
                "AND latitude BETWEEN ? AND ? AND longitude BETWEEN ? AND ?",
                (fam, *cells, first, last, report.article_id, place.country_code, place.latitude - lat_pad,
                 place.latitude + lat_pad, place.longitude - lon_pad, place.longitude + lon_pad)).fetchall()
        found: set[str] = set()
        for row in rows:
            if row[5] in found:
                continue
            other = _report_from_row(*row[:5])
            if edges([report, other]):
                found.add(row[5])
        return found

    def _recluster(self, touched: set[str]) -> set[str]:
        """Re-split and re-cluster the given components from their reports; write their events.
        Returns the ids of the events with reports from more than one article."""
        if not touched:
            return set()
        keys = sorted(touched)
        rows: list[Any] = []
        for i in range(0, len(keys), 500):
            chunk = keys[i:i + 500]
            rows.extend(self.conn.execute(
                "SELECT article_id, published, words, revises_toll, record, event_id FROM mentions WHERE component IN "
                f"({','.join('?' * len(chunk))})", chunk).fetchall())
        reports = [_report_from_row(*r[:5]) for r in rows]
        for event_id in sorted({r[5] for r in rows}):
            self.conn.execute("DELETE FROM event_sources WHERE event_id = ?", (event_id,))
            self.conn.execute("DELETE FROM events WHERE id = ?", (event_id,))
        links = [(a.key, b.key) for a, b, _ in edges(reports)]
        multi: set[str] = set()
        for component in components(reports, links):
            component_key = _component_key(component[0])
            for group in cluster(component):
                event = merged_event(group)
                if len({r.article_id for r in group.reports}) > 1:
                    multi.add(event.id)
                for r in group.reports:
                    self.conn.execute(
                        "UPDATE mentions SET event_id = ?, component = ? WHERE article_id = ? AND mention_id = ?",
                        (event.id, component_key, r.article_id, r.event.id))
                self._insert_event(event)
        return multi

    def _event_of(self, report: Report) -> str | None:
        row = self.conn.execute("SELECT event_id FROM mentions WHERE article_id = ? AND mention_id = ?",
                                (report.article_id, report.event.id)).fetchone()
        return None if row is None else str(row[0])

    def _insert_event(self, event: Event) -> None:
        record = event_to_json(event, with_sources=True)
        self.conn.execute(
            "INSERT OR REPLACE INTO events VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            (event.id, record["event_type"], record["sub_event_type"], record["event_date"],
             record["time_precision"], record["country"], record["admin1"], record["admin2"], record["location"],
             record["latitude"], record["longitude"], record["geo_precision"], record["actor1"], record["actor2"],
             record["weapon"], record["fatalities"], record["injuries"], record["captured"], record["munitions"],
             record["confidence"], json.dumps(record, ensure_ascii=False)),
        )
        for article_id in event.article_ids:
            self.conn.execute("INSERT OR IGNORE INTO event_sources VALUES (?, ?)", (event.id, article_id))

    # -- reading ------------------------------------------------------------------------------------
    def _where(self, flt: EventFilter) -> tuple[list[str], list[Any]]:
        where: list[str] = []
        args: list[Any] = []
        if flt.date_from:
            where.append("event_date >= ?")
            args.append(flt.date_from.isoformat())
        if flt.date_to:
            where.append("event_date <= ?")
            args.append(flt.date_to.isoformat())
        for column in ("country", "admin1", "event_type", "sub_event_type", "weapon"):
            value = getattr(flt, column)
            if value:
                where.append(f"{column} = ? COLLATE NOCASE")
                args.append(value)
        if flt.actor:
            where.append("(actor1 LIKE ? ESCAPE '\\' OR actor2 LIKE ? ESCAPE '\\')")
            pattern = "%" + flt.actor.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
            args.extend([pattern, pattern])
        if flt.min_fatalities is not None:
            where.append("fatalities >= ?")
            args.append(flt.min_fatalities)
        for column in ("geo_precision", "time_precision"):
            value = getattr(flt, column)
            if value is not None:
                where.append(f"{column} = ?")
                args.append(value)
        if flt.bbox is not None:
            min_lon, min_lat, max_lon, max_lat = flt.bbox
            where.append("latitude BETWEEN ? AND ?")
            args.extend([min_lat, max_lat])
            if min_lon <= max_lon:
                where.append("longitude BETWEEN ? AND ?")
                args.extend([min_lon, max_lon])
            else:  # crosses the antimeridian
                where.append("(longitude >= ? OR longitude <= ?)")
                args.extend([min_lon, max_lon])
        if flt.q is not None:
            query = fts_query(flt.q)
            if query is None:
                where.append("0")
            else:
                where.append("events.rowid IN (SELECT rowid FROM events_fts WHERE events_fts MATCH ?)")
                args.append(query)
        return where, args

    def events(self, flt: EventFilter | None = None) -> Iterator[dict[str, Any]]:
        """Stored events as JSON-contract dicts (with sources), newest first."""
        flt = flt or EventFilter()
        where, args = self._where(flt)
        sql = "SELECT record FROM events"
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += " ORDER BY event_date DESC, id"
        if flt.limit:
            sql += " LIMIT ?"
            args.append(flt.limit)
        for (record,) in self.conn.execute(sql, args):
            yield json.loads(record)

    def events_page(self, flt: EventFilter | None = None, *, sort: str = DEFAULT_SORT, limit: int = 100,
                    cursor: str | None = None) -> EventPage:
        """One page of events in `sort` order (see SORTS), after the position `cursor` names (keyset
        pagination: no OFFSET, so deep pages cost what the first does, and rows added or removed elsewhere
        never shift a page). `flt.limit` is ignored; `limit` is the page size."""
        if sort not in SORTS:
            raise ValueError(f"unknown sort {sort!r}; choose one of {', '.join(SORTS)}")
        if limit < 1:
            raise ValueError("limit must be at least 1")
        key, descending = SORTS[sort]
        where, args = self._where(flt or EventFilter())
        if cursor is not None:
            after_key, after_id = decode_cursor(cursor, sort)
            where.append(f"({key}, id) {'<' if descending else '>'} (?, ?)")
            args.extend([after_key, after_id])
        direction = "DESC" if descending else "ASC"
        sql = f"SELECT id, {key}, record FROM events"
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += f" ORDER BY {key} {direction}, id {direction} LIMIT ?"
        rows = self.conn.execute(sql, [*args, limit + 1]).fetchall()
        more = len(rows) > limit
        rows = rows[:limit]
        next_cursor = encode_cursor(sort, rows[-1][1], rows[-1][0]) if more else None
        return EventPage([json.loads(r[2]) for r in rows], next_cursor, sort)

    def stats(self, flt: EventFilter | None = None) -> dict[str, Any]:
        """Event and fatality counts of the matching events: in all, and by day, event type, country and
        (country, admin1); for charts. Groups are ordered by day, or by count then name."""
        where, args = self._where(flt or EventFilter())
        clause = (" WHERE " + " AND ".join(where)) if where else ""

        def grouped(columns: str, order: str) -> list[tuple[Any, ...]]:
            sql = (f"SELECT {columns}, COUNT(*), coalesce(SUM(fatalities), 0) FROM events{clause} "
                   f"GROUP BY {columns} ORDER BY {order}")
            return self.conn.execute(sql, args).fetchall()

        total = self.conn.execute(
            f"SELECT COUNT(*), coalesce(SUM(fatalities), 0) FROM events{clause}", args).fetchone()
        return {
            "events": int(total[0]),
            "fatalities": int(total[1]),
            "by_day": [{"key": k, "events": n, "fatalities": f}
                       for k, n, f in grouped("event_date", "event_date")],
            "by_event_type": [{"key": k, "events": n, "fatalities": f}
                              for k, n, f in grouped("event_type", "2 DESC, 1")],
            "by_country": [{"key": k, "events": n, "fatalities": f}
                           for k, n, f in grouped("country", "2 DESC, 1")],
            "by_admin1": [{"key": a, "country": c, "events": n, "fatalities": f}
                          for c, a, n, f in grouped("country, admin1", "3 DESC, 1, 2")],
        }

    def event(self, event_id: str) -> dict[str, Any] | None:
        """One stored event (with sources and notes) by its id, or by the id of one of its per-article reports."""
        row = self.conn.execute("SELECT record FROM events WHERE id = ?", (event_id,)).fetchone()
        if row is None:
            found = self.conn.execute("SELECT event_id FROM mentions WHERE mention_id = ? ORDER BY article_id",
                                      (event_id,)).fetchone()
            if found is not None:
                row = self.conn.execute("SELECT record FROM events WHERE id = ?", (found[0],)).fetchone()
        return None if row is None else dict(json.loads(row[0]))

    def reports(self, event_id: str) -> list[dict[str, Any]]:
        """The per-article reports merged into an event, earliest first, as JSON-contract dicts."""
        rows = self.conn.execute("SELECT record FROM mentions WHERE event_id = ? ORDER BY published, article_id",
                                 (event_id,)).fetchall()
        return [event_to_json(event_from_dict(json.loads(r[0])), with_sources=True) for r in rows]

    def article(self, article_id: str) -> dict[str, Any] | None:
        row = self.conn.execute(
            "SELECT id, text, published, url, title, source FROM articles WHERE id = ?", (article_id,)).fetchone()
        if row is None:
            return None
        return dict(zip(("id", "text", "published", "url", "title", "source"), row, strict=True))

    def counts(self) -> dict[str, int]:
        articles = self.conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0]
        events = self.conn.execute("SELECT COUNT(*) FROM events").fetchone()[0]
        return {"articles": int(articles), "events": int(events)}


def _statements(script: str) -> Iterator[str]:
    """The SQL statements of a migration script (trigger bodies hold semicolons of their own)."""
    pending = ""
    for part in script.split(";"):
        pending += part + ";"
        if sqlite3.complete_statement(pending):
            if pending.strip(" \n;"):
                yield pending
            pending = ""
    if pending.strip(" \n;"):
        yield pending


def grid_cell(latitude: float, longitude: float) -> int:
    """A one-degree grid cell number, for indexed lookups of nearby points."""
    return int(math.floor(latitude) + 90) * 1000 + int(math.floor(longitude) + 180) % 360


def _steps(low: float, high: float) -> list[float]:
    """Points one degree apart covering [low, high], ends included."""
    points = [low + i for i in range(int(high - low) + 1)]
    return [*points, high]


def _component_key(report: Report) -> str:
    return "|".join(report.order)


def _report_from_row(article_id: str, published: str | None, words: str, revises_toll: int, record: str) -> Report:
    return Report(article_id, dt.date.fromisoformat(published) if published else None,
                  event_from_dict(json.loads(record)), Counter(json.loads(words)), bool(revises_toll))


def default_db_path() -> Path:
    """$EVENTWIRE_DB, else ./eventwire.db."""
    return Path(os.environ.get("EVENTWIRE_DB", DEFAULT_DB))
