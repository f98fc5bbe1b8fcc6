"""The store's cross-article merging: re-ingest, updated articles, migrations, indexed blocking, atomicity."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from pathlib import Path

import pytest

from eventwire.model import Article, DateValue, Event, Evidence, Place, Source, Span
from eventwire.store.sqlite import MIGRATIONS, SQLiteStore

KIRKUK = Place(name="Kirkuk", place_id="gn:94787", latitude=35.4681, longitude=44.3922, country="Iraq",
               country_code="IQ", admin1="Kirkuk")
DAY = dt.date(2023, 3, 13)
TEXTS = {
    "a": "Gunmen shot dead 4 villagers in a village near Kirkuk on Monday, police said.",
    "b": "Four villagers were shot dead by gunmen near Kirkuk on Monday, 5 according to another count.",
    "c": "Gunmen killed 4 villagers near Kirkuk on Monday night in an attack on a village.",
}


def art(article_id: str, text: str | None = None, url: str | None = None, day: int = 14) -> Article:
    return Article(id=article_id, text=text or TEXTS[article_id], published=dt.date(2023, 3, day),
                   url=url or f"http://news/{article_id}", title=None)


def ev(a: Article, phrase: str) -> Evidence:
    start = a.text.index(phrase)
    return Evidence(a.id, Span(start, start + len(phrase), phrase), 0.9, "test")


def attack(a: Article, toll: int, toll_text: str, trigger: str = "shot dead", suffix: str = "0") -> Event:
    evidence = {"event_type": ev(a, trigger), "location": ev(a, "Kirkuk"), "event_date": ev(a, "Monday"),
                "fatalities": ev(a, toll_text)}
    return Event(id=f"ew-{a.id}-{suffix}", event_type="Violence against civilians", sub_event_type="Attack",
                 date=DateValue(DAY, DAY, 1, "Monday"), place=KIRKUK, actor1=None, actor2=None, weapon="firearm",
                 fatalities=toll, injuries=None, captured=None, munitions=None, confidence=0.7, evidence=evidence,
                 sources=(Source(a.id, a.url, a.published, evidence),))


@pytest.fixture
def store(tmp_path: Path):  # type: ignore[no-untyped-def]
    s = SQLiteStore(tmp_path / "m.db")
    yield s
    s.close()


def snapshot(store: SQLiteStore) -> str:
    mentions = store.conn.execute("SELECT article_id, mention_id, event_id, component FROM mentions "
                                  "ORDER BY article_id, mention_id").fetchall()
    return json.dumps([list(store.events()), mentions], sort_keys=True)


def fill(store: SQLiteStore) -> None:
    a, b, c = art("a"), art("b"), art("c")
    assert store.save_article(a, [attack(a, 4, "4")]).merged == 0
    assert store.save_article(b, [attack(b, 4, "Four")]).merged == 1
    store.save_article(c, [attack(c, 4, "4", trigger="killed")])


def test_three_reports_one_event(store: SQLiteStore) -> None:
    fill(store)
    (row,) = store.events()
    assert row["id"] == "ew-a-0"
    assert row["article_ids"] == ["a", "b", "c"]
    links = store.conn.execute("SELECT event_id, article_id FROM event_sources ORDER BY article_id").fetchall()
    assert links == [("ew-a-0", "a"), ("ew-a-0", "b"), ("ew-a-0", "c")]
    assert store.event("ew-c-0") == row  # a report's id finds its event
    assert [r["article_ids"] for r in store.reports("ew-a-0")] == [["a"], ["b"], ["c"]]


def test_reingest_same_text_changes_nothing(store: SQLiteStore) -> None:
    fill(store)
    before = snapshot(store)
    for a in (art("a"), art("b"), art("c")):
        outcome = store.save_article(a, [attack(a, 99, "Kirkuk", trigger="Kirkuk")])
        assert outcome.status == "unchanged"
    assert snapshot(store) == before


def test_updated_article_replaces_its_contribution(store: SQLiteStore) -> None:
    fill(store)
    new = art("b", "Correction: gunmen shot dead 6 villagers near Kirkuk on Monday, officials said.", day=15)
    outcome = store.save_article(new, [attack(new, 6, "6")])
    assert outcome.status == "updated"
    (row,) = store.events()
    assert row["article_ids"] == ["a", "c", "b"]
    assert "fatalities reported: 4, 6" in row["notes"]
    assert row["fatalities"] == 4
    assert store.conn.execute("SELECT COUNT(*) FROM mentions WHERE article_id = 'b'").fetchone()[0] == 1
    # the update leaves the store as if the new version had been ingested in the first place
    fresh = SQLiteStore(store.path.with_name("fresh.db"))
    try:
        a, c = art("a"), art("c")
        fresh.save_article(new, [attack(new, 6, "6")])
        fresh.save_article(c, [attack(c, 4, "4", trigger="killed")])
        fresh.save_article(a, [attack(a, 4, "4")])
        assert list(fresh.events()) == list(store.events())
    finally:
        fresh.close()


def test_update_that_drops_the_event_splits_nothing_else(store: SQLiteStore) -> None:
    fill(store)
    a = art("a", "An unrelated text about the weather in Kirkuk.")
    store.save_article(a, [])
    (row,) = store.events()
    assert row["id"] == "ew-b-0"  # the earliest remaining report now gives the id
    assert row["article_ids"] == ["b", "c"]


def test_same_url_new_id_is_an_update(store: SQLiteStore) -> None:
    fill(store)
    moved = art("a2", "Gunmen shot dead 5 villagers in a village near Kirkuk on Monday, police said.",
                url="http://news/a")
    outcome = store.save_article(moved, [attack(moved, 5, "5")])
    assert outcome.status == "updated"
    assert store.article("a") is None
    (row,) = store.events()
    assert sorted(row["article_ids"]) == ["a2", "b", "c"]


def test_migration_2_and_indexed_blocking(store: SQLiteStore) -> None:
    assert len(MIGRATIONS) >= 2
    versions = [r[0] for r in store.conn.execute("SELECT version FROM schema_migrations ORDER BY version")]
    assert versions == list(range(1, len(MIGRATIONS) + 1))
    plan = " ".join(str(r) for r in store.conn.execute(
        "EXPLAIN QUERY PLAN SELECT record FROM mentions WHERE family = ? AND country_code = ? "
        "AND event_date BETWEEN ? AND ? AND article_id != ?", ("violent", "IQ", "2023-03-11", "2023-03-15", "x")))
    assert "mentions_block" in plan
    plan = " ".join(str(r) for r in store.conn.execute(
        "EXPLAIN QUERY PLAN SELECT record FROM mentions WHERE family = ? AND cell IN (?, ?) "
        "AND event_date BETWEEN ? AND ? AND article_id != ?", ("violent", 1, 2, "2023-03-11", "2023-03-15", "x")))
    assert "mentions_cell" in plan


def test_old_database_gets_migration_2(tmp_path: Path) -> None:
    import sqlite3

    path = tmp_path / "old.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY)")
    conn.executescript(MIGRATIONS[0])
    conn.execute("INSERT INTO schema_migrations VALUES (1)")
    conn.commit()
    conn.close()
    with SQLiteStore(path) as s:
        fill(s)
        assert len(list(s.events())) == 1


def test_failure_while_merging_rolls_back(store: SQLiteStore, monkeypatch: pytest.MonkeyPatch) -> None:
    a, b = art("a"), art("b")
    store.save_article(a, [attack(a, 4, "4")])
    before = snapshot(store)

    def boom(*_args: object) -> None:
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(store, "_insert_event", boom)
    with pytest.raises(RuntimeError):
        store.save_article(b, [attack(b, 4, "Four")])
    assert snapshot(store) == before
    assert store.article("b") is None


def test_two_reports_of_one_article_stay_two_events(store: SQLiteStore) -> None:
    a, b = art("a"), art("b")
    store.save_article(a, [attack(a, 4, "4"), dataclasses.replace(attack(a, 4, "4"), id="ew-a-1")])
    store.save_article(b, [attack(b, 4, "Four")])
    rows = list(store.events())
    assert len(rows) == 2
    assert sorted(len(r["article_ids"]) for r in rows) == [1, 2]


def test_migration_4_adds_the_background_flag_to_stored_reports(tmp_path: Path) -> None:
    import sqlite3

    from merge_corpus import background_corpus

    path = tmp_path / "old.db"
    items = {a.id: (a, evs) for a, evs in background_corpus()}
    with SQLiteStore(path) as s:
        for name in ("kirkuk-herald", "tigris-news"):
            s.save_article(*items[name])
    conn = sqlite3.connect(path)  # the store as it was before migration 4
    conn.execute("ALTER TABLE mentions DROP COLUMN background")
    conn.execute("DELETE FROM schema_migrations WHERE version = 4")
    conn.commit()
    conn.close()
    with SQLiteStore(path) as s:
        assert s.conn.execute("SELECT article_id, background FROM mentions ORDER BY article_id").fetchall() == [
            ("kirkuk-herald", 0), ("tigris-news", 0)]
        s.save_article(*items["kirkuk-observer"])
        assert s.conn.execute("SELECT mention_id FROM mentions WHERE background = 1").fetchall() == [
            ("ew-kirkuk-observer-1",)]
        by_id = {e["id"]: e["article_ids"] for e in s.events()}
        assert by_id == {"ew-kirkuk-herald-0": ["kirkuk-herald", "tigris-news"],
                         "ew-kirkuk-observer-0": ["kirkuk-observer"]}
