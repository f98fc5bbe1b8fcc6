"""Events as plain JSON-ready dicts (the JSON contract) and back-of-the-envelope display helpers."""

from __future__ import annotations

from typing import Any

from eventwire.model import Claim, Event, Relation

# The keys of the JSON contract, in order. `evidence` maps a field name to {article_id, start, end, text, ...}.
CONTRACT_KEYS: tuple[str, ...] = (
    "id", "article_ids", "event_type", "sub_event_type", "event_date", "time_precision", "country", "admin1",
    "admin2", "location", "latitude", "longitude", "geo_precision", "actor1", "actor2", "inter1", "inter2",
    "weapon", "fatalities", "injuries", "captured", "munitions", "confidence", "evidence",
)

# Contract field -> the evidence key that supports it.
EVIDENCE_FOR: dict[str, str] = {
    "event_type": "event_type", "sub_event_type": "event_type", "event_date": "event_date",
    "location": "location", "country": "location", "admin1": "location", "latitude": "location",
    "actor1": "actor1", "actor2": "actor2", "weapon": "weapon", "fatalities": "fatalities",
    "injuries": "injuries", "captured": "captured", "munitions": "munitions",
}


def event_to_json(event: Event, *, with_sources: bool = False) -> dict[str, Any]:
    place = event.place
    date = event.date
    record: dict[str, Any] = {
        "id": event.id,
        "article_ids": event.article_ids,
        "event_type": event.event_type,
        "sub_event_type": event.sub_event_type,
        "event_date": date.start.isoformat() if date else None,
        "time_precision": date.time_precision if date else None,
        "country": place.country if place else None,
        "admin1": place.admin1 if place else None,
        "admin2": place.admin2 if place else None,
        "location": place.name if place else None,
        "latitude": place.latitude if place else None,
        "longitude": place.longitude if place else None,
        "geo_precision": place.geo_precision if place else None,
        "actor1": event.actor1.name if event.actor1 else None,
        "actor2": event.actor2.name if event.actor2 else None,
        "inter1": event.actor1.inter if event.actor1 else None,
        "inter2": event.actor2.inter if event.actor2 else None,
        "weapon": event.weapon,
        "fatalities": event.fatalities,
        "injuries": event.injuries,
        "captured": event.captured,
        "munitions": event.munitions,
        "confidence": event.confidence,
        "evidence": {name: ev.to_json() for name, ev in sorted(event.evidence.items())},
    }
    if with_sources:
        record["sources"] = [
            {
                "article_id": src.article_id,
                "url": src.url,
                "published": src.published.isoformat() if src.published else None,
                "evidence": {name: ev.to_json() for name, ev in sorted(src.evidence.items())},
            }
            for src in event.sources
        ]
        record["notes"] = list(event.notes)
        record["actor1_basis"] = event.actor1_basis
        record["claims"] = [claim_to_json(c) for c in event.claims]
        record["relations"] = [relation_to_json(r) for r in event.relations]
    return record


def claim_to_json(claim: Claim) -> dict[str, Any]:
    return {"kind": claim.kind, "actor": claim.actor, "by": claim.by, "by_kind": claim.by_kind,
            "evidence": claim.evidence.to_json()}


def relation_to_json(relation: Relation) -> dict[str, Any]:
    """`event_id` is the related event as extracted from the article; stores resolve it to the stored event."""
    return {"kind": relation.kind, "event_id": relation.target, "interval_days": relation.interval_days,
            "target_text": relation.target_text, "evidence": relation.evidence.to_json()}


TRACE_KEYS = frozenset({"stage", "rules"})


def without_trace(value: Any) -> Any:
    """A JSON record (an event with its sources, claims and relations) without the trace keys of its evidence:
    what a change of rules may move without changing what the record says."""
    if isinstance(value, dict):
        return {k: without_trace(v) for k, v in value.items() if k not in TRACE_KEYS}
    if isinstance(value, list):
        return [without_trace(v) for v in value]
    return value

