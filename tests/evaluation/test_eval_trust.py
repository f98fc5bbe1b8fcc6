"""Calibration and grouping metrics: whether confidence means what it says, and one incident is one event."""

from __future__ import annotations

from typing import Any

import pytest

from eventwire.evaluation.gold import GoldEvent
from eventwire.evaluation.trust import (
    GroupingCounts,
    calibration_metrics,
    confidence_outcomes,
    grouping_counts,
    grouping_metrics,
)

TEXT = ("Gunmen attacked a bus near Kano on Monday. Four passengers were killed. "
        "Separately, police arrested two men in Zaria. They were charged on Tuesday.")


def gold(evidence: str) -> GoldEvent:
    return GoldEvent(accept_types=frozenset({"Battles"}), evidence=evidence)


def at(fragment: str) -> dict[str, Any]:
    start = TEXT.index(fragment)
    return {"start": start, "end": start + len(fragment), "text": fragment}


def test_outcomes_leave_out_predictions_matched_to_optional_gold() -> None:
    predictions = [{"confidence": 0.9}, {"confidence": 0.4}, {"confidence": 0.7}, {}]
    assert confidence_outcomes(predictions, [0], [2]) == [(0.9, True), (0.4, False)]


def test_a_perfectly_calibrated_system_has_no_calibration_error() -> None:
    outcomes = [(0.95, True)] * 19 + [(0.95, False)] + [(0.25, True)] * 5 + [(0.25, False)] * 15
    found = calibration_metrics(outcomes)
    assert found["calibration_error"] == pytest.approx(0.0, abs=1e-4)
    assert found["precision_at_0_8"] == found["precision_at_0_9"] == 0.95
    assert found["precision_at_0_5"] == 0.95  # no prediction between 0.5 and 0.8


def test_an_overconfident_system_shows_its_gap() -> None:
    found = calibration_metrics([(0.98, True), (0.98, False), (0.98, False), (0.98, True)])
    assert found["calibration_error"] == pytest.approx(0.48)
    assert found["precision_at_0_8"] == 0.5
    assert calibration_metrics([]) == {"calibration_error": None, "precision_at_0_5": None, "precision_at_0_8": None,
                                       "precision_at_0_9": None}


def test_precision_is_given_at_each_threshold_an_analyst_filters_at() -> None:
    outcomes = [(0.95, True), (0.85, False), (0.6, True), (0.6, False), (0.2, False)]
    found = calibration_metrics(outcomes)
    assert (found["precision_at_0_5"], found["precision_at_0_8"], found["precision_at_0_9"]) == (0.5, 0.5, 1.0)


def test_one_incident_split_in_two_events_loses_grouping_recall() -> None:
    incident = gold("Gunmen attacked a bus near Kano on Monday. [...] Four passengers were killed.")
    arrest = gold("Separately, police arrested two men in Zaria. [...] They were charged on Tuesday.")
    together = [{"evidence": {"event_type": at("attacked"), "fatalities": at("Four")}},
                {"evidence": {"event_type": at("arrested")}, "mention_starts": [TEXT.index("charged")]}]
    assert grouping_counts(TEXT, [incident, arrest], together) == GroupingCounts(2, 2, 2)
    split = [{"evidence": {"event_type": at("attacked")}}, {"evidence": {"fatalities": at("Four")}},
             {"evidence": {"event_type": at("arrested"), "x": at("charged")}}]
    assert grouping_counts(TEXT, [incident, arrest], split) == GroupingCounts(1, 2, 1)
    merged = [{"evidence": {"a": at("attacked"), "b": at("Four"), "c": at("arrested"), "d": at("charged")}}]
    counts = grouping_counts(TEXT, [incident, arrest], merged)
    assert counts == GroupingCounts(6, 2, 2)
    metrics = grouping_metrics([counts])
    assert (metrics["grouping_precision"], metrics["grouping_recall"]) == (0.3333, 1.0)
