"""The store contract, run against every backend (SQLite and PostgreSQL + PostGIS): idempotent ingest, updates,
filters, migrations, cross-article merging of the hand-written corpus in every order, and atomicity.

The PostgreSQL parameters run in a throwaway cluster (see conftest.py) and are skipped, with the reason, where
PostgreSQL and PostGIS are not installed.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import itertools
import json
import threading
from collections import Counter
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from api_factory import Spec, fill_store, specs
from api_factory import make_event as api_event
from backends import Backend, PgCluster
from click.testing import CliRunner
from merge_corpus import BOMBING, EXPECTED, clusters, corpus

from eventwire.cli import main
from eventwire.model import Actor, Article, DateValue, Event, Evidence, Place, Source, Span
from eventwire.store import EventFilter, InvalidCursor, Store, decode_cursor, encode_cursor, open_store
from eventwire.store.sqlite import SQLiteStore

TEXT = "Gunmen killed four villagers in Kirkuk on Monday."
KIRKUK = Place(name="Kirkuk", place_id="gn:94787", latitude=35.4681, longitude=44.3922, country="Iraq",
               country_code="IQ", admin1="Kirkuk")
MERGE_TEXTS = {
    "a": "Gunmen shot dead 4 villagers in a village near Kirkuk on Monday, police said.",
    "b": "Four villagers were shot dead by gunmen near Kirkuk on Monday, 5 according to another count.",
    "c": "Gunmen killed 4 villagers near Kirkuk on Monday night in an attack on a village.",
}
DAY = dt.date(2023, 3, 13)


# -- helpers ----------------------------------------------------------------------------------------------
def article(article_id: str = "a1", text: str = TEXT, published: dt.date | None = dt.date(2023, 3, 15)) -> Article:
    return Article(id=article_id, text=text, published=published, url=f"http://news/{article_id}", title="T",
                   source="AP", origin="test")


def make_event(event_id: str, article_id: str = "a1", *, day: dt.date = dt.date(2023, 3, 13),
               country: str | None = "Iraq", event_type: str = "Violence against civilians",
               sub_event_type: str = "Attack", actor1: str | None = "Unidentified Armed Group (Iraq)",
               actor2: str | None = "Civilians (Iraq)", fatalities: int | None = 4, confidence: float = 0.8) -> Event:
    evidence = {"event_type": Evidence(article_id, Span(7, 13, "killed"), 0.9, "trigger")}
    place = dataclasses.replace(KIRKUK, country=country) if country is not None else None
    return Event(id=event_id, event_type=event_type, sub_event_type=sub_event_type,
                 date=DateValue(day, day, 1, "Monday"), place=place,
                 actor1=Actor("Gunmen", actor1, "political militia") if actor1 else None,
                 actor2=Actor("villagers", actor2, "civilians") if actor2 else None, weapon="firearm",
                 fatalities=fatalities, injuries=None, captured=None, munitions=None, confidence=confidence,
                 evidence=evidence,
                 sources=(Source(article_id, f"http://news/{article_id}", dt.date(2023, 3, 15), evidence),))


def art(article_id: str, text: str | None = None, url: str | None = None, day: int = 14) -> Article:
    return Article(id=article_id, text=text or MERGE_TEXTS[article_id], published=dt.date(2023, 3, day),
                   url=url or f"http://news/{article_id}", title=None)


def ev(a: Article, phrase: str) -> Evidence:
    start = a.text.index(phrase)
    return Evidence(a.id, Span(start, start + len(phrase), phrase), 0.9, "test")


def attack(a: Article, toll: int, toll_text: str, trigger: str = "shot dead", suffix: str = "0",
           place: Place = KIRKUK) -> Event:
    evidence = {"event_type": ev(a, trigger), "location": ev(a, "Kirkuk"), "event_date": ev(a, "Monday"),
                "fatalities": ev(a, toll_text)}
    return Event(id=f"ew-{a.id}-{suffix}", event_type="Violence against civilians", sub_event_type="Attack",
                 date=DateValue(DAY, DAY, 1, "Monday"), place=place, actor1=None, actor2=None, weapon="firearm",
                 fatalities=toll, injuries=None, captured=None, munitions=None, confidence=0.7, evidence=evidence,
                 sources=(Source(a.id, a.url, a.published, evidence),))


def fill(store: Store) -> None:
    a, b, c = art("a"), art("b"), art("c")
    assert store.save_article(a, [attack(a, 4, "4")]).merged == 0
    assert store.save_article(b, [attack(b, 4, "Four")]).merged == 1
    store.save_article(c, [attack(c, 4, "4", trigger="killed")])


def ids(rows: Any) -> list[str]:
    return [r["id"] for r in rows]


def sql(store: Store, query: str) -> list[tuple[Any, ...]]:
    """A raw query on either backend (both connections have execute().fetchall(), rows as tuples)."""
    return [tuple(r) for r in store.conn.execute(query).fetchall()]  # type: ignore[attr-defined]


def links(store: Store) -> list[tuple[Any, ...]]:
    return sql(store, "SELECT event_id, article_id FROM event_sources ORDER BY event_id, article_id")


def snapshot(store: Store) -> str:
    mentions = sql(store, "SELECT article_id, mention_id, event_id, component FROM mentions "
                          "ORDER BY article_id, mention_id")
    return json.dumps([list(store.events()), mentions, links(store)], sort_keys=True)


def ingest_all(store: Store, items: list[tuple[Article, list[Event]]]) -> str:
    for a, events in items:
        store.save_article(a, events)
    return json.dumps(list(store.events()), sort_keys=True)


def boom(*_args: object) -> None:
    raise RuntimeError("disk on fire")


@pytest.fixture
def store(backend: Backend) -> Iterator[Store]:
    with open_store(backend.fresh()) as s:
        yield s


# -- idempotency and updates ------------------------------------------------------------------------------
def test_save_article_stores_article_and_events(store: Store) -> None:
    outcome = store.save_article(article(), [make_event("ew-1"), make_event("ew-2")])
    assert (outcome.article_id, outcome.status, outcome.events) == ("a1", "stored", 2)
    assert store.counts() == {"articles": 1, "events": 2}
    assert store.article("a1") == {"id": "a1", "text": TEXT, "published": "2023-03-15", "url": "http://news/a1",
                                   "title": "T", "source": "AP"}
    rows = list(store.events())
    assert ids(rows) == ["ew-1", "ew-2"]
    assert rows[0]["article_ids"] == ["a1"]
    assert (rows[0]["country"], rows[0]["fatalities"]) == ("Iraq", 4)
    assert rows[0]["evidence"]["event_type"]["text"] == "killed"
    assert rows[0]["sources"][0]["article_id"] == "a1"
    assert links(store) == [("ew-1", "a1"), ("ew-2", "a1")]


def test_same_article_again_is_unchanged(store: Store) -> None:
    store.save_article(article(), [make_event("ew-1")])
    assert store.known(article()) == "unchanged"
    outcome = store.save_article(article(), [make_event("ew-1"), make_event("ew-9")])
    assert (outcome.status, outcome.events) == ("unchanged", 0)
    assert store.counts() == {"articles": 1, "events": 1}
    assert ids(store.events()) == ["ew-1"]


def test_same_text_under_other_id_is_duplicate(store: Store) -> None:
    store.save_article(article(), [make_event("ew-1")])
    other = article("a2", text=TEXT.replace(" ", "  "))  # whitespace differences do not make a new text
    assert store.known(other) == "duplicate-text"
    outcome = store.save_article(other, [make_event("ew-2", "a2")])
    assert (outcome.article_id, outcome.status, outcome.events) == ("a2", "duplicate-text", 0)
    assert store.counts() == {"articles": 1, "events": 1}
    assert store.article("a2") is None


def test_same_id_new_text_is_updated_and_old_events_removed(store: Store) -> None:
    store.save_article(article(), [make_event("ew-1"), make_event("ew-2")])
    new_text = "Correction: gunmen killed five villagers in Kirkuk on Monday."
    assert store.known(article(text=new_text)) is None
    outcome = store.save_article(article(text=new_text), [make_event("ew-3", fatalities=5)])
    assert (outcome.status, outcome.events) == ("updated", 1)
    assert store.counts() == {"articles": 1, "events": 1}
    (row,) = store.events()
    assert (row["id"], row["fatalities"]) == ("ew-3", 5)
    stored = store.article("a1")
    assert stored is not None and stored["text"] == new_text
    assert links(store) == [("ew-3", "a1")]


def test_same_url_new_id_is_an_update(store: Store) -> None:
    fill(store)
    moved = art("a2", "Gunmen shot dead 5 villagers in a village near Kirkuk on Monday, police said.",
                url="http://news/a")
    outcome = store.save_article(moved, [attack(moved, 5, "5")])
    assert outcome.status == "updated"
    assert store.article("a") is None
    (row,) = store.events()
    assert sorted(row["article_ids"]) == ["a2", "b", "c"]


def test_update_keeps_events_shared_with_other_articles(store: Store) -> None:
    shared = make_event("ew-s")
    shared = dataclasses.replace(shared, sources=(Source("a1", None, None, {}), Source("b1", None, None, {})))
    store.save_article(article("b1", text="Another report of the Kirkuk killing."), [])
    store.save_article(article(), [shared])
    store.save_article(article(text="A rewritten text."), [])
    assert ids(store.events()) == ["ew-s"]
    assert links(store) == [("ew-s", "b1")]


# -- queries ----------------------------------------------------------------------------------------------
@pytest.fixture
def filled(store: Store) -> Store:
    store.save_article(article("a1"), [
        make_event("ew-1", day=dt.date(2023, 3, 1), country="Iraq", fatalities=0),
        make_event("ew-2", day=dt.date(2023, 3, 10), country="Syria", event_type="Battles",
                   sub_event_type="Armed clash", actor1="Military Forces of Syria", actor2="Islamic State",
                   fatalities=12, confidence=0.95),
    ])
    store.save_article(article("a2", text="A second article about Mosul."), [
        make_event("ew-3", "a2", day=dt.date(2023, 3, 20), country="Iraq", actor1="Protesters (Iraq)",
                   actor2=None, event_type="Protests", sub_event_type="Peaceful protest", fatalities=None,
                   confidence=0.4),
        make_event("ew-4", "a2", day=dt.date(2023, 3, 10), country=None, fatalities=3),
    ])
    return store


def test_events_newest_first(filled: Store) -> None:
    assert ids(filled.events()) == ["ew-3", "ew-2", "ew-4", "ew-1"]


@pytest.mark.parametrize(("flt", "expected"), [
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
    (EventFilter(min_confidence=0.9), ["ew-2"]),
    (EventFilter(min_confidence=0.5), ["ew-2", "ew-4", "ew-1"]),
    (EventFilter(country="Iraq", event_type="Violence against civilians"), ["ew-1"]),
    (EventFilter(country="Nigeria"), []),
])
def test_event_filters(filled: Store, flt: EventFilter, expected: list[str]) -> None:
    assert ids(filled.events(flt)) == expected


def test_undated_events_come_last(store: Store) -> None:
    undated = dataclasses.replace(make_event("ew-0"), date=None)
    store.save_article(article(), [undated, make_event("ew-1")])
    assert ids(store.events()) == ["ew-1", "ew-0"]


def test_reopen_keeps_data_and_runs_migrations_once(backend: Backend) -> None:
    target = backend.fresh()
    with open_store(target) as s:
        s.save_article(article(), [make_event("ew-1")])
    with open_store(target) as s:
        assert s.counts() == {"articles": 1, "events": 1}
        assert ids(s.events()) == ["ew-1"]
    with open_store(target) as s:
        assert sql(s, "SELECT version FROM schema_migrations ORDER BY version") == \
            [(v,) for v in range(1, backend.migrations + 1)]


# -- atomicity --------------------------------------------------------------------------------------------
def test_failing_insert_leaves_nothing_half_written(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    store.save_article(article("a0", text="An earlier article."), [make_event("ew-0", "a0")])
    monkeypatch.setattr(store, "_insert_event", boom)
    with pytest.raises(RuntimeError, match="disk on fire"):
        store.save_article(article(), [make_event("ew-1")])
    assert store.counts() == {"articles": 1, "events": 1}
    assert store.article("a1") is None
    assert store.known(article()) is None
    monkeypatch.undo()
    assert store.save_article(article(), [make_event("ew-1")]).status == "stored"
    assert store.counts() == {"articles": 2, "events": 2}


def test_failing_update_keeps_old_version(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    store.save_article(article(), [make_event("ew-1")])
    monkeypatch.setattr(store, "_insert_event", boom)
    with pytest.raises(RuntimeError):
        store.save_article(article(text="New text."), [make_event("ew-2")])
    stored = store.article("a1")
    assert stored is not None and stored["text"] == TEXT
    assert ids(store.events()) == ["ew-1"]


def test_failure_while_merging_rolls_back(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    a, b = art("a"), art("b")
    store.save_article(a, [attack(a, 4, "4")])
    before = snapshot(store)
    monkeypatch.setattr(store, "_insert_event", boom)
    with pytest.raises(RuntimeError):
        store.save_article(b, [attack(b, 4, "Four")])
    assert snapshot(store) == before
    assert store.article("b") is None


# -- merging ----------------------------------------------------------------------------------------------
def test_three_reports_one_event(store: Store) -> None:
    fill(store)
    (row,) = store.events()
    assert row["id"] == "ew-a-0"
    assert row["article_ids"] == ["a", "b", "c"]
    assert links(store) == [("ew-a-0", "a"), ("ew-a-0", "b"), ("ew-a-0", "c")]
    assert store.event("ew-c-0") == row  # a report's id finds its event
    assert store.event("nope") is None
    assert [r["article_ids"] for r in store.reports("ew-a-0")] == [["a"], ["b"], ["c"]]


def test_reingest_same_text_changes_nothing(store: Store) -> None:
    fill(store)
    before = snapshot(store)
    for a in (art("a"), art("b"), art("c")):
        assert store.save_article(a, [attack(a, 99, "Kirkuk", trigger="Kirkuk")]).status == "unchanged"
    assert snapshot(store) == before


def test_updated_article_replaces_its_contribution(store: Store, backend: Backend) -> None:
    fill(store)
    new = art("b", "Correction: gunmen shot dead 6 villagers near Kirkuk on Monday, officials said.", day=15)
    assert store.save_article(new, [attack(new, 6, "6")]).status == "updated"
    (row,) = store.events()
    assert row["article_ids"] == ["a", "c", "b"]
    assert "fatalities reported: 4, 6" in row["notes"]
    assert row["fatalities"] == 4
    assert sql(store, "SELECT COUNT(*) FROM mentions WHERE article_id = 'b'") == [(1,)]
    # the update leaves the store as if the new version had been ingested in the first place
    with open_store(backend.fresh()) as fresh:
        a, c = art("a"), art("c")
        fresh.save_article(new, [attack(new, 6, "6")])
        fresh.save_article(c, [attack(c, 4, "4", trigger="killed")])
        fresh.save_article(a, [attack(a, 4, "4")])
        assert list(fresh.events()) == list(store.events())


def test_events_of_article_lists_the_events_it_is_a_source_of(store: Store) -> None:
    assert store.events_of_article("a") == []
    fill(store)
    (merged,) = store.events()
    for article_id in ("a", "b", "c"):
        assert store.events_of_article(article_id) == [merged]
    other = art("d", "Gunmen killed 3 villagers in Kirkuk on Monday.", url="http://news/d")
    store.save_article(other, [attack(other, 3, "3", trigger="killed", place=dataclasses.replace(
        KIRKUK, place_id="gn:1", latitude=10.0, longitude=10.0, country="Chad", country_code="TD"))])
    assert ids(store.events_of_article("d")) == ["ew-d-0"]
    assert store.events_of_article("a") == [merged]
    store.save_article(art("a", "An unrelated text about the weather in Kirkuk."), [])
    assert store.events_of_article("a") == []
    assert store.events_of_article("missing") == []


def test_update_that_drops_the_event_splits_nothing_else(store: Store) -> None:
    fill(store)
    store.save_article(art("a", "An unrelated text about the weather in Kirkuk."), [])
    (row,) = store.events()
    assert row["id"] == "ew-b-0"  # the earliest remaining report now gives the id
    assert row["article_ids"] == ["b", "c"]


def test_two_reports_of_one_article_stay_two_events(store: Store) -> None:
    a, b = art("a"), art("b")
    store.save_article(a, [attack(a, 4, "4"), dataclasses.replace(attack(a, 4, "4"), id="ew-a-1")])
    store.save_article(b, [attack(b, 4, "Four")])
    assert sorted(len(r["article_ids"]) for r in store.events()) == [1, 2]


def test_points_across_a_border_merge(store: Store) -> None:
    """The cross-border candidate query (grid cells in SQLite, PostGIS in PostgreSQL): two points 9 km apart
    in two countries are one incident; the same report 80 km away is not."""
    near = Place(name="Kirkuk", place_id="gn:x1", latitude=35.4681, longitude=44.49, country="Iran",
                 country_code="IR", admin1="Kurdistan")
    far = dataclasses.replace(near, place_id="gn:x2", longitude=45.28)
    a, b = art("a"), art("b")
    store.save_article(a, [attack(a, 4, "4")])
    assert store.save_article(b, [attack(b, 4, "Four", place=near)]).merged == 1
    assert [r["article_ids"] for r in store.events()] == [["a", "b"]]
    c = art("c")
    assert store.save_article(c, [attack(c, 4, "4", trigger="killed", place=far)]).merged == 0
    assert store.counts() == {"articles": 3, "events": 2}


def test_corpus_in_every_order_gives_the_same_events(backend: Backend) -> None:
    items = corpus()
    seen: set[str] = set()
    store: Store | None = None
    try:
        for order in itertools.permutations(items):
            store = backend.emptied(store)
            seen.add(ingest_all(store, list(order)))
            assert clusters(store) == EXPECTED, [a.id for a, _ in order]
    finally:
        if store is not None:
            store.close()
    assert len(seen) == 1  # ids, fields, sources and notes are identical in all 120 orders


def test_corpus_bombing_reconciled(store: Store) -> None:
    ingest_all(store, corpus())
    (bombing,) = [r for r in store.events() if set(r["article_ids"]) == BOMBING]
    assert bombing["id"] == "ew-kirkuk-herald-0"
    assert bombing["article_ids"] == ["kirkuk-herald", "tigris-news", "iraq-daily"]
    assert (bombing["event_date"], bombing["location"], bombing["fatalities"]) == ("2024-03-10", "Kirkuk", 12)
    assert "fatalities reported: 8, 10, 12" in bombing["notes"]
    assert store.counts() == {"articles": 5, "events": 3}


def test_concurrent_ingesters_merge_once(backend: Backend) -> None:
    """One connection per thread, all five corpus articles at once: the writes are serialized per article, so
    the result is the one of any sequential order."""
    target = backend.fresh()
    open_store(target).close()  # migrate before the race
    errors: list[BaseException] = []

    def ingest(item: tuple[Article, list[Event]]) -> None:
        try:
            with open_store(target) as s:
                s.save_article(*item)
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=ingest, args=(item,)) for item in corpus()]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    with open_store(target) as s, open_store(backend.fresh()) as sequential:
        assert clusters(s) == EXPECTED
        assert json.dumps(list(s.events()), sort_keys=True) == ingest_all(sequential, corpus())


def test_cli_reads_the_store(backend: Backend) -> None:
    target = backend.fresh()
    with open_store(target) as s:
        ingest_all(s, corpus())
    runner = CliRunner()
    result = runner.invoke(main, ["events", "--db", target, "--json", "--country", "iraq"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert len(result.stdout.splitlines()) == 3
    result = runner.invoke(main, ["event", "ew-iraq-daily-0", "--db", target, "--json"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["id"] == "ew-kirkuk-herald-0"


# -- PostgreSQL specifics ---------------------------------------------------------------------------------
def test_backends_give_identical_events(pg_cluster: PgCluster, tmp_path: Any) -> None:
    with SQLiteStore(tmp_path / "x.db") as lite, open_store(pg_cluster.fresh()) as pg:
        assert ingest_all(pg, corpus()) == ingest_all(lite, corpus())
        assert [pg.reports(e["id"]) for e in pg.events()] == [lite.reports(e["id"]) for e in lite.events()]


def test_postgres_schema_from_scratch(pg_cluster: PgCluster) -> None:
    """A database without PostGIS: the migrations create the extension, the geography columns and GiST indexes."""
    with open_store(pg_cluster.fresh(empty=True)) as s:
        ingest_all(s, corpus())
        indexes = {r[0] for r in sql(s, "SELECT indexname FROM pg_indexes WHERE indexdef LIKE '%USING gist%'")}
        assert {"events_geog", "mentions_geog"} <= indexes
        points = sql(s, "SELECT round(ST_Y(geog::geometry)::numeric, 4) FROM events WHERE geog IS NOT NULL")
        assert points and all(float(p[0]) == 35.4681 for p in points)
        near = sql(s, "SELECT COUNT(*) FROM events WHERE ST_DWithin(geog, ST_MakePoint(44.39, 35.47)::geography, "
                      "1000)")
        assert near == [(3,)]


def test_postgres_unreachable_is_a_clear_error(pg_cluster: PgCluster) -> None:
    from eventwire.store import StoreUnavailable

    url = f"postgresql://postgres:secret@127.0.0.1:{pg_cluster.port}/no_such_db"
    with pytest.raises(StoreUnavailable, match="cannot connect to postgresql://postgres:\\*\\*\\*@"):
        open_store(url)
    result = CliRunner().invoke(main, ["events", "--db", url])
    assert result.exit_code == 1
    assert "cannot connect" in result.stderr and "secret" not in result.stderr


def test_postgres_blocking_uses_the_indexes(pg_cluster: PgCluster) -> None:
    """The candidate queries can use mentions_block and the GiST index (the planner is told to avoid seq scans:
    the tables are tiny here)."""
    with open_store(pg_cluster.fresh()) as s:
        s.conn.execute("SET enable_seqscan = off")  # type: ignore[attr-defined]
        same_country = " ".join(r[0] for r in sql(s, (
            "EXPLAIN SELECT record FROM mentions WHERE family = 'violent' AND country_code = 'IQ' "
            "AND event_date BETWEEN '2023-03-11' AND '2023-03-15' AND article_id != 'x'")))
        assert "mentions_block" in same_country
        near = " ".join(r[0] for r in sql(s, (
            "EXPLAIN SELECT record FROM mentions WHERE ST_DWithin(geog, ST_MakePoint(44.4, 35.5)::geography, 51000) "
            "AND event_date BETWEEN '2023-03-11' AND '2023-03-15' AND country_code != 'IQ'")))
        assert "mentions_geog" in near


# -- API-facing queries: filters, keyset pagination, stats --------------------------------------------------
API_SORTS: dict[str, tuple[Callable[[Spec], Any], bool]] = {
    "event_date": (lambda s: s.day.isoformat(), False),
    "-event_date": (lambda s: s.day.isoformat(), True),
    "fatalities": (lambda s: -1 if s.fatalities is None else s.fatalities, False),
    "-fatalities": (lambda s: -1 if s.fatalities is None else s.fatalities, True),
}
API_FILTERS: list[tuple[EventFilter, Callable[[Spec], bool]]] = [
    (EventFilter(country="iraq"), lambda s: s.country == "Iraq"),
    (EventFilter(admin1="NINEVEH"), lambda s: s.admin1 == "Nineveh"),
    (EventFilter(weapon="ied"), lambda s: s.weapon == "IED"),
    (EventFilter(actor="state (ir"), lambda s: "State (Ir" in s.actor1 or "State (Ir" in (s.actor2 or "")),
    (EventFilter(actor="100%_"), lambda s: False),
    (EventFilter(bbox=(40.0, 30.0, 50.0, 37.0)),
     lambda s: s.place is not None and 30 <= s.place[4] <= 37 and 40 <= s.place[5] <= 50),
    (EventFilter(bbox=(170.0, -20.0, -170.0, 0.0)), lambda s: s.place is not None and s.place[0] == "Suva"),
    (EventFilter(q="airstrike"), lambda s: s.trigger == "airstrike"),
    (EventFilter(q="Roadside BOMB"), lambda s: s.trigger == "roadside bomb"),
    (EventFilter(q="roadside airstrike"), lambda s: False),
    (EventFilter(q="clash"), lambda s: s.trigger == "clashed"),  # stemmed
    (EventFilter(q="  ,; "), lambda s: False),
    (EventFilter(geo_precision=2), lambda s: s.geo_precision == 2),
    (EventFilter(time_precision=3), lambda s: s.time_precision == 3),
    (EventFilter(country="Syria", min_fatalities=3, date_from=dt.date(2023, 1, 5)),
     lambda s: s.country == "Syria" and (s.fatalities or 0) >= 3 and s.day >= dt.date(2023, 1, 5)),
]


@pytest.fixture(scope="module")
def api_specs() -> list[Spec]:
    return specs()


@pytest.fixture
def api_filled(store: Store, api_specs: list[Spec]) -> Store:
    fill_store(store, api_specs)
    return store


def expected_order(items: list[Spec], sort: str) -> list[str]:
    key, descending = API_SORTS[sort]
    return [s.id for s in sorted(items, key=lambda s: (key(s), s.id), reverse=descending)]


def all_pages(store: Store, flt: EventFilter | None, sort: str, limit: int) -> tuple[list[str], int]:
    out: list[str] = []
    cursor: str | None = None
    pages = 0
    while True:
        page = store.events_page(flt, sort=sort, limit=limit, cursor=cursor)
        assert len(page.events) <= limit and page.sort == sort
        out += ids(page.events)
        pages += 1
        cursor = page.next_cursor
        if cursor is None:
            return out, pages


def test_api_filters(api_filled: Store, api_specs: list[Spec]) -> None:
    for flt, keep in API_FILTERS:
        want = {s.id for s in api_specs if keep(s)}
        assert set(ids(api_filled.events(flt))) == want, flt
        got, _ = all_pages(api_filled, flt, "-event_date", 4)
        assert got == [i for i in expected_order(api_specs, "-event_date") if i in want], flt
        assert api_filled.stats(flt)["events"] == len(want), flt
    assert any(keep(s) for _, keep in API_FILTERS[:3] for s in api_specs)


@pytest.mark.parametrize("sort", list(API_SORTS))
def test_pages_cover_every_event_once_in_order(api_filled: Store, api_specs: list[Spec], sort: str) -> None:
    want = expected_order(api_specs, sort)
    for limit in (1, 7, 45, 100):
        got, pages = all_pages(api_filled, None, sort, limit)
        assert got == want
        assert pages == max(1, -(-len(want) // limit))


def test_cursor_is_backend_independent_and_checked(api_filled: Store, api_specs: list[Spec]) -> None:
    first = api_filled.events_page(sort="fatalities", limit=5)
    assert first.next_cursor is not None
    key, last_id = decode_cursor(first.next_cursor, "fatalities")
    assert last_id == ids(first.events)[-1] and isinstance(key, int)
    assert key == -1 if first.events[-1]["fatalities"] is None else key == first.events[-1]["fatalities"]
    # a cursor made by hand (as the other backend would make it) continues after that position
    undated = encode_cursor("event_date", "", "")
    assert ids(api_filled.events_page(sort="event_date", limit=3, cursor=undated).events) == \
        expected_order(api_specs, "event_date")[:3]
    with pytest.raises(InvalidCursor):
        api_filled.events_page(sort="-event_date", cursor=first.next_cursor)
    for sort, bad in (("event_date", "nonsense"), ("event_date", encode_cursor("event_date", "yesterday", "x")),
                      ("fatalities", encode_cursor("fatalities", "3", "x"))):
        with pytest.raises(InvalidCursor):
            api_filled.events_page(sort=sort, cursor=bad)
    with pytest.raises(ValueError):
        api_filled.events_page(sort="confidence")
    with pytest.raises(ValueError):
        api_filled.events_page(limit=0)


def test_pages_are_stable_when_events_arrive(api_filled: Store, api_specs: list[Spec]) -> None:
    first = api_filled.events_page(sort="-event_date", limit=10)
    early = dataclasses.replace(api_specs[0], id="ew-early", day=dt.date(2020, 1, 1), place=None)
    late = dataclasses.replace(api_specs[0], id="ew-late", day=dt.date(2030, 1, 1), place=None)
    fill_store_extra(api_filled, [early, late])
    following: list[str] = []
    cursor = first.next_cursor
    while cursor is not None:
        page = api_filled.events_page(sort="-event_date", limit=10, cursor=cursor)
        following += ids(page.events)
        cursor = page.next_cursor
    assert ids(first.events) + following == [i for i in expected_order([*api_specs, early, late], "-event_date")
                                            if i != "ew-late"]


def fill_store_extra(store: Store, items: list[Spec]) -> None:
    for spec in items:
        a = Article(id=f"art-{spec.id}", text=spec.text, published=spec.day, url=f"http://news.test/{spec.id}")
        store.save_article(a, [api_event(spec, a.id)])


def test_stats(api_filled: Store, api_specs: list[Spec]) -> None:
    stats = api_filled.stats()
    assert stats["events"] == len(api_specs)
    assert stats["fatalities"] == sum(s.fatalities or 0 for s in api_specs)
    days = sorted({s.day for s in api_specs})
    assert [d["key"] for d in stats["by_day"]] == [d.isoformat() for d in days]
    assert sum(d["events"] for d in stats["by_day"]) == len(api_specs)
    countries = Counter(s.country for s in api_specs)
    assert [(c["key"], c["events"]) for c in stats["by_country"]] == \
        sorted(countries.items(), key=lambda kv: (-kv[1], kv[0] is not None, kv[0] or ""))
    admin1 = Counter((s.country, s.admin1) for s in api_specs)
    assert [((a["country"], a["key"]), a["events"]) for a in stats["by_admin1"]] == \
        sorted(admin1.items(), key=lambda kv: (-kv[1], kv[0][0] is not None, kv[0][0] or "", kv[0][1] is not None,
                                               kv[0][1] or ""))
    types = Counter(s.event_type for s in api_specs)
    assert {t["key"]: t["events"] for t in stats["by_event_type"]} == types
    sub_types = Counter((s.event_type, s.sub_event_type) for s in api_specs)
    assert {(t["event_type"], t["key"]): t["events"] for t in stats["by_sub_event_type"]} == sub_types
    assert api_filled.stats(EventFilter(country="Nowhere")) == {
        "events": 0, "fatalities": 0, "by_day": [], "by_event_type": [], "by_sub_event_type": [], "by_country": [],
        "by_admin1": []}


def test_same_answers_on_both_backends(pg_cluster: PgCluster, tmp_path: Any, api_specs: list[Spec]) -> None:
    """Pages (with their cursors) and stats are identical on SQLite and PostgreSQL."""
    with open_store(str(tmp_path / "s.db")) as lite, open_store(pg_cluster.fresh()) as pg:
        fill_store(lite, api_specs)
        fill_store(pg, api_specs)
        for flt in [None, *(f for f, _ in API_FILTERS)]:
            assert lite.stats(flt) == pg.stats(flt)
            for sort in API_SORTS:
                a = lite.events_page(flt, sort=sort, limit=6)
                b = pg.events_page(flt, sort=sort, limit=6)
                assert a == b
                if a.next_cursor:
                    assert pg.events_page(flt, sort=sort, limit=6, cursor=a.next_cursor) == \
                        lite.events_page(flt, sort=sort, limit=6, cursor=a.next_cursor)


def test_count_matches_the_filters(api_filled: Store, api_specs: list[Spec]) -> None:
    assert api_filled.count() == len(api_specs)
    for flt, keep in API_FILTERS:
        assert api_filled.count(flt) == sum(1 for s in api_specs if keep(s)), flt
    combined = EventFilter(admin1="kirkuk", actor="ISLAMIC", weapon="Firearm")
    assert api_filled.count(combined) == sum(1 for s in api_specs if s.admin1 == "Kirkuk" and "Islamic" in s.actor1
                                             and s.weapon == "firearm") > 0


def test_cursor_is_tied_to_its_filters(api_filled: Store) -> None:
    flt = EventFilter(country="Iraq", weapon="firearm")
    page = api_filled.events_page(flt, limit=2)
    assert page.next_cursor is not None
    assert api_filled.events_page(EventFilter(country="IRAQ", weapon="FIREARM", limit=9), limit=2,
                                  cursor=page.next_cursor).events  # case and limit aside: the same filters
    for other in (None, EventFilter(country="Iraq"), EventFilter(country="Iraq", weapon="firearm", admin1="Kirkuk"),
                  EventFilter(country="Iraq", weapon="firearm", actor="state")):
        with pytest.raises(InvalidCursor, match="other filters"):
            api_filled.events_page(other, limit=2, cursor=page.next_cursor)


def test_source_articles(api_filled: Store, api_specs: list[Spec]) -> None:
    spec = api_specs[0]
    found = api_filled.source_articles([f"art-{spec.id}", "art-missing", f"art-{spec.id}"])
    assert set(found) == {f"art-{spec.id}"}
    article = found[f"art-{spec.id}"]
    assert (article["text"], article["source"], article["title"], article["published"]) == \
        (spec.text, "Test Wire", f"Report {spec.id}", spec.day.isoformat())
    assert dt.datetime.fromisoformat(article["ingested_at"]).year >= 2024
    many = api_filled.source_articles([f"art-{s.id}" for s in api_specs] * 30)  # past one batch of ids
    assert len(many) == len(api_specs)
