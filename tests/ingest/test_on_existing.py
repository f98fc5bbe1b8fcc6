"""A new text under a stored article's id is an update that says what it changed, or is kept out or refused
(`--on-existing`); two records of one id in one input are reported, the first one standing."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from eventwire import services
from eventwire.store import open_store, text_hash

DAY = "2024-03-04"
FIRST = "Gunmen killed two farmers in Gusau on Monday, police said."
SECOND = "Gunmen killed five farmers and wounded three in Gusau on Monday, police said."


def jsonl(path: Path, *records: dict[str, Any]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def stored_text(db: Path, article_id: str) -> str:
    with open_store(db) as store:
        article = store.article(article_id)
        assert article is not None
        return str(article["text"])


@pytest.fixture
def stored(tmp_path: Path, extractor: Any) -> Path:
    db = tmp_path / "s.db"
    summary = services.ingest_paths([jsonl(tmp_path / "v1.jsonl", {"id": "a1", "published": DAY, "text": FIRST})],
                                    db)
    assert summary.stored == 1
    return db


def test_update_replaces_and_says_what_changed(tmp_path: Path, stored: Path) -> None:
    new = jsonl(tmp_path / "v2.jsonl", {"id": "a1", "published": DAY, "text": SECOND})
    summary = services.ingest_paths([new], stored)
    assert (summary.updated, summary.failures) == (1, [])
    [note] = summary.replaced
    assert "'a1'" in note and text_hash(FIRST)[:12] in note and text_hash(SECOND)[:12] in note
    assert "1 event(s) removed, 1 extracted" in note
    assert stored_text(stored, "a1") == SECOND


def test_skip_keeps_the_stored_text(tmp_path: Path, stored: Path) -> None:
    new = jsonl(tmp_path / "v2.jsonl", {"id": "a1", "published": DAY, "text": SECOND})
    summary = services.ingest_paths([new], stored, on_existing="skip")
    assert (summary.kept, summary.updated, summary.failures) == (1, 0, [])
    assert stored_text(stored, "a1") == FIRST


def test_error_refuses_and_keeps_the_stored_text(tmp_path: Path, stored: Path) -> None:
    new = jsonl(tmp_path / "v2.jsonl", {"id": "a1", "published": DAY, "text": SECOND})
    summary = services.ingest_paths([new], stored, on_existing="error")
    assert summary.updated == 0 and len(summary.failures) == 1
    assert "v2.jsonl:1" in summary.failures[0] and "not replaced" in summary.failures[0]
    assert stored_text(stored, "a1") == FIRST
    with pytest.raises(ValueError, match="on_existing must be one of"):
        services.ingest_paths([new], stored, on_existing="overwrite")


def test_one_id_twice_in_one_input_is_reported_and_the_first_stands(tmp_path: Path, extractor: Any) -> None:
    source = jsonl(tmp_path / "twice.jsonl", {"id": "b1", "published": DAY, "text": FIRST},
                   {"id": "b1", "published": DAY, "text": SECOND},
                   {"id": "b1", "published": DAY, "text": FIRST})  # the very same record again: a duplicate
    db = tmp_path / "t.db"
    summary = services.ingest_paths([source], db)
    assert (summary.stored, summary.updated, summary.duplicates) == (1, 0, 1)
    assert len(summary.failures) == 1 and "twice.jsonl:2" in summary.failures[0]
    assert "already read from" in summary.failures[0] and "twice.jsonl:1" in summary.failures[0]
    assert stored_text(db, "b1") == FIRST


def test_cli_on_existing_and_its_exit_status(tmp_path: Path, stored: Path) -> None:
    new = jsonl(tmp_path / "v2.jsonl", {"id": "a1", "published": DAY, "text": SECOND})
    run = [sys.executable, "-m", "eventwire.cli", "ingest", str(new), "--db", str(stored), "--workers", "1"]
    refused = subprocess.run([*run, "--on-existing", "error"], capture_output=True, text=True)
    assert refused.returncode == 1 and "not replaced (--on-existing error)" in refused.stderr  # nothing stored
    assert "Traceback" not in refused.stderr
    kept = subprocess.run([*run, "--on-existing", "skip", "--json"], capture_output=True, text=True)
    assert kept.returncode == 0 and json.loads(kept.stdout)["kept"] == 1
    updated = subprocess.run([*run, "--json"], capture_output=True, text=True)
    assert updated.returncode == 0 and len(json.loads(updated.stdout)["replaced"]) == 1
    assert stored_text(stored, "a1") == SECOND
