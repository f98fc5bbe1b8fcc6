"""Analysts' corrections on every backend: each kind holds through re-ingesting the article, a new text of it and
another outlet's report of the incident, and a machine value that disagrees later shows as a conflict."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from backends import Backend

from eventwire.model import Article, DateValue, Event, Evidence, Place, Source, Span
from eventwire.store import EventFilter, Store
from eventwire.store.corrections import CorrectionError, UnknownEvent

GAO = Place(name="Gao", place_id="gn:2457163", latitude=16.2717, longitude=-0.0447, country="Mali",
            country_code="ML", admin1="Gao")
DAY = dt.date(2024, 5, 13)


def article(article_id: str, text: str, day: int = 14) -> Article:
    return Article(id=article_id, text=text, published=dt.date(2024, 5, day), url=f"http://news/{article_id}",
                   title=None)


def attack(a: Article, toll: int, toll_text: str, trigger: str = "killed", suffix: str = "0") -> Event:
    def ev(phrase: str) -> Evidence:
        start = a.text.index(phrase)
        return Evidence(a.id, Span(start, start + len(phrase), phrase), 0.9, "test")

    evidence = {"event_type": ev(trigger), "location": ev("Gao"), "event_date": ev("Monday"),
                "fatalities": ev(toll_text)}
    return Event(id=f"ew-{a.id}-{suffix}", event_type="Violence against civilians", sub_event_type="Attack",
                 date=DateValue(DAY, DAY, 1, "Monday"), place=GAO, actor1=None, actor2=None, weapon="firearm",
                 fatalities=toll, injuries=None, captured=None, munitions=None, confidence=0.7, evidence=evidence,
                 sources=(Source(a.id, a.url, a.published, evidence),))


FIRST = "Gunmen killed 4 herders near Gao on Monday, officials said."
FIRST_REVISED = "On Monday gunmen killed 5 herders near Gao, officials said on Tuesday."
OTHER = "Armed men killed 6 herders in a raid near Gao on Monday, residents said."


@pytest.fixture
def store(backend: Backend) -> Iterator[Store]:
    """A fresh store holding article a's report of the raid near Gao."""
    opened = backend.emptied(None)
    a = article("a", FIRST)
    opened.save_article(a, [attack(a, 4, "4")])
    yield opened
    opened.close()


def only_event(store: Store, review: str | None = None) -> dict:
    (event,) = list(store.events(EventFilter(review=review)))
    return event


def reingest_three_ways(store: Store, other: str = "b") -> None:
    """The same article again, a new text of it, and another outlet's report of the incident."""
    a = article("a", FIRST)
    assert store.save_article(a, [attack(a, 4, "4")]).status == "unchanged"
    revised = article("a", FIRST_REVISED)
    assert store.save_article(revised, [attack(revised, 5, "5")]).status == "updated"
    b = article(other, OTHER.replace("residents", f"residents of {other}"), day=15)
    assert store.save_article(b, [attack(b, 6, "6")]).merged == 1


def test_a_corrected_field_holds_and_a_disagreeing_machine_value_is_a_conflict(store: Store) -> None:
    event_id = only_event(store)["id"]
    store.correct(event_id, "set", author="ana", reason="hospital list", fields={"fatalities": 9})
    event = only_event(store)
    assert (event["fatalities"], event["review"], event["conflicts"]) == (9, "corrected", [])
    assert event["corrections"][0] | {"created_at": None} == {
        "id": 1, "kind": "set", "author": "ana", "reason": "hospital list", "created_at": None,
        "event_id": event_id, "field": "fatalities", "before": 4, "after": 9}
    reingest_three_ways(store)
    event = only_event(store)
    assert event["article_ids"] == ["a", "b"]
    assert event["fatalities"] == 9  # the analyst's value holds
    assert event["review"] == "conflict"
    assert event["conflicts"] == [{"field": "fatalities", "machine": 5, "analyst": 9, "correction_id": 1}]
    assert [e["fatalities"] for e in store.events(EventFilter(min_fatalities=9))] == [9]  # filters see it


def test_the_machine_agreeing_later_is_no_conflict(store: Store) -> None:
    store.correct(only_event(store)["id"], "set", author="ana", reason="list", fields={"fatalities": 5})
    revised = article("a", FIRST_REVISED)
    store.save_article(revised, [attack(revised, 5, "5")])
    assert (only_event(store)["review"], only_event(store)["conflicts"]) == ("corrected", [])


def test_a_rejected_event_stays_rejected_and_out_of_listings(store: Store) -> None:
    event_id = only_event(store)["id"]
    store.correct(event_id, "reject", author="ana", reason="a drill, not an attack")
    assert list(store.events()) == [] and store.count() == 0
    reingest_three_ways(store)
    assert list(store.events()) == []
    assert only_event(store, "rejected")["article_ids"] == ["a", "b"]
    assert store.event(event_id)["review"] == "rejected"  # still there by its id
    with pytest.raises(CorrectionError, match="rejected already"):
        store.correct(event_id, "reject", author="ana", reason="again")


