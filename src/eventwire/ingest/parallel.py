"""Extraction on several cores or a Dask cluster, with the store written by one process.

The parent reads articles (streaming), cuts them into chunks and hands each chunk to an engine: in this process
(`InProcessEngine`), to worker processes that each load the model and gazetteer once (`ProcessEngine`), or to a
Dask distributed cluster (`DaskEngine`). At most `max_in_flight` chunks are out at a time, so memory stays bounded
whatever the input size, and results come back in input order, so the parent saves the articles in the order
it read them, one transaction per article, exactly as the single-process path does.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any, Protocol

from eventwire.ingest.lifeline import die_with
from eventwire.model import Article, Event

log = logging.getLogger(__name__)

# Per article of a chunk: its events, or None and why extraction failed.
ChunkResult = list[tuple[list[Event] | None, str | None]]
ENGINES = ("local", "dask")
_THREAD_VARS = ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS")


def extract_chunk(articles: list[Article], batch_size: int = 16) -> ChunkResult:
    """Extract a chunk with this process's extractor (loaded on first use, then reused). One article that
    fails does not fail the others: the chunk is then extracted article by article to find it."""
    from eventwire.pipeline.runner import shared_pipeline as get_extractor

    extractor = get_extractor()
    try:
        return [(events, None) for _article, events in extractor.extract_many(articles, batch_size=batch_size)]
    except Exception:  # retried one by one below
        results: ChunkResult = []
        for article in articles:
            try:
                results.append((extractor.extract(article), None))
            except Exception as exc:  # reported as this article's failure
                results.append((None, f"extraction failed: {type(exc).__name__}: {exc}"))
        return results


def warm_up(parent_pid: int | None = None) -> int:
    """Load the model and the gazetteer in this process (a worker's initializer); returns the process id. With
    `parent_pid`, the worker first arranges to end when that process does (`lifeline.die_with`)."""
    from eventwire.pipeline.runner import shared_pipeline as get_extractor

    if parent_pid is not None:
        die_with(parent_pid)

    get_extractor().extract(Article(id="warm-up", text="Gunmen attacked a village near Kano on Monday.",
                                    published=None))
    return os.getpid()


class Engine(Protocol):
    """Runs `extract_chunk` somewhere and returns a future of its result."""

    workers: int

    def submit(self, chunk: list[Article]) -> Any: ...

    def result(self, future: Any) -> ChunkResult: ...

    def close(self) -> None: ...


class _Done:
    def __init__(self, value: ChunkResult) -> None:
        self.value = value


class InProcessEngine:
    """Extraction in this process, one chunk at a time (the single-worker path)."""

    workers = 1

    def __init__(self, batch_size: int = 16) -> None:
        self.batch_size = batch_size

    def submit(self, chunk: list[Article]) -> _Done:
        return _Done(extract_chunk(chunk, self.batch_size))

    def result(self, future: _Done) -> ChunkResult:
        return future.value

    def close(self) -> None:
        return None


class ProcessEngine:
    """`workers` processes (spawned, so nothing of the parent's state is shared), each loading the model and the
    gazetteer once at start."""

    def __init__(self, workers: int, batch_size: int = 16) -> None:
        self.workers = workers
        self.batch_size = batch_size
        self._pool = self._start()

    def _start(self) -> ProcessPoolExecutor:
        # One math thread per worker: the workers already use every core.
        for var in _THREAD_VARS:
            os.environ.setdefault(var, "1")
        return ProcessPoolExecutor(max_workers=self.workers, mp_context=multiprocessing.get_context("spawn"),
                                   initializer=warm_up, initargs=(os.getpid(),))

    def submit(self, chunk: list[Article]) -> Future[ChunkResult]:
        try:
            return self._pool.submit(extract_chunk, chunk, self.batch_size)
        except BrokenProcessPool:
            log.error("a worker process died; starting new workers")
            self._pool.shutdown(wait=False, cancel_futures=True)
            self._pool = self._start()
            return self._pool.submit(extract_chunk, chunk, self.batch_size)

    def result(self, future: Future[ChunkResult]) -> ChunkResult:
        return future.result()

    def pids(self) -> list[int]:
        return [p.pid for p in getattr(self._pool, "_processes", {}).values() if p.pid is not None]

    def close(self) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)


class DaskEngine:
    """Chunks as tasks on Dask distributed: a LocalCluster of `workers` single-threaded worker processes, or the
    cluster whose scheduler is at `scheduler` (its workers need eventwire installed and a gazetteer, which each
    builds on first use). A worker process loads the model once and keeps it for every later task."""

    def __init__(self, workers: int, batch_size: int = 16, scheduler: str | None = None,
                 processes: bool = True) -> None:
        try:
            import dask.distributed
        except ImportError as exc:  # pragma: no cover - dask is a dependency
            raise RuntimeError("the dask engine needs Dask: pip install 'eventwire[dask]' "
                               f"(or use the default --engine local) ({exc})") from exc
        distributed: Any = dask.distributed  # untyped library
        self.batch_size = batch_size
        self._cluster: Any = None
        if not log.isEnabledFor(logging.DEBUG):
            logging.getLogger("distributed").setLevel(logging.WARNING)  # its INFO chatter is not ours to show
        if scheduler:
            self._client: Any = distributed.Client(scheduler)
        else:
            if processes:
                for var in _THREAD_VARS:
                    os.environ.setdefault(var, "1")
            self._cluster = distributed.LocalCluster(n_workers=workers, threads_per_worker=1, processes=processes,
                                         dashboard_address=":0", silence_logs=logging.ERROR)
            self._client = distributed.Client(self._cluster)
            # the cluster's worker processes (children of this one: the nannies run in it) end with it
            self._client.run(die_with, os.getpid())
        self.workers = max(1, sum(self._client.nthreads().values()))

    def submit(self, chunk: list[Article]) -> Any:
        return self._client.submit(extract_chunk, chunk, self.batch_size, pure=False)

    def result(self, future: Any) -> ChunkResult:
        value: ChunkResult = future.result()
        future.release()
        return value

    def close(self) -> None:
        self._client.close()
        if self._cluster is not None:
            self._cluster.close()


def make_engine(engine: str = "local", workers: int = 1, batch_size: int = 16, scheduler: str | None = None,
                dask_processes: bool = True) -> Engine:
    if engine == "dask":
        return DaskEngine(workers, batch_size, scheduler, processes=dask_processes)
    if engine != "local":
        raise ValueError(f"unknown engine {engine!r}; choose one of {', '.join(ENGINES)}")
    if scheduler:
        raise ValueError("--scheduler needs --engine dask")
    return InProcessEngine(batch_size) if workers <= 1 else ProcessEngine(workers, batch_size)


def chunked(items: Iterable[Article], size: int) -> Iterator[list[Article]]:
    chunk: list[Article] = []
    for item in items:
        chunk.append(item)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def extract_ordered(engine: Engine, articles: Iterable[Article], chunk_size: int, max_in_flight: int
                    ) -> Iterator[tuple[Article, list[Event] | None, str | None]]:
    """(article, events, failure) for every article, in input order, with at most `max_in_flight` chunks
    submitted and not yet consumed. A chunk whose worker died yields a failure for each of its articles."""
    pending: deque[tuple[list[Article], Any]] = deque()

    def drain_one() -> Iterator[tuple[Article, list[Event] | None, str | None]]:
        chunk, future = pending.popleft()
        try:
            results = engine.result(future)
        except Exception as exc:  # a dead worker fails its chunk, not the run
            reason = f"worker failed: {type(exc).__name__}: {exc}" if str(exc) else \
                f"worker failed: {type(exc).__name__}"
            results = [(None, reason)] * len(chunk)
        for article, (events, failure) in zip(chunk, results, strict=True):
            yield article, events, failure

    for chunk in chunked(articles, chunk_size):
        pending.append((chunk, engine.submit(chunk)))
        while len(pending) >= max(1, max_in_flight):
            yield from drain_one()
    while pending:
        yield from drain_one()
