"""Escalation between two sides, or in a region: the sequence of events with the relations that link them,
counts per week in each direction, the week where the rate changed most, and the rate before and after each
event others answered or followed ("attacks rose from 0.5 to 3 per week after the 28 June air strikes").

The change point is the single split of the weekly series that best explains it as two Poisson rates (the
largest log-likelihood gain over one rate); it is reported with both rates, so a reader can judge it."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

WINDOW_WEEKS = 4  # weeks compared before and after a pivot event


@dataclass(frozen=True)
class Sides:
    """Two actors (case-insensitive substrings of actor names, claims and attributions), or None for a region
    view of every event."""

    a: str
    b: str


def _week(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


def _names(record: dict[str, Any], role: str) -> list[str]:
    names = [record.get(role) or ""]
    if role == "actor1":  # who is said to have done it counts as the perpetrator's side too
        names += [c.get("actor") or "" for c in record.get("claims", ()) if c.get("kind") in ("claimed", "attributed")]
    return [n.lower() for n in names if n]


def direction(record: dict[str, Any], sides: Sides | None) -> str | None:
    """"a>b", "b>a", or None (not between the two sides; always None without sides)."""
    if sides is None:
        return None
    a, b = sides.a.lower(), sides.b.lower()
    doers, targets = _names(record, "actor1"), _names(record, "actor2")
    if any(a in n for n in doers) and (not targets or any(b in n for n in targets)):
        return "a>b"
    if any(b in n for n in doers) and (not targets or any(a in n for n in targets)):
        return "b>a"
    if any(a in n for n in doers + targets) and any(b in n for n in doers + targets):
        return "a>b" if any(a in n for n in doers) else "b>a"
    return None


def _poisson_loglik(counts: list[int]) -> float:
    if not counts:
        return 0.0
    rate = sum(counts) / len(counts)
    if rate == 0:
        return 0.0
    return sum(c * math.log(rate) - rate - math.lgamma(c + 1) for c in counts)


def change_point(weeks: list[dt.date], counts: list[int]) -> dict[str, Any] | None:
    """The split of the weekly counts with the largest Poisson log-likelihood gain (at least two weeks on
    each side), with the rates on both sides."""
    if len(counts) < 4 or sum(counts) == 0:
        return None
    whole = _poisson_loglik(counts)
    best: tuple[float, int] | None = None
    for split in range(2, len(counts) - 1):
        gain = _poisson_loglik(counts[:split]) + _poisson_loglik(counts[split:]) - whole
        if best is None or gain > best[0] + 1e-9:
            best = (gain, split)
    if best is None:
        return None
    gain, split = best
    before, after = counts[:split], counts[split:]
    return {"week": weeks[split].isoformat(), "before_per_week": round(sum(before) / len(before), 2),
            "after_per_week": round(sum(after) / len(after), 2), "log_likelihood_gain": round(gain, 2)}


def _rate(days: Iterable[dt.date], start: dt.date, end: dt.date) -> float:
    weeks = max(1.0, (end - start).days / 7)
    return round(sum(1 for d in days if start <= d < end) / weeks, 2)


def escalation(records: list[dict[str, Any]], sides: Sides | None = None) -> dict[str, Any]:
    """The escalation view of `records` (events as the store gives them, with relations and claims)."""
    chosen: list[tuple[dict[str, Any], str | None]] = []
    for record in records:
        way = direction(record, sides)
        if sides is not None and way is None:
            continue
        chosen.append((record, way))
    chosen.sort(key=lambda x: (x[0].get("event_date") or "9999", x[0]["id"]))
    dated = [(dt.date.fromisoformat(r["event_date"]), r, way) for r, way in chosen if r.get("event_date")]
    weekly: list[dict[str, Any]] = []
    if dated:
        first, last = _week(dated[0][0]), _week(dated[-1][0])
        week = first
        by_week: dict[dt.date, dict[str, int]] = {}
        for day, record, way in dated:
            slot = by_week.setdefault(_week(day), {"events": 0, "a>b": 0, "b>a": 0, "fatalities": 0})
            slot["events"] += 1
            slot["fatalities"] += int(record.get("fatalities") or 0)
            if way:
                slot[way] += 1
        while week <= last:
            slot = by_week.get(week, {"events": 0, "a>b": 0, "b>a": 0, "fatalities": 0})
            weekly.append({"week": week.isoformat(), "events": slot["events"], "a_to_b": slot["a>b"],
                           "b_to_a": slot["b>a"], "fatalities": slot["fatalities"]})
            week += dt.timedelta(days=7)
    change = change_point([dt.date.fromisoformat(w["week"]) for w in weekly], [w["events"] for w in weekly])
    ids = {r["id"] for r, _ in chosen}
    targets: dict[str, list[str]] = {}
    for record, _ in chosen:
        for relation in record.get("relations", ()):
            if relation.get("event_id") in ids and relation.get("kind") in ("follows", "response_to",
                                                                             "retaliation_for"):
                targets.setdefault(relation["event_id"], []).append(record["id"])
    days = [d for d, _, _ in dated]
    pivots = []
    by_id = {r["id"]: r for r, _ in chosen}
    for event_id, answered_by in sorted(targets.items()):
        pivot = by_id[event_id]
        if not pivot.get("event_date"):
            continue
        day = dt.date.fromisoformat(pivot["event_date"])
        window = dt.timedelta(weeks=WINDOW_WEEKS)
        pivots.append({
            "event_id": event_id, "event_date": pivot["event_date"], "event_type": pivot.get("event_type"),
            "sub_event_type": pivot.get("sub_event_type"), "actor1": pivot.get("actor1"),
            "linked_events": sorted(set(answered_by)),
            "before_per_week": _rate(days, day - window, day),
            "after_per_week": _rate(days, day + dt.timedelta(days=1), day + window + dt.timedelta(days=1)),
            "window_weeks": WINDOW_WEEKS,
        })
    events = [{
        "id": r["id"], "event_date": r.get("event_date"), "event_type": r.get("event_type"),
        "sub_event_type": r.get("sub_event_type"), "actor1": r.get("actor1"), "actor2": r.get("actor2"),
        "location": r.get("location"), "country": r.get("country"), "fatalities": r.get("fatalities"),
        "direction": way, "claims": [{"kind": c["kind"], "actor": c.get("actor"), "by": c.get("by")}
                                     for c in r.get("claims", ())],
        "relations": [{"kind": x["kind"], "event_id": x.get("event_id"), "interval_days": x.get("interval_days")}
                      for x in r.get("relations", ())],
    } for r, way in chosen]
    return {"sides": None if sides is None else {"a": sides.a, "b": sides.b}, "events": events, "weekly": weekly,
            "change_point": change, "pivots": pivots, "summary": _summary(sides, events, change, pivots)}


def _summary(sides: Sides | None, events: list[dict[str, Any]], change: dict[str, Any] | None,
             pivots: list[dict[str, Any]]) -> list[str]:
    lines = []
    who = f"between {sides.a} and {sides.b}" if sides else "in the selection"
    lines.append(f"{len(events)} events {who}.")
    for pivot in pivots:
        label = pivot["sub_event_type"] or pivot["event_type"] or "event"
        lines.append(f"{len(pivot['linked_events'])} events follow or answer the {label} of {pivot['event_date']}; "
                     f"events per week: {pivot['before_per_week']} in the {pivot['window_weeks']} weeks before, "
                     f"{pivot['after_per_week']} in the {pivot['window_weeks']} weeks after.")
    if change:
        lines.append(f"Largest change in the weekly rate: from {change['before_per_week']} to "
                     f"{change['after_per_week']} per week from the week of {change['week']}.")
    return lines
