"""Ingest and serve at the same time: while an `eventwire ingest` process writes, API requests and direct reads of
the store succeed and never see a partly written article (each stored article already has all its reports). On
SQLite (WAL) and PostgreSQL."""

from __future__ import annotations

import os
import subprocess
import time
from pathlib import Path
from typing import Any

from backends import Backend
from fastapi.testclient import TestClient
from ingest_corpus import corpus, ingest_command, state

from eventwire.api import create_app
from eventwire.services import ingest_paths
from eventwire.store import open_store

# One statement, so one snapshot on both backends: every article with the number of its reports.
ARTICLE_REPORTS = ("SELECT a.id, (SELECT count(*) FROM mentions m WHERE m.article_id = a.id) FROM articles a")


def test_readers_never_see_partial_articles_while_an_ingest_runs(backend: Backend, tmp_path: Path,
                                                                 extractor: Any) -> None:
    source = corpus(tmp_path / "corpus.jsonl", count=48)
    reference_db = backend.fresh()
    ingest_paths([source], reference_db)
    reference = state(reference_db)

    db = backend.fresh()
    client = TestClient(create_app(db))  # migrates the store before the writer starts
    proc = subprocess.Popen(ingest_command(source, db), env={**os.environ}, stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, text=True)
    seen_counts: set[int] = set()
    reads = 0
    deadline = time.monotonic() + 300
    try:
        with open_store(db) as store:
            conn: Any = store.conn  # type: ignore[attr-defined]
            while proc.poll() is None and time.monotonic() < deadline:
                rows = conn.execute(ARTICLE_REPORTS).fetchall()
                if hasattr(conn, "commit"):
                    conn.commit()  # end the read transaction so the next read sees new commits
                for article_id, reports in rows:
                    assert reports == reference["reports"].get(article_id, 0), (article_id, reports)
                seen_counts.add(len(rows))
                response = client.get("/api/events", params={"limit": 500})
                assert response.status_code == 200, response.text
                for event in response.json()["events"]:
                    assert event["article_ids"], event["id"]
                assert client.get("/api/stats").status_code == 200
                reads += 1
        assert proc.wait(timeout=60) == 0, proc.stderr.read()[-2000:] if proc.stderr else ""
    finally:
        if proc.poll() is None:
            proc.kill()
    assert reads > 0 and len(seen_counts) > 2, (reads, seen_counts)  # the reads overlapped the writes
    assert state(db) == reference
