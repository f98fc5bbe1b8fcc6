"""Time spent per pipeline stage: the spaCy model, each extraction stage, and the store.

`profile_articles` runs the ordinary extraction on a stream of articles with the stage functions of
`eventwire.pipeline.assemble` wrapped in timers (restored afterwards), so the figures are those of the code that
ingest runs. Stages that call each other are never both timed: each wrapped function is timed inclusively and the
wrapped functions do not nest, so "assembly" (the article's extraction time less the timed stages) is the glue:
drafts, within-article merging and building the events.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from eventwire.model import Article

# stage -> functions of eventwire.pipeline.assemble (module-level names) and Extractor methods that make it up
MODULE_STAGES: dict[str, tuple[str, ...]] = {
    "toponyms": ("find_toponyms",),
    "places": ("resolve", "_demonym_countries", "_main_country"),
    "triggers": ("find_triggers", "sentence_cues", "classify"),
    "dates": ("sentence_dates",),
    "quantities": ("sentence_counts",),
    "merge": ("merge_drafts",),
}
METHOD_STAGES: dict[str, tuple[str, ...]] = {
    "places": ("_place_for",),
    "dates": ("_date_for",),
    "quantities": ("_attach_counts",),
    "context": ("_fill_context",),
    "actors": ("_fill_actors",),
}
STAGE_ORDER = ("spacy", "toponyms", "places", "triggers", "dates", "quantities", "context", "actors", "merge",
               "assembly", "store")


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
            "extraction_to_spacy": round((total - self.seconds.get("spacy", 0.0) - self.seconds.get("store", 0.0))
                                         / max(self.seconds.get("spacy", 0.0), 1e-9), 3),
        }

    def table(self) -> str:
        total = self.total or 1.0
        lines = [f"{'stage':12} {'seconds':>9} {'share':>7} {'ms/article':>11}"]
        for name in STAGE_ORDER:
            sec = self.seconds.get(name, 0.0)
            lines.append(f"{name:12} {sec:9.3f} {100 * sec / total:6.1f}% {1000 * sec / max(1, self.articles):11.2f}")
        lines.append(f"{'total':12} {self.total:9.3f} {100.0:6.1f}% {1000 * self.total / max(1, self.articles):11.2f}")
        lines.append(f"{self.articles} articles, {self.events} events, {self.wall:.2f} s wall")
        return "\n".join(lines)


def _timed(func: Callable[..., Any], stage: str, profile: StageProfile) -> Callable[..., Any]:
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        start = time.perf_counter()
        try:
            return func(*args, **kwargs)
        finally:
            profile.add(stage, time.perf_counter() - start)

    return wrapper


@contextlib.contextmanager
def stage_timers(extractor: Any, profile: StageProfile) -> Iterator[None]:
    """Wrap the stage functions used by `extractor` in timers for the duration of the block."""
    from eventwire.pipeline import assemble

    saved: list[tuple[Any, str, Any]] = []
    try:
        for stage, names in MODULE_STAGES.items():
            for name in names:
                original = getattr(assemble, name)
                saved.append((assemble, name, original))
                setattr(assemble, name, _timed(original, stage, profile))
        for stage, names in METHOD_STAGES.items():
            for name in names:
                bound = getattr(extractor, name)
                saved.append((extractor, name, None))
                setattr(extractor, name, _timed(bound, stage, profile))
        yield
    finally:
        for owner, name, original in reversed(saved):
            if original is None:
                delattr(owner, name)  # the instance attribute shadowed the class's method
            else:
                setattr(owner, name, original)


def profile_articles(articles: Iterable[Article], extractor: Any, *, store: Any = None,
                     batch_size: int = 16) -> StageProfile:
    """Extract (and, with a store, save) every article, timing each stage. The spaCy time is the time spent
    in `nlp.pipe` over the same batches that ingest uses."""
    profile = StageProfile()
    started = time.perf_counter()
    with stage_timers(extractor, profile):
        batch: list[Article] = []

        def run(batch: list[Article]) -> None:
            docs = extractor.nlp.pipe([a.text for a in batch], batch_size=len(batch))
            for article in batch:
                t0 = time.perf_counter()
                doc = next(docs)
                t1 = time.perf_counter()
                profile.add("spacy", t1 - t0)
                before = profile.total
                events = extractor.extract_doc(article, doc)
                inner = profile.total - before
                profile.add("assembly", time.perf_counter() - t1 - inner)
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
    from eventwire.services import get_extractor
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
