"""Combine the reports of one incident into one event: a pure function of the set of reports."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import replace
from typing import TypeVar

from eventwire.merge.matching import Cluster, Report, is_coarse
from eventwire.model import Event, Evidence, Place, Source

T = TypeVar("T")

PLACE_SPECIFICITY = {"country": 0, "admin1": 1, "admin2": 2, "populated place": 3}  # sites etc.: 4

# Words that mark a death toll as a revision of an earlier one ("the death toll rose to 21").
REVISION_CUE = re.compile(
    r"\b(?:(?:rose|risen|rises|rising|climbed|climbs|climbing|jumped|increased|increases|grew|grown|mounted|"
    r"revised(?: upward)?)(?: sharply| further)? to|(?:raising|raised|pushing|pushed) the (?:death )?toll to|"
    r"toll (?:now )?stands at)\b", re.IGNORECASE)


def _vote(reports: list[Report], value: Callable[[Report], T | None]) -> tuple[T | None, Report | None]:
    """The value most reports give (ties: the earliest report's), with the earliest report that gives it."""
    counts: Counter[T] = Counter()
    first: dict[T, tuple[int, Report]] = {}
    for i, r in enumerate(reports):  # earliest first
        v = value(r)
        if v is None:
            continue
        counts[v] += 1
        first.setdefault(v, (i, r))
    if not counts:
        return None, None
    best = max(counts, key=lambda v: (counts[v], -first[v][0]))
    return best, first[best][1]


def _place_rank(place: Place) -> tuple[int, int, int]:
    return (place.geo_precision, 1 if is_coarse(place) else 0, -PLACE_SPECIFICITY.get(place.kind, 4))


def stated_fatalities(event: Event) -> int | None:
    """The toll a report states; 0 without supporting evidence only means the report gives none."""
    if event.fatalities is None or (event.fatalities == 0 and "fatalities" not in event.evidence):
        return None
    return event.fatalities


def reconcile_fatalities(reports: list[Report]) -> tuple[int | None, Report | None, list[str]]:
    """ACLED's conservative rule: the lowest toll any report states, unless a report published on a later day
    than some lower report explicitly revises the toll upward ("rose to 21"); then the lowest toll among the
    reports published on or after the latest such revision. Reports that state no toll do not count; with none
    stated, the lowest figure given (0). Returns (toll, the report it comes from, notes)."""
    stated = [(r, f) for r in reports if (f := stated_fatalities(r.event)) is not None]
    notes: list[str] = []
    if not stated:
        values = [r.event.fatalities for r in reports if r.event.fatalities is not None]
        return (min(values) if values else None), None, notes
    figures = sorted({f for _, f in stated})
    if len(figures) > 1:
        notes.append("fatalities reported: " + ", ".join(str(f) for f in figures))
    pool = stated
    revision: tuple[Report, int] | None = None
    for r, f in stated:  # earliest first, so the last one found is the latest revision
        if r.published is None or not r.revises_toll:
            continue
        earlier = [g for q, g in stated if q.published is not None and q.published < r.published]
        if earlier and f > min(earlier):
            revision = (r, f)
    if revision is not None:
        rev, toll = revision
        assert rev.published is not None
        pool = [(r, f) for r, f in stated if r.published is not None and r.published >= rev.published]
        notes.append(f"fatalities revised upward to {toll} by {rev.article_id} (published "
                     f"{rev.published.isoformat()}); earlier lower reports superseded")
    from_report, lowest = min(pool, key=lambda rf: (rf[1], rf[0].order))
    return lowest, from_report, notes


def _lowest(reports: list[Report], name: str) -> tuple[int | None, Report | None]:
    values = [(v, r) for r in reports if (v := getattr(r.event, name)) is not None]
    if not values:
        return None, None
    v, r = min(values, key=lambda vr: (vr[0], vr[1].order))
    return v, r


def merged_event(group: Cluster) -> Event:
    """The event for a cluster of reports: every source kept; most precise date and place; the most common
    type, actors and weapon; the conservative toll; disagreements and the merge decisions in `notes`.

    Background reports (passing mentions of the incident in articles about a later one) are recorded in
    `notes` as mentions, not as sources, and give no field, when the cluster holds an article's own report;
    a cluster of background reports only is reconciled from them all (they are all there is)."""
    reports = sorted(group.reports, key=lambda r: r.order)
    own = [r for r in reports if not r.background]
    if not own or len(own) == len(reports):
        return _merged(group)
    own_decisions = tuple(d for d in group.decisions if not d.a.background and not d.b.background)
    event = _merged(Cluster(tuple(own), own_decisions))
    notes = list(event.notes)
    for r in reports:
        if r.background:
            day = r.event.date.start.isoformat() if r.event.date else "undated"
            notes.append(f"mentioned in {r.article_id} ({r.event.id}, dated {day}) as an earlier incident; "
                         "not a source")
    for d in group.decisions:
        if d.a.background or d.b.background:
            mention, other = (d.a, d.b) if d.a.background else (d.b, d.a)
            notes.append(f"mention {mention.event.id} ({mention.article_id}) matched {other.event.id} "
                         f"({other.article_id}): {d.score.describe()}")
    return replace(event, notes=tuple(notes))


def _merged(group: Cluster) -> Event:
    reports = sorted(group.reports, key=lambda r: r.order)
    base = reports[0].event
    if len(reports) == 1:
        return base
    chosen: dict[str, Report] = {}
    notes: list[str] = []

    (etype, sub), r_type = _vote(reports, lambda r: (r.event.event_type, r.event.sub_event_type or ""))  # type: ignore[misc]
    assert r_type is not None
    chosen["event_type"] = r_type
    kinds = sorted({f"{r.event.event_type}: {r.event.sub_event_type}" for r in reports})
    if len(kinds) > 1:
        notes.append("types reported: " + "; ".join(kinds))

    dated = [r for r in reports if r.event.date is not None]
    date = None
    if dated:
        best_tp = min(r.event.date.time_precision for r in dated if r.event.date is not None)
        precise = [r for r in dated if r.event.date is not None and r.event.date.time_precision == best_tp]
        _start, r_date = _vote(precise, lambda r: r.event.date.start if r.event.date else None)
        assert r_date is not None and r_date.event.date is not None
        date = r_date.event.date
        chosen["event_date"] = r_date
        days = sorted({r.event.date.start.isoformat() for r in dated if r.event.date is not None})
        if len(days) > 1:
            notes.append("dates reported: " + ", ".join(days))

    placed = [r for r in reports if r.event.place is not None]
    place = None
    if placed:
        best_rank = min(_place_rank(r.event.place) for r in placed if r.event.place is not None)
        precise = [r for r in placed if r.event.place is not None and _place_rank(r.event.place) == best_rank]
        _pid, r_place = _vote(precise, lambda r: r.event.place.place_id if r.event.place else None)
        assert r_place is not None
        place = r_place.event.place
        chosen["location"] = r_place
        names = sorted({r.event.place.name for r in placed if r.event.place is not None})
        if len(names) > 1:
            notes.append("places reported: " + ", ".join(names))

    _a1, r_a1 = _vote(reports, lambda r: r.event.actor1.name if r.event.actor1 else None)
    _a2, r_a2 = _vote(reports, lambda r: r.event.actor2.name if r.event.actor2 else None)
    weapon, r_weapon = _vote(reports, lambda r: r.event.weapon)
    for name, r in (("actor1", r_a1), ("actor2", r_a2), ("weapon", r_weapon)):
        if r is not None:
            chosen[name] = r

    fatalities, r_fat, fat_notes = reconcile_fatalities(reports)
    notes.extend(fat_notes)
    if r_fat is not None:
        chosen["fatalities"] = r_fat
    counts: dict[str, int | None] = {}
    for name in ("injuries", "captured", "munitions"):
        value, r = _lowest(reports, name)
        counts[name] = value
        if r is not None:
            chosen[name] = r
        figures = sorted({v for q in reports if (v := getattr(q.event, name)) is not None})
        if len(figures) > 1:
            notes.append(f"{name} reported: " + ", ".join(str(f) for f in figures))

    evidence: dict[str, Evidence] = dict(base.evidence)
    for name, r in chosen.items():
        if name in r.event.evidence:
            evidence[name] = r.event.evidence[name]
    sources: list[Source] = []
    seen: set[str] = set()
    for r in reports:
        for src in r.event.sources or (Source(r.article_id, None, r.published, r.event.evidence),):
            if src.article_id not in seen:
                seen.add(src.article_id)
                sources.append(src)
    notes.extend(d.describe() for d in group.decisions)
    claims = tuple(dict.fromkeys(c for r in reports for c in r.event.claims))
    relations = tuple(dict.fromkeys(x for r in reports for x in r.event.relations))
    return Event(
        id=base.id,
        event_type=etype,
        sub_event_type=sub or None,
        date=date,
        place=place,
        actor1=r_a1.event.actor1 if r_a1 else None,
        actor2=r_a2.event.actor2 if r_a2 else None,
        weapon=weapon,
        fatalities=fatalities,
        injuries=counts["injuries"],
        captured=counts["captured"],
        munitions=counts["munitions"],
        confidence=round(max(r.event.confidence for r in reports), 3),
        evidence=evidence,
        sources=tuple(sources),
        notes=tuple(notes),
        claims=claims,
        relations=relations,
        actor1_basis=r_a1.event.actor1_basis if r_a1 else None,
    )
