"""Throughput on a corpus resampled from the development texts (issue 7).

    python benchmarks/bench_throughput.py [-n 20000] [--ratio-n 1000] [--workers 1,2] [--dev ../shared/eval/dev]

Measures, in one run, on one corpus of `-n` articles (benchmarks/corpus.py; built in a temporary folder):
1. end-to-end vs spaCy-only: on the first `--ratio-n` articles, in this process, chunk by chunk (each chunk is
   parsed by the model alone and extracted and stored, in alternating order, after one untimed pass that fills
   the vocabulary, so load from other processes hits both alike); the ratio of throughputs, with and without the
   store (target >= 0.7), on a first pass (cold caches) and a second (warm);
2. time per stage on the same articles (`eventwire.profiling`);
3. `eventwire ingest --workers N --json` on the whole corpus for each N in `--workers` (a fresh process and
   database each): articles/s (start-up included), the scaling ratio against the first N (target: 2 workers
   >= 1.7x one), and the peak RSS of every worker process and of the writer (polled with psutil; target < 1 GB
   per worker); the stored events of every run must be identical.

Prints one JSON object on stdout; progress on stderr. Ratios measured within one run are what count: absolute
rates depend on the machine and on what else runs on it.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from itertools import islice
from pathlib import Path
from typing import Any

from corpus import DEFAULT_DEV, write_corpus

from eventwire.ingest.readers import read_articles
from eventwire.model import Article
from eventwire.profiling import profile_articles
from eventwire.services import get_extractor
from eventwire.store import open_store

TARGETS = {"end_to_end_to_spacy": 0.7, "scaling_2_to_1": 1.7, "peak_rss_per_worker_mb": 1024}


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def ratio_run(articles: list[Article], chunk: int = 50) -> dict[str, Any]:
    """spaCy alone vs extraction vs extraction + store, interleaved chunk by chunk on the same texts, in two
    passes: the first sees every text for the first time (the gazetteer's and the name normalizer's caches are
    cold for it, as for fresh news), the second sees them again (warm caches, as for most of a long run)."""
    extractor = get_extractor()
    nlp = extractor.nlp
    list(extractor.extract_many(articles[:10]))  # warm-up: model, gazetteer
    for _doc in nlp.pipe([a.text for a in articles], batch_size=32):
        pass  # warm-up: the vocabulary's lexemes of these texts, which whichever pass came first would pay for
    passes: dict[str, Any] = {}
    for name in ("first_pass", "second_pass"):
        spacy_s = extract_s = store_s = 0.0
        events = 0
        with tempfile.TemporaryDirectory() as tmp, open_store(Path(tmp) / "ratio.db") as store:
            for number, start in enumerate(range(0, len(articles), chunk)):
                part = articles[start: start + chunk]
                texts = [a.text for a in part]
                for step in (("spacy", "extract") if number % 2 == 0 else ("extract", "spacy")):
                    t0 = time.perf_counter()
                    if step == "spacy":
                        for _doc in nlp.pipe(texts, batch_size=32):
                            pass
                        spacy_s += time.perf_counter() - t0
                        continue
                    pairs = list(extractor.extract_many(part, batch_size=32))
                    t1 = time.perf_counter()
                    for article, evs in pairs:
                        store.save_article(article, evs)
                        events += len(evs)
                    extract_s, store_s = extract_s + t1 - t0, store_s + time.perf_counter() - t1
        n = len(articles)
        passes[name] = {
            "articles": n, "events": events,
            "spacy_only_articles_per_s": round(n / spacy_s, 2),
            "extract_articles_per_s": round(n / extract_s, 2),
            "end_to_end_articles_per_s": round(n / (extract_s + store_s), 2),
            "ratio_extract_to_spacy": round(spacy_s / extract_s, 3),
            "ratio_end_to_end_to_spacy": round(spacy_s / (extract_s + store_s), 3),
        }
    return passes


class RssPoller:
    """Peak resident memory of a process and each of its descendants, polled every `interval` seconds."""

    def __init__(self, pid: int, interval: float = 0.2) -> None:
        import psutil

        self.root = psutil.Process(pid)
        self.interval = interval
        self.peaks: dict[int, int] = {}
        self.kinds: dict[int, str] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self) -> RssPoller:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()

    def _run(self) -> None:
        import psutil

        while not self._stop.is_set():
            try:
                procs = [self.root, *self.root.children(recursive=True)]
            except psutil.Error:
                return
            for proc in procs:
                try:
                    rss = proc.memory_info().rss
                    if proc.pid not in self.kinds:
                        cmd = " ".join(proc.cmdline())
                        self.kinds[proc.pid] = "writer" if proc.pid == self.root.pid else \
                            "worker" if "spawn_main" in cmd else "other"
                except psutil.Error:
                    continue
                self.peaks[proc.pid] = max(self.peaks.get(proc.pid, 0), rss)
            self._stop.wait(self.interval)


def ingest_run(corpus: Path, workers: int, tmp: Path) -> dict[str, Any]:
    db = tmp / f"workers{workers}.db"
    cmd = [sys.executable, "-m", "eventwire.cli", "ingest", str(corpus), "--db", str(db), "--workers", str(workers),
           "--json"]
    started = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    with RssPoller(proc.pid) as poller:
        out, _ = proc.communicate()
    wall = time.perf_counter() - started
    if proc.returncode != 0:
        raise SystemExit(f"ingest with {workers} workers failed (exit {proc.returncode})")
    summary = json.loads(out)
    mb = {pid: round(rss / 2**20, 1) for pid, rss in poller.peaks.items()}
    worker_mb = [mb[p] for p, kind in poller.kinds.items() if kind == "worker"]
    writer_mb = next((mb[p] for p, kind in poller.kinds.items() if kind == "writer"), None)
    with open_store(db) as store:
        stored = sorted(json.dumps(e, sort_keys=True) for e in store.events())
    return {
        "workers": summary["workers"], "articles": summary["articles"], "events": summary["events"],
        "failures": len(summary["failures"]), "seconds": summary["seconds"], "wall_seconds": round(wall, 2),
        "articles_per_s": summary["articles_per_second"],
        # after the first batch came back (by then each worker has about one batch of 32 done): without process
        # start-up and model loading
        "steady_articles_per_s": round((summary["articles"] - 32 * summary["workers"]) / max(1e-9, summary["seconds"]
                                                                          - summary["startup_seconds"]), 2),
        "startup_seconds": summary["startup_seconds"],
        "articles_per_day": round(summary["articles_per_second"] * 86_400),
        # with one worker the extraction runs in the writer process itself
        "peak_rss_per_worker_mb": worker_mb or ([writer_mb] if writer_mb is not None else []),
        "peak_rss_writer_mb": writer_mb,
        "stored_events_sha1": hashlib.sha1("\n".join(stored).encode()).hexdigest()[:16],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("-n", type=int, default=20_000, help="articles in the corpus (default 20,000)")
    parser.add_argument("--ratio-n", type=int, default=1000, help="articles for the ratio and the stage profile")
    parser.add_argument("--workers", default="1,2", help="worker counts to run ingest with (comma-separated)")
    parser.add_argument("--dev", type=Path, default=DEFAULT_DEV)
    parser.add_argument("--skip-scaling", action="store_true", help="only the ratio and the stage profile")
    args = parser.parse_args()
    counts = [int(w) for w in args.workers.split(",") if w.strip()]
    result: dict[str, Any] = {"corpus_articles": args.n, "cores": len(os.sched_getaffinity(0)), "targets": TARGETS}
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        corpus = write_corpus(args.dev, args.n, tmp / "corpus.jsonl")
        sample = [a for a in islice(read_articles([corpus]), args.ratio_n) if isinstance(a, Article)]
        log(f"ratio and stage profile on {len(sample)} articles ...")
        result["ratio"] = ratio_run(sample)
        with tempfile.TemporaryDirectory() as ptmp, open_store(Path(ptmp) / "profile.db") as store:
            result["stages"] = profile_articles(sample, get_extractor(), store=store, batch_size=32).to_json()
        if not args.skip_scaling:
            runs = []
            for n in counts:
                log(f"ingest of {args.n} articles with {n} worker(s) ...")
                runs.append(ingest_run(corpus, n, tmp))
            result["ingest"] = runs
            base, steady = runs[0]["articles_per_s"], runs[0]["steady_articles_per_s"]
            result["scaling"] = {f"{r['workers']}_to_{runs[0]['workers']}": round(r["articles_per_s"] / base, 3)
                                 for r in runs[1:]}
            result["scaling_steady"] = {f"{r['workers']}_to_{runs[0]['workers']}":
                                        round(r["steady_articles_per_s"] / steady, 3) for r in runs[1:]}
            result["same_events_in_every_run"] = len({r["stored_events_sha1"] for r in runs}) == 1
            result["peak_rss_per_worker_mb"] = max(mb for r in runs for mb in r["peak_rss_per_worker_mb"])
    print(json.dumps(result, indent=1))


if __name__ == "__main__":
    main()
