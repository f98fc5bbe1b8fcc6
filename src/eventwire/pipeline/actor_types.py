"""Stage `actor_types`: event types that depend on who is involved - an armed attack on civilians is violence
against civilians, on forces a battle; protesters or a crowd doing violence make a riot."""

from __future__ import annotations

from dataclasses import replace

from eventwire.pipeline.context import ArticleContext
from eventwire.pipeline.draft import Draft
from eventwire.pipeline.rules import Rule, rule
from eventwire.pipeline.stage import Stage

STAGE_NAME = "actor_types"
VIOLENT_TYPES = frozenset({"Battles", "Explosions/Remote violence", "Violence against civilians"})
REMOTE_WEAPONS = frozenset({"aircraft", "drone", "rocket", "missile", "artillery", "mortar", "ied", "suicide"})
ARMED_KINDS = frozenset({"state forces", "rebels", "political militia", "identity militia", "external forces"})
R_CLASH_ON_CIVILIANS = rule("event_type.clash_on_civilians")
R_PROTESTERS = rule("event_type.protesters_violence_is_riot")
R_MOB = rule("event_type.civilians_violence_is_mob")
R_ON_ARMED = rule("event_type.attack_on_armed_actor_is_clash")


def run(ctx: ArticleContext) -> None:
    for d in ctx.drafts:
        _refine_with_actors(d)


STAGE = Stage(STAGE_NAME, "event types that depend on who is involved",
              requires=("drafts",), assigns=("drafts",), run=run)


def _refine_with_actors(d: Draft) -> None:
    """Types that depend on who is involved: attacks by armed men on civilians vs. on forces."""
    a1, a2 = d.actor1, d.actor2
    if d.event_type == "Battles" and d.sub_event_type == "Armed clash" and a2 is not None and a2.kind == "civilians" \
            and (a1 is None or a1.kind != "civilians") and d.trigger.sense.family != "clash" \
            and R_CLASH_ON_CIVILIANS.applies():
        _retype(d, "Violence against civilians", "Attack", R_CLASH_ON_CIVILIANS)
    if d.event_type in VIOLENT_TYPES and a1 is not None and a1.kind == "protesters" and \
            d.weapon not in REMOTE_WEAPONS and R_PROTESTERS.applies():
        _retype(d, "Riots", "Violent demonstration", R_PROTESTERS)
        return
    if d.event_type in VIOLENT_TYPES and a1 is not None and a1.kind in ("civilians", "rioters") and \
            d.weapon not in REMOTE_WEAPONS and R_MOB.applies():
        _retype(d, "Riots", "Mob violence", R_MOB)
        d.actor1 = replace(a1, name=a1.name.replace("Civilians", "Rioters"), kind="rioters")
        d.note_rule("actor1", R_MOB.id, STAGE_NAME)
        return
    if d.event_type == "Violence against civilians" and d.sub_event_type == "Attack" and a2 is not None \
            and a2.kind in ARMED_KINDS and R_ON_ARMED.applies():
        _retype(d, "Battles", "Armed clash", R_ON_ARMED)


def _retype(d: Draft, event_type: str, sub_event_type: str, by: Rule) -> None:
    d.event_type, d.sub_event_type = event_type, sub_event_type
    d.note_rule("event_type", by.id, STAGE_NAME)
