"""The operations the CLI (and later the API) call: extract, ingest, query, export.

`db` is a SQLite file path or a `postgresql://` URL (see `eventwire.store.open_store`)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import itertools
import logging
import os
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, TextIO

from eventwire.export import NEEDS_ARTICLES, WRITERS, attach_articles
from eventwire.ingest.readers import ReadError, read_articles
from eventwire.model import Article, Event
from eventwire.store import DEFAULT_SORT, EventFilter, EventPage, Store, is_url, open_store

log = logging.getLogger(__name__)

_EXTRACTOR: Any = None


def get_extractor() -> Any:
    """The process-wide extractor (model and gazetteer loaded once)."""
    global _EXTRACTOR
    if _EXTRACTOR is None:
        from eventwire.pipeline.runner import Pipeline

        _EXTRACTOR = Pipeline()
    return _EXTRACTOR


def extract_articles(articles: Iterable[Article], failures: list[str] | None = None,
                     ) -> Iterator[tuple[Article, list[Event]]]:
    """(article, events) pairs. With `failures`, an article whose extraction fails is logged, described there
    ("origin: extraction failed: ...") and skipped; the others go on."""
    if failures is None:
        return get_extractor().extract_many(articles)  # type: ignore[no-any-return]

    def failed(article: Article, exc: Exception) -> None:
        message = f"{article.origin or article.id}: extraction failed: {type(exc).__name__}: {exc}"
        log.error("%s", message)
        log.debug("extraction failure", exc_info=exc)
        failures.append(message)

    return get_extractor().extract_many(articles, on_error=failed)  # type: ignore[no-any-return]


def split_errors(items: Iterable[Article | ReadError], errors: list[ReadError]) -> Iterator[Article]:
    for item in items:
        if isinstance(item, ReadError):
            log.error("%s", item)
            errors.append(item)
        else:
            yield item


@dataclass
class IngestSummary:
    articles: int = 0
    stored: int = 0
    unchanged: int = 0
    duplicates: int = 0
    updated: int = 0
    events: int = 0
    merged: int = 0  # events that joined an incident reported by other stored articles
    failures: list[str] = field(default_factory=list)
    seconds: float = 0.0
    engine: str = "local"
    workers: int = 1
    startup_seconds: float = 0.0  # until the first extracted article came back (model loading, first batch)

    @property
    def articles_per_second(self) -> float:
        return self.articles / self.seconds if self.seconds > 0 else 0.0

    def to_json(self) -> dict[str, Any]:
        return {
            "articles": self.articles, "stored": self.stored, "unchanged": self.unchanged,
            "duplicate_texts": self.duplicates, "updated": self.updated, "events": self.events,
            "merged": self.merged, "failures": self.failures, "seconds": round(self.seconds, 2),
            "articles_per_second": round(self.articles_per_second, 2), "engine": self.engine,
            "workers": self.workers, "startup_seconds": round(self.startup_seconds, 2),
        }


def default_workers() -> int:
    """The number of cores this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not on Linux
        return max(1, os.cpu_count() or 1)


