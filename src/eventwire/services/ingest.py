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
from eventwire.store import open_store, text_hash

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
    kept: int = 0  # articles of a stored id with another text, left as stored (on_existing "skip")
    failures: list[str] = field(default_factory=list)
    replaced: list[str] = field(default_factory=list)  # what each update changed: the old text's hash, the events
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
            "merged": self.merged, "kept": self.kept, "replaced": self.replaced, "failures": self.failures,
            "seconds": round(self.seconds, 2),
            "articles_per_second": round(self.articles_per_second, 2), "engine": self.engine,
            "workers": self.workers, "startup_seconds": round(self.startup_seconds, 2),
        }


ON_EXISTING = ("update", "skip", "error")  # what a new text under a stored article's id (or URL) does


def default_workers() -> int:
    """The number of cores this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not on Linux
        return max(1, os.cpu_count() or 1)


def ingest_paths(paths: list[Path], db: str | Path, published: dt.date | None = None,
                 on_article: Callable[[], None] | None = None, *, workers: int = 1, engine: str = "local",
                 scheduler: str | None = None, batch_size: int = 16, max_in_flight: int | None = None,
                 dask_processes: bool = True, on_existing: str = "update") -> IngestSummary:
    """Read, extract and store every article; one transaction per article; already stored texts are skipped
    before the (costly) extraction.

    Extraction runs in this process (`workers` 1), in `workers` worker processes, or on Dask (`engine` "dask",
    a LocalCluster of `workers` processes, or the cluster at `scheduler`); this process stores every article, in
    input order, so the stored result does not depend on the engine. At most `max_in_flight` chunks of
    `batch_size` articles (default: two per worker) are being extracted at a time.

    A new text for a stored article (the same id or URL) replaces it (`on_existing` "update": `replaced` says
    what changed), is left out ("skip": counted in `kept`) or is a failure ("error"). A second record with an id
    already read from this input but another text is a failure: the first one stands."""
    if on_existing not in ON_EXISTING:
        raise ValueError(f"on_existing must be one of {', '.join(ON_EXISTING)}, not {on_existing!r}")
    from eventwire.ingest.parallel import extract_ordered, make_engine

    summary = IngestSummary(engine=engine)
    started = time.perf_counter()
    errors: list[ReadError] = []
    with open_store(db) as store:
        seen: dict[str, tuple[str, str]] = {}  # id -> (where it was read, its text's hash)
        previous: dict[str, tuple[str, str, int]] = {}  # id -> the stored version an update replaces

        def fail(message: str) -> None:
            summary.failures.append(message)
            log.error("%s", message)

        def settled(article: Article) -> bool:
            """Count an article that needs no extraction (a repeat, a known text, a stored id kept or refused) and
            return True; False for one to extract."""
            where = article.origin or article.id
            digest = text_hash(article.text)
            first = seen.setdefault(article.id, (where, digest))
            if first != (where, digest):
                if first[1] == digest:
                    summary.duplicates += 1
                else:
                    fail(f"{where}: id {article.id!r} was already read from {first[0]} with another text; this "
                         "record is skipped (ids must be unique in an input)")
                return True
            status = store.known(article)
            if status is not None:
                if status == "unchanged":
                    summary.unchanged += 1
                else:
                    summary.duplicates += 1
                return True
            stored = store.stored_version(article)
            if stored is None:
                return False
            stored_id, stored_hash, _events = stored
            if on_existing == "skip":
                summary.kept += 1
                log.info("%s: %r is stored with another text (%s); kept as stored", where, stored_id, stored_hash[:12])
                return True
            if on_existing == "error":
                fail(f"{where}: {stored_id!r} is stored with another text ({stored_hash[:12]}); not replaced "
                     "(--on-existing error)")
                return True
            previous[article.id] = stored
            return False

        def fresh() -> Iterator[Article]:
            for article in split_errors(read_articles(paths, published), errors):
                summary.articles += 1
                if not settled(article):
                    yield article
                elif on_article:
                    on_article()

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
                    fail(f"{article.origin or article.id}: {failure}")
                    if on_article:
                        on_article()
                    continue
                _save(store, article, events, summary, previous.pop(article.id, None))
                if on_article:
                    on_article()
        finally:
            runner.close()
    summary.failures.extend(str(e) for e in errors)
    summary.seconds = time.perf_counter() - started
    return summary


def _save(store: Any, article: Article, events: list[Event], summary: IngestSummary,
          replacing: tuple[str, str, int] | None = None) -> None:
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
        if replacing is not None:
            stored_id, stored_hash, old_events = replacing
            note = (f"{article.origin or article.id}: replaced {stored_id!r} (text {stored_hash[:12]} -> "
                    f"{text_hash(article.text)[:12]}): {old_events} event(s) removed, {len(events)} extracted")
            summary.replaced.append(note)
            log.warning("%s", note)
    elif outcome.status == "unchanged":
        summary.unchanged += 1
    else:
        summary.duplicates += 1
    summary.events += outcome.events
    summary.merged += outcome.merged


