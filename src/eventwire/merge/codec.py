"""A lossless JSON form of `Event` for the per-article contributions the store keeps (the JSON contract of
`serialize.event_to_json` drops place ids, kinds and actor kinds, which matching and reconciling need)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from eventwire.model import Actor, Claim, DateValue, Event, Evidence, Place, Relation, Source, Span

VERSION = 1


def _evidence_to(ev: Evidence) -> dict[str, Any]:
    out = {"a": ev.article_id, "s": ev.span.start, "e": ev.span.end, "t": ev.span.text, "c": ev.confidence,
           "r": ev.reason}
    if ev.stage or ev.rules:  # the trace (records stored before it existed have none)
        out["st"], out["ru"] = ev.stage, list(ev.rules)
    return out


def _evidence_from(d: dict[str, Any]) -> Evidence:
    return Evidence(str(d["a"]), Span(int(d["s"]), int(d["e"]), str(d["t"])), float(d["c"]), str(d["r"]),
                    str(d.get("st", "")), tuple(str(r) for r in d.get("ru", ())))


def _evmap_to(m: dict[str, Evidence]) -> dict[str, Any]:
    return {k: _evidence_to(v) for k, v in sorted(m.items())}


def _evmap_from(m: dict[str, Any]) -> dict[str, Evidence]:
    return {k: _evidence_from(v) for k, v in m.items()}


def _date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def event_to_dict(event: Event) -> dict[str, Any]:
    p, d = event.place, event.date
    return {
        "v": VERSION,
        "id": event.id,
        "event_type": event.event_type,
        "sub_event_type": event.sub_event_type,
        "date": None if d is None else [d.start.isoformat(), d.end.isoformat(), d.time_precision, d.raw],
        "place": None if p is None else [p.name, p.place_id, p.latitude, p.longitude, p.country, p.country_code,
                                         p.admin1, p.admin2, p.kind, p.geo_precision, p.population],
        "actor1": None if event.actor1 is None else [event.actor1.text, event.actor1.name, event.actor1.kind,
                                                     event.actor1.country],
        "actor2": None if event.actor2 is None else [event.actor2.text, event.actor2.name, event.actor2.kind,
                                                     event.actor2.country],
        "weapon": event.weapon,
        "fatalities": event.fatalities,
        "injuries": event.injuries,
        "captured": event.captured,
        "munitions": event.munitions,
        "confidence": event.confidence,
        "evidence": _evmap_to(event.evidence),
        "sources": [[s.article_id, s.url, s.published.isoformat() if s.published else None, _evmap_to(s.evidence)]
                    for s in event.sources],
        "notes": list(event.notes),
        "claims": [[c.kind, c.actor, c.by, c.by_kind, _evidence_to(c.evidence)] for c in event.claims],
        "relations": [[r.kind, r.target, r.interval_days, _evidence_to(r.evidence), r.target_text]
                      for r in event.relations],
        "actor1_basis": event.actor1_basis,
    }


def _actor(v: list[Any] | None) -> Actor | None:
    return None if v is None else Actor(v[0], v[1], v[2], v[3])


def event_from_dict(d: dict[str, Any]) -> Event:
    date = d["date"]
    place = d["place"]
    return Event(
        id=d["id"],
        event_type=d["event_type"],
        sub_event_type=d["sub_event_type"],
        date=None if date is None else DateValue(dt.date.fromisoformat(date[0]), dt.date.fromisoformat(date[1]),
                                                 int(date[2]), date[3]),
        place=None if place is None else Place(place[0], place[1], float(place[2]), float(place[3]), place[4],
                                               place[5], place[6], place[7], place[8], int(place[9]),
                                               int(place[10])),
        actor1=_actor(d["actor1"]),
        actor2=_actor(d["actor2"]),
        weapon=d["weapon"],
        fatalities=d["fatalities"],
        injuries=d["injuries"],
        captured=d["captured"],
        munitions=d["munitions"],
        confidence=float(d["confidence"]),
        evidence=_evmap_from(d["evidence"]),
        sources=tuple(Source(s[0], s[1], _date(s[2]), _evmap_from(s[3])) for s in d["sources"]),
        notes=tuple(d["notes"]),
        # absent from records stored before claims and relations were extracted
        claims=tuple(Claim(c[0], c[1], c[2], c[3], _evidence_from(c[4])) for c in d.get("claims", ())),
        relations=tuple(Relation(r[0], r[1], r[2], _evidence_from(r[3]), r[4]) for r in d.get("relations", ())),
        actor1_basis=d.get("actor1_basis"),
    )
