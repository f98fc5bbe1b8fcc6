"""How often the events and fields behind each rule are right, measured on the development sets: the table
(`pipeline/data/rule_reliability.csv`) that `confidence` is built from.

For every predicted event of an event-level gold file: the event is right when it matches a required gold event,
wrong when it matches none (one matched to an optional gold event is left out); each field of a right event is
right or wrong as the scorer checks it. Every rule in the event's trace (the union of its fields' `rules`) counts
the event once; every rule behind a field counts that field once. The table keeps only counts per rule and
field, never a word of the texts.
"""

from __future__ import annotations

import csv
import io
import random
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from eventwire.evaluation.gold import GoldDoc, load_gold
from eventwire.evaluation.runner import _evaluate_doc
from eventwire.evaluation.scoring import NEAR_KM, MatchedPair
from eventwire.evaluation.taxonomies import scoring_level
from eventwire.evaluation.trust import calibration_metrics
from eventwire.pipeline.calibration import Reliability, event_trace

EVENT = "event"  # the table's field name for "the event is right"
# The scorer's check that says whether an evidence field is right.
FIELD_CHECKS: dict[str, str] = {
    "event_type": "sub_event_type_acc", "event_date": "date_exact", "location": "admin1_acc",
    "fatalities": "fatalities_exact", "injuries": "injuries_exact", "captured": "captured_exact",
    "munitions": "munitions_exact", "actor1": "actor1_match", "actor2": "actor2_match",
}
COLUMNS = ("field", "rule", "events", "right")
# The development sets whose gold counts what an ACLED coder records (one event per incident, type, place and
# day). The others are left out of the table: MUC-4's templates cover only some kinds of attack, CASE 2021 labels
# sentences, WikiEvents every mention of an event, old or new, and IndiaPoliceEvents whole documents; the ISAF
# press releases are coded in their own taxonomy (a few incident kinds that map only roughly onto ACLED's, with no
# gold for the others a release reports). A prediction's being right there is not the probability the calibration
# stands for (with ISAF in the table, news events came out 0.15-0.19 under-confident on average).
CALIBRATION_SETS: tuple[str, ...] = (
    "seed/seed.jsonl", "news/news.jsonl", "news_world/news_world.jsonl", "acled_notes/acled_notes.jsonl",
)
Records = Callable[[GoldDoc], Sequence[Mapping[str, Any]]]


@dataclass
class Tally:
    """Counts per (field, rule): how many events or fields it was behind, and how many of them were right.
    The rule "*" holds each field's totals."""

    seen: Counter[tuple[str, str]]
    right: Counter[tuple[str, str]]

    def add(self, field: str, rules: Iterable[str], ok: bool) -> None:
        for rule in {"*", *rules}:
            self.seen[field, rule] += 1
            self.right[field, rule] += ok


Progress = Callable[[Sequence[GoldDoc], str], Iterable[GoldDoc]]


def measure(paths: Iterable[Path], records: Records, progress: Progress | None = None) -> Tally:
    """Run the system over every event-level gold file and count, per rule, the right and wrong events and
    fields it was behind."""
    tally = Tally(Counter(), Counter())
    for _path, _doc, prediction, pair in scored_predictions(paths, records, progress):
        evidence: Mapping[str, Any] = prediction.get("evidence") or {}
        tally.add(EVENT, set(event_trace(evidence)), pair is not None)
        if pair is not None:
            for field, item in evidence.items():
                ok = field_right(field, pair)
                if ok is not None:
                    tally.add(field, item.get("rules", ()), ok)
    return tally


def scored_predictions(paths: Iterable[Path], records: Records, progress: Progress | None = None
                       ) -> Iterator[tuple[Path, GoldDoc, Mapping[str, Any], MatchedPair | None]]:
    """Each predicted event of every event-level gold file with the required gold event it matched (None: a
    false event); those matched to an optional gold event are left out."""
    for path in paths:
        docs = load_gold(path)
        if scoring_level(docs) != "event":
            continue
        for doc in (progress(docs, path.name) if progress is not None else docs):
            predictions = list(records(doc))
            score = _evaluate_doc(doc, _fixed(predictions), "event").events
            if score is None:
                continue
            pairs = {pair.pred_index: pair for pair in score.pairs}
            for index, prediction in enumerate(predictions):
                pair = pairs.get(index)
                if pair is None or pair.required:
                    yield path, doc, prediction, pair


@dataclass(frozen=True)
class EventOutcome:
    """One predicted event: its document (set file name and id), the rules behind it, and whether it was right."""

    document: tuple[str, str]
    rules: frozenset[str]
    right: bool


def event_outcomes(paths: Iterable[Path], records: Records, progress: Progress | None = None) -> list[EventOutcome]:
    return [EventOutcome((path.name, doc.id), frozenset(event_trace(prediction.get("evidence") or {})),
                         pair is not None)
            for path, doc, prediction, pair in scored_predictions(paths, records, progress)]


def cross_validated_calibration(outcomes: Sequence[EventOutcome], held_out: Iterable[str], weight: float,
                                folds: int = 5, shuffles: int = 5) -> dict[str, Any]:
    """How well calibrated the events of the `held_out` set files are on documents the table has not seen: their
    documents are split into `folds`, and each fold's events get the confidence of a table counted on all the
    other events (`shuffles` random splits, averaged). The in-sample calibration error of `eval` counts each
    event in the table that scores it; this one does not."""
    held = set(held_out)
    documents = sorted({o.document for o in outcomes if o.document[0] in held})
    errors: list[float] = []
    first: dict[str, float | None] = {}
    for shuffle in range(shuffles):
        order = documents[:]
        random.Random(shuffle).shuffle(order)
        scored: list[tuple[float, bool]] = []
        for fold in range(folds):
            test = set(order[fold::folds])
            tally = Tally(Counter(), Counter())
            for o in outcomes:
                if o.document not in test:
                    tally.add(EVENT, o.rules, o.right)
            table = Reliability({key: (tally.seen[key], tally.right[key]) for key in tally.seen})
            for o in outcomes:
                if o.document in test:
                    scored.append((table.probability(EVENT, o.rules, weight) or 0.0, o.right))
        metrics = calibration_metrics(scored)
        errors.append(float(metrics["calibration_error"] or 0.0))
        first = first or metrics
    chosen = set(documents)
    return {"calibration_error_cv": round(sum(errors) / len(errors), 4) if errors else None,
            "per_shuffle": [round(e, 4) for e in errors], "events": sum(o.document in chosen for o in outcomes),
            "documents": len(documents), "folds": folds,
            **{f"{key}_cv": value for key, value in first.items() if key != "calibration_error"}}


def _fixed(predictions: Sequence[Mapping[str, Any]]) -> Records:
    return lambda _doc: predictions


def field_right(field: str, pair: MatchedPair) -> bool | None:
    """Whether a matched event's field is right, by the scorer's check (a place: within 25 km where both have
    coordinates, else the same admin1); None where the gold does not say."""
    if field == "location" and pair.km is not None:
        return pair.km <= NEAR_KM
    check = FIELD_CHECKS.get(field)
    return pair.checks.get(check) if check is not None else None


def render(tally: Tally) -> str:
    """The table as CSV, sorted by field and rule."""
    out = io.StringIO()
    out.write("# How often the events and fields behind each rule were right on the development sets (counts only);\n"
              "# written by `eventwire rules --reliability`. Rule \"*\": every event or field of that kind.\n")
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    for field, rule in sorted(tally.seen):
        writer.writerow((field, rule, tally.seen[field, rule], tally.right[field, rule]))
    return out.getvalue()
