"""HTTP API latency: `eventwire serve` over a store of 100,000 synthetic events, queried on 127.0.0.1, for the
SQLite and the PostgreSQL backend.

    python benchmarks/bench_api.py [--backend sqlite|postgres|both] [--pg URL] [--events 100000]
                                   [--requests 2000] [--concurrency 1] [--max-seconds 300]

PostgreSQL runs in a throwaway cluster on 127.0.0.1 (as the tests start one: initdb, pg_ctl; PostGIS needed)
unless --pg names an empty database to fill. Each store is filled straight through SQL (COPY for PostgreSQL):
events spread over 20 countries, three years, every ACLED event type, a few actors and weapons, evidence text
from a small vocabulary. Then the server runs in a subprocess and a bounded loop sends a mix of typical
`/api/events` requests (no filter; country + date window; bounding box; event type + minimum fatalities;
full-text `q`; actor substring; admin1; weapon; sort by fatalities; and next pages reached by following cursors
from earlier answers; first pages include the total count). Reports, per backend, the store size, requests/s and
p50/p95/p99 latency (overall and per kind) as JSON on stdout. The target is p95 < 200 ms. Never run as a test.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx

from eventwire.model import EVENT_TAXONOMY
from eventwire.store.sql import EVENT_COLUMNS
from eventwire.store.sqlite import SQLiteStore

START = dt.date(2021, 1, 1)
DAYS = 3 * 365
COUNTRIES: tuple[tuple[str, float, float], ...] = (
    ("Iraq", 33.2, 43.7), ("Syria", 35.0, 38.5), ("Yemen", 15.6, 48.0), ("Afghanistan", 34.0, 66.0),
    ("Somalia", 5.2, 46.2), ("Nigeria", 9.1, 8.7), ("Mali", 17.6, -4.0), ("Burkina Faso", 12.2, -1.6),
    ("Sudan", 15.5, 30.2), ("Ethiopia", 9.1, 40.5), ("Ukraine", 48.4, 31.2), ("Myanmar", 21.9, 96.0),
    ("Pakistan", 30.4, 69.3), ("Democratic Republic of Congo", -2.9, 23.7), ("Mexico", 23.6, -102.5),
    ("Colombia", 4.6, -74.3), ("Libya", 26.3, 17.2), ("Mozambique", -18.7, 35.5), ("Cameroon", 7.4, 12.4),
    ("Philippines", 12.9, 121.8),
)
TYPES = [(t, s) for t, subs in EVENT_TAXONOMY.items() for s in subs]
ACTORS = ("Islamic State", "Military Forces", "Police Forces", "Unidentified Armed Group", "Al Shabaab",
          "Civilians", "Protesters", "Rioters", "Wagner Group", "Militia")
WEAPONS = ("firearm", "air strike", "IED", "artillery", "drone", "rocket", None)
_VOCABULARY = ("bomb explosion attack gunmen village market checkpoint convoy soldiers militants police station "
               "rocket drone strike protest crowd clashes rebels army town district road mosque church school fighters")
WORDS = _VOCABULARY.split()


def synthetic(n_events: int, seed: int) -> Iterator[tuple[tuple[Any, ...], tuple[Any, ...], dict[str, Any]]]:
    """(articles row, events row without the record, record) of n_events single-source events."""
    rng = random.Random(seed)
    for i in range(n_events):
        country, clat, clon = rng.choice(COUNTRIES)
        lat, lon = clat + rng.uniform(-3, 3), clon + rng.uniform(-3, 3)
        etype, sub = rng.choice(TYPES)
        day = (START + dt.timedelta(days=rng.randrange(DAYS))).isoformat()
        event_id, article_id = f"ew-{i:08x}", f"a{i:08x}"
        words = " ".join(rng.choice(WORDS) for _ in range(6))
        text = f"In Town {i} on {day} {words}."
        evidence = {"event_type": {"article_id": article_id, "start": 0, "end": len(text), "text": words,
                                   "confidence": 0.8, "reason": "bench"}}
        fatalities = rng.choice((None, 0, 0, 1, 2, 3, 5, 8, 13, 40))
        record: dict[str, Any] = {
            "id": event_id, "article_ids": [article_id], "event_type": etype, "sub_event_type": sub,
            "event_date": day, "time_precision": rng.choice((1, 1, 1, 2, 3)), "country": country,
            "admin1": f"{country} Province {rng.randrange(8)}", "admin2": None, "location": f"Town {i}",
            "latitude": round(lat, 4), "longitude": round(lon, 4), "geo_precision": rng.choice((1, 1, 2, 3)),
            "actor1": f"{rng.choice(ACTORS)} ({country})", "actor2": rng.choice((None, f"Civilians ({country})")),
            "inter1": 2, "inter2": None, "weapon": rng.choice(WEAPONS), "fatalities": fatalities,
            "injuries": None, "captured": None, "munitions": None, "confidence": 0.7, "evidence": evidence,
            "sources": [{"article_id": article_id, "url": f"https://bench/{article_id}", "published": day,
                         "evidence": evidence}],
            "notes": [],
        }
        article = (article_id, f"h{i}", text, day, f"https://bench/{article_id}", None, "Bench Wire", "bench")
        yield article, (event_id, *(record[c] for c in EVENT_COLUMNS)), record


def fill(path: Path, n_events: int, seed: int) -> None:
    """A SQLite store of n_events single-source events (and one article each) inserted in one transaction."""
    with SQLiteStore(path) as store:
        conn = store.conn
        conn.execute("BEGIN")
        for article, event, record in synthetic(n_events, seed):
            conn.execute("INSERT INTO articles VALUES (?,?,?,?,?,?,?,?,?)", (*article, "2024-01-01T00:00:00"))
            conn.execute(f"INSERT INTO events VALUES ({','.join('?' * (len(event) + 1))})",
                         (*event, json.dumps(record)))
            conn.execute("INSERT INTO event_sources VALUES (?, ?)", (event[0], article[0]))
        conn.execute("COMMIT")
        conn.execute("ANALYZE")


def fill_postgres(url: str, n_events: int, seed: int) -> None:
    """The same events in a PostgreSQL database (migrated by opening it), loaded with COPY."""
    from eventwire.store.postgres import PostgresStore

    with PostgresStore(url) as store:
        conn = store.conn
        with conn.transaction():
            with conn.cursor().copy("COPY articles (id, text_hash, text, published, url, title, source, origin) "
                                    "FROM STDIN") as articles:
                for article, _event, _record in synthetic(n_events, seed):
                    articles.write_row(article)
            with conn.cursor().copy(f"COPY events (id, {', '.join(EVENT_COLUMNS)}, record) FROM STDIN") as events:
                for _article, event, record in synthetic(n_events, seed):
                    events.write_row((*event, json.dumps(record)))
            with conn.cursor().copy("COPY event_sources (event_id, article_id) FROM STDIN") as sources:
                for article, event, _record in synthetic(n_events, seed):
                    sources.write_row((event[0], article[0]))
        conn.execute("ANALYZE")


def typical_request(rng: random.Random) -> tuple[str, dict[str, Any]]:
    country, clat, clon = rng.choice(COUNTRIES)
    start = START + dt.timedelta(days=rng.randrange(DAYS - 90))
    kind = rng.choice(("all", "country_window", "bbox", "type_fatalities", "q", "actor", "sort_fatalities",
                       "admin1", "weapon"))
    params: dict[str, Any] = {"limit": 100}
    if kind == "country_window":
        params |= {"country": country, "date_from": start.isoformat(),
                   "date_to": (start + dt.timedelta(days=90)).isoformat()}
    elif kind == "bbox":
        params |= {"bbox": f"{clon - 2:.2f},{clat - 2:.2f},{clon + 2:.2f},{clat + 2:.2f}",
                   "date_from": start.isoformat()}
    elif kind == "type_fatalities":
        params |= {"event_type": rng.choice(TYPES)[0], "min_fatalities": rng.choice((1, 5, 10))}
    elif kind == "q":
        params |= {"q": " ".join(rng.sample(WORDS, rng.choice((1, 2))))}
    elif kind == "actor":
        params |= {"actor": rng.choice(ACTORS).split()[0], "country": country}
    elif kind == "sort_fatalities":
        params |= {"sort": "-fatalities", "country": country}
    elif kind == "admin1":
        params |= {"admin1": f"{country} Province {rng.randrange(8)}", "date_from": start.isoformat()}
    elif kind == "weapon":
        params |= {"weapon": rng.choice([w for w in WEAPONS if w]), "country": country}
    return kind, params


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def summary(latencies: list[float]) -> dict[str, float]:
    return {"n": len(latencies), "p50_ms": round(1000 * percentile(latencies, 0.50), 2),
            "p95_ms": round(1000 * percentile(latencies, 0.95), 2),
            "p99_ms": round(1000 * percentile(latencies, 0.99), 2),
            "mean_ms": round(1000 * statistics.mean(latencies), 2)}


def run_load(base: str, n_requests: int, concurrency: int, max_seconds: float, seed: int,
             ) -> tuple[list[tuple[str, float, int]], float]:
    results: list[tuple[str, float, int]] = []
    lock = threading.Lock()
    counter = iter(range(n_requests))
    deadline = time.monotonic() + max_seconds

    def worker(worker_seed: int) -> None:
        rng = random.Random(worker_seed)
        pending: list[dict[str, Any]] = []  # next pages to visit (deep pagination through cursors)
        with httpx.Client(base_url=base, timeout=30) as client:
            while time.monotonic() < deadline:
                with lock:
                    if next(counter, None) is None:
                        return
                if pending and rng.random() < 0.3:
                    kind, params = "next_page", pending.pop(rng.randrange(len(pending)))
                else:
                    kind, params = typical_request(rng)
                t0 = time.perf_counter()
                response = client.get("/api/events", params=params)
                elapsed = time.perf_counter() - t0
                if response.status_code == 200:
                    cursor = response.json().get("next_cursor")
                    if cursor:
                        pending = [*pending[-20:], {**params, "cursor": cursor}]
                with lock:
                    results.append((kind, elapsed, response.status_code))

    started = time.perf_counter()
    threads = [threading.Thread(target=worker, args=(seed + i,)) for i in range(concurrency)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results, time.perf_counter() - started


def bench_server(db: str, args: argparse.Namespace) -> dict[str, Any]:
    """Serve `db` with `eventwire serve` in a subprocess and run the bounded load against it."""
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = subprocess.Popen(
        [sys.executable, "-m", "eventwire.cli", "serve", "--db", db, "--host", "127.0.0.1", "--port", str(port),
         "--rate-limit", "0"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=os.environ.copy())
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                counts = httpx.get(f"{base}/api/health", timeout=2).json()
                break
            except httpx.TransportError:
                if server.poll() is not None or time.monotonic() > deadline:
                    raise SystemExit("server did not start") from None
                time.sleep(0.2)
        for _ in range(20):  # warm-up (page cache, first imports, pooled connections)
            httpx.get(f"{base}/api/events", timeout=30)
        results, wall = run_load(base, args.requests, args.concurrency, args.max_seconds, args.seed)
        stats_latencies = []
        with httpx.Client(base_url=base, timeout=30) as client:
            for i in range(50):
                t1 = time.perf_counter()
                client.get("/api/stats", params={"country": COUNTRIES[i % len(COUNTRIES)][0]})
                stats_latencies.append(time.perf_counter() - t1)
    finally:
        server.terminate()
        server.wait(timeout=30)
    latencies = [r[1] for r in results]
    by_kind: dict[str, list[float]] = {}
    for kind, elapsed, _status in results:
        by_kind.setdefault(kind, []).append(elapsed)
    overall = summary(latencies)
    return {
        "events": counts["events"],
        "requests": len(results),
        "errors": sum(1 for r in results if r[2] != 200),
        "concurrency": args.concurrency,
        "seconds": round(wall, 2),
        "requests_per_s": round(len(results) / wall, 1),
        "latency": overall,
        "latency_by_kind": {k: summary(v) for k, v in sorted(by_kind.items())},
        "stats_latency_by_country": summary(stats_latencies),
        "target": "p95 < 200 ms",
        "target_met": overall["p95_ms"] < 200,
    }


def bench_sqlite(args: argparse.Namespace) -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "bench.db"
        t0 = time.perf_counter()
        fill(db, args.events, args.seed)
        fill_s = time.perf_counter() - t0
        size = sum(p.stat().st_size for p in Path(tmp).iterdir())
        result = bench_server(str(db), args)
    return {"backend": "sqlite", "store_mb": round(size / 2**20, 1), "fill_seconds": round(fill_s, 1), **result}


def bench_postgres(args: argparse.Namespace) -> dict[str, Any]:
    """On --pg URL (an empty database), else in a throwaway cluster on 127.0.0.1 like the tests' one."""
    import psycopg

    cluster = None
    url = args.pg
    if url is None:
        sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "store"))
        from backends import PgCluster, missing_postgres, pg_bindir

        reason = missing_postgres()
        bindir = pg_bindir()
        if reason is not None or bindir is None:
            raise SystemExit(f"PostgreSQL benchmark needs --pg URL here: {reason}")
        cluster = PgCluster(bindir)
        cluster.start()
        url = cluster.fresh()
    try:
        t0 = time.perf_counter()
        fill_postgres(url, args.events, args.seed)
        fill_s = time.perf_counter() - t0
        with psycopg.connect(url) as conn:
            row = conn.execute("SELECT pg_database_size(current_database())").fetchone()
            size = int(row[0]) if row else 0
        result = bench_server(url, args)
    finally:
        if cluster is not None:
            cluster.stop()
    return {"backend": "postgres", "store_mb": round(size / 2**20, 1), "fill_seconds": round(fill_s, 1), **result}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--concurrency", type=int, default=1)
    parser.add_argument("--max-seconds", type=float, default=300.0, help="Bound of each backend's load loop.")
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--backend", choices=("sqlite", "postgres", "both"), default="both")
    parser.add_argument("--pg", default=None, help="An empty PostgreSQL database to fill (default: a throwaway "
                                                   "cluster on 127.0.0.1).")
    args = parser.parse_args()
    results = []
    if args.backend in ("sqlite", "both"):
        results.append(bench_sqlite(args))
    if args.backend in ("postgres", "both"):
        results.append(bench_postgres(args))
    print(json.dumps(results if len(results) > 1 else results[0], indent=1))


if __name__ == "__main__":
    main()
