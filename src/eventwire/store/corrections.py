"""Analysts' corrections of stored events: what they are, what they may set, and how they are applied.

A correction is anchored to the *reports* it concerns (an article and the evidence span of the report's type),
not to an event id, which changes when an earlier report joins an event or an article is extracted again. It is
applied after extraction and merging, every time the store writes an event (`apply`): re-ingesting an article,
a new text under a known article id, a new eventwire version that extracts differently, another outlet's report
joining the incident. The corrected value stays; where the machine's value has changed since the correction and
still differs from the analyst's, the event lists a *conflict* instead of choosing silently.

Kinds: `set` (one field to a value), `accept` (an analyst checked the event and found it right), `reject` (the
event reports no incident: kept, marked, left out of listings), `restore` (undoes a reject), `split` (the
anchored reports leave the event and form one of their own) and `merge` (the events of the anchored reports are
one incident). Every correction is kept with who made it, when, the value
before and after and the reason: the table is its own audit trail.
"""

from __future__ import annotations

import datetime as dt
import json
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from eventwire.merge import Report
from eventwire.merge.matching import Cluster
from eventwire.model import EVENT_TAXONOMY, SUB_EVENT_TO_TYPE

KINDS = ("set", "accept", "reject", "restore", "split", "merge")
# An analyst's reason and name are free text, kept as given but bounded.
MAX_REASON_CHARS = 2000
MAX_AUTHOR_CHARS = 100
MAX_TEXT_FIELD_CHARS = 500
# The largest count an analyst may give: the pipeline's own cap (pipeline/quantities.MAX_COUNT), beyond any real
# toll and inside the stores' integer columns.
MAX_CORRECTED_COUNT = 1_000_000

_INT_FIELDS = ("fatalities", "injuries", "captured", "munitions")
_PRECISIONS = {"time_precision": (1, 2, 3), "geo_precision": (1, 2, 3)}
_TEXT_FIELDS = ("country", "admin1", "admin2", "location", "actor1", "actor2", "weapon")
# The fields an analyst may set, and the event columns they are stored in.
SETTABLE_FIELDS: tuple[str, ...] = (
    "event_type", "sub_event_type", "event_date", "time_precision", "country", "admin1", "admin2", "location",
    "latitude", "longitude", "geo_precision", "actor1", "actor2", "weapon", *_INT_FIELDS,
)


class CorrectionError(ValueError):
    """A correction that cannot be made: an unknown field, a value of the wrong kind, an unknown event."""


class UnknownEvent(CorrectionError):
    """The event to correct is not in the store."""


@dataclass(frozen=True, slots=True)
class Anchor:
    """A report a correction concerns: its article and the span of its type's evidence (the trigger)."""

    article_id: str
    start: int | None
    end: int | None
    text: str

    def to_json(self) -> dict[str, Any]:
        return {"article_id": self.article_id, "start": self.start, "end": self.end, "text": self.text}


@dataclass(frozen=True)
class Correction:
    """One correction as stored. `value` and `before` are JSON values (a `set`'s new and old value)."""

    id: int
    kind: str
    anchors: tuple[Anchor, ...]
    author: str
    reason: str
    created_at: str
    field: str | None = None
    value: Any = None
    before: Any = None
    event_id: str | None = None  # the event's id when it was made (for people; anchors decide where it applies)
    group: tuple[Anchor, ...] = ()  # split: the reports that leave the event

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"id": self.id, "kind": self.kind, "author": self.author, "reason": self.reason,
                               "created_at": self.created_at, "event_id": self.event_id}
        if self.kind == "set":
            out.update(field=self.field, before=self.before, after=self.value)
        return out


