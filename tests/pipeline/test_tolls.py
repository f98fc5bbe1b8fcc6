"""Tolls as ACLED counts them: everyone killed in the incident (attackers too), figures of different people added,
the same people counted once, and running totals kept out of incidents."""

from __future__ import annotations

import datetime as dt

from eventwire.model import Article, Event
from eventwire.pipeline import rules
from eventwire.pipeline.runner import Pipeline

PUBLISHED = dt.date(2024, 5, 14)


def _events(extractor: Pipeline, text: str) -> list[Event]:
    return extractor.run(Article(id="t", text=text, published=PUBLISHED)).events


def _killed(extractor: Pipeline, text: str) -> list[int | None]:
    return [e.fatalities for e in _events(extractor, text)]


def test_a_singular_person_who_died_counts_one(extractor: Pipeline) -> None:
    text = "A guard died and two others were hurt when gunmen stormed a bank in Celaya on Monday."
    assert _killed(extractor, text) == [1]
    with rules.disabled(["counts.singular_died"]):
        assert _killed(extractor, text) != [1]


def test_a_victim_of_a_clause_of_its_own_adds_to_a_counted_group(extractor: Pipeline) -> None:
    text = "An officer was martyred while six militants were killed in a raid near Bannu on Monday."
    assert _killed(extractor, text) == [7]
    with rules.disabled(["counts.singular_in_own_clause"]):
        assert _killed(extractor, text) == [6]


def test_a_victim_named_among_the_counted_adds_nothing(extractor: Pipeline) -> None:
    text = "Six militants were killed in a raid near Bannu on Monday, including a commander who was shot dead."
    assert _killed(extractor, text) == [6]


def test_a_victim_beside_a_count_of_people_may_be_one_of_them(extractor: Pipeline) -> None:
    text = "Three people were killed when a soldier was shot dead near the gate, said officials in Kano on Monday."
    assert _killed(extractor, text) == [3]


def test_the_bomber_who_killed_himself_is_counted(extractor: Pipeline) -> None:
    text = "A bomber blew himself up at a wedding hall in Kunduz on Monday, killing four guests."
    assert _killed(extractor, text) == [5]
    with rules.disabled(["counts.attacker_killed_himself"]):
        assert _killed(extractor, text) == [4]


def test_attackers_killed_in_another_report_of_the_incident_add_up(extractor: Pipeline) -> None:
    text = ("Four guards were killed when gunmen stormed a bank in Celaya on Monday. "
            "Two of the gunmen were also killed in the attack.")
    assert _killed(extractor, text) == [6]
    with rules.disabled(["grouping.attackers_killed_add"]):
        assert _killed(extractor, text) == [4]


def test_the_same_attackers_counted_twice_are_not_added(extractor: Pipeline) -> None:
    text = ("Troops killed two militants in a raid near Bannu on Monday. "
            "Two terrorists were killed in the raid, the army said.")
    assert _killed(extractor, text) == [2]


def test_a_sum_of_both_sides_in_another_report_stands(extractor: Pipeline) -> None:
    text = ("Gunmen stormed a bank in Celaya on Monday and killed two guards. "
            "Two guards and one gunman died in the attack.")
    assert _killed(extractor, text) == [3]
    with rules.disabled(["grouping.fuller_sum_of_groups", "grouping.attackers_killed_add"]):
        assert _killed(extractor, text) == [2]


def test_a_total_of_people_covers_the_group_told_first(extractor: Pipeline) -> None:
    text = ("Six rebels were killed in a clash with troops near Davao on Monday. "
            "The fighting left seven people dead, the army said.")
    assert _killed(extractor, text) == [7]
    with rules.disabled(["grouping.total_of_people_covers_groups"]):
        assert _killed(extractor, text) == [6]


def test_a_stated_figure_replaces_a_vague_one(extractor: Pipeline) -> None:
    text = "Gunmen stormed a bank in Celaya on Monday, killing several people. Two guards were killed in the attack."
    assert _killed(extractor, text) == [2]
    with rules.disabled(["grouping.stated_toll_over_vague"]):
        assert _killed(extractor, text) == [3]  # 'several' is read as three


def test_a_number_of_incidents_is_no_toll(extractor: Pipeline) -> None:
    text = "Militants launched multiple raids on army posts in Bannu on Monday, killing two soldiers."
    assert _killed(extractor, text) == [2]


def test_a_running_total_since_a_war_began_is_no_incident(extractor: Pipeline) -> None:
    text = "Since the siege of the town began, 310 civilians have been killed by shelling."
    assert _events(extractor, text) == []
    with rules.disabled(["incident.since_total", "incident.background_phrase"]):
        assert _events(extractor, text) != []


def test_fire_since_this_morning_is_still_an_incident(extractor: Pipeline) -> None:
    text = "Troops have exchanged fire with rebels near Dori since this morning, killing two soldiers."
    assert _killed(extractor, text) == [2]


def test_the_dead_of_the_last_24_hours_are_a_total(extractor: Pipeline) -> None:
    text = "Nine villagers have been killed across the district in the past 48 hours."
    assert _events(extractor, text) == []


def test_heavy_weapons_fired_at_positions_are_shelling(extractor: Pipeline) -> None:
    text = ("On Tuesday, separatist forces fired heavy machine guns and grenade launchers at army positions near "
            "Horlivka, wounding two soldiers.")
    assert [e.sub_event_type for e in _events(extractor, text)] == ["Shelling/artillery/missile attack"]
    close = ("On Tuesday, separatist units shot at army positions near Horlivka with small arms and grenade "
             "launchers, wounding two soldiers.")
    assert [e.sub_event_type for e in _events(extractor, close)] == ["Armed clash"]
