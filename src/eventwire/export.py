"""Exports: JSONL (the JSON contract), CSV in ACLED's column layout, GeoJSON, PLOVER records (JSONL) and
Parquet."""

from __future__ import annotations

import csv
import datetime as dt
import json
import re
from collections.abc import Callable, Iterable, Iterator
from typing import Any, TextIO
from urllib.parse import urlsplit

from eventwire.gazetteer.countries import acled_region, country_iso
from eventwire.model import SEED_HEADER

# ACLED's public export columns, in order.
ACLED_COLUMNS: tuple[str, ...] = (
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type", "sub_event_type",
    "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction",
    "civilian_targeting", "iso", "region", "country", "admin1", "admin2", "admin3", "location", "latitude",
    "longitude", "geo_precision", "source", "source_scale", "notes", "fatalities", "tags", "timestamp",
)

_DISORDER = {
    "Battles": "Political violence", "Explosions/Remote violence": "Political violence",
    "Violence against civilians": "Political violence", "Protests": "Demonstrations",
    "Riots": "Demonstrations", "Strategic developments": "Strategic developments",
}


NOTES_SENTENCE_CHARS = 400


def _iso_numeric(country: str | None) -> str:
    found = country_iso(country)
    return found[1] if found else ""


def _epoch(value: str | None) -> int | None:
    """Unix seconds of an ISO date or date-time (UTC when no offset is given)."""
    if not value:
        return None
    try:
        when = dt.datetime.fromisoformat(value)
    except ValueError:
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=dt.UTC)
    return int(when.timestamp())


# A `source` field written like an identifier ("news-dev", "feed_2") labels a dataset or a feed, not an outlet.
_LABEL = re.compile(r"^[a-z0-9]+(?:[-_.][a-z0-9]+)*$")


def outlet_of(source: dict[str, Any]) -> str:
    """How a source is named in ACLED's `source` column: the article's outlet as written ("Reuters", "Al
    Jazeera"); else the host of its URL ("channelstv.com"), also when the outlet field only holds a dataset
    label; else that label; else the article id."""
    outlet = str(source.get("outlet") or "").strip()
    if outlet and not _LABEL.match(outlet):
        return outlet
    host = url_host(str(source.get("url") or ""))
    return host or outlet or str(source.get("article_id") or "")


def url_host(url: str) -> str:
    """The host of a URL without "www." ("https://www.bbc.co.uk/news/x" -> "bbc.co.uk"), "" when there is none."""
    host = urlsplit(url.strip()).hostname if "//" in url else None
    return (host or "").removeprefix("www.")


def interaction_code(inter1: int | None, inter2: int | None) -> str:
    """ACLED's two-digit interaction code: both inter codes, the lower first (1 and 7 -> "17"), or the one
    actor's code followed by 0 when the event has one actor (6 -> "60"); "" when there is none."""
    codes = sorted(i for i in (inter1, inter2) if i is not None)
    if not codes:
        return ""
    return f"{codes[0]}{codes[1] if len(codes) > 1 else 0}"


def _date_phrase(date: str | None, precision: int | None) -> str:
    if not date:
        return "On an unknown date"
    day = dt.date.fromisoformat(date)
    if precision == 3:
        return f"In {day:%B} {day.year}"
    if precision == 2:
        return f"In the week of {day.day} {day:%B} {day.year}"
    return f"On {day.day} {day:%B} {day.year}"


def _clip(text: str, limit: int) -> str:
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0].rstrip(",;:")
    return cut + "…"


def acled_notes(record: dict[str, Any], limit: int = NOTES_SENTENCE_CHARS) -> str:
    """ACLED-style notes: when and where, then the sentences of the reports that state the event (the evidence
    sentences, each once, earliest source first, clipped to `limit` characters in all) and the toll. Sentences
    come from `evidence_sentence` of each source (see `attach_articles`); without them the evidence texts stand
    in."""
    where = record.get("location") or ""
    region = ", ".join(x for x in (record.get("admin1"), record.get("country")) if x and x != where)
    if where and region:
        where = f"{where} ({region})"
    head = _date_phrase(record.get("event_date"), record.get("time_precision"))
    head += f", in {where}:" if where else ":"
    sentences: list[str] = []
    for source in record.get("sources") or []:
        sentence = SEED_HEADER.sub("", " ".join(str(source.get("evidence_sentence") or "").split()), count=1)
        if sentence and sentence not in sentences:
            sentences.append(sentence)
    if not sentences:
        texts = [ev.get("text", "") for _name, ev in sorted((record.get("evidence") or {}).items())]
        sentences = [SEED_HEADER.sub("", " ".join(t.split()), count=1) for t in texts if t and t.strip()]
    body = _clip(" ".join(s if s.endswith((".", "!", "?")) else s + "." for s in sentences), limit)
    parts = [head, body] if body else [head]
    fatalities = record.get("fatalities")
    if fatalities is not None:
        parts.append(f"{fatalities} fatalit{'y' if fatalities == 1 else 'ies'}.")
    return " ".join(parts)


