"""The store side of the API: migration 3 on an existing store, cursors, and the CLI sharing the queries."""

from __future__ import annotations

import json
import re
import sqlite3
from pathlib import Path

import pytest
from api_factory import fill, make_event, specs
from click.testing import CliRunner

from eventwire.cli import main
from eventwire.model import Article
from eventwire.store.sqlite import MIGRATIONS, EventFilter, InvalidCursor, SQLiteStore, decode_cursor, encode_cursor


def test_migration_3_indexes_events_stored_before_it(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    fill(path, specs(10))
    # the store as it was before migration 3 (later migrations kept: the events were written by this code)
    conn = sqlite3.connect(path)
    for kind, name in re.findall(r"CREATE (VIRTUAL TABLE|TRIGGER|INDEX) (\w+)", MIGRATIONS[2]):
        conn.execute(f"DROP {kind.split()[-1]} {name}")
    conn.execute("DELETE FROM schema_migrations WHERE version = 3")
    conn.commit()
    assert conn.execute("SELECT COUNT(*) FROM sqlite_master WHERE name = 'events_fts'").fetchone() == (0,)
    conn.close()
    with SQLiteStore(path) as store:
        versions = [r[0] for r in store.conn.execute("SELECT version FROM schema_migrations ORDER BY version")]
        assert versions == list(range(1, len(MIGRATIONS) + 1))
        found = {e["id"] for e in store.events(EventFilter(q="airstrike"))}
        assert found == {s.id for s in specs(10) if s.trigger == "airstrike"} != set()


def test_full_text_index_follows_updates_and_deletes(tmp_path: Path) -> None:
    path = tmp_path / "x.db"
    spec = specs(1)[0]
    with SQLiteStore(path) as store:
        store.save_article(Article(id="a", text=spec.text, published=spec.day), [make_event(spec, "a")])
        assert [e["id"] for e in store.events(EventFilter(q="clashed"))] == [spec.id]
        other = specs(3)[1]  # an airstrike, replacing the clash under the same article id
        store.save_article(Article(id="a", text=other.text, published=other.day), [make_event(other, "a")])
        assert list(store.events(EventFilter(q="clashed"))) == []
        assert [e["id"] for e in store.events(EventFilter(q="airstrike"))] == [other.id]
        fts_rows = store.conn.execute("SELECT COUNT(*) FROM events_fts").fetchone()[0]
        assert fts_rows == store.counts()["events"] == 1


def test_cursor_round_trip_and_rejections() -> None:
    token = encode_cursor("-fatalities", 3, "ew-1")
    assert decode_cursor(token, "-fatalities") == (3, "ew-1")
    with pytest.raises(InvalidCursor):
        decode_cursor(token, "fatalities")
    with pytest.raises(InvalidCursor):
        decode_cursor(encode_cursor("-fatalities", "x", "ew-1"), "-fatalities")
    with pytest.raises(InvalidCursor):
        decode_cursor("!!!", "event_date")


def test_cli_events_pages_with_sort_and_cursor(tmp_path: Path) -> None:
    path = tmp_path / "x.db"
    items = specs(12)
    fill(path, items)
    runner = CliRunner()
    first = runner.invoke(main, ["events", "--db", str(path), "--sort", "fatalities", "--limit", "5", "--json"])
    assert first.exit_code == 0, first.output
    lines = [json.loads(line) for line in first.stdout.splitlines() if line.startswith("{")]
    assert len(lines) == 5
    cursor = first.stderr.split("--cursor ")[1].strip()
    rest = runner.invoke(main, ["events", "--db", str(path), "--sort", "fatalities", "--cursor", cursor,
                                "--limit", "100", "--json"])
    ids = [e["id"] for e in lines] + [json.loads(line)["id"] for line in rest.stdout.splitlines()]
    assert sorted(ids) == sorted(s.id for s in items) and len(set(ids)) == 12
    bad = runner.invoke(main, ["events", "--db", str(path), "--bbox", "1,2"])
    assert bad.exit_code == 2 and "bbox" in bad.output
    narrowed = runner.invoke(main, ["events", "--db", str(path), "--country", "Syria", "--q", "airstrike", "--json"])
    assert {json.loads(line)["country"] for line in narrowed.stdout.splitlines()} <= {"Syria"}


def test_serve_help() -> None:
    result = CliRunner().invoke(main, ["serve", "--help"])
    assert result.exit_code == 0
    assert "Serve the JSON HTTP API" in result.output and "--port" in result.output
    assert "--review-token-file" in result.output and "read-only" in result.output
    assert "--rate-limit" in result.output and "--cors-origin" in result.output
