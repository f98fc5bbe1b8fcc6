"""Toponym recognition (character overlap) and resolution scoring."""

from __future__ import annotations

from typing import Any

from eventwire.evaluation.geo import haversine_km, nearest_country_code
from eventwire.evaluation.gold import GoldPlace
from eventwire.evaluation.toponyms import PLACE_METRIC_KEYS, match_places, score_places_doc, summarize_places

PARIS = (48.8566, 2.3522)
LYON = (45.764, 4.8357)

GOLD = (
    GoldPlace("Paris", 0, 5, *PARIS),
    GoldPlace("Lyon", 10, 14, *LYON),
    GoldPlace("Atlantis", 20, 28),  # no coordinates: optional
    GoldPlace("Nice", 40, 44, 43.7, 7.27),  # not recognised
    GoldPlace("Lille", 50, 55, 50.63, 3.06, offset_ok=False),  # bad offsets: optional
)


def place(start: int, end: int, coords: tuple[float, float] | None, country: str | None) -> dict[str, Any]:
    lat, lon = coords if coords else (None, None)
    return {"start": start, "end": end, "text": "t", "latitude": lat, "longitude": lon,
            "country_code": country}


def france(lat: float, lon: float) -> str:
    return "FR"


def test_overlap_matching_and_resolution_metrics() -> None:
    preds = [
        place(0, 5, PARIS, "FR"),  # exact span, right place
        place(9, 13, PARIS, "de"),  # partial overlap with Lyon, wrong coordinates and country
        place(20, 28, (0.0, 0.0), None),  # on an optional gold place: neither right nor wrong
        place(30, 35, PARIS, "FR"),  # spurious
    ]
    score = score_places_doc("doc", GOLD, preds, country_of=france)
    assert [(p.gold_index, p.pred_index) for p in score.pairs] == [(0, 0), (1, 1), (2, 2)]
    assert (score.tp, score.fp, score.fn) == (2, 1, 1)
    metrics = summarize_places([score])
    assert list(metrics) == list(PLACE_METRIC_KEYS)
    assert (metrics["docs"], metrics["gold_places"], metrics["predicted_places"]) == (1, 3, 4)
    assert (metrics["toponym_precision"], metrics["toponym_recall"], metrics["toponym_f1"]) == (
        0.6667, 0.6667, 0.6667)
    assert metrics["acc_161km"] == 0.5  # over recognised places
    assert metrics["acc_161km_all"] == 0.3333  # over every gold place
    assert metrics["km_median_places"] == round(haversine_km(*LYON, *PARIS) / 2, 4)
    assert metrics["country_acc_places"] == 0.5
    assert metrics["seconds"] is None


def test_matching_is_one_to_one_largest_overlap_first() -> None:
    gold = (GoldPlace("New York City", 0, 13, 40.7, -74.0),)
    preds = [place(0, 3, None, None), place(0, 8, None, None)]
    score = score_places_doc("doc", gold, preds, country_of=france)
    assert [(p.gold_index, p.pred_index) for p in score.pairs] == [(0, 1)]
    assert (score.tp, score.fp, score.fn) == (1, 1, 0)
    metrics = summarize_places([score])
    assert metrics["acc_161km"] == 0.0  # recognised but without coordinates: wrong
    assert metrics["km_median_places"] is None


def test_touching_spans_do_not_overlap() -> None:
    gold = (GoldPlace("Gaza", 5, 9, 31.5, 34.47),)
    assert match_places(gold, []) == []
    preds = [place(0, 5, None, None), place(9, 12, None, None)]
    score = score_places_doc("doc", gold, preds, country_of=france)
    assert (score.tp, score.fp, score.fn) == (0, 2, 1)


def test_gold_country_comes_from_the_file_before_the_nearest_city() -> None:
    gold = (GoldPlace("Strasbourg", 0, 10, 48.58, 7.75, country_code="FR"),)
    score = score_places_doc("doc", gold, [place(0, 10, (48.58, 7.75), "FR")], country_of=lambda a, b: "DE")
    assert summarize_places([score])["country_acc_places"] == 1.0


def test_nearest_city_country() -> None:
    assert nearest_country_code(*PARIS) == "FR"
    assert nearest_country_code(33.31, 44.36) == "IQ"  # Baghdad
    assert nearest_country_code(-1.29, 36.82) == "KE"  # Nairobi
