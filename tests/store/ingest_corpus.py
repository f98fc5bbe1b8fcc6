"""A corpus of short reports for the ingest-process tests (crash safety, concurrency), and how to read a store's
state back to compare it with an uninterrupted run."""

from __future__ import annotations

import json
import random
import sys
from pathlib import Path
from typing import Any

from eventwire.store import open_store

PLACES = ["Kirkuk", "Mosul", "Kabul", "Gao", "Mogadishu", "Aleppo", "Maiduguri", "Kherson"]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday"]
FORMS = [
    "Gunmen killed {n} civilians in an attack near {place} on {day}, officials said.",
    "Rockets struck a military base outside {place} on {day}, wounding {n} soldiers.",
    "At least {n} people were killed when a roadside bomb hit a convoy in {place} on {day}.",
    "Hundreds protested in {place} on {day}; police arrested {n} demonstrators.",
]


def corpus(path: Path, count: int = 36) -> Path:
    """Short reports; every fourth retells an earlier incident in other words, so merges happen too."""
    rng = random.Random(7)
    lines = []
    for i in range(count):
        if i % 4 == 3:
            base = json.loads(lines[i - 3])
            text = "Officials confirmed that " + base["text"][0].lower() + base["text"][1:]
        else:
            text = rng.choice(FORMS).format(n=rng.randint(2, 9), place=rng.choice(PLACES), day=rng.choice(DAYS))
            text += f" The report (number {i}) cites local sources."
        lines.append(json.dumps({"id": f"crash-{i:03d}", "published": "2023-03-10", "text": text,
                                 "url": f"https://example.org/{i}"}))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def state(db: str) -> dict[str, Any]:
    """Articles, the number of reports each has, and the merged events."""
    with open_store(db) as store:
        conn: Any = store.conn  # type: ignore[attr-defined]
        reports = dict(conn.execute("SELECT article_id, count(*) FROM mentions GROUP BY article_id").fetchall())
        articles = [row[0] for row in conn.execute("SELECT id FROM articles ORDER BY id").fetchall()]
        events = list(store.events())
    for event in events:
        event.pop("ingested_at", None)
    return {"articles": articles, "reports": reports, "events": events}


def ingest_command(corpus_path: Path, db: str) -> list[str]:
    return [sys.executable, "-c", "from eventwire.cli import main; main()", "ingest", str(corpus_path), "--db", db]


def article_count(db: str) -> int:
    try:
        with open_store(db) as store:
            return int(store.counts()["articles"])
    except Exception:  # the database may not exist yet, or be mid-migration
        return 0
