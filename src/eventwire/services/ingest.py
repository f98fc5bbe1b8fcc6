"""Ingest: read, extract (in this process, worker processes or on Dask) and store articles."""

from __future__ import annotations

import datetime as dt
import itertools
import logging
import os
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from eventwire.ingest.readers import ReadError, read_articles
from eventwire.model import Article, Event
from eventwire.services.extraction import split_errors
from eventwire.store import open_store

log = logging.getLogger("eventwire.services")

__all__ = ["IngestSummary", "default_workers", "ingest_paths"]


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


