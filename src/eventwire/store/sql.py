"""What the SQLite and the PostgreSQL store share: the ingest and merge algorithm, written once.

`SQLStore.save_article` (one transaction per article) applies the idempotency rules, removes an updated
article's reports, blocks and scores the new reports against stored ones, and re-clusters the touched components
(see `eventwire.merge` for the design); analysts' corrections are applied to every event it writes (`regroup`,
`store/corrections.py`; recorded by `sql_review.ReviewStore`). The pure parts (the blocking window, matching
candidate rows, the re-clustering of loaded reports) are module functions; a backend supplies the connection, its
transaction start, the statements that differ between the two SQL dialects (inserts/upserts) and the indexed
candidate query.
Shared statements are written with `?` placeholders; a backend rewrites them in `_q`.
"""

from __future__ import annotations

import datetime as dt
import json
import math
from abc import ABC, abstractmethod
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any, Protocol, Self

from eventwire.merge import Report, cluster, merged_event, reports_for
from eventwire.merge.codec import event_from_dict, event_to_dict
from eventwire.merge.matching import DATE_WINDOW_DAYS, MAX_DISTANCE_KM, components, edges, family
from eventwire.model import Article, Event
from eventwire.serialize import event_to_json
from eventwire.store.base import (
    DEFAULT_SORT,
    SORTS,
    EventFilter,
    EventPage,
    IngestOutcome,
    decode_cursor,
    encode_cursor,
    search_words,
    text_hash,
)
from eventwire.store.corrections import Correction, anchored, apply, merge_sets, reviewed_clusters
from eventwire.store.rows import REPORT_COLUMNS, iso, load_json, report_from_row
from eventwire.store.sql_review import ReviewStore

# The columns of `events` after `id` and before `record`, in table order.
EVENT_COLUMNS: tuple[str, ...] = (
    "event_type", "sub_event_type", "event_date", "time_precision", "country", "admin1", "admin2", "location",
    "latitude", "longitude", "geo_precision", "actor1", "actor2", "weapon", "fatalities", "injuries", "captured",
    "munitions", "confidence", "review",
)

Orphans = dict[str, tuple[dict[str, Any], set[str]]]


class Cursor(Protocol):
    def fetchone(self) -> Any: ...

    def fetchall(self) -> list[Any]: ...

    def __iter__(self) -> Iterator[Any]: ...


class Connection(Protocol):
    def execute(self, sql: Any, params: Any = ..., /) -> Any: ...

    def close(self) -> None: ...


# -- pure helpers ---------------------------------------------------------------------------------------
def grid_cell(latitude: float, longitude: float) -> int:
    """A one-degree grid cell number, for indexed lookups of nearby points."""
    return int(math.floor(latitude) + 90) * 1000 + int(math.floor(longitude) + 180) % 360


def _steps(low: float, high: float) -> list[float]:
    """Points one degree apart covering [low, high], ends included."""
    points = [low + i for i in range(int(high - low) + 1)]
    return [*points, high]


@dataclass(frozen=True)
class Block:
    """Where the stored reports that may match a report lie: its family and country within the date window
    (`first`..`last`, ISO days) or, across a border, inside the box around its point (`cells` cover the box;
    `cross_border` is False near the poles, where the box would cover too many cells)."""

    family: str
    country_code: str | None
    first: str
    last: str
    latitude: float
    longitude: float
    lat_pad: float
    lon_pad: float
    cells: tuple[int, ...]
    cross_border: bool

    @property
    def box(self) -> tuple[float, float, float, float]:
        """(south, north, west, east)."""
        return (self.latitude - self.lat_pad, self.latitude + self.lat_pad, self.longitude - self.lon_pad,
                self.longitude + self.lon_pad)


