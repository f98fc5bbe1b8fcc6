"""Reads under write load: `eventwire serve` answers a bounded mix of `/api/events` and `/api/stats` requests on
127.0.0.1 while an `eventwire ingest` process writes new articles into the same store.

    python benchmarks/bench_serve_while_ingest.py [--events 100000] [--articles 300] [--concurrency 4]
                                                  [--max-seconds 120] [--backend sqlite|postgres]

The store starts with synthetic events (as in bench_api.py); the ingest reads a generated corpus of short
reports. Reports requests/s, p50/p95/p99 latency and the error count (target: 0) for the reads, and articles/s
for the ingest running beside them, as JSON on stdout. Never run as a test.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

import httpx
from bench_api import fill, fill_postgres, free_port, summary, typical_request

from eventwire.store import open_store

PLACES = ("Kirkuk", "Mosul", "Kabul", "Gao", "Mogadishu", "Aleppo", "Maiduguri", "Kherson", "Goma", "Sittwe")
FORMS = (
    "Gunmen killed {n} civilians in an attack near {place} on {day}, officials said.",
    "Rockets struck a military base outside {place} on {day}, wounding {n} soldiers.",
    "At least {n} people were killed when a roadside bomb hit a convoy in {place} on {day}.",
    "Hundreds protested in {place} on {day}; police arrested {n} demonstrators.",
)


def write_corpus(path: Path, count: int, seed: int) -> None:
    rng = random.Random(seed)
    with path.open("w", encoding="utf-8") as out:
        for i in range(count):
            text = " ".join(rng.choice(FORMS).format(n=rng.randint(2, 30), place=rng.choice(PLACES),
                                                     day=rng.choice(("Monday", "Tuesday", "Wednesday")))
                            for _ in range(3))
            out.write(json.dumps({"id": f"live-{i}", "published": "2024-03-07", "text": f"{text} (report {i})"})
                      + "\n")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--articles", type=int, default=300)
    parser.add_argument("--concurrency", type=int, default=4)
    parser.add_argument("--max-seconds", type=float, default=120.0)
    parser.add_argument("--seed", type=int, default=5)
    parser.add_argument("--ingest-workers", type=int, default=1,
                        help="worker processes of the ingest (default 1: on 2 cores, one is left to the server)")
    parser.add_argument("--backend", choices=("sqlite", "postgres"), default="sqlite",
                        help="postgres: a throwaway cluster on 127.0.0.1, as the tests start one")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        cluster = None
        if args.backend == "postgres":
            sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "store"))
            from backends import PgCluster, pg_bindir

            bindir = pg_bindir()
            if bindir is None:
                raise SystemExit("PostgreSQL is not installed")
            cluster = PgCluster(bindir)
            cluster.start()
            db = cluster.fresh()
            fill_postgres(db, args.events, args.seed)
        else:
            db = str(Path(tmp) / "live.db")
            fill(Path(db), args.events, args.seed)
        try:
            result = run(args, db, Path(tmp))
        finally:
            if cluster is not None:
                cluster.stop()
    print(json.dumps({"backend": args.backend, **result}, indent=1))


def run(args: argparse.Namespace, db: str, tmp: Path) -> dict[str, Any]:
    env = os.environ.copy()
    corpus = tmp / "corpus.jsonl"
    write_corpus(corpus, args.articles, args.seed)
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = subprocess.Popen([sys.executable, "-m", "eventwire.cli", "serve", "--db", db, "--port",
                               str(port), "--rate-limit", "0"], stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL, env=env)
    ingest: subprocess.Popen[str] | None = None
    results: list[tuple[float, int]] = []
    lock = threading.Lock()
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                httpx.get(f"{base}/api/health", timeout=2)
                break
            except httpx.TransportError:
                if server.poll() is not None or time.monotonic() > deadline:
                    raise SystemExit("server did not start") from None
                time.sleep(0.2)
        ingest_started = time.perf_counter()
        ingest = subprocess.Popen([sys.executable, "-m", "eventwire.cli", "ingest", str(corpus), "--db", db,
                                   "--json", "--workers", str(args.ingest_workers)],
                                  stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
                                  env=env)
        stop_at = time.monotonic() + args.max_seconds

        def reader(worker: int) -> None:
            rng = random.Random(args.seed + worker)
            with httpx.Client(base_url=base, timeout=30) as client:
                while time.monotonic() < stop_at and ingest is not None and ingest.poll() is None:
                    _kind, params = typical_request(rng)
                    route = "/api/stats" if rng.random() < 0.2 else "/api/events"
                    t0 = time.perf_counter()
                    try:
                        status = client.get(route, params=params).status_code
                    except httpx.HTTPError:
                        status = 0
                    with lock:
                        results.append((time.perf_counter() - t0, status))

        threads = [threading.Thread(target=reader, args=(i,)) for i in range(args.concurrency)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        reads_s = time.perf_counter() - ingest_started
        out, _ = ingest.communicate(timeout=600)
        ingest_s = time.perf_counter() - ingest_started
        ingest_summary: dict[str, Any] = json.loads(out) if out.strip() else {}
    finally:
        if ingest is not None and ingest.poll() is None:
            ingest.kill()
        server.terminate()
        server.wait(timeout=30)
    with open_store(db) as store:
        counts = store.counts()
    latencies = [r[0] for r in results]
    return {
        "events_at_start": args.events, "counts_at_end": counts, "concurrency": args.concurrency,
        "ingest_workers": args.ingest_workers,
        "reads": len(results), "read_errors": sum(1 for r in results if r[1] != 200),
        "reads_per_s": round(len(results) / reads_s, 1) if reads_s else None,
        "read_latency": summary(latencies) if latencies else None,
        "ingest": {"articles": ingest_summary.get("articles"), "stored": ingest_summary.get("stored"),
                   "failures": len(ingest_summary.get("failures", [])), "seconds": round(ingest_s, 1),
                   "articles_per_s": round(args.articles / ingest_s, 2)},
        "target": "read_errors == 0, p95 < 200 ms",
    }


if __name__ == "__main__":
    main()
