"""Which stored events raise an alert, and whether an event has already raised one.

A rule matches an event (a JSON-contract dict) when every condition it sets holds: the country is one of
`countries`, the admin1 one of `admin1` (names compared ignoring case), the event lies within `radius_km` of
`point`, its type and sub-event type are among those listed, one of `actors` is a substring of actor1 or actor2
(ignoring case) and it has at least `min_fatalities` deaths. A rule with no conditions matches every event.

An event alerts once per rule; it alerts again only when its figures (the fingerprint: fatalities, injuries,
captured, munitions, event type and sub-event type) change.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from typing import Any

from eventwire.geo import haversine_km
from eventwire.watch.config import Rule
from eventwire.watch.state import WatchState

FIGURES = ("event_type", "sub_event_type", "fatalities", "injuries", "captured", "munitions")


def _one_of(value: Any, wanted: tuple[str, ...]) -> bool:
    return isinstance(value, str) and value.casefold() in {w.casefold() for w in wanted}


def matches(rule: Rule, event: dict[str, Any]) -> bool:
    if rule.countries and not _one_of(event.get("country"), rule.countries):
        return False
    if rule.admin1 and not _one_of(event.get("admin1"), rule.admin1):
        return False
    if rule.event_types and not _one_of(event.get("event_type"), rule.event_types):
        return False
    if rule.sub_event_types and not _one_of(event.get("sub_event_type"), rule.sub_event_types):
        return False
    if rule.point is not None and rule.radius_km is not None:
        lat, lon = event.get("latitude"), event.get("longitude")
        if lat is None or lon is None:
            return False
        if haversine_km(rule.point[0], rule.point[1], float(lat), float(lon)) > rule.radius_km:
            return False
    if rule.actors:
        actors = " | ".join(str(event.get(k) or "") for k in ("actor1", "actor2")).casefold()
        if not any(a.casefold() in actors for a in rule.actors):
            return False
    return rule.min_fatalities is None or (event.get("fatalities") or 0) >= rule.min_fatalities


def figures(event: dict[str, Any]) -> dict[str, Any]:
    return {k: event.get(k) for k in FIGURES}


def fingerprint(event: dict[str, Any]) -> str:
    """What must change for an event to alert again."""
    return hashlib.sha256(json.dumps(figures(event), sort_keys=True).encode("utf-8")).hexdigest()[:16]


def alert_change(state: WatchState, rule: Rule, event: dict[str, Any], is_event: Callable[[str], bool],
                 now: float) -> str | None:
    """"new" when the rule has never alerted on this event, "updated" when its figures changed since it did,
    None when it has alerted on these figures already. An event whose id changed (its article was updated, or
    another report merged into it) is recognised by the alerts on events that share one of its articles and no
    longer exist (`is_event(id)` says whether an event id is still stored); the new id is then remembered."""
    event_id = str(event["id"])
    fp = fingerprint(event)
    priors = state.prior_alerts(rule.name, event_id, event.get("article_ids") or [])
    same = [p for p in priors if p.event_id == event_id]
    if same:
        return None if same[0].fingerprint == fp else "updated"
    predecessors = [p for p in priors if not is_event(p.event_id)]
    if any(p.fingerprint == fp for p in predecessors):
        state.alert_sent(rule.name, event_id, fp, event.get("article_ids") or [], now)
        return None
    return "updated" if predecessors else "new"
