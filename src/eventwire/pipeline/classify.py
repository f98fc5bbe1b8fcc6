"""Event type, sub-event type and weapon of a trigger, from what its sentence says around it (`SentenceCues`).

Each branch is a catalogue rule (`data/rules/mentions.toml`): the family of the trigger word picks the first
branch ("arrest" -> Arrests), and the sentence refines it (who was targeted, which weapon, whether a crowd was
involved). `weapon.*` rules pick the weapon; `event_type.*` rules the type.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from eventwire.pipeline.lexicon import WEAPON_WORDS, pattern, words
from eventwire.pipeline.rules import rule
from eventwire.pipeline.triggers import Trigger

# Weapon codes (of the JSON contract) by how they are used.
MUNITION_WEAPONS = ("rocket", "missile", "mortar", "artillery")
REMOTE_WEAPONS = frozenset({"aircraft", "drone", "rocket", "missile", "ied", "suicide"})  # no crowd throws these
HEAVY_WEAPONS = REMOTE_WEAPONS | {"artillery"}
LAUNCHED_WEAPONS = frozenset({"drone", "missile", "rocket", *MUNITION_WEAPONS})

_PROTESTER_WORDS = words("protester_words")
_STATE_SUBJECTS = words("state_subjects")
_DEVICE = pattern("explosive_device_words")
_TWO_SIDED = pattern("two_sided_fighting")
_HEAVY_WEAPONS = pattern("heavy_weapons_fire")
_SMALL_ARMS = re.compile(r"\b(?:small arms|small guns|assault rifles?|automatic rifles?|"
                         r"(?<!heavy )(?<!medium )machine ?guns?)\b")
_HANDOVER = pattern("handover_cues")
_CIV = pattern("civilian_targets")
_FORCES = pattern("forces_targets")
_ARMED = pattern("armed_actors")
_PROTEST = pattern("protest_words")
_UNARMED_GROUPS = pattern("unarmed_groups")
_FIGHTING_PARTIES = pattern("fighting_parties")
_MONTH_MARCH = re.compile(r"\bMarch\b")
_TEARGAS = pattern("crowd_control_weapons")
_INTERVENTION = pattern("intervention_words")
_EXCESSIVE = pattern("excessive_force_words")
_VIOLENT_CROWD = pattern("violent_crowd_words")
_MOB = pattern("mob_words")
_DEMONSTRATION = pattern("demonstration_words")
_BROKE_UP = pattern("forces_broke_up")
_INTERCEPT = pattern("interception_words")
_DAMAGE = pattern("damage_words")
_TERRITORY = pattern("territory_words")
_KILLED = pattern("casualty_words")
_PEOPLE_TARGETS = pattern("people_targets")
_FORCES_ACTOR = pattern("forces_actor_words")
_AIRCRAFT_ATTACK = pattern("aircraft_attack_words")
_WEAPON_POSITIONS = pattern("weapon_position_words")
_WOUNDING_TRIGGER = pattern("wounding_trigger_words")

R_CROWD_CONTROL = rule("weapon.crowd_control_not_explosive")
R_MONTH_MARCH = rule("event_type.month_is_no_march")
R_AIR_FIRST = rule("weapon.air_attack")
R_OWN_MEANS = rule("weapon.trigger_names_means")
R_NEAREST = rule("weapon.nearest_word")
R_WEAPON_DEFAULT = rule("weapon.trigger_default")
R_TARGET_AFTER = rule("event_type.target_after_trigger")
R_FIRST_TARGET = rule("event_type.first_named_target")
R_AGENT_NOT_TARGET = rule("event_type.forces_agent_not_target")
R_OFF_DUTY = rule("event_type.off_duty_forces")
_FORCES_AGENT = pattern("forces_agent_phrase")
_OFF_DUTY = pattern("off_duty_words")
R_ARMED_BEFORE = rule("event_type.armed_before_trigger")
R_CHANGE = rule("event_type.family_change")
R_BASE = rule("event_type.family_base")
R_CROWD = rule("event_type.crowd_violence_is_protest")
R_VIOLENT_DEMO = rule("event_type.violent_demonstration")
R_PROTEST_EXCESSIVE = rule("event_type.protest_excessive_force")
R_PROTEST_INTERVENTION = rule("event_type.protest_intervention")
R_PROTEST = rule("event_type.family_protest")
R_MOB = rule("event_type.mob_violence")
R_RIOT = rule("event_type.family_riot")
R_NO_DEMONSTRATION = rule("event_type.riot_without_demonstration")
R_ARREST = rule("event_type.family_arrest")
R_ABDUCTION = rule("event_type.family_abduction")
R_SEXUAL = rule("event_type.family_sexual")
R_LOOTING_MOB = rule("event_type.looting_by_mob")
R_LOOTING_HEAVY = rule("event_type.destruction_by_heavy_weapon")
R_LOOTING_RIOT = rule("event_type.looting_by_rioters")
R_LOOTING = rule("event_type.family_looting")
R_AGREEMENT = rule("event_type.family_agreement")
R_INTERCEPTION = rule("event_type.family_interception")
R_REGAINED = rule("event_type.family_territory_regained")
R_GROUND_TAKEN = rule("event_type.ground_taken")
R_PEOPLE_CAPTURED = rule("event_type.people_captured")
R_TERRITORY_LOST = rule("event_type.family_territory_lost")
R_SUICIDE = rule("event_type.suicide_bomb")
R_AIR = rule("event_type.air_or_drone_strike")
R_SMALL_ARMS = rule("event_type.munitions_with_small_arms")
R_HEAVY_WEAPONS = rule("event_type.heavy_weapons_fire")
R_EXCHANGE = rule("event_type.exchange_of_fire")
R_GROUP_RETAKES = rule("event_type.armed_group_retakes")
R_VEHICLE_RAMMING = rule("weapon.vehicle_needs_ramming")
R_NAMED_NOT_WEAPON = rule("weapon.capitalised_name")
R_HANDOVER = rule("event_type.non_violent_transfer")
_BY_HAND = frozenset({"set", "burn", "torch", "loot", "ransack", "plunder", "vandalise", "vandalize"})  # no shells
_INNER_CAPITAL = re.compile(r"(?<=[\w,;)] )([A-Z][a-z]+)")
_RAMMING = re.compile(r"\b(?:ramm?(?:ed|ing)?|plough\w*|plow\w*|drove (?:\w+ ){0,3}into|mow\w* down|run over)\b")
R_SHELLING = rule("event_type.shelling")
R_GRENADE = rule("event_type.grenade")
R_CHEMICAL = rule("event_type.chemical_weapon")
R_BARE_EXPLOSION = rule("event_type.explosion_without_device")
R_IED = rule("event_type.explosive_device")
R_CLASH = rule("event_type.family_clash")
R_RAID_ON_UNARMED = rule("event_type.raid_on_unarmed")
_RAIDS = words("raid_lemmas")
R_UNARMED_CLASH = rule("event_type.unarmed_groups_clash")
R_MOB_ATTACK = rule("event_type.mob_attack")
R_ON_FORCES = rule("event_type.attack_on_forces")
R_ON_CIVILIANS = rule("event_type.attack_on_civilians")
R_ARMED_MEN = rule("event_type.armed_men_attack")
R_DEFAULT = rule("event_type.default_clash")
R_FIRST_SPECIFIC = rule("weapon.first_specific")
R_FORCE_ON_PROTESTERS = rule("event_type.force_on_protesters")
R_FORCES_AT_PROTEST = rule("event_type.forces_fire_at_protest")
R_STATE_RETAKES = rule("event_type.state_takes_ground")
R_INTERCEPT_CUE = rule("event_type.interception_cue")


@dataclass(frozen=True, slots=True)
class SentenceCues:
    """What the sentence says around a trigger that decides the sub-event type."""

    weapons: tuple[str, ...]
    weapon_positions: tuple[tuple[int, str], ...]
    target_civilian: bool
    target_forces: bool
    actor_forces: bool
    actor_armed: bool
    protest_words: bool
    intervention: bool
    excessive_force: bool
    violent_crowd: bool
    mob: bool
    intercepted: bool
    damage: bool
    suicide: bool
    territory_taken: bool
    killed_or_injured: bool
    device: bool = False
    two_sided: bool = False  # "an exchange of fire", "gunfights", "fire from both sides"
    heavy_weapons: bool = False  # "heavy machine guns", "grenade launchers", "23mm": fired from afar
    small_arms: bool = False  # "small arms", "rifles": fired at close range
    handed_over: bool = False  # "after the troops vacated the area", "without a fight"
    unarmed_groups: bool = False  # only people of no armed group fight ("two groups of villagers clashed")
    demonstration: bool = True  # the paragraph names a demonstration, a riot, a demand or a blockade
    protest_in_paragraph: bool = False  # the paragraph names a protest, a rally or a march


def names_target(text: str) -> bool:
    """Whether the words right after a trigger name the people it was aimed at ("attacked the troops"), as
    opposed to a place or facility that any weapon could have hit ("attacks on the air base")."""
    return bool(_PEOPLE_TARGETS.search(text[:40].lower()))


def _without_month(sent_text: str) -> str:
    """The sentence without the month March ("on 3 March", "in March 2020"): written capitalised after the
    sentence's first word it is a date, not a march."""
    if "March" not in sent_text[1:] or not R_MONTH_MARCH.applies():
        return sent_text
    return sent_text[:1] + _MONTH_MARCH.sub("", sent_text[1:])


