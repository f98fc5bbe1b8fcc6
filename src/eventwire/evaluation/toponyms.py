"""Toponym scoring for place-name gold (documents with `places`).

Recognition: a predicted mention matches a gold mention when their character spans overlap; matching is
one-to-one, largest overlap (intersection over union) first. Gold places with coordinates and trustworthy
offsets are the gold; the others (no coordinates, or offsets the file flags as wrong) are optional: a
prediction on them is neither right nor wrong.

Resolution, over recognised gold places: `acc_161km` is the share placed within 161 km (a prediction
without coordinates counts as wrong), `km_median_places` the median error where the prediction has
coordinates, `country_acc_places` the share with the right country. The gold country is the file's own
when given, else that of the GeoNames city (15,000+ people) nearest to the gold coordinate. As in the
Mordecai papers, resolution accuracy is reported over recognised places; `acc_161km_all` also divides by
every gold place, so an unrecognised place counts as wrong there.
"""

from __future__ import annotations

import statistics
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from eventwire.evaluation.geo import haversine_km, nearest_country_code
from eventwire.evaluation.gold import GoldPlace
from eventwire.evaluation.scoring import Metric, f1_score, ratio

PLACE_METRIC_KEYS: tuple[str, ...] = (
    "docs", "gold_places", "predicted_places", "toponym_precision", "toponym_recall", "toponym_f1",
    "acc_161km", "acc_161km_all", "km_median_places", "country_acc_places", "seconds",
)
ACCURATE_KM = 161.0

CountryOf = Callable[[float, float], str]


@dataclass(frozen=True, slots=True)
class PredictedPlace:
    """The fields of one predicted place mention the scorer reads."""

    index: int
    start: int
    end: int
    text: str
    latitude: float | None
    longitude: float | None
    country_code: str | None

    @classmethod
    def from_dict(cls, data: Mapping[str, Any], index: int) -> PredictedPlace:
        start, end = data.get("start"), data.get("end")
        if not isinstance(start, int) or not isinstance(end, int):
            raise ValueError(f"predicted place {index}: 'start' and 'end' must be integers")
        lat, lon = data.get("latitude"), data.get("longitude")
        code = data.get("country_code")
        return cls(
            index=index, start=start, end=end, text=str(data.get("text") or ""),
            latitude=float(lat) if isinstance(lat, int | float) and not isinstance(lat, bool) else None,
            longitude=float(lon) if isinstance(lon, int | float) and not isinstance(lon, bool) else None,
            country_code=code.upper() if isinstance(code, str) and code else None,
        )


@dataclass(frozen=True, slots=True)
class PlacePair:
    """A recognised gold place and its prediction, with the resolution checks."""

    gold_index: int
    pred_index: int
    scored: bool  # False for optional gold places
    km: float | None
    gold_country: str | None
    country_ok: bool | None

    @property
    def within_161km(self) -> bool:
        return self.km is not None and self.km <= ACCURATE_KM


@dataclass(frozen=True, slots=True)
class PlaceDocScore:
    doc_id: str
    gold: tuple[GoldPlace, ...]
    predictions: tuple[Mapping[str, Any], ...]
    pairs: tuple[PlacePair, ...]
    unmatched_gold: tuple[int, ...]  # scored gold places only
    unmatched_pred: tuple[int, ...]

    @property
    def scored_gold(self) -> int:
        return sum(1 for place in self.gold if is_scored(place))

    @property
    def tp(self) -> int:
        return sum(1 for pair in self.pairs if pair.scored)

    @property
    def fp(self) -> int:
        return len(self.unmatched_pred)

    @property
    def fn(self) -> int:
        return len(self.unmatched_gold)


def is_scored(place: GoldPlace) -> bool:
    """Gold places with coordinates and trustworthy offsets are scored; the rest are optional."""
    return place.has_coordinates and place.offset_ok


def overlap(a_start: int, a_end: int, b_start: int, b_end: int) -> int:
    return max(0, min(a_end, b_end) - max(a_start, b_start))


