"""Stage `actors`: who did it (actor1) and to whom (actor2), from the trigger's place in the parse."""

from __future__ import annotations

from dataclasses import replace

from eventwire.pipeline.arguments import find_actors
from eventwire.pipeline.context import ArticleContext
from eventwire.pipeline.draft import evidence
from eventwire.pipeline.stage import Stage

STAGE_NAME = "actors"


def run(ctx: ArticleContext) -> None:
    doc, article = ctx.parsed, ctx.article
    for d in ctx.drafts:
        tok = doc[d.trigger.token_index]
        sent = tok.sent
        country = d.place.country if d.place else None
        family = "protest" if d.event_type == "Protests" else "riot" if d.event_type == "Riots" else \
            "clash" if d.event_type == "Battles" else d.trigger.sense.family
        a1, a2 = find_actors(tok, sent, country, article.id, family)
        if a1 and d.event_type == "Protests" and a1[0].kind == "civilians":
            # people who protest are coded as protesters (ACLED inter 6)
            a1 = (replace(a1[0], name=f"Protesters ({country})" if country else "Protesters",
                          kind="protesters"), a1[1])
        if a1:
            d.actor1 = a1[0]
            d.evidence["actor1"] = evidence(article, a1[1].start, a1[1].end, 0.6,
                                            f"actor1: '{a1[1].text}' -> {a1[0].name}", STAGE_NAME, ())
        if a2:
            d.actor2 = a2[0]
            d.evidence["actor2"] = evidence(article, a2[1].start, a2[1].end, 0.55,
                                            f"actor2: '{a2[1].text}' -> {a2[0].name}", STAGE_NAME, ())


STAGE = Stage(STAGE_NAME, "who did it and to whom, from the parse around the trigger",
              requires=("doc", "drafts"), assigns=("drafts",), run=run)
