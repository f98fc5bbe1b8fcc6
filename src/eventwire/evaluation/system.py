"""The eventwire system as the evaluation runner sees it: a gold document in, JSON-contract events (or place
mentions) out. Kept apart from the scorer so the scorer never imports the pipeline."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from eventwire.evaluation.gold import GoldDoc
from eventwire.model import Article
from eventwire.pipeline.context import ArticleContext
from eventwire.serialize import event_to_json


def _article(doc: GoldDoc) -> Article:
    return Article(id=doc.id, text=doc.text, published=doc.published, url=doc.url, title=doc.title)


def extract_events(doc: GoldDoc) -> list[dict[str, Any]]:
    from eventwire.pipeline.runner import shared_pipeline as get_extractor

    return event_records(get_extractor().run(_article(doc)))


def event_records(ctx: ArticleContext, *, with_sources: bool = False) -> list[dict[str, Any]]:
    """The article's events as JSON-contract records, each with `mention_starts`: where the trigger of every
    mention merged into it starts (so the scorer can tell how the mentions were grouped into incidents)."""
    return [{**event_to_json(event, with_sources=with_sources),
             "mention_starts": sorted(t.start for t in (draft.trigger, *draft.absorbed))}
            for event, draft in zip(ctx.events, ctx.merged, strict=True)]


def extract_places(doc: GoldDoc) -> list[Mapping[str, Any]]:
    from eventwire.pipeline.runner import shared_pipeline as get_extractor

    places = get_extractor().places(_article(doc))
    return [
        {"start": topo.start, "end": topo.end, "text": topo.text, "latitude": place.latitude,
         "longitude": place.longitude, "country_code": place.country_code}
        for topo, place in places
    ]
