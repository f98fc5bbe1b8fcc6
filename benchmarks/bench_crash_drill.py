"""Crash drill: kill `eventwire ingest` with SIGKILL at random points, many times, restart it each time, and
check after every kill that each stored article is whole and stored once, and at the end that the store equals
the one an uninterrupted run builds.

    python benchmarks/bench_crash_drill.py [--kills 20] [--articles 60] [--db-url postgresql://...]

Without --db-url it uses SQLite files in a temporary folder. Prints a JSON summary (kills, articles committed
before each kill, violations found: the target is 0). Never run as a test (tests/store/test_crash_safety.py
is the test)."""

from __future__ import annotations

import argparse
import json
import os
import random
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "store"))

from ingest_corpus import article_count, corpus, ingest_command, state

from eventwire.services import ingest_paths


def fresh_pg(base_url: str, name: str) -> str:
    import psycopg

    with psycopg.connect(base_url, autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {name}")
        conn.execute(f"CREATE DATABASE {name}")
    return base_url.rsplit("/", 1)[0] + "/" + name


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--kills", type=int, default=20)
    parser.add_argument("--articles", type=int, default=60)
    parser.add_argument("--db-url", help="A PostgreSQL URL whose server may create databases (drill_ref, drill).")
    parser.add_argument("--pg", action="store_true", help="Run on a throwaway PostgreSQL cluster on 127.0.0.1 "
                                                          "(as the tests start one).")
    parser.add_argument("--seed", type=int, default=3)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    cluster = None
    if args.pg and not args.db_url:
        from backends import PgCluster, pg_bindir

        bindir = pg_bindir()
        if bindir is None:
            raise SystemExit("PostgreSQL is not installed")
        cluster = PgCluster(bindir)
        cluster.start()
        args.db_url = cluster.url("postgres")
    try:
        run(args, rng)
    finally:
        if cluster is not None:
            cluster.stop()


def run(args: argparse.Namespace, rng: random.Random) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        source = corpus(Path(tmp) / "corpus.jsonl", count=args.articles)
        if args.db_url:
            reference_db, db = fresh_pg(args.db_url, "drill_ref"), fresh_pg(args.db_url, "drill")
        else:
            reference_db, db = str(Path(tmp) / "reference.db"), str(Path(tmp) / "drill.db")
        ingest_paths([source], reference_db)
        reference = state(reference_db)
        kills, violations, committed = 0, [], []
        started = time.perf_counter()
        while kills < args.kills:
            done = article_count(db)
            if done >= args.articles:
                break
            proc = subprocess.Popen(ingest_command(source, db), env=os.environ.copy(), stdout=subprocess.DEVNULL,
                                    stderr=subprocess.DEVNULL)
            target = min(done + rng.randint(0, 2), args.articles - 1)
            while proc.poll() is None and article_count(db) < target:
                time.sleep(0.01)
            time.sleep(rng.uniform(0, 0.08))
            if proc.poll() is None:
                proc.send_signal(signal.SIGKILL)
                kills += 1
            proc.wait()
            partial = state(db)
            committed.append(len(partial["articles"]))
            if len(partial["articles"]) != len(set(partial["articles"])):
                violations.append("duplicate article")
            for article_id in partial["articles"]:
                if partial["reports"].get(article_id, 0) != reference["reports"].get(article_id, 0):
                    violations.append(f"half-written article {article_id}")
        subprocess.run(ingest_command(source, db), env=os.environ.copy(), check=True, capture_output=True)
        final_equal = state(db) == reference
    print(json.dumps({"backend": "postgresql" if args.db_url else "sqlite", "articles": args.articles,
                      "kills": kills, "committed_at_each_kill": committed, "violations": violations,
                      "final_store_equals_uninterrupted_run": final_equal,
                      "seconds": round(time.perf_counter() - started, 1)}, indent=1))


if __name__ == "__main__":
    main()
