"""Confidence from the measured reliability of the rules behind an event or a field."""

from __future__ import annotations

import pytest

from eventwire.model import Event, Evidence, Span
from eventwire.pipeline.calibration import MIN_SUPPORT, R_RELIABILITY, Reliability, calibrated, event_trace

TABLE = Reliability.read(
    "# comment lines are skipped\n"
    "field,rule,events,right\n"
    "event,*,100,50\n"
    "event,trusted.rule,60,57\n"
    "event,doubtful.rule,40,8\n"
    f"event,rare.rule,{MIN_SUPPORT - 1},0\n"
    "event_date,*,50,40\n"
    "event_date,event_date.stated,30,29\n"
)


def test_a_rule_that_is_usually_right_raises_the_confidence_and_one_usually_wrong_lowers_it() -> None:
    prior = TABLE.probability("event", [], 0.5)
    assert prior == pytest.approx(50.5 / 101)
    high = TABLE.probability("event", ["trusted.rule"], 0.5)
    low = TABLE.probability("event", ["doubtful.rule"], 0.5)
    assert high is not None and low is not None and prior is not None
    assert low < prior < high
    both = TABLE.probability("event", ["trusted.rule", "doubtful.rule"], 0.5)
    assert both is not None and low < both < high
    assert TABLE.probability("event", ["rare.rule", "unknown.rule"], 0.5) == prior  # too rare or never seen
    assert TABLE.probability("event", ["trusted.rule", "trusted.rule"], 0.5) == high  # a rule counts once
    assert TABLE.probability("weapon", ["trusted.rule"], 0.5) is None  # the table has never seen the field


def _event(**rules: tuple[str, ...]) -> Event:
    evidence = {key: Evidence("a", Span(0, 3, "Mon"), 0.9, "r", "dates", names) for key, names in rules.items()}
    return Event(id="ev", event_type="Battles", sub_event_type="Armed clash", date=None, place=None, actor1=None,
                 actor2=None, weapon=None, fatalities=0, injuries=None, captured=None, munitions=None,
                 confidence=0.98, evidence=evidence)


def test_an_event_and_its_fields_get_the_probabilities_of_their_rules() -> None:
    event = calibrated(_event(event_date=("event_date.stated", "trusted.rule"), weapon=("x",)), TABLE)
    weight = R_RELIABILITY.points
    assert event.confidence == round(TABLE.probability("event", ["event_date.stated", "trusted.rule"], weight) or 0, 3)
    assert event.confidence > 0.6
    assert event.evidence["event_date"].confidence == round(
        TABLE.probability("event_date", ["event_date.stated", "trusted.rule"], weight) or 0, 3)
    assert event.evidence["weapon"].confidence == 0.9  # no measurement: left as the stage scored it
    assert calibrated(_event(), Reliability({})).confidence == 0.98


def test_only_the_rules_of_type_date_and_place_say_whether_the_event_is_right() -> None:
    # a doubtful rule behind the actor makes the actor doubtful, not the event
    with_actor_rule = calibrated(_event(event_date=("trusted.rule",), actor1=("doubtful.rule",)), TABLE)
    without = calibrated(_event(event_date=("trusted.rule",)), TABLE)
    assert with_actor_rule.confidence == without.confidence
    assert event_trace({"event_type": {"rules": ["a"]}, "actor1": {"rules": ["b"]}, "location": {"rules": ["c"]}}) \
        == ["a", "c"]