# -- values ----------------------------------------------------------------------------------------------------
def check_value(name: str, value: Any) -> Any:
    """The value a `set` correction stores for field `name`, or CorrectionError saying what is wrong with it."""
    if name not in SETTABLE_FIELDS:
        raise CorrectionError(f"{name!r} cannot be corrected; fields: {', '.join(SETTABLE_FIELDS)}")
    if value is None:
        if name == "event_type":
            raise CorrectionError("event_type cannot be empty")
        return None
    if name in _INT_FIELDS or name in _PRECISIONS:
        number = _as_int(name, value)
        if number < 0 or number > MAX_CORRECTED_COUNT:
            raise CorrectionError(f"{name} must be a whole number from 0 to {MAX_CORRECTED_COUNT:,}, not {value!r}")
        if name in _PRECISIONS and number not in _PRECISIONS[name]:
            raise CorrectionError(f"{name} must be 1, 2 or 3, not {value!r}")
        return number
    if name in ("latitude", "longitude"):
        limit = 90 if name == "latitude" else 180
        try:
            number_f = float(value)
        except (TypeError, ValueError):
            raise CorrectionError(f"{name} must be a number, not {value!r}") from None
        if not math.isfinite(number_f) or not -limit <= number_f <= limit:
            raise CorrectionError(f"{name} must lie in [-{limit}, {limit}], not {value!r}")
        return number_f
    if not isinstance(value, str):
        raise CorrectionError(f"{name} must be text, not {value!r}")
    text = value.strip()
    if name == "event_date":
        try:
            return dt.date.fromisoformat(text).isoformat()
        except ValueError:
            raise CorrectionError(f"event_date must be a date YYYY-MM-DD, not {value!r}") from None
    if name == "event_type" and text not in EVENT_TAXONOMY:
        raise CorrectionError(f"unknown event_type {value!r}; one of: {', '.join(EVENT_TAXONOMY)}")
    if name == "sub_event_type" and text not in SUB_EVENT_TO_TYPE:
        raise CorrectionError(f"unknown sub_event_type {value!r} (see `eventwire rules` or ACLED's codebook)")
    if not text or len(text) > MAX_TEXT_FIELD_CHARS:
        raise CorrectionError(f"{name} must be 1 to {MAX_TEXT_FIELD_CHARS} characters")
    return text


def _as_int(name: str, value: Any) -> int:
    if isinstance(value, bool):
        raise CorrectionError(f"{name} must be a whole number, not {value!r}")
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str) and value.strip().isdigit() and len(value.strip()) <= 19:
        return int(value.strip())
    raise CorrectionError(f"{name} must be a whole number, not {value!r}")


def check_text(name: str, value: str, limit: int) -> str:
    text = (value or "").strip()
    if not text:
        raise CorrectionError(f"a correction needs a {name}")
    if len(text) > limit:
        raise CorrectionError(f"the {name} is longer than {limit} characters")
    return text


# -- anchors ---------------------------------------------------------------------------------------------------
def anchor_of(report: Report) -> Anchor:
    """The anchor of a report: its article and the evidence span of its type (its trigger)."""
    ev = report.event.evidence.get("event_type")
    if ev is None:
        return Anchor(report.article_id, None, None, "")
    return Anchor(report.article_id, ev.span.start, ev.span.end, ev.span.text)


def anchors_of(reports: Iterable[Report]) -> tuple[Anchor, ...]:
    """The anchors of the reports an event is made of: background mentions of it are no part of it, unless it
    is made of those only."""
    ordered = sorted(reports, key=lambda r: r.key)
    return tuple(anchor_of(r) for r in ordered if not r.background) or tuple(anchor_of(r) for r in ordered)


def anchored(anchors: Sequence[Anchor], reports: Sequence[Report]) -> list[Report]:
    """The reports the anchors point at now. A report of the anchor's article whose trigger is the same span
    matches; after a new text or a new extraction the nearest report with the same trigger text does; failing
    that, the article's only report. An anchor whose article reports nothing any more points at nothing."""
    found: list[Report] = []
    by_article: dict[str, list[Report]] = {}
    for r in reports:
        by_article.setdefault(r.article_id, []).append(r)
    for anchor in anchors:
        candidates = by_article.get(anchor.article_id, [])
        own = [r for r in candidates if not r.background] or candidates
        match = _best(anchor, own)
        if match is not None and match not in found:
            found.append(match)
    return found


def _best(anchor: Anchor, reports: Sequence[Report]) -> Report | None:
    exact = [r for r in reports if (a := anchor_of(r)).start == anchor.start and a.end == anchor.end]
    if exact:
        return exact[0]
    same_text = [r for r in reports if anchor.text and anchor_of(r).text == anchor.text]
    if same_text:
        return min(same_text, key=lambda r: abs((anchor_of(r).start or 0) - (anchor.start or 0)))
    return reports[0] if len(reports) == 1 else None


