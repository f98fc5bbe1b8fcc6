"""Event triggers: words that report an incident, filtered for negation, hypotheticals, futures and
background statements, and classified into ACLED event types and sub-event types."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from itertools import islice
from typing import Any

from eventwire.pipeline.lexicon import (
    ABSTRACT_SUBJECTS,
    BACKGROUND_PHRASES,
    DENIAL_LEMMAS,
    HYPOTHETICAL_LEMMAS,
    NOUN_TRIGGERS,
    REFERENCE_HEADS,
    VERB_TRIGGERS,
    WEAPON_WORDS,
    TriggerSense,
)

_MUNITION_WEAPONS = ("rocket", "missile", "mortar", "artillery")


@dataclass
class Trigger:
    token_index: int
    start: int
    end: int
    text: str
    lemma: str
    sense: TriggerSense
    sentence_index: int
    reference: bool = False  # names an incident told elsewhere ("the attack"): merges, never creates
    target_lemma: str = ""  # the head of its direct object or passive subject ("protesters")
    subject_lemma: str = ""  # the head of its active subject ("army", "earthquake")
    takes_ground: bool = False  # its object is a place: a town, a district, a base ("captured the town")
    dropped: str | None = None  # why it reports no incident (negated, hypothetical, background ...)


def find_triggers(doc: Any) -> list[Trigger]:
    """Every trigger word of the document, with `dropped` set when it does not report an incident."""
    triggers: list[Trigger] = []
    for s_index, sent in enumerate(doc.sents):
        sent_lower = sent.text.lower()
        for tok in sent:
            sense = _sense(tok)
            if sense is None:
                continue
            trig = Trigger(tok.i, tok.idx, tok.idx + len(tok.text), tok.text, tok.lemma_.lower(), sense, s_index)
            trig.dropped = _why_not_an_incident(tok, sent, sent_lower)
            if trig.dropped is None and _means_of_destruction(tok):
                trig.dropped = "the operation of a destruction told with it"
            trig.reference = trig.dropped is None and _is_reference(tok)
            trig.target_lemma = next((c.lemma_.lower() for c in tok.children if c.dep_ in ("dobj", "nsubjpass")), "")
            trig.subject_lemma = next((c.lemma_.lower() for c in tok.children if c.dep_ == "nsubj"), "")
            trig.takes_ground = any(c.dep_ in ("dobj", "pobj", "nsubjpass") and
                                    (c.lemma_.lower() in _GROUND or c.ent_type_ in ("GPE", "LOC", "FAC"))
                                    for c in [*tok.children, *(g for p in tok.children if p.dep_ == "prep"
                                                               for g in p.children)])
            triggers.append(trig)
    return triggers


def _sense(tok: Any) -> TriggerSense | None:
    lemma = tok.lemma_.lower()
    lower = tok.lower_
    if (lower == "shoot" and tok.i + 2 < len(tok.doc) and tok.doc[tok.i + 1].text == "-" and \
            tok.doc[tok.i + 2].lower_ == "out") or lower in ("shootout", "shootouts"):
        return NOUN_TRIGGERS["shootout"]
    if lower.replace("-", "") in ("airstrike", "airstrikes", "airraid", "airraids"):
        return NOUN_TRIGGERS["airstrike"]  # often mis-tagged as a verb
    if tok.pos_ == "VERB" or (tok.pos_ == "AUX" and lemma not in ("be", "have")):
        sense = VERB_TRIGGERS.get(lemma)
        if sense is None:
            return None
        if lemma == "shoot" and any(c.lower_ == "down" for c in tok.children):
            return VERB_TRIGGERS["intercept"]
        # lemmas and surface forms: the lemmatizer turns "bases" into "basis"
        objects = {w for c in tok.children if c.dep_ in ("dobj", "nsubjpass") for w in (c.lemma_.lower(), c.lower_)}
        subjects = {c.lemma_.lower() for c in tok.children if c.dep_ == "nsubj"}
        agents = {g.lemma_.lower() for c in tok.children if c.dep_ in ("agent", "prep") and c.lower_ in ("by", "in")
                  for g in c.children}
        if sense.family == "casualty" and (subjects | agents) & _NATURAL_CAUSES:
            return None  # "an earthquake killed eight people", "killed in a flood"
        if lemma in ("seize", "recover", "confiscate", "discover", "find", "capture") and objects & _WEAPONS_OBJECTS:
            return TriggerSense("interception", strength=0.7)  # weapons seized: disrupted weapons use
        if lemma in ("destroy", "clear", "remove", "defuse", "dismantle") and objects & _WEAPONS_OBJECTS:
            return TriggerSense("interception", "ied", 0.7)  # "cleared 300 mines", "destroyed IEDs"
        if lemma in ("recover", "confiscate", "discover", "clear", "remove", "dismantle"):
            return None  # only weapons (handled above) make these an event
        if lemma in ("establish", "create", "build", "set") and objects & _BASE_OBJECTS:
            return TriggerSense("base", strength=0.6)  # "set up two new bases"
        if lemma in ("establish", "create", "build"):
            return None
        if lemma in ("dispatch", "mobilize", "mobilise") and not _forces_in(tok.sent):
            return None
        if lemma == "exchange" and objects & {"prisoner", "detainee", "captive", "body"}:
            return TriggerSense("agreement", strength=0.6)  # "exchanged prisoners"
        if lemma == "agree" and not any(t.lemma_.lower() in ("ceasefire", "cease", "truce", "deal", "exchange",
                                                            "release", "peace", "accord", "agreement")
                                        for t in tok.subtree):
            return None
        if lemma == "suppress" and not _protest_context(tok):
            return None
        if lemma in ("destroy", "down", "neutralize", "neutralise") and objects & _PROJECTILES:
            return VERB_TRIGGERS["intercept"]
        if lemma == "launch" and not objects & (_PROJECTILES | {"attack", "strike", "raid", "assault", "offensive"}):
            return None
        if lemma == "find" and not (any(c.lower_ in ("dead", "lifeless") for c in tok.children)
                                    or objects & {"body", "corpse", "remains"}):
            return None  # "found dead", "bodies were found"
        if lemma == "disappear" and not any(c.lower_ in ("forcibly", "forcefully") for c in tok.children):
            return None
        if lemma == "take" and not any(c.lemma_.lower() == "street" for c in tok.subtree):
            return None  # "took to the streets"
        if lemma == "set" and not any(c.lower_ in ("fire", "alight", "ablaze", "afire") for c in tok.subtree):
            return None  # "set fire to", "set alight"
        if lemma == "open" and "fire" not in objects:
            return None  # "opened fire on"
        if lemma == "stone" and not objects:
            return None
        if lemma == "demand" and not any(c.dep_ == "nsubj" and c.lemma_.lower() in _DEMANDING for c in tok.children):
            return None  # "workers demanded their salaries", not "officials demanded an inquiry"
        if lemma == "patrol" and not _forces_in(tok.sent):
            return None
        if lemma == "burn" and objects & {"tire", "tyre"}:
            return TriggerSense("riot", strength=0.7)
        if lemma in _DESTRUCTION_LEMMAS and not _deliberate(tok):
            if _operation_of(tok) is not None:
                destroyed = {t.lemma_.lower() for c in tok.children if c.dep_ in ("dobj", "nsubjpass")
                             for t in c.subtree}
                if destroyed & _WEAPONS_OBJECTS:  # "destroyed dozens of machine guns ... during an operation"
                    return TriggerSense("interception", "ied", 0.7)
                # "the rocket launchers were destroyed in later counter-attacks": done on purpose by whoever made
                # them, an incident of its own even where its sentence states no date or place
                return TriggerSense("looting", strength=0.85)
            return None
        if lemma == "fire" and tok.dep_ == "acl" and tok.head.lemma_.lower() in _PROJECTILES:
            return TriggerSense("violence", WEAPON_WORDS.get(tok.head.lemma_.lower()), 0.6)  # "shells fired by X"
        if lemma == "fire" and not any(c.lower_ in ("on", "at", "upon") for c in tok.children) \
                and not any(c.lemma_ in ("shot", "rocket", "missile", "shell", "mortar", "round")
                            for c in tok.children):
            return None  # "fired an official"
        if lemma == "sign" and not any(c.lemma_ in ("agreement", "deal", "ceasefire", "accord", "truce")
                                       for c in tok.subtree):
            return None
        if lemma in ("hurl", "throw", "lob") and any(c.lemma_.lower() in ("grenade", "bomb", "explosive")
                                                       for c in tok.subtree):
            return TriggerSense("violence", "grenade", 0.8)
        if lemma in ("gather", "assemble", "congregate") and not _protest_context(tok):
            return None
        if lemma in ("hurl", "throw", "pelt") and not any(
                c.lemma_.lower() in ("stone", "rock", "molotov", "cocktail", "brick", "projectile", "bottle", "object")
                for c in tok.subtree):
            return None
        if lemma == "block" and not any(c.lemma_.lower() in ("road", "street", "highway", "route", "traffic",
                                                             "bridge", "entrance", "access") for c in tok.subtree):
            return None
        if lemma == "exchange" and not any(c.lemma_.lower() in ("fire", "shot", "gunfire", "gunshot", "bullet")
                                           for c in tok.subtree):
            return None
        if lemma in ("deploy", "redeploy", "withdraw", "arrive") and not any(
                c.lemma_.lower() in ("force", "troop", "soldier", "reinforcement", "unit", "fighter", "militant",
                                     "tribesman", "tribesmen", "convoy", "column")
                for c in tok.sent):
            return None
        if lemma in ("down",) and not any(c.lemma_ in ("drone", "missile", "rocket", "aircraft", "plane", "jet",
                                                        "helicopter", "uav") for c in tok.children):
            return None
        return sense
    if tok.pos_ in ("NOUN", "PROPN") or lower in ("airstrikes", "airstrike"):
        if lower.replace("-", "") in ("airstrike", "airstrikes"):
            return NOUN_TRIGGERS["airstrike"]
        sense = NOUN_TRIGGERS.get(lemma)
        if sense is None and lemma == "fire":
            weapon = next((WEAPON_WORDS[c.lemma_.lower()] for c in tok.children
                           if c.dep_ in ("compound", "amod") and c.lemma_.lower() in WEAPON_WORDS), None)
            return TriggerSense("violence", weapon, 0.6) if weapon else None  # "artillery fire", "mortar fire"
        if sense is None:
            return None
        if lemma == "strike" and not _strike_is_attack(tok):
            return TriggerSense("protest", strength=0.6) if _strike_is_labour(tok) else None
        if lemma in ("march", "rally") and tok.pos_ == "PROPN":
            return None
        if lemma == "patrol" and not (_forces_in(tok.sent) and tok.head.lemma_.lower() in (
                "conduct", "carry", "hold", "launch", "begin", "start", "take", "deploy", "send")):
            return None  # "forces conducted a patrol", not "a patrol was ambushed"
        if lemma == "operation" and not (any(c.lower_ == "against" for c in tok.children) or
                                         any(t.lemma_.lower() in ("kill", "dead", "clash") for t in tok.sent)):
            return None
        if lemma in ("motorcade", "crackdown") and not _protest_context(tok):
            return None  # "a crackdown on Taliban militants" is no protest
        if lemma in ("exchange", "swap"):
            return TriggerSense("agreement", strength=0.55) if any(
                t.lemma_.lower() in ("prisoner", "detainee", "captive", "body") for t in tok.subtree) or any(
                t.lemma_.lower() in ("prisoner", "detainee") for t in tok.doc[max(0, tok.i - 2): tok.i]) else None
        if lemma == "stand" and not any(c.lemma_.lower() in ("solidarity", "protest") for c in tok.children):
            return None
        if lemma in ("shot", "burst") and not any(w.lemma_.lower() in ("fire", "arm", "weapon", "machinegun",
                                                                      "gun", "exchange", "direction")
                                                  for w in tok.sent):
            return None
        if lemma == "gathering" and not any(c.lemma_.lower() in ("protest", "demand", "against", "denounce")
                                            for c in tok.sent):
            return None
        if lemma in ("deal", "agreement") and not any(c.lemma_ in ("ceasefire", "peace", "truce")
                                                       for c in tok.children):
            return None
        return sense
    return None


_DEMANDING = frozenset({"worker", "resident", "farmer", "protester", "demonstrator", "student", "teacher", "driver",
                        "employee", "trader", "villager", "people", "nurse", "doctor", "family", "activist",
                        "member", "youth", "woman", "citizen", "inhabitant", "local", "miner", "vendor"})


def _forces_in(sent: Any) -> bool:
    return any(t.lemma_.lower() in ("force", "troop", "soldier", "police", "army", "military", "militia")
               for t in sent)


_PROTESTER_WORDS = frozenset({"protester", "protestor", "demonstrator", "demonstration", "protest", "marcher"})
_WEAPONS_OBJECTS = frozenset({"weapon", "arm", "firearm", "ammunition", "explosive", "ied", "rifle", "gun", "bomb",
                              "grenade", "cache", "rocket", "mortar", "munition", "detonator", "pistol", "mine",
                              "landmine", "device", "depot"})
_BASE_OBJECTS = frozenset({"base", "bases", "outpost", "headquarters", "barrack", "barracks", "post", "point", "camp",
                           "garrison", "position"})
_GROUND = frozenset({"town", "village", "city", "district", "neighborhood", "neighbourhood", "area", "base",
                     "camp", "hill", "region", "province", "territory", "position", "stronghold", "airport",
                     "airbase", "outpost", "checkpoint", "locality", "county", "capital", "road", "highway",
                     "crossing", "control"})
_STATE_SUBJECTS = frozenset({"army", "military", "troop", "soldier", "force", "government", "police", "unit",
                             "gendarmerie", "navy", "regime"})
_NATURAL_CAUSES = frozenset({"earthquake", "quake", "flood", "flooding", "storm", "cyclone", "hurricane", "typhoon",
                             "landslide", "mudslide", "fire", "blaze", "wildfire", "accident", "crash", "collapse",
                             "virus", "disease", "outbreak", "heatwave", "lightning", "avalanche", "tsunami",
                             "drought", "famine", "rain", "snow", "eruption", "covid-19", "coronavirus", "cholera"})
_PROJECTILES = frozenset({"missile", "drone", "rocket", "uav", "projectile", "shell", "mortar", "bomb"})


def _protest_context(tok: Any) -> bool:
    """"gathered in front of the ministry demanding ...": a gathering is a protest when the sentence says
    what it demands or opposes."""
    return bool(re.search(r"\b(demand\w*|protest\w*|against|chant\w*|slogans?|denounc\w*|solidarity|"
                          r"call(?:ed|ing)? for|condemn\w*|in front of|outside the|banners?|placards?|"
                          r"to support|to urge|to express|to reject|reject\w*)\b", tok.sent.text.lower()))


def _deliberate(tok: Any) -> bool:
    """"Militants burned houses" is property destruction; "the blast destroyed a car" is damage."""
    from eventwire.pipeline.actors import HEAD_KINDS, NAMED_GROUPS

    for child in tok.children:
        if child.dep_ in ("nsubj", "agent"):
            subject = child if child.dep_ == "nsubj" else next((c for c in child.children if c.dep_ == "pobj"), child)
            lemma = subject.lemma_.lower()
            text = subject.text.lower()
            if lemma in HEAD_KINDS and lemma not in ("airstrike", "base", "facility", "home", "house", "village",
                                                     "school", "hospital", "market", "mosque", "church"):
                return True
            if any(p in text for g in NAMED_GROUPS for p in g.patterns):
                return True
    return False


# What forces do on purpose: destruction "in" one of these is deliberate ("in an airstrike" is not: the airstrike
# is the event, the destruction its damage).
_OPERATION_WORDS = frozenset({"counter", "counterattack", "counter-attack", "counteroffensive", "operation",
                              "raid", "sweep", "crackdown"})
_DESTRUCTION_LEMMAS = frozenset({"destroy", "demolish", "burn"})


def _operation_of(tok: Any) -> Any | None:
    """The "in / during" phrase naming the operation a destruction was done in ("the launchers had been destroyed
    in later counter-attacks"), or None. Only where the sentence names no one who destroyed: a stated subject
    is judged by `_deliberate`."""
    if any(c.dep_ in ("nsubj", "agent") for c in tok.children):
        return None
    for child in tok.children:
        if child.dep_ == "prep" and child.lower_ in ("in", "during") and any(
                g.dep_ == "pobj" and g.lemma_.lower() in _OPERATION_WORDS for g in child.children):
            return child
    return None


def _means_of_destruction(tok: Any) -> bool:
    """Whether a noun names the operation of a destruction told with it ("destroyed in counter-attacks"): the
    destruction is the incident, not the operation a second time."""
    if tok.dep_ != "pobj":
        return False
    prep = tok.head
    verb = prep.head
    return verb.lemma_.lower() in _DESTRUCTION_LEMMAS and _operation_of(verb) is prep and not _deliberate(verb)


def _strike_is_attack(tok: Any) -> bool:
    """"strike" is an attack with air/drone/missile/rocket words around it, a labour action otherwise."""
    window = {t.lemma_.lower() for t in tok.doc[max(0, tok.i - 3): tok.i + 3]}
    if window & {"hunger", "general", "labour", "labor", "worker", "union", "teacher", "doctor", "nurse"}:
        return False
    return bool(window & {"air", "drone", "missile", "rocket", "airstrike", "aerial", "israeli", "russian",
                          "us", "u.s.", "american", "deadly", "targeted", "precision", "artillery", "the",
                          "a", "strike", "overnight"})


def _strike_is_labour(tok: Any) -> bool:
    window = {t.lemma_.lower() for t in tok.doc[max(0, tok.i - 4): tok.i + 4]}
    return bool(window & {"hunger", "general", "labour", "labor", "worker", "union", "teacher", "doctor",
                          "nurse", "go", "went", "call", "staff", "driver"})


def _why_not_an_incident(tok: Any, sent: Any, sent_lower: str) -> str | None:
    # Negation on the trigger or its governing verb.
    governors = [tok, *islice(tok.ancestors, 2)]
    for gov in governors:
        for child in gov.children:
            if child.dep_ == "neg" or child.lower_ in ("never",):
                return "negated"
    if tok.pos_ in ("NOUN", "PROPN"):
        dets = [c.lower_ for c in tok.children if c.dep_ == "det"]
        if "no" in dets:
            return "negated"
    head = tok.head
    for gov in (tok, head, head.head):
        lemma = gov.lemma_.lower()
        if lemma in DENIAL_LEMMAS:
            return "denied"
        for child in gov.children:
            if child.dep_ == "aux" and child.lemma_.lower() in ("will", "would", "could", "might", "may", "shall"):
                return "hypothetical or future"
    for anc in islice(tok.ancestors, 3):
        if anc.lemma_.lower() in HYPOTHETICAL_LEMMAS and (
                tok.dep_ in ("xcomp", "ccomp", "dobj", "pobj") or tok.head == anc):
            return "hypothetical or future"
    if tok.dep_ == "xcomp" and tok.head.lemma_.lower() in HYPOTHETICAL_LEMMAS:
        return "hypothetical or future"
    offset = tok.idx - sent.start_char
    # Cues are looked for near the trigger only: in a run-on sentence of thousands of words, scanning the whole
    # sentence for every trigger would be quadratic.
    left = sent_lower[max(0, offset - 80): max(0, offset)]
    near = sent_lower[max(0, offset - 400): offset + 400]
    if re.search(r"\b(if|unless|in case|threat(?:ened|ens)? (?:of|to))\s[^,.]{0,40}$", left):
        return "hypothetical or future"
    if re.search(r"\b(tomorrow|next week|next month|planned|scheduled|upcoming)\b", near) and \
            tok.tag_ in ("VB", "VBG", "NN", "NNS") and not re.search(r"\b(yesterday|on \w+day)\b", near):
        return "hypothetical or future"
    if any(c.dep_ == "nsubj" and c.lemma_.lower() in ABSTRACT_SUBJECTS for c in tok.children):
        return "background statement"  # "the war has killed 10,000 people"
    window = sent_lower[max(0, offset - 60): offset + len(tok.text) + 12]
    if any(p in window for p in BACKGROUND_PHRASES):
        return "background statement"
    return None


def _is_reference(tok: Any) -> bool:
    """"responsibility for the attack", "the strike was meant to": a mention of an incident told elsewhere."""
    for anc in islice(tok.ancestors, 3):
        if anc.lemma_.lower() in REFERENCE_HEADS:
            return True
    if tok.pos_ in ("NOUN", "PROPN"):
        dets = {c.lower_ for c in tok.children if c.dep_ in ("det", "poss")}
        if dets & {"the", "this", "that", "these", "those", "its", "their"} and tok.dep_ in ("nsubj", "nsubjpass",
                                                                                         "pobj", "dobj"):
            return True
    return False


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


_DEVICE = re.compile(r"\b(bombs?|ieds?|explosive devices?|explosives|landmines?|mines?|car bomb\w*|roadside|"
                     r"booby|detonat\w*|bomber|vbied|suicide|planted|blew up|magnetic|sticky)\b")


_CIV = re.compile(r"\b(civilians?|villagers?|residents?|farmers?|women|children|worshippers?|passengers?|"
                  r"family|families|students?|pupils?|teachers?|traders?|journalists?|herders?|people|"
                  r"a man|a woman|a boy|a girl|homes?|houses?|market|mosque|church|school|hospital|"
                  r"drivers?|motorists?|businessm[ae]n|vendors?|shopkeepers?|taxi|health workers?|nurses?|"
                  r"doctors?|persons|locals|worshippers?|"
                  r"village|community|camp for|displaced)\b")
_FORCES = re.compile(r"\b(soldiers?|troops?|army|military|police(?:men)?|officers?|security forces|forces|"
                     r"checkpoint|base|outpost|convoy|patrol|barracks|gendarm\w*|militia(?:men|s)?|"
                     r"fighters?|militants?|insurgents?|rebels?|jihadists?|positions?|army post|air ?base|"
                     r"vdp|volunteers for the defen[cs]e|auxiliar\w*|security personnel|guards?|vigilantes?|"
                     r"peacekeepers?)\b")
_ARMED = re.compile(r"\b(gunmen|militants?|insurgents?|jihadists?|rebels?|bandits?|terrorists?|fighters?|"
                    r"militia(?:men|s)?|armed (?:men|group|groups)|assailants?|attackers?|boko haram|"
                    r"al[- ]shabaa?b|taliban|islamic state|isis|isil|iswap|jnim|houthis?|rsf|m23|adf|"
                    r"herdsmen|pirates|kidnappers|gang(?:s|sters)?)\b")
_PROTEST = re.compile(r"\b(protest\w*|demonstrat\w*|rall(?:y|ied|ies)|march(?:ed|es)?|sit-in|picket\w*|"
                      r"strikers|vigil|chant\w*|placards?|banners?|took to the streets|crowds?|"
                      r"rioters?)\b")
_TEARGAS = re.compile(r"\b(tear ?gas(?: shells?| canisters?)?|water cannons?|rubber bullets|stun grenades?|"
                      r"pepper spray|grenade launchers?|small arms|machine ?guns?)\b")
_INTERVENTION = re.compile(r"\b(tear ?gas|water cannons?|dispers\w+|batons?|rubber bullets|arrest\w*|"
                           r"detain\w*|broke up|break up|stun grenades?|pepper spray|beat(?:en)?|"
                           r"clashed with police|police intervened|forcibly)\b")
_EXCESSIVE = re.compile(r"\b(live (?:ammunition|rounds|fire)|opened fire on (?:the )?(?:protesters|demonstrators|"
                        r"crowd)|shot dead|killed|killing)\b")
_VIOLENT_CROWD = re.compile(r"\b(burning (?:tyres|tires)|threw|throwing|hurl\w*|pelt\w*|stones?|rocks|molotov|"
                            r"set (?:ablaze|fire|on fire)|"
                            r"torch\w*|burn\w*|vandali[sz]\w*|loot\w*|barricad\w*|rioters?|riot\w*|clash\w*|"
                            r"smash\w*|damag\w*|attack\w*|storm\w*)\b")
_MOB = re.compile(r"\b(mob|lynch\w*|jungle justice|angry (?:crowd|residents|villagers|youths)|"
                  r"villagers (?:attacked|beat|killed)|vigilante)\b")
_INTERCEPT = re.compile(r"\b(intercept\w*|shot down|downed|destroyed (?:\w+ ){0,3}(?:drones?|missiles?|rockets?|"
                        r"uavs?)|air defen[cs]e\w*|defus\w*|neutrali[sz]ed (?:\w+ ){0,2}(?:drones?|missiles?|"
                        r"devices?|bombs?|ieds?)|foiled|thwarted)\b")
_DAMAGE = re.compile(r"\b(damag\w*|destroy\w*|struck|hit|impact\w*|fell on|landed|killed|injured|wounded|"
                     r"fire broke out|set ablaze|explo\w*|debris)\b")
_TERRITORY = re.compile(r"\b(took control|taken control|seized control|captured the (?:town|city|village|base)|"
                        r"overran|overrun|fell to|seized the (?:town|city|village|base))\b")
_KILLED = re.compile(r"\b(kill\w*|dead|died|death|wound\w*|injur\w*)\b")


_PEOPLE_TARGETS = re.compile(r"\b(soldiers?|troops?|police(?:men)?|officers?|fighters?|militants?|insurgents?|"
                             r"rebels?|militia(?:men|s)?|gunmen|civilians?|villagers?|residents?|people|protesters|"
                             r"demonstrators|worshippers|passengers|children|women|men)\b")


def names_target(text: str) -> bool:
    """Whether the words right after a trigger name the people it was aimed at ("attacked the troops"), as
    opposed to a place or facility that any weapon could have hit ("attacks on the air base")."""
    return bool(_PEOPLE_TARGETS.search(text[:40].lower()))


def sentence_cues(sent_text: str, sent_lemmas: list[str]) -> SentenceCues:
    lower = sent_text.lower()
    cleaned = _TEARGAS.sub(lambda m: "firearm" if m.group(0).startswith(("small", "machine", "grenade l")) else "",
                           lower)
    weapons: list[str] = []
    for lemma in sent_lemmas:
        weapon = WEAPON_WORDS.get(lemma)
        if weapon and weapon not in weapons:
            if weapon in ("artillery", "grenade") and not re.search(rf"\b{re.escape(lemma)}", cleaned):
                continue  # "tear gas shells", "stun grenades", "grenade launchers"
            weapons.append(weapon)
    if "firearm" in cleaned.split() and "firearm" not in weapons:
        weapons.append("firearm")
    if "car bomb" in lower or "roadside bomb" in lower or "explosive device" in lower or "landmine" in lower:
        weapons.insert(0, "ied")
    if re.search(r"\bsuicide (?:bomb\w*|attack\w*|vest|car)\b", lower):
        weapons.insert(0, "suicide")
    if re.search(r"\b(?:air ?strikes?|air raids?|warplanes?|fighter jets?|bombed from the air)\b", lower):
        weapons.insert(0, "aircraft")
    positions: list[tuple[int, str]] = []
    for match in re.finditer(r"[a-z0-9-]+", cleaned):
        word = match.group(0)
        weapon = WEAPON_WORDS.get(word) or WEAPON_WORDS.get(word.rstrip("s"))
        if weapon:
            positions.append((match.start(), weapon))
    for match in re.finditer(r"\bsuicide\b|\bcar bomb|\broadside bomb|\bexplosive device|\bair ?strikes?|"
                             r"\bair raids?|\bwarplanes?|\bfighter jets?|\bfrom the air\b|"
                             r"\bair forces? (?:reportedly )?(?:targeted|struck|bombed|hit|attacked|raided)", lower):
        word = match.group(0)
        positions.append((match.start(), "suicide" if word == "suicide" else
                          "ied" if "bomb" in word or "device" in word else "aircraft"))
    return SentenceCues(
        weapons=tuple(dict.fromkeys(weapons)),
        weapon_positions=tuple(sorted(positions)),
        target_civilian=bool(_CIV.search(lower)),
        target_forces=bool(_FORCES.search(lower)),
        actor_forces=bool(re.search(r"\b(soldiers|troops|army|military|police|security forces|forces)\b", lower)),
        actor_armed=bool(_ARMED.search(lower)),
        protest_words=bool(_PROTEST.search(lower)),
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
    )


def classify(trigger: Trigger, cues: SentenceCues, right: str = "", offset: int | None = None
             ) -> tuple[str, str | None, str | None]:
    """(event_type, sub_event_type, weapon) for a trigger in its sentence. `right` is the sentence text after
    the trigger: who was targeted is read there first ("militias attacked X and killed 2 residents").
    `offset` is the trigger's position in the sentence (for the nearest weapon word)."""
    family = trigger.sense.family
    weapon = _weapon(trigger, cues, offset)
    if right:
        lower = right.lower()
        civ, forces = bool(_CIV.search(lower)), bool(_FORCES.search(lower))
        if civ or forces:
            cues = replace(cues, target_civilian=civ, target_forces=forces)
        else:
            # Nothing after the trigger: armed groups before it are the perpetrators, not the targets.
            cues = replace(cues, target_forces=cues.target_forces and cues.actor_forces and not cues.actor_armed)
    if family == "change":
        return "Strategic developments", "Change to group/activity", None
    if family == "base":
        return "Strategic developments", "Headquarters or base established", None
    if family in ("violence", "casualty") and (trigger.target_lemma in _PROTESTER_WORDS or (
            trigger.lemma == "die" and trigger.subject_lemma in _PROTESTER_WORDS)) \
            and weapon not in ("aircraft", "drone", "rocket", "missile", "ied", "suicide", "artillery"):
        return "Protests", "Excessive force against protesters", weapon  # forces shooting at demonstrators
    crowd = cues.protest_words and (cues.intervention or _crowd_violent(cues))
    if crowd and family in ("violence", "casualty", "clash") and weapon not in ("aircraft", "drone", "rocket",
                                                                               "missile", "ied", "suicide"):
        family = "protest"
    if family == "protest":
        if _crowd_violent(cues):
            return "Riots", "Violent demonstration", None
        if cues.excessive_force and cues.killed_or_injured and cues.intervention:
            return "Protests", "Excessive force against protesters", weapon
        if cues.intervention:
            return "Protests", "Protest with intervention", None
        return "Protests", "Peaceful protest", None
    if family == "riot":
        if cues.mob or trigger.lemma in ("lynch",):
            return "Riots", "Mob violence", None
        return "Riots", "Violent demonstration", None
    if family == "arrest":
        return "Strategic developments", "Arrests", None
    if family == "abduction":
        return "Violence against civilians", "Abduction/forced disappearance", None
    if family == "sexual":
        return "Violence against civilians", "Sexual violence", None
    if family == "looting":
        if cues.mob:
            return "Riots", "Mob violence", None
        if weapon in ("artillery", "aircraft", "drone", "rocket", "missile", "mortar"):
            return _violence(trigger, cues, weapon)
        if cues.protest_words and _crowd_violent(cues):
            return "Riots", "Violent demonstration", None
        return "Strategic developments", "Looting/property destruction", None
    if family == "agreement":
        return "Strategic developments", "Agreement", None
    if family == "interception":
        return "Strategic developments", "Disrupted weapons use", weapon
    if family == "territory_regained":
        return "Battles", "Government regains territory", weapon
    if family in ("territory_lost", "territory_regained") and (trigger.takes_ground or cues.territory_taken):
        if family == "territory_regained" or trigger.subject_lemma in _STATE_SUBJECTS:
            return "Battles", "Government regains territory", weapon
        return "Battles", "Non-state actor overtakes territory", weapon
    if family == "territory_lost":
        if cues.territory_taken and cues.actor_armed:
            return "Battles", "Non-state actor overtakes territory", weapon
        if trigger.lemma in ("seize", "capture") and not cues.territory_taken:
            if _captures_people(trigger, cues):
                return "Strategic developments", "Arrests", None
            return "Battles", "Armed clash", weapon
        return "Battles", "Armed clash", weapon
    return _violence(trigger, cues, weapon)


def _captures_people(trigger: Trigger, cues: SentenceCues) -> bool:
    return cues.target_forces or cues.target_civilian


def _crowd_violent(cues: SentenceCues) -> bool:
    return cues.violent_crowd and cues.protest_words and not cues.excessive_force


def _weapon(trigger: Trigger, cues: SentenceCues, offset: int | None = None) -> str | None:
    """A trigger that names its means ("shelling", "airstrike") decides; otherwise the sentence's weapon
    word nearest the trigger does ("fired three rockets"); generic triggers fall back to their default."""
    own = trigger.sense.weapon
    if own in ("aircraft", "artillery", "knife") or (own == "rocket" and not cues.weapons):
        return own
    if offset is not None and cues.weapon_positions:
        if "suicide" in cues.weapons:
            return "suicide"
        near = [p for p in cues.weapon_positions if p[1] != "firearm"] or list(cues.weapon_positions)
        return min(near, key=lambda p: abs(p[0] - offset))[1]
    if cues.weapons:
        specific = [w for w in cues.weapons if w != "firearm"]
        return specific[0] if specific else cues.weapons[0]
    return own


def _violence(trigger: Trigger, cues: SentenceCues, weapon: str | None) -> tuple[str, str | None, str | None]:
    """Attacks, clashes, explosions and killings."""
    family = trigger.sense.family
    if cues.intercepted and weapon in ("drone", "missile", "rocket", *_MUNITION_WEAPONS) and not re.search(
            r"\b(killed|injured|wounded)\b", trigger.text.lower()):
        return "Strategic developments", "Disrupted weapons use", weapon
    if weapon == "suicide" or cues.suicide:
        return "Explosions/Remote violence", "Suicide bomb", "suicide"
    if weapon in ("aircraft", "drone"):
        return "Explosions/Remote violence", "Air/drone strike", weapon
    if weapon in _MUNITION_WEAPONS:
        if "firearm" in cues.weapons and cues.target_forces:
            return "Battles", "Armed clash", weapon  # mortars alongside small arms: an exchange of fire
        return "Explosions/Remote violence", "Shelling/artillery/missile attack", weapon
    if weapon == "grenade":
        return "Explosions/Remote violence", "Grenade", weapon
    if weapon == "chemical":
        return "Explosions/Remote violence", "Chemical weapon", weapon
    if weapon == "ied" and family != "clash":
        venue = cues.target_civilian
        if trigger.lemma in ("explosion", "blast", "explode") and not cues.device and not venue:
            return "Explosions/Remote violence", "Shelling/artillery/missile attack", None
        return "Explosions/Remote violence", "Remote explosive/landmine/IED", weapon
    if family == "clash":
        return "Battles", "Armed clash", weapon
    # Attacks and killings: on armed forces -> battle; on civilians by armed men -> violence against civilians.
    if cues.mob:
        return "Riots", "Mob violence", weapon
    if cues.target_forces:
        return "Battles", "Armed clash", weapon  # armed forces engaged: a battle, even with civilian victims
    if cues.target_civilian:
        return "Violence against civilians", "Attack", weapon
    if family == "casualty" or (cues.actor_armed and not cues.actor_forces):
        return "Violence against civilians", "Attack", weapon  # armed men, no armed opponent named
    return "Battles", "Armed clash", weapon