def acled_row(record: dict[str, Any], index: int = 0) -> dict[str, Any]:
    """One ACLED-layout row. `event_id_cnty` is the ISO3 code plus the eventwire id (stable across exports:
    the id is derived from the event's reports), `interaction` ACLED's two-digit code (`interaction_code`),
    `region` ACLED's region of the country, `source` names every outlet once (`outlet_of`), `notes`
    summarise the evidence sentences (`acled_notes`) and `timestamp` is when the event last changed (the latest
    ingestion of one of its articles, else its latest publication date), so that re-exports of an unchanged
    event are identical. `source_scale` stays empty: eventwire does not know an outlet's reach."""
    country = record.get("country")
    found = country_iso(country)
    iso3 = found[0] if found else ""
    inter1, inter2 = record.get("inter1"), record.get("inter2")
    date = record.get("event_date")
    sources = record.get("sources") or []
    names: list[str] = []
    for source in sources:
        name = outlet_of(source)
        if name and name not in names:
            names.append(name)
    if not names:
        names = [str(a) for a in record.get("article_ids") or []]
    stamps = [t for t in (_epoch(s.get("ingested_at")) for s in sources) if t is not None] \
        or [t for t in (_epoch(s.get("published")) for s in sources) if t is not None]
    return {
        "event_id_cnty": f"{iso3 or 'XXX'}{record['id'].removeprefix('ew-')}",
        "event_date": date or "",
        "year": date[:4] if date else "",
        "time_precision": record.get("time_precision") or "",
        "disorder_type": _DISORDER.get(record.get("event_type") or "", ""),
        "event_type": record.get("event_type") or "",
        "sub_event_type": record.get("sub_event_type") or "",
        "actor1": record.get("actor1") or "",
        "assoc_actor_1": "",
        "inter1": inter1 if inter1 is not None else "",
        "actor2": record.get("actor2") or "",
        "assoc_actor_2": "",
        "inter2": inter2 if inter2 is not None else "",
        "interaction": interaction_code(inter1, inter2),
        "civilian_targeting": "Civilian targeting" if inter2 == 7 else "",
        "iso": _iso_numeric(country),
        "region": acled_region(country) or "",
        "country": country or "",
        "admin1": record.get("admin1") or "",
        "admin2": record.get("admin2") or "",
        "admin3": "",
        "location": record.get("location") or "",
        "latitude": record.get("latitude") if record.get("latitude") is not None else "",
        "longitude": record.get("longitude") if record.get("longitude") is not None else "",
        "geo_precision": record.get("geo_precision") or "",
        "source": "; ".join(names),
        "source_scale": "",
        "notes": acled_notes(record),
        "fatalities": record.get("fatalities") if record.get("fatalities") is not None else 0,
        "tags": review_tags(record),
        "timestamp": max(stamps) if stamps else "",
    }


def review_tags(record: dict[str, Any]) -> str:
    """ACLED's free-text `tags` marking what analysts corrected: "corrected: fatalities, actor2", "conflict:
    fatalities" (the machine says otherwise since), "rejected"; empty for an event nobody reviewed."""
    tags = []
    fields = sorted({c["field"] for c in record.get("corrections") or () if c.get("kind") == "set"})
    if fields:
        tags.append("corrected: " + ", ".join(fields))
    conflicts = sorted({c["field"] for c in record.get("conflicts") or ()})
    if conflicts:
        tags.append("conflict: " + ", ".join(conflicts))
    if record.get("review") == "rejected":
        tags.append("rejected")
    return "; ".join(tags)


def evidence_sentence(text: str, evidence: dict[str, Any]) -> str | None:
    """The sentence of `text` around an evidence span, or None when the span is not at its offsets."""
    from eventwire.pipeline.background import sentence_bounds

    bounds = sentence_bounds(text, int(evidence.get("start", -1)), int(evidence.get("end", -1)),
                             str(evidence.get("text", "")))
    if bounds is None:
        return None
    sentence = " ".join(text[bounds[0]:bounds[1] + 1].split())
    return sentence or None


def _source_evidence(record: dict[str, Any], source: dict[str, Any]) -> dict[str, Any] | None:
    """The span that best states the event in one source: its event-type evidence, else the event's own
    event-type evidence when it comes from that article, else the first evidence the source gives."""
    own = source.get("evidence") or {}
    if "event_type" in own:
        return dict(own["event_type"])
    top = (record.get("evidence") or {}).get("event_type")
    if top and top.get("article_id") == source.get("article_id"):
        return dict(top)
    for _name, ev in sorted(own.items()):
        return dict(ev)
    return None


