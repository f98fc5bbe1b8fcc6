"""Run a system over a gold file and score it.

The system is passed in as a callable (document -> predicted events as eventwire JSON dicts), so this
module does not depend on the pipeline. The scoring level follows the gold: events, document labels
(sets with document-level labels only) or place names.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from tqdm import tqdm

from eventwire.evaluation.gold import GoldDoc, GoldFormatError, load_gold
from eventwire.evaluation.scoring import (
    DocScore,
    LabelDocScore,
    Metric,
    label_recall,
    score_document,
    score_labels,
    summarize_events,
    summarize_labels,
)
from eventwire.evaluation.taxonomies import doc_expectation, doc_taxonomies, gold_events, measures, scoring_level
from eventwire.evaluation.toponyms import PlaceDocScore, score_places_doc, summarize_places
from eventwire.evaluation.trust import grouping_counts

# A system: one gold document in, its predictions out (event dicts, or place-mention dicts for place gold).
# Any sequence of mappings is accepted, so a function returning list[dict] fits.
Extract = Callable[[GoldDoc], Sequence[Mapping[str, Any]]]


@dataclass(frozen=True, slots=True)
class DocResult:
    """One document's predictions and their score; exactly one of events/labels/places is set."""

    doc: GoldDoc
    seconds: float
    error: str | None = None  # the exception the system raised, if any (then it predicted nothing)
    events: DocScore | None = None
    labels: LabelDocScore | None = None
    places: PlaceDocScore | None = None

    @property
    def doc_id(self) -> str:
        return self.doc.id

    @property
    def mistakes(self) -> int:
        """False negatives plus false positives (for ranking the worst documents)."""
        if self.events is not None:
            return self.events.fn + self.events.fp
        if self.places is not None:
            return self.places.fn + self.places.fp
        if self.labels is not None:
            return int(self.labels.outcome in {"fn", "fp"})
        return 0


@dataclass(frozen=True)
class EvalResult:
    """Metrics of one gold file plus per-document details for reports."""

    path: str
    fingerprint: str
    level: str  # "event" | "document" | "places"
    taxonomies: tuple[str, ...]
    notes: tuple[str, ...]
    metrics: dict[str, Metric]
    docs: tuple[DocResult, ...]
    total_docs: int  # documents in the file (before sampling)
    sample: int | None = None
    seed: int = 0
    extra: dict[str, Any] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        """Metadata and metrics (no per-document details), JSON-serialisable."""
        return {
            "file": self.path,
            "fingerprint": self.fingerprint,
            "level": self.level,
            "taxonomies": list(self.taxonomies),
            "notes": list(self.notes),
            "total_docs": self.total_docs,
            "sample": self.sample,
            "seed": self.seed,
            "metrics": dict(self.metrics),
            "extra": self.extra,
        }


def fingerprint(path: str | Path) -> str:
    """SHA-256 of the file's bytes, hex."""
    digest = hashlib.sha256()
    with Path(path).open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def sample_docs(docs: Sequence[GoldDoc], sample: int | None, seed: int = 0) -> list[GoldDoc]:
    """A deterministic sample: the `sample` documents with the smallest hash of (seed, id), kept in file
    order. None (or a sample at least as large as the file) keeps every document."""
    if sample is None or sample >= len(docs):
        return list(docs)
    if sample < 0:
        raise ValueError(f"sample must be >= 0, got {sample}")
    chosen = set(sorted(range(len(docs)), key=lambda i: _stable_hash(seed, docs[i].id))[:sample])
    return [doc for i, doc in enumerate(docs) if i in chosen]


def _stable_hash(seed: int, doc_id: str) -> str:
    return hashlib.sha256(f"{seed}\x00{doc_id}".encode()).hexdigest()


def evaluate_file(
    path: str | Path,
    extract: Extract,
    *,
    places: Extract | None = None,
    sample: int | None = None,
    seed: int = 0,
    progress: bool = False,
) -> EvalResult:
    """Load a gold file, run `extract` (or `places`, for place-name gold) on each document, and score.

    A system that raises on a document is recorded as predicting nothing there (see DocResult.error and
    extra["extract_errors"]). A malformed gold record is reported (extra["skipped_records"]: its `file:line`
    and the problem) and left out; the other records are scored. `metrics["seconds"]` is the time spent inside
    the system, summed.
    """
    skipped: list[GoldFormatError] = []
    all_docs = load_gold(path, skipped=skipped)
    level = scoring_level(all_docs)
    system = _system_for(level, extract, places)
    docs = sample_docs(all_docs, sample, seed)
    iterator = tqdm(docs, desc=Path(path).name, disable=not progress, unit="doc")
    results = tuple(_evaluate_doc(doc, system, level) for doc in iterator)
    names = tuple(sorted(set().union(*(doc_taxonomies(d) for d in docs)))) if docs else ()
    metrics = _summarize(level, results)
    metrics["seconds"] = round(sum(r.seconds for r in results), 4)
    return EvalResult(
        path=str(path), fingerprint=fingerprint(path), level=level, taxonomies=names,
        notes=tuple(_notes(level, names, docs)), metrics=metrics, docs=results, total_docs=len(all_docs),
        sample=sample, seed=seed, extra={**_extra(level, results), "skipped_records": [str(e) for e in skipped]},
    )


