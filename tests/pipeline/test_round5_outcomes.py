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


def _sides(extractor: Pipeline, text: str) -> list[tuple[str | None, str | None]]:
    return [(e.actor1 and e.actor1.name, e.actor2 and e.actor2.name) for e in _events(extractor, text)]


def test_the_forces_that_broke_up_a_protest_are_its_second_side(extractor: Pipeline) -> None:
    text = ("Hundreds of nurses marched in Lilongwe on Monday to demand their pay and police dispersed them "
            "with tear gas.")
    assert _sides(extractor, text) == [("Protesters (Malawi)", "Police Forces of Malawi")]
    with rules.disabled(["actors.intervening_forces"]):
        assert _sides(extractor, text) == [("Protesters (Malawi)", None)]


def test_whom_a_mob_attacked_is_its_second_side(extractor: Pipeline) -> None:
    assert _sides(extractor, "Villagers in Kakamega beat a suspected cattle thief to death on Sunday.") == [
        ("Rioters (Kenya)", "Civilians (Kenya)")]
    assert _sides(extractor, "A mob in Kisumu pelted two police officers with stones on Sunday.") == [
        ("Rioters (Kenya)", "Police Forces of Kenya")]


def test_looted_homes_have_civilian_owners_but_a_burned_police_station_does_not(extractor: Pipeline) -> None:
    looted = _events(extractor, "Gunmen looted shops and set fire to homes in Zurmi on Monday.")
    assert {e.actor2.name for e in looted if e.actor2} == {"Civilians (Nigeria)"}
    burned = _events(extractor, "Gunmen set fire to a police station in Zurmi on Monday.")
    assert all(e.actor2 is None or e.actor2.name != "Civilians (Nigeria)" for e in burned)


def test_the_victims_of_an_air_strike_are_its_second_side_not_its_first(extractor: Pipeline) -> None:
    text = "Eight Taliban fighters were killed by army air strikes in Zabul province on Monday."
    assert _sides(extractor, text) == [(None, "Taliban")]
    with rules.disabled(["actors.victims_of_toll"]):
        assert _sides(extractor, text) == [("Taliban", None)]


def test_people_shot_by_police_at_a_protest_are_excessive_force_not_an_attack(extractor: Pipeline) -> None:
    text = ("Thousands rallied in Kisii on Monday against fuel prices. "
            "Three people were shot dead by police in the town.")
    shot = [e for e in _events(extractor, text) if e.fatalities]
    assert [(e.sub_event_type, e.fatalities) for e in shot] == [("Excessive force against protesters", 3)]
    with rules.disabled(["event_type.forces_fire_at_protest"]):
        shot = [e for e in _events(extractor, text) if e.fatalities]
        assert [e.sub_event_type for e in shot] == ["Attack"]
    # with no protest told, the same killing stays violence against civilians
    alone = _events(extractor, "Three people were shot dead by police in Kisii on Monday.")
    assert [e.sub_event_type for e in alone] == ["Attack"]


def test_a_marching_crowd_of_supporters_is_protesters_not_rioters(extractor: Pipeline) -> None:
    text = "Opposition supporters marched in Nakuru on Monday to demand electoral reform."
    assert _sides(extractor, text) == [("Protesters (Kenya)", None)]
    with rules.disabled(["actors.protesting_crowd_are_protesters"]):
        assert _sides(extractor, text) == [("Rioters (Kenya)", None)]


def test_the_toll_of_a_strike_tells_no_new_target(extractor: Pipeline) -> None:
    text = ("An air strike hit a market in Idlib on Monday, killing five people. "
            "Another 15 people were wounded in the strike, medics said.")
    assert [e.sub_event_type for e in _events(extractor, text)] == ["Air/drone strike"]


def test_the_crowd_is_first_in_a_demonstration_the_police_broke_up(extractor: Pipeline) -> None:
    text = "Riot police fired tear gas at hundreds of protesters in Valparaiso on Friday."
    assert _sides(extractor, text) == [("Protesters (Chile)", "Police Forces of Chile")]
    with rules.disabled(["actors.crowd_first_in_demonstration"]):
        assert _sides(extractor, text) == [("Police Forces of Chile", "Protesters (Chile)")]
    # excessive force keeps the forces first, as ACLED codes it
    assert _sides(extractor, "Police shot dead two protesters in Valparaiso on Friday.") == [
        ("Police Forces of Chile", "Protesters (Chile)")]


def test_victims_told_days_apart_belong_to_another_incident(extractor: Pipeline) -> None:
    text = ("Militants shelled a police post in Dera Bugti on Monday, wounding three soldiers, a week after army "
            "air strikes on their hideouts.")

    def strike_victims() -> list[str | None]:
        return [e.actor2.name if e.actor2 else None for e in _events(extractor, text)
                if e.sub_event_type == "Air/drone strike"]

    assert strike_victims() == [None]
    with rules.disabled(["actors.victims_apart_in_time"]):
        assert strike_victims() == ["Military Forces of Pakistan"]