def _iou(gold: GoldPlace, pred: PredictedPlace) -> float:
    inter = overlap(gold.start, gold.end, pred.start, pred.end)
    union = max(gold.end, pred.end) - min(gold.start, pred.start)
    return inter / union if union else 0.0


def match_places(gold: Sequence[GoldPlace], preds: Sequence[PredictedPlace]) -> list[tuple[int, int]]:
    """One-to-one (gold index, prediction index) pairs of overlapping spans, largest IoU first."""
    candidates = sorted(
        (-_iou(g, p), gi, p.index)
        for gi, g in enumerate(gold) for p in preds
        if overlap(g.start, g.end, p.start, p.end) > 0
    )
    used_gold: set[int] = set()
    used_pred: set[int] = set()
    pairs = []
    for _, gi, pi in candidates:
        if gi not in used_gold and pi not in used_pred:
            used_gold.add(gi)
            used_pred.add(pi)
            pairs.append((gi, pi))
    return sorted(pairs)


def gold_country(place: GoldPlace, country_of: CountryOf = nearest_country_code) -> str | None:
    if place.country_code:
        return place.country_code
    if place.latitude is None or place.longitude is None:
        return None
    return country_of(place.latitude, place.longitude)


def _pair(gold: GoldPlace, pred: PredictedPlace, gi: int, country_of: CountryOf) -> PlacePair:
    km = None
    if gold.latitude is not None and gold.longitude is not None and pred.latitude is not None \
            and pred.longitude is not None:
        km = haversine_km(gold.latitude, gold.longitude, pred.latitude, pred.longitude)
    scored = is_scored(gold)
    country = gold_country(gold, country_of) if scored else None
    country_ok = None if country is None else pred.country_code == country
    return PlacePair(gi, pred.index, scored, km, country, country_ok)


def score_places_doc(
    doc_id: str,
    gold: Sequence[GoldPlace],
    predictions: Sequence[Mapping[str, Any]],
    country_of: CountryOf = nearest_country_code,
) -> PlaceDocScore:
    """Match one document's predicted place mentions to its gold places and check their resolution."""
    preds = [PredictedPlace.from_dict(data, index) for index, data in enumerate(predictions)]
    pairs = tuple(_pair(gold[gi], preds[pi], gi, country_of) for gi, pi in match_places(gold, preds))
    matched_gold = {pair.gold_index for pair in pairs}
    matched_pred = {pair.pred_index for pair in pairs}
    return PlaceDocScore(
        doc_id=doc_id,
        gold=tuple(gold),
        predictions=tuple(predictions),
        pairs=pairs,
        unmatched_gold=tuple(i for i, p in enumerate(gold) if is_scored(p) and i not in matched_gold),
        unmatched_pred=tuple(i for i in range(len(preds)) if i not in matched_pred),
    )


def summarize_places(scores: Sequence[PlaceDocScore]) -> dict[str, Metric]:
    """The toponym metric dict (PLACE_METRIC_KEYS); `seconds` is left None for the runner."""
    tp = sum(s.tp for s in scores)
    fp = sum(s.fp for s in scores)
    fn = sum(s.fn for s in scores)
    gold_total = sum(s.scored_gold for s in scores)
    pairs = [pair for s in scores for pair in s.pairs if pair.scored]
    distances = [pair.km for pair in pairs if pair.km is not None]
    countries = [pair.country_ok for pair in pairs if pair.country_ok is not None]
    accurate = sum(1 for pair in pairs if pair.within_161km)
    metrics: dict[str, Metric] = dict.fromkeys(PLACE_METRIC_KEYS)
    metrics.update(
        docs=len(scores),
        gold_places=gold_total,
        predicted_places=sum(len(s.predictions) for s in scores),
        toponym_precision=ratio(tp, tp + fp),
        toponym_recall=ratio(tp, tp + fn),
        toponym_f1=f1_score(tp, fp, fn),
        acc_161km=ratio(accurate, len(pairs)),
        acc_161km_all=ratio(accurate, gold_total),
        km_median_places=round(statistics.median(distances), 4) if distances else None,
        country_acc_places=ratio(sum(countries), len(countries)),
    )
    return metrics
