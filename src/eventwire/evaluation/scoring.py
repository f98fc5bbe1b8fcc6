"""Event scoring as the evaluation FORMAT notes define it.

Matching: a prediction can match a gold event when its ACLED event type is one the gold accepts, and,
where both are known, the dates are at most one day apart (for a gold date range: at most one day outside
it) and the countries are the same (compared as ISO codes). Matching is one-to-one and greedy over all
compatible pairs, best first: closest date (same day, then unknown, then one day off), same sub-event
type, shortest distance (unknown last; without coordinates on both sides the same location name counts as
0 km and the same admin1 as 25 km), required gold before optional, then file order.

Counts: precision, recall and F1 over required gold events. A prediction matched to an optional gold event
is neither a true nor a false positive; an unmatched optional gold event is not a false negative.

Field metrics are computed on every matched pair, required and optional alike: a match says the system
reported that incident, and its fields are then right or wrong whatever the gold's `required` flag. Each
field counts only where the gold has a value; a prediction without the value is wrong. Actor agreement is
token overlap (see `normalize.actors_agree`); distances need coordinates on both sides.
"""

from __future__ import annotations

import datetime as dt
import math
import statistics
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from eventwire.evaluation.geo import haversine_km
from eventwire.evaluation.gold import GoldEvent
from eventwire.evaluation.normalize import (
    actor_matches_any,
    admin1_key,
    country_code,
    fold,
    named_actors,
    same_admin1,
    same_country,
)
from eventwire.evaluation.taxonomies import (
    DocExpectation,
    canonical_sub_type,
    label_satisfied,
    prediction_type,
)
from eventwire.evaluation.trust import (
    GroupingCounts,
    calibration_metrics,
    confidence_outcomes,
    grouping_metrics,
)

Metric = int | float | None

METRIC_KEYS: tuple[str, ...] = (
    "docs", "gold_events", "predicted_events", "tp", "fp", "fn", "precision", "recall", "f1",
    "sub_event_type_acc", "date_exact", "time_precision_acc", "country_acc", "admin1_acc", "km_median",
    "within_25km", "fatalities_exact", "injuries_exact", "captured_exact", "munitions_exact",
    "actor1_match", "actor2_match", "seconds",
    # whether the events can be trusted (evaluation/trust.py) and the strict sub-type recall
    "sub_event_type_recall", "calibration_error", "precision_at_0_5", "precision_at_0_8", "precision_at_0_9",
    "grouping_precision", "grouping_recall", "grouping_f1",
)
# Field checks made on matched pairs; each becomes the metric of the same name.
FIELD_METRICS: tuple[str, ...] = (
    "sub_event_type_acc", "date_exact", "time_precision_acc", "country_acc", "admin1_acc",
    "fatalities_exact", "injuries_exact", "captured_exact", "munitions_exact", "actor1_match", "actor2_match",
)
COUNT_FIELDS: tuple[str, ...] = ("fatalities", "injuries", "captured", "munitions")
DATE_TOLERANCE_DAYS = 1
NEAR_KM = 25.0
_UNKNOWN_DATE_RANK = 0.5  # between "same day" (0) and "one day off" (1)


@dataclass(frozen=True, slots=True)
class Prediction:
    """The fields of one predicted event (eventwire's JSON contract) the scorer reads, type-checked."""

    index: int
    event_type: str | None
    sub_event_type: str | None
    event_date: dt.date | None
    time_precision: int | None
    country: str | None
    admin1: str | None
    location: str | None
    latitude: float | None
    longitude: float | None
    actor1: str | None
    actor2: str | None
    fatalities: int | None
    injuries: int | None
    captured: int | None
    munitions: int | None

    @classmethod
    def from_dict(cls, data: Mapping[str, Any], index: int) -> Prediction:
        return cls(
            index=index,
            event_type=prediction_type(data),
            sub_event_type=canonical_sub_type(data.get("sub_event_type")),
            event_date=_as_date(data.get("event_date")),
            time_precision=_as_int(data.get("time_precision")),
            country=_as_str(data.get("country")),
            admin1=_as_str(data.get("admin1")),
            location=_as_str(data.get("location")),
            latitude=_as_float(data.get("latitude")),
            longitude=_as_float(data.get("longitude")),
            actor1=_as_str(data.get("actor1")),
            actor2=_as_str(data.get("actor2")),
            fatalities=_as_int(data.get("fatalities")),
            injuries=_as_int(data.get("injuries")),
            captured=_as_int(data.get("captured")),
            munitions=_as_int(data.get("munitions")),
        )

    @property
    def has_coordinates(self) -> bool:
        return self.latitude is not None and self.longitude is not None


