"""Relations between the events of one article: follows (with the interval), response and retaliation,
counter-attacks, and strikes that are part of one barrage."""

from __future__ import annotations

import datetime as dt
from typing import Any

from eventwire.model import Article, Event


def extract(extractor: Any, text: str, published: dt.date) -> list[Event]:
    return list(extractor.extract(Article(id="r", text=text, published=published)))


def by_date(events: list[Event], day: str) -> Event:
    (event,) = [e for e in events if e.date is not None and e.date.start.isoformat() == day
                and e.event_type == "Explosions/Remote violence"]
    return event


def test_stated_interval_links_the_earlier_strike(extractor: Any) -> None:
    events = extract(extractor, "Insurgents launched rockets at a military airfield in Anbar on Wednesday, only "
                                "nine days after deadly American airstrikes on militia arms stores close to Al-Qaim. "
                                "Four fighters died in the 28 June air strikes.", dt.date(2021, 7, 7))
    rockets, strikes = by_date(events, "2021-07-07"), by_date(events, "2021-06-28")
    (follows,) = [r for r in rockets.relations if r.kind == "follows"]
    assert follows.target == strikes.id and follows.interval_days == 9
    assert "nine days after" in follows.evidence.span.text


def test_retaliation_answers_the_incident_told_before(extractor: Any) -> None:
    events = extract(extractor, "Militants attacked an army post in Mafa on Monday, killing three soldiers. In "
                                "retaliation, the air force bombed militant camps near Dikwa on Tuesday, killing "
                                "ten fighters.", dt.date(2024, 3, 13))
    attack = next(e for e in events if e.fatalities == 3)
    raid = next(e for e in events if e.fatalities == 10)
    assert [(r.kind, r.target) for r in raid.relations] == [("retaliation_for", attack.id)]
    assert not attack.relations


def test_response_to_an_incident_the_article_does_not_report_keeps_its_words(extractor: Any) -> None:
    (strike,) = extract(extractor, "US jets bombed militia depots near Al-Qaim on Sunday, killing four fighters, "
                                   "in response to continuing attacks on American bases.", dt.date(2021, 6, 28))
    (relation,) = strike.relations
    assert relation.kind == "response_to" and relation.target is None
    assert relation.target_text.startswith("continuing attacks on American bases")


def test_strikes_of_one_barrage_are_part_of_it(extractor: Any) -> None:
    events = extract(extractor, "Russian forces launched several missile barrages on cities across Ukraine on "
                                "Monday. A missile hit a power station in Lviv, injuring two workers. Another "
                                "missile struck an apartment block in Odesa, killing three people.",
                     dt.date(2024, 3, 11))
    # The summary is one event with the first strike it names (its place); the strikes told after it are part
    # of it.
    barrage = next(e for e in events if e.evidence["event_type"].span.text == "barrages")
    parts = [e for e in events if any(r.kind == "part_of" and r.target == barrage.id for r in e.relations)]
    assert len(parts) == 1 and parts[0].place is not None and parts[0].place.name == "Odesa"
    assert not barrage.relations


def test_it_follows_names_the_earlier_incident(extractor: Any) -> None:
    events = extract(extractor, "A roadside bomb killed three soldiers on patrol near Kirkuk on Monday. It follows "
                                "an assault on a police checkpoint in Diyala on Friday that killed 11 officers.",
                     dt.date(2022, 1, 25))
    monday = next(e for e in events if e.fatalities == 3)
    friday = next(e for e in events if e.fatalities == 11)
    assert [(r.kind, r.target, r.interval_days) for r in monday.relations] == [("follows", friday.id, 3)]


def test_damage_done_in_an_airstrike_is_the_airstrike(extractor: Any) -> None:
    events = extract(extractor, "Several homes were destroyed in an Israeli airstrike on Khan Younis on Monday.",
                     dt.date(2024, 3, 12))
    assert [e.event_type for e in events] == ["Explosions/Remote violence"]
