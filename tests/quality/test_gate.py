"""The quality gate: pinned floors hold on the development sets, and a broken stage makes it fail."""

from __future__ import annotations

from pathlib import Path

from devdata import DEV, REPO, needs_shared
from eventwire.evaluation import gate

FLOORS = REPO / "quality" / "floors.json"


@needs_shared
def test_development_sets_meet_their_floors() -> None:
    floors = gate.load_floors(FLOORS)
    assert floors["sets"], "no floors pinned: run 'eventwire gate --pin'"
    measured = gate.measure(DEV)
    problems = gate.check(floors, measured)
    assert not problems, "\n".join(str(p) for p in problems)


@needs_shared
def test_gate_fails_when_rules_are_switched_off() -> None:
    """Switch off every rule that reads a date: the gate must catch it."""
    from eventwire.pipeline import rules

    floors = gate.load_floors(FLOORS)
    with rules.disabled(rules.ids_matching(["event_date.sentence_date", "event_date.weekday"])):
        measured = gate.measure(DEV, sets={"seed/seed.jsonl": None, "news/news.jsonl": None})
    problems = gate.check(floors, measured)
    assert any(isinstance(p, gate.Failure) and p.metric in ("f1", "recall") for p in problems), problems


def test_pin_only_raises_floors_unless_allowed() -> None:
    old = {"sets": {"x.jsonl": {"fingerprint": "abc", "sample": None, "floors": {"f1": 0.5, "km_median": 10.0}}}}
    measured = {"x.jsonl": {"fingerprint": "abc", "sample": None, "metrics": {"f1": 0.4, "km_median": 12.0,
                                                                            "recall": 0.61234, "tp": 3}}}
    new, refused = gate.pin(old, measured)
    assert new["sets"]["x.jsonl"]["floors"] == {"f1": 0.5, "km_median": 10.0, "recall": 0.612}
    assert len(refused) == 2
    lowered, refused = gate.pin(old, measured, allow_lower=True)
    assert lowered["sets"]["x.jsonl"]["floors"] == {"f1": 0.4, "km_median": 12.0, "recall": 0.612}
    assert refused == []


def test_a_floor_of_zero_is_no_floor_but_a_fall_to_zero_is_refused() -> None:
    old = {"sets": {"x.jsonl": {"fingerprint": "abc", "sample": None, "floors": {"f1": 0.5, "recall": 0.0}}}}
    measured = {"x.jsonl": {"fingerprint": "abc", "sample": None,
                            "metrics": {"f1": 0.0, "recall": 0.0, "precision": 0.0, "km_median": 0.0}}}
    new, refused = gate.pin(old, measured)
    assert new["sets"]["x.jsonl"]["floors"] == {"f1": 0.5, "km_median": 0.0}  # (a ceiling of 0 can fail)
    assert refused == ["x.jsonl: f1 would move from 0.5 to 0.0; kept 0.5"]


def test_check_reports_regressions_and_changed_gold() -> None:
    floors = {"sets": {"a": {"fingerprint": "f", "sample": None, "floors": {"f1": 0.5, "km_median": 10.0}},
                       "b": {"fingerprint": "g", "sample": None, "floors": {"f1": 0.1}}}}
    measured = {"a": {"fingerprint": "f", "metrics": {"f1": 0.49, "km_median": 10.5}},
                "b": {"fingerprint": "changed", "metrics": {"f1": 0.9}}}
    problems = gate.check(floors, measured)
    assert [str(p) for p in problems if isinstance(p, gate.Failure)] == [
        "a: f1 = 0.49 is below the floor 0.5", "a: km_median = 10.5 is above the ceiling 10.0"]
    assert any(isinstance(p, str) and "fingerprint" in p for p in problems)


def test_floors_file_is_valid_json(tmp_path: Path) -> None:
    target = tmp_path / "floors.json"
    gate.save_floors(target, {"sets": {"s": {"fingerprint": "x", "sample": 3, "floors": {"f1": 0.25}}}})
    assert gate.load_floors(target)["sets"]["s"]["floors"]["f1"] == 0.25