def _crowd_control_word(match: re.Match[str]) -> str:
    """What a crowd-control or small-arms phrase leaves of its weapon words: small arms and machine guns are
    firearms, a grenade launcher fires from afar like a mortar (no hand grenade), tear gas shells are no shells."""
    phrase = match.group(0)
    if phrase.startswith(("small", "machine")):
        return "firearm"
    return "launcher" if phrase.startswith("grenade l") else ""


def forces_intervene(text: str) -> bool:
    """Whether a text (the rest of a protest's paragraph) tells forces dealing with a crowd ("Police intervened
    and removed the protesters")."""
    return bool(_BROKE_UP.search(text.lower()))


def names_protest(text: str) -> bool:
    """Whether a paragraph names a protest, a rally or a march (not merely a demand or a blockade)."""
    return bool(_PROTEST.search(_without_month(text).lower()))


def names_demonstration(text: str) -> bool:
    """Whether a paragraph tells a demonstration (a protest, a riot, a demand, a blockade), which makes a crowd's
    violence in it a violent demonstration rather than mob violence."""
    return bool(_DEMONSTRATION.search(_without_month(text).lower()))


def sentence_cues(sent_text: str, sent_lemmas: list[str]) -> SentenceCues:
    lower = sent_text.lower()
    cleaned = _TEARGAS.sub(_crowd_control_word, lower)
    # words written only capitalised inside the sentence are names ("going to Tank")
    names = {m.group(1).lower() for m in _INNER_CAPITAL.finditer(sent_text)} \
        - {m.group(0) for m in re.finditer(r"\b[a-z][a-z-]*", sent_text)}
    weapons: list[str] = []
    for lemma in sent_lemmas:
        weapon = WEAPON_WORDS.get(lemma)
        if weapon and lemma in names and R_NAMED_NOT_WEAPON.applies():
            continue
        if weapon and weapon not in weapons:
            if weapon in ("artillery", "grenade") and not re.search(rf"\b{re.escape(lemma)}", cleaned) \
                    and R_CROWD_CONTROL.applies():
                continue  # "tear gas shells", "stun grenades", "grenade launchers"
            weapons.append(weapon)
    if "firearm" in cleaned.split() and "firearm" not in weapons:
        weapons.append("firearm")
    if _AIRCRAFT_ATTACK.search(lower) and R_AIR_FIRST.applies():
        weapons.insert(0, "aircraft")
    rammed = bool(_RAMMING.search(lower))
    if not rammed and "vehicle" in weapons and R_VEHICLE_RAMMING.applies():
        weapons.remove("vehicle")  # a car or truck is a weapon only when driven into people
    positions: list[tuple[int, str]] = []
    for match in re.finditer(r"[a-z0-9-]+", cleaned):
        word = match.group(0)
        weapon = WEAPON_WORDS.get(word) or WEAPON_WORDS.get(word.rstrip("s"))
        if weapon == "vehicle" and not rammed:
            continue
        if weapon and word in names and R_NAMED_NOT_WEAPON.applies():
            continue  # "Tank" the town: a word written only capitalised inside the sentence is a name
        if weapon:
            positions.append((match.start(), weapon))
    for match in _WEAPON_POSITIONS.finditer(lower):
        word = match.group(0)
        positions.append((match.start(), "suicide" if word == "suicide" else
                          "ied" if "bomb" in word or "device" in word else "aircraft"))
    return SentenceCues(
        weapons=tuple(dict.fromkeys(weapons)),
        weapon_positions=tuple(sorted(positions)),
        target_civilian=bool(_CIV.search(lower)),
        target_forces=bool(_FORCES.search(lower)),
        actor_forces=bool(_FORCES_ACTOR.search(lower)),
        actor_armed=bool(_ARMED.search(lower)),
        protest_words=bool(_PROTEST.search(_without_month(sent_text).lower())),
        intervention=bool(_INTERVENTION.search(lower)),
        excessive_force=bool(_EXCESSIVE.search(lower)),
        violent_crowd=bool(_VIOLENT_CROWD.search(lower)),
        mob=bool(_MOB.search(lower)),
        intercepted=bool(_INTERCEPT.search(lower)),
        damage=bool(_DAMAGE.search(lower)),
        suicide="suicide" in weapons,
        territory_taken=bool(_TERRITORY.search(lower)),
        killed_or_injured=bool(_KILLED.search(lower)),
        device=bool(_DEVICE.search(lower)),
        two_sided=bool(_TWO_SIDED.search(lower)),
        heavy_weapons=bool(_HEAVY_WEAPONS.search(lower)),
        small_arms=bool(_SMALL_ARMS.search(lower)),
        handed_over=bool(_HANDOVER.search(lower)),
        unarmed_groups=bool(_UNARMED_GROUPS.search(lower)) and not _ARMED.search(lower)
        and not _FIGHTING_PARTIES.search(lower),
    )


