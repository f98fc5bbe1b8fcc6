"""Where something or someone came from is not where the incident happened."""

from __future__ import annotations

import datetime as dt

from eventwire.model import Article
from eventwire.pipeline.runner import Pipeline

PUBLISHED = dt.date(2024, 5, 1)


def test_a_sentence_whose_only_place_is_an_origin_gives_no_place_of_its_own(extractor: Pipeline) -> None:
    text = "Sirens sounded across Haifa on Monday. Five rockets were launched from Lebanon, and two were intercepted."
    events = extractor.run(Article(id="t", text=text, published=PUBLISHED)).events
    assert [e.place.name if e.place else None for e in events] == ["Haifa"]  # the paragraph's place, not Lebanon


def test_the_place_hit_wins_over_the_place_fired_from(extractor: Pipeline) -> None:
    text = "Rockets fired from Gaza City hit Sderot on Monday."
    events = extractor.run(Article(id="t", text=text, published=PUBLISHED)).events
    assert [e.place.name if e.place else None for e in events] == ["Sderot"]
