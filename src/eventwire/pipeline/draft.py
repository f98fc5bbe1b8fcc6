"""A mention under construction: one reporting trigger and the fields the stages give it, each with evidence."""

from __future__ import annotations

from dataclasses import dataclass, field

from eventwire.model import Actor, Article, DateValue, Evidence, Place, Span, body_span
from eventwire.pipeline.quantities import CountMention
from eventwire.pipeline.trace import Decision
from eventwire.pipeline.triggers import Trigger

COUNT_FIELDS = {"killed": "fatalities", "injured": "injuries", "captured": "captured", "munitions": "munitions"}


@dataclass
class Draft:
    """A mention under construction (mutable while the article is processed)."""

    trigger: Trigger
    event_type: str
    sub_event_type: str | None
    weapon: str | None
    sentence: Span
    paragraph: int
    weak: bool
    display_line: bool = False  # a headline or a caption: restates an incident of the body (pipeline/layout.py)
    after_body: bool = False  # ... on a line after the body: the headline of another story (pipeline/layout.py)
    date: DateValue | None = None
    date_explicit: bool = False
    date_carried: bool = False  # taken from an earlier sentence of the same paragraph
    place: Place | None = None
    place_explicit: bool = False
    place_from_setting: bool = False  # carried from a paragraph sentence with no incident of its own
    grievance: str = ""  # what the sentence's demonstration is against or asks for (pipeline/clauses.py)
    listed_place: bool = False  # one more place of a listing ("in Mombasa and Kisumu"): the toll stays with the first
    actor1: Actor | None = None
    actor2: Actor | None = None
    counts: dict[str, CountMention] = field(default_factory=dict)
    evidence: dict[str, Evidence] = field(default_factory=dict)
    confidence: float = 0.5
    members: int = 1
    absorbed: list[Trigger] = field(default_factory=list)  # triggers of the mentions merged into this one
    decisions: dict[str, Decision] = field(default_factory=dict)  # only with explain: how each field was chosen

    def note_rule(self, key: str, rule_id: str, stage: str | None = None) -> None:
        """Add a rule to the trace of a field whose value a later stage changed (`stage`: that stage, which then
        is the one that set the field) or took over from another mention."""
        ev = self.evidence.get(key)
        if ev is not None and rule_id not in ev.rules:
            self.evidence[key] = Evidence(ev.article_id, ev.span, ev.confidence, ev.reason, stage or ev.stage,
                                          (*ev.rules, rule_id))


def evidence(article: Article, start: int, end: int, confidence: float, reason: str, stage: str,
             rules: tuple[str, ...]) -> Evidence:
    """Evidence for a span of the article, with the stage and the rules that decided the value. A span the
    parser ran across a ` date YYYY-MM-DD` header starts after it (the header is no text of the article's)."""
    return Evidence(article.id, body_span(article.text, start, end), confidence, reason, stage, rules)
