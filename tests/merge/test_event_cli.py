"""`eventwire event ID` and `events --json` on a store holding the hand-written corpus."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner
from merge_corpus import corpus

from eventwire.cli import main
from eventwire.store.sqlite import SQLiteStore


def filled(tmp_path: Path) -> Path:
    db = tmp_path / "ew.db"
    with SQLiteStore(db) as store:
        for art, events in corpus():
            store.save_article(art, events)
    return db


def test_event_shows_sources_evidence_and_merge_scores(tmp_path: Path) -> None:
    db = filled(tmp_path)
    result = CliRunner().invoke(main, ["event", "ew-kirkuk-herald-0", "--db", str(db)], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert out.startswith("event ew-kirkuk-herald-0\n")
    assert "sources (3):" in out
    for name in ("kirkuk-herald", "tigris-news", "iraq-daily"):
        assert f"  {name}  published 2024-03-1" in out
    assert 'fatalities   "10"' in out
    assert "reported: Explosions/Remote violence / Remote explosive/landmine/IED, 2024-03-10, Kirkuk, fatalities 8" \
        in out
    assert "  - fatalities reported: 8, 10, 12" in out
    assert "  - merged ew-" in out and "score 0." in out


def test_event_by_report_id_and_json(tmp_path: Path) -> None:
    db = filled(tmp_path)
    result = CliRunner().invoke(main, ["event", "ew-tigris-news-0", "--db", str(db), "--json"])
    assert result.exit_code == 0, result.output
    record = json.loads(result.stdout)
    assert record["id"] == "ew-kirkuk-herald-0"
    assert [s["article_id"] for s in record["sources"]] == ["kirkuk-herald", "tigris-news", "iraq-daily"]
    assert [r["fatalities"] for r in record["reports"]] == [8, 10, 12]
    assert any(n.startswith("merged ") for n in record["notes"])


def test_event_unknown_id_or_db(tmp_path: Path) -> None:
    db = filled(tmp_path)
    missing = CliRunner().invoke(main, ["event", "ew-nope", "--db", str(db)])
    assert missing.exit_code == 1
    assert "no event 'ew-nope'" in missing.stderr
    nodb = CliRunner().invoke(main, ["event", "ew-1", "--db", str(tmp_path / "none.db")])
    assert nodb.exit_code == 1
    assert "no database at" in nodb.stderr


def test_events_json_includes_sources(tmp_path: Path) -> None:
    db = filled(tmp_path)
    result = CliRunner().invoke(main, ["events", "--db", str(db), "--json"])
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(rows) == 3
    assert all(r["sources"] and "notes" in r for r in rows)
    assert max(len(r["sources"]) for r in rows) == 3