# -- applying --------------------------------------------------------------------------------------------------
def apply(record: dict[str, Any], reports: Sequence[Report], corrections: Sequence[Correction]) -> dict[str, Any]:
    """The event `record` (merged from `reports`) with every correction anchored to one of them applied, in the
    order they were made: fields set (the latest correction of a field wins), rejected or restored; `corrections`
    lists them, `conflicts` the fields whose machine value changed since and differs from the analyst's, and
    `review` is "rejected", "conflict" (corrected, with conflicts), "corrected", "accepted" or None."""
    keys = {r.key for r in reports}
    mine = [c for c in sorted(corrections, key=lambda c: c.id)
            if c.kind in ("set", "accept", "reject", "restore")
            and {r.key for r in anchored(c.anchors, reports)} & keys]
    if not mine:
        return record
    out = dict(record)
    latest: dict[str, Correction] = {}
    rejected = accepted = False
    for c in mine:
        if c.kind == "set" and c.field is not None:
            latest[c.field] = c
        elif c.kind in ("reject", "restore"):
            rejected = c.kind == "reject"
        elif c.kind == "accept":
            accepted = True
    conflicts = []
    for name, c in latest.items():
        machine = record.get(name)
        if name == "sub_event_type" and c.value is not None:
            out["event_type"] = SUB_EVENT_TO_TYPE[c.value]
        out[name] = c.value
        if not _same(machine, c.value) and not _same(machine, c.before):
            conflicts.append({"field": name, "machine": machine, "analyst": c.value, "correction_id": c.id})
    if "sub_event_type" not in latest and "event_type" in latest and \
            SUB_EVENT_TO_TYPE.get(out.get("sub_event_type") or "") != out["event_type"]:
        out["sub_event_type"] = None  # a new type whose sub-type the analyst did not give
    out["corrections"] = [c.to_json() for c in mine]
    out["conflicts"] = conflicts
    out["review"] = ("rejected" if rejected else "conflict" if conflicts else "corrected" if latest
                     else "accepted" if accepted else None)
    return out


def _same(a: Any, b: Any) -> bool:
    if isinstance(a, float) or isinstance(b, float):
        try:
            return a is not None and b is not None and math.isclose(float(a), float(b), abs_tol=1e-6)
        except (TypeError, ValueError):
            return False
    return bool(a == b)


def reviewed_clusters(clusters: list[Cluster], corrections: Sequence[Correction]) -> list[Cluster]:
    """The clusters as the `split` and `merge` corrections make them, applied in the order they were made."""
    out = list(clusters)
    for c in sorted(corrections, key=lambda c: c.id):
        if c.kind == "split":
            for i, group in enumerate(out):
                leaving = anchored(c.group, group.reports)
                staying = [r for r in group.reports if r not in leaving]
                if leaving and staying:
                    out[i:i + 1] = [_sub_cluster(group, staying), _sub_cluster(group, leaving)]
                    break
        elif c.kind == "merge":
            keys = {r.key for r in anchored(c.anchors, [r for group in out for r in group.reports])}
            hit = [group for group in out if keys & {r.key for r in group.reports}]
            if len(hit) >= 2:
                union = _sub_cluster(Cluster((), tuple(d for g in hit for d in g.decisions)),
                                     [r for g in hit for r in g.reports])
                out = [g for g in out if g not in hit] + [union]
    return sorted(out, key=lambda g: min(r.order for r in g.reports))


def _sub_cluster(group: Cluster, reports: list[Report]) -> Cluster:
    """The cluster of some reports, with the merge decisions between them."""
    keys = {r.key for r in reports}
    return Cluster(tuple(sorted(reports, key=lambda r: r.order)),
                   tuple(d for d in group.decisions if d.a.key in keys and d.b.key in keys))


def merge_sets(corrections: Sequence[Correction]) -> list[tuple[Anchor, ...]]:
    """The anchors of each `merge` correction (a report of each event that is one incident)."""
    return [c.anchors for c in sorted(corrections, key=lambda c: c.id) if c.kind == "merge"]


# -- storage ----------------------------------------------------------------------------------------------------
def encode_anchors(anchors: Sequence[Anchor]) -> str:
    return json.dumps([a.to_json() for a in anchors], ensure_ascii=False)


def decode_anchors(value: Any) -> tuple[Anchor, ...]:
    raw = json.loads(value) if isinstance(value, str | bytes) else (value or [])
    return tuple(Anchor(str(a["article_id"]), a.get("start"), a.get("end"), str(a.get("text") or "")) for a in raw)


def from_row(row: Sequence[Any]) -> Correction:
    """A Correction from a `corrections` row (CORRECTION_COLUMNS)."""
    (cid, kind, anchors, group, field_name, value, before, event_id, author, reason, created_at) = row
    return Correction(int(cid), str(kind), decode_anchors(anchors), str(author), str(reason),
                      created_at.isoformat() if isinstance(created_at, dt.datetime) else str(created_at),
                      field_name, _load(value), _load(before), event_id, decode_anchors(group))


def _load(value: Any) -> Any:
    if value is None:
        return None
    return json.loads(value) if isinstance(value, str) else value


CORRECTION_COLUMNS = "id, kind, anchors, split_group, field, value, before, event_id, author, reason, created_at"


def summary(record: Mapping[str, Any]) -> str:
    """One line naming an event, for messages."""
    return (f"{record.get('id')}: {record.get('event_type')} / {record.get('sub_event_type')}, "
            f"{record.get('event_date')}, {record.get('location') or record.get('country')}")
