"""Escalation between two sides, or in a region: the sequence of events with the relations that link them,
counts per week in each direction, the week where the rate changed most, and the rate before and after each
event others answered or followed ("attacks rose from 0.5 to 3 per week after the 28 June air strikes").

The change point is the single split of the weekly series that best explains it as two Poisson rates (the
largest log-likelihood gain over one rate). It is reported only when a likelihood-ratio test finds the change
real: twice the gain against a chi-squared distribution with one degree of freedom, the p-value multiplied by
the number of splits tried (Bonferroni: the split was chosen as the best of them), below CHANGE_P_VALUE; with
fewer than CHANGE_MIN_EVENTS events no change is tested, and the view says so."""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from eventwire.model import is_generic_actor_name

WINDOW_WEEKS = 4  # weeks compared before and after a pivot event
CHANGE_MIN_EVENTS = 8  # fewer events than this tell no rate apart from chance
CHANGE_P_VALUE = 0.05  # a change point is reported below this p-value


@dataclass(frozen=True)
class Sides:
    """Two actors, or None for a region view of every event. Each side is a name or several separated by "|"
    ("Islamic Resistance in Iraq|Kataib Hezbollah"); a name matches an actor name, claim or attribution that
    holds its words whole and in order, in any case ("United States" matches "Military Forces of United
    States", "militia" matches "Iran-backed militias"), except inside a crowd's or victims' label ("Protesters
    (United States)")."""

    a: str
    b: str


def side_matches(side: str, name: str) -> bool:
    """Whether `name` (an actor name, claim or attribution) belongs to `side` (see `Sides`)."""
    if is_generic_actor_name(name):  # "Protesters (United States)" is no side of the United States
        return False
    lowered = name.lower()
    for one in side.split("|"):
        words = re.findall(r"\w+", one.lower())
        if words and re.search(r"(?<!\w)" + r"\W+".join(map(re.escape, words)) + r"(?:e?s)?(?!\w)", lowered):
            return True
    return False


def _week(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


def _names(record: dict[str, Any], role: str) -> list[str]:
    names = [record.get(role) or ""]
    if role == "actor1":  # who is said to have done it counts as the perpetrator's side too
        names += [c.get("actor") or "" for c in record.get("claims", ()) if c.get("kind") in ("claimed", "attributed")]
    return [n for n in names if n]


def direction(record: dict[str, Any], sides: Sides | None) -> str | None:
    """"a>b", "b>a", or None (not between the two sides; always None without sides)."""
    if sides is None:
        return None
    doers, targets = _names(record, "actor1"), _names(record, "actor2")

    def any_of(side: str, names: list[str]) -> bool:
        return any(side_matches(side, n) for n in names)

    if any_of(sides.a, doers) and (not targets or any_of(sides.b, targets)):
        return "a>b"
    if any_of(sides.b, doers) and (not targets or any_of(sides.a, targets)):
        return "b>a"
    if any_of(sides.a, doers + targets) and any_of(sides.b, doers + targets):
        return "a>b" if any_of(sides.a, doers) else "b>a"
    return None


def _poisson_loglik(counts: list[int]) -> float:
    if not counts:
        return 0.0
    rate = sum(counts) / len(counts)
    if rate == 0:
        return 0.0
    return sum(c * math.log(rate) - rate - math.lgamma(c + 1) for c in counts)


def _chi2_1_survival(x: float) -> float:
    """P(X > x) for X chi-squared with one degree of freedom."""
    return math.erfc(math.sqrt(max(x, 0.0) / 2))


def change_point(weeks: list[dt.date], counts: list[int]) -> dict[str, Any] | None:
    """The split of the weekly counts with the largest Poisson log-likelihood gain (at least two weeks on
    each side), with the rates on both sides and its likelihood-ratio test; None when there are too few
    events or weeks to test, or when the change is not significant (see the module docstring)."""
    if len(counts) < 4 or sum(counts) < CHANGE_MIN_EVENTS:
        return None
    whole = _poisson_loglik(counts)
    best: tuple[float, int] | None = None
    splits = range(2, len(counts) - 1)
    for split in splits:
        gain = _poisson_loglik(counts[:split]) + _poisson_loglik(counts[split:]) - whole
        if best is None or gain > best[0] + 1e-9:
            best = (gain, split)
    if best is None:
        return None
    gain, split = best
    p_value = min(1.0, len(splits) * _chi2_1_survival(2 * gain))
    if p_value >= CHANGE_P_VALUE:
        return None
    before, after = counts[:split], counts[split:]
    return {"week": weeks[split].isoformat(), "before_per_week": round(sum(before) / len(before), 2),
            "after_per_week": round(sum(after) / len(after), 2), "log_likelihood_gain": round(gain, 2),
            "p_value": round(p_value, 4), "splits_tested": len(splits)}


def p_text(p_value: float) -> str:
    """A p-value as a reader wants it: "p < 0.001" rather than "p = 0.0"."""
    return "p < 0.001" if p_value < 0.001 else f"p = {p_value:.3f}"


def change_note(counts: list[int]) -> str | None:
    """Why no change point is reported, for the summary; None when one is."""
    if len(counts) < 4 or sum(counts) < CHANGE_MIN_EVENTS:
        return (f"Too few events ({sum(counts)} in {len(counts)} weeks; at least {CHANGE_MIN_EVENTS} in 4 weeks "
                "are needed) to test whether the weekly rate changed.")
    return f"No significant change in the weekly rate (likelihood-ratio test, p >= {CHANGE_P_VALUE})."


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
            "change_point": change, "pivots": pivots,
            "summary": _summary(sides, events, change, pivots, [w["events"] for w in weekly])}


def _summary(sides: Sides | None, events: list[dict[str, Any]], change: dict[str, Any] | None,
             pivots: list[dict[str, Any]], counts: list[int]) -> list[str]:
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
                     f"{change['after_per_week']} per week from the week of {change['week']} "
                     f"(likelihood-ratio test, {p_text(change['p_value'])}).")
    elif events:
        note = change_note(counts)
        if note:
            lines.append(note)
    return lines
