"""SQLite store: one file, WAL mode, numbered migrations, one transaction per article (the algorithm is
`eventwire.store.sql.SQLStore`, shared with the PostgreSQL store).

Re-ingesting an article already stored (same id and text) changes nothing; the same text under another id
is stored once; a new text under a known id or URL (an updated article) replaces that article's reports.

Each article's events (its *reports*) are kept in `mentions`; `events` holds the incidents merged across
articles from them (see `eventwire.merge` for the design).
"""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from eventwire.merge import Report
from eventwire.model import Article
from eventwire.store.base import (
    DEFAULT_SORT,
    SORTS,
    EventFilter,
    EventPage,
    IngestOutcome,
    InvalidCursor,
    decode_cursor,
    encode_cursor,
    parse_bbox,
    search_words,
    text_hash,
)
from eventwire.store.rows import REPORT_COLUMNS
from eventwire.store.sql import (
    EVENT_COLUMNS,
    MENTION_COLUMNS,
    Block,
    SQLStore,
    event_values,
    grid_cell,
    mention_values,
)

__all__ = ["DEFAULT_DB", "DEFAULT_SORT", "MIGRATIONS", "SORTS", "EventFilter", "EventPage", "IngestOutcome",
           "InvalidCursor", "SQLiteStore", "decode_cursor", "default_db_path", "encode_cursor", "fts_query",
           "grid_cell", "parse_bbox", "text_hash"]

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
    # 4: reports that only mention an earlier incident in passing (merged as mentions, not sources)
    """
    ALTER TABLE mentions ADD COLUMN background INTEGER NOT NULL DEFAULT 0
    """,
    # 5: analysts' corrections, anchored to reports (article and trigger span), kept whatever happens to the
    # articles (no foreign key to them); the review state of each event
    """
    CREATE TABLE corrections (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        kind TEXT NOT NULL,
        anchors TEXT NOT NULL,
        split_group TEXT NOT NULL DEFAULT '[]',
        field TEXT,
        value TEXT,
        before TEXT,
        event_id TEXT,
        author TEXT NOT NULL,
        reason TEXT NOT NULL,
        created_at TEXT NOT NULL
    );
    CREATE TABLE correction_articles (
        correction_id INTEGER NOT NULL REFERENCES corrections (id),
        article_id TEXT NOT NULL,
        PRIMARY KEY (correction_id, article_id)
    );
    CREATE INDEX correction_articles_article ON correction_articles (article_id);
    ALTER TABLE events ADD COLUMN review TEXT;
    CREATE INDEX events_review ON events (review)
    """,
)

def fts_query(text: str) -> str | None:
    """A user's search words as an FTS5 query: every word must occur (as a stem); operators are not exposed."""
    words = search_words(text)
    return " ".join(f'"{w}"' for w in words) or None


class SQLiteStore(SQLStore):
    """The default store. Safe to open from several processes (WAL); writes are serialized by SQLite."""

    def __init__(self, path: str | Path = DEFAULT_DB) -> None:
        self.path = Path(path)
        if self.path.parent and not self.path.parent.exists():
            self.path.parent.mkdir(parents=True, exist_ok=True)
        self.conn: sqlite3.Connection = sqlite3.connect(self.path, timeout=30.0, isolation_level=None)
        self.conn.execute("PRAGMA journal_mode=WAL")
        self.conn.execute("PRAGMA foreign_keys=ON")
        self.conn.execute("PRAGMA synchronous=NORMAL")
        # REPLACE fires the delete triggers (which keep the full-text index in step) only with this on
        self.conn.execute("PRAGMA recursive_triggers=ON")
        self._migrate()

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

    # -- the statements of this dialect ---------------------------------------------------------------
    def _begin(self) -> None:
        self.conn.execute("BEGIN IMMEDIATE")

    def _insert_article(self, article: Article, digest: str) -> None:
        self.conn.execute(
            "INSERT INTO articles VALUES (?,?,?,?,?,?,?,?,?)",
            (article.id, digest, article.text, article.published.isoformat() if article.published else None,
             article.url, article.title, article.source, article.origin,
             dt.datetime.now(dt.UTC).isoformat(timespec="seconds")),
        )

    def _insert_mention(self, report: Report) -> None:
        self.conn.execute(f"INSERT OR REPLACE INTO mentions ({MENTION_COLUMNS}) "
                          f"VALUES ({','.join('?' * len(MENTION_COLUMNS.split(', ')))})", mention_values(report))

    def _put_event(self, event_id: str, record: dict[str, Any]) -> None:
        self.conn.execute(f"INSERT OR REPLACE INTO events (id, {', '.join(EVENT_COLUMNS)}, record) "
                          f"VALUES ({','.join('?' * (len(EVENT_COLUMNS) + 2))})",
                          event_values(event_id, record))

    def _link(self, event_id: str, article_id: str) -> None:
        self.conn.execute("INSERT OR IGNORE INTO event_sources VALUES (?, ?)", (event_id, article_id))

    def _candidate_rows(self, report: Report, block: Block) -> list[Any]:
        """Two index range scans: (family, country_code, event_date) and, for points across a border,
        (family, cell, event_date) over the grid cells of the box."""
        columns = f"{REPORT_COLUMNS}, component"
        rows = self.conn.execute(
            f"SELECT {columns} FROM mentions WHERE family = ? AND country_code = ? AND event_date BETWEEN ? AND ? "
            "AND article_id != ?", (block.family, block.country_code, block.first, block.last, report.article_id),
        ).fetchall()
        if block.cross_border:  # points within 50 km in other countries (near the poles: skipped)
            south, north, west, east = block.box
            rows += self.conn.execute(
                f"SELECT {columns} FROM mentions WHERE family = ? AND cell IN ({','.join('?' * len(block.cells))}) "
                "AND event_date BETWEEN ? AND ? AND article_id != ? AND country_code != ? "
                "AND latitude BETWEEN ? AND ? AND longitude BETWEEN ? AND ?",
                (block.family, *block.cells, block.first, block.last, report.article_id, block.country_code,
                 south, north, west, east)).fetchall()
        return rows

    # -- reading: what differs from the shared queries ------------------------------------------------
    def _equal_nocase(self, column: str) -> str:
        return f"{column} = ? COLLATE NOCASE"  # ASCII case folding; the indexes of migration 3

    def _text_search(self, words: list[str]) -> tuple[str, list[Any]]:
        return "events.rowid IN (SELECT rowid FROM events_fts WHERE events_fts MATCH ?)", [fts_query(" ".join(words))]


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


def default_db_path() -> Path:
    """$EVENTWIRE_DB, else ./eventwire.db."""
    return Path(os.environ.get("EVENTWIRE_DB", DEFAULT_DB))
