"""Coverage-guided fuzzing of the ingest path with atheris: bytes -> file -> readers -> extraction -> SQLite store.

    pip install atheris
    python fuzz/fuzz_ingest.py -max_total_time=3600 -rss_limit_mb=4096 fuzz/corpus/   # one hour
    python fuzz/fuzz_ingest.py --readers-only -max_total_time=600                      # the readers alone

A finding is any exception escaping the ingest path (readers must turn bad input into ReadError records, the
extractor and the store must accept whatever the readers give), or a store that does not hold exactly the articles
the readers gave after saving them. The first byte of an input picks the file type."""

from __future__ import annotations

import datetime as dt
import sys
import tempfile
from pathlib import Path

import atheris

with atheris.instrument_imports():
    import eventwire.pipeline.stages  # noqa: F401  (instrumented: coverage guides the fuzzer into every registered stage)
    from eventwire.ingest.readers import ReadError, read_articles
    from eventwire.model import Article
    from eventwire.store.sqlite import SQLiteStore

SUFFIXES = (".txt", ".jsonl", ".csv")
READERS_ONLY = "--readers-only" in sys.argv
if READERS_ONLY:
    sys.argv.remove("--readers-only")

_WORK = Path(tempfile.mkdtemp(prefix="ew-fuzz-"))
_EXTRACTOR = None
if not READERS_ONLY:
    from eventwire.services import get_extractor

    _EXTRACTOR = get_extractor()


def one_input(data: bytes) -> None:
    if not data:
        return
    path = _WORK / f"input{SUFFIXES[data[0] % len(SUFFIXES)]}"
    path.write_bytes(data[1:])
    items = list(read_articles([path], published=dt.date(2024, 1, 1)))
    articles = [i for i in items if isinstance(i, Article)]
    assert all(isinstance(i, (Article, ReadError)) for i in items)
    if _EXTRACTOR is None or not articles:
        return
    store_path = _WORK / "fuzz.db"
    store_path.unlink(missing_ok=True)
    with SQLiteStore(store_path) as store:
        ids = set()
        for article, events in _EXTRACTOR.extract_many(articles):
            outcome = store.save_article(article, events)
            if outcome.status == "stored":
                ids.add(article.id)
        assert store.counts()["articles"] == len(ids), (store.counts(), ids)


def main() -> None:
    atheris.Setup(sys.argv, one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
