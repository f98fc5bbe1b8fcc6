"""The watcher's memory across restarts, in one SQLite file: per feed its validators, next poll time and
failures; per entry when it was first seen, what the feed said, the page's validators, the text hash and the
article it became; the alerts sent (rule, event, fingerprint of its figures); webhook deliveries still owed.

Times are wall-clock seconds since the epoch."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

SCHEMA = """
CREATE TABLE IF NOT EXISTS feeds (
    url TEXT PRIMARY KEY,
    etag TEXT,
    last_modified TEXT,
    next_poll REAL NOT NULL DEFAULT 0,
    failures INTEGER NOT NULL DEFAULT 0,
    last_polled REAL,
    last_error TEXT
);
CREATE TABLE IF NOT EXISTS entries (
    url TEXT PRIMARY KEY,
    feed_url TEXT NOT NULL,
    title TEXT,
    first_seen REAL NOT NULL,
    feed_published REAL,
    revision TEXT NOT NULL DEFAULT '',
    status TEXT NOT NULL,          -- pending | done | empty (no article text) | failed (gave up) | disallowed
    failures INTEGER NOT NULL DEFAULT 0,
    next_try REAL NOT NULL DEFAULT 0,
    last_error TEXT,
    etag TEXT,
    last_modified TEXT,
    content_hash TEXT,
    article_id TEXT,
    changed_at REAL                -- when the feed last said the entry changed
);
CREATE INDEX IF NOT EXISTS entries_pending ON entries (status, next_try);
CREATE TABLE IF NOT EXISTS alerts (
    rule TEXT NOT NULL,
    event_id TEXT NOT NULL,
    fingerprint TEXT NOT NULL,
    article_ids TEXT NOT NULL,     -- JSON list
    sent_at REAL NOT NULL,
    PRIMARY KEY (rule, event_id)
);
CREATE TABLE IF NOT EXISTS alert_articles (
    rule TEXT NOT NULL,
    article_id TEXT NOT NULL,
    event_id TEXT NOT NULL,
    PRIMARY KEY (rule, article_id, event_id)
);
CREATE TABLE IF NOT EXISTS outbox (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    sink TEXT NOT NULL,
    payload TEXT NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    next_try REAL NOT NULL DEFAULT 0,
    last_error TEXT
);
"""


@dataclass(frozen=True)
class FeedState:
    url: str
    etag: str | None = None
    last_modified: str | None = None
    next_poll: float = 0.0
    failures: int = 0


@dataclass(frozen=True)
class EntryState:
    url: str
    feed_url: str
    title: str | None
    first_seen: float
    feed_published: float | None
    revision: str
    status: str
    failures: int
    etag: str | None
    last_modified: str | None
    content_hash: str | None
    article_id: str | None
    changed_at: float | None


@dataclass(frozen=True)
class PriorAlert:
    event_id: str
    fingerprint: str
    article_ids: tuple[str, ...]


@dataclass(frozen=True)
class Owed:
    id: int
    sink: str
    payload: dict[str, Any]
    attempts: int


_ENTRY_COLUMNS = ("url, feed_url, title, first_seen, feed_published, revision, status, failures, etag, "
                  "last_modified, content_hash, article_id, changed_at")


class WatchState:
    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        if str(path) != ":memory:":
            self.path.parent.mkdir(parents=True, exist_ok=True)
        self.conn = sqlite3.connect(str(path), isolation_level=None)
        self.conn.execute("PRAGMA journal_mode=WAL")
        self.conn.executescript(SCHEMA)

    def close(self) -> None:
        self.conn.close()

    # -- feeds ----------------------------------------------------------------------------------------
    def feed(self, url: str) -> FeedState:
        row = self.conn.execute("SELECT url, etag, last_modified, next_poll, failures FROM feeds WHERE url = ?",
                                (url,)).fetchone()
        return FeedState(*row) if row else FeedState(url)

    def feed_polled(self, url: str, now: float, next_poll: float, *, etag: str | None,
                    last_modified: str | None) -> None:
        """A successful poll (200 or 304): new validators (kept when the answer gave none), failures reset."""
        self.conn.execute(
            "INSERT INTO feeds (url, etag, last_modified, next_poll, failures, last_polled) VALUES (?, ?, ?, ?, 0, ?) "
            "ON CONFLICT (url) DO UPDATE SET etag = coalesce(excluded.etag, etag), "
            "last_modified = coalesce(excluded.last_modified, last_modified), next_poll = excluded.next_poll, "
            "failures = 0, last_polled = excluded.last_polled, last_error = NULL",
            (url, etag, last_modified, next_poll, now))

    def feed_failed(self, url: str, now: float, error: str, delay_for: Any) -> int:
        """Count a failure; `delay_for(failures)` gives the wait before the next poll. Returns the failures."""
        failures = self.feed(url).failures + 1
        self.conn.execute(
            "INSERT INTO feeds (url, next_poll, failures, last_polled, last_error) VALUES (?, ?, ?, ?, ?) "
            "ON CONFLICT (url) DO UPDATE SET next_poll = excluded.next_poll, failures = excluded.failures, "
            "last_polled = excluded.last_polled, last_error = excluded.last_error",
            (url, now + float(delay_for(failures)), failures, now, error[:500]))
        return failures

    # -- entries --------------------------------------------------------------------------------------
    def entry(self, url: str) -> EntryState | None:
        row = self.conn.execute(f"SELECT {_ENTRY_COLUMNS} FROM entries WHERE url = ?", (url,)).fetchone()
        return EntryState(*row) if row else None

    def see_entry(self, url: str, feed_url: str, title: str | None, published: float | None, revision: str,
                  now: float) -> str | None:
        """Record an entry found in a feed: "new" the first time, "revised" when the feed's revision stamp
        changed since (the page is then fetched again), None when nothing is new. Only the feed that listed the
        entry first revises it (feeds listing one URL give it different stamps)."""
        known = self.entry(url)
        if known is not None and known.feed_url != feed_url:
            return None
        if known is None:
            self.conn.execute(
                "INSERT INTO entries (url, feed_url, title, first_seen, feed_published, revision, status, next_try) "
                "VALUES (?, ?, ?, ?, ?, ?, 'pending', 0)", (url, feed_url, title, now, published, revision))
            return "new"
        if revision and revision != known.revision:
            self.conn.execute("UPDATE entries SET revision = ?, status = 'pending', failures = 0, next_try = 0, "
                              "changed_at = ? WHERE url = ?", (revision, now, url))
            return "revised"
        return None

    def due_entries(self, now: float, limit: int | None = None) -> list[EntryState]:
        sql = (f"SELECT {_ENTRY_COLUMNS} FROM entries WHERE status = 'pending' AND next_try <= ? "
               "ORDER BY first_seen, url")
        args: list[Any] = [now]
        if limit is not None:
            sql += " LIMIT ?"
            args.append(limit)
        return [EntryState(*r) for r in self.conn.execute(sql, args)]

    def entry_done(self, url: str, status: str, *, etag: str | None = None, last_modified: str | None = None,
                   content_hash: str | None = None, article_id: str | None = None) -> None:
        """The page was handled: "done" (ingested, or unchanged) or "empty" (no article text on it)."""
        self.conn.execute(
            "UPDATE entries SET status = ?, failures = 0, next_try = 0, last_error = NULL, "
            "etag = coalesce(?, etag), last_modified = coalesce(?, last_modified), "
            "content_hash = coalesce(?, content_hash), article_id = coalesce(?, article_id) WHERE url = ?",
            (status, etag, last_modified, content_hash, article_id, url))

    def entry_failed(self, url: str, now: float, error: str, delay_for: Any, give_up_after: int | None = None) -> int:
        """Count a failure of the page; `delay_for(failures)` gives the wait before the next try. After
        `give_up_after` failures in a row the entry is "failed": tried again only when its feed revises it."""
        known = self.entry(url)
        failures = (known.failures if known else 0) + 1
        status = "failed" if give_up_after is not None and failures >= give_up_after else "pending"
        self.conn.execute("UPDATE entries SET status = ?, failures = ?, next_try = ?, last_error = ? WHERE url = ?",
                          (status, failures, now + float(delay_for(failures)), error[:500], url))
        return failures

    def counts(self) -> dict[str, int]:
        rows = self.conn.execute("SELECT status, COUNT(*) FROM entries GROUP BY status").fetchall()
        out = {str(s): int(n) for s, n in rows}
        out["alerts"] = int(self.conn.execute("SELECT COUNT(*) FROM alerts").fetchone()[0])
        out["owed"] = int(self.conn.execute("SELECT COUNT(*) FROM outbox").fetchone()[0])
        return out

    def next_due(self) -> float | None:
        """The earliest time a pending page or an owed delivery is due (feeds: see `feed`)."""
        row = self.conn.execute(
            "SELECT min(t) FROM (SELECT min(next_try) AS t FROM entries WHERE status = 'pending' UNION ALL "
            "SELECT min(next_try) FROM outbox)").fetchone()
        return None if row is None or row[0] is None else float(row[0])

    # -- alerts ---------------------------------------------------------------------------------------
    def prior_alerts(self, rule: str, event_id: str, article_ids: Iterable[str]) -> list[PriorAlert]:
        """Alerts of `rule` for this event id, or for events sharing one of its articles (an event's id can
        change when an article is updated or a report merges into it)."""
        wanted = sorted(set(article_ids))
        marks = ",".join("?" * len(wanted)) or "NULL"
        rows = self.conn.execute(
            "SELECT event_id, fingerprint, article_ids FROM alerts WHERE rule = ? AND (event_id = ? OR event_id IN "
            f"(SELECT event_id FROM alert_articles WHERE rule = ? AND article_id IN ({marks}))) ORDER BY sent_at",
            (rule, event_id, rule, *wanted)).fetchall()
        return [PriorAlert(str(e), str(f), tuple(json.loads(a))) for e, f, a in rows]

    def alert_sent(self, rule: str, event_id: str, fingerprint: str, article_ids: Iterable[str], now: float) -> None:
        """Remember that `rule` has alerted on the event with these figures (or knows it has, under an older id)."""
        ids = sorted(set(article_ids))
        self.conn.execute("BEGIN")
        self.conn.execute(
            "INSERT INTO alerts (rule, event_id, fingerprint, article_ids, sent_at) VALUES (?, ?, ?, ?, ?) "
            "ON CONFLICT (rule, event_id) DO UPDATE SET fingerprint = excluded.fingerprint, "
            "article_ids = excluded.article_ids, sent_at = excluded.sent_at",
            (rule, event_id, fingerprint, json.dumps(ids), now))
        self.conn.executemany("INSERT OR IGNORE INTO alert_articles (rule, article_id, event_id) VALUES (?, ?, ?)",
                              [(rule, a, event_id) for a in ids])
        self.conn.execute("COMMIT")

    # -- deliveries still owed --------------------------------------------------------------------------
    def owe(self, sink: str, payload: dict[str, Any], now: float, error: str) -> None:
        self.conn.execute("INSERT INTO outbox (sink, payload, attempts, next_try, last_error) VALUES (?, ?, 1, ?, ?)",
                          (sink, json.dumps(payload, ensure_ascii=False), now, error[:500]))

    def owed(self, now: float) -> list[Owed]:
        rows = self.conn.execute("SELECT id, sink, payload, attempts FROM outbox WHERE next_try <= ? ORDER BY id",
                                 (now,)).fetchall()
        return [Owed(int(i), str(s), json.loads(p), int(a)) for i, s, p, a in rows]

    def paid(self, owed_id: int) -> None:
        self.conn.execute("DELETE FROM outbox WHERE id = ?", (owed_id,))

    def still_owed(self, owed_id: int, next_try: float, error: str) -> None:
        self.conn.execute("UPDATE outbox SET attempts = attempts + 1, next_try = ?, last_error = ? WHERE id = ?",
                          (next_try, error[:500], owed_id))
