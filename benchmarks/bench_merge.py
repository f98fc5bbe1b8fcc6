"""Cross-article merging cost: store time per article against an empty store and against one pre-filled with
100,000 synthetic events spread over countries and dates.

    python benchmarks/bench_merge.py [--prefill 100000] [--articles 400] [--seed 7]

The same synthetic articles (two events each, a third of them re-reports of an incident another article in the
set reports) are saved with `SQLiteStore.save_article` into both stores; extraction is not timed. The target is a
per-article ratio (pre-filled / empty) within 2x. Reports JSON on stdout.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import statistics
import tempfile
import time
from pathlib import Path

from eventwire.merge import report_for
from eventwire.model import EVENT_TAXONOMY, Article, DateValue, Event, Evidence, Place, Source, Span
from eventwire.serialize import event_to_json
from eventwire.store.sql import MENTION_COLUMNS, mention_values
from eventwire.store.sqlite import SQLiteStore, text_hash

START = dt.date(2021, 1, 1)
DAYS = 3 * 365
_WORDS_TEXT = ("bomb explosion attack gunmen village market checkpoint convoy soldiers militants police station rocket "
         "drone strike protest crowd clashes rebels army town district road mosque church school fighters")
WORDS = _WORDS_TEXT.split()
TYPES = [(t, s) for t, subs in EVENT_TAXONOMY.items() for s in subs]


def countries(rng: random.Random, n: int = 60) -> list[tuple[str, float, float]]:
    return [(f"C{i:02d}", rng.uniform(-35, 55), rng.uniform(-120, 140)) for i in range(n)]


def make_place(rng: random.Random, country: tuple[str, float, float]) -> Place:
    code, lat, lon = country
    plat, plon = lat + rng.uniform(-4, 4), lon + rng.uniform(-4, 4)
    return Place(name=f"Town {plat:.2f}", place_id=f"gn:{abs(hash((round(plat, 2), round(plon, 2)))) % 10**8}",
                 latitude=plat, longitude=plon, country=f"Country {code}", country_code=code,
                 admin1=f"{code}-{int(plat) % 7}")


def make_article(rng: random.Random, article_id: str, incidents: list[tuple[Place, dt.date, str, str, int]],
                 ) -> tuple[Article, list[Event]]:
    sentences, spans = [], []
    offset = 0
    for place, day, _t, _s, toll in incidents:
        words = " ".join(rng.choice(WORDS) for _ in range(12))
        sentence = f"In {place.name} on {day.isoformat()} {words} killed {toll} people. "
        spans.append((offset, sentence))
        sentences.append(sentence)
        offset += len(sentence)
    text = "".join(sentences)
    published = max(i[1] for i in incidents) + dt.timedelta(days=1)
    article = Article(id=article_id, text=text, published=published, url=f"https://bench/{article_id}")
    events = []
    for n, ((place, day, etype, sub, toll), (start, sentence)) in enumerate(zip(incidents, spans, strict=True)):
        k = start + sentence.index(" killed ") + 1
        evidence = {"event_type": Evidence(article_id, Span(k, k + 6, "killed"), 0.8, "bench"),
                    "location": Evidence(article_id, Span(start + 3, start + 3 + len(place.name), place.name), 0.8,
                                         "bench")}
        events.append(Event(id=f"ew-{article_id}-{n}", event_type=etype, sub_event_type=sub,
                            date=DateValue(day, day, 1, day.isoformat()), place=place, actor1=None, actor2=None,
                            weapon=None, fatalities=toll, injuries=None, captured=None, munitions=None,
                            confidence=0.7, evidence=evidence, sources=(Source(article_id, article.url, published,
                                                                               evidence),)))
    return article, events


def workload(rng: random.Random, n_articles: int) -> list[tuple[Article, list[Event]]]:
    places = countries(rng)
    incidents = []
    for _ in range(n_articles * 2):
        etype, sub = rng.choice(TYPES)
        incidents.append((make_place(rng, rng.choice(places)), START + dt.timedelta(days=rng.randrange(DAYS)),
                          etype, sub, rng.randrange(0, 30)))
    out = []
    for i in range(n_articles):
        pair = [incidents[2 * i], incidents[2 * i + 1]]
        if i % 3 == 2:  # a re-report of an earlier article's first incident
            pair[0] = incidents[2 * (i - 1)]
        out.append(make_article(rng, f"w{i:05d}", pair))
    return out


def prefill(store: SQLiteStore, rng: random.Random, n_events: int, per_article: int = 5) -> None:
    """Bulk-load `n_events` single-report events straight into the tables (as save_article would leave them)."""
    places = countries(rng)
    conn = store.conn
    conn.execute("BEGIN")
    for a in range(0, n_events, per_article):
        incidents = []
        for _ in range(min(per_article, n_events - a)):
            etype, sub = rng.choice(TYPES)
            incidents.append((make_place(rng, rng.choice(places)), START + dt.timedelta(days=rng.randrange(DAYS)),
                              etype, sub, rng.randrange(0, 30)))
        article, events = make_article(rng, f"p{a:07d}", incidents)
        conn.execute("INSERT INTO articles VALUES (?,?,?,?,?,?,?,?,?)",
                     (article.id, text_hash(article.text), article.text, article.published.isoformat()
                      if article.published else None, article.url, None, None, "bench", "2024-01-01T00:00:00"))
        for event in events:
            report = report_for(article, event)
            assert event.date is not None and event.place is not None
            record = event_to_json(event, with_sources=True)
            conn.execute("INSERT INTO events VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                         (event.id, *(record[c] for c in (
                             "event_type", "sub_event_type", "event_date", "time_precision", "country", "admin1",
                             "admin2", "location", "latitude", "longitude", "geo_precision", "actor1", "actor2",
                             "weapon", "fatalities", "injuries", "captured", "munitions", "confidence")),
                          json.dumps(record)))
            conn.execute("INSERT INTO event_sources VALUES (?, ?)", (event.id, article.id))
            values = mention_values(report)
            conn.execute(f"INSERT INTO mentions ({MENTION_COLUMNS}) VALUES ({','.join('?' * len(values))})", values)
    conn.execute("COMMIT")
    conn.execute("ANALYZE")


def timed_ingest(store: SQLiteStore, items: list[tuple[Article, list[Event]]]) -> list[float]:
    times = []
    for article, events in items:
        t0 = time.perf_counter()
        store.save_article(article, events)
        times.append(time.perf_counter() - t0)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--prefill", type=int, default=100_000)
    parser.add_argument("--articles", type=int, default=400)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    items = workload(random.Random(args.seed), args.articles)
    with tempfile.TemporaryDirectory() as tmp:
        with SQLiteStore(Path(tmp) / "empty.db") as empty:
            empty_times = timed_ingest(empty, items)
            merged_empty = empty.counts()
        with SQLiteStore(Path(tmp) / "full.db") as full:
            t0 = time.perf_counter()
            prefill(full, random.Random(args.seed + 1), args.prefill)
            fill_s = time.perf_counter() - t0
            full_times = timed_ingest(full, items)
            counts = full.counts()
    mean_empty, mean_full = statistics.mean(empty_times), statistics.mean(full_times)
    print(json.dumps({
        "articles": args.articles,
        "events_per_article": 2,
        "prefilled_events": args.prefill,
        "prefill_seconds": round(fill_s, 1),
        "empty_ms_per_article": {"mean": round(1000 * mean_empty, 3),
                                 "median": round(1000 * statistics.median(empty_times), 3)},
        "prefilled_ms_per_article": {"mean": round(1000 * mean_full, 3),
                                     "median": round(1000 * statistics.median(full_times), 3)},
        "ratio_mean": round(mean_full / mean_empty, 2),
        "ratio_median": round(statistics.median(full_times) / statistics.median(empty_times), 2),
        "empty_store_after": merged_empty,
        "prefilled_store_after": counts,
        "target": "ratio within 2x",
    }, indent=1))


if __name__ == "__main__":
    main()
