"""Stage `actors`: who did it (actor1) and to whom (actor2), from the trigger's place in the parse."""

from __future__ import annotations

from dataclasses import replace

from eventwire.pipeline.arguments import find_actors
from eventwire.pipeline.context import ArticleContext
from eventwire.pipeline.draft import evidence
from eventwire.pipeline.rules import rule
from eventwire.pipeline.sentences import sentence_of
from eventwire.pipeline.stage import Stage
from eventwire.pipeline.trace import Decision, Option

STAGE_NAME = "actors"
R_PROTESTERS = rule("actors.protesters_not_civilians")


def run(ctx: ArticleContext) -> None:
    doc, article = ctx.parsed, ctx.article
    for d in ctx.drafts:
        tok = doc[d.trigger.token_index]
        sent = sentence_of(tok)
        country = d.place.country if d.place else None
        family = "protest" if d.event_type == "Protests" else "riot" if d.event_type == "Riots" else \
            "clash" if d.event_type == "Battles" else d.trigger.sense.family
        a1, a2 = find_actors(tok, sent, country, family)
        if a1 and d.event_type == "Protests" and a1[0].kind == "civilians" and R_PROTESTERS.applies():
            # people who protest are coded as protesters (ACLED inter 6)
            a1 = (replace(a1[0], name=f"Protesters ({country})" if country else "Protesters",
                          kind="protesters"), a1[1], (*a1[2], R_PROTESTERS.id))
        for role, found, confidence in (("actor1", a1, 0.6), ("actor2", a2, 0.55)):
            if found is None:
                continue
            actor, span, fired = found
            setattr(d, role, actor)
            d.evidence[role] = evidence(article, span.start, span.end, confidence,
                                        f"{role}: '{span.text}' -> {actor.name}", STAGE_NAME, fired)
            if ctx.explain:
                d.decisions[role] = Decision(role, STAGE_NAME, [Option(actor.name, span.text, span.start, None, fired)],
                                             0, f"the first phrase the parse gives for {role}")


STAGE = Stage(STAGE_NAME, "who did it and to whom, from the parse around the trigger",
              requires=("doc", "drafts"), assigns=("drafts",), run=run)
