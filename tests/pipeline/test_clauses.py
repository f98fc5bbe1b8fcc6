"""Clauses that recall another incident ("the town where a boy was shot dead on Tuesday"), what a demonstration
is against, tolls that are part of a total, and one event per listed place."""

from __future__ import annotations

import datetime as dt

from eventwire.model import Article, Event
from eventwire.pipeline import rules
from eventwire.pipeline.clauses import grievance_clauses, where_clauses
from eventwire.pipeline.lexicon import words
from eventwire.pipeline.runner import Pipeline

PUBLISHED = dt.date(2024, 5, 3)  # a Friday


def _events(extractor: Pipeline, text: str) -> list[Event]:
    return extractor.run(Article(id="t", text=text, published=PUBLISHED)).events


def test_only_past_where_clauses_recall_an_incident(extractor: Pipeline) -> None:
    recalled = extractor.nlp("Hundreds marched in Kumba, the town where a boy was shot dead on Tuesday.")
    ongoing = extractor.nlp("Hundreds marched in Kumba, where the army is fighting the rebels.")
    [(start, end)] = where_clauses(next(recalled.sents))
    assert recalled.text[start:end].startswith("where a boy was shot dead")
    assert where_clauses(next(ongoing.sents)) == []


def test_the_date_and_toll_of_a_recalled_incident_stay_with_it(extractor: Pipeline) -> None:
    text = "Hundreds of traders marched in Kumba on Thursday, the town where a boy was shot dead on Tuesday."
    [march] = _events(extractor, text)
    assert march.event_type == "Protests"
    assert march.date is not None and march.date.start == dt.date(2024, 5, 2)
    assert march.fatalities == 0
    with rules.disabled(["counts.where_clause_toll"]):
        [march] = _events(extractor, text)
        assert march.fatalities == 1


def test_a_figure_after_including_is_part_of_the_total(extractor: Pipeline) -> None:
    text = "Gunmen killed 12 villagers, including three children, near Kaduna on Wednesday."
    [attack] = _events(extractor, text)
    assert attack.fatalities == 12
    with rules.disabled(["counts.part_of_a_total"]):
        [attack] = _events(extractor, text)
        assert attack.fatalities == 15  # read as different people and added up


def test_each_listed_town_is_an_event_and_the_toll_is_told_once(extractor: Pipeline) -> None:
    text = "Gunmen killed five villagers in Gao and Mopti on Wednesday."
    events = sorted(_events(extractor, text), key=lambda e: e.place.name if e.place else "")
    assert [e.place.name if e.place else None for e in events] == ["Gao", "Mopti"]
    assert sum(e.fatalities for e in events) == 5
    with rules.disabled(["location.each_listed_place"]):
        assert len(_events(extractor, text)) == 1


def _grievances(extractor: Pipeline, text: str) -> list[str]:
    doc = extractor.nlp(text)
    ranges = grievance_clauses(next(doc.sents), words("grievance_preps"), words("demand_lemmas"),
                               words("demand_nouns"))
    return [doc.text[lo:hi] for lo, hi in ranges]


def test_what_a_demonstration_is_against_or_asks_for_is_its_grievance(extractor: Pipeline) -> None:
    assert any(g.startswith("against the arrest") for g in _grievances(
        extractor, "Nurses marched in Accra on Monday against the arrest of their union leader."))
    assert any("release" in g for g in _grievances(
        extractor, "Nurses marched in Accra on Monday, demanding the release of their union leader."))
    assert _grievances(extractor, "Nurses marched in Accra on Monday and burned tyres.") == []


def test_a_grievance_neither_types_a_demonstration_nor_stands_as_an_incident(extractor: Pipeline) -> None:
    [march] = _events(extractor, "Shopkeepers marched in Kisumu on Thursday, demanding the return of looted goods.")
    assert (march.event_type, march.sub_event_type) == ("Protests", "Peaceful protest")
    with rules.disabled(["event_type.grievance_not_doings", "incident.grievance_of_demonstration"]):
        kinds = {e.sub_event_type for e in _events(
            extractor, "Shopkeepers marched in Kisumu on Thursday, demanding the return of looted goods.")}
        assert kinds != {"Peaceful protest"}
