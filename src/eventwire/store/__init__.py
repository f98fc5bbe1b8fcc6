"""Event stores: SQLite (a file, the default) and PostgreSQL + PostGIS (a `postgresql://` URL).

`open_store(target)` picks the backend; both implement the `Store` protocol with the same rules and merging.
"""

from __future__ import annotations

import os
from pathlib import Path

from eventwire.store.base import (
    DEFAULT_SORT,
    SORTS,
    EventFilter,
    EventPage,
    IngestOutcome,
    InvalidCursor,
    Store,
    StoreUnavailable,
    decode_cursor,
    encode_cursor,
    parse_bbox,
    redact,
    text_hash,
)

__all__ = ["DEFAULT_SORT", "SORTS", "EventFilter", "EventPage", "IngestOutcome", "InvalidCursor", "Store",
           "StoreUnavailable", "decode_cursor", "default_target", "encode_cursor", "is_url", "open_store",
           "parse_bbox", "redact", "text_hash"]

URL_SCHEMES = ("postgresql://", "postgres://")


def is_url(target: str | Path) -> bool:
    """Whether `target` names a PostgreSQL database rather than a SQLite file."""
    return isinstance(target, str) and target.startswith(URL_SCHEMES)


def open_store(target: str | Path) -> Store:
    """A `postgresql://` (or `postgres://`) URL opens a PostgresStore; anything else is a SQLite file path."""
    if is_url(target):
        from eventwire.store.postgres import PostgresStore

        return PostgresStore(str(target))
    from eventwire.store.sqlite import SQLiteStore

    return SQLiteStore(target)


def default_target() -> str:
    """$EVENTWIRE_DB (a path or a postgresql:// URL), else ./eventwire.db."""
    return os.environ.get("EVENTWIRE_DB", "eventwire.db")
