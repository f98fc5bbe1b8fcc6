"""Claims, attributions and denials: sentence patterns, and how they attach to the events of an article."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from eventwire.model import Article, Event
from eventwire.pipeline.claims import by_kind, sentence_claims
from eventwire.pipeline.nlp import load_nlp


def claims_of(sentence: str) -> list[tuple[str, str | None, str | None, str | None]]:
    doc = load_nlp()(sentence)
    return [(c.kind, c.actor, c.by, c.by_kind) for s in doc.sents for c in sentence_claims(s, "a")]


@pytest.mark.parametrize(("sentence", "expected"), [
    ("Nobody has yet claimed responsibility for the shelling.", [("unclaimed", None, None, None)]),
    ("There was no immediate claim of responsibility.", [("unclaimed", None, None, None)]),
    ("The group has not claimed the attack.", [("unclaimed", None, None, None)]),
    ("The Islamic State group claimed responsibility for the bombing in a statement.",
     [("claimed", "Islamic State group", "Islamic State group", "group")]),
    ("Responsibility for the attack was claimed by al-Shabaab.",
     [("claimed", "al-Shabaab", "al-Shabaab", "group")]),
    ("Al-Shabaab said it carried out the attack.", [("claimed", "Al-Shabaab", "Al-Shabaab", "group")]),
    ("The Houthis, who claimed the drone attack, said they targeted an oil facility.",
     [("claimed", "Houthis", "Houthis", "group")]),
    ("However, Iran's state-owned Press TV attributed the raids to the \u201cIraqi resistance movement,\u201d an "
     "umbrella term for several armed factions.",
     [("attributed", "Iraqi resistance movement", "Iran's state-owned Press TV", "media")]),
    ("Officials blamed the attack on the Taliban.", [("attributed", "Taliban", "Officials", "official")]),
    ("The Nigerian army accused Boko Haram of carrying out the raid.",
     [("attributed", "Boko Haram", "Nigerian army", "military")]),
    ("Police said the Taliban were behind the attack.", [("attributed", "Taliban", "Police", "military")]),
    ("Ukraine blamed Russia for the strike on the market.", [("attributed", "Russia", "Ukraine", "government")]),
    ("The Taliban denied any involvement in the bombing.", [("denied", "Taliban", "Taliban", "group")]),
    ("A civilian driver was also wounded in the blast, which was not claimed right away.",
     [("unclaimed", None, None, None)]),
    ("It comes a week after a raid on a police post in which six officers died, that was claimed days later by "
     "the Islamic State group.", [("claimed", "Islamic State group", "Islamic State group", "group")]),
    ("The ambush, which a district official claimed was carried out by masked gunmen in pickup trucks, left five "
     "dead.", [("attributed", "masked gunmen in pickup trucks", "district official", "official")]),
    ("Opposition figures accuse the cartels of wanting to control the ports.", []),
    ("The gangs oppose Henry, blaming him for deepening poverty.", []),
    ("The attack claimed the lives of 12 people.", []),
    ("The government claimed victory in the battle.", []),
])
def test_sentence_claims(sentence: str, expected: list[tuple[str, str | None, str | None, str | None]]) -> None:
    assert claims_of(sentence) == expected


def test_by_kind() -> None:
    assert by_kind("Press TV") == "media" and by_kind("the Interior Ministry") == "government"
    assert by_kind("army spokesman") == "government" and by_kind("the army") == "military"
    assert by_kind("local officials") == "official" and by_kind(None) is None


def extract(extractor: Any, text: str, published: dt.date = dt.date(2024, 3, 12)) -> list[Event]:
    return list(extractor.extract(Article(id="t", text=text, published=published)))


def test_a_claim_names_the_perpetrator(extractor: Any) -> None:
    (event,) = extract(extractor, "A suicide bomber killed 12 worshippers at a mosque in Kunduz on Friday. The "
                                  "Islamic State group claimed responsibility for the bombing.")
    assert [(c.kind, c.by_kind) for c in event.claims] == [("claimed", "group")]
    assert event.actor1 is not None and "Islamic State" in event.actor1.name
    assert event.actor1_basis == "claimed"
    assert event.evidence["actor1"].span.text.startswith("The Islamic State group claimed")


def test_attribution_and_denial_reach_the_attack_they_are_about(extractor: Any) -> None:
    events = extract(extractor, "Gunmen killed five villagers in Tsafe in Zamfara state on Sunday, police said. "
                                "Police blamed the attack on bandits. The herders' association denied any "
                                "involvement.")
    (attack,) = [e for e in events if e.fatalities == 5]
    kinds = {(c.kind, c.actor, c.by_kind) for c in attack.claims}
    assert ("attributed", "bandits", "military") in kinds
    assert ("denied", "herders' association", None) in kinds
    assert attack.actor1_basis == "stated"  # "gunmen" is the report's own word for the perpetrator


def test_unclaimed_and_media_attribution_apply_to_every_recent_attack(extractor: Any) -> None:
    events = extract(extractor, "Rockets struck an air base near Kirkuk on Monday, wounding two soldiers. On "
                                "Tuesday a drone hit an airport in Erbil, causing no injuries. No group has "
                                "claimed the attacks. State television attributed them to Iran-backed militias.")
    attacks = [e for e in events if e.event_type == "Explosions/Remote violence"]
    assert len(attacks) == 2
    for event in attacks:
        assert {c.kind for c in event.claims} == {"unclaimed", "attributed"}
        (attributed,) = [c for c in event.claims if c.kind == "attributed"]
        assert attributed.by_kind == "media" and attributed.actor == "Iran-backed militias"
        assert event.actor1 is None and event.actor1_basis is None  # "no group" is no actor; an attribution
        # by the media does not fill actor1


def test_protests_carry_no_claims(extractor: Any) -> None:
    events = extract(extractor, "Hundreds protested in Basra on Sunday against power cuts. No group claimed "
                                "responsibility for organising the rally.")
    assert events and all(not e.claims for e in events if e.event_type == "Protests")


def test_a_named_group_claiming_an_attack_becomes_its_actor1(extractor: Any) -> None:
    (event,) = extract(extractor, "A drone struck a convoy of US forces near Erbil airport on Monday. The "
                                  "Islamic Resistance in Iraq claimed the attack.", dt.date(2024, 3, 12))
    assert event.actor1 is not None and event.actor1.name == "Islamic Resistance in Iraq"
    assert event.actor1_basis == "claimed"
