"""Pipeline stages on hand-written sentences, including the hard cases: places the model tags as PERSON,
passive voice, two incidents in one sentence, a background statistic, a denied attack, a future threat."""

from __future__ import annotations

import datetime as dt

import pytest

from eventwire.model import Article, header_length
from eventwire.pipeline.nlp import load_nlp
from eventwire.pipeline.toponyms import find_toponyms
from eventwire.pipeline.triggers import find_triggers

PUB = dt.date(2023, 3, 15)  # a Wednesday


def _events(extractor, text: str):  # type: ignore[no-untyped-def]
    return extractor.extract(Article(id="t", text=text, published=PUB))


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Fighting broke out in Kandahar on Monday.", "Kandahar"),
        ("Gunmen stormed a market in Maiduguri, police said.", "Maiduguri"),
        ("Several houses were burned in Shwebo township.", "Shwebo"),
        ("Clashes were reported near Deir ez-Zor overnight.", "Deir ez-Zor"),
        ("Gunmen killed two soldiers in Gao on Monday.", "Gao"),  # a short name the model tags as a person
    ],
)
def test_toponyms_found(extractor, sentence: str, expected: str) -> None:  # type: ignore[no-untyped-def]
    doc = load_nlp()(sentence)
    texts = [t.text for t in find_toponyms(doc, extractor.gazetteer)]
    assert expected in texts


def test_place_tagged_as_person_is_still_a_place(extractor) -> None:  # type: ignore[no-untyped-def]
    doc = load_nlp()("Militants attacked Baga in Borno state on Sunday.")
    found = {t.text: t for t in find_toponyms(doc, extractor.gazetteer)}
    assert "Baga" in found or "Borno" in found


@pytest.mark.parametrize(
    ("sentence", "dropped"),
    [
        ("The army denied that it had attacked the village.", True),
        ("Rebels threatened to attack the city next week.", True),
        ("The army did not shell the town, officials said.", True),
        ("Since 2014 the conflict has killed more than 10,000 people.", True),
        ("Rebels attacked an army base in the north on Tuesday.", False),
    ],
)
def test_trigger_filters(sentence: str, dropped: bool) -> None:
    doc = load_nlp()(sentence)
    triggers = find_triggers(doc)
    assert triggers, sentence
    assert all(t.dropped for t in triggers) is dropped, [(t.text, t.dropped) for t in triggers]


def test_passive_voice_event(extractor) -> None:  # type: ignore[no-untyped-def]
    events = _events(extractor, "Two soldiers were killed by a roadside bomb in Kirkuk on Monday.")
    assert len(events) == 1
    e = events[0]
    assert e.sub_event_type == "Remote explosive/landmine/IED"
    assert e.fatalities == 2
    assert e.date is not None and e.date.start == dt.date(2023, 3, 13)
    assert e.place is not None and e.place.country == "Iraq"


def test_airstrike_with_date_and_toll(extractor) -> None:  # type: ignore[no-untyped-def]
    events = _events(extractor, "Israeli airstrikes killed at least 12 people in Rafah on Tuesday.")
    assert [(e.sub_event_type, e.fatalities) for e in events] == [("Air/drone strike", 12)]
    assert events[0].date is not None and events[0].date.start == dt.date(2023, 3, 14)
    assert events[0].place is not None and events[0].place.country == "Palestine"


def test_two_incidents_in_one_sentence(extractor) -> None:  # type: ignore[no-untyped-def]
    text = ("Russian forces shelled Kherson on Monday, and a drone strike hit Odesa on Tuesday, "
            "regional officials said.")
    events = _events(extractor, text)
    got = sorted((e.sub_event_type, e.place.name if e.place else None, str(e.date.start if e.date else None))
                 for e in events)
    assert ("Shelling/artillery/missile attack", "Kherson", "2023-03-13") in got
    assert ("Air/drone strike", "Odesa", "2023-03-14") in got


def test_background_statistic_gives_no_event(extractor) -> None:  # type: ignore[no-untyped-def]
    text = "Since 2015, the war in Yemen has killed more than 150,000 people, according to monitors."
    assert _events(extractor, text) == []


def test_protest_with_intervention(extractor) -> None:  # type: ignore[no-untyped-def]
    text = "Hundreds of people protested in Nairobi on Monday. Police fired tear gas to disperse them."
    events = _events(extractor, text)
    assert [e.event_type for e in events] == ["Protests"]
    assert events[0].place is not None and events[0].place.country == "Kenya"


