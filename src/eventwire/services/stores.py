"""Reading the store: pooled connections, queries, exports and the escalation view.

`db` is a SQLite file path or a `postgresql://` URL (see `eventwire.store.open_store`)."""

from __future__ import annotations

import dataclasses
import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from typing import Any, TextIO

from eventwire.export import NEEDS_ARTICLES, WRITERS, attach_articles
from eventwire.store import DEFAULT_SORT, EventFilter, EventPage, Store, StoreUnavailable, is_url, open_store, redact
from eventwire.store.postgres import PostgresStore

__all__ = [
    "MAX_ESCALATION_EVENTS", "StorePool", "close_pools", "escalation_view", "event_stats", "export_events",
    "export_parquet", "get_article", "get_event", "query_events", "query_events_page", "reading", "store_counts",
    "store_pool", "with_articles",
]


class StorePool:
    """Stores of one PostgreSQL database over a `psycopg_pool.ConnectionPool`, so that a read does not pay for a
    new connection (and the migration check) each time. Thread-safe. At most `size` connections are open; a
    borrower waits up to `timeout` seconds for one, then gets `StoreUnavailable`. The pool checks a connection
    before lending it and replaces one that broke; one given back inside a transaction is rolled back first."""

    def __init__(self, target: str, size: int = 8, timeout: float = 30.0) -> None:
        try:
            from psycopg_pool import ConnectionPool
        except ImportError as exc:  # pragma: no cover - depends on the installation
            raise StoreUnavailable("the PostgreSQL store needs psycopg: pip install 'eventwire[postgres]'") from exc
        open_store(target).close()  # migrates once, and says clearly when the database cannot be reached
        self.target = target
        self.size = size
        self.pool = ConnectionPool(target, min_size=1, max_size=size, timeout=timeout, kwargs={"autocommit": True},
                                   check=ConnectionPool.check_connection, name=f"eventwire:{redact(target)}",
                                   open=True)
        self.pool.wait(timeout)  # its first connection is ready: the first borrower does not open a second

    @contextmanager
    def borrow(self) -> Iterator[Store]:
        from psycopg_pool import PoolTimeout

        try:
            conn = self.pool.getconn()
        except PoolTimeout as exc:
            raise StoreUnavailable(f"all {self.size} connections to {redact(self.target)} stayed busy for "
                                   f"{self.pool.timeout:g} s") from exc
        try:
            yield PostgresStore(self.target, connection=conn)
        finally:
            self.pool.putconn(conn)  # rolled back if left inside a transaction; discarded if it broke

    def stats(self) -> dict[str, int]:
        """The pool's counters (`psycopg_pool`'s names: `connections_num` opened in all, `pool_size` open now,
        `pool_available` idle, `connections_lost` found broken, ...)."""
        return dict(self.pool.get_stats())

    def close(self) -> None:
        self.pool.close()


_POOLS: dict[str, StorePool] = {}
_POOLS_LOCK = threading.Lock()


def store_pool(db: str) -> StorePool:
    """The process-wide pool of a PostgreSQL URL."""
    with _POOLS_LOCK:
        pool = _POOLS.get(db)
        if pool is None:
            pool = _POOLS[db] = StorePool(db)
        return pool


def close_pools(db: str | None = None) -> None:
    """Close the pooled stores of `db` (when its server stops), or of every database."""
    with _POOLS_LOCK:
        pools = list(_POOLS.values()) if db is None else [p for p in (_POOLS.get(db),) if p is not None]
        for pool in pools:
            del _POOLS[pool.target]
    for pool in pools:
        pool.close()


@contextmanager
def reading(db: str | Path) -> Iterator[Store]:
    """A store to read from: a pooled one for a PostgreSQL URL, else the SQLite file opened for this call
    (SQLite connections are cheap and bound to their thread)."""
    if is_url(db):
        with store_pool(str(db)).borrow() as store:
            yield store
    else:
        with open_store(db) as store:
            yield store


