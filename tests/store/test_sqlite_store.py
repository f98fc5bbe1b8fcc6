"""Tests for eventwire.store.sqlite: idempotent ingest, updates, filters, migrations and atomicity."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

import pytest

from eventwire.model import Actor, Article, DateValue, Event, Evidence, Place, Source, Span
from eventwire.store.sqlite import MIGRATIONS, EventFilter, SQLiteStore

TEXT = "Gunmen killed four villagers in Kirkuk on Monday."


def article(article_id: str = "a1", text: str = TEXT, published: dt.date | None = dt.date(2023, 3, 15)) -> Article:
    return Article(id=article_id, text=text, published=published, url=f"http://news/{article_id}", title="T",
                   source="AP", origin="test")


def make_event(
    event_id: str,
    article_id: str = "a1",
    *,
    day: dt.date = dt.date(2023, 3, 13),
    country: str | None = "Iraq",
    event_type: str = "Violence against civilians",
    sub_event_type: str = "Attack",
    actor1: str | None = "Unidentified Armed Group (Iraq)",
    actor2: str | None = "Civilians (Iraq)",
    fatalities: int | None = 4,
) -> Event:
    span = Span(7, 13, "killed")
    evidence = {"event_type": Evidence(article_id, span, 0.9, "trigger")}
    place = None
    if country is not None:
        place = Place(name="Kirkuk", place_id="gn:94787", latitude=35.4681, longitude=44.3922, country=country,
                      country_code="IQ", admin1="Kirkuk")
    return Event(
        id=event_id,
        event_type=event_type,
        sub_event_type=sub_event_type,
        date=DateValue(day, day, 1, "Monday"),
        place=place,
        actor1=Actor("Gunmen", actor1, "political militia") if actor1 else None,
        actor2=Actor("villagers", actor2, "civilians") if actor2 else None,
        weapon="firearm",
        fatalities=fatalities,
        injuries=None,
        captured=None,
        munitions=None,
        confidence=0.8,
        evidence=evidence,
        sources=(Source(article_id, f"http://news/{article_id}", dt.date(2023, 3, 15), evidence),),
    )


@pytest.fixture
def store(tmp_path: Path):
    s = SQLiteStore(tmp_path / "x.db")
    yield s
    s.close()


def ids(rows: list[dict]) -> list[str]:
    return [r["id"] for r in rows]


def test_save_article_stores_article_and_events(store: SQLiteStore) -> None:
    outcome = store.save_article(article(), [make_event("ew-1"), make_event("ew-2")])
    assert (outcome.article_id, outcome.status, outcome.events) == ("a1", "stored", 2)
    assert store.counts() == {"articles": 1, "events": 2}
    assert store.article("a1") == {"id": "a1", "text": TEXT, "published": "2023-03-15", "url": "http://news/a1",
                                   "title": "T", "source": "AP"}
    rows = list(store.events())
    assert ids(rows) == ["ew-1", "ew-2"]
    assert rows[0]["article_ids"] == ["a1"]
    assert rows[0]["country"] == "Iraq"
    assert rows[0]["fatalities"] == 4
    assert rows[0]["evidence"]["event_type"]["text"] == "killed"
    assert rows[0]["sources"][0]["article_id"] == "a1"
    links = store.conn.execute("SELECT event_id, article_id FROM event_sources ORDER BY event_id").fetchall()
    assert links == [("ew-1", "a1"), ("ew-2", "a1")]


def test_same_article_again_is_unchanged(store: SQLiteStore) -> None:
    store.save_article(article(), [make_event("ew-1")])
    assert store.known(article()) == "unchanged"
    outcome = store.save_article(article(), [make_event("ew-1"), make_event("ew-9")])
    assert (outcome.status, outcome.events) == ("unchanged", 0)
    assert store.counts() == {"articles": 1, "events": 1}
    assert ids(list(store.events())) == ["ew-1"]


def test_same_text_under_other_id_is_duplicate(store: SQLiteStore) -> None:
    store.save_article(article(), [make_event("ew-1")])
    # whitespace differences do not make a new text
    other = article("a2", text=TEXT.replace(" ", "  "))
    assert store.known(other) == "duplicate-text"
    outcome = store.save_article(other, [make_event("ew-2", "a2")])
    assert (outcome.article_id, outcome.status, outcome.events) == ("a2", "duplicate-text", 0)
    assert store.counts() == {"articles": 1, "events": 1}
    assert store.article("a2") is None


def test_same_id_new_text_is_updated_and_old_events_removed(store: SQLiteStore) -> None:
    store.save_article(article(), [make_event("ew-1"), make_event("ew-2")])
    new_text = "Correction: gunmen killed five villagers in Kirkuk on Monday."
    assert store.known(article(text=new_text)) is None
    outcome = store.save_article(article(text=new_text), [make_event("ew-3", fatalities=5)])
    assert (outcome.status, outcome.events) == ("updated", 1)
    assert store.counts() == {"articles": 1, "events": 1}
    (row,) = store.events()
    assert row["id"] == "ew-3"
    assert row["fatalities"] == 5
    stored = store.article("a1")
    assert stored is not None
    assert stored["text"] == new_text
    links = store.conn.execute("SELECT event_id, article_id FROM event_sources").fetchall()
    assert links == [("ew-3", "a1")]


def test_update_keeps_events_shared_with_other_articles(store: SQLiteStore) -> None:
    shared = make_event("ew-s")
    shared = Event(**{**{f: getattr(shared, f) for f in shared.__dataclass_fields__},
                      "sources": (Source("a1", None, None, {}), Source("b1", None, None, {}))})
    store.save_article(article("b1", text="Another report of the Kirkuk killing."), [])
    store.save_article(article(), [shared])
    store.save_article(article(text="A rewritten text."), [])
    assert ids(list(store.events())) == ["ew-s"]
    links = store.conn.execute("SELECT event_id, article_id FROM event_sources").fetchall()
    assert links == [("ew-s", "b1")]


@pytest.fixture
def filled(store: SQLiteStore) -> SQLiteStore:
    store.save_article(article("a1"), [
        make_event("ew-1", day=dt.date(2023, 3, 1), country="Iraq", fatalities=0),
        make_event("ew-2", day=dt.date(2023, 3, 10), country="Syria", event_type="Battles",
                   sub_event_type="Armed clash", actor1="Military Forces of Syria", actor2="Islamic State",
                   fatalities=12),
    ])
    store.save_article(article("a2", text="A second article about Mosul."), [
        make_event("ew-3", "a2", day=dt.date(2023, 3, 20), country="Iraq", actor1="Protesters (Iraq)",
                   actor2=None, event_type="Protests", sub_event_type="Peaceful protest", fatalities=None),
        make_event("ew-4", "a2", day=dt.date(2023, 3, 10), country=None, fatalities=3),
    ])
    return store


def test_events_newest_first(filled: SQLiteStore) -> None:
    assert ids(list(filled.events())) == ["ew-3", "ew-2", "ew-4", "ew-1"]


@pytest.mark.parametrize(
    ("flt", "expected"),
    [
        (EventFilter(date_from=dt.date(2023, 3, 10)), ["ew-3", "ew-2", "ew-4"]),
        (EventFilter(date_to=dt.date(2023, 3, 10)), ["ew-2", "ew-4", "ew-1"]),
        (EventFilter(date_from=dt.date(2023, 3, 2), date_to=dt.date(2023, 3, 19)), ["ew-2", "ew-4"]),
        (EventFilter(country="iraq"), ["ew-3", "ew-1"]),
        (EventFilter(country="SYRIA"), ["ew-2"]),
        (EventFilter(event_type="battles"), ["ew-2"]),
        (EventFilter(sub_event_type="peaceful protest"), ["ew-3"]),
        (EventFilter(actor="islamic"), ["ew-2"]),
        (EventFilter(actor="Civilians"), ["ew-4", "ew-1"]),
        (EventFilter(min_fatalities=3), ["ew-2", "ew-4"]),
        (EventFilter(min_fatalities=0), ["ew-2", "ew-4", "ew-1"]),
        (EventFilter(limit=2), ["ew-3", "ew-2"]),
        (EventFilter(country="Iraq", event_type="Violence against civilians"), ["ew-1"]),
        (EventFilter(country="Nigeria"), []),
    ],
)
def test_event_filters(filled: SQLiteStore, flt: EventFilter, expected: list[str]) -> None:
    assert ids(list(filled.events(flt))) == expected


def test_reopen_keeps_data_and_runs_migrations_once(tmp_path: Path) -> None:
    path = tmp_path / "x.db"
    with SQLiteStore(path) as s:
        s.save_article(article(), [make_event("ew-1")])
    with SQLiteStore(path) as s:
        assert s.counts() == {"articles": 1, "events": 1}
        assert ids(list(s.events())) == ["ew-1"]
    with SQLiteStore(path) as s:
        rows = s.conn.execute("SELECT version FROM schema_migrations ORDER BY version").fetchall()
    assert rows == [(v,) for v in range(1, len(MIGRATIONS) + 1)]
    conn = sqlite3.connect(path)
    try:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    finally:
        conn.close()


def test_failing_insert_leaves_nothing_half_written(store: SQLiteStore, monkeypatch: pytest.MonkeyPatch) -> None:
    store.save_article(article("a0", text="An earlier article."), [make_event("ew-0", "a0")])

    def boom(*_args: object) -> None:
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(store, "_insert_event", boom)
    with pytest.raises(RuntimeError, match="disk on fire"):
        store.save_article(article(), [make_event("ew-1")])
    assert store.counts() == {"articles": 1, "events": 1}
    assert store.article("a1") is None
    assert store.known(article()) is None
    monkeypatch.undo()
    outcome = store.save_article(article(), [make_event("ew-1")])
    assert outcome.status == "stored"
    assert store.counts() == {"articles": 2, "events": 2}


def test_failing_update_keeps_old_version(store: SQLiteStore, monkeypatch: pytest.MonkeyPatch) -> None:
    store.save_article(article(), [make_event("ew-1")])

    def boom(*_args: object) -> None:
        raise RuntimeError("fail")

    monkeypatch.setattr(store, "_insert_event", boom)
    with pytest.raises(RuntimeError):
        store.save_article(article(text="New text."), [make_event("ew-2")])
    stored = store.article("a1")
    assert stored is not None
    assert stored["text"] == TEXT
    assert ids(list(store.events())) == ["ew-1"]
