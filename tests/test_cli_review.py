"""The review commands (correct, reject, restore, split, merge, corrections, review) and reviewed events as gold:
`export --format gold` scores 1.0 against itself, and `eval` measures the release against the corrections."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

sys.path.insert(0, str(Path(__file__).resolve().parent / "api"))  # hand-made events (api_factory)

from api_factory import fill, specs

from eventwire.cli import main
from eventwire.store import EventFilter, open_store

ARTICLE = "Gunmen killed three villagers in Zurmi, Zamfara state, on Monday, police said.\n"


def invoke(*args: str) -> Result:
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


@pytest.fixture
def db(tmp_path: Path) -> str:
    path = str(tmp_path / "r.db")
    fill(path, specs(4))
    return path


def test_correct_sets_fields_and_records_who_and_why(db: str) -> None:
    result = invoke("correct", "ew-0000", "--set", "fatalities=7", "--set", 'actor2="Civilians (Iraq)"',
                    "--reason", "hospital list", "--by", "ana", "--db", db, "--json")
    assert result.exit_code == 0, result.output
    (event,) = [json.loads(line) for line in result.stdout.splitlines()]
    assert (event["fatalities"], event["actor2"], event["review"]) == (7, "Civilians (Iraq)", "corrected")
    listing = invoke("corrections", "ew-0000", "--db", db, "--json")
    rows = [json.loads(line) for line in listing.stdout.splitlines()]
    assert [(r["author"], r["field"], r["after"], r["reason"]) for r in rows] == [
        ("ana", "fatalities", 7, "hospital list"), ("ana", "actor2", "Civilians (Iraq)", "hospital list")]


def test_bad_corrections_are_clear_errors_without_traceback(db: str) -> None:
    for args, message in ((["correct", "ew-0000", "--set", "fatalities=lots"], "whole number"),
                          (["correct", "ew-0000", "--set", "fatalities"], "FIELD=VALUE"),
                          (["correct", "ew-9999", "--set", "fatalities=1"], "no stored event"),
                          (["restore", "ew-0000"], "not rejected")):
        result = CliRunner().invoke(main, [*args, "--reason", "r", "--db", db])
        assert result.exit_code != 0 and message in result.output, (args, result.output)
        assert "Traceback" not in result.output
    assert CliRunner().invoke(main, ["reject", "ew-0000", "--db", db]).exit_code == 2  # --reason is required


def test_reject_restore_and_the_review_filter(db: str) -> None:
    assert invoke("reject", "ew-0001", "--reason", "drill", "--db", db).exit_code == 0
    listed = invoke("events", "--db", db, "--json").output
    assert "ew-0001" not in listed
    assert "ew-0001" in invoke("events", "--db", db, "--json", "--review", "rejected").output
    assert invoke("restore", "ew-0001", "--reason", "real after all", "--db", db).exit_code == 0
    assert "ew-0001" in invoke("events", "--db", db, "--json").output


def test_merge_and_split_from_the_command_line(db: str) -> None:
    assert invoke("merge", "ew-0000", "ew-0001", "--reason", "one incident", "--db", db).exit_code == 0
    with open_store(db) as store:
        merged = [e for e in store.events() if len(e["article_ids"]) == 2]
    assert [sorted(e["article_ids"]) for e in merged] == [["art-ew-0000", "art-ew-0001"]]
    assert invoke("split", merged[0]["id"], "--article", "art-ew-0001", "--reason", "two after all", "--db",
                  db).exit_code == 0
    with open_store(db) as store:
        assert all(len(e["article_ids"]) == 1 for e in store.events()) and store.count() == 4


def test_the_review_queue_lists_doubtful_events_first(db: str) -> None:
    rows = [json.loads(line) for line in invoke("review", "--db", db, "--json").stdout.splitlines()]
    assert [r["doubt"] for r in rows] == sorted((r["doubt"] for r in rows), reverse=True) and len(rows) == 4
    table = invoke("review", "--db", db).output
    assert "doubt" in table and rows[0]["id"] in table


def test_reviewed_events_become_gold_that_scores_one_against_itself(tmp_path: Path) -> None:
    db = str(tmp_path / "g.db")
    source = tmp_path / "a.txt"
    source.write_text(" date 2024-05-14\n" + ARTICLE, encoding="utf-8")
    assert invoke("ingest", str(source), "--db", db).exit_code == 0
    with open_store(db) as store:
        (event,) = store.events()
    assert event["fatalities"] == 3
    invoke("correct", event["id"], "--set", "fatalities=5", "--reason", "two died in hospital", "--db", db)
    gold = tmp_path / "reviewed.jsonl"
    assert invoke("export", "--format", "gold", "-o", str(gold), "--db", db).exit_code == 0
    (record,) = [json.loads(line) for line in gold.read_text(encoding="utf-8").splitlines()]
    assert record["text"].endswith(ARTICLE) and record["events"][0]["fatalities"] == 5
    itself = json.loads(invoke("eval", str(gold), "--predictions", str(gold), "--json").stdout)
    assert (itself["f1"], itself["fatalities_exact"], itself["sub_event_type_acc"]) == (1.0, 1.0, 1.0)
    release = json.loads(invoke("eval", str(gold), "--json").stdout)
    assert release["f1"] == 1.0 and release["fatalities_exact"] == 0.0  # the machine still reads three


def test_a_rejected_event_is_left_out_of_the_gold(tmp_path: Path, db: str) -> None:
    invoke("reject", "ew-0002", "--reason", "not an incident", "--db", db)
    gold = tmp_path / "reviewed.jsonl"
    invoke("export", "--format", "gold", "-o", str(gold), "--db", db)
    (record,) = [json.loads(line) for line in gold.read_text(encoding="utf-8").splitlines()]
    assert record["id"] == "art-ew-0002" and record["events"] == []
    with open_store(db) as store:
        assert store.count(EventFilter(review="all")) == 4


def test_event_shows_its_corrections_and_conflicts(db: str) -> None:
    invoke("correct", "ew-0003", "--set", "fatalities=9", "--reason", "hospital list", "--by", "ana", "--db", db)
    shown = invoke("event", "ew-0003", "--db", db).output
    assert "review: corrected" in shown and "ana: fatalities:" in shown and "-> 9 (hospital list)" in shown