@dataclass(frozen=True, slots=True)
class MatchedPair:
    """A gold event and the prediction matched to it, with the field checks made on the pair."""

    gold_index: int
    pred_index: int
    required: bool
    checks: Mapping[str, bool]  # field metric name -> correct (only fields the gold has)
    km: float | None  # distance between the two places, when both have coordinates
    date_gap_days: int | None  # predicted minus gold date, when both exact dates are known

    @property
    def field_errors(self) -> list[str]:
        return [name for name, ok in self.checks.items() if not ok]


@dataclass(frozen=True, slots=True)
class DocScore:
    """Matching result of one document."""

    doc_id: str
    gold: tuple[GoldEvent, ...]
    predictions: tuple[Mapping[str, Any], ...]
    pairs: tuple[MatchedPair, ...]
    unmatched_gold: tuple[int, ...]  # indices into `gold`, required and optional
    unmatched_pred: tuple[int, ...]  # indices into `predictions`
    grouping: GroupingCounts | None = None  # pairs of gold evidence sentences (needs the text: see the runner)

    @property
    def tp(self) -> int:
        return sum(1 for pair in self.pairs if pair.required)

    @property
    def fp(self) -> int:
        return len(self.unmatched_pred)

    @property
    def fn(self) -> int:
        return sum(1 for index in self.unmatched_gold if self.gold[index].required)

    @property
    def required_gold(self) -> int:
        return sum(1 for event in self.gold if event.required)


# --- compatibility and ranking of pairs ----------------------------------------------------------------


def date_gap(gold: GoldEvent, pred: Prediction) -> int | None:
    """Days between the predicted date and the gold date or range (0 inside a range); None if unknown."""
    if pred.event_date is None:
        return None
    if gold.event_date is not None:
        return abs((pred.event_date - gold.event_date).days)
    if gold.date_earliest is None and gold.date_latest is None:
        return None
    if gold.date_earliest is not None and pred.event_date < gold.date_earliest:
        return (gold.date_earliest - pred.event_date).days
    if gold.date_latest is not None and pred.event_date > gold.date_latest:
        return (pred.event_date - gold.date_latest).days
    return 0


def countries_conflict(gold: GoldEvent, pred: Prediction) -> bool:
    """True only when both countries resolve to ISO codes and the codes differ."""
    gold_code, pred_code = country_code(gold.country), country_code(pred.country)
    return gold_code is not None and pred_code is not None and gold_code != pred_code


def compatible(gold: GoldEvent, pred: Prediction) -> bool:
    """Whether the pair may match: type accepted, dates within tolerance, same country (where known)."""
    if pred.event_type is None or pred.event_type not in gold.accept_types:
        return False
    gap = date_gap(gold, pred)
    if gap is not None and gap > DATE_TOLERANCE_DAYS:
        return False
    return not countries_conflict(gold, pred)


def distance_km(gold: GoldEvent, pred: Prediction) -> float | None:
    if gold.latitude is None or gold.longitude is None or pred.latitude is None or pred.longitude is None:
        return None
    return haversine_km(gold.latitude, gold.longitude, pred.latitude, pred.longitude)


def place_rank(gold: GoldEvent, pred: Prediction) -> float:
    """How far apart the two places are: km when both have coordinates, else 0 for the same location
    name, 25 for the same admin1, infinity when nothing is known."""
    km = distance_km(gold, pred)
    if km is not None:
        return km
    if gold.location and pred.location and fold(gold.location) == fold(pred.location):
        return 0.0
    return NEAR_KM if same_admin1(gold.admin1, pred.admin1) else math.inf


PairRank = tuple[float, int, float, int, int, int]


def pair_rank(gold: GoldEvent, pred: Prediction, gold_index: int) -> PairRank:
    """Sort key of a compatible pair: smaller is better; the last two entries make it deterministic."""
    gap = date_gap(gold, pred)
    return (
        _UNKNOWN_DATE_RANK if gap is None else float(gap),
        0 if gold.sub_event_type is not None and pred.sub_event_type == gold.sub_event_type else 1,
        place_rank(gold, pred),
        0 if gold.required else 1,
        gold_index,
        pred.index,
    )


