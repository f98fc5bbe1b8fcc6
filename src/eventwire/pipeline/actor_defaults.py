"""Stage `actor_defaults`: the actors ACLED codes when no mention of an incident names one. An incident of armed
violence whose perpetrator is not named is by an "Unidentified Armed Group (country)" (the attribution, if
any, goes to `claims`); the victims of violence against civilians are "Civilians (country)"; the crowd of a
demonstration that turned into a riot are "Rioters (country)"."""

from __future__ import annotations

import re
from dataclasses import replace

from eventwire.model import Actor
from eventwire.pipeline import lexicon
from eventwire.pipeline.context import ArticleContext
from eventwire.pipeline.draft import Draft
from eventwire.pipeline.rules import Rule, rule
from eventwire.pipeline.stage import Stage

STAGE_NAME = "actor_defaults"
R_UNNAMED = rule("actors.unnamed_perpetrator")
R_RIOTERS = rule("actors.rioting_protesters_are_rioters")
R_CIVILIANS = rule("actors.civilian_victims")
R_CROWD_RIOTERS = rule("actors.rioting_crowd_are_rioters")
R_CROWD_PROTESTERS = rule("actors.protesting_crowd_are_protesters")
R_CROWD_FIRST = rule("actors.crowd_first_in_demonstration")
_PROTEST_SUB_TYPES = ("Peaceful protest", "Protest with intervention")
_DEMONSTRATION_SUB_TYPES = (*_PROTEST_SUB_TYPES, "Violent demonstration")
_CROWD_KINDS = ("protesters", "rioters", "civilians")
R_GANG = rule("actors.gang_hallmarks")
R_INTERVENING = rule("actors.intervening_forces")
R_MOB_TARGET = rule("actors.mob_target")
R_PROPERTY_OWNERS = rule("actors.property_owners")
_SOLDIER_WORDS = lexicon.pattern("soldier_words", re.IGNORECASE)
_POLICE_WORDS = lexicon.pattern("police_words", re.IGNORECASE)
_MUTUAL = lexicon.pattern("mutual_fight_words", re.IGNORECASE)
_STATE_PROPERTY = lexicon.pattern("state_property_words", re.IGNORECASE)
_INTERVENED = frozenset({"Protest with intervention", "Excessive force against protesters"})
GANG_NAMES = lexicon.mapping("gang_countries")  # country -> the name of its unidentified gangs
GANG_HALLMARKS = lexicon.pattern("gang_hallmarks", re.IGNORECASE)
# Armed violence that someone unnamed did; not air strikes and shelling, which only armies with aircraft or
# artillery do (an unnamed perpetrator there is a guess ACLED leaves to the coder).
UNNAMED_SUB_TYPES = frozenset({
    "Attack", "Armed clash", "Abduction/forced disappearance", "Sexual violence",
    "Remote explosive/landmine/IED", "Grenade", "Suicide bomb",
})


def run(ctx: ArticleContext) -> None:
    for d in ctx.merged:
        _default_actors(d)
        _gang(d, ctx)
        _default_actor2(d, ctx)


STAGE = Stage(STAGE_NAME, "the actors ACLED codes when the text names none", requires=("merged",),
              assigns=("merged",), run=run)


