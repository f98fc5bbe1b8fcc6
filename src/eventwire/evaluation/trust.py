"""Whether an analyst can trust the events: does `confidence` mean what it says, and are the mentions of one
incident told as one event?

- Calibration: a prediction matched to a required gold event is right (1), an unmatched one wrong (0); one
  matched to an optional gold event is neither and is left out. The expected calibration error is the
  share-weighted gap between mean confidence and the share right, over `CALIBRATION_BINS` equal-width bins;
  `precision_at_0_8` is the share right among predictions with confidence >= 0.8, and so on for each of
  `CONFIDENCE_THRESHOLDS` (the precision an analyst gets by filtering with `--min-confidence`).
- Grouping: the gold events' evidence sentences are the items; two of them belong together when one gold event
  cites both, and the system puts them together when one predicted event has evidence in both. Pairwise
  precision, recall and F1 over such pairs (within each document) measure splitting and over-merging.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from itertools import combinations
from typing import Any

from eventwire.evaluation.gold import GoldEvent

CALIBRATION_BINS = 10
CONFIDENCE_THRESHOLDS = (0.5, 0.8, 0.9)  # thresholds analysts filter at ("--min-confidence 0.8")
PRECISION_KEYS = tuple(f"precision_at_{t:.1f}".replace(".", "_") for t in CONFIDENCE_THRESHOLDS)
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"'”’)]*\s+|\n+")
_FRAGMENT_BREAK = re.compile(r"\s*\[\.\.\.\]\s*|\s+\|\s+")


@dataclass(frozen=True, slots=True)
class GroupingCounts:
    """One document's pairs of gold evidence sentences: kept together by the system, by the gold, by both."""

    predicted: int
    gold: int
    both: int


def confidence_outcomes(predictions: Sequence[Mapping[str, Any]], matched_required: Iterable[int],
                        matched_optional: Iterable[int]) -> list[tuple[float, bool]]:
    """(confidence, right) for each prediction that is right or wrong (see the module docstring)."""
    right, neither = set(matched_required), set(matched_optional)
    outcomes = []
    for index, prediction in enumerate(predictions):
        if index in neither:
            continue
        value = prediction.get("confidence")
        if isinstance(value, int | float):
            outcomes.append((float(value), index in right))
    return outcomes


def calibration_metrics(outcomes: Sequence[tuple[float, bool]]) -> dict[str, float | None]:
    """Expected calibration error, and the precision among the predictions at or above each threshold."""
    if not outcomes:
        return {"calibration_error": None, **dict.fromkeys(PRECISION_KEYS)}
    bins: list[list[tuple[float, bool]]] = [[] for _ in range(CALIBRATION_BINS)]
    for confidence, right in outcomes:
        bins[min(CALIBRATION_BINS - 1, max(0, int(confidence * CALIBRATION_BINS)))].append((confidence, right))
    gap = sum(abs(sum(c for c, _ in b) - sum(r for _, r in b)) for b in bins if b) / len(outcomes)
    found: dict[str, float | None] = {"calibration_error": round(gap, 4)}
    for threshold, key in zip(CONFIDENCE_THRESHOLDS, PRECISION_KEYS, strict=True):
        kept = [right for confidence, right in outcomes if confidence >= threshold]
        found[key] = round(sum(kept) / len(kept), 4) if kept else None
    return found


def grouping_counts(text: str, gold: Sequence[GoldEvent],
                    predictions: Sequence[Mapping[str, Any]]) -> GroupingCounts:
    """The pairs of gold evidence sentences of one document (see the module docstring)."""
    starts = _sentence_starts(text)
    gold_groups = [_gold_sentences(text, event.evidence, starts) for event in gold if event.required]
    items = set().union(*gold_groups) if gold_groups else set()
    if len(items) < 2:
        return GroupingCounts(0, 0, 0)
    predicted_groups = [_predicted_sentences(p, starts) & items for p in predictions]
    gold_pairs = _pairs(gold_groups)
    predicted_pairs = _pairs(predicted_groups)
    return GroupingCounts(len(predicted_pairs), len(gold_pairs), len(gold_pairs & predicted_pairs))


def grouping_metrics(counts: Sequence[GroupingCounts]) -> dict[str, float | None]:
    predicted = sum(c.predicted for c in counts)
    gold = sum(c.gold for c in counts)
    both = sum(c.both for c in counts)
    precision = both / predicted if predicted else None
    recall = both / gold if gold else None
    f1 = 2 * precision * recall / (precision + recall) if precision and recall else (0.0 if gold else None)
    return {"grouping_precision": None if precision is None else round(precision, 4),
            "grouping_recall": None if recall is None else round(recall, 4),
            "grouping_f1": None if f1 is None else round(f1, 4)}


def _sentence_starts(text: str) -> list[int]:
    return [0, *(m.end() for m in _SENTENCE_END.finditer(text))]


def _sentence_of(offset: int, starts: list[int]) -> int:
    return bisect.bisect_right(starts, offset) - 1


def _gold_sentences(text: str, evidence: str, starts: list[int]) -> set[int]:
    found: set[int] = set()
    for fragment in _FRAGMENT_BREAK.split(evidence):
        fragment = fragment.strip()
        at = text.find(fragment) if len(fragment) >= 12 else -1
        if at >= 0:
            found.update(range(_sentence_of(at, starts), _sentence_of(at + len(fragment) - 1, starts) + 1))
    return found


def _predicted_sentences(prediction: Mapping[str, Any], starts: list[int]) -> set[int]:
    found: set[int] = set()
    evidence = prediction.get("evidence")
    for item in (evidence.values() if isinstance(evidence, Mapping) else ()):
        start = item.get("start") if isinstance(item, Mapping) else None
        if isinstance(start, int):
            found.add(_sentence_of(start, starts))
    # (the evaluated system also says where each merged mention's trigger is: `mention_starts`)
    for start in prediction.get("mention_starts") or ():
        if isinstance(start, int):
            found.add(_sentence_of(start, starts))
    return found


def _pairs(groups: Iterable[set[int]]) -> set[tuple[int, int]]:
    return {pair for group in groups for pair in combinations(sorted(group), 2)}
