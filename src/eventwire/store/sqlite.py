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
from pathlib import Path
from typing import Any

from eventwire.merge import Report
from eventwire.model import Article
from eventwire.store.base import EventFilter, IngestOutcome, text_hash
from eventwire.store.sql import (
    EVENT_COLUMNS,
    MENTION_COLUMNS,
    REPORT_COLUMNS,
    Block,
    SQLStore,
    event_values,
    grid_cell,
    mention_values,
)

__all__ = ["DEFAULT_DB", "MIGRATIONS", "EventFilter", "IngestOutcome", "SQLiteStore", "default_db_path", "grid_cell",
           "text_hash"]

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
)


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
        self._migrate()

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
        self.conn.execute(f"INSERT OR REPLACE INTO mentions ({MENTION_COLUMNS}) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                          mention_values(report))

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


def default_db_path() -> Path:
    """$EVENTWIRE_DB, else ./eventwire.db."""
    return Path(os.environ.get("EVENTWIRE_DB", DEFAULT_DB))