def classify(trigger: Trigger, cues: SentenceCues, right: str = "", offset: int | None = None
             ) -> tuple[str, str | None, str | None]:
    """(event_type, sub_event_type, weapon) for a trigger in its sentence. `right` is the sentence text after
    the trigger: who was targeted is read there first ("militias attacked X and killed 2 residents").
    `offset` is the trigger's position in the sentence (for the nearest weapon word)."""
    family = trigger.sense.family
    weapon = _weapon(trigger, cues, offset)
    by_forces = False
    if right:
        lower = right.lower()
        by_forces = bool(_FORCES_AGENT.search(lower)) and R_AGENT_NOT_TARGET.applies()
        if by_forces:
            lower = _FORCES_AGENT.sub(" ", lower)  # "a man was beaten by police officers": the police did it
        civ_at, forces_at = _CIV.search(lower), _FORCES.search(lower)
        if forces_at and _OFF_DUTY.search(lower[max(0, forces_at.start() - 25): forces_at.start()]) \
                and R_OFF_DUTY.applies():
            civ_at, forces_at = forces_at, None  # "killed an off-duty soldier": not in combat, a civilian
        civ, forces = bool(civ_at), bool(forces_at)
        if civ_at and forces_at and R_FIRST_TARGET.applies():
            # "beat a woman at a checkpoint": the object comes first, a place or bystander after it
            civ, forces = civ_at.start() < forces_at.start(), forces_at.start() < civ_at.start()
        if (civ or forces) and R_TARGET_AFTER.applies():
            cues = replace(cues, target_civilian=civ, target_forces=forces)
        elif not (civ or forces) and R_ARMED_BEFORE.applies():
            # Nothing after the trigger: armed groups before it are the perpetrators, not the targets.
            cues = replace(cues, target_forces=cues.target_forces and cues.actor_forces and not cues.actor_armed
                           and not by_forces)
    if family == "change" and R_CHANGE.applies():
        return "Strategic developments", "Change to group/activity", None
    if family == "base" and R_BASE.applies():
        return "Strategic developments", "Headquarters or base established", None
    if family in ("violence", "casualty") and by_forces and not cues.target_forces and cues.killed_or_injured \
            and cues.protest_in_paragraph and not cues.actor_armed and weapon not in HEAVY_WEAPONS \
            and R_FORCES_AT_PROTEST.applies():
        return "Protests", "Excessive force against protesters", weapon  # "two were shot dead by police" at a protest
    if family in ("violence", "casualty") and (trigger.target_lemma in _PROTESTER_WORDS or (
            trigger.lemma == "die" and trigger.subject_lemma in _PROTESTER_WORDS)) \
            and weapon not in HEAVY_WEAPONS and R_FORCE_ON_PROTESTERS.applies():
        return "Protests", "Excessive force against protesters", weapon  # forces shooting at demonstrators
    crowd = cues.protest_words and (cues.intervention or _crowd_violent(cues))
    if crowd and family in ("violence", "casualty", "clash") and weapon not in REMOTE_WEAPONS and R_CROWD.applies():
        family = "protest"
    if family == "protest":
        if _crowd_violent(cues) and R_VIOLENT_DEMO.applies():
            return "Riots", "Violent demonstration", None
        if cues.excessive_force and cues.killed_or_injured and cues.intervention and R_PROTEST_EXCESSIVE.applies():
            return "Protests", "Excessive force against protesters", weapon
        if cues.intervention and R_PROTEST_INTERVENTION.applies():
            return "Protests", "Protest with intervention", None
        if R_PROTEST.applies():
            return "Protests", "Peaceful protest", None
    if family == "riot":
        if (cues.mob or trigger.lemma in ("lynch",)) and R_MOB.applies():
            return "Riots", "Mob violence", None
        if not cues.demonstration and R_NO_DEMONSTRATION.applies():
            return "Riots", "Mob violence", None  # "villagers stoned two policemen": no demonstration told
        if R_RIOT.applies():
            return "Riots", "Violent demonstration", None
    if family == "arrest" and R_ARREST.applies():
        return "Strategic developments", "Arrests", None
    if family == "abduction" and R_ABDUCTION.applies():
        return "Violence against civilians", "Abduction/forced disappearance", None
    if family == "sexual" and R_SEXUAL.applies():
        return "Violence against civilians", "Sexual violence", None
    if family == "looting":
        if cues.mob and R_LOOTING_MOB.applies():
            return "Riots", "Mob violence", None
        if weapon in ("artillery", "aircraft", "drone", "rocket", "missile", "mortar") \
                and trigger.lemma not in _BY_HAND and R_LOOTING_HEAVY.applies():
            return _violence(trigger, cues, weapon)
        if cues.protest_words and _crowd_violent(cues) and R_LOOTING_RIOT.applies():
            return "Riots", "Violent demonstration", None
        if R_LOOTING.applies():
            return "Strategic developments", "Looting/property destruction", None
    if family == "agreement" and R_AGREEMENT.applies():
        return "Strategic developments", "Agreement", None
    if family == "interception" and R_INTERCEPTION.applies():
        return "Strategic developments", "Disrupted weapons use", weapon
    if family in ("territory_lost", "territory_regained") and cues.handed_over and not cues.killed_or_injured \
            and not cues.two_sided and R_HANDOVER.applies():
        return "Strategic developments", "Non-violent transfer of territory", None  # "... after troops vacated it"
    if family == "territory_regained" and trigger.subject_lemma and trigger.subject_lemma not in _STATE_SUBJECTS \
            and (_ARMED.search(trigger.subject_lemma) or _named_group(trigger.subject_lemma)) \
            and R_GROUP_RETAKES.applies():
        return "Battles", "Non-state actor overtakes territory", weapon  # "al-Shabaab has retaken the town"
    if family == "territory_regained" and R_REGAINED.applies():
        return "Battles", "Government regains territory", weapon
    if family in ("territory_lost", "territory_regained") and (trigger.takes_ground or cues.territory_taken):
        if (family == "territory_regained" or trigger.subject_lemma in _STATE_SUBJECTS) \
                and R_STATE_RETAKES.applies():
            return "Battles", "Government regains territory", weapon
        if R_GROUND_TAKEN.applies():
            return "Battles", "Non-state actor overtakes territory", weapon
    if family == "territory_lost":
        if trigger.lemma in ("seize", "capture") and not cues.territory_taken and _captures_people(cues) \
                and R_PEOPLE_CAPTURED.applies():
            return "Strategic developments", "Arrests", None
        if R_TERRITORY_LOST.applies():
            return "Battles", "Armed clash", weapon
    return _violence(trigger, cues, weapon)


