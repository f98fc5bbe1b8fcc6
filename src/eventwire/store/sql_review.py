"""Analysts' corrections in the SQL stores (see `corrections` for what a correction is): recording one in the
transaction that applies it, reading them back as an audit trail, and the least confident events for the review
queue. `SQLStore` inherits these; they use its statements and its re-clustering, which is where corrections are
applied (`sql.regroup`)."""

from __future__ import annotations

import datetime as dt
import json
from abc import ABC, abstractmethod
from collections.abc import Mapping, Sequence
from typing import Any

from eventwire.merge import Report, merged_event
from eventwire.merge.matching import Cluster
from eventwire.serialize import event_to_json
from eventwire.store.base import EventFilter
from eventwire.store.corrections import (
    CORRECTION_COLUMNS,
    MAX_AUTHOR_CHARS,
    MAX_REASON_CHARS,
    Anchor,
    Correction,
    CorrectionError,
    UnknownEvent,
    anchored,
    anchors_of,
    check_text,
    check_value,
    encode_anchors,
    from_row,
)
from eventwire.store.rows import REPORT_COLUMNS, load_json, report_from_row


class ReviewStore(ABC):
    """Corrections over a store's tables; the statements and the re-clustering are the store's own."""

    @abstractmethod
    def _rows(self, sql: str, args: Sequence[Any] = ()) -> list[Any]: ...

    @abstractmethod
    def _row(self, sql: str, args: Sequence[Any] = ()) -> Any: ...

    @abstractmethod
    def _run(self, sql: str, args: Sequence[Any] = ()) -> None: ...

    @abstractmethod
    def _begin(self) -> None: ...

    @abstractmethod
    def _recluster(self, touched: set[str]) -> set[str]:
        """Re-cluster the components and write their events, corrections applied."""

    @abstractmethod
    def _event_of(self, report: Report) -> str | None: ...

    @abstractmethod
    def _where(self, flt: EventFilter) -> tuple[list[str], list[Any]]: ...

    @abstractmethod
    def _as_read(self, records: list[dict[str, Any]]) -> list[dict[str, Any]]: ...

    def _corrections_of(self, article_ids: set[str]) -> list[Correction]:
        """The corrections anchored to a report of any of these articles, oldest first."""
        wanted = sorted(article_ids)
        found: dict[int, Correction] = {}
        for i in range(0, len(wanted), 500):
            chunk = wanted[i:i + 500]
            for row in self._rows(f"SELECT {', '.join('c.' + c for c in CORRECTION_COLUMNS.split(', '))} "
                                  "FROM corrections c JOIN correction_articles a ON a.correction_id = c.id "
                                  f"WHERE a.article_id IN ({','.join('?' * len(chunk))})", chunk):
                correction = from_row(row)
                found[correction.id] = correction
        return [found[k] for k in sorted(found)]

    def _group_of(self, event_id: str) -> tuple[str, list[Report], set[str]]:
        """The stored event `event_id` names (its id or a report's): (its id, its reports, their components)."""
        row = self._row("SELECT id FROM events WHERE id = ?", (event_id,))
        if row is None:
            row = self._row("SELECT event_id FROM mentions WHERE mention_id = ? ORDER BY article_id", (event_id,))
        if row is None:
            raise UnknownEvent(f"no stored event has the id {event_id!r}")
        rows = self._rows(f"SELECT {REPORT_COLUMNS}, component FROM mentions WHERE event_id = ?", (row[0],))
        if not rows:
            raise CorrectionError(f"event {row[0]} has no stored reports (stored before reports were kept): "
                                  "ingest its articles again to correct it")
        return str(row[0]), [report_from_row(*r[:6]) for r in rows], {str(r[6]) for r in rows}

    def correct(self, event_id: str, kind: str, *, author: str, reason: str, fields: Mapping[str, Any] | None = None,
                articles: Sequence[str] = (), other_event_id: str | None = None) -> list[str]:
        """Record an analyst's correction of a stored event and apply it; returns the ids of the events it
        leaves (one; two after a split). `kind`: "set" (each of `fields` to its value: one correction per field),
        "accept" (checked and right), "reject", "restore", "split" (the reports of `articles` leave the event) or
        "merge" (with `other_event_id`). CorrectionError says what is wrong with a correction that cannot be
        made; the store is then unchanged."""
        author = check_text("name", author, MAX_AUTHOR_CHARS)
        reason = check_text("reason", reason, MAX_REASON_CHARS)
        values = {name: check_value(name, value) for name, value in (fields or {}).items()}
        self._begin()
        try:
            current, reports, touched = self._group_of(event_id)
            record = self._row("SELECT record FROM events WHERE id = ?", (current,))
            anchors = anchors_of(reports)
            group: tuple[Anchor, ...] = ()
            if kind == "set":
                if not values:
                    raise CorrectionError("a 'set' correction needs at least one field and its value")
            elif kind in ("accept", "reject", "restore"):
                state = (load_json(record[0]) if record else {}).get("review")
                if kind == "accept" and state == "rejected":
                    raise CorrectionError(f"event {current} is rejected: restore it first")
                if kind == "restore" and state != "rejected":
                    raise CorrectionError(f"event {current} is not rejected: nothing to restore")
                if kind == "reject" and state == "rejected":
                    raise CorrectionError(f"event {current} is rejected already")
            elif kind == "split":
                leaving = [r for r in reports if r.article_id in set(articles)]
                if not leaving or len(leaving) == len(reports):
                    raise CorrectionError(f"a split needs some, not all, of the articles of event {current}: "
                                          f"{', '.join(sorted({r.article_id for r in reports}))}")
                group = anchors_of(leaving)
            elif kind == "merge":
                if other_event_id is None:
                    raise CorrectionError("a merge needs the other event's id")
                other, other_reports, other_touched = self._group_of(other_event_id)
                if other == current:
                    raise CorrectionError("an event cannot be merged with itself")
                anchors = (anchors[0], anchors_of(other_reports)[0])
                touched |= other_touched
            else:
                raise CorrectionError(f"unknown correction {kind!r}; one of: set, accept, reject, restore, split, "
                                      "merge")
            if kind == "set":
                # the machine's own values (the event merged from its reports, no correction applied): `before`
                machine = event_to_json(merged_event(Cluster(tuple(sorted(reports, key=lambda r: r.order)), ())))
                for name, value in values.items():
                    self._insert_correction(kind, anchors, group, name, value, machine.get(name), current, author,
                                            reason)
            else:
                self._insert_correction(kind, anchors, group, None, None, None, current, author, reason)
            self._recluster(touched)
            self._run("COMMIT")
        except BaseException:
            self._run("ROLLBACK")
            raise
        out: list[str] = []
        for anchor in (anchors[0], *group[:1]):
            match = anchored([anchor], self._reports_of(anchor.article_id))
            event = self._event_of(match[0]) if match else None
            if event is not None and event not in out:
                out.append(event)
        return out

    def _reports_of(self, article_id: str) -> list[Report]:
        return [report_from_row(*r) for r in self._rows(f"SELECT {REPORT_COLUMNS} FROM mentions WHERE article_id = ?",
                                                        (article_id,))]

    def _insert_correction(self, kind: str, anchors: Sequence[Anchor], group: Sequence[Anchor], field: str | None,
                           value: Any, before: Any, event_id: str, author: str, reason: str) -> None:
        now = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
        row = self._row("INSERT INTO corrections (kind, anchors, split_group, field, value, before, event_id, "
                        "author, reason, created_at) VALUES (?,?,?,?,?,?,?,?,?,?) RETURNING id",
                        (kind, encode_anchors(anchors), encode_anchors(group), field,
                         None if kind != "set" else json.dumps(value, ensure_ascii=False),
                         None if kind != "set" else json.dumps(before, ensure_ascii=False),
                         event_id, author, reason, now))
        for article_id in sorted({a.article_id for a in (*anchors, *group)}):
            self._run("INSERT INTO correction_articles (correction_id, article_id) VALUES (?, ?)", (row[0], article_id))

    def least_confident(self, flt: EventFilter | None = None, limit: int = 1000) -> list[dict[str, Any]]:
        """The matching events, least confident first (then those with conflicts), at most `limit`."""
        where, args = self._where(flt or EventFilter())
        clause = (" WHERE " + " AND ".join(where)) if where else ""
        rows = self._rows(f"SELECT record FROM events{clause} "
                          "ORDER BY (coalesce(review, '') = 'conflict') DESC, confidence, id LIMIT ?", [*args, limit])
        return self._as_read([dict(load_json(r[0])) for r in rows])

    def corrections(self, event_id: str | None = None) -> list[dict[str, Any]]:
        """Every correction (the audit trail), oldest first; with `event_id`, those anchored to its reports."""
        if event_id is None:
            rows = self._rows(f"SELECT {CORRECTION_COLUMNS} FROM corrections ORDER BY id")
            return [_audit_json(from_row(r)) for r in rows]
        _, reports, _ = self._group_of(event_id)
        keys = {r.key for r in reports}
        return [_audit_json(c) for c in self._corrections_of({r.article_id for r in reports})
                if {r.key for r in anchored((*c.anchors, *c.group), reports)} & keys]


def _audit_json(correction: Correction) -> dict[str, Any]:
    return {**correction.to_json(), "anchors": [a.to_json() for a in correction.anchors],
            **({"split_off": [a.to_json() for a in correction.group]} if correction.kind == "split" else {})}