def attach_articles(records: Iterable[dict[str, Any]], lookup: Callable[[list[str]], dict[str, dict[str, Any]]],
                    batch: int = 200) -> Iterator[dict[str, Any]]:
    """The records with what the CSV and PLOVER exports take from the stored articles filled into each source:
    `outlet` (the article's source name), `title`, `ingested_at` and `evidence_sentence` (the sentence stating
    the event). `lookup` maps article ids to stored articles (`Store.source_articles`); it is called once per
    `batch` records."""
    pending: list[dict[str, Any]] = []

    def flush() -> Iterator[dict[str, Any]]:
        ids = sorted({str(s.get("article_id")) for r in pending for s in r.get("sources") or []})
        articles = lookup(ids) if ids else {}
        for record in pending:
            sources = []
            for source in record.get("sources") or []:
                source = dict(source)
                article = articles.get(str(source.get("article_id")))
                if article is not None:
                    source.setdefault("outlet", article.get("source"))
                    source.setdefault("title", article.get("title"))
                    source.setdefault("ingested_at", article.get("ingested_at"))
                    if not source.get("url"):
                        source["url"] = article.get("url")
                    span = _source_evidence(record, source)
                    if span is not None and article.get("text"):
                        source["evidence_sentence"] = evidence_sentence(str(article["text"]), span)
                sources.append(source)
            yield {**record, "sources": sources}
        pending.clear()

    for record in records:
        pending.append(record)
        if len(pending) >= batch:
            yield from flush()
    yield from flush()


def write_csv(records: Iterable[dict[str, Any]], out: TextIO) -> int:
    writer = csv.DictWriter(out, fieldnames=list(ACLED_COLUMNS))
    writer.writeheader()
    n = 0
    for n, record in enumerate(records, start=1):
        writer.writerow(acled_row(record, n))
    return n


def write_jsonl(records: Iterable[dict[str, Any]], out: TextIO) -> int:
    n = 0
    for record in records:
        out.write(json.dumps(record, ensure_ascii=False) + "\n")
        n += 1
    return n


def write_geojson(records: Iterable[dict[str, Any]], out: TextIO) -> int:
    """A GeoJSON FeatureCollection of every event: a Point where the event has coordinates, else `geometry:
    null` (RFC 7946, section 3.2: a feature with no location), so that features = events. Returns how many
    features were written."""
    features = []
    for record in records:
        props = {k: v for k, v in record.items() if k not in ("evidence", "sources")}
        located = record.get("latitude") is not None and record.get("longitude") is not None
        geometry = {"type": "Point", "coordinates": [record["longitude"], record["latitude"]]} if located else None
        features.append({"type": "Feature", "geometry": geometry, "properties": props})
    json.dump({"type": "FeatureCollection", "features": features}, out, ensure_ascii=False)
    return len(features)


def write_plover(records: Iterable[dict[str, Any]], out: TextIO) -> int:
    """PLOVER event records (see `eventwire.plover`), one JSON object per line as the PLOVER manual suggests."""
    from eventwire.plover import plover_record

    n = 0
    for record in records:
        out.write(json.dumps(plover_record(record), ensure_ascii=False) + "\n")
        n += 1
    return n


WRITERS = {"csv": write_csv, "jsonl": write_jsonl, "geojson": write_geojson, "plover": write_plover}
# Formats that quote the stored articles (outlets, evidence sentences): feed them `attach_articles(...)`.
NEEDS_ARTICLES = frozenset({"csv", "plover"})

# Parquet columns: the flat fields of the JSON contract; evidence and sources as JSON text.
_PARQUET_FIELDS: tuple[tuple[str, str], ...] = (
    ("id", "string"), ("event_type", "string"), ("sub_event_type", "string"), ("event_date", "date32"),
    ("time_precision", "int8"), ("country", "string"), ("admin1", "string"), ("admin2", "string"),
    ("location", "string"), ("latitude", "float64"), ("longitude", "float64"), ("geo_precision", "int8"),
    ("actor1", "string"), ("actor2", "string"), ("inter1", "int8"), ("inter2", "int8"), ("weapon", "string"),
    ("fatalities", "int32"), ("injuries", "int32"), ("captured", "int32"), ("munitions", "int32"),
    ("confidence", "float64"),
)


def write_parquet(records: Iterable[dict[str, Any]], path: str) -> int:
    """Write events as a Parquet file (one row per event; `article_ids`, `evidence`, `sources` and `notes` as
    JSON text columns)."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    types = {"string": pa.string(), "date32": pa.date32(), "int8": pa.int8(), "int32": pa.int32(),
             "float64": pa.float64()}
    schema = pa.schema([(name, types[kind]) for name, kind in _PARQUET_FIELDS]
                       + [(name, pa.string()) for name in ("article_ids", "evidence", "sources", "notes")])
    rows = []
    for record in records:
        row = {name: record.get(name) for name, _kind in _PARQUET_FIELDS}
        if row["event_date"]:
            row["event_date"] = dt.date.fromisoformat(str(row["event_date"]))
        for name in ("article_ids", "evidence", "sources", "notes"):
            row[name] = json.dumps(record.get(name), ensure_ascii=False)
        rows.append(row)
    pq.write_table(pa.Table.from_pylist(rows, schema=schema), path)
    return len(rows)