def _named_group(lemma: str) -> bool:
    """The subject's head word is (part of) a named armed group's name ("shabaab" of "al-Shabaab")."""
    from eventwire.pipeline.actors import NAMED_GROUPS  # (actors imports this module)

    return any(lemma in p or p in lemma for g in NAMED_GROUPS for p in g.patterns if len(p) > 3)


def _captures_people(cues: SentenceCues) -> bool:
    return cues.target_forces or cues.target_civilian


def _crowd_violent(cues: SentenceCues) -> bool:
    return cues.violent_crowd and cues.protest_words and not cues.excessive_force


def _weapon(trigger: Trigger, cues: SentenceCues, offset: int | None = None) -> str | None:
    """A trigger that names its means ("shelling", "airstrike") decides; otherwise the sentence's weapon
    word nearest the trigger does ("fired three rockets"); generic triggers fall back to their default."""
    own = trigger.sense.weapon
    if (own in ("aircraft", "artillery", "knife") or (own == "rocket" and not cues.weapons)) \
            and R_OWN_MEANS.applies():
        return own
    if offset is not None and cues.weapon_positions and R_NEAREST.applies():
        near = [p for p in cues.weapon_positions if p[1] != "firearm"] or list(cues.weapon_positions)
        return min(near, key=lambda p: abs(p[0] - offset))[1]
    if cues.weapons and R_FIRST_SPECIFIC.applies():
        specific = [w for w in cues.weapons if w != "firearm"]
        return specific[0] if specific else cues.weapons[0]
    if own is not None:
        R_WEAPON_DEFAULT.applies()
    return own


