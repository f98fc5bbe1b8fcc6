"""Within-article grouping: a headline restates an incident of the body; one demonstration is one event."""

from __future__ import annotations

import datetime as dt

from eventwire.model import Article, Event
from eventwire.pipeline import rules
from eventwire.pipeline.runner import Pipeline

PUBLISHED = dt.date(2024, 5, 1)


def _events(extractor: Pipeline, text: str) -> list[Event]:
    return extractor.run(Article(id="t", text=text, published=PUBLISHED)).events


def test_a_headline_of_another_type_joins_the_incident_of_the_body(extractor: Pipeline) -> None:
    text = ("Clashes in Zurmi leave four farmers dead\n\n"
            "Gunmen shot dead four farmers in Zurmi, Zamfara state, on Monday, police said.\n")
    events = _events(extractor, text)
    assert [e.event_type for e in events] == ["Violence against civilians"]
    assert events[0].fatalities == 4
    with rules.disabled(["grouping.display_line_joins"]):
        assert len(_events(extractor, text)) == 2  # the headline's "clashes" alone would be a battle


def test_a_protest_that_turned_violent_is_one_riot(extractor: Pipeline) -> None:
    text = ("Hundreds of traders marched in Kumasi on Monday against the new market levy. "
            "In Kumasi the marchers later burned tyres and threw stones at shops.")
    events = _events(extractor, text)
    assert [(e.event_type, e.sub_event_type) for e in events] == [("Riots", "Violent demonstration")]


def test_police_dispersing_a_march_leave_one_protest_with_intervention(extractor: Pipeline) -> None:
    text = ("Hundreds of traders marched in Kumasi on Monday against the new market levy. "
            "In Kumasi riot police fired tear gas to disperse the crowd.")
    events = _events(extractor, text)
    assert [(e.event_type, e.sub_event_type) for e in events] == [("Protests", "Protest with intervention")]


def test_a_region_and_a_town_inside_it_told_the_same_day_are_one_incident(extractor: Pipeline) -> None:
    text = ("Gunmen killed six traders in Kaduna state on Monday. "
            "The gunmen struck the market in Zaria at dawn on Monday.")
    events = _events(extractor, text)
    assert len(events) == 1
    assert events[0].place is not None and events[0].place.name == "Zaria"  # the more specific place
    assert events[0].fatalities == 6


def test_the_headline_of_another_story_after_the_body_is_no_incident(extractor: Pipeline) -> None:
    text = ("Gunmen shot dead four farmers in Zurmi, Zamfara state, on Tuesday, police said.\n"
            "Residents buried the dead on Wednesday.\n"
            "More from this region\n"
            "Bandits kill nine in raid on Kaduna market\n")
    teaser = range(text.index("Bandits"), len(text))

    def told_on_the_teaser() -> bool:
        ctx = extractor.run(Article(id="t", text=text, published=PUBLISHED))
        return any(t.start in teaser for d in ctx.merged for t in (d.trigger, *d.absorbed))

    assert [e.fatalities for e in _events(extractor, text)] == [4]
    assert not told_on_the_teaser()
    with rules.disabled(["grouping.trailing_teaser"]):
        assert told_on_the_teaser()  # it joined the incident of Zurmi
