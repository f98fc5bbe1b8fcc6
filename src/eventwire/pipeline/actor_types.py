"""Stage `actor_types`: event types that depend on who is involved - an armed attack on civilians is violence
against civilians, on forces a battle; protesters or a crowd doing violence make a riot."""

from __future__ import annotations

from dataclasses import replace

from eventwire.pipeline.context import ArticleContext
from eventwire.pipeline.draft import Draft
from eventwire.pipeline.stage import Stage

STAGE_NAME = "actor_types"
VIOLENT_TYPES = frozenset({"Battles", "Explosions/Remote violence", "Violence against civilians"})


def run(ctx: ArticleContext) -> None:
    for d in ctx.drafts:
        _refine_with_actors(d)


STAGE = Stage(STAGE_NAME, "event types that depend on who is involved",
              requires=("drafts",), assigns=("drafts",), run=run)


def _refine_with_actors(d: Draft) -> None:
    """Types that depend on who is involved: attacks by armed men on civilians vs. on forces."""
    a1, a2 = d.actor1, d.actor2
    if d.event_type == "Battles" and d.sub_event_type == "Armed clash" and a2 is not None and a2.kind == "civilians" \
            and (a1 is None or a1.kind != "civilians") and d.trigger.sense.family != "clash":
        d.event_type, d.sub_event_type = "Violence against civilians", "Attack"
    if d.event_type in VIOLENT_TYPES and a1 is not None and a1.kind == "protesters" and \
            d.weapon not in ("aircraft", "drone", "rocket", "missile", "artillery", "mortar", "ied", "suicide"):
        d.event_type, d.sub_event_type = "Riots", "Violent demonstration"
        return
    if d.event_type == "Protests" and a1 is not None and a1.kind == "rioters" and "Rioters" in a1.name:
        d.event_type, d.sub_event_type = "Riots", "Violent demonstration"
        return
    if d.event_type in VIOLENT_TYPES and a1 is not None and a1.kind in ("civilians", "rioters") and \
            d.weapon not in ("aircraft", "drone", "rocket", "missile", "artillery", "mortar", "ied", "suicide"):
        d.event_type, d.sub_event_type, d.actor1 = "Riots", "Mob violence", replace(
            a1, name=a1.name.replace("Civilians", "Rioters"), kind="rioters")
        return
    if d.event_type == "Battles" and a1 is not None and a1.kind == "state forces" and \
            d.trigger.sense.family == "casualty" and (a2 is None or a2.kind == "civilians"):
        d.event_type, d.sub_event_type = "Violence against civilians", "Attack"
        return
    if d.event_type == "Violence against civilians" and d.sub_event_type == "Attack" and a2 is not None \
            and a2.kind in ("state forces", "rebels", "political militia", "identity militia", "external forces"):
        d.event_type, d.sub_event_type = "Battles", "Armed clash"