def match_events(gold: Sequence[GoldEvent], preds: Sequence[Prediction]) -> list[tuple[int, int]]:
    """One-to-one (gold index, prediction index) pairs, taken greedily best first."""
    candidates = sorted(
        pair_rank(g, p, gi) for gi, g in enumerate(gold) for p in preds if compatible(g, p)
    )
    used_gold: set[int] = set()
    used_pred: set[int] = set()
    pairs = []
    for rank in candidates:
        gi, pi = rank[-2], rank[-1]
        if gi not in used_gold and pi not in used_pred:
            used_gold.add(gi)
            used_pred.add(pi)
            pairs.append((gi, pi))
    return sorted(pairs)


# --- field checks --------------------------------------------------------------------------------------


def field_checks(gold: GoldEvent, pred: Prediction) -> dict[str, bool]:
    """Correctness of each field the gold event has a value for."""
    checks: dict[str, bool] = {}
    if gold.sub_event_type is not None:
        checks["sub_event_type_acc"] = pred.sub_event_type == gold.sub_event_type
    if gold.event_date is not None:
        checks["date_exact"] = pred.event_date == gold.event_date
    if gold.time_precision is not None:
        checks["time_precision_acc"] = pred.time_precision == gold.time_precision
    if gold.country:
        checks["country_acc"] = same_country(pred.country, gold.country) is True
    if admin1_key(gold.admin1) is not None:
        checks["admin1_acc"] = same_admin1(pred.admin1, gold.admin1)
    for name in COUNT_FIELDS:
        expected = getattr(gold, name)
        if expected is not None:
            checks[f"{name}_exact"] = getattr(pred, name) == expected
    for name, predicted, alternatives in (("actor1_match", pred.actor1, gold.actor1),
                                          ("actor2_match", pred.actor2, gold.actor2)):
        named = named_actors(alternatives)
        if named:
            checks[name] = actor_matches_any(predicted, named)
    return checks


def _date_difference(gold: GoldEvent, pred: Prediction) -> int | None:
    if gold.event_date is None or pred.event_date is None:
        return None
    return (pred.event_date - gold.event_date).days


# --- documents and totals ------------------------------------------------------------------------------


def score_document(
    doc_id: str, gold: Sequence[GoldEvent], predictions: Sequence[Mapping[str, Any]]
) -> DocScore:
    """Match one document's predictions to its gold events and check the matched pairs' fields."""
    preds = [Prediction.from_dict(data, index) for index, data in enumerate(predictions)]
    pairs = []
    for gi, pi in match_events(gold, preds):
        g, p = gold[gi], preds[pi]
        pairs.append(MatchedPair(
            gold_index=gi, pred_index=pi, required=g.required, checks=field_checks(g, p),
            km=distance_km(g, p), date_gap_days=_date_difference(g, p),
        ))
    matched_gold = {pair.gold_index for pair in pairs}
    matched_pred = {pair.pred_index for pair in pairs}
    return DocScore(
        doc_id=doc_id,
        gold=tuple(gold),
        predictions=tuple(predictions),
        pairs=tuple(pairs),
        unmatched_gold=tuple(i for i in range(len(gold)) if i not in matched_gold),
        unmatched_pred=tuple(i for i in range(len(preds)) if i not in matched_pred),
    )


def summarize_events(scores: Sequence[DocScore]) -> dict[str, Metric]:
    """The metric dict (METRIC_KEYS) over scored documents; `seconds` is left None for the runner."""
    tp = sum(s.tp for s in scores)
    fp = sum(s.fp for s in scores)
    fn = sum(s.fn for s in scores)
    pairs = [pair for s in scores for pair in s.pairs]
    metrics: dict[str, Metric] = dict.fromkeys(METRIC_KEYS)
    metrics.update(
        docs=len(scores),
        gold_events=sum(s.required_gold for s in scores),
        predicted_events=sum(len(s.predictions) for s in scores),
        **detection_metrics(tp, fp, fn),
        **field_metrics(pairs),
        **calibration_metrics([o for s in scores for o in confidence_outcomes(
            s.predictions, (p.pred_index for p in s.pairs if p.required),
            (p.pred_index for p in s.pairs if not p.required))]),
        **grouping_metrics([s.grouping for s in scores if s.grouping is not None]),
    )
    # strict sub-type recall: required gold events found with their exact sub-event type
    exact = sum(1 for p in pairs if p.required and p.checks.get("sub_event_type_acc"))
    metrics["sub_event_type_recall"] = ratio(exact, sum(s.required_gold for s in scores))
    return metrics


