"""Marks for the calibration: an event first told deep in an article, or as an earlier incident."""

from __future__ import annotations

import datetime as dt

from eventwire.model import Article
from eventwire.pipeline.event_context import DEEP_SENTENCE
from eventwire.pipeline.runner import Pipeline

PUBLISHED = dt.date(2024, 5, 1)
FILLER = "The governor met elders in Kano. " * DEEP_SENTENCE


def _marks(extractor: Pipeline, text: str) -> list[set[str]]:
    events = extractor.run(Article(id="t", text=text, published=PUBLISHED)).events
    return [{r for r in e.evidence["event_type"].rules if r.startswith("confidence.")} for e in events]


def test_an_event_deep_in_the_article_is_marked_and_the_lead_is_not(extractor: Pipeline) -> None:
    assert _marks(extractor, "Gunmen killed two guards near Kano on Monday.") == [set()]
    assert _marks(extractor, FILLER + "Gunmen killed two guards near Kano on Monday.") == \
        [{"confidence.deep_in_article"}]


def test_an_earlier_incident_the_news_follows_is_marked(extractor: Pipeline) -> None:
    marks = _marks(extractor, "Gunmen killed two guards near Kano on Monday. "
                              "A bomb exploded at a market in Maiduguri on 12 April.")
    assert marks == [set(), {"confidence.background_mention"}]