def block_for(report: Report) -> Block | None:
    """The blocking window of a report, or None when it has no date or place (it is then never merged)."""
    event = report.event
    if event.date is None or event.place is None:
        return None
    place = event.place
    lat_pad = MAX_DISTANCE_KM / 111.0
    lon_pad = min(180.0, lat_pad / max(0.02, math.cos(math.radians(place.latitude))))
    window = dt.timedelta(days=DATE_WINDOW_DAYS)
    cells = tuple(sorted({grid_cell(lat, lon)
                          for lat in _steps(place.latitude - lat_pad, place.latitude + lat_pad)
                          for lon in _steps(place.longitude - lon_pad, place.longitude + lon_pad)}))
    return Block(family(event.event_type), place.country_code, (event.date.start - window).isoformat(),
                 (event.date.start + window).isoformat(), place.latitude, place.longitude, lat_pad, lon_pad, cells,
                 len(cells) <= 64)


def component_key(report: Report) -> str:
    return "|".join(report.order)


def matching_components(report: Report, rows: Sequence[Sequence[Any]]) -> set[str]:
    """The components of the candidate rows (REPORT_COLUMNS, component) that `report` is matched with."""
    found: set[str] = set()
    for row in rows:
        if row[6] in found:
            continue
        if edges([report, report_from_row(*row[:6])]):
            found.add(row[6])
    return found


@dataclass(frozen=True)
class Regrouped:
    event: Event
    component: str
    reports: tuple[Report, ...]
    multi_article: bool


def regroup(reports: list[Report], corrections: Sequence[Correction] = ()) -> list[Regrouped]:
    """Split reports into components of the matched-pair graph and cluster each: the events to write. Analysts'
    corrections then part and join the clusters, in the order they were made: a `split` takes its reports out of
    their cluster, a `merge` joins the clusters of its reports (and their components, so that they are loaded
    and re-clustered together whenever one of them is)."""
    joined = [anchored(anchors, reports) for anchors in merge_sets(corrections)]
    links = [(a.key, b.key) for a, b, _ in edges(reports)]
    links += [(group[0].key, r.key) for group in joined for r in group[1:]]
    out: list[Regrouped] = []
    for component in components(reports, links):
        key = component_key(component[0])
        for group in reviewed_clusters(cluster(component), corrections):
            out.append(Regrouped(merged_event(group), key, group.reports,
                                 len({r.article_id for r in group.reports}) > 1))
    return out


def mention_values(report: Report) -> tuple[Any, ...]:
    """The `mentions` row of a report (revises_toll and background as bools, dates as ISO text, JSON as
    text)."""
    event = report.event
    place = event.place
    return (report.article_id, event.id, event.id, component_key(report), family(event.event_type),
            event.date.start.isoformat() if event.date else None, place.country_code if place else None,
            place.latitude if place else None, place.longitude if place else None,
            grid_cell(place.latitude, place.longitude) if place else None,
            report.published.isoformat() if report.published else None,
            json.dumps(dict(sorted(report.words.items())), ensure_ascii=False), report.revises_toll,
            json.dumps(event_to_dict(event), ensure_ascii=False), report.background)


MENTION_COLUMNS = ("article_id, mention_id, event_id, component, family, event_date, country_code, latitude, "
                   "longitude, cell, published, words, revises_toll, record, background")


def event_values(event_id: str, record: dict[str, Any]) -> tuple[Any, ...]:
    """The `events` row (id, EVENT_COLUMNS, record as JSON text) of a JSON-contract record."""
    return (event_id, *(record.get(c) for c in EVENT_COLUMNS), json.dumps(record, ensure_ascii=False))


