"""What every store offers: the `Store` protocol the services and the CLI use, and the values it exchanges."""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import hashlib
import json
import math
import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Protocol, Self

from eventwire.model import Article, Event


class StoreUnavailable(RuntimeError):
    """The store cannot be opened: the database cannot be reached, or its driver is not installed."""


def redact(url: str) -> str:
    """A database URL without its password, for messages."""
    return re.sub(r"(//[^:/@]+):[^@]*@", r"\1:***@", url)


def text_hash(text: str) -> str:
    """The identity of an article's text: whitespace differences do not make a new text."""
    return hashlib.sha256(" ".join(text.split()).encode("utf-8")).hexdigest()


@dataclass(frozen=True, slots=True)
class IngestOutcome:
    article_id: str
    status: str  # "stored" | "unchanged" | "duplicate-text" | "updated"
    events: int
    merged: int = 0  # how many of the article's events joined an incident other articles report too


@dataclass(frozen=True)
class EventFilter:
    """Which stored events to read. Text fields match case-insensitively, `actor` is a substring of
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
    min_confidence: float | None = None  # only events at least this likely to be right (see pipeline/calibration)
    # analysts' review (store/corrections.py): None = every event but the rejected ones; "accepted", "corrected",
    # "conflict", "rejected" or "unreviewed" = only those; "open" = unreviewed or in conflict; "all" = every event
    review: str | None = None


# Sort orders of `Store.events_page`: name -> (column, descending). A missing value sorts before every other
# ('' for dates, -1 for fatalities); ties are broken by id in the same direction, so (key, id) is a strict total
# order. Cursors carry that key (ISO date text or '', an int) and are the same for every backend.
SORTS: dict[str, tuple[str, bool]] = {
    "event_date": ("event_date", False),
    "-event_date": ("event_date", True),
    "fatalities": ("fatalities", False),
    "-fatalities": ("fatalities", True),
}
DEFAULT_SORT = "-event_date"


REVIEW_STATES = ("accepted", "corrected", "conflict", "rejected", "unreviewed", "open", "all")

# The largest integer either store holds (SQLite's and PostgreSQL's bigint): filters and cursors beyond it are refused.
MAX_STORED_INT = 2**63 - 1


class InvalidCursor(ValueError):
    """A pagination cursor that was not issued for this sort order and these filters."""


def filter_scope(flt: EventFilter | None) -> str:
    """A short fingerprint of what a filter selects (its `limit` aside), carried in cursors so that a cursor is
    only accepted with the filters it was issued for. Fields matched case-insensitively are folded, and `q` is
    reduced to its search words, so equivalent spellings of one filter share a scope."""
    flt = flt or EventFilter()
    folded: dict[str, Any] = {}
    for name in ("date_from", "date_to", "country", "admin1", "event_type", "sub_event_type", "actor", "weapon",
                 "min_fatalities", "bbox", "q", "geo_precision", "time_precision", "min_confidence", "review"):
        value = getattr(flt, name)
        if value is None or value == "":
            continue
        if name == "q":
            value = [w.lower() for w in search_words(value)]
        elif isinstance(value, str):
            value = value.lower()
        elif isinstance(value, dt.date):
            value = value.isoformat()
        elif isinstance(value, tuple):
            value = list(value)
        folded[name] = value
    raw = json.dumps(folded, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode("utf-8")
    return hashlib.sha256(raw).hexdigest()[:12]


@dataclass(frozen=True, slots=True)
class EventPage:
    """One page of events, the cursor of the next page (None on the last page) and, when asked for, how many
    events match in all."""

    events: list[dict[str, Any]]
    next_cursor: str | None
    sort: str
    total: int | None = None


def encode_cursor(sort: str, key: Any, event_id: str, flt: EventFilter | None = None) -> str:
    """An opaque token for the position after (key, event_id) in the given sort order of the events `flt`
    selects (see `filter_scope`)."""
    raw = json.dumps([sort, key, event_id, filter_scope(flt)], separators=(",", ":"),
                     ensure_ascii=False).encode("utf-8")
    return base64.urlsafe_b64encode(raw).decode("ascii").rstrip("=")


def decode_cursor(token: str, sort: str, flt: EventFilter | None = None) -> tuple[Any, str]:
    """The (key, event id) of a cursor; InvalidCursor if it is malformed or was issued for another sort order
    or other filters."""
    try:
        raw = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4))
        issued_for, key, event_id, scope = json.loads(raw.decode("utf-8"))
    except (ValueError, TypeError, UnicodeDecodeError, binascii.Error, RecursionError):
        raise InvalidCursor("malformed cursor") from None  # (RecursionError: brackets nested thousands deep)
    if issued_for != sort:
        raise InvalidCursor(f"cursor was issued for sort {issued_for!r}, not {sort!r}")
    if scope != filter_scope(flt):
        raise InvalidCursor("cursor was issued for other filters; start again without a cursor")
    numeric = SORTS[sort][0] == "fatalities"
    if not isinstance(event_id, str) or (isinstance(key, bool) or not isinstance(key, int if numeric else str)):
        raise InvalidCursor("malformed cursor")
    if isinstance(key, int) and not -MAX_STORED_INT <= key <= MAX_STORED_INT:
        raise InvalidCursor("malformed cursor: its key is outside the store's range")
    if isinstance(key, str) and key != "":
        try:
            dt.date.fromisoformat(key)
        except ValueError:
            raise InvalidCursor("malformed cursor") from None
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


def search_words(text: str) -> list[str]:
    """The words of a full-text query (`EventFilter.q`); every one must occur. Operators are not exposed."""
    return re.findall(r"\w+", text)


class Store(Protocol):
    """An event store: one transaction per article, idempotent re-ingest, events merged across articles.

    Rules every backend keeps: the same text under the same id is "unchanged"; the same text (whitespace aside)
    under another id is a "duplicate-text" and is not stored; a new text under a stored id or URL is "updated" and
    replaces that article's reports."""

    def known(self, article: Article) -> str | None:
        """"unchanged" or "duplicate-text" when ingesting `article` would change nothing, else None."""
        ...

    def stored_version(self, article: Article) -> tuple[str, str, int] | None:
        """The stored article `article` would replace with another text: (its id, its text hash, its events)."""
        ...

    def save_article(self, article: Article, events: list[Event]) -> IngestOutcome: ...

    def events(self, flt: EventFilter | None = None) -> Iterator[dict[str, Any]]:
        """Stored events as JSON-contract dicts (with sources), newest first."""
        ...

    def events_page(self, flt: EventFilter | None = None, *, sort: str = DEFAULT_SORT, limit: int = 100,
                    cursor: str | None = None) -> EventPage:
        """One page of matching events in `sort` order (see SORTS) after the position `cursor` names (keyset
        pagination); raises ValueError for an unknown sort or a bad limit, InvalidCursor for a foreign cursor."""
        ...

    def count(self, flt: EventFilter | None = None) -> int:
        """How many stored events match `flt` (its `limit` aside)."""
        ...

    def source_articles(self, article_ids: list[str]) -> dict[str, dict[str, Any]]:
        """Stored articles by id: id, text, published, url, title, source (the outlet) and ingested_at (ISO
        text); ids not stored are left out."""
        ...

    def stats(self, flt: EventFilter | None = None) -> dict[str, Any]:
        """Event and fatality counts of the matching events: in all, and by day, event type, (event type,
        sub-event type), country and (country, admin1)."""
        ...

    def event(self, event_id: str) -> dict[str, Any] | None:
        """One event by its id or by the id of one of its per-article reports."""
        ...

    def reports(self, event_id: str) -> list[dict[str, Any]]:
        """The per-article reports merged into an event, earliest first."""
        ...

    def events_of_article(self, article_id: str) -> list[dict[str, Any]]:
        """The stored events an article is a source of (JSON-contract dicts with sources), by id."""
        ...

    def article(self, article_id: str) -> dict[str, Any] | None: ...

    def correct(self, event_id: str, kind: str, *, author: str, reason: str, fields: Mapping[str, Any] | None = None,
                articles: Sequence[str] = (), other_event_id: str | None = None) -> list[str]:
        """Record and apply an analyst's correction (see store/corrections.py); the ids of the events it leaves."""
        ...

    def corrections(self, event_id: str | None = None) -> list[dict[str, Any]]:
        """The corrections made (of one event, or all), oldest first."""
        ...

    def least_confident(self, flt: EventFilter | None = None, limit: int = 1000) -> list[dict[str, Any]]:
        """The matching events in conflict first, then the least confident, at most `limit`."""
        ...

    def counts(self) -> dict[str, int]: ...

    def close(self) -> None: ...

    def __enter__(self) -> Self: ...

    def __exit__(self, *exc: object) -> None: ...
