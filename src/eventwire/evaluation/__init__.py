"""Evaluation: gold loading, taxonomy adapters, scoring, the runner and reports.

`write_report` lives in `eventwire.evaluation.report` (it imports matplotlib, so it is not imported here).
"""

from eventwire.evaluation.gold import GoldDoc, GoldEvent, GoldFormatError, GoldPlace, load_gold
from eventwire.evaluation.normalize import actors_agree, admin1_key, country_code, same_country
from eventwire.evaluation.runner import DocResult, EvalResult, evaluate_file, fingerprint, sample_docs
from eventwire.evaluation.scoring import METRIC_KEYS, score_document, score_events, summarize_events
from eventwire.evaluation.taxonomies import doc_expectation, gold_events, scoring_level
from eventwire.evaluation.toponyms import PLACE_METRIC_KEYS, score_places_doc, summarize_places

__all__ = [
    "METRIC_KEYS",
    "PLACE_METRIC_KEYS",
    "DocResult",
    "EvalResult",
    "GoldDoc",
    "GoldEvent",
    "GoldFormatError",
    "GoldPlace",
    "actors_agree",
    "admin1_key",
    "country_code",
    "doc_expectation",
    "evaluate_file",
    "fingerprint",
    "gold_events",
    "load_gold",
    "same_country",
    "sample_docs",
    "score_document",
    "score_events",
    "score_places_doc",
    "scoring_level",
    "summarize_events",
    "summarize_places",
]
