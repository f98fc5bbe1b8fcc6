"""The parse: a ` date YYYY-MM-DD` header is no part of the first sentence."""

from __future__ import annotations

from eventwire.pipeline.nlp import load_nlp
from eventwire.pipeline.quantities import sentence_counts
from eventwire.pipeline.sentences import bounded_sentences

LEAD = "At least 30 Syrians, mostly farmers, were killed on Monday in an air strike on a market in Idlib, medics said."


def test_the_text_after_a_date_header_begins_a_sentence() -> None:
    doc = load_nlp()(f" date 2024-05-14 {LEAD}")
    first_body_token = next(t for t in doc if t.text == "At")
    assert first_body_token.is_sent_start


def test_the_lead_keeps_its_toll_after_a_date_header() -> None:
    """Read into the header's sentence, the lead's subject and its toll were lost."""
    doc = load_nlp()(f" date 2024-05-14 {LEAD}")
    lead = next(s for s in bounded_sentences(doc) if "Syrians" in s.text)
    assert [(c.kind, c.best) for c in sentence_counts(lead)] == [("killed", 30)]


def test_a_text_without_header_is_parsed_as_before() -> None:
    doc = load_nlp()(LEAD)
    assert [t.i for t in doc if t.is_sent_start] == [0]
