"""What this round's rules change in the events themselves: tolls, types, dates and actors read from whole
sentences and paragraphs (each rule's own examples are checked in test_rule_catalogue.py)."""

from __future__ import annotations

import datetime as dt

from eventwire.model import Article, Event
from eventwire.pipeline import rules
from eventwire.pipeline.runner import Pipeline

PUBLISHED = dt.date(2024, 5, 1)


def _events(extractor: Pipeline, text: str) -> list[Event]:
    return extractor.run(Article(id="t", text=text, published=PUBLISHED)).events


def test_a_singular_victim_beside_a_counted_group_adds_one(extractor: Pipeline) -> None:
    text = "A policeman and five suspected bandits were killed in a gunfight near Gusau on Monday."
    assert [e.fatalities for e in _events(extractor, text)] == [6]
    with rules.disabled(["counts.singular_beside_number"]):
        assert [e.fatalities for e in _events(extractor, text)] == [5]


def test_beaten_to_death_is_one_killed(extractor: Pipeline) -> None:
    text = "Villagers in Kakamega beat a suspected cattle thief to death on Sunday."
    events = _events(extractor, text)
    assert [e.fatalities for e in events] == [1]
    assert [e.sub_event_type for e in events] == ["Mob violence"]


def test_an_incident_first_named_with_the_is_kept_when_it_gives_its_toll(extractor: Pipeline) -> None:
    text = "The ambush killed four soldiers near Djibo on Saturday, the army said."
    events = _events(extractor, text)
    assert [(e.event_type, e.fatalities) for e in events] == [("Battles", 4)]
    with rules.disabled(["grouping.definite_subject_of_toll_stands"]):
        assert _events(extractor, text) == []


def test_a_town_and_its_district_tell_one_incident(extractor: Pipeline) -> None:
    text = ("Troops fought communist rebels in Cotabato province on Sunday, officials said.\n\n"
            "A gunfight broke out near Kabacan town on Sunday and lasted two hours.")
    assert [e.place.name for e in _events(extractor, text) if e.place] == ["Kabacan"]
    with rules.disabled(["grouping.district_holds_place"]):
        assert len(_events(extractor, text)) == 2


def test_a_scene_setting_sentence_dates_the_incident_told_after_it(extractor: Pipeline) -> None:
    text = ("On 12 April 2024, in Contagem, Minas Gerais, armed men robbed a bank. "
            "During the robbery the men opened fire on a military police patrol.")
    events = _events(extractor, text)
    assert [str(e.date.start) for e in events] == ["2024-04-12"]


def test_stones_thrown_without_a_demonstration_are_mob_violence(extractor: Pipeline) -> None:
    mob = "Residents of Kisii pelted two police officers with stones on Monday."
    demo = "Residents of Kisii blocked the highway on Monday and pelted police officers with stones."
    assert [e.sub_event_type for e in _events(extractor, mob)] == ["Mob violence"]
    assert [e.sub_event_type for e in _events(extractor, demo)] == ["Violent demonstration"]


def test_police_breaking_up_a_protest_later_in_the_paragraph_is_intervention(extractor: Pipeline) -> None:
    text = ("About 80 teachers marched to the education office in Mzuzu on Tuesday to demand unpaid allowances. "
            "The police intervened and removed them from the compound.")
    assert [e.sub_event_type for e in _events(extractor, text)] == ["Protest with intervention"]


def test_fire_in_both_directions_is_a_clash(extractor: Pipeline) -> None:
    text = "On 3 May 2024, monitors counted 14 explosions in both directions of the front line near Horlivka."
    assert [(e.event_type, e.sub_event_type) for e in _events(extractor, text)] == [("Battles", "Armed clash")]


def test_clashes_between_two_named_factions_name_both_sides(extractor: Pipeline) -> None:
    text = "On 3 May 2024, clashes took place between the Falcon Brigade and the Mountain Hawks Division near Azaz."
    events = _events(extractor, text)
    assert [(e.actor1 and e.actor1.name, e.actor2 and e.actor2.name) for e in events] == [
        ("Falcon Brigade", "Mountain Hawks Division")]


def test_captured_men_in_a_video_are_no_incident(extractor: Pipeline) -> None:
    text = "The group released a video on Monday showing dozens of captured soldiers, hands tied, marching in a line."
    assert [e.event_type for e in _events(extractor, text)] == []
