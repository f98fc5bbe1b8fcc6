"""The last stage of an article: claims and attributions (`claims`) and relations between its events
(`relations`) put on the events, and how the perpetrator is known (`actor1_basis`)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from spacy.tokens import Doc

from eventwire.gazetteer.countries import country_name
from eventwire.model import Actor, Article, Event
from eventwire.pipeline.actor_defaults import STAGE_NAME as ACTOR_DEFAULTS
from eventwire.pipeline.actors import find_named_groups
from eventwire.pipeline.background import background_ids
from eventwire.pipeline.claims import attach_claims, perpetrator_basis
from eventwire.pipeline.context import ArticleContext
from eventwire.pipeline.relations import Anchor, find_relations
from eventwire.pipeline.rules import rule
from eventwire.pipeline.sentences import bounded_sentences
from eventwire.pipeline.stage import Stage
from eventwire.pipeline.triggers import Trigger

R_CLAIMED_ACTOR = rule("actors.claimed_group_is_actor1")


def _claimed_actor(name: str) -> Actor | None:
    """The actor a claim names, when it is a known armed group."""
    groups = find_named_groups(name)
    if not groups:
        return None
    group = groups[0][0]
    return Actor(text=name, name=group.name, kind=group.kind,
                 country=country_name(group.country) if group.country else None)


def link_events(doc: Doc, article: Article, events: list[Event], triggers: Sequence[Sequence[Trigger]],
                ) -> list[Event]:
    """`events` with their claims, relations and actor1 basis; `triggers[i]` are the triggers merged into
    `events[i]`, first told first."""
    if not events:
        return events
    background = background_ids(article, events)
    anchors = [
        Anchor(index=i, event_id=event.id, event_type=event.event_type,
               trigger_tokens=tuple(sorted(t.token_index for t in triggers[i])),
               date=event.date, recent=event.id not in background, has_stated_actor=_stated_actor1(event))
        for i, event in enumerate(events)
    ]
    claims = attach_claims(list(bounded_sentences(doc)), anchors, article.id)
    relations = find_relations(doc, anchors, article.id)
    linked: list[Event] = []
    for i, event in enumerate(events):
        own_claims = tuple(claims.get(i, ()))
        basis = perpetrator_basis(_stated_actor1(event), own_claims)
        actor1, evidence = event.actor1, event.evidence
        if not _stated_actor1(event):
            claim = next((c for c in own_claims if c.kind == "claimed" and c.actor), None)
            actor = _claimed_actor(claim.actor) if claim is not None and claim.actor else None
            if actor is not None and claim is not None and R_CLAIMED_ACTOR.applies():
                actor1 = actor
                evidence = {**evidence, "actor1": replace(claim.evidence, rules=(*claim.evidence.rules,
                                                                                 R_CLAIMED_ACTOR.id))}
            else:
                basis = None
        linked.append(replace(event, actor1=actor1, evidence=evidence, claims=own_claims,
                              relations=tuple(relations.get(i, ())), actor1_basis=basis))
    return linked


def _stated_actor1(event: Event) -> bool:
    """The text names who did it (not ACLED's unidentified default, which a claim replaces)."""
    evidence = event.evidence.get("actor1")
    return event.actor1 is not None and (evidence is None or evidence.stage != ACTOR_DEFAULTS)


def run(ctx: ArticleContext) -> None:
    ctx.events = link_events(ctx.parsed, ctx.article, ctx.events, [(d.trigger, *d.absorbed) for d in ctx.merged])


STAGE = Stage("links", "claims, attributions and relations between the article's events",
              requires=("doc", "merged", "events"), assigns=("events",), run=run)