def test_a_restored_event_is_listed_again_after_every_reingest(store: Store) -> None:
    event_id = only_event(store)["id"]
    with pytest.raises(CorrectionError, match="not rejected"):
        store.correct(event_id, "restore", author="ana", reason="nothing to undo")
    store.correct(event_id, "reject", author="ana", reason="a drill")
    store.correct(event_id, "restore", author="bo", reason="it was an attack")
    reingest_three_ways(store)
    event = only_event(store)
    assert event["review"] is None and [c["kind"] for c in event["corrections"]] == ["reject", "restore"]


def test_a_split_holds_through_reingest(store: Store) -> None:
    b = article("b", OTHER, day=15)
    store.save_article(b, [attack(b, 6, "6")])
    merged = only_event(store)
    assert merged["article_ids"] == ["a", "b"]
    ids = store.correct(merged["id"], "split", author="ana", reason="b tells a raid the next village",
                        articles=["b"])
    assert len(ids) == 2
    groups = sorted(e["article_ids"] for e in store.events())
    assert groups == [["a"], ["b"]]
    reingest_three_ways(store, other="c")  # c joins one of them; a and b stay apart
    assert sorted(len(e["article_ids"]) for e in store.events()) == [1, 2]
    assert not any({"a", "b"} <= set(e["article_ids"]) for e in store.events())


def test_a_merge_holds_through_reingest(store: Store) -> None:
    far = article("f", "Gunmen killed 2 herders at a well near Gao on Monday, police said.")
    away = attack(far, 2, "2")
    kidal = Place(name="Kidal", place_id="gn:2455290", latitude=18.4411, longitude=1.4078, country="Mali",
                  country_code="ML", admin1="Kidal")
    store.save_article(far, [Event(**{**{f: getattr(away, f) for f in away.__dataclass_fields__},
                                      "place": kidal})])
    first, second = sorted(e["id"] for e in store.events())  # 260 km apart: two events
    ids = store.correct(first, "merge", author="ana", reason="the well is near Gao: one raid",
                        other_event_id=second)
    assert len(ids) == 1
    assert [sorted(e["article_ids"]) for e in store.events()] == [["a", "f"]]
    reingest_three_ways(store)
    assert [sorted(e["article_ids"]) for e in store.events()] == [["a", "b", "f"]]
    with pytest.raises(CorrectionError, match="itself"):
        store.correct(ids[0], "merge", author="ana", reason="x", other_event_id=ids[0])


def test_a_bad_correction_is_refused_and_changes_nothing(store: Store) -> None:
    event_id = only_event(store)["id"]
    before = list(store.events())
    for fields, message in (({"fatalities": "many"}, "whole number"), ({"colour": "red"}, "cannot be corrected"),
                            ({"event_date": "13/05/2024"}, "YYYY-MM-DD"), ({"fatalities": -1}, "from 0"),
                            ({"sub_event_type": "Riot"}, "unknown sub_event_type"), ({}, "at least one")):
        with pytest.raises(CorrectionError, match=message):
            store.correct(event_id, "set", author="ana", reason="x", fields=fields)
    with pytest.raises(CorrectionError, match="reason"):
        store.correct(event_id, "set", author="ana", reason="  ", fields={"fatalities": 1})
    with pytest.raises(UnknownEvent):
        store.correct("ew-nothing", "reject", author="ana", reason="x")
    assert list(store.events()) == before and store.corrections() == []


def test_text_with_sql_in_it_is_stored_as_text(store: Store) -> None:
    hostile = "x'); DROP TABLE events; --"
    store.correct(only_event(store)["id"], "set", author="ana", reason=hostile, fields={"actor1": hostile})
    event = only_event(store)
    assert event["actor1"] == hostile and event["corrections"][0]["reason"] == hostile
    assert store.counts()["events"] == 1


def test_a_type_correction_sets_the_type_of_a_sub_type(store: Store) -> None:
    store.correct(only_event(store)["id"], "set", author="ana", reason="army post",
                  fields={"sub_event_type": "Armed clash"})
    event = only_event(store)
    assert (event["event_type"], event["sub_event_type"]) == ("Battles", "Armed clash")


def test_an_accepted_event_leaves_the_open_queue_until_corrected(store: Store) -> None:
    event_id = only_event(store)["id"]
    store.correct(event_id, "accept", author="ana", reason="checked against the source")
    assert only_event(store)["review"] == "accepted"
    assert list(store.events(EventFilter(review="open"))) == []
    reingest_three_ways(store)
    assert only_event(store)["review"] == "accepted"
    store.correct(event_id, "set", author="bo", reason="list", fields={"injuries": 2})
    assert only_event(store)["review"] == "corrected"
    store.correct(event_id, "reject", author="bo", reason="a drill")
    with pytest.raises(CorrectionError, match="restore it first"):
        store.correct(event_id, "accept", author="ana", reason="x")