def pool(results: Sequence[EvalResult]) -> EvalResult:
    """Several gold files scored as one: their documents together, every metric recomputed over all of them (a
    calibration error or a precision over the pooled predictions, not an average of the files' figures)."""
    if not results:
        raise ValueError("nothing to pool")
    levels = {r.level for r in results}
    if len(levels) > 1:
        raise ValueError(f"cannot pool gold files scored at different levels: {', '.join(sorted(levels))}")
    if len(results) == 1:
        return results[0]
    level = results[0].level
    docs = tuple(d for r in results for d in r.docs)
    metrics = _summarize(level, docs)
    metrics["seconds"] = round(sum(d.seconds for d in docs), 4)
    digest = hashlib.sha256("".join(r.fingerprint for r in results).encode()).hexdigest()
    skipped = [s for r in results for s in r.extra.get("skipped_records", [])]
    return EvalResult(
        path=" + ".join(r.path for r in results), fingerprint=digest, level=level,
        taxonomies=tuple(sorted({t for r in results for t in r.taxonomies})),
        notes=tuple(dict.fromkeys(n for r in results for n in r.notes)), metrics=metrics, docs=docs,
        total_docs=sum(r.total_docs for r in results), sample=results[0].sample, seed=results[0].seed,
        extra={**_extra(level, docs), "skipped_records": skipped},
    )


def _system_for(level: str, extract: Extract, places: Extract | None) -> Extract:
    if level != "places":
        return extract
    if places is None:
        raise ValueError("this gold file carries place names: pass places= (document -> place mentions)")
    return places


def _evaluate_doc(doc: GoldDoc, system: Extract, level: str) -> DocResult:
    predictions, seconds, error = _run_system(doc, system)
    if level == "places":
        return DocResult(doc, seconds, error, places=score_places_doc(doc.id, doc.places or (), predictions))
    if level == "document":
        expectation = doc_expectation(doc)
        return DocResult(doc, seconds, error, labels=score_labels(doc.id, expectation, predictions))
    gold = gold_events(doc)
    score = score_document(doc.id, gold, predictions)
    score = replace(score, grouping=grouping_counts(doc.text, score.gold, predictions))
    return DocResult(doc, seconds, error, events=score)


def _run_system(doc: GoldDoc, system: Extract) -> tuple[list[Mapping[str, Any]], float, str | None]:
    start = time.perf_counter()
    try:
        output = system(doc)
    except Exception as exc:  # one failing document should not lose the whole evaluation
        return [], time.perf_counter() - start, f"{type(exc).__name__}: {exc}"
    seconds = time.perf_counter() - start
    if not isinstance(output, list | tuple) or not all(isinstance(item, Mapping) for item in output):
        return [], seconds, f"TypeError: expected a list of dicts, got {type(output).__name__}"
    return list(output), seconds, None


def _summarize(level: str, results: Sequence[DocResult]) -> dict[str, Metric]:
    if level == "places":
        return summarize_places([r.places for r in results if r.places is not None])
    if level == "document":
        return summarize_labels([r.labels for r in results if r.labels is not None])
    return summarize_events([r.events for r in results if r.events is not None])


def _notes(level: str, names: Sequence[str], docs: Sequence[GoldDoc]) -> list[str]:
    if level == "places":
        return measures(["places"])
    notes = measures(names)
    if level == "event" and not any("events" in doc.raw for doc in docs):
        notes.append("No document carries `events`: there is no event gold, so every prediction is a false "
                     "positive (is this the right file?).")
    return notes


def _extra(level: str, results: Sequence[DocResult]) -> dict[str, Any]:
    extra: dict[str, Any] = {"extract_errors": sum(1 for r in results if r.error)}
    if level == "document":
        scores = [r.labels for r in results if r.labels is not None]
        extra["label_recall"] = label_recall(scores)
        extra["unscored_docs"] = sum(1 for s in scores if s.outcome == "unscored")
    if level == "event":
        extra["optional_gold_events"] = sum(
            1 for r in results if r.events is not None for g in r.events.gold if not g.required
        )
    return extra
