"""The eventwire system as the evaluation runner sees it: a gold document in, JSON-contract events (or place
mentions) out. Kept apart from the scorer so the scorer never imports the pipeline."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from eventwire.evaluation.gold import GoldDoc
from eventwire.model import Article
from eventwire.serialize import event_to_json


def _article(doc: GoldDoc) -> Article:
    return Article(id=doc.id, text=doc.text, published=doc.published, url=doc.url, title=doc.title)


def extract_events(doc: GoldDoc) -> list[Mapping[str, Any]]:
    from eventwire.pipeline.runner import shared_pipeline as get_extractor

    return [event_to_json(e) for e in get_extractor().extract(_article(doc))]


def extract_places(doc: GoldDoc) -> list[Mapping[str, Any]]:
    from eventwire.pipeline.runner import shared_pipeline as get_extractor

    places = get_extractor().places(_article(doc))
    return [
        {"start": topo.start, "end": topo.end, "text": topo.text, "latitude": place.latitude,
         "longitude": place.longitude, "country_code": place.country_code}
        for topo, place in places
    ]
