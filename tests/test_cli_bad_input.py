"""Every command given the bad inputs a user really types: a one-line message naming the problem, a non-zero
exit status and no traceback (CliRunner keeps an uncaught exception in `result.exception`)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from eventwire.cli import main

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "examples" / "sample_article.txt"


def invoke(*args: str) -> Result:
    return CliRunner().invoke(main, list(args))


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("bad") / "ew.db"
    result = invoke("ingest", str(SAMPLE), "--db", str(path), "--workers", "1")
    assert result.exit_code == 0, result.output
    return path


def refused(result: Result, *words: str) -> str:
    """The one error line of a refused command; fails on a traceback or a zero exit status."""
    assert result.exit_code != 0
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert "Traceback" not in result.output
    errors = [line for line in result.output.splitlines() if line.startswith("Error")]
    assert len(errors) == 1, result.output
    for word in words:
        assert word in errors[0], errors[0]
    return errors[0]


def test_export_into_a_folder_that_does_not_exist(db: Path, tmp_path: Path) -> None:
    target = tmp_path / "no" / "such" / "folder" / "out.csv"
    refused(invoke("export", "--db", str(db), "--format", "csv", "-o", str(target)), "does not exist")
    refused(invoke("export", "--db", str(db), "-o", str(tmp_path)), "is a folder")
    refused(invoke("plot", "timeline", "--db", str(db), "-o", str(target)), "does not exist")


@pytest.mark.parametrize("command", [["events"], ["export", "-o", "-"], ["event", "ew-1"],
                                     ["plot", "map", "-o", "x.png"], ["escalation"]])
def test_a_db_that_is_not_a_database(tmp_path: Path, command: list[str]) -> None:
    fake = tmp_path / "notes.db"
    fake.write_text("these are my notes, not a database\n" * 50, encoding="utf-8")
    args = [str(tmp_path / a) if a.endswith(".png") else a for a in command]
    refused(invoke(*args, "--db", str(fake)), "cannot be read", "eventwire database")
    assert fake.read_text(encoding="utf-8").startswith("these are my notes")  # left as it was


def test_unknown_country_and_type_suggest_the_closest(db: Path) -> None:
    assert "'Iraq'" in refused(invoke("events", "--db", str(db), "--country", "Irak"), "unknown country")
    assert "'Battles'" in refused(invoke("events", "--db", str(db), "--type", "Battle"), "unknown event type")
    assert "'Air/drone strike'" in refused(invoke("export", "--db", str(db), "-o", "-", "--sub-type", "airstrike"),
                                           "unknown sub-event type")
    # a valid value in another case or spelling is resolved, not refused
    assert invoke("events", "--db", str(db), "--country", "IRAQ", "--type", "battles").exit_code == 0


def test_ingest_of_nothing_storable_fails(tmp_path: Path) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "x", "text": ""}\n{"id": "y"}\n', encoding="utf-8")
    refused(invoke("ingest", str(bad), "--db", str(tmp_path / "ew.db"), "--workers", "1"), "nothing was stored")
    assert not (tmp_path / "ew.db").exists()  # no empty store left behind
    empty = tmp_path / "empty"
    empty.mkdir()
    refused(invoke("ingest", str(empty), "--db", str(tmp_path / "ew2.db"), "--workers", "1"), "nothing was stored")
    assert list(tmp_path.glob("ew2.db*")) == []


def test_a_failed_ingest_keeps_an_existing_store(db: Path, tmp_path: Path) -> None:
    before = db.stat().st_size
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "z"}\n', encoding="utf-8")
    refused(invoke("ingest", str(bad), "--db", str(db), "--workers", "1"), "nothing was stored")
    assert db.exists() and db.stat().st_size >= before
    assert invoke("events", "--db", str(db), "--json").stdout.strip()  # its events are still there


def test_ingest_with_some_failures_exits_3(tmp_path: Path) -> None:
    mixed = tmp_path / "mixed.jsonl"
    good = {"id": "ok", "text": "Gunmen killed two traders in Maiduguri on Monday, police said.",
            "published": "2024-05-01"}
    mixed.write_text(json.dumps(good) + '\n{"id": "y"}\n', encoding="utf-8")
    result = invoke("ingest", str(mixed), "--db", str(tmp_path / "ew.db"), "--workers", "1", "--json")
    assert result.exit_code == 3, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    summary = json.loads(result.stdout.splitlines()[0])
    assert summary["stored"] == 1 and len(summary["failures"]) == 1
