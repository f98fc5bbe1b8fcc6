"""Word senses of trigger words: whether a trigger word reports an incident in its context, and which.

The trigger tables (`lexicon.VERB_TRIGGERS`, `NOUN_TRIGGERS`) give each word a default sense; the rules here
read the word's parse neighbourhood to drop a sense ("fired an official", "took a decision") or to change it
("shot down a drone" is an interception, "seized weapons" disrupted weapons use). Each is a catalogue rule
(`data/rules/triggers.toml`).
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from eventwire.pipeline.lexicon import (
    NOUN_TRIGGERS,
    VERB_TRIGGERS,
    WEAPON_WORDS,
    TriggerSense,
    pattern,
    words,
)
from eventwire.pipeline.rules import rule
from eventwire.pipeline.sentences import dependents, sentence_of

R_SHOOTOUT = rule("incident.shootout_spelling")
R_NATURAL = rule("incident.natural_cause")
R_WEAPONS_SEIZED = rule("event_type.weapons_seized")
R_FINDING = rule("incident.finding_needs_weapons")
R_BASE = rule("event_type.base_established")
R_BUILDING = rule("incident.building_needs_base")
R_DISPATCH = rule("incident.dispatch_needs_forces")
R_PRISONER_EXCHANGE = rule("event_type.prisoner_exchange")
R_AGREE = rule("incident.agreement_needs_truce")
R_WEAPONS_CLEARED = rule("event_type.weapons_cleared")
R_CRACKDOWN = rule("incident.crackdown_needs_protest")
R_SWAP = rule("event_type.prisoner_swap")
R_SWAP_NEEDS_PEOPLE = rule("incident.swap_needs_prisoners")
R_SUPPRESS = rule("incident.suppress_needs_protest")
R_BLOCK = rule("incident.blocking_needs_road")
R_ARMED_BLOCK = rule("incident.armed_roadblock")
R_TEAR_GAS = rule("incident.gassed_needs_tear")
R_RAID_ARREST = rule("event_type.raid_of_arrests")
R_CROWD_CONTROL_BANG = rule("incident.crowd_control_blast")
_CROWD_CONTROL = frozenset({"stun", "shock", "sound", "flash", "flashbang", "flashbangs", "tear"})
_ARRESTING = frozenset({"arrest", "detain", "apprehend", "nab", "round"})
R_GATHERED_PEOPLE = rule("incident.gathered_people_described")
R_INTERCEPT = rule("incident.intercept_needs_projectile")
R_VEHICLE = rule("incident.struck_by_vehicle")
R_DOWN = rule("incident.down_needs_aircraft")
R_LAUNCH = rule("incident.launch_needs_weapon")
R_FOUND = rule("incident.found_needs_dead")
R_DISAPPEAR = rule("incident.disappear_needs_forcibly")
R_STREETS = rule("incident.take_needs_streets")
R_SET_FIRE = rule("incident.set_needs_fire")
R_OPEN_FIRE = rule("incident.open_needs_fire")
R_DEMAND = rule("incident.demand_needs_people")
R_PATROL = rule("incident.patrol_needs_forces")
R_TYRES = rule("event_type.burning_tyres")
R_OPERATION_WEAPONS = rule("event_type.weapons_destroyed_in_operation")
R_DELIBERATE = rule("incident.destruction_needs_intent")
R_FIRED_PROJECTILES = rule("event_type.projectiles_fired")
R_FIRE_TARGET = rule("incident.fire_needs_target")
R_SIGN = rule("incident.sign_needs_agreement")
R_GRENADE = rule("event_type.thrown_explosive")
R_GATHER = rule("incident.gathering_needs_protest")
R_MARCHING = rule("incident.marching_needs_protest")
R_THROW = rule("incident.throwing_needs_projectile")
R_EXCHANGE_FIRE = rule("incident.exchange_needs_fire")
R_MOVEMENT = rule("incident.movement_needs_forces")
R_WEAPON_FIRE = rule("event_type.weapon_fire")
R_STRIKE = rule("incident.strike_needs_attack_cue")
R_PROPER_MARCH = rule("incident.proper_name_march")
R_PATROL_NOUN = rule("incident.patrol_noun_needs_forces")
R_OPERATION = rule("incident.operation_needs_violence")
R_STAND = rule("incident.stand_needs_solidarity")
R_SHOT = rule("incident.shot_needs_firing")
R_DEAL = rule("incident.deal_needs_truce")
R_MODIFIER = rule("incident.modifier_of_equipment")

_NATURAL_CAUSES = words("natural_causes")
_WEAPONS_OBJECTS = words("weapons_objects")
_BASE_OBJECTS = words("base_objects")
_PROJECTILES = words("projectiles")
_DEMANDING = words("demanding_subjects")
_OPERATION_WORDS = words("operation_words")
_DESTRUCTION_LEMMAS = words("destruction_lemmas")
_FORCES = words("forces_words")
_TRUCE = words("truce_words")
_EXCHANGED = words("exchanged_people")
_DEAD = words("dead_words")
_BLOCKED = words("blocked_ways")
_DOWNED = words("downed_aircraft")
_BODIES = words("dead_bodies")
_FORCIBLY = words("forcibly_words")
_SET_ON_FIRE = words("set_on_fire_words")
_TYRES = words("tyre_words")
_FIRE_AT = words("fire_at_preps")
_FIRED_MUNITIONS = words("fired_munitions")
_SIGNED = words("signed_agreements")
_THROWN_EXPLOSIVES = words("thrown_explosives")
_THROWN_OBJECTS = words("thrown_objects")
_GUNFIRE = words("gunfire_words")
_MOVING_FORCES = words("moving_forces")
_PATROL_VERBS = words("patrol_verbs")
_OPERATION_VIOLENCE = words("operation_violence")
_SOLIDARITY = words("solidarity_words")
_FIRING = words("firing_words")
_GATHERING_CUES = words("gathering_cues")
_TRUCE_NOUNS = words("truce_nouns")
_LABOUR = words("labour_words")
_VEHICLES = words("vehicle_words")
_VEHICLE_VERBS = frozenset({"strike", "hit", "kill", "run", "knock", "crush", "mow"})
_ARMED_PEOPLE = words("armed_people")
_INTERCEPTED_LOADS = frozenset({"shipment", "consignment", "convoy", "cargo", "vessel", "boat", "ship", "attack",
                                "package", "parcel"})
_SPANS_OF_TIME = frozenset({"day", "days", "hour", "hours", "week", "weeks", "month", "months"})
_ATTACK_STRIKE = words("attack_strike_words")
_PROTEST_CONTEXT = pattern("protest_context")
_EQUIPPED = words("equipped_nouns")
# (not "destroy": destroyed weapons are most often what an attack hit)
_CLEARING = frozenset({"clear", "remove", "defuse", "dismantle"})
_SEIZING = frozenset({"seize", "recover", "confiscate", "discover", "find", "capture"})
_FINDING = frozenset({"recover", "confiscate", "discover", "clear", "remove", "dismantle"})
_ESTABLISHING = frozenset({"establish", "create", "build", "set"})


def sense_of(tok: Token) -> TriggerSense | None:
    """The sense in which a token reports an incident, or None when it reports none."""
    lemma = tok.lemma_.lower()
    lower = tok.lower_
    if ((lower == "shoot" and tok.i + 2 < len(tok.doc) and tok.doc[tok.i + 1].text == "-"
         and tok.doc[tok.i + 2].lower_ == "out") or lower in ("shootout", "shootouts")) and R_SHOOTOUT.applies():
        return NOUN_TRIGGERS["shootout"]
    if tok.pos_ == "VERB" or (tok.pos_ == "AUX" and lemma not in ("be", "have")):
        return _verb_sense(tok, lemma)
    if tok.pos_ in ("NOUN", "PROPN") or lower in ("airstrikes", "airstrike"):
        return _noun_sense(tok, lemma, lower)
    return None


def _verb_sense(tok: Token, lemma: str) -> TriggerSense | None:
    sense = VERB_TRIGGERS.get(lemma)
    if sense is None:
        return None
    children = list(dependents(tok))
    # lemmas and surface forms: the lemmatizer turns "bases" into "basis"
    objects = {w for c in children if c.dep_ in ("dobj", "nsubjpass") for w in (c.lemma_.lower(), c.lower_)}
    subjects = {c.lemma_.lower() for c in children if c.dep_ == "nsubj"}
    agents = {g.lemma_.lower() for c in children if c.dep_ in ("agent", "prep") and c.lower_ in ("by", "in")
              for g in dependents(c)}
    if sense.family == "casualty" and (subjects | agents) & _NATURAL_CAUSES and R_NATURAL.applies():
        return None  # "an earthquake killed eight people", "killed in a flood"
    if lemma in _SEIZING and objects & _WEAPONS_OBJECTS and R_WEAPONS_SEIZED.applies():
        return TriggerSense("interception", strength=0.7)  # weapons seized: disrupted weapons use
    if lemma in _CLEARING and objects & _WEAPONS_OBJECTS and R_WEAPONS_CLEARED.applies():
        return TriggerSense("interception", "ied", 0.7)  # "cleared 300 mines", "defused two bombs"
    if lemma in _FINDING and R_FINDING.applies():
        return None  # only weapons (handled above) make these an event
    if lemma in _ESTABLISHING and objects & _BASE_OBJECTS and R_BASE.applies():
        return TriggerSense("base", strength=0.6)  # "set up two new bases"
    if lemma in ("establish", "create", "build") and R_BUILDING.applies():
        return None
    if lemma in ("dispatch", "mobilize", "mobilise") and not forces_in(sentence_of(tok)) and R_DISPATCH.applies():
        return None
    if lemma == "exchange" and objects & _EXCHANGED and R_PRISONER_EXCHANGE.applies():
        return TriggerSense("agreement", strength=0.6)  # "exchanged prisoners"
    if lemma == "agree" and not any(t.lemma_.lower() in _TRUCE for t in tok.subtree) and R_AGREE.applies():
        return None
    if lemma == "suppress" and not protest_context(tok) and R_SUPPRESS.applies():
        return None
    if lemma == "launch" and not objects & (_PROJECTILES | {"attack", "strike", "raid", "assault", "offensive"}) \
            and R_LAUNCH.applies():
        return None
    if lemma == "find" and not (any(c.lower_ in _DEAD for c in children) or objects & _BODIES) \
            and R_FOUND.applies():
        return None  # "found dead", "bodies were found"
    if lemma == "disappear" and not any(c.lower_ in _FORCIBLY for c in children) and R_DISAPPEAR.applies():
        return None
    if lemma == "take" and not any(c.lemma_.lower() == "street" for c in tok.subtree) and R_STREETS.applies():
        return None  # "took to the streets"
    if lemma == "set" and not any(c.lower_ in _SET_ON_FIRE for c in tok.subtree) and R_SET_FIRE.applies():
        return None  # "set fire to", "set alight"
    if lemma == "open" and "fire" not in objects and R_OPEN_FIRE.applies():
        return None  # "opened fire on"
    if lemma == "demand" and not any(c.dep_ == "nsubj" and c.lemma_.lower() in _DEMANDING for c in children) \
            and R_DEMAND.applies():
        return None  # "workers demanded their salaries", not "officials demanded an inquiry"
    if lemma == "patrol" and not forces_in(sentence_of(tok)) and R_PATROL.applies():
        return None
    if lemma in ("burn", "set", "torch", "light") and {t.lemma_.lower() for c in children if c.dep_ in (
            "dobj", "nsubjpass") for t in c.subtree} & _TYRES and R_TYRES.applies():
        return TriggerSense("riot", strength=0.7)
    if lemma in _DESTRUCTION_LEMMAS and not deliberate(tok):
        if operation_of(tok) is not None:
            destroyed = {t.lemma_.lower() for c in children if c.dep_ in ("dobj", "nsubjpass") for t in c.subtree}
            if destroyed & _WEAPONS_OBJECTS and R_OPERATION_WEAPONS.applies():
                # "destroyed dozens of machine guns ... during an operation"
                return TriggerSense("interception", "ied", 0.7)
        if R_DELIBERATE.applies():
            return None
    if lemma == "fire" and tok.dep_ == "acl" and tok.head.lemma_.lower() in _PROJECTILES \
            and R_FIRED_PROJECTILES.applies():
        return TriggerSense("violence", WEAPON_WORDS.get(tok.head.lemma_.lower()), 0.6)  # "shells fired by X"
    if lemma == "fire" and not any(c.lower_ in _FIRE_AT for c in children) \
            and not any(c.lemma_ in _FIRED_MUNITIONS for c in children) and R_FIRE_TARGET.applies():
        return None  # "fired an official"
    if lemma == "sign" and not any(c.lemma_ in _SIGNED for c in tok.subtree) and R_SIGN.applies():
        return None
    if lemma in ("hurl", "throw", "lob") and any(c.lemma_.lower() in _THROWN_EXPLOSIVES for c in tok.subtree) \
            and R_GRENADE.applies():
        return TriggerSense("violence", "grenade", 0.8)
    if lemma in ("gather", "assemble", "congregate") and not protest_context(tok) and R_GATHER.applies():
        return None
    if lemma == "march" and tok.tag_ == "VBG" and not any(c.dep_ == "nsubj" for c in children) \
            and not protest_context(tok) and R_MARCHING.applies():
        return None  # "prisoners, hands tied, marching in a line": how people moved, no demonstration
    if lemma in ("gather", "assemble", "congregate") and tok.dep_ == "relcl" and _only_place_cues(tok) \
            and R_GATHERED_PEOPLE.applies():
        return None  # "pupils who had assembled outside the school gate": who they were, not a protest
    if lemma == "intercept" and _intercepted_other(objects, children) and R_INTERCEPT.applies():
        return None  # "intercepted a bus": no projectile, aircraft or weapons
    if lemma in _VEHICLE_VERBS and _vehicle_did_it(tok, agents) and R_VEHICLE.applies():
        return None  # "struck by a bus": a road accident
    if lemma in ("hurl", "throw", "pelt") and not any(c.lemma_.lower() in _THROWN_OBJECTS for c in tok.subtree) \
            and R_THROW.applies():
        return None
    if lemma in ("explode", "detonate", "go") and any(
            c.dep_ in ("nsubj", "nsubjpass") and {t.lower_ for t in c.subtree} & _CROWD_CONTROL for c in children) \
            and R_CROWD_CONTROL_BANG.applies():
        return None  # "stun grenades exploded": how a crowd was dispersed, not a bombing
    if lemma == "gas" and not (tok.i >= 2 and tok.doc[tok.i - 2].lower_ == "tear") and R_TEAR_GAS.applies():
        return None  # only "tear-gassed the marchers" is how police break up a crowd
    if lemma == "block" and not any(c.lemma_.lower() in _BLOCKED for c in tok.subtree) and R_BLOCK.applies():
        return None
    if lemma == "block" and _armed_subject(tok) and R_ARMED_BLOCK.applies():
        return None  # "gunmen blocked the highway and killed five": the roadblock of an attack, not a protest
    if lemma == "exchange" and not any(c.lemma_.lower() in _GUNFIRE for c in tok.subtree) \
            and R_EXCHANGE_FIRE.applies():
        return None
    if lemma in ("deploy", "redeploy", "withdraw", "arrive") and not any(
            c.lemma_.lower() in _MOVING_FORCES for c in sentence_of(tok)) and R_MOVEMENT.applies():
        return None
    if lemma == "down" and not any(c.lemma_ in _DOWNED for c in children) and R_DOWN.applies():
        return None
    return sense


def _noun_sense(tok: Token, lemma: str, lower: str) -> TriggerSense | None:
    sense = NOUN_TRIGGERS.get(lemma)
    if sense is None and lemma == "fire":
        weapon = next((WEAPON_WORDS[c.lemma_.lower()] for c in dependents(tok)
                       if c.dep_ in ("compound", "amod") and c.lemma_.lower() in WEAPON_WORDS), None)
        if weapon and R_WEAPON_FIRE.applies():
            return TriggerSense("violence", weapon, 0.6)  # "artillery fire", "mortar fire"
        return None
    if sense is None:
        return None
    if _modifies_equipment(tok) and R_MODIFIER.applies():
        return None  # "riot police", "riot gear", "an unrest-hit region", "attack helicopters"
    if lemma == "raid" and tok.dep_ == "pobj" and tok.head.lower_ in ("in", "during") \
            and tok.head.head.lemma_.lower() in _ARRESTING and R_RAID_ARREST.applies():
        return TriggerSense("arrest", strength=0.8)  # "suspects arrested in dawn raids": the raids were arrests
    if lemma == "strike" and not _strike_is_attack(tok) and R_STRIKE.applies():
        return None
    if lemma in ("march", "rally") and tok.pos_ == "PROPN" and R_PROPER_MARCH.applies():
        return None
    if lemma == "patrol" and not (forces_in(sentence_of(tok)) and tok.head.lemma_.lower() in _PATROL_VERBS) \
            and R_PATROL_NOUN.applies():
        return None  # "forces conducted a patrol", not "a patrol was ambushed"
    if lemma == "operation" and not (any(c.lower_ == "against" for c in dependents(tok)) or
                                     any(t.lemma_.lower() in _OPERATION_VIOLENCE for t in sentence_of(tok))) \
            and R_OPERATION.applies():
        return None
    if lemma in ("motorcade", "crackdown") and not protest_context(tok) and R_CRACKDOWN.applies():
        return None  # "a crackdown on Taliban militants" is no protest
    if lemma in ("exchange", "swap"):
        if (any(t.lemma_.lower() in _EXCHANGED for t in tok.subtree) or any(
                t.lemma_.lower() in ("prisoner", "detainee") for t in tok.doc[max(0, tok.i - 2): tok.i])) \
                and R_SWAP.applies():
            return TriggerSense("agreement", strength=0.55)
        if R_SWAP_NEEDS_PEOPLE.applies():
            return None
    if lemma == "stand" and not any(c.lemma_.lower() in _SOLIDARITY for c in dependents(tok)) and R_STAND.applies():
        return None
    if lemma in ("shot", "burst") and not any(w.lemma_.lower() in _FIRING for w in sentence_of(tok)) \
            and R_SHOT.applies():
        return None
    if lemma == "gathering" and not any(c.lemma_.lower() in _GATHERING_CUES for c in sentence_of(tok)) \
            and R_GATHER.applies():
        return None
    if lemma in ("deal", "agreement") and not any(c.lemma_ in _TRUCE_NOUNS for c in dependents(tok)) \
            and R_DEAL.applies():
        return None
    return sense


def _only_place_cues(tok: Token) -> bool:
    """The only protest cues of the sentence say where people stood ("in front of", "outside the")."""
    cues = {m.group(0) for m in _PROTEST_CONTEXT.finditer(sentence_of(tok).text.lower())}
    return cues <= {"in front of", "outside the"}


def _intercepted_other(objects: set[str], children: list[Token]) -> bool:
    """What was intercepted is named, and it is no projectile, aircraft or weapon, nor carries one ("intercepted
    a bus", not "intercepted a truck loaded with explosives")."""
    named = [c for c in children if c.dep_ in ("dobj", "nsubjpass")]
    if any(c.pos_ in ("NUM", "PRON", "DET") for c in named):
        return False  # "two were intercepted", "intercepted them": what was meant is told elsewhere
    carried = {t.lemma_.lower() for c in named for t in c.subtree}
    allowed = _DOWNED | _PROJECTILES | _WEAPONS_OBJECTS | _INTERCEPTED_LOADS
    return bool(objects) and not (objects | carried) & allowed


def _vehicle_did_it(tok: Token, agents: set[str]) -> bool:
    """"struck (and killed) by a bus", "a lorry hit two pedestrians": a vehicle, not a weapon, did it."""
    # (the verbs coordinated with it directly, "struck and killed": `tok.conjuncts` walks the whole chain, which
    # in a run-on sentence of many clauses makes this quadratic)
    near = [c for c in dependents(tok) if c.dep_ == "conj"] + ([tok.head] if tok.dep_ == "conj" else [])
    for verb in (tok, *near):
        for c in dependents(verb):
            if c.dep_ == "agent" and any(t.lemma_.lower() in _VEHICLES and not _armed_vehicle(t)
                                         for g in dependents(c) for t in g.subtree):  # "by a pair of buses"
                return True
    return any(c.dep_ == "nsubj" and c.lemma_.lower() in _VEHICLES and not _armed_vehicle(c) for c in dependents(tok)) \
        and not any(c.dep_ == "dobj" and c.lemma_.lower() in _WEAPONS_OBJECTS for c in dependents(tok))


def _armed_vehicle(noun: Token) -> bool:
    """"a car bomb", "an armoured vehicle", "a military truck": a weapon or a force's vehicle."""
    return any(t.lemma_.lower() in _WEAPONS_OBJECTS | {"armoured", "armored", "military", "police", "army"}
               for t in noun.subtree) or noun.head.lemma_.lower() in _WEAPONS_OBJECTS


def _armed_subject(tok: Token) -> bool:
    """Who blocked is armed: "gunmen blocked ...", "armed men who blocked ..."."""
    subject = next((c for c in dependents(tok) if c.dep_ == "nsubj"), None)
    if subject is not None and subject.tag_ in ("WP", "WDT") and tok.dep_ == "relcl":
        subject = tok.head
    if subject is None:
        return False
    return subject.lemma_.lower() in _ARMED_PEOPLE or any(
        c.dep_ == "amod" and c.lower_ in ("armed", "masked") for c in dependents(subject))


def forces_in(sent: Span) -> bool:
    return any(t.lemma_.lower() in _FORCES for t in sent)


def protest_context(tok: Token) -> bool:
    """"gathered in front of the ministry demanding ...": a gathering is a protest when the sentence says
    what it demands or opposes."""
    return bool(_PROTEST_CONTEXT.search(sentence_of(tok).text.lower()))


def deliberate(tok: Token) -> bool:
    """"Militants burned houses" is property destruction; "the blast destroyed a car" is damage."""
    from eventwire.pipeline.actors import HEAD_KINDS, NAMED_GROUPS

    for child in dependents(tok):
        if child.dep_ in ("nsubj", "agent"):
            subject = child if child.dep_ == "nsubj" else \
                next((c for c in dependents(child) if c.dep_ == "pobj"), child)
            lemma = subject.lemma_.lower()
            text = subject.text.lower()
            if lemma in HEAD_KINDS and lemma not in ("airstrike", "base", "facility", "home", "house", "village",
                                                     "school", "hospital", "market", "mosque", "church"):
                return True
            if any(p in text for g in NAMED_GROUPS for p in g.patterns):
                return True
    return False


def operation_of(tok: Token) -> Token | None:
    """The "in / during" phrase naming the operation a destruction was done in ("two mortars were destroyed
    during the raid"), or None. Only where the sentence names no one who destroyed: a stated subject
    is judged by `deliberate`."""
    if any(c.dep_ in ("nsubj", "agent") for c in dependents(tok)):
        return None
    for child in dependents(tok):
        if child.dep_ == "prep" and child.lower_ in ("in", "during") and any(
                g.dep_ == "pobj" and g.lemma_.lower() in _OPERATION_WORDS for g in dependents(child)):
            return child
    return None


def _strike_is_attack(tok: Token) -> bool:
    """"strike" is an attack unless labour words stand around it ("workers went on strike")."""
    window = {t.lemma_.lower() for t in tok.doc[max(0, tok.i - 3): tok.i + 3]}
    if window & _LABOUR or _lasting(tok):
        return False
    return bool(window & _ATTACK_STRIKE)


def _lasting(tok: Token) -> bool:
    """"a three-day strike", "a 48-hour strike", "a week-long strike": a stoppage with a set length."""
    doc = tok.doc
    before = [t.lower_ for t in doc[max(0, tok.i - 3): tok.i]]
    return len(before) >= 2 and (
        (before[-2] == "-" and before[-1] in _SPANS_OF_TIME)
        or (before[-1] == "long" and len(before) == 3 and before[-3] in _SPANS_OF_TIME))


def _modifies_equipment(tok: Token) -> bool:
    """The trigger noun only names what a force, its gear or a region is for or known for: it modifies a noun
    of that kind ("riot police", "riot shields", "attack helicopters") or is hyphened to an adjective
    ("unrest-plagued", "conflict-hit")."""
    head = tok.head
    if tok.dep_ in ("compound", "amod", "nmod") and head is not tok and head.pos_ in ("NOUN", "PROPN") \
            and head.lemma_.lower() in _EQUIPPED:
        return True
    doc = tok.doc
    return tok.i + 2 < len(doc) and doc[tok.i + 1].text == "-" and doc[tok.i + 2].pos_ in ("ADJ", "VERB") \
        and not doc[tok.i + 1].whitespace_ and not tok.whitespace_