def query_events(db: str | Path, flt: EventFilter) -> list[dict[str, Any]]:
    with reading(db) as store:
        return list(store.events(flt))


def count_events(db: str | Path, flt: EventFilter) -> int:
    """How many stored events match `flt`."""
    with reading(db) as store:
        return store.count(flt)


def query_events_page(db: str | Path, flt: EventFilter | None = None, *, sort: str = DEFAULT_SORT, limit: int = 100,
                      cursor: str | None = None, with_total: bool = False) -> EventPage:
    """One page of matching events in `sort` order and the cursor of the next (keyset pagination), and, if
    `with_total`, how many events match in all (`EventPage.total`). Raises ValueError for an unknown sort and
    `InvalidCursor` (a ValueError) for a cursor not issued for this sort and these filters."""
    with reading(db) as store:
        page = store.events_page(flt, sort=sort, limit=limit, cursor=cursor)
        return dataclasses.replace(page, total=store.count(flt)) if with_total else page


def with_articles(db: str | Path, records: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """The records with their sources' outlets, titles and evidence sentences (see `attach_articles`)."""
    with reading(db) as store:
        return list(attach_articles(records, store.source_articles))


def event_stats(db: str | Path, flt: EventFilter | None = None) -> dict[str, Any]:
    """Counts of the matching events by day, event type, country and admin1 (see `Store.stats`)."""
    with reading(db) as store:
        return store.stats(flt)


def get_article(db: str | Path, article_id: str) -> dict[str, Any] | None:
    """One stored article with its text, or None."""
    with reading(db) as store:
        return store.article(article_id)


def store_counts(db: str | Path) -> dict[str, int]:
    with reading(db) as store:
        return store.counts()


def get_event(db: str | Path, event_id: str) -> tuple[dict[str, Any], list[dict[str, Any]]] | None:
    """One stored event (by its id or one of its reports' ids) with the per-article reports merged into it."""
    with reading(db) as store:
        event = store.event(event_id)
        if event is None:
            return None
        return event, store.reports(str(event["id"]))


def export_parquet(db: str | Path, path: Path, flt: EventFilter | None = None) -> int:
    from eventwire.export import write_parquet

    with open_store(db) as store:
        return write_parquet(store.events(flt), str(path))


def export_events(db: str | Path, fmt: str, out: TextIO, flt: EventFilter | None = None) -> int:
    """Write the matching events in `fmt` (see `eventwire.export.WRITERS`); CSV and PLOVER quote the stored
    articles (outlets, evidence sentences)."""
    if fmt not in WRITERS:
        raise ValueError(f"unknown export format {fmt!r}; choose one of {', '.join(sorted(WRITERS))}")
    with open_store(db) as store:
        records = store.events(flt)
        if fmt in NEEDS_ARTICLES:
            records = attach_articles(records, store.source_articles)
        return WRITERS[fmt](records, out)


# The escalation view reads at most this many events, the newest first: 10,000 take about half a second on a
# laptop core (50,000 took 2.5 s), and a view of more is narrowed by its filters (`truncated` and `limit` say so).
MAX_ESCALATION_EVENTS = 10_000


def escalation_view(db: str | Path, flt: EventFilter | None = None, actors: tuple[str, str] | None = None,
                    ) -> dict[str, Any]:
    """The escalation view (see `eventwire.escalation`) of the events matching `flt`, between two actors when
    given. At most MAX_ESCALATION_EVENTS events (newest first) are read; `truncated` says so."""
    from eventwire.escalation import Sides, escalation

    base = flt or EventFilter()
    with open_store(db) as store:
        records = list(store.events(replace(base, limit=MAX_ESCALATION_EVENTS + 1)))
    truncated = len(records) > MAX_ESCALATION_EVENTS
    view = escalation(records[:MAX_ESCALATION_EVENTS], Sides(*actors) if actors else None)
    view["truncated"] = truncated
    view["limit"] = MAX_ESCALATION_EVENTS
    return view
