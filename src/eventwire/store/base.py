"""What every store offers: the `Store` protocol the services and the CLI use, and the values it exchanges."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, Protocol, Self

from eventwire.model import Article, Event


class StoreUnavailable(RuntimeError):
    """The store cannot be opened: the database cannot be reached, or its driver is not installed."""


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
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    country: str | None = None
    event_type: str | None = None
    sub_event_type: str | None = None
    actor: str | None = None
    min_fatalities: int | None = None
    limit: int | None = None


class Store(Protocol):
    """An event store: one transaction per article, idempotent re-ingest, events merged across articles.

    Rules every backend keeps: the same text under the same id is "unchanged"; the same text (whitespace aside)
    under another id is a "duplicate-text" and is not stored; a new text under a stored id or URL is "updated" and
    replaces that article's reports."""

    def known(self, article: Article) -> str | None:
        """"unchanged" or "duplicate-text" when ingesting `article` would change nothing, else None."""
        ...

    def save_article(self, article: Article, events: list[Event]) -> IngestOutcome: ...

    def events(self, flt: EventFilter | None = None) -> Iterator[dict[str, Any]]:
        """Stored events as JSON-contract dicts (with sources), newest first."""
        ...

    def event(self, event_id: str) -> dict[str, Any] | None:
        """One event by its id or by the id of one of its per-article reports."""
        ...

    def reports(self, event_id: str) -> list[dict[str, Any]]:
        """The per-article reports merged into an event, earliest first."""
        ...

    def article(self, article_id: str) -> dict[str, Any] | None: ...

    def counts(self) -> dict[str, int]: ...

    def close(self) -> None: ...

    def __enter__(self) -> Self: ...

    def __exit__(self, *exc: object) -> None: ...
