"""The hand-written corpus ingested in every order gives exactly the intended incidents, identically."""

from __future__ import annotations

import itertools
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from merge_corpus import BACKGROUND_EXPECTED, BOMBING, CHECKPOINT, EXPECTED, background_corpus, clusters, corpus

from eventwire.store.sqlite import SQLiteStore


@pytest.fixture
def store(tmp_path: Path) -> Iterator[SQLiteStore]:
    with SQLiteStore(tmp_path / "x.db") as s:
        yield s


def ingest(store: SQLiteStore, items: list) -> str:
    for art, events in items:
        store.save_article(art, events)
    return json.dumps(list(store.events()), sort_keys=True)


def test_all_permutations_give_the_same_events(tmp_path: Path) -> None:
    items = corpus()
    seen: set[str] = set()
    for n, order in enumerate(itertools.permutations(items)):
        with SQLiteStore(tmp_path / f"p{n}.db") as store:
            seen.add(ingest(store, list(order)))
            assert clusters(store) == EXPECTED, [a.id for a, _ in order]
    assert len(seen) == 1  # ids, fields, sources and notes are identical in all 120 orders


def test_bombing_event_reconciled(store: SQLiteStore) -> None:
    ingest(store, corpus())
    (bombing,) = [r for r in store.events() if set(r["article_ids"]) == BOMBING]
    # the earliest report (published 2024-03-11, then by article id) gives the id
    assert bombing["id"] == "ew-kirkuk-herald-0"
    assert bombing["article_ids"] == ["kirkuk-herald", "tigris-news", "iraq-daily"]
    assert bombing["event_date"] == "2024-03-10"
    assert bombing["location"] == "Kirkuk"
    # the Monday report says the toll rose to 12: it supersedes the Sunday figures
    assert bombing["fatalities"] == 12
    assert "fatalities reported: 8, 10, 12" in bombing["notes"]
    assert any(n.startswith("fatalities revised upward to 12 by iraq-daily") for n in bombing["notes"])
    assert bombing["injuries"] == 20
    merges = [n for n in bombing["notes"] if n.startswith("merged ")]
    assert len(merges) == 2
    assert all("score " in n and "text " in n for n in merges)
    sources = bombing["sources"]
    assert [s["article_id"] for s in sources] == ["kirkuk-herald", "tigris-news", "iraq-daily"]
    assert sources[1]["evidence"]["fatalities"]["text"] == "10"
    assert sources[0]["url"] == "https://kirkuk-herald.example/story"


def test_without_revision_the_lowest_toll_wins(store: SQLiteStore) -> None:
    ingest(store, corpus(revised=False))
    (bombing,) = [r for r in store.events() if set(r["article_ids"]) == BOMBING]
    assert bombing["fatalities"] == 8
    assert "fatalities reported: 8, 10, 12" in bombing["notes"]
    assert not any("revised" in n for n in bombing["notes"])


def test_second_bombing_and_protest_stay_apart(store: SQLiteStore) -> None:
    ingest(store, corpus())
    by_articles = {frozenset(r["article_ids"]): r for r in store.events()}
    assert by_articles[frozenset({"north-wire"})]["fatalities"] == 3
    assert by_articles[frozenset({"north-wire"})]["event_date"] == "2024-03-12"
    assert by_articles[frozenset({"civic-post"})]["event_type"] == "Protests"
    assert store.counts() == {"articles": 5, "events": 3}


def test_background_mention_is_no_source_in_any_order(tmp_path: Path) -> None:
    items = background_corpus()
    seen: set[str] = set()
    for n, order in enumerate(itertools.permutations(items)):
        with SQLiteStore(tmp_path / f"b{n}.db") as store:
            seen.add(ingest(store, list(order)))
            assert clusters(store) == BACKGROUND_EXPECTED, [a.id for a, _ in order]
    assert len(seen) == 1


def test_background_mention_is_recorded_on_the_earlier_event(store: SQLiteStore) -> None:
    ingest(store, background_corpus())
    by_articles = {frozenset(r["article_ids"]): r for r in store.events()}
    bombing = by_articles[frozenset({"kirkuk-herald", "tigris-news"})]
    # the observer's recap ("killing 8 people") gives no field: the toll is still the outlets' lowest
    assert bombing["fatalities"] == 8
    assert [s["article_id"] for s in bombing["sources"]] == ["kirkuk-herald", "tigris-news"]
    assert "mentioned in kirkuk-observer (ew-kirkuk-observer-1, dated 2024-03-10) as an earlier incident; " \
           "not a source" in bombing["notes"]
    assert any(n.startswith("mention ew-kirkuk-observer-1 (kirkuk-observer) matched ") for n in bombing["notes"])
    # the mention is kept with the event's reports
    assert [r["id"] for r in store.reports(bombing["id"])] == [
        "ew-kirkuk-herald-0", "ew-tigris-news-0", "ew-kirkuk-observer-1"]
    checkpoint = by_articles[frozenset(CHECKPOINT)]
    assert checkpoint["fatalities"] == 5
    assert checkpoint["event_date"] == "2024-03-17"


def test_background_mention_alone_stands_as_its_own_event(store: SQLiteStore) -> None:
    items = {a.id: (a, evs) for a, evs in background_corpus()}
    ingest(store, [items["kirkuk-observer"]])
    # nothing else reports the car bombing: the observer is all there is, so it is its source
    assert sorted(len(r["article_ids"]) for r in store.events()) == [1, 1]
    assert {r["id"] for r in store.events() if r["article_ids"] == ["kirkuk-observer"]} == {
        "ew-kirkuk-observer-0", "ew-kirkuk-observer-1"}
    ingest(store, [items["kirkuk-herald"]])
    by_id = {r["id"]: r for r in store.events()}
    assert set(by_id) == {"ew-kirkuk-herald-0", "ew-kirkuk-observer-0"}
    assert by_id["ew-kirkuk-herald-0"]["article_ids"] == ["kirkuk-herald"]
