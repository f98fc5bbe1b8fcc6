"""Tests for eventwire.export: ACLED CSV layout, GeoJSON and JSONL."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from typing import Any

from eventwire.export import (
    ACLED_COLUMNS,
    WRITERS,
    acled_notes,
    acled_row,
    attach_articles,
    write_csv,
    write_geojson,
    write_jsonl,
    write_plover,
)


def record(event_id: str, **overrides: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "id": event_id,
        "article_ids": ["a1"],
        "event_type": "Explosions/Remote violence",
        "sub_event_type": "Shelling/artillery/missile attack",
        "event_date": "2023-03-14",
        "time_precision": 1,
        "country": "Iraq",
        "admin1": "Kirkuk",
        "admin2": None,
        "location": "Kirkuk",
        "latitude": 35.4681,
        "longitude": 44.3922,
        "geo_precision": 1,
        "actor1": "Unidentified Armed Group (Iraq)",
        "actor2": "Military Forces of Iraq",
        "inter1": 3,
        "inter2": 1,
        "weapon": "rocket",
        "fatalities": None,
        "injuries": 2,
        "captured": None,
        "munitions": 3,
        "confidence": 0.7,
        "evidence": {"event_type": {"article_id": "a1", "start": 24, "end": 29, "text": "fired", "confidence": 0.9,
                                    "reason": "trigger"}},
        "sources": [{"article_id": "a1", "url": "http://news/a1", "published": "2023-03-15", "evidence": {}}],
        "notes": [],
    }
    base.update(overrides)
    return base


def test_csv_header_and_rows() -> None:
    out = io.StringIO()
    n = write_csv([record("ew-abc"), record("ew-def", country="Nigeria", fatalities=7, inter2=7)], out)
    assert n == 2
    out.seek(0)
    reader = csv.reader(out)
    header = next(reader)
    assert tuple(header) == ACLED_COLUMNS
    rows = list(reader)
    assert len(rows) == 2
    first = dict(zip(header, rows[0], strict=True))
    second = dict(zip(header, rows[1], strict=True))
    assert first["event_id_cnty"] == "IRQabc"
    assert second["event_id_cnty"] == "NGAdef"
    assert first["event_date"] == "2023-03-14"
    assert first["year"] == "2023"
    assert first["disorder_type"] == "Political violence"
    assert first["iso"] == "368"
    assert first["interaction"] == "13"
    assert first["civilian_targeting"] == ""
    assert second["civilian_targeting"] == "Civilian targeting"
    assert first["fatalities"] == "0"
    assert second["fatalities"] == "7"
    assert first["latitude"] == "35.4681"
    assert first["longitude"] == "44.3922"
    assert first["source"] == "news"  # no outlet stored: the URL's host
    assert first["region"] == "Middle East"
    assert second["region"] == "Western Africa"
    assert first["notes"] == "On 14 March 2023, in Kirkuk (Iraq): fired."  # no article text: the evidence text
    assert second["notes"].endswith("7 fatalities.")
    assert first["timestamp"] == str(int(dt.datetime(2023, 3, 15, tzinfo=dt.UTC).timestamp()))  # latest published


# ACLED's export columns as its codebook lists them, written out here independently of the exporter.
ACLED_CODEBOOK_COLUMNS = [
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type", "sub_event_type",
    "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction", "civilian_targeting",
    "iso", "region", "country", "admin1", "admin2", "admin3", "location", "latitude", "longitude", "geo_precision",
    "source", "source_scale", "notes", "fatalities", "tags", "timestamp",
]


def test_columns_are_acleds_in_order() -> None:
    assert list(ACLED_COLUMNS) == ACLED_CODEBOOK_COLUMNS
    out = io.StringIO()
    write_csv([record("ew-1")], out)
    assert out.getvalue().splitlines()[0] == ",".join(ACLED_CODEBOOK_COLUMNS)


ARTICLE_TEXT = ("Police said on Tuesday. Militants fired three rockets at a base near Kirkuk on Tuesday, wounding "
                "two soldiers. Nobody claimed it.")


def stored_articles(ids: list[str]) -> dict[str, dict[str, Any]]:
    articles = {
        "a1": {"id": "a1", "text": ARTICLE_TEXT, "source": "Kirkuk Now", "title": "Rockets", "url": "http://news/a1",
               "published": "2023-03-15", "ingested_at": "2023-03-15T10:00:00+00:00"},
        "a2": {"id": "a2", "text": "Three rockets hit the base. Two soldiers were hurt.", "source": None,
               "title": None, "url": "http://other/a2", "published": "2023-03-16",
               "ingested_at": "2023-03-16T08:30:00+00:00"},
    }
    return {i: articles[i] for i in ids if i in articles}


def two_source_record() -> dict[str, Any]:
    start = ARTICLE_TEXT.index("fired")
    ev1 = {"article_id": "a1", "start": start, "end": start + 5, "text": "fired", "confidence": 0.9, "reason": "t"}
    ev2 = {"article_id": "a2", "start": 14, "end": 17, "text": "hit", "confidence": 0.8, "reason": "t"}
    return record("ew-abc", fatalities=0, article_ids=["a1", "a2"], evidence={"event_type": ev1}, sources=[
        {"article_id": "a1", "url": "http://news/a1", "published": "2023-03-15", "evidence": {"event_type": ev1}},
        {"article_id": "a2", "url": "http://other/a2", "published": "2023-03-16", "evidence": {"event_type": ev2}},
    ])


def test_source_notes_and_timestamp_come_from_the_stored_articles() -> None:
    calls: list[list[str]] = []

    def lookup(ids: list[str]) -> dict[str, dict[str, Any]]:
        calls.append(ids)
        return stored_articles(ids)

    enriched = list(attach_articles([two_source_record(), record("ew-def", sources=[])], lookup))
    assert calls == [["a1", "a2"]]  # one lookup per batch
    row = acled_row(enriched[0])
    assert row["source"] == "Kirkuk Now; other"  # outlet name, else the URL's host
    assert row["notes"] == ("On 14 March 2023, in Kirkuk (Iraq): Militants fired three rockets at a base near Kirkuk "
                            "on Tuesday, wounding two soldiers. Three rockets hit the base. 0 fatalities.")
    assert row["timestamp"] == int(dt.datetime(2023, 3, 16, 8, 30, tzinfo=dt.UTC).timestamp())
    assert acled_row(enriched[0]) == row  # stable: nothing depends on the time of the export
    assert row["event_id_cnty"] == "IRQabc"


def test_notes_are_clipped_at_a_word() -> None:
    long = dict(two_source_record())
    notes = acled_notes(next(attach_articles([long], stored_articles)), limit=40)
    assert "Militants fired three rockets at a base…" in notes
    assert notes.endswith("0 fatalities.")


def test_notes_follow_time_precision() -> None:
    assert acled_notes(record("ew-1", time_precision=2)).startswith("In the week of 14 March 2023, in Kirkuk")
    assert acled_notes(record("ew-1", time_precision=3)).startswith("In March 2023, in Kirkuk")
    assert acled_notes(record("ew-1", event_date=None, location=None, admin1=None, country=None)) == \
        "On an unknown date: fired."


def test_csv_empty_input_writes_only_header() -> None:
    out = io.StringIO()
    assert write_csv([], out) == 0
    assert out.getvalue().splitlines() == [",".join(ACLED_COLUMNS)]


def test_acled_row_unknown_country_uses_xxx() -> None:
    row = acled_row(record("ew-zz", country=None, latitude=None, longitude=None), 1)
    assert row["event_id_cnty"] == "XXXzz"
    assert row["iso"] == ""
    assert row["latitude"] == ""
    assert row["longitude"] == ""
    assert set(row) == set(ACLED_COLUMNS)


def test_geojson_keeps_events_without_coordinates_as_null_geometry() -> None:
    out = io.StringIO()
    n = write_geojson([
        record("ew-1"),
        record("ew-2", latitude=None, longitude=None),
        record("ew-3", latitude=0.0, longitude=-1.5),
    ], out)
    assert n == 3  # features = events
    data = json.loads(out.getvalue())
    assert data["type"] == "FeatureCollection"
    features = data["features"]
    assert [f["properties"]["id"] for f in features] == ["ew-1", "ew-2", "ew-3"]
    assert features[0]["geometry"] == {"type": "Point", "coordinates": [44.3922, 35.4681]}
    assert features[1]["geometry"] is None  # RFC 7946 3.2: an unlocated feature
    assert features[2]["geometry"]["coordinates"] == [-1.5, 0.0]
    assert "evidence" not in features[0]["properties"]
    assert "sources" not in features[0]["properties"]
    assert features[0]["properties"]["location"] == "Kirkuk"


def test_jsonl_round_trips() -> None:
    records = [record("ew-1"), record("ew-2", location="Al-Ḥawīǧa", country="Iraq")]
    out = io.StringIO()
    assert write_jsonl(records, out) == 2
    lines = out.getvalue().splitlines()
    assert len(lines) == 2
    assert [json.loads(line) for line in lines] == records
    assert "Al-Ḥawīǧa" in lines[1]  # not escaped


def test_writers_registry() -> None:
    assert {"csv": write_csv, "jsonl": write_jsonl, "geojson": write_geojson, "plover": write_plover} == WRITERS


def test_parquet_round_trips(tmp_path) -> None:  # type: ignore[no-untyped-def]
    import pyarrow.parquet as pq

    from eventwire.export import write_parquet

    path = tmp_path / "events.parquet"
    n = write_parquet([record("ew-1"), record("ew-2", event_date=None, latitude=None, longitude=None)], str(path))
    assert n == 2
    rows = pq.read_table(path).to_pylist()
    assert [r["id"] for r in rows] == ["ew-1", "ew-2"]
    assert rows[0]["event_date"] == dt.date(2023, 3, 14) and rows[1]["event_date"] is None
    assert rows[0]["munitions"] == 3 and rows[0]["fatalities"] is None
    assert json.loads(rows[0]["evidence"])["event_type"]["text"] == "fired"
    assert json.loads(rows[0]["article_ids"]) == ["a1"]