def _default_actors(d: Draft) -> None:
    country = d.place.country if d.place else None
    if d.actor1 is None and d.sub_event_type in UNNAMED_SUB_TYPES and country and R_UNNAMED.applies():
        _set(d, "actor1", Actor(text=d.trigger.text, name=f"Unidentified Armed Group ({country})",
                                kind="political militia", country=country), R_UNNAMED, "no mention names who did it")
    if d.actor2 is None and d.event_type == "Violence against civilians" and country and R_CIVILIANS.applies():
        _set(d, "actor2", Actor(text=d.trigger.text, name=f"Civilians ({country})", kind="civilians",
                                country=country), R_CIVILIANS, "violence against civilians names no victims")
    if d.sub_event_type in _DEMONSTRATION_SUB_TYPES and d.actor1 is not None and d.actor1.kind == "state forces" \
            and d.actor2 is not None and d.actor2.kind in _CROWD_KINDS and R_CROWD_FIRST.applies():
        # "police fired tear gas at protesters": ACLED codes the crowd as actor1, the forces as actor2
        d.actor1, d.actor2 = d.actor2, d.actor1
        first, second = d.evidence.pop("actor1", None), d.evidence.pop("actor2", None)
        if second is not None:
            d.evidence["actor1"] = second
        if first is not None:
            d.evidence["actor2"] = first
        d.note_rule("actor1", R_CROWD_FIRST.id, STAGE_NAME)
        d.note_rule("actor2", R_CROWD_FIRST.id, STAGE_NAME)
    if d.event_type == "Riots" and d.actor1 is not None and d.actor1.kind == "protesters" and R_RIOTERS.applies():
        d.actor1 = replace(d.actor1, name=d.actor1.name.replace("Protesters", "Rioters"), kind="rioters")
        d.note_rule("actor1", R_RIOTERS.id, STAGE_NAME)
    if d.sub_event_type in _PROTEST_SUB_TYPES and d.actor1 is not None and d.actor1.kind in ("rioters", "civilians") \
            and R_CROWD_PROTESTERS.applies():
        name = d.actor1.name.replace("Rioters", "Protesters").replace("Civilians", "Protesters")
        d.actor1 = replace(d.actor1, name=name, kind="protesters")
        d.note_rule("actor1", R_CROWD_PROTESTERS.id, STAGE_NAME)
    if d.event_type == "Riots" and country and (d.actor1 is None or d.actor1.kind == "civilians") \
            and R_CROWD_RIOTERS.applies():
        # "villagers lynched a suspected thief": the crowd that did violence is coded as rioters
        rioters = Actor(text=d.actor1.text if d.actor1 else d.trigger.text, name=f"Rioters ({country})",
                        kind="rioters", country=country)
        _set(d, "actor1", rioters, R_CROWD_RIOTERS, "the crowd of a riot")


def _default_actor2(d: Draft, ctx: ArticleContext) -> None:
    """The other side ACLED codes when no mention names it: the forces that broke up a demonstration, whom a
    mob attacked, whose property was looted or destroyed."""
    country = d.place.country if d.place else None
    if d.actor2 is not None or not country:
        return
    sentence = d.sentence.text
    police_told, soldiers_told = (ctx.paragraph_has(p, d.sentence.start) for p in (_POLICE_WORDS, _SOLDIER_WORDS))
    forces_told = police_told or soldiers_told
    if (d.sub_event_type in _INTERVENED or (d.sub_event_type == "Violent demonstration" and forces_told)) \
            and R_INTERVENING.applies():
        # "police dispersed the crowd", "rioters stoned the police": ACLED names the forces that dealt with the
        # crowd; the police unless only soldiers are named
        military = soldiers_told and not police_told
        name, kind = (f"Military Forces of {country}", "state forces") if military else \
            (f"Police Forces of {country}", "state forces")
        _set(d, "actor2", Actor(text=d.trigger.text, name=name, kind=kind, country=country), R_INTERVENING,
             "the forces that broke up the demonstration")
    elif d.sub_event_type == "Mob violence" and R_MOB_TARGET.applies():
        if _MUTUAL.search(sentence):
            actor = Actor(text=d.trigger.text, name=f"Rioters ({country})", kind="rioters", country=country)
        elif _POLICE_WORDS.search(sentence):
            actor = Actor(text=d.trigger.text, name=f"Police Forces of {country}", kind="state forces",
                          country=country)
        else:
            actor = Actor(text=d.trigger.text, name=f"Civilians ({country})", kind="civilians", country=country)
        _set(d, "actor2", actor, R_MOB_TARGET, "whom the mob attacked")
    elif d.sub_event_type == "Looting/property destruction" and not _STATE_PROPERTY.search(sentence) \
            and R_PROPERTY_OWNERS.applies():
        _set(d, "actor2", Actor(text=d.trigger.text, name=f"Civilians ({country})", kind="civilians",
                                country=country), R_PROPERTY_OWNERS, "the owners of the property taken or destroyed")


def _gang(d: Draft, ctx: ArticleContext) -> None:
    """An unidentified armed group that killed with the marks of organised crime, in a country of gang violence,
    is an unidentified gang; the marks are read in the paragraph of the incident."""
    country = d.place.country if d.place else None
    gang = GANG_NAMES.get(country or "")
    if gang is None or d.actor1 is None or d.actor1.name != f"Unidentified Armed Group ({country})":
        return
    if ctx.paragraph_has(GANG_HALLMARKS, d.sentence.start) and R_GANG.applies():
        d.actor1 = replace(d.actor1, name=gang)
        d.note_rule("actor1", R_GANG.id, STAGE_NAME)


def _set(d: Draft, role: str, actor: Actor, by: Rule, why: str) -> None:
    """A default actor, with the incident's trigger as its evidence."""
    setattr(d, role, actor)
    d.evidence[role] = replace(d.evidence["event_type"], confidence=0.5, stage=STAGE_NAME, rules=(by.id,),
                               reason=f"{role}: {why} -> {actor.name}")
