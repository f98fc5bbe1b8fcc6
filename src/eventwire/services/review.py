"""Analysts' review: corrections of stored events (see `eventwire.store.corrections`), the review queue and the
reviewed events as evaluation gold.

`db` is a SQLite file path or a `postgresql://` URL. Every write opens the store for that call (one transaction
per correction) and returns what the event looks like after it."""

from __future__ import annotations

import dataclasses
import getpass
import json
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any, TextIO

from eventwire.services.stores import reading
from eventwire.store import EventFilter, open_store
from eventwire.store.corrections import CorrectionError, UnknownEvent

__all__ = [
    "DOUBT_WEIGHTS",
    "CorrectionError",
    "UnknownEvent",
    "correct_event",
    "default_author",
    "doubt",
    "list_corrections",
    "review_queue",
    "write_gold",
]

# How much each sign of doubt adds to an event's place in the review queue (1 - confidence comes first).
DOUBT_WEIGHTS = {
    "conflict": 0.5,  # a machine value disagrees with an analyst's correction
    "disagreeing_reports": 0.3,  # its sources give different tolls, dates, places or types
    "field_without_evidence": 0.1,  # per field with a value and no supporting span
    "large_toll": 0.3,  # at least LARGE_TOLL dead: an error costs most there
}
LARGE_TOLL = 10
_EVIDENCED_FIELDS = ("event_date", "location", "actor1", "actor2", "fatalities", "weapon")
# The queue ranks at most this many of the least confident matching events (reading a whole large store to rank
# it would make the queue slow; the doubtful ones are among the least confident).
MAX_QUEUE_CANDIDATES = 2000


def default_author() -> str:
    """The name a correction made from the command line is recorded under: the user's login name."""
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no name for this uid (a container)
        return "unknown"


def correct_event(db: str | Path, event_id: str, kind: str, *, author: str, reason: str,
                  fields: Mapping[str, Any] | None = None, articles: Sequence[str] = (),
                  other_event_id: str | None = None) -> list[dict[str, Any]]:
    """Make one correction (see `Store.correct`) and return the events it leaves, as stored now."""
    with open_store(db) as store:
        ids = store.correct(event_id, kind, author=author, reason=reason, fields=fields, articles=articles,
                            other_event_id=other_event_id)
        return [e for e in (store.event(i) for i in ids) if e is not None]


def list_corrections(db: str | Path, event_id: str | None = None) -> list[dict[str, Any]]:
    """Every correction made (the audit trail), oldest first; with `event_id`, those of that event."""
    with reading(db) as store:
        return store.corrections(event_id)


def doubt(record: Mapping[str, Any]) -> float:
    """How much an event needs a person's eyes: 1 - confidence, plus DOUBT_WEIGHTS for each sign of doubt."""
    score = 1.0 - float(record.get("confidence") or 0.0)
    if record.get("conflicts"):
        score += DOUBT_WEIGHTS["conflict"]
    if any(" reported:" in note for note in record.get("notes") or ()):
        score += DOUBT_WEIGHTS["disagreeing_reports"]
    evidence = record.get("evidence") or {}
    missing = sum(1 for name in _EVIDENCED_FIELDS if record.get(name) not in (None, 0) and name not in evidence)
    score += DOUBT_WEIGHTS["field_without_evidence"] * missing
    if (record.get("fatalities") or 0) >= LARGE_TOLL:
        score += DOUBT_WEIGHTS["large_toll"]
    return round(score, 4)


def review_queue(db: str | Path, flt: EventFilter | None = None, limit: int = 50) -> list[dict[str, Any]]:
    """The matching events most in doubt first (see `doubt`), each with its `doubt`; events corrected without
    conflict or rejected are left out unless the filter asks for them (`review`)."""
    base = flt or EventFilter()
    if base.review is None:
        base = dataclasses.replace(base, review="open")
    with reading(db) as store:
        candidates = store.least_confident(base, MAX_QUEUE_CANDIDATES)
    ranked = sorted(candidates, key=lambda r: (-doubt(r), str(r.get("id"))))
    return [{**r, "doubt": doubt(r)} for r in ranked[:limit]]


def write_gold(db: str | Path, out: TextIO) -> int:
    """The reviewed articles in the evaluation gold format (one JSON line per article: its text and every event
    it is a source of, rejected ones left out), so that `eventwire eval` measures a release against what the
    team corrected. An article is reviewed when an analyst corrected an event it reports. Returns the number of
    articles written."""
    with reading(db) as store:
        reviewed = {a["article_id"] for c in store.corrections() for a in (*c["anchors"], *c.get("split_off", ()))}
        articles = store.source_articles(sorted(reviewed))  # (an article since replaced by none is left out)
        events = {a: [e for e in store.events_of_article(a) if e.get("review") != "rejected"] for a in articles}
    for article_id, article in sorted(articles.items()):
        out.write(json.dumps({"id": article_id, "source": article.get("source"), "url": article.get("url"),
                              "title": article.get("title"), "published": article.get("published"),
                              "text": article["text"], "taxonomy": "acled",
                              "events": [_gold_event(e) for e in events[article_id]]}, ensure_ascii=False) + "\n")
    return len(articles)


_GOLD_FIELDS = ("event_type", "sub_event_type", "event_date", "time_precision", "country", "admin1", "admin2",
                "location", "latitude", "longitude", "geo_precision", "actor1", "actor2", "weapon", "fatalities",
                "injuries", "captured", "munitions")


def _gold_event(record: Mapping[str, Any]) -> dict[str, Any]:
    gold = {name: record.get(name) for name in _GOLD_FIELDS if record.get(name) is not None}
    trigger = (record.get("evidence") or {}).get("event_type") or {}
    return {**gold, "required": True, "evidence": trigger.get("text", "")}
