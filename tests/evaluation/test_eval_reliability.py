"""The reliability table: per rule, how many events (fields) it was behind and how many were right."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from eventwire.evaluation.gold import GoldDoc
from eventwire.evaluation.reliability import EVENT, EventOutcome, cross_validated_calibration, measure, render
from eventwire.pipeline.calibration import Reliability

GOLD = {"id": "a", "text": "Two soldiers were killed near Gao on Sunday.", "published": "2024-03-11",
        "taxonomy": "acled", "events": [{"event_type": "Battles", "sub_event_type": "Armed clash",
                                         "event_date": "2024-03-10", "country": "Mali", "fatalities": 2}]}


def record(date: str, fatalities: int, *rules: str) -> dict[str, Any]:
    evidence = {"event_date": {"start": 0, "rules": ["event_date.weekday", *rules]},
                "fatalities": {"start": 4, "rules": ["counts.sentence_count"]}}
    return {"event_type": "Battles", "sub_event_type": "Armed clash", "event_date": date, "country": "Mali",
            "fatalities": fatalities, "confidence": 0.9, "evidence": evidence}


def test_right_and_wrong_events_and_fields_are_counted_per_rule(tmp_path: Path) -> None:
    path = tmp_path / "gold.jsonl"
    path.write_text(json.dumps(GOLD) + "\n", encoding="utf-8")

    def system(_doc: GoldDoc) -> list[dict[str, Any]]:
        # the first matches (with a wrong toll), the second is a false event
        return [record("2024-03-10", 3, "x.right"), record("2024-02-01", 2, "x.wrong")]

    tally = measure([path], system)
    assert (tally.seen[EVENT, "*"], tally.right[EVENT, "*"]) == (2, 1)
    assert (tally.seen[EVENT, "x.right"], tally.right[EVENT, "x.right"]) == (1, 1)
    assert (tally.seen[EVENT, "x.wrong"], tally.right[EVENT, "x.wrong"]) == (1, 0)
    assert (tally.seen[EVENT, "event_date.weekday"], tally.right[EVENT, "event_date.weekday"]) == (2, 1)
    assert (tally.seen["event_date", "*"], tally.right["event_date", "*"]) == (1, 1)
    assert (tally.seen["fatalities", "counts.sentence_count"], tally.right["fatalities", "counts.sentence_count"]) \
        == (1, 0)
    table = Reliability.read(render(tally))
    assert table.counts[EVENT, "x.right"] == (1, 1) and table.counts["fatalities", "*"] == (1, 0)
    assert "Two soldiers" not in render(tally)  # counts only, never the text


def test_cross_validation_scores_each_document_with_a_table_counted_without_it() -> None:
    # a rule behind right events only and one behind wrong events only, in 40 documents of the held-out set and
    # 40 of another set that is always counted
    outcomes = [EventOutcome((name, f"{name}-{i}"), frozenset({"x.good" if i % 2 else "x.bad"}), bool(i % 2))
                for name in ("news.jsonl", "notes.jsonl") for i in range(40)]
    found = cross_validated_calibration(outcomes, ["news.jsonl"], weight=1.0, folds=5, shuffles=2)
    assert found["documents"] == 40 and found["events"] == 40 and found["folds"] == 5
    assert len(found["per_shuffle"]) == 2
    assert found["calibration_error_cv"] < 0.2  # the rules tell right from wrong out of sample too
    assert found["precision_at_0_5_cv"] == 1.0
    # a rule seen only in the held-out documents says nothing about them out of sample
    alone = [EventOutcome(("news.jsonl", f"n-{i}"), frozenset({f"x.only{i}"}), bool(i % 2)) for i in range(40)]
    blind = cross_validated_calibration(alone + outcomes[40:], ["news.jsonl"], weight=1.0, folds=5, shuffles=1)
    assert blind["precision_at_0_5_cv"] is None or blind["precision_at_0_5_cv"] <= 0.6
