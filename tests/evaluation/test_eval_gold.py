"""Loading gold JSONL files."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest

from eventwire.evaluation.gold import GoldFormatError, load_gold


def write_jsonl(path: Path, records: list[Any]) -> Path:
    path.write_text("".join((r if isinstance(r, str) else json.dumps(r)) + "\n" for r in records), "utf-8")
    return path


def test_loads_typed_documents(tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "g.jsonl", [
        {"id": "a", "text": "Rockets hit the base.", "published": "2021-07-07", "url": "https://x.test/a",
         "title": "Base hit", "taxonomy": "acled", "events": [{"event_type": "Battles"}]},
        "",
        {"id": "b", "text": "Nothing happened.", "published": None},
    ])
    first, second = load_gold(path)
    assert (first.id, first.published, first.url, first.title, first.taxonomy) == (
        "a", dt.date(2021, 7, 7), "https://x.test/a", "Base hit", "acled")
    assert first.events == ({"event_type": "Battles"},)
    assert first.places is None
    assert first.origin == f"{path}:1"
    assert (second.published, second.events, second.origin) == (None, (), f"{path}:3")
    article = first.to_article()
    assert (article.id, article.published) == ("a", dt.date(2021, 7, 7))
    assert article.text == "Rockets hit the base."


def test_place_gold_documents(tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "p.jsonl", [
        {"id": "p1", "text": "In Paris today.", "places": [
            {"location": "Paris", "start": 3, "end": 8, "latitude": 48.85, "longitude": 2.35,
             "toponym_type": "Literal", "geonames_id": "2988507"}]},
        {"id": "p2", "text": "No places here.", "events": []},
    ])
    first, second = load_gold(path)
    assert first.places is not None and second.places == ()
    [paris] = first.places
    assert (paris.location, paris.start, paris.end, paris.latitude, paris.geonames_id, paris.offset_ok) == (
        "Paris", 3, 8, 48.85, "2988507", True)


@pytest.mark.parametrize(("lines", "message"), [
    (['{"id": "a", "text": "x"}', "{not json"], r"g\.jsonl:2: invalid JSON"),
    (['["a list"]'], r"g\.jsonl:1: expected a JSON object"),
    (['{"text": "x"}'], r"g\.jsonl:1: 'id' must be a non-empty string"),
    (['{"id": "a"}'], r"g\.jsonl:1: 'text' must be a non-empty string"),
    (['{"id": "a", "text": "x", "published": "July 7"}'], r"g\.jsonl:1: bad 'published'"),
    (['{"id": "a", "text": "x", "events": {"event_type": "Battles"}}'],
     r"g\.jsonl:1: 'events' must be a list"),
    (['{"id": "a", "text": "x"}', '{"id": "a", "text": "y"}'],
     r"g\.jsonl:2: duplicate id 'a' \(first at .*:1\)"),
    (['{"id": "a", "text": "x", "places": [{"start": 5, "end": 2}]}'], r"g\.jsonl:1: places\[0\]"),
])
def test_malformed_lines_name_file_and_line(tmp_path: Path, lines: list[str], message: str) -> None:
    path = write_jsonl(tmp_path / "g.jsonl", lines)
    with pytest.raises(GoldFormatError, match=message):
        load_gold(path)


def test_malformed_lines_can_be_skipped_and_reported(tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "g.jsonl", [
        '{"id": "a", "text": "x"}', "{not json", '{"id": "b", "text": "y", "published": "July 7"}',
        '{"id": "a", "text": "z"}', '{"id": "c", "text": "w"}'])
    skipped: list[GoldFormatError] = []
    docs = load_gold(path, skipped=skipped)
    assert [d.id for d in docs] == ["a", "c"]
    assert [str(e).split(": ", 1)[0].rsplit(":", 1)[1] for e in skipped] == ["2", "3", "4"]
    assert "bad 'published'" in str(skipped[1]) and "duplicate id 'a'" in str(skipped[2])
