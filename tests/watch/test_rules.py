"""Watch rules: every condition set must hold; an event alerts once per rule and again only when its figures
change, also when its id changed because its article was updated or a report merged into it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from eventwire.watch.config import Rule
from eventwire.watch.rules import alert_change, fingerprint, matches
from eventwire.watch.state import WatchState

KIRKUK: dict[str, Any] = {
    "id": "ew-1", "article_ids": ["web-a"], "event_type": "Explosions/Remote violence",
    "sub_event_type": "Shelling/artillery/missile attack", "country": "Iraq", "admin1": "Kirkuk",
    "latitude": 35.468, "longitude": 44.392, "actor1": "Islamic State (Iraq)", "actor2": "Military Forces of Iraq",
    "fatalities": 0, "injuries": 2, "captured": None, "munitions": None,
}


def event(**changes: Any) -> dict[str, Any]:
    return {**KIRKUK, **changes}


@pytest.mark.parametrize(("rule", "expected"), [
    (Rule("all"), True),
    (Rule("c", countries=("iraq", "Syria")), True),
    (Rule("c", countries=("Syria",)), False),
    (Rule("a1", admin1=("KIRKUK",)), True),
    (Rule("a1", admin1=("Nineveh",)), False),
    (Rule("near", point=(35.56, 44.39), radius_km=15), True),  # about 10 km
    (Rule("far", point=(35.56, 44.39), radius_km=5), False),
    (Rule("t", event_types=("explosions/remote violence",)), True),
    (Rule("t", event_types=("Battles", "Riots")), False),
    (Rule("s", sub_event_types=("Shelling/artillery/missile attack",)), True),
    (Rule("s", sub_event_types=("Air/drone strike",)), False),
    (Rule("actor", actors=("islamic state",)), True),
    (Rule("actor2", actors=("military forces",)), True),
    (Rule("actor", actors=("Hezbollah",)), False),
    (Rule("deaths", min_fatalities=0), True),
    (Rule("deaths", min_fatalities=1), False),
    (Rule("all of them", countries=("Iraq",), event_types=("Explosions/Remote violence",), actors=("State",)), True),
    (Rule("one fails", countries=("Iraq",), event_types=("Explosions/Remote violence",), min_fatalities=1), False),
])
def test_matching(rule: Rule, expected: bool) -> None:
    assert matches(rule, KIRKUK) is expected


def test_events_missing_a_field_do_not_match_a_rule_on_it() -> None:
    unplaced = event(country=None, admin1=None, latitude=None, longitude=None, actor1=None, actor2=None,
                     fatalities=None)
    assert matches(Rule("all"), unplaced)
    for rule in (Rule("c", countries=("Iraq",)), Rule("a", admin1=("Kirkuk",)),
                 Rule("p", point=(35.4, 44.3), radius_km=500), Rule("x", actors=("State",)),
                 Rule("f", min_fatalities=1)):
        assert not matches(rule, unplaced), rule.name


def test_fingerprint_follows_the_figures_only() -> None:
    base = fingerprint(KIRKUK)
    assert fingerprint(event(id="ew-2", confidence=0.1, location="elsewhere", article_ids=["x"])) == base
    for change in ({"fatalities": 3}, {"injuries": 5}, {"captured": 1}, {"munitions": 4},
                   {"event_type": "Battles"}, {"sub_event_type": "Air/drone strike"}):
        assert fingerprint(event(**change)) != base, change


@pytest.fixture
def state(tmp_path: Path) -> WatchState:
    return WatchState(tmp_path / "state.sqlite")


RULE = Rule("iraq", countries=("Iraq",))


def sent(state: WatchState, ev: dict[str, Any], rule: Rule = RULE) -> None:
    state.alert_sent(rule.name, ev["id"], fingerprint(ev), ev["article_ids"], 0.0)


def test_once_per_event_and_again_when_figures_change(state: WatchState) -> None:
    stored = {"ew-1"}
    assert alert_change(state, RULE, KIRKUK, stored.__contains__, 0.0) == "new"
    sent(state, KIRKUK)
    assert alert_change(state, RULE, KIRKUK, stored.__contains__, 1.0) is None
    assert alert_change(state, RULE, event(confidence=0.2), stored.__contains__, 1.0) is None
    worse = event(fatalities=3)
    assert alert_change(state, RULE, worse, stored.__contains__, 2.0) == "updated"
    sent(state, worse)
    assert alert_change(state, RULE, worse, stored.__contains__, 3.0) is None
    # another rule keeps its own record
    assert alert_change(state, Rule("other"), worse, stored.__contains__, 3.0) == "new"


def test_an_event_under_a_new_id_is_recognised_by_its_articles(state: WatchState) -> None:
    sent(state, KIRKUK)
    renamed = event(id="ew-9", article_ids=["web-a", "web-b"])  # ew-1 was replaced (update or merge)
    assert alert_change(state, RULE, renamed, {"ew-9"}.__contains__, 1.0) is None
    # the new id is remembered: a later change of figures is an update of it
    assert alert_change(state, RULE, event(id="ew-9", article_ids=["web-b"], fatalities=2), {"ew-9"}.__contains__,
                        2.0) == "updated"
    # an unrelated event of the same article that still exists is not a predecessor
    sibling = event(id="ew-5", injuries=7)
    assert alert_change(state, RULE, sibling, {"ew-5", "ew-9", "ew-1"}.__contains__, 3.0) == "new"


def test_alerts_survive_reopening(tmp_path: Path) -> None:
    first = WatchState(tmp_path / "s.sqlite")
    sent(first, KIRKUK)
    first.close()
    again = WatchState(tmp_path / "s.sqlite")
    assert alert_change(again, RULE, KIRKUK, {"ew-1"}.__contains__, 1.0) is None