def score_events(
    documents: Iterable[tuple[str, Sequence[GoldEvent], Sequence[Mapping[str, Any]]]],
) -> dict[str, Metric]:
    """Score (doc id, gold events, predictions) triples in one call."""
    return summarize_events([score_document(doc_id, gold, preds) for doc_id, gold, preds in documents])


def detection_metrics(tp: int, fp: int, fn: int) -> dict[str, Metric]:
    return {"tp": tp, "fp": fp, "fn": fn, "precision": ratio(tp, tp + fp), "recall": ratio(tp, tp + fn),
            "f1": f1_score(tp, fp, fn)}


def field_metrics(pairs: Sequence[MatchedPair]) -> dict[str, Metric]:
    metrics: dict[str, Metric] = {}
    for name in FIELD_METRICS:
        outcomes = [pair.checks[name] for pair in pairs if name in pair.checks]
        metrics[name] = ratio(sum(outcomes), len(outcomes))
    distances = [pair.km for pair in pairs if pair.km is not None]
    metrics["km_median"] = round(statistics.median(distances), 4) if distances else None
    metrics["within_25km"] = ratio(sum(1 for km in distances if km <= NEAR_KM), len(distances))
    return metrics


def ratio(numerator: int, denominator: int) -> float | None:
    """numerator / denominator rounded to 4 decimals; None when nothing was measured."""
    return round(numerator / denominator, 4) if denominator else None


def f1_score(tp: int, fp: int, fn: int) -> float | None:
    """F1 from counts (not from rounded precision and recall): 2tp / (2tp + fp + fn), so a system that
    predicts nothing where gold exists scores 0; None only when there is neither gold nor prediction."""
    if tp + fp + fn == 0:
        return None
    return round(2 * tp / (2 * tp + fp + fn), 4)


# --- document-level detection (sets with document labels only) -----------------------------------------


@dataclass(frozen=True, slots=True)
class LabelDocScore:
    """Document-level outcome: "tp", "fn", "fp", "tn" or "unscored"."""

    doc_id: str
    expectation: DocExpectation
    predictions: tuple[Mapping[str, Any], ...]
    satisfied: tuple[str, ...]  # expected labels that some prediction satisfies
    outcome: str


def score_labels(
    doc_id: str, expectation: DocExpectation, predictions: Sequence[Mapping[str, Any]]
) -> LabelDocScore:
    """TP: a labelled document with a prediction satisfying one of its labels; FN: a labelled document
    without; FP: an unlabelled document with any prediction; TN: an unlabelled document without."""
    satisfied = tuple(
        label for label in expectation.labels if any(label_satisfied(label, p) for p in predictions)
    )
    if expectation.positive is None:
        outcome = "unscored"
    elif expectation.positive:
        outcome = "tp" if satisfied else "fn"
    else:
        outcome = "fp" if predictions else "tn"
    return LabelDocScore(doc_id, expectation, tuple(predictions), satisfied, outcome)


def summarize_labels(scores: Sequence[LabelDocScore]) -> dict[str, Metric]:
    """The metric dict with tp/fp/fn counting documents; field metrics are not measurable (None)."""
    outcomes = [s.outcome for s in scores]
    metrics: dict[str, Metric] = dict.fromkeys(METRIC_KEYS)
    metrics.update(
        docs=len(scores),
        gold_events=sum(1 for s in scores if s.expectation.positive),
        predicted_events=sum(len(s.predictions) for s in scores),
        **detection_metrics(outcomes.count("tp"), outcomes.count("fp"), outcomes.count("fn")),
    )
    return metrics


def label_recall(scores: Sequence[LabelDocScore]) -> dict[str, float | None]:
    """Per label: share of documents carrying it whose predictions satisfy it."""
    labels = sorted({label for s in scores for label in s.expectation.labels})
    recall = {}
    for label in labels:
        carrying = [s for s in scores if label in s.expectation.labels]
        recall[label] = ratio(sum(1 for s in carrying if label in s.satisfied), len(carrying))
    return recall


# --- value parsing -------------------------------------------------------------------------------------


def _as_str(value: Any) -> str | None:
    return value.strip() or None if isinstance(value, str) else None


def _as_int(value: Any) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return None


def _as_float(value: Any) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return float(value) if math.isfinite(value) else None


def _as_date(value: Any) -> dt.date | None:
    if not isinstance(value, str) or len(value) < 10:
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None
