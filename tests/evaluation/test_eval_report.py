"""Reports: the files exist, the PNGs are real images and the markdown names the errors."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from eventwire.evaluation.gold import GoldDoc
from eventwire.evaluation.report import md_table, write_report
from eventwire.evaluation.runner import EvalResult, evaluate_file

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"

GOLD = [
    {"id": "a", "text": "Shelling hit Kharkiv on Monday.", "published": "2024-03-12", "taxonomy": "acled",
     "events": [
         {"event_type": "Explosions/Remote violence", "sub_event_type": "Shelling/artillery/missile attack",
          "event_date": "2024-03-11", "country": "Ukraine", "location": "Kharkiv", "latitude": 49.99,
          "longitude": 36.23, "fatalities": 1, "evidence": "Shelling hit Kharkiv on Monday."},
         {"event_type": "Battles", "sub_event_type": "Armed clash", "event_date": "2024-03-11",
          "country": "Ukraine", "evidence": "Fighting continued."},
     ]},
    {"id": "b", "text": "A quiet day.", "published": "2024-03-12", "taxonomy": "acled", "events": []},
]


def system(doc: GoldDoc) -> list[dict[str, Any]]:
    if doc.id == "b":
        return [{"event_type": "Protests", "sub_event_type": "Peaceful protest", "event_date": None,
                 "country": "Ukraine", "evidence": {"event_type": {"text": "quiet"}}}]
    return [{"event_type": "Explosions/Remote violence", "sub_event_type": "Air/drone strike",
             "event_date": "2024-03-12", "country": "Ukraine", "location": "Kharkiv", "latitude": 50.5,
             "longitude": 36.23, "fatalities": 1,
             "evidence": {"event_date": {"text": "on Monday", "start": 20, "end": 29}}}]


@pytest.fixture
def event_result(tmp_path: Path) -> EvalResult:
    path = tmp_path / "gold.jsonl"
    path.write_text("".join(json.dumps(d) + "\n" for d in GOLD), encoding="utf-8")
    return evaluate_file(path, system)


def assert_files(out: Path) -> str:
    for name in ("report.md", "metrics.json", "confusion.png", "distance_errors.png"):
        assert (out / name).is_file(), name
    for name in ("confusion.png", "distance_errors.png"):
        data = (out / name).read_bytes()
        assert data.startswith(PNG_SIGNATURE) and len(data) > 1000, name
    return (out / "report.md").read_text(encoding="utf-8")


def test_event_report_files_and_sections(event_result: EvalResult, tmp_path: Path) -> None:
    out = tmp_path / "report"
    assert write_report(event_result, out) == out / "report.md"
    text = assert_files(out)
    assert "## Summary" in text
    assert "| tp | 1 |" in text and "| fp | 1 |" in text and "| fn | 1 |" in text
    assert "| Shelling/artillery/missile attack |" in text  # confusion row
    assert "### a (FN 1, FP 0)" in text
    assert "missed (FN)" in text and "spurious (FP)" in text
    assert "| a | 2024-03-11 | 2024-03-12 | +1 | on Monday |" in text  # date error with its raw expression
    assert "| a | 56.7 | Kharkiv, Ukraine | Kharkiv, Ukraine |" in text  # place error in km
    saved = json.loads((out / "metrics.json").read_text(encoding="utf-8"))
    assert saved["metrics"] == event_result.metrics
    assert saved["fingerprint"] == event_result.fingerprint


def test_document_and_place_reports_write_the_same_files(tmp_path: Path) -> None:
    ipe = tmp_path / "ipe.jsonl"
    ipe.write_text(json.dumps({"id": "x", "text": "police fired", "taxonomy": "indiapoliceevents-questions",
                               "events": [{"police_action_labels": ["FORCE"]}]}) + "\n", encoding="utf-8")
    text = assert_files(Path(write_report(evaluate_file(ipe, lambda d: []), tmp_path / "ipe")).parent)
    assert "## Per-label recall" in text and "| x | FN | FORCE | no event |" in text

    places = tmp_path / "places.jsonl"
    places.write_text(json.dumps({"id": "p", "text": "In Lagos.", "places": [
        {"location": "Lagos", "start": 3, "end": 8, "latitude": 6.45, "longitude": 3.39,
         "toponym_type": "Literal"}]}) + "\n", encoding="utf-8")
    result = evaluate_file(places, lambda d: [], places=lambda d: [
        {"start": 3, "end": 8, "text": "Lagos", "latitude": 9.06, "longitude": 7.49, "country_code": "NG"}])
    text = assert_files(write_report(result, tmp_path / "places").parent)
    assert "| Literal | 1 |" in text and "## Resolution errors" in text


def test_md_table_escapes_cells() -> None:
    assert md_table(["a"], [["x | y\nz"]]) == "| a |\n|---|\n| x \\| y z |"
