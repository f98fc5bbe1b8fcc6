"""Tests for eventwire.export: ACLED CSV layout, GeoJSON and JSONL."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from eventwire.export import ACLED_COLUMNS, WRITERS, acled_row, write_csv, write_geojson, write_jsonl


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
    assert first["source"] == "http://news/a1"
    assert first["notes"] == "fired"


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


def test_geojson_skips_records_without_coordinates() -> None:
    out = io.StringIO()
    n = write_geojson([
        record("ew-1"),
        record("ew-2", latitude=None, longitude=None),
        record("ew-3", latitude=0.0, longitude=-1.5),
    ], out)
    assert n == 2
    data = json.loads(out.getvalue())
    assert data["type"] == "FeatureCollection"
    features = data["features"]
    assert [f["properties"]["id"] for f in features] == ["ew-1", "ew-3"]
    assert features[0]["geometry"] == {"type": "Point", "coordinates": [44.3922, 35.4681]}
    assert features[1]["geometry"]["coordinates"] == [-1.5, 0.0]
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
    assert {"csv": write_csv, "jsonl": write_jsonl, "geojson": write_geojson} == WRITERS


def test_parquet_round_trips(tmp_path) -> None:  # type: ignore[no-untyped-def]
    import datetime as dt

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
