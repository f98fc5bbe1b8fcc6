"""Stage `confidence`: how well each mention is supported as an incident - the trigger's prior, raised by a
stated date, a specific stated place and counts, lowered for passing references and vague, old dates."""

from __future__ import annotations

import datetime as dt

from eventwire.pipeline.context import ArticleContext
from eventwire.pipeline.draft import Draft
from eventwire.pipeline.stage import Stage

STAGE_NAME = "confidence"


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
    score = d.trigger.sense.strength
    if published is not None and d.date is not None and d.date.time_precision >= 2:
        age = (published - d.date.start).days
        if age > 14 and d.date.time_precision >= 3:
            score -= 0.5
        elif age > 3:
            score -= 0.2
    specific_place = d.place_explicit and d.place is not None and d.place.kind != "country"
    if d.date_explicit:
        score += 0.15
    elif d.date_carried:
        score += 0.1
    if specific_place:
        score += 0.15
    if any(c.best > 0 for c in d.counts.values()):
        score += 0.1
    if not (d.date_explicit or d.date_carried) and not specific_place:
        score -= 0.3
    if d.date is not None and d.date.time_precision >= 3:
        score -= 0.25
    return max(0.05, min(0.98, score))
