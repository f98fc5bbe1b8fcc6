"""Extraction: the process-wide pipeline, articles in and events out, and what explains them."""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from eventwire.ingest.readers import ReadError, count_records, read_articles
from eventwire.model import Article, Event

if TYPE_CHECKING:
    from eventwire.pipeline.runner import Pipeline

log = logging.getLogger("eventwire.services")

__all__ = ["count_inputs", "extract_articles", "get_extractor", "read_inputs", "split_errors"]


def get_extractor() -> Pipeline:
    """The process-wide pipeline (model and gazetteer loaded once). Imported here, on first use: commands that
    only read the store (export, serve, events ...) then never load spaCy."""
    from eventwire.pipeline.runner import shared_pipeline

    return shared_pipeline()


def extract_articles(articles: Iterable[Article], failures: list[str] | None = None,
                     ) -> Iterator[tuple[Article, list[Event]]]:
    """(article, events) pairs. With `failures`, an article whose extraction fails is logged, described there
    ("origin: extraction failed: ...") and skipped; the others go on."""
    if failures is None:
        return get_extractor().extract_many(articles)

    def failed(article: Article, exc: Exception) -> None:
        message = f"{article.origin or article.id}: extraction failed: {type(exc).__name__}: {exc}"
        log.error("%s", message)
        log.debug("extraction failure", exc_info=exc)
        failures.append(message)

    return get_extractor().extract_many(articles, on_error=failed)


def split_errors(items: Iterable[Article | ReadError], errors: list[ReadError]) -> Iterator[Article]:
    for item in items:
        if isinstance(item, ReadError):
            log.error("%s", item)
            errors.append(item)
        else:
            yield item




def read_inputs(paths: list[Path], published: Any = None) -> Iterator[Article | ReadError]:
    """The articles of txt / jsonl / csv files and folders, and a `ReadError` for each record that cannot be
    read (see `eventwire.ingest.readers`)."""
    return read_articles(paths, published)


def count_inputs(paths: list[Path]) -> int:
    """How many records `read_inputs` will give (for a progress bar's total), without parsing them."""
    return count_records(paths)
