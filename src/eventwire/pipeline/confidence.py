"""Stage `confidence`: how well each mention is supported as an incident - the trigger's prior, raised by a
stated date, a specific stated place and counts, lowered for passing references and vague, old dates."""

from __future__ import annotations

import datetime as dt

from eventwire.pipeline.context import ArticleContext
from eventwire.pipeline.draft import Draft
from eventwire.pipeline.rules import rule
from eventwire.pipeline.stage import Stage

STAGE_NAME = "confidence"
R_PRIOR = rule("confidence.trigger_prior")
R_OLD_VAGUE = rule("confidence.old_vague_date")
R_BEFORE = rule("confidence.days_before_publication")
R_STATED_DATE = rule("confidence.stated_date")
R_CARRIED_DATE = rule("confidence.carried_date")
R_STATED_PLACE = rule("confidence.stated_place")
R_COUNTS = rule("confidence.counts")
R_PASSING = rule("confidence.passing_reference")
R_MONTH = rule("confidence.month_precision")


def run(ctx: ArticleContext) -> None:
    for d in ctx.drafts:
        d.confidence = support_confidence(d, ctx.article.published)


STAGE = Stage(STAGE_NAME, "how well each mention is supported as an incident",
              requires=("drafts",), assigns=("drafts",), run=run)


def support_confidence(d: Draft, published: dt.date | None) -> float:
    """How well a mention is supported: the trigger's prior, raised by a stated date, a specific stated
    place and counts; lowered when the sentence states neither a date nor a place (a passing reference such as
    "the fighting"), and for vague dates well before publication ("in April",
    "last week": mostly background)."""
    R_PRIOR.applies()
    score = d.trigger.sense.strength
    if published is not None and d.date is not None and d.date.time_precision >= 2:
        age = (published - d.date.start).days
        if age > R_OLD_VAGUE.limit and d.date.time_precision >= 3 and R_OLD_VAGUE.applies():
            score += R_OLD_VAGUE.points
        elif age > R_BEFORE.limit and R_BEFORE.applies():
            score += R_BEFORE.points
    specific_place = d.place_explicit and d.place is not None and d.place.kind != "country"
    if d.date_explicit and R_STATED_DATE.applies():
        score += R_STATED_DATE.points
    elif d.date_carried and R_CARRIED_DATE.applies():
        score += R_CARRIED_DATE.points
    if specific_place and R_STATED_PLACE.applies():
        score += R_STATED_PLACE.points
    if any(c.best > 0 for c in d.counts.values()) and R_COUNTS.applies():
        score += R_COUNTS.points
    if not (d.date_explicit or d.date_carried) and not specific_place and R_PASSING.applies():
        score += R_PASSING.points
    if d.date is not None and d.date.time_precision >= 3 and R_MONTH.applies():
        score += R_MONTH.points
    return max(0.05, min(0.98, score))
