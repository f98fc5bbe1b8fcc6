"""The broken-input corpus (tests/ingest/bad_inputs.py) ingested into a store that already holds an article, on
both backends: every bad record is reported with its file, line and problem; every good one is stored once; what
was stored before is untouched; a second run changes nothing."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from backends import Backend

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "ingest"))

from bad_inputs import CASES, write_corpus

from eventwire.services import ingest_paths
from eventwire.store import open_store

SAMPLE = Path(__file__).resolve().parents[2] / "examples" / "sample_article.txt"


def snapshot(db: str) -> tuple[list[dict[str, Any]], dict[str, int]]:
    with open_store(db) as store:
        return list(store.events()), store.counts()


def test_bad_inputs_are_reported_and_never_touch_stored_data(backend: Backend, tmp_path: Path,
                                                             extractor: Any) -> None:
    db = backend.fresh()
    first = ingest_paths([SAMPLE], db)
    assert first.stored == 1 and not first.failures
    before, _ = snapshot(db)
    sample_id = before[0]["article_ids"][0]

    folder = tmp_path / "bad"
    write_corpus(folder)
    summary = ingest_paths([folder], db)

    for case in CASES:
        path = str(folder / case.name)
        for expected in case.expected:
            if expected == "ok":
                continue
            line, fragment = expected[1:].split(":", 1)
            where = path if line == "-" else f"{path}:{line}"
            assert any(f.startswith(f"{where}: ") and fragment in f for f in summary.failures), (expected,
                                                                                                summary.failures)
    errors = sum(len(c.expected) - c.expected.count("ok") for c in CASES)
    assert len(summary.failures) == errors, summary.failures  # no extraction or storage failure besides them
    good = sum(c.expected.count("ok") for c in CASES)
    assert summary.stored + summary.unchanged + summary.duplicates == good
    assert summary.unchanged + summary.duplicates == 1  # the repeated record of duplicates.jsonl

    after, counts = snapshot(db)
    assert counts["articles"] == 1 + summary.stored
    assert [e for e in after if sample_id in e["article_ids"]] == before

    again = ingest_paths([folder], db)
    assert again.stored == 0 and again.updated == 0
    assert snapshot(db) == (after, counts)
