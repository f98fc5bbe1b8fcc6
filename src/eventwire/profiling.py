"""Time spent per pipeline stage: each registered stage of the extraction core (`pipeline.stages.STAGES`, the
spaCy parse as `parse`) and the store.

`profile_articles` runs the ordinary extraction on a stream of articles, parsing in the batches ingest uses, and
has the pipeline time each of its stages (`Pipeline.run(timings=...)`), so the figures are those of the code
that ingest runs.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from eventwire.model import Article
from eventwire.pipeline.stages import STAGE_NAMES

STAGE_ORDER = (*STAGE_NAMES, "store")


@dataclass
class StageProfile:
    """Seconds per stage over `articles` articles (and the events they gave)."""

    seconds: dict[str, float] = field(default_factory=lambda: dict.fromkeys(STAGE_ORDER, 0.0))
    articles: int = 0
    events: int = 0
    wall: float = 0.0

    def add(self, stage: str, seconds: float) -> None:
        self.seconds[stage] = self.seconds.get(stage, 0.0) + seconds

    @property
    def total(self) -> float:
        return sum(self.seconds.values())

    def to_json(self) -> dict[str, Any]:
        total = self.total or 1.0
        return {
            "articles": self.articles,
            "events": self.events,
            "wall_seconds": round(self.wall, 3),
            "stages": {
                name: {"seconds": round(sec, 3), "share": round(sec / total, 4),
                       "ms_per_article": round(1000 * sec / max(1, self.articles), 3)}
                for name, sec in self.seconds.items()
            },
            "extraction_to_spacy": round((total - self.seconds.get("parse", 0.0) - self.seconds.get("store", 0.0))
                                         / max(self.seconds.get("parse", 0.0), 1e-9), 3),
        }

    def table(self) -> str:
        total = self.total or 1.0
        lines = [f"{'stage':14} {'seconds':>9} {'share':>7} {'ms/article':>11}"]
        for name in STAGE_ORDER:
            sec = self.seconds.get(name, 0.0)
            lines.append(f"{name:14} {sec:9.3f} {100 * sec / total:6.1f}% {1000 * sec / max(1, self.articles):11.2f}")
        lines.append(f"{'total':14} {self.total:9.3f} {100.0:6.1f}% {1000 * self.total / max(1, self.articles):11.2f}")
        lines.append(f"{self.articles} articles, {self.events} events, {self.wall:.2f} s wall")
        return "\n".join(lines)


def profile_articles(articles: Iterable[Article], extractor: Any, *, store: Any = None,
                     batch_size: int = 16) -> StageProfile:
    """Extract (and, with a store, save) every article, timing each stage. The parse time is the time spent
    in `nlp.pipe` over the same batches that ingest uses."""
    profile = StageProfile()
    started = time.perf_counter()
    batch: list[Article] = []

    def run(batch: list[Article]) -> None:
        docs = extractor.nlp.pipe([a.text for a in batch], batch_size=len(batch))
        for article in batch:
            t0 = time.perf_counter()
            doc = next(docs)
            profile.add("parse", time.perf_counter() - t0)
            events = extractor.run(article, doc, timings=profile.seconds).events
            if store is not None:
                t2 = time.perf_counter()
                store.save_article(article, events)
                profile.add("store", time.perf_counter() - t2)
            profile.articles += 1
            profile.events += len(events)

    for article in articles:
        batch.append(article)
        if len(batch) >= batch_size:
            run(batch)
            batch = []
    if batch:
        run(batch)
    profile.wall = time.perf_counter() - started
    return profile


def profile_paths(paths: list[Path], db: str | Path | None, *, limit: int | None = None,
                  batch_size: int = 16, published: dt.date | None = None) -> StageProfile:
    """Profile the articles read from `paths` (at most `limit`), storing them in `db` (a throwaway SQLite file
    when None). The model and gazetteer are loaded, and one batch extracted, before timing starts."""
    import itertools
    import tempfile

    from eventwire.ingest.readers import read_articles
    from eventwire.pipeline.runner import shared_pipeline as get_extractor
    from eventwire.store import open_store

    extractor = get_extractor()
    extractor.extract(Article(id="warm-up", text="Gunmen attacked a village near Kano on Monday.", published=None))
    articles: Iterable[Article] = (a for a in read_articles(paths, published) if isinstance(a, Article))
    if limit is not None:
        articles = itertools.islice(articles, limit)
    with tempfile.TemporaryDirectory() as tmp:
        target = db if db is not None else Path(tmp) / "profile.db"
        with open_store(target) as store:
            return profile_articles(articles, extractor, store=store, batch_size=batch_size)
