"""Tests for eventwire.ingest.parallel and parallel ingest: worker processes and Dask store exactly what the
single-process path stores; at most a bounded number of chunks is in flight; failures are reported per article."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from eventwire import services
from eventwire.ingest.parallel import InProcessEngine, chunked, extract_chunk, extract_ordered, make_engine
from eventwire.model import Article, Event
from eventwire.pipeline import runner
from eventwire.store import open_store

TEXTS = [
    "Gunmen killed three villagers near Maiduguri on Monday, police said.",
    "Protesters gathered in Baghdad on Tuesday to demand jobs; police dispersed them with tear gas.",
    "Two rockets hit the Ain al-Asad air base in Anbar on Wednesday, injuring two soldiers.",
    "An airstrike on a market in Idlib killed at least 12 civilians on Thursday, rescuers said.",
    "Security forces clashed with militants in Kandahar province on Friday; five fighters were killed.",
    "Police arrested 20 demonstrators in Nairobi on Saturday after a march against tax rises.",
    "A roadside bomb struck an army convoy near Gao on Sunday, killing four soldiers.",
]


def _corpus(tmp_path: Path) -> Path:
    path = tmp_path / "corpus.jsonl"
    lines = [json.dumps({"id": f"a{i}", "published": "2023-03-20", "text": text}) for i, text in enumerate(TEXTS)]
    lines.append(json.dumps({"id": "copy", "published": "2023-03-20", "text": TEXTS[0]}))  # a duplicate text
    lines.append("{not json")  # a bad record
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _stored(db: Path) -> tuple[list[dict[str, Any]], dict[str, int]]:
    with open_store(db) as store:
        return sorted(store.events(), key=lambda e: str(e["id"])), store.counts()


@pytest.fixture(scope="module")
def reference(tmp_path_factory: pytest.TempPathFactory, extractor: Any) -> tuple[Path, Any, Any]:
    """The corpus ingested by the single-process path."""
    tmp = tmp_path_factory.mktemp("reference")
    corpus = _corpus(tmp)
    summary = services.ingest_paths([corpus], tmp / "one.db", workers=1, batch_size=2)
    assert summary.workers == 1 and summary.engine == "local"
    return corpus, summary, _stored(tmp / "one.db")


def test_reference_run_reads_every_record(reference: Any) -> None:
    _corpus_path, summary, (events, _counts) = reference
    assert summary.articles == 8
    assert summary.stored == 7 and summary.duplicates == 1
    assert len(summary.failures) == 1 and "invalid JSON" in summary.failures[0]
    assert events


def test_two_worker_processes_store_the_same_events(reference: Any, tmp_path: Path) -> None:
    corpus, one, (events, counts) = reference
    summary = services.ingest_paths([corpus], tmp_path / "two.db", workers=2, batch_size=2)
    assert summary.workers == 2
    assert (summary.stored, summary.duplicates, summary.events, summary.failures) == \
        (one.stored, one.duplicates, one.events, one.failures)
    assert _stored(tmp_path / "two.db") == (events, counts)


def test_dask_local_cluster_stores_the_same_events(reference: Any, tmp_path: Path) -> None:
    pytest.importorskip("dask.distributed")
    corpus, one, (events, counts) = reference
    summary = services.ingest_paths([corpus], tmp_path / "dask.db", engine="dask", workers=1, batch_size=2,
                                    dask_processes=False)
    assert summary.engine == "dask"
    assert (summary.stored, summary.events, summary.failures) == (one.stored, one.events, one.failures)
    assert _stored(tmp_path / "dask.db") == (events, counts)


def test_input_of_one_batch_is_extracted_in_process(reference: Any, tmp_path: Path) -> None:
    corpus, _one, (events, _counts) = reference
    summary = services.ingest_paths([corpus], tmp_path / "small.db", workers=4, batch_size=64)
    assert summary.workers == 1  # no worker processes started for a handful of articles
    assert _stored(tmp_path / "small.db")[0] == events


class _RecordingEngine:
    """Runs chunks at once but only hands results back when asked; fails the chunks it is told to."""

    workers = 2

    def __init__(self, fail: set[str] | None = None) -> None:
        self.outstanding = 0
        self.max_outstanding = 0
        self.fail = fail or set()

    def submit(self, chunk: list[Article]) -> list[Article]:
        self.outstanding += 1
        self.max_outstanding = max(self.max_outstanding, self.outstanding)
        return chunk

    def result(self, future: list[Article]) -> list[tuple[list[Event] | None, str | None]]:
        self.outstanding -= 1
        if any(a.id in self.fail for a in future):
            raise RuntimeError("worker lost")
        return [([], None) for _a in future]

    def close(self) -> None:
        return None


def _articles(n: int, pulled: list[int]) -> Iterator[Article]:
    for i in range(n):
        pulled[0] += 1
        yield Article(id=f"x{i}", text=f"text {i}", published=None)


def test_in_flight_chunks_are_bounded_and_results_keep_input_order() -> None:
    engine = _RecordingEngine()
    pulled = [0]
    seen: list[str] = []
    for article, events, failure in extract_ordered(engine, _articles(100, pulled), chunk_size=5, max_in_flight=3):
        seen.append(article.id)
        assert events == [] and failure is None
        assert pulled[0] <= len(seen) + 3 * 5  # the reader is never far ahead of the writer
    assert seen == [f"x{i}" for i in range(100)]
    assert engine.max_outstanding == 3


def test_a_failed_chunk_fails_its_articles_only() -> None:
    engine = _RecordingEngine(fail={"x6"})
    results = list(extract_ordered(engine, _articles(12, [0]), chunk_size=5, max_in_flight=2))
    failed = [a.id for a, events, failure in results if events is None]
    assert failed == ["x5", "x6", "x7", "x8", "x9"]
    assert all("worker lost" in str(failure) for _a, events, failure in results if events is None)
    assert len(results) == 12


def test_one_bad_article_does_not_fail_its_chunk(monkeypatch: pytest.MonkeyPatch) -> None:
    class Flaky:
        def extract_many(self, articles: list[Article], batch_size: int = 16) -> Iterator[tuple[Article, list[Event]]]:
            for a in articles:
                yield a, self.extract(a)

        def extract(self, article: Article) -> list[Event]:
            if article.id == "bad":
                raise ValueError("cannot parse")
            return []

    monkeypatch.setattr(runner, "_SHARED", Flaky())  # the process-wide pipeline extract_chunk uses
    chunk = [Article(id=i, text="t", published=None) for i in ("a", "bad", "c")]
    assert extract_chunk(chunk) == [([], None), (None, "extraction failed: ValueError: cannot parse"), ([], None)]


def test_engine_choice() -> None:
    assert isinstance(make_engine("local", 1), InProcessEngine)
    with pytest.raises(ValueError, match="unknown engine"):
        make_engine("spark", 2)
    with pytest.raises(ValueError, match="--engine dask"):
        make_engine("local", 2, scheduler="tcp://127.0.0.1:8786")
    assert [len(c) for c in chunked(iter([Article(id=str(i), text="t", published=None) for i in range(7)]), 3)] \
        == [3, 3, 1]


def test_dask_with_a_scheduler_address_stores_the_same_events(reference: Any, tmp_path: Path) -> None:
    distributed = pytest.importorskip("dask.distributed")
    corpus, _one, (events, counts) = reference
    with distributed.LocalCluster(n_workers=1, threads_per_worker=1, processes=False,
                                  dashboard_address=":0") as cluster:
        summary = services.ingest_paths([corpus], tmp_path / "remote.db", engine="dask", batch_size=3,
                                        scheduler=cluster.scheduler_address)
    assert summary.engine == "dask" and summary.workers == 1
    assert _stored(tmp_path / "remote.db") == (events, counts)