def test_a_crackdown_is_a_protest_only_on_protesters(extractor) -> None:  # type: ignore[no-untyped-def]
    text = "Army units in a new crackdown on Taliban militants retook Dand district in Kandahar province on Friday."
    assert "Protests" not in [e.event_type for e in _events(extractor, text)]
    text = "Police launched a crackdown on protesters demanding fuel in Lagos on Monday."
    assert "Protests" in [e.event_type for e in _events(extractor, text)]


def test_evidence_spans_match_the_text(extractor) -> None:  # type: ignore[no-untyped-def]
    text = "Gunmen killed five villagers in Zamfara state on Sunday, police said."
    events = _events(extractor, text)
    assert events
    for e in events:
        for ev in e.evidence.values():
            assert text[ev.span.start: ev.span.end] == ev.span.text
    assert events[0].event_type == "Violence against civilians" and events[0].fatalities == 5


@pytest.mark.parametrize("text", [
    " date 2023-09-14 Government-allied militiamen fired mortars at a market in Gao on Wednesday, wounding three "
    "traders.",
    " date 2020-06-20 Iranian-backed Houthi rebels launched drones at an airport in Abha on Saturday.",
])
def test_evidence_never_starts_inside_a_date_header(extractor, text: str) -> None:  # type: ignore[no-untyped-def]
    # the parser reads the header's date into the first noun phrase ("14 Government-allied militiamen")
    events = _events(extractor, text)
    assert events and any("actor1" in e.evidence for e in events)
    header = header_length(text)
    for e in events:
        spans = [ev.span for ev in e.evidence.values()] + [c.evidence.span for c in e.claims if c.evidence] \
            + [r.evidence.span for r in e.relations if r.evidence]
        for span in spans:
            assert span.start >= header and text[span.start: span.end] == span.text
            assert not span.text.startswith(("date", "20", "14", " "))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Police seized a large cache of rifles and ammunition in Kaduna on Monday.",
         ("Strategic developments", "Disrupted weapons use")),
        ("The army recaptured the town of Palmyra from militants on Monday.",
         ("Battles", "Government regains territory")),
        ("Rebels seized the town of Goma on Monday after heavy fighting.",
         ("Battles", "Non-state actor overtakes territory")),
        ("The two sides exchanged prisoners in Mogadishu on Monday.", ("Strategic developments", "Agreement")),
        ("Police shot protesters in Khartoum on Monday, killing three.",
         ("Protests", "Excessive force against protesters")),
        ("Turkish forces set up two new military bases near Zakho on Monday.",
         ("Strategic developments", "Headquarters or base established")),
        ("Engineers cleared 300 landmines near Marib on Monday.", ("Strategic developments", "Disrupted weapons use")),
        ("Dozens of fighters defected to the army in Raqqa on Monday.",
         ("Strategic developments", "Change to group/activity")),
    ],
)
def test_sub_event_types(extractor, text: str, expected: tuple[str, str]) -> None:  # type: ignore[no-untyped-def]
    got = [(e.event_type, e.sub_event_type) for e in _events(extractor, text)]
    assert expected in got, got


def test_natural_disaster_is_not_an_event(extractor) -> None:  # type: ignore[no-untyped-def]
    assert _events(extractor, "An earthquake killed eight people in Java on Monday, officials said.") == []


@pytest.mark.parametrize(
    ("text", "field", "value"),
    [
        ("Security forces detained a Taliban facilitator in Kandahar on Monday.", "captured", 1),
        ("Soldiers detained multiple suspected insurgents in Helmand on Monday.", "captured", 3),
        ("Gunmen shot dead a teacher in Maiduguri on Monday.", "fatalities", 1),
        ("Militants killed 25 soldiers and 6 civilians in an attack on a base near Kidal on Monday.",
         "fatalities", 31),
    ],
)
def test_counts(extractor, text: str, field: str, value: int) -> None:  # type: ignore[no-untyped-def]
    events = _events(extractor, text)
    assert events, text
    assert getattr(events[0], field) == value


def test_unknown_quarter_is_not_a_far_town_of_another_name(extractor) -> None:  # type: ignore[no-untyped-def]
    # "Bom Jardim" is only an alternate name of a town 200 km inland: here it is a part of Fortaleza
    text = "On 3 March 2021, in Fortaleza, Ceara, police said two gunmen shot dead a shopkeeper in Bom Jardim."
    events = extractor.extract(Article(id="t", text=text, published=dt.date(2021, 3, 4)))
    assert events and all(e.place is not None and e.place.name == "Fortaleza" for e in events)