def ingest_paths(paths: list[Path], db: str | Path, published: dt.date | None = None,
                 on_article: Callable[[], None] | None = None, *, workers: int = 1, engine: str = "local",
                 scheduler: str | None = None, batch_size: int = 16, max_in_flight: int | None = None,
                 dask_processes: bool = True) -> IngestSummary:
    """Read, extract and store every article; one transaction per article; already stored texts are skipped
    before the (costly) extraction.

    Extraction runs in this process (`workers` 1), in `workers` worker processes, or on Dask (`engine` "dask",
    a LocalCluster of `workers` processes, or the cluster at `scheduler`); this process stores every article, in
    input order, so the stored result does not depend on the engine. At most `max_in_flight` chunks of
    `batch_size` articles (default: two per worker) are being extracted at a time."""
    from eventwire.ingest.parallel import extract_ordered, make_engine

    summary = IngestSummary(engine=engine)
    started = time.perf_counter()
    errors: list[ReadError] = []
    with open_store(db) as store:
        def fresh() -> Iterator[Article]:
            for article in split_errors(read_articles(paths, published), errors):
                summary.articles += 1
                status = store.known(article)
                if status == "unchanged":
                    summary.unchanged += 1
                    if on_article:
                        on_article()
                    continue
                if status == "duplicate-text":
                    summary.duplicates += 1
                    if on_article:
                        on_article()
                    continue
                yield article

        articles = fresh()
        head = list(itertools.islice(articles, batch_size + 1))
        if engine == "local" and len(head) <= batch_size:
            workers = 1  # the whole input is one batch: starting worker processes would cost more than it saves
        runner = make_engine(engine, workers, batch_size, scheduler, dask_processes=dask_processes)
        summary.workers = runner.workers
        in_flight = max_in_flight if max_in_flight is not None else (1 if runner.workers == 1 and engine == "local"
                                                                     else 2 * runner.workers)
        try:
            for article, events, failure in extract_ordered(runner, itertools.chain(head, articles), batch_size,
                                                               in_flight):
                if not summary.startup_seconds:
                    summary.startup_seconds = time.perf_counter() - started
                if events is None:
                    summary.failures.append(f"{article.origin or article.id}: {failure}")
                    log.error("%s: %s", article.origin or article.id, failure)
                    if on_article:
                        on_article()
                    continue
                _save(store, article, events, summary)
                if on_article:
                    on_article()
        finally:
            runner.close()
    summary.failures.extend(str(e) for e in errors)
    summary.seconds = time.perf_counter() - started
    return summary


class StorePool:
    """Open stores of one PostgreSQL database kept for reuse, so that a read does not pay for a new connection
    (and the migration check) each time. Thread-safe; at most `size` idle stores are kept, more are opened when
    needed and closed when given back. A store whose connection broke or was left inside a transaction is closed
    instead of kept."""

    def __init__(self, target: str, size: int = 8) -> None:
        self.target = target
        self.size = size
        self.idle: list[Store] = []
        self.opened = 0  # stores opened in all, for tests and diagnostics
        self.lock = threading.Lock()

    @contextmanager
    def borrow(self) -> Iterator[Store]:
        with self.lock:
            store = self.idle.pop() if self.idle else None
        if store is None:
            store = open_store(self.target)
            with self.lock:
                self.opened += 1
        try:
            yield store
        finally:
            self._give_back(store)

    def _give_back(self, store: Store) -> None:
        if _reusable(store):
            with self.lock:
                if len(self.idle) < self.size:
                    self.idle.append(store)
                    return
        store.close()

    def close(self) -> None:
        with self.lock:
            idle, self.idle = self.idle, []
        for store in idle:
            store.close()


def _reusable(store: Store) -> bool:
    conn = getattr(store, "conn", None)
    if conn is None or getattr(conn, "closed", True):
        return False
    from psycopg.pq import TransactionStatus

    return bool(conn.info.transaction_status == TransactionStatus.IDLE)


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


def _save(store: Any, article: Article, events: list[Event], summary: IngestSummary) -> None:
    try:
        outcome = store.save_article(article, events)
    except Exception as exc:  # one bad article must not stop the batch
        summary.failures.append(f"{article.origin or article.id}: could not store: {exc}")
        log.error("%s: could not store: %s", article.origin or article.id, exc)
        return
    if outcome.status == "stored":
        summary.stored += 1
    elif outcome.status == "updated":
        summary.updated += 1
    elif outcome.status == "unchanged":
        summary.unchanged += 1
    else:
        summary.duplicates += 1
    summary.events += outcome.events
    summary.merged += outcome.merged


def query_events(db: str | Path, flt: EventFilter) -> list[dict[str, Any]]:
    with reading(db) as store:
        return list(store.events(flt))


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


MAX_ESCALATION_EVENTS = 50_000


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
    return view