def _violence(trigger: Trigger, cues: SentenceCues, weapon: str | None) -> tuple[str, str | None, str | None]:
    """Attacks, clashes, explosions and killings."""
    family = trigger.sense.family
    if cues.intercepted and weapon in LAUNCHED_WEAPONS and not _WOUNDING_TRIGGER.search(trigger.text.lower()) \
            and R_INTERCEPT_CUE.applies():
        return "Strategic developments", "Disrupted weapons use", weapon
    if (weapon == "suicide" or cues.suicide) and R_SUICIDE.applies():
        return "Explosions/Remote violence", "Suicide bomb", "suicide"
    if weapon in ("aircraft", "drone") and R_AIR.applies():
        return "Explosions/Remote violence", "Air/drone strike", weapon
    if family == "clash" and cues.unarmed_groups and weapon in (None, "knife") and R_UNARMED_CLASH.applies():
        return "Riots", "Mob violence", weapon  # "supporters of two parties fought with sticks": no armed group
    if cues.two_sided and (weapon is None or weapon in (*MUNITION_WEAPONS, "grenade", "firearm")
                           or (weapon == "ied" and not cues.device)) and R_EXCHANGE.applies():
        return "Battles", "Armed clash", weapon  # mortars and grenades in an exchange of fire: both sides fought
    if cues.heavy_weapons and not cues.small_arms and family != "clash" \
            and weapon in (None, "firearm", *MUNITION_WEAPONS) and R_HEAVY_WEAPONS.applies():
        return "Explosions/Remote violence", "Shelling/artillery/missile attack", weapon or "artillery"
    if weapon in MUNITION_WEAPONS:
        if "firearm" in cues.weapons and cues.target_forces and R_SMALL_ARMS.applies():
            return "Battles", "Armed clash", weapon  # mortars alongside small arms: an exchange of fire
        if R_SHELLING.applies():
            return "Explosions/Remote violence", "Shelling/artillery/missile attack", weapon
    if weapon == "grenade" and R_GRENADE.applies():
        return "Explosions/Remote violence", "Grenade", weapon
    if weapon == "chemical" and R_CHEMICAL.applies():
        return "Explosions/Remote violence", "Chemical weapon", weapon
    if weapon == "ied" and family != "clash":
        venue = cues.target_civilian
        if trigger.lemma in ("explosion", "blast", "explode") and not cues.device and not venue \
                and R_BARE_EXPLOSION.applies():
            return "Explosions/Remote violence", "Shelling/artillery/missile attack", None
        if R_IED.applies():
            return "Explosions/Remote violence", "Remote explosive/landmine/IED", weapon
    if trigger.lemma in _RAIDS and cues.target_civilian and not cues.actor_armed and not cues.two_sided \
            and cues.actor_forces and weapon in (None, "firearm") and R_RAID_ON_UNARMED.applies():
        return "Violence against civilians", "Attack", weapon  # "a drug suspect was killed in a police raid"
    if family == "clash" and R_CLASH.applies():
        return "Battles", "Armed clash", weapon
    # Attacks and killings: on armed forces -> battle; on civilians by armed men -> violence against civilians.
    if cues.mob and R_MOB_ATTACK.applies():
        return "Riots", "Mob violence", weapon
    if cues.target_forces and R_ON_FORCES.applies():
        return "Battles", "Armed clash", weapon  # armed forces engaged: a battle, even with civilian victims
    if cues.target_civilian and R_ON_CIVILIANS.applies():
        return "Violence against civilians", "Attack", weapon
    if (family == "casualty" or (cues.actor_armed and not cues.actor_forces)) and R_ARMED_MEN.applies():
        return "Violence against civilians", "Attack", weapon  # armed men, no armed opponent named
    R_DEFAULT.applies()
    return "Battles", "Armed clash", weapon
