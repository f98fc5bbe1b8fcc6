"""Exports: JSONL (the JSON contract), CSV in ACLED's column layout, GeoJSON."""

from __future__ import annotations

import csv
import datetime as dt
import json
from collections.abc import Iterable
from typing import Any, TextIO

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


def _iso_numeric(country: str | None) -> str:
    if not country:
        return ""
    try:
        import pycountry

        match = pycountry.countries.lookup(country)
        return str(int(match.numeric))
    except (LookupError, ImportError):
        return ""


def acled_row(record: dict[str, Any], index: int) -> dict[str, Any]:
    """One ACLED-layout row. `event_id_cnty` is the ISO3 code plus the eventwire id (stable across exports)."""
    country = record.get("country")
    iso3 = ""
    if country:
        try:
            import pycountry

            iso3 = pycountry.countries.lookup(country).alpha_3
        except (LookupError, ImportError):
            iso3 = ""
    inter1, inter2 = record.get("inter1"), record.get("inter2")
    interaction = "".join(str(x) for x in sorted(i for i in (inter1, inter2) if i is not None))
    date = record.get("event_date")
    evidence = record.get("evidence") or {}
    notes = (evidence.get("event_type") or {}).get("text", "")
    sources = record.get("sources") or []
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
        "interaction": interaction,
        "civilian_targeting": "Civilian targeting" if inter2 == 7 else "",
        "iso": _iso_numeric(country),
        "region": "",
        "country": country or "",
        "admin1": record.get("admin1") or "",
        "admin2": record.get("admin2") or "",
        "admin3": "",
        "location": record.get("location") or "",
        "latitude": record.get("latitude") if record.get("latitude") is not None else "",
        "longitude": record.get("longitude") if record.get("longitude") is not None else "",
        "geo_precision": record.get("geo_precision") or "",
        "source": "; ".join(s.get("url") or s.get("article_id", "") for s in sources)
        or "; ".join(record.get("article_ids") or []),
        "source_scale": "",
        "notes": notes,
        "fatalities": record.get("fatalities") if record.get("fatalities") is not None else 0,
        "tags": "",
        "timestamp": int(dt.datetime.now(dt.UTC).timestamp()),
    }


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
    features = []
    for record in records:
        if record.get("latitude") is None or record.get("longitude") is None:
            continue
        props = {k: v for k, v in record.items() if k not in ("evidence", "sources")}
        features.append({
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": [record["longitude"], record["latitude"]]},
            "properties": props,
        })
    json.dump({"type": "FeatureCollection", "features": features}, out, ensure_ascii=False)
    return len(features)


WRITERS = {"csv": write_csv, "jsonl": write_jsonl, "geojson": write_geojson}

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