# -- the store ------------------------------------------------------------------------------------------
class SQLStore(ReviewStore, ABC):
    """The ingest/merge algorithm over a DB-API-like connection; see the module docstring."""

    conn: Connection

    def _q(self, sql: str) -> str:
        return sql

    def _rows(self, sql: str, args: Sequence[Any] = ()) -> list[Any]:
        return list(self.conn.execute(self._q(sql), args).fetchall())

    def _row(self, sql: str, args: Sequence[Any] = ()) -> Any:
        return self.conn.execute(self._q(sql), args).fetchone()

    def _run(self, sql: str, args: Sequence[Any] = ()) -> None:
        self.conn.execute(self._q(sql), args)

    # -- what a backend supplies ----------------------------------------------------------------------
    @abstractmethod
    def _begin(self) -> None:
        """Start the write transaction of one article; concurrent writers must wait for it."""

    @abstractmethod
    def _insert_article(self, article: Article, digest: str) -> None: ...

    @abstractmethod
    def _insert_mention(self, report: Report) -> None:
        """Insert (or replace) a report's `mentions` row (`mention_values`)."""

    @abstractmethod
    def _put_event(self, event_id: str, record: dict[str, Any]) -> None:
        """Insert or replace an `events` row (replacing drops its `event_sources`)."""

    @abstractmethod
    def _link(self, event_id: str, article_id: str) -> None:
        """Add an `event_sources` row unless present."""

    @abstractmethod
    def _candidate_rows(self, report: Report, block: Block) -> list[Any]:
        """Stored reports of other articles inside `block` (REPORT_COLUMNS, component), from the indexes."""

    # -- lifecycle ------------------------------------------------------------------------------------
    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- writing --------------------------------------------------------------------------------------
    def known(self, article: Article) -> str | None:
        """"unchanged" or "duplicate-text" when ingesting `article` would change nothing, else None."""
        row = self._row("SELECT id FROM articles WHERE text_hash = ?", (text_hash(article.text),))
        if row is None:
            return None
        return "unchanged" if row[0] == article.id else "duplicate-text"

    def stored_version(self, article: Article) -> tuple[str, str, int] | None:
        """The stored article `article` would replace (the same id, or the same URL) with another text: its id,
        the hash of its text and how many events it reports; None if there is none."""
        row = self._row("SELECT id, text_hash FROM articles WHERE id = ? OR (url IS NOT NULL AND url = ?) "
                        "ORDER BY id LIMIT 1", (article.id, article.url))
        if row is None or row[1] == text_hash(article.text):
            return None
        count = self._row("SELECT COUNT(DISTINCT event_id) FROM mentions WHERE article_id = ?", (row[0],))
        return str(row[0]), str(row[1]), int(count[0]) if count else 0

    def save_article(self, article: Article, events: list[Event]) -> IngestOutcome:
        """Store an article and its events in one transaction, merging them with stored reports of the same
        incidents (see `eventwire.merge`)."""
        digest = text_hash(article.text)
        self._begin()
        try:
            row = self._row("SELECT id FROM articles WHERE text_hash = ?", (digest,))
            if row is not None:
                self._run("ROLLBACK")
                status = "unchanged" if row[0] == article.id else "duplicate-text"
                return IngestOutcome(article.id, status, 0)
            status = "stored"
            touched: set[str] = set()
            orphans: Orphans = {}
            for (old_id,) in self._rows(
                    "SELECT id FROM articles WHERE id = ? OR (url IS NOT NULL AND url = ?) ORDER BY id",
                    (article.id, article.url)):
                status = "updated"
                touched |= self._remove_article(old_id, orphans)
            self._insert_article(article, digest)
            reports = reports_for(article, events)
            for report in reports:
                touched |= self._candidate_components(report)
                self._insert_mention(report)
                touched.add(component_key(report))
            merged_ids = self._recluster(touched)
            for event_id, (record, claimed) in sorted(orphans.items()):
                self._restore_orphan(event_id, record, claimed)
            self._run("COMMIT")
        except BaseException:
            self._run("ROLLBACK")
            raise
        merged = sum(1 for r in reports if self._event_of(r) in merged_ids)
        return IngestOutcome(article.id, status, len(events), merged)

    def _remove_article(self, article_id: str, orphans: Orphans) -> set[str]:
        """Delete an article, its reports and the events they were in; returns the components to re-cluster.
        An event handed in already listing other articles as sources (merged by the caller) keeps those sources
        in `orphans`, to be restored when no report of the store rebuilds it."""
        touched = {r[0] for r in self._rows("SELECT DISTINCT component FROM mentions WHERE article_id = ?",
                                            (article_id,))}
        linked = {r[0] for r in self._rows("SELECT event_id FROM event_sources WHERE article_id = ?", (article_id,))}
        reported = {r[0] for r in self._rows("SELECT event_id FROM mentions WHERE article_id = ?", (article_id,))}
        for event_id in sorted(linked | reported):
            reporting = {r[0] for r in self._rows("SELECT article_id FROM mentions WHERE event_id = ?", (event_id,))}
            claimed = {r[0] for r in self._rows("SELECT article_id FROM event_sources WHERE event_id = ?",
                                                (event_id,))} - reporting - {article_id}
            row = self._row("SELECT record FROM events WHERE id = ?", (event_id,))
            if claimed and row is not None:
                orphans[event_id] = (load_json(row[0]), claimed)
            self._run("DELETE FROM event_sources WHERE event_id = ?", (event_id,))
            self._run("DELETE FROM events WHERE id = ?", (event_id,))
        self._run("DELETE FROM mentions WHERE article_id = ?", (article_id,))
        self._run("DELETE FROM event_sources WHERE article_id = ?", (article_id,))
        self._run("DELETE FROM articles WHERE id = ?", (article_id,))
        return touched

    def _restore_orphan(self, event_id: str, record: dict[str, Any], claimed: set[str]) -> None:
        if self._row("SELECT 1 FROM events WHERE id = ?", (event_id,)) is not None:
            return
        record["article_ids"] = [a for a in record.get("article_ids", []) if a in claimed]
        record["sources"] = [s for s in record.get("sources", []) if s.get("article_id") in claimed]
        self._put_event(event_id, record)
        for article_id in sorted(claimed):
            self._link(event_id, article_id)

    # -- merging --------------------------------------------------------------------------------------
    def _candidate_components(self, report: Report) -> set[str]:
        """Components of the stored reports that `report` is matched with (indexed blocking, then scoring)."""
        block = block_for(report)
        if block is None:
            return set()
        return matching_components(report, self._candidate_rows(report, block))

    def _recluster(self, touched: set[str]) -> set[str]:
        """Re-split and re-cluster the given components from their reports; write their events.
        Returns the ids of the events with reports from more than one article."""
        if not touched:
            return set()
        keys = sorted(touched)
        rows: list[Any] = []
        for i in range(0, len(keys), 500):
            chunk = keys[i:i + 500]
            rows.extend(self._rows(f"SELECT {REPORT_COLUMNS}, event_id FROM mentions WHERE component IN "
                                   f"({','.join('?' * len(chunk))})", chunk))
        reports = [report_from_row(*r[:6]) for r in rows]
        corrections = self._corrections_of({r.article_id for r in reports})
        for event_id in sorted({r[6] for r in rows}):
            self._run("DELETE FROM event_sources WHERE event_id = ?", (event_id,))
            self._run("DELETE FROM events WHERE id = ?", (event_id,))
        multi: set[str] = set()
        for group in regroup(reports, corrections):
            if group.multi_article:
                multi.add(group.event.id)
            for r in group.reports:
                self._run("UPDATE mentions SET event_id = ?, component = ? WHERE article_id = ? AND mention_id = ?",
                          (group.event.id, group.component, r.article_id, r.event.id))
            self._insert_event(group.event, apply(event_to_json(group.event, with_sources=True), group.reports,
                                                  corrections))
        return multi

    def _event_of(self, report: Report) -> str | None:
        row = self._row("SELECT event_id FROM mentions WHERE article_id = ? AND mention_id = ?",
                        (report.article_id, report.event.id))
        return None if row is None else str(row[0])

    def _insert_event(self, event: Event, record: dict[str, Any]) -> None:
        self._put_event(event.id, record)
        for article_id in event.article_ids:
            self._link(event.id, article_id)

    # -- reading --------------------------------------------------------------------------------------
    # What a backend may change in the shared queries (defaults: SQLite).
    def _equal_nocase(self, column: str) -> str:
        """`column` equals the parameter, ignoring case."""
        return f"lower({column}) = lower(?)"

    LIKE_NOCASE = "LIKE"  # a case-insensitive LIKE

    def _text_search(self, words: list[str]) -> tuple[str, list[Any]]:
        """A condition on `events`: every word (stemmed) occurs in the evidence text."""
        raise NotImplementedError

    def _sort_key(self, column: str) -> tuple[str, str]:
        """The key expression of a sort column (missing values before all others; as indexed) and the
        expression of a cursor's key parameter."""
        if column == "fatalities":
            return "coalesce(fatalities, -1)", "?"
        return "coalesce(event_date, '')", "?"

    def _key_arg(self, column: str, key: Any) -> Any:
        return key

    def _bytewise(self, expr: str) -> str:
        """`expr` ordered by its bytes (SQLite's default order of text)."""
        return expr

    def _where(self, flt: EventFilter) -> tuple[list[str], list[Any]]:
        where: list[str] = []
        args: list[Any] = []
        if flt.date_from:
            where.append("event_date >= ?")
            args.append(flt.date_from.isoformat())
        if flt.date_to:
            where.append("event_date <= ?")
            args.append(flt.date_to.isoformat())
        for column in ("country", "admin1", "event_type", "sub_event_type", "weapon"):
            value = getattr(flt, column)
            if value:
                where.append(self._equal_nocase(column))
                args.append(value)
        if flt.actor:
            like = self.LIKE_NOCASE
            where.append(f"(actor1 {like} ? ESCAPE '\\' OR actor2 {like} ? ESCAPE '\\')")
            pattern = "%" + flt.actor.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
            args.extend([pattern, pattern])
        if flt.min_fatalities is not None:
            where.append("fatalities >= ?")
            args.append(flt.min_fatalities)
        if flt.min_confidence is not None:
            where.append("confidence >= ?")
            args.append(flt.min_confidence)
        if flt.review is None:
            where.append("(review IS NULL OR review != 'rejected')")  # a rejected event reports no incident
        elif flt.review == "unreviewed":
            where.append("review IS NULL")
        elif flt.review == "open":
            where.append("(review IS NULL OR review = 'conflict')")  # what still needs a person's eyes
        elif flt.review != "all":
            where.append("review = ?")
            args.append(flt.review)
        for column in ("geo_precision", "time_precision"):
            value = getattr(flt, column)
            if value is not None:
                where.append(f"{column} = ?")
                args.append(value)
        if flt.bbox is not None:
            min_lon, min_lat, max_lon, max_lat = flt.bbox
            where.append("latitude BETWEEN ? AND ?")
            args.extend([min_lat, max_lat])
            if min_lon <= max_lon:
                where.append("longitude BETWEEN ? AND ?")
                args.extend([min_lon, max_lon])
            else:  # crosses the antimeridian
                where.append("(longitude >= ? OR longitude <= ?)")
                args.extend([min_lon, max_lon])
        if flt.q is not None:
            words = search_words(flt.q)
            if not words:
                where.append("1 = 0")
            else:
                condition, extra = self._text_search(words)
                where.append(condition)
                args.extend(extra)
        return where, args

    def events(self, flt: EventFilter | None = None) -> Iterator[dict[str, Any]]:
        """Stored events as JSON-contract dicts (with sources), newest first (undated last)."""
        flt = flt or EventFilter()
        where, args = self._where(flt)
        sql = "SELECT record FROM events"
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += " ORDER BY event_date DESC NULLS LAST, id"
        if flt.limit:
            sql += " LIMIT ?"
            args.append(flt.limit)
        for (record,) in self.conn.execute(self._q(sql), args):
            yield self._as_read([dict(load_json(record))])[0]

    def events_page(self, flt: EventFilter | None = None, *, sort: str = DEFAULT_SORT, limit: int = 100,
                    cursor: str | None = None) -> EventPage:
        """One page of events in `sort` order (see SORTS), after the position `cursor` names (keyset
        pagination: no OFFSET, so deep pages cost what the first does, and rows added or removed elsewhere
        never shift a page). `flt.limit` is ignored; `limit` is the page size."""
        if sort not in SORTS:
            raise ValueError(f"unknown sort {sort!r}; choose one of {', '.join(SORTS)}")
        if limit < 1:
            raise ValueError("limit must be at least 1")
        column, descending = SORTS[sort]
        key, key_param = self._sort_key(column)
        where, args = self._where(flt or EventFilter())
        if cursor is not None:
            after_key, after_id = decode_cursor(cursor, sort, flt)
            where.append(f"({key}, id) {'<' if descending else '>'} ({key_param}, ?)")
            args.extend([self._key_arg(column, after_key), after_id])
        direction = "DESC" if descending else "ASC"
        sql = f"SELECT id, {column}, record FROM events"
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += f" ORDER BY {key} {direction}, id {direction} LIMIT ?"
        rows = self._rows(sql, [*args, limit + 1])
        more = len(rows) > limit
        rows = rows[:limit]
        next_cursor = None
        if more:
            last = rows[-1][1]
            last_key: Any = (-1 if last is None else int(last)) if column == "fatalities" else (iso(last) or "")
            next_cursor = encode_cursor(sort, last_key, rows[-1][0], flt)
        return EventPage(self._as_read([dict(load_json(r[2])) for r in rows]), next_cursor, sort)

    def count(self, flt: EventFilter | None = None) -> int:
        """How many stored events match `flt` (its `limit` aside): one COUNT over the filter's indexes."""
        where, args = self._where(flt or EventFilter())
        clause = (" WHERE " + " AND ".join(where)) if where else ""
        return int(self._row(f"SELECT COUNT(*) FROM events{clause}", args)[0])

    def source_articles(self, article_ids: list[str]) -> dict[str, dict[str, Any]]:
        """Stored articles by id (text, outlet, title, url, published, ingested_at as ISO text), in batches."""
        out: dict[str, dict[str, Any]] = {}
        wanted = sorted(set(article_ids))
        for i in range(0, len(wanted), 500):
            chunk = wanted[i:i + 500]
            for row in self._rows("SELECT id, text, published, url, title, source, ingested_at FROM articles "
                                  f"WHERE id IN ({','.join('?' * len(chunk))})", chunk):
                ingested = row[6]
                out[row[0]] = {"id": row[0], "text": row[1], "published": iso(row[2]), "url": row[3],
                               "title": row[4], "source": row[5],
                               "ingested_at": ingested.isoformat() if isinstance(ingested, dt.datetime)
                               else ingested}
        return out

    def stats(self, flt: EventFilter | None = None) -> dict[str, Any]:
        """Event and fatality counts of the matching events: in all, and by day, event type, (event type,
        sub-event type), country and (country, admin1); for charts. Groups are ordered by day, or by count then
        name (missing first, names in byte order)."""
        where, args = self._where(flt or EventFilter())
        clause = (" WHERE " + " AND ".join(where)) if where else ""

        def grouped(columns: str, order: str) -> list[Any]:
            return self._rows(f"SELECT {columns}, COUNT(*), coalesce(SUM(fatalities), 0) FROM events{clause} "
                              f"GROUP BY {columns} ORDER BY {order}", args)

        total = self._row(f"SELECT COUNT(*), coalesce(SUM(fatalities), 0) FROM events{clause}", args)
        by_name = "COUNT(*) DESC, {} NULLS FIRST"
        return {
            "events": int(total[0]),
            "fatalities": int(total[1]),
            "by_day": [{"key": iso(k), "events": int(n), "fatalities": int(f)}
                       for k, n, f in grouped("event_date", "event_date NULLS FIRST")],
            "by_event_type": [{"key": k, "events": int(n), "fatalities": int(f)}
                              for k, n, f in grouped("event_type", by_name.format(self._bytewise("event_type")))],
            "by_country": [{"key": k, "events": int(n), "fatalities": int(f)}
                           for k, n, f in grouped("country", by_name.format(self._bytewise("country")))],
            "by_sub_event_type": [{"key": sub, "event_type": t, "events": int(n), "fatalities": int(f)}
                                  for t, sub, n, f in grouped("event_type, sub_event_type",
                                                              by_name.format(self._bytewise("event_type")) + ", "
                                                              + self._bytewise("sub_event_type") + " NULLS FIRST")],
            "by_admin1": [{"key": a, "country": c, "events": int(n), "fatalities": int(f)}
                          for c, a, n, f in grouped("country, admin1",
                                                    by_name.format(self._bytewise("country")) + ", "
                                                    + self._bytewise("admin1") + " NULLS FIRST")],
        }

    def event(self, event_id: str) -> dict[str, Any] | None:
        """One stored event (with sources and notes) by its id, or by the id of one of its per-article reports."""
        row = self._row("SELECT record FROM events WHERE id = ?", (event_id,))
        if row is None:
            found = self._row("SELECT event_id FROM mentions WHERE mention_id = ? ORDER BY article_id", (event_id,))
            if found is not None:
                row = self._row("SELECT record FROM events WHERE id = ?", (found[0],))
        return None if row is None else self._as_read([dict(load_json(row[0]))])[0]

    def _as_read(self, records: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """Stored records as the store gives them out: every one with its review (none for an event nobody
        reviewed, and for events stored before reviews existed) and its relations resolved."""
        for rec in records:
            rec.setdefault("review", None)
            rec.setdefault("corrections", [])
            rec.setdefault("conflicts", [])
        return self._resolve_relations(records)

    def _resolve_relations(self, records: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """Relations name the related event as its article extracted it (a report id); point them at the
        stored event that report belongs to now, whichever article it came from, and drop links that merging
        made into links of an event to itself."""
        wanted = sorted({r["event_id"] for rec in records for r in rec.get("relations", ()) if r.get("event_id")})
        if not wanted:
            return records
        current: dict[str, str] = {}
        for i in range(0, len(wanted), 500):
            chunk = wanted[i:i + 500]
            for mention_id, event_id in self._rows(
                    f"SELECT mention_id, event_id FROM mentions WHERE mention_id IN ({','.join('?' * len(chunk))})",
                    chunk):
                current[mention_id] = event_id
        for rec in records:
            resolved: list[dict[str, Any]] = []
            for relation in rec.get("relations", ()):
                target = relation.get("event_id")
                event_id = current.get(target, target) if target else None
                if event_id is not None and event_id == rec["id"]:
                    continue
                item = {**relation, "event_id": event_id}
                if not any(r["kind"] == item["kind"] and r["event_id"] == event_id and event_id for r in resolved):
                    resolved.append(item)
            if "relations" in rec:
                rec["relations"] = resolved
        return records

    def reports(self, event_id: str) -> list[dict[str, Any]]:
        """The per-article reports merged into an event, earliest first, as JSON-contract dicts."""
        rows = self._rows("SELECT record FROM mentions WHERE event_id = ? ORDER BY published NULLS FIRST, article_id",
                          (event_id,))
        return [event_to_json(event_from_dict(load_json(r[0])), with_sources=True) for r in rows]

    def events_of_article(self, article_id: str) -> list[dict[str, Any]]:
        """The stored events an article is a source of (JSON-contract dicts with sources), by id."""
        rows = self._rows("SELECT e.record FROM events e JOIN event_sources s ON s.event_id = e.id "
                          "WHERE s.article_id = ? ORDER BY e.id", (article_id,))
        return self._as_read([dict(load_json(r[0])) for r in rows])

    def article(self, article_id: str) -> dict[str, Any] | None:
        row = self._row("SELECT id, text, published, url, title, source FROM articles WHERE id = ?", (article_id,))
        if row is None:
            return None
        return {"id": row[0], "text": row[1], "published": iso(row[2]), "url": row[3], "title": row[4],
                "source": row[5]}

    def counts(self) -> dict[str, int]:
        articles = self._row("SELECT COUNT(*) FROM articles")[0]
        events = self._row("SELECT COUNT(*) FROM events")[0]
        return {"articles": int(articles), "events": int(events)}
