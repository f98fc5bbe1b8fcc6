"""SQLite store: one file, WAL mode, numbered migrations, one transaction per article.

Re-ingesting an article already stored (same id and text) changes nothing; the same text under another id
is stored once; a new text under a known id (an updated article) replaces that article's events.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

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
)


def text_hash(text: str) -> str:
    return hashlib.sha256(" ".join(text.split()).encode("utf-8")).hexdigest()


@dataclass(frozen=True, slots=True)
class IngestOutcome:
    article_id: str
    status: str  # "stored" | "unchanged" | "duplicate-text" | "updated"
    events: int


@dataclass(frozen=True)
class EventFilter:
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    country: str | None = None
    event_type: str | None = None
    sub_event_type: str | None = None
    actor: str | None = None
    min_fatalities: int | None = None
    limit: int | None = None


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
                for statement in script.split(";"):
                    if statement.strip():
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
        """Store an article and its events in one transaction."""
        digest = text_hash(article.text)
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            row = self.conn.execute("SELECT id FROM articles WHERE text_hash = ?", (digest,)).fetchone()
            if row is not None:
                self.conn.execute("ROLLBACK")
                status = "unchanged" if row[0] == article.id else "duplicate-text"
                return IngestOutcome(article.id, status, 0)
            status = "stored"
            if self.conn.execute("SELECT 1 FROM articles WHERE id = ?", (article.id,)).fetchone():
                status = "updated"
                self._remove_article(article.id)
            self.conn.execute(
                "INSERT INTO articles VALUES (?,?,?,?,?,?,?,?,?)",
                (article.id, digest, article.text, article.published.isoformat() if article.published else None,
                 article.url, article.title, article.source, article.origin,
                 dt.datetime.now(dt.UTC).isoformat(timespec="seconds")),
            )
            for event in events:
                self._insert_event(event)
            self.conn.execute("COMMIT")
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise
        return IngestOutcome(article.id, status, len(events))

    def _remove_article(self, article_id: str) -> None:
        event_ids = [r[0] for r in self.conn.execute(
            "SELECT event_id FROM event_sources WHERE article_id = ?", (article_id,))]
        self.conn.execute("DELETE FROM event_sources WHERE article_id = ?", (article_id,))
        for event_id in event_ids:
            left = self.conn.execute("SELECT 1 FROM event_sources WHERE event_id = ?", (event_id,)).fetchone()
            if left is None:
                self.conn.execute("DELETE FROM events WHERE id = ?", (event_id,))
        self.conn.execute("DELETE FROM articles WHERE id = ?", (article_id,))

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
    def events(self, flt: EventFilter | None = None) -> Iterator[dict[str, Any]]:
        """Stored events as JSON-contract dicts (with sources), newest first."""
        flt = flt or EventFilter()
        where: list[str] = []
        args: list[Any] = []
        if flt.date_from:
            where.append("event_date >= ?")
            args.append(flt.date_from.isoformat())
        if flt.date_to:
            where.append("event_date <= ?")
            args.append(flt.date_to.isoformat())
        if flt.country:
            where.append("lower(country) = lower(?)")
            args.append(flt.country)
        if flt.event_type:
            where.append("lower(event_type) = lower(?)")
            args.append(flt.event_type)
        if flt.sub_event_type:
            where.append("lower(sub_event_type) = lower(?)")
            args.append(flt.sub_event_type)
        if flt.actor:
            where.append("(lower(actor1) LIKE lower(?) OR lower(actor2) LIKE lower(?))")
            args.extend([f"%{flt.actor}%", f"%{flt.actor}%"])
        if flt.min_fatalities is not None:
            where.append("fatalities >= ?")
            args.append(flt.min_fatalities)
        sql = "SELECT record FROM events"
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += " ORDER BY event_date DESC, id"
        if flt.limit:
            sql += " LIMIT ?"
            args.append(flt.limit)
        for (record,) in self.conn.execute(sql, args):
            yield json.loads(record)

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


def default_db_path() -> Path:
    """$EVENTWIRE_DB, else ./eventwire.db."""
    return Path(os.environ.get("EVENTWIRE_DB", DEFAULT_DB))
