"""`Pipeline`: article in, events out - the registered stages run in order over one article's context."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterable, Iterator, Sequence

from spacy.language import Language
from spacy.tokens import Doc

from eventwire.gazetteer.index import Gazetteer, open_gazetteer
from eventwire.model import Article, Event, Place
from eventwire.pipeline import rules
from eventwire.pipeline.context import ArticleContext
from eventwire.pipeline.nlp import load_nlp
from eventwire.pipeline.places import resolve, to_place
from eventwire.pipeline.stage import Stage
from eventwire.pipeline.stages import STAGES, demonym_countries
from eventwire.pipeline.toponyms import Toponym, find_toponyms

Timings = dict[str, float]  # stage name -> seconds, summed over the articles run

# The most time the stages may spend on one article (the parse not counted): beyond it the article is reported as
# too complex and skipped, never a hang. Every stage is linear in the text (a 200,000-character run-on sentence
# takes about 6 s on a laptop core), so only a machine far too slow or a stage gone wrong reaches it.
ARTICLE_TIME_BUDGET_S = 120.0


class ArticleTooComplex(RuntimeError):
    """An article the stages could not finish within `ARTICLE_TIME_BUDGET_S` seconds."""


# Articles parsed per `nlp.pipe` call. On news-length texts 32 parses 4-6% faster than 16, and spaCy's own default
# (1,000) 15-20% slower than 32 (benchmarks/bench_startup.py measures the spaCy side with 32 as well).
PARSE_BATCH = 32


class Pipeline:
    """The extraction core. Holds the loaded model and gazetteer; reuse one per process."""

    def __init__(self, gazetteer: Gazetteer | None = None, nlp: Language | None = None,
                 stages: Sequence[Stage] = STAGES) -> None:
        self.gazetteer = gazetteer or open_gazetteer()
        self.nlp = nlp or load_nlp()
        self.stages = tuple(stages)

    # -- public API -------------------------------------------------------------------------------------------
    def extract(self, article: Article) -> list[Event]:
        return self.extract_doc(article, self.nlp(article.text))

    def extract_doc(self, article: Article, doc: Doc) -> list[Event]:
        return self.run(article, doc).events

    def run(self, article: Article, doc: Doc | None = None, *, explain: bool = False,
            timings: Timings | None = None) -> ArticleContext:
        """Every stage over one article (parsed here unless `doc` is given). With `explain`, each mention keeps
        the candidates of each field (`Draft.decisions`); with `timings`, each stage's time is added to it."""
        ctx = ArticleContext(article, self.nlp, self.gazetteer, explain=explain, doc=doc)
        rules.reset()
        begun = time.perf_counter()
        for stage in self.stages:
            started = time.perf_counter()
            if started - begun > ARTICLE_TIME_BUDGET_S:
                raise ArticleTooComplex(f"too complex: {started - begun:.0f} s spent before the {stage.name} stage "
                                        f"(the budget is {ARTICLE_TIME_BUDGET_S:.0f} s per article)")
            stage.run(ctx)
            if timings is not None:
                timings[stage.name] = timings.get(stage.name, 0.0) + time.perf_counter() - started
        return ctx

    def extract_many(self, articles: Iterable[Article], batch_size: int = PARSE_BATCH,
                     on_error: Callable[[Article, Exception], None] | None = None,
                     ) -> Iterator[tuple[Article, list[Event]]]:
        """Stream (article, events) pairs, parsing in batches. With `on_error`, an article whose parsing or
        extraction raises is handed to it and skipped, and the batch goes on; without it the error propagates."""
        buffer: list[Article] = []
        for article in articles:
            buffer.append(article)
            if len(buffer) >= batch_size:
                yield from self._run_batch(buffer, on_error)
                buffer = []
        if buffer:
            yield from self._run_batch(buffer, on_error)

    def _run_batch(self, batch: list[Article], on_error: Callable[[Article, Exception], None] | None,
                   ) -> Iterator[tuple[Article, list[Event]]]:
        docs: list[Doc | None]
        try:
            docs = list(self.nlp.pipe([a.text for a in batch], batch_size=len(batch)))
        except Exception:
            if on_error is None:
                raise
            docs = []
            for article in batch:  # parse one by one to find the article that failed
                try:
                    docs.append(self.nlp(article.text))
                except Exception as exc:
                    on_error(article, exc)
                    docs.append(None)
        for article, doc in zip(batch, docs, strict=True):
            if doc is None:
                continue
            try:
                events = self.extract_doc(article, doc)
            except Exception as exc:
                if on_error is None:
                    raise
                on_error(article, exc)
                continue
            yield article, events

    def places(self, article: Article, doc: Doc | None = None) -> list[tuple[Toponym, Place]]:
        """Resolved place mentions of an article (geoparsing: for evaluation and the API). Unlike event places,
        demonyms count as mentions of their country, and countries and regions are placed at their centres
        (events use the capital of a region, as ACLED does)."""
        doc = doc if doc is not None else self.nlp(article.text)
        rules.reset()
        toponyms = find_toponyms(doc, self.gazetteer, demonyms=True)
        resolved = resolve(toponyms, demonym_countries(doc), article.text)
        return [(r.toponym, to_place(r, centre=True)) for r in resolved]


_SHARED: Pipeline | None = None
_SHARED_LOCK = threading.Lock()


def shared_pipeline() -> Pipeline:
    """The process-wide pipeline (model and gazetteer loaded once), for ingest workers and services."""
    global _SHARED
    with _SHARED_LOCK:
        if _SHARED is None:
            _SHARED = Pipeline()
        return _SHARED
