"""Event scoring on small hand-written gold/prediction pairs."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from eventwire.evaluation.geo import haversine_km
from eventwire.evaluation.gold import GoldEvent
from eventwire.evaluation.scoring import METRIC_KEYS, score_document, score_events, summarize_events

BRIEF_KEYS = [
    "docs", "gold_events", "predicted_events", "tp", "fp", "fn", "precision", "recall", "f1",
    "sub_event_type_acc", "date_exact", "time_precision_acc", "country_acc", "admin1_acc", "km_median",
    "within_25km", "fatalities_exact", "injuries_exact", "captured_exact", "munitions_exact",
    "actor1_match", "actor2_match", "seconds",
]
TRUST_KEYS = ["sub_event_type_recall", "calibration_error", "precision_at_0_5", "precision_at_0_8",
              "precision_at_0_9", "grouping_precision", "grouping_recall", "grouping_f1"]


def gold(event_type: str | None = "Battles", sub: str | None = "Armed clash", **fields: Any) -> GoldEvent:
    day = fields.pop("day", "2024-03-10")
    accept = fields.pop("accept", frozenset({event_type} if event_type else set()))
    return GoldEvent(
        accept_types=accept, event_type=event_type, sub_event_type=sub,
        event_date=dt.date.fromisoformat(day) if day else None, **fields,
    )


def pred(
    event_type: str | None = "Battles", sub: str | None = "Armed clash", **fields: Any
) -> dict[str, Any]:
    record: dict[str, Any] = {
        "id": "ev-1", "article_ids": ["a"], "event_type": event_type, "sub_event_type": sub,
        "event_date": "2024-03-10", "time_precision": None, "country": None, "admin1": None, "admin2": None,
        "location": None, "latitude": None, "longitude": None, "geo_precision": None, "actor1": None,
        "actor2": None, "inter1": None, "inter2": None, "weapon": None, "fatalities": None, "injuries": None,
        "captured": None, "munitions": None, "confidence": 0.8, "evidence": {},
    }
    record.update(fields)
    return record


def one_doc(golds: list[GoldEvent], preds: list[dict[str, Any]]) -> dict[str, Any]:
    return score_events([("doc-1", golds, preds)])


def test_metric_keys_are_exactly_the_contract() -> None:
    metrics = one_doc([gold()], [pred()])
    assert list(metrics) == BRIEF_KEYS + TRUST_KEYS
    assert list(METRIC_KEYS) == BRIEF_KEYS + TRUST_KEYS
    assert metrics["seconds"] is None  # filled by the runner


def test_perfect_match_scores_every_field() -> None:
    g = gold(
        time_precision=1, country="Mali", admin1="Segou", latitude=14.68, longitude=-6.02,
        actor1=("Jihadist militants",), actor2=("Military Forces of Mali",),
        fatalities=5, injuries=5, captured=2, munitions=3,
    )
    p = pred(
        time_precision=1, country="Mali", admin1="Ségou Region", latitude=14.68, longitude=-6.02,
        actor1="jihadist militants", actor2="Military Forces of Mali (2021-)",
        fatalities=5, injuries=5, captured=2, munitions=3,
    )
    metrics = one_doc([g], [p])
    assert (metrics["tp"], metrics["fp"], metrics["fn"]) == (1, 0, 0)
    assert (metrics["precision"], metrics["recall"], metrics["f1"]) == (1.0, 1.0, 1.0)
    for name in ("sub_event_type_acc", "date_exact", "time_precision_acc", "country_acc", "admin1_acc",
                 "fatalities_exact", "injuries_exact", "captured_exact", "munitions_exact",
                 "actor1_match", "actor2_match", "within_25km"):
        assert metrics[name] == 1.0, name
    assert metrics["km_median"] == 0.0
    assert (metrics["docs"], metrics["gold_events"], metrics["predicted_events"]) == (1, 1, 1)


def test_optional_gold_matched_is_not_a_false_positive() -> None:
    golds = [gold(), gold("Riots", "Violent demonstration", required=False)]
    metrics = one_doc(golds, [pred(), pred("Riots", "Violent demonstration")])
    assert (metrics["tp"], metrics["fp"], metrics["fn"]) == (1, 0, 0)
    assert metrics["gold_events"] == 1
    assert metrics["predicted_events"] == 2
    assert metrics["sub_event_type_acc"] == 1.0  # fields count on optional matches too


def test_unmatched_optional_gold_is_not_a_false_negative() -> None:
    golds = [gold(), gold("Riots", "Violent demonstration", required=False)]
    metrics = one_doc(golds, [pred()])
    assert (metrics["tp"], metrics["fp"], metrics["fn"]) == (1, 0, 0)
    assert metrics["recall"] == 1.0


def test_two_predictions_for_one_gold_event_give_one_tp_one_fp() -> None:
    metrics = one_doc([gold()], [pred(), pred()])
    assert (metrics["tp"], metrics["fp"], metrics["fn"]) == (1, 1, 0)
    assert (metrics["precision"], metrics["recall"], metrics["f1"]) == (0.5, 1.0, 0.6667)


def test_dates_two_days_apart_do_not_match() -> None:
    metrics = one_doc([gold(day="2024-03-10")], [pred(event_date="2024-03-12")])
    assert (metrics["tp"], metrics["fp"], metrics["fn"]) == (0, 1, 1)
    assert metrics["precision"] == 0.0
    assert metrics["f1"] == 0.0
    assert metrics["date_exact"] is None


def test_dates_one_day_apart_match_but_are_not_exact() -> None:
    metrics = one_doc([gold(day="2024-03-10")], [pred(event_date="2024-03-09")])
    assert metrics["tp"] == 1
    assert metrics["date_exact"] == 0.0


@pytest.mark.parametrize(("gold_day", "pred_day", "date_exact"), [
    (None, "2024-03-10", None),  # gold has no date: not measured
    ("2024-03-10", None, 0.0),  # prediction has no date: matched, but the date is wrong
    (None, None, None),
])
def test_missing_dates_still_match(
    gold_day: str | None, pred_day: str | None, date_exact: float | None
) -> None:
    metrics = one_doc([gold(day=gold_day, country="Iraq")], [pred(event_date=pred_day, country="Iraq")])
    assert (metrics["tp"], metrics["fp"], metrics["fn"]) == (1, 0, 0)
    assert metrics["date_exact"] == date_exact


def test_different_countries_do_not_match_but_missing_country_does() -> None:
    assert one_doc([gold(country="Iraq")], [pred(country="Syria")])["tp"] == 0
    assert one_doc([gold(country="Iraq")], [pred(country=None)])["tp"] == 1
    assert one_doc([gold(country=None)], [pred(country="Syria")])["tp"] == 1


def test_country_names_are_normalised_before_comparing() -> None:
    golds = [gold(country="Democratic Republic of Congo"), gold(country="Ivory Coast", day="2024-03-20")]
    preds = [pred(country="Congo, The Democratic Republic of the"),
             pred(country="Côte d'Ivoire", event_date="2024-03-20")]
    metrics = one_doc(golds, preds)
    assert (metrics["tp"], metrics["fp"], metrics["fn"], metrics["country_acc"]) == (2, 0, 0, 1.0)


def test_event_type_must_agree() -> None:
    metrics = one_doc([gold()], [pred("Violence against civilians", "Attack")])
    assert (metrics["tp"], metrics["fp"], metrics["fn"]) == (0, 1, 1)


def test_type_is_taken_from_sub_type_when_missing() -> None:
    metrics = one_doc([gold()], [pred(event_type=None, sub="Armed clash")])
    assert metrics["tp"] == 1


def test_family_only_gold_matches_any_accepted_type_and_skips_sub_type() -> None:
    family = gold(None, None, accept=frozenset({"Battles", "Violence against civilians"}))
    metrics = one_doc([family], [pred("Violence against civilians", "Attack")])
    assert metrics["tp"] == 1
    assert metrics["sub_event_type_acc"] is None


def test_wrong_sub_type_still_matches_and_counts_as_wrong() -> None:
    metrics = one_doc([gold()], [pred(sub="Government regains territory")])
    assert metrics["tp"] == 1
    assert metrics["sub_event_type_acc"] == 0.0


def test_gold_date_range_accepts_a_day_either_side() -> None:
    ranged = gold(day=None, date_earliest=dt.date(2024, 3, 1), date_latest=dt.date(2024, 3, 5))
    assert one_doc([ranged], [pred(event_date="2024-03-06")])["tp"] == 1
    assert one_doc([ranged], [pred(event_date="2024-03-07")])["tp"] == 0
    assert one_doc([ranged], [pred(event_date="2024-02-28")])["tp"] == 0
    open_start = gold(day=None, date_latest=dt.date(2024, 3, 5))
    assert one_doc([open_start], [pred(event_date="2023-01-01")])["tp"] == 1


def test_null_coordinates_are_left_out_of_distance_metrics() -> None:
    metrics = one_doc([gold(latitude=None, longitude=None)], [pred(latitude=33.3, longitude=44.4)])
    assert metrics["tp"] == 1
    assert metrics["km_median"] is None
    assert metrics["within_25km"] is None


def test_distance_metrics_use_only_pairs_with_both_coordinates() -> None:
    golds = [gold(latitude=33.0, longitude=44.0), gold(day="2024-03-20", latitude=None, longitude=None),
             gold(day="2024-03-25", latitude=33.0, longitude=44.0)]
    preds = [pred(latitude=33.0, longitude=44.0), pred(event_date="2024-03-20", latitude=1.0, longitude=1.0),
             pred(event_date="2024-03-25", latitude=34.0, longitude=44.0)]
    metrics = one_doc(golds, preds)
    far = haversine_km(33.0, 44.0, 34.0, 44.0)
    assert metrics["tp"] == 3
    assert metrics["km_median"] == round(far / 2, 4)
    assert metrics["within_25km"] == 0.5


def test_best_pairs_first_by_date_then_distance() -> None:
    golds = [gold(day="2024-03-10", latitude=10.0, longitude=10.0),
             gold(day="2024-03-11", latitude=10.0, longitude=10.0)]
    # Listed in the opposite order: each prediction must still go to the gold event of its own day.
    preds = [pred(event_date="2024-03-11"), pred(event_date="2024-03-10")]
    score = score_document("d", golds, preds)
    assert [(p.gold_index, p.pred_index) for p in score.pairs] == [(0, 1), (1, 0)]
    assert [p.date_gap_days for p in score.pairs] == [0, 0]

    near, far = pred(latitude=10.0, longitude=10.1), pred(latitude=12.0, longitude=10.0)
    score = score_document("d", [gold(latitude=10.0, longitude=10.0)], [far, near])
    assert [(p.gold_index, p.pred_index) for p in score.pairs] == [(0, 1)]
    assert score.unmatched_pred == (0,)


def test_without_coordinates_the_same_location_name_wins() -> None:
    golds = [gold(location="Mykolaiv", latitude=46.97, longitude=32.0), gold(location="Kherson")]
    preds = [pred(location="Kherson", latitude=46.64, longitude=32.61)]
    score = score_document("d", golds, preds)
    assert [(p.gold_index, p.pred_index) for p in score.pairs] == [(1, 0)]


def test_required_gold_is_preferred_over_optional_on_ties() -> None:
    golds = [gold(required=False), gold()]
    metrics = one_doc(golds, [pred()])
    assert (metrics["tp"], metrics["fn"]) == (1, 0)


def test_counts_missing_from_prediction_are_wrong_and_unknown_gold_is_unmeasured() -> None:
    metrics = one_doc([gold(fatalities=3, injuries=None)], [pred(fatalities=None, injuries=4)])
    assert metrics["fatalities_exact"] == 0.0
    assert metrics["injuries_exact"] is None


def test_actor_agreement_uses_alternatives_and_token_overlap() -> None:
    g = gold(actor1=("Houthi forces", "Ansar Allah"), actor2=("Military Forces of Mali",))
    metrics = one_doc([g], [pred(actor1="Ansar Allah (Houthis)", actor2="Military Forces of Niger")])
    assert metrics["actor1_match"] == 1.0
    assert metrics["actor2_match"] == 0.0


def test_field_accuracy_is_rounded_to_four_decimals() -> None:
    golds = [gold(day=f"2024-03-{d:02d}", fatalities=1) for d in (1, 10, 20)]
    preds = [pred(event_date=f"2024-03-{d:02d}", fatalities=f) for d, f in ((1, 1), (10, 2), (20, 3))]
    assert one_doc(golds, preds)["fatalities_exact"] == 0.3333


def test_no_gold_and_no_predictions_is_not_measurable() -> None:
    metrics = one_doc([], [])
    assert (metrics["precision"], metrics["recall"], metrics["f1"]) == (None, None, None)
    assert metrics["tp"] == 0


def test_predictions_on_a_document_without_events_are_false_positives() -> None:
    scores = [score_document("neg", [], [pred()]), score_document("pos", [gold()], [pred()])]
    metrics = summarize_events(scores)
    assert (metrics["docs"], metrics["tp"], metrics["fp"], metrics["fn"]) == (2, 1, 1, 0)


def test_field_errors_are_listed_per_pair() -> None:
    score = score_document("d", [gold(country="Iraq", fatalities=2)], [pred(country="Iraq", fatalities=1)])
    assert score.pairs[0].field_errors == ["fatalities_exact"]
    assert score.pairs[0].checks == {"sub_event_type_acc": True, "date_exact": True, "country_acc": True,
                                     "fatalities_exact": False}
