"""The runner: loading, calling the system, sampling, timing fields and fingerprints."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

import pytest

from eventwire.evaluation.gold import GoldDoc
from eventwire.evaluation.runner import evaluate_file, fingerprint, pool, sample_docs

EVENT: dict[str, Any] = {"event_type": "Battles", "sub_event_type": "Armed clash", "event_date": "2024-03-10",
         "country": "Mali", "fatalities": 2, "required": True, "evidence": "Two soldiers were killed."}
DOCS: list[dict[str, Any]] = [
    {"id": "a", "text": "Two soldiers were killed on Sunday.", "published": "2024-03-11", "taxonomy": "acled",
     "events": [EVENT]},
    {"id": "b", "text": "The minister met his counterpart.", "published": "2024-03-11", "taxonomy": "acled",
     "events": []},
    {"id": "c", "text": "Protesters marched.", "published": "2024-03-11", "taxonomy": "acled",
     "events": [{**EVENT, "event_type": "Protests", "sub_event_type": "Peaceful protest",
                 "required": False}]},
]


def write_gold(path: Path, docs: list[dict[str, Any]]) -> Path:
    path.write_text("".join(json.dumps(d) + "\n" for d in docs), encoding="utf-8")
    return path


def clash(**fields: Any) -> dict[str, Any]:
    return {"event_type": "Battles", "sub_event_type": "Armed clash", "event_date": "2024-03-10",
            "country": "Mali", "fatalities": 2, **fields}


def test_evaluate_file_scores_what_the_system_returns(tmp_path: Path) -> None:
    path = write_gold(tmp_path / "gold.jsonl", DOCS)
    seen: list[str] = []

    def extract(doc: GoldDoc) -> list[dict[str, Any]]:
        seen.append(doc.id)
        return {"a": [clash()], "b": [clash(event_date="2024-03-01")], "c": []}[doc.id]

    result = evaluate_file(path, extract)
    assert seen == ["a", "b", "c"]
    assert result.level == "event"
    assert result.taxonomies == ("acled",)
    m = result.metrics
    assert (m["docs"], m["gold_events"], m["predicted_events"]) == (3, 1, 2)
    assert (m["tp"], m["fp"], m["fn"]) == (1, 1, 0)
    assert (m["precision"], m["recall"], m["f1"], m["fatalities_exact"]) == (0.5, 1.0, 0.6667, 1.0)
    assert isinstance(m["seconds"], float)
    assert result.fingerprint == fingerprint(path)
    assert result.extra == {"extract_errors": 0, "optional_gold_events": 1, "skipped_records": []}
    doc_a = result.docs[0]
    assert doc_a.events is not None and doc_a.events.pairs[0].field_errors == []
    assert result.to_json()["metrics"] == m


def test_pooled_files_are_scored_as_one_set(tmp_path: Path) -> None:
    first = write_gold(tmp_path / "one.jsonl", DOCS[:1])
    second = write_gold(tmp_path / "two.jsonl", DOCS[1:])

    def extract(doc: GoldDoc) -> list[dict[str, Any]]:
        return {"a": [clash(confidence=0.9)], "b": [clash(event_date="2024-03-01", confidence=0.9)], "c": []}[doc.id]

    alone = [evaluate_file(first, extract), evaluate_file(second, extract)]
    pooled = pool(alone)
    assert pooled.metrics == {**evaluate_file(write_gold(tmp_path / "all.jsonl", DOCS), extract).metrics,
                              "seconds": pooled.metrics["seconds"]}
    assert (pooled.metrics["tp"], pooled.metrics["fp"], pooled.metrics["precision_at_0_8"]) == (1, 1, 0.5)
    assert alone[1].metrics["precision_at_0_8"] == 0.0  # not the average of the files' figures
    assert pooled.path == f"{first} + {second}" and pooled.total_docs == 3
    assert pool(alone[:1]) is alone[0]


def test_system_errors_are_recorded_as_empty_predictions(tmp_path: Path) -> None:
    path = write_gold(tmp_path / "gold.jsonl", DOCS)

    def broken(doc: GoldDoc) -> list[dict[str, Any]]:
        raise RuntimeError(f"cannot read {doc.id}")

    result = evaluate_file(path, broken)
    assert result.docs[0].error == "RuntimeError: cannot read a"
    assert (result.metrics["tp"], result.metrics["fn"]) == (0, 1)
    assert result.extra["extract_errors"] == 3


def test_sampling_is_deterministic_and_keeps_file_order(tmp_path: Path) -> None:
    docs: list[dict[str, Any]] = [{"id": f"d{i}", "text": "x", "events": []} for i in range(20)]
    path = write_gold(tmp_path / "gold.jsonl", docs)
    first = evaluate_file(path, lambda doc: [], sample=5, seed=7)
    again = evaluate_file(path, lambda doc: [], sample=5, seed=7)
    ids = [d.doc_id for d in first.docs]
    assert ids == [d.doc_id for d in again.docs]
    assert len(ids) == 5
    assert ids == sorted(ids, key=lambda i: int(i[1:]))
    assert (first.total_docs, first.metrics["docs"]) == (20, 5)
    gold_docs = [GoldDoc(id=f"d{i}", text="x", published=None) for i in range(20)]
    assert [d.id for d in sample_docs(gold_docs, 5, seed=7)] == ids
    assert len(sample_docs(gold_docs, None)) == 20
    assert len(sample_docs(gold_docs, 50)) == 20
    with pytest.raises(ValueError, match="sample must be >= 0"):
        sample_docs(gold_docs, -1)


def test_place_gold_needs_a_places_system(tmp_path: Path) -> None:
    path = write_gold(tmp_path / "places.jsonl", [
        {"id": "p", "text": "Flooding in Lagos.", "places": [
            {"location": "Lagos", "start": 12, "end": 17, "latitude": 6.45, "longitude": 3.39}]}])
    with pytest.raises(ValueError, match="places="):
        evaluate_file(path, lambda doc: [])

    def places(doc: GoldDoc) -> list[dict[str, Any]]:
        return [{"start": 12, "end": 17, "text": "Lagos", "latitude": 6.46, "longitude": 3.38,
                 "country_code": "NG"}]

    result = evaluate_file(path, lambda doc: [], places=places)
    assert result.level == "places"
    m = result.metrics
    assert (m["gold_places"], m["toponym_f1"], m["acc_161km"], m["country_acc_places"]) == (1, 1.0, 1.0, 1.0)


def test_document_level_files_report_label_recall(tmp_path: Path) -> None:
    path = write_gold(tmp_path / "ipe.jsonl", [
        {"id": "x", "text": "police arrested 12 rioters", "taxonomy": "indiapoliceevents-questions",
         "events": [{"police_action_labels": ["ARREST", "ANY_ACTION"],
                     "event_type_taxonomy": "indiapoliceevents-questions"}]},
        {"id": "y", "text": "the assembly met", "taxonomy": None, "events": []},
    ])
    result = evaluate_file(path, lambda doc: [{"event_type": "Strategic developments",
                                               "sub_event_type": "Arrests", "captured": 12}])
    assert result.level == "document"
    assert (result.metrics["tp"], result.metrics["fp"], result.metrics["fn"]) == (1, 1, 0)
    assert result.extra["label_recall"] == {"ARREST": 1.0}
    assert any("document-level" in note for note in result.notes)


def test_fingerprint_is_the_sha256_of_the_bytes(tmp_path: Path) -> None:
    path = write_gold(tmp_path / "gold.jsonl", DOCS)
    expected = hashlib.sha256(path.read_bytes()).hexdigest()
    assert fingerprint(path) == expected
    assert fingerprint(str(path)) == expected
    path.write_text(path.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert fingerprint(path) != expected


def test_a_bad_gold_record_is_reported_and_the_rest_scored(tmp_path: Path) -> None:
    bad = {**DOCS[1], "id": "d", "published": "not a date"}
    path = write_gold(tmp_path / "gold.jsonl", [DOCS[0], bad, DOCS[1]])
    result = evaluate_file(path, lambda doc: [clash()] if doc.id == "a" else [])
    assert [r.doc_id for r in result.docs] == ["a", "b"]
    assert result.metrics["tp"] == 1 and result.metrics["fp"] == 0
    (problem,) = result.extra["skipped_records"]
    assert problem.startswith(f"{path}:2: bad 'published'")
