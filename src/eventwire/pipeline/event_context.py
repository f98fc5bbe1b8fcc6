"""Stage `event_context`: where each event stands in its article, as rules the calibration can weigh. An event
first told deep in a long report, or as an earlier incident the news follows, is less often one a coder records
than the lead incident of a report; these rules only mark that (they change no field), and their measured
reliability (`data/rule_reliability.csv`) moves the confidence. (Marking events told once, or all events of an
article that gives many, was tried and made the calibration worse on the news sets: those marks overlap.)"""

from __future__ import annotations

from dataclasses import replace

from eventwire.model import Event
from eventwire.pipeline.background import background_ids
from eventwire.pipeline.context import ArticleContext
from eventwire.pipeline.rules import Rule, rule
from eventwire.pipeline.stage import Stage

STAGE_NAME = "event_context"
R_BACKGROUND = rule("confidence.background_mention")
R_DEEP = rule("confidence.deep_in_article")
DEEP_SENTENCE = R_DEEP.limit  # a first mention after this many sentences is deep in the article


def run(ctx: ArticleContext) -> None:
    background = background_ids(ctx.article, ctx.events)
    marked: list[Event] = []
    for event, draft in zip(ctx.events, ctx.merged, strict=True):
        first_sentence = min(t.sentence_index for t in (draft.trigger, *draft.absorbed))
        fired: list[Rule] = []
        if event.id in background and R_BACKGROUND.applies():
            fired.append(R_BACKGROUND)
        if first_sentence >= DEEP_SENTENCE and R_DEEP.applies():
            fired.append(R_DEEP)
        marked.append(_mark(event, fired))
    ctx.events = marked


STAGE = Stage(STAGE_NAME, "where each event stands in its article (marks for the calibration)",
              requires=("events", "merged"), assigns=("events",), run=run)


def _mark(event: Event, fired: list[Rule]) -> Event:
    """The event with the rules added to its type's trace (the field every event has)."""
    typed = event.evidence.get("event_type")
    if not fired or typed is None:
        return event
    ids = tuple(r.id for r in fired if r.id not in typed.rules)
    evidence = {**event.evidence, "event_type": replace(typed, rules=(*typed.rules, *ids))}
    sources = tuple(replace(s, evidence={**s.evidence, "event_type": evidence["event_type"]})
                    if s.evidence.get("event_type") is typed else s for s in event.sources)
    return replace(event, evidence=evidence, sources=sources)
