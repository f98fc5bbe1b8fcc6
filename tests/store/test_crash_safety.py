"""Crash safety: an `eventwire ingest` killed with SIGKILL at random points and restarted leaves every committed
article stored exactly once with all its reports, no half-written article, and the rerun completes the rest, ending
with exactly the store an uninterrupted run builds. On both backends."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import time
from pathlib import Path
from typing import Any

import pytest
from backends import Backend
from ingest_corpus import article_count, corpus, ingest_command, state

from eventwire.services import ingest_paths


def test_sigkill_at_random_points_loses_and_duplicates_nothing(backend: Backend, tmp_path: Path,
                                                               extractor: Any) -> None:
    source = corpus(tmp_path / "corpus.jsonl")
    reference_db = backend.fresh()
    ingest_paths([source], reference_db)
    reference = state(reference_db)
    assert len(reference["articles"]) == 36
    assert any(len(e["article_ids"]) > 1 for e in reference["events"])  # merging is exercised

    db = backend.fresh()
    rng = random.Random(11)
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    kills = 0
    for _attempt in range(4):
        done = article_count(db)
        if done >= 30:
            break
        target = rng.randint(done + 1, min(done + 10, 30))
        proc = subprocess.Popen(ingest_command(source, db), env=env, stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 240
        while proc.poll() is None and article_count(db) < target and time.monotonic() < deadline:
            time.sleep(0.02)
        time.sleep(rng.uniform(0, 0.05))  # land anywhere: between articles or inside one's transaction
        if proc.poll() is None:
            proc.send_signal(signal.SIGKILL)
            kills += 1
        proc.wait(timeout=60)

        partial = state(db)
        assert len(partial["articles"]) == len(set(partial["articles"]))
        for article_id in partial["articles"]:  # whatever is stored is whole
            assert partial["reports"].get(article_id, 0) == reference["reports"].get(article_id, 0), article_id
        assert set(partial["articles"]) <= set(reference["articles"])
        if db.endswith(".db"):
            import sqlite3

            with sqlite3.connect(db) as conn:
                assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    if kills == 0:
        pytest.fail("the ingest finished before it could be killed; make the corpus longer")

    finished = subprocess.run(ingest_command(source, db), env=env, capture_output=True, text=True, timeout=300)
    assert finished.returncode == 0, finished.stderr[-2000:]
    assert state(db) == reference
