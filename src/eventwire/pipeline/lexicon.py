"""Word lists the stages share: event triggers, weapons, casualty words, actor words.

Triggers are keyed by lemma (lower case). Each maps to a `TriggerSense`: the event family it signals and,
where the word alone decides it, the sub-event type. Context rules in `triggers.py` refine the sub-type.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class TriggerSense:
    family: str  # "violence", "protest", "riot", "arrest", "abduction", "interception", "looting",
    #              "territory_lost", "territory_regained", "agreement", "base", "sexual", "clash", "casualty"
    weapon: str | None = None
    strength: float = 0.7  # prior confidence that the word reports an incident


# Verbs (by lemma) that report an incident.
VERB_TRIGGERS: dict[str, TriggerSense] = {
    "attack": TriggerSense("violence", strength=0.75),
    "strike": TriggerSense("violence", strength=0.5),
    "hit": TriggerSense("violence", strength=0.5),
    "target": TriggerSense("violence", strength=0.55),
    "shell": TriggerSense("violence", "artillery", 0.85),
    "bomb": TriggerSense("violence", "aircraft", 0.75),
    "bombard": TriggerSense("violence", "artillery", 0.85),
    "fire": TriggerSense("violence", "firearm", 0.35),
    "shoot": TriggerSense("violence", "firearm", 0.7),
    "gun": TriggerSense("violence", "firearm", 0.6),
    "ambush": TriggerSense("clash", "firearm", 0.85),
    "raid": TriggerSense("violence", strength=0.6),
    "storm": TriggerSense("violence", strength=0.55),
    "assault": TriggerSense("violence", strength=0.6),
    "clash": TriggerSense("clash", strength=0.9),
    "fight": TriggerSense("clash", strength=0.55),
    "battle": TriggerSense("clash", strength=0.6),
    "engage": TriggerSense("clash", strength=0.5),
    "repel": TriggerSense("clash", strength=0.75),
    "repulse": TriggerSense("clash", strength=0.75),
    "explode": TriggerSense("violence", "ied", 0.75),
    "detonate": TriggerSense("violence", "ied", 0.8),
    "blow": TriggerSense("violence", "ied", 0.4),
    "kill": TriggerSense("casualty", strength=0.7),
    "murder": TriggerSense("casualty", strength=0.8),
    "behead": TriggerSense("casualty", "knife", 0.9),
    "hack": TriggerSense("casualty", "knife", 0.5),
    "stab": TriggerSense("casualty", "knife", 0.8),
    "massacre": TriggerSense("casualty", strength=0.9),
    "execute": TriggerSense("casualty", "firearm", 0.7),
    "lynch": TriggerSense("riot", strength=0.9),
    "wound": TriggerSense("casualty", strength=0.6),
    "injure": TriggerSense("casualty", strength=0.6),
    "die": TriggerSense("casualty", strength=0.35),
    "protest": TriggerSense("protest", strength=0.85),
    "demonstrate": TriggerSense("protest", strength=0.8),
    "rally": TriggerSense("protest", strength=0.65),
    "march": TriggerSense("protest", strength=0.45),
    "picket": TriggerSense("protest", strength=0.8),
    "riot": TriggerSense("riot", strength=0.9),
    "loot": TriggerSense("looting", strength=0.85),
    "plunder": TriggerSense("looting", strength=0.85),
    "torch": TriggerSense("looting", strength=0.8),
    "burn": TriggerSense("looting", strength=0.45),
    "vandalize": TriggerSense("looting", strength=0.75),
    "vandalise": TriggerSense("looting", strength=0.75),
    "demolish": TriggerSense("looting", strength=0.65),
    "destroy": TriggerSense("looting", strength=0.4),
    "arrest": TriggerSense("arrest", strength=0.85),
    "detain": TriggerSense("arrest", strength=0.8),
    "apprehend": TriggerSense("arrest", strength=0.8),
    "nab": TriggerSense("arrest", strength=0.75),
    "abduct": TriggerSense("abduction", strength=0.9),
    "kidnap": TriggerSense("abduction", strength=0.9),
    "seize": TriggerSense("territory_lost", strength=0.45),
    "capture": TriggerSense("territory_lost", strength=0.45),
    "overrun": TriggerSense("territory_lost", strength=0.8),
    "recapture": TriggerSense("territory_regained", strength=0.85),
    "retake": TriggerSense("territory_regained", strength=0.85),
    "regain": TriggerSense("territory_regained", strength=0.75),
    "liberate": TriggerSense("territory_regained", strength=0.7),
    "intercept": TriggerSense("interception", strength=0.85),
    "down": TriggerSense("interception", strength=0.6),
    "defuse": TriggerSense("interception", "ied", 0.85),
    "rape": TriggerSense("sexual", strength=0.9),
    "sign": TriggerSense("agreement", strength=0.3),
    "hurl": TriggerSense("riot", strength=0.6),
    "pelt": TriggerSense("riot", strength=0.7),
    "throw": TriggerSense("riot", strength=0.4),
    "raze": TriggerSense("looting", strength=0.8),
    "bulldoze": TriggerSense("looting", strength=0.8),
    "steal": TriggerSense("looting", strength=0.7),
    "rustle": TriggerSense("looting", strength=0.75),
    "block": TriggerSense("protest", strength=0.45),
    "deploy": TriggerSense("change", strength=0.5),
    "redeploy": TriggerSense("change", strength=0.6),
    "withdraw": TriggerSense("change", strength=0.45),
    "exchange": TriggerSense("clash", "firearm", 0.5),
    "beat": TriggerSense("violence", strength=0.5),
    "arrive": TriggerSense("change", strength=0.45),
    "gather": TriggerSense("protest", strength=0.55),
    "recover": TriggerSense("interception", strength=0.3),
    "confiscate": TriggerSense("interception", strength=0.3),
    "discover": TriggerSense("interception", strength=0.3),
    "agree": TriggerSense("agreement", strength=0.55),
    "surrender": TriggerSense("agreement", strength=0.55),
    "suppress": TriggerSense("protest", strength=0.6),
    "launch": TriggerSense("violence", strength=0.5),
    "find": TriggerSense("casualty", strength=0.55),
    "disappear": TriggerSense("abduction", strength=0.6),
    "take": TriggerSense("protest", strength=0.6),
    "assassinate": TriggerSense("casualty", "firearm", 0.85),
    "barricade": TriggerSense("riot", strength=0.6),
    "stone": TriggerSense("riot", strength=0.7),
    "set": TriggerSense("looting", strength=0.6),
    "open": TriggerSense("violence", "firearm", 0.7),
    "disperse": TriggerSense("protest", strength=0.55),
    "demand": TriggerSense("protest", strength=0.5),
    "patrol": TriggerSense("change", strength=0.45),
    "assemble": TriggerSense("protest", strength=0.5),
    "congregate": TriggerSense("protest", strength=0.5),
}

# Nouns (by lemma) that report an incident.
NOUN_TRIGGERS: dict[str, TriggerSense] = {
    "attack": TriggerSense("violence", strength=0.7),
    "airstrike": TriggerSense("violence", "aircraft", 0.9),
    "strike": TriggerSense("violence", strength=0.5),
    "raid": TriggerSense("violence", strength=0.6),
    "air raid": TriggerSense("violence", "aircraft", 0.9),
    "bombing": TriggerSense("violence", "ied", 0.8),
    "bombardment": TriggerSense("violence", "artillery", 0.85),
    "shelling": TriggerSense("violence", "artillery", 0.9),
    "barrage": TriggerSense("violence", "rocket", 0.8),
    "explosion": TriggerSense("violence", "ied", 0.7),
    "blast": TriggerSense("violence", "ied", 0.75),
    "ambush": TriggerSense("clash", "firearm", 0.85),
    "clash": TriggerSense("clash", strength=0.9),
    "fighting": TriggerSense("clash", strength=0.75),
    "firefight": TriggerSense("clash", "firearm", 0.9),
    "gunfight": TriggerSense("clash", "firearm", 0.9),
    "gunbattle": TriggerSense("clash", "firearm", 0.9),
    "battle": TriggerSense("clash", strength=0.6),
    "skirmish": TriggerSense("clash", strength=0.85),
    "offensive": TriggerSense("clash", strength=0.45),
    "shooting": TriggerSense("violence", "firearm", 0.7),
    "gunfire": TriggerSense("violence", "firearm", 0.6),
    "massacre": TriggerSense("casualty", strength=0.9),
    "killing": TriggerSense("casualty", strength=0.65),
    "protest": TriggerSense("protest", strength=0.85),
    "demonstration": TriggerSense("protest", strength=0.8),
    "rally": TriggerSense("protest", strength=0.7),
    "march": TriggerSense("protest", strength=0.45),
    "sit-in": TriggerSense("protest", strength=0.85),
    "vigil": TriggerSense("protest", strength=0.55),
    "riot": TriggerSense("riot", strength=0.9),
    "unrest": TriggerSense("riot", strength=0.45),
    "looting": TriggerSense("looting", strength=0.85),
    "arson": TriggerSense("looting", strength=0.8),
    "arrest": TriggerSense("arrest", strength=0.8),
    "detention": TriggerSense("arrest", strength=0.55),
    "abduction": TriggerSense("abduction", strength=0.9),
    "kidnapping": TriggerSense("abduction", strength=0.9),
    "interception": TriggerSense("interception", strength=0.8),
    "ceasefire": TriggerSense("agreement", strength=0.45),
    "truce": TriggerSense("agreement", strength=0.45),
    "agreement": TriggerSense("agreement", strength=0.3),
    "deal": TriggerSense("agreement", strength=0.2),
    "rape": TriggerSense("sexual", strength=0.85),
    "shootout": TriggerSense("clash", "firearm", 0.9),
    "shoot-out": TriggerSense("clash", "firearm", 0.9),
    "reinforcement": TriggerSense("change", strength=0.55),
    "blockade": TriggerSense("protest", strength=0.5),
    "gathering": TriggerSense("protest", strength=0.35),
    "shot": TriggerSense("clash", "firearm", 0.4),
    "burst": TriggerSense("clash", "firearm", 0.4),
    "projectile": TriggerSense("violence", "artillery", 0.45),
    "stand": TriggerSense("protest", strength=0.4),
    "patrol": TriggerSense("change", strength=0.45),
    "operation": TriggerSense("clash", strength=0.45),
    "assassination": TriggerSense("casualty", "firearm", 0.85),
    "motorcade": TriggerSense("protest", strength=0.45),
    "crackdown": TriggerSense("protest", strength=0.5),
    "exchange": TriggerSense("agreement", strength=0.55),
    "swap": TriggerSense("agreement", strength=0.5),
}

# Words naming weapons (lemma -> weapon code of the JSON contract).
WEAPON_WORDS: dict[str, str] = {
    "rocket": "rocket", "katyusha": "rocket", "grad": "rocket", "himars": "rocket",
    "missile": "missile", "ballistic": "missile", "cruise": "missile", "iskander": "missile",
    "mortar": "mortar", "artillery": "artillery", "shell": "artillery", "shelling": "artillery",
    "howitzer": "artillery", "cannon": "artillery", "tank": "artillery",
    "drone": "drone", "uav": "drone", "shahed": "drone", "quadcopter": "drone", "kamikaze": "drone",
    "airstrike": "aircraft", "warplane": "aircraft", "jet": "aircraft", "aircraft": "aircraft",
    "helicopter": "aircraft", "gunship": "aircraft", "plane": "aircraft",
    "ied": "ied", "landmine": "ied", "mine": "ied", "roadside": "ied", "explosive": "ied",
    "bomb": "ied", "car bomb": "ied", "vbied": "ied", "device": "ied", "arms": "firearm",
    "suicide": "suicide", "bomber": "suicide",
    "grenade": "grenade", "rpg": "firearm", "rpgs": "firearm",
    "gun": "firearm", "gunman": "firearm", "gunmen": "firearm", "rifle": "firearm", "bullet": "firearm",
    "gunfire": "firearm", "shooting": "firearm", "shot": "firearm", "ak-47": "firearm", "pistol": "firearm",
    "machete": "knife", "knife": "knife", "axe": "knife", "sword": "knife", "cutlass": "knife",
    "vehicle": "vehicle", "truck": "vehicle", "car": "vehicle",
    "chemical": "chemical", "chlorine": "chemical", "sarin": "chemical", "nerve": "chemical",
}

# Nouns counted as munitions when a number modifies them.
MUNITION_NOUNS: frozenset[str] = frozenset({
    "rocket", "missile", "shell", "mortar", "drone", "bomb", "projectile", "uav", "grenade", "round",
})

KILLED_WORDS: frozenset[str] = frozenset({
    "kill", "dead", "die", "death", "fatality", "life", "murder", "behead", "execute", "slay", "slain",
    "massacre", "body", "corpse", "toll", "fatally", "perish", "lynch",
})
INJURED_WORDS: frozenset[str] = frozenset({
    "injure", "injured", "wound", "wounded", "hurt", "injury", "casualty", "hospitalize", "hospitalise",
})
CAPTURED_WORDS: frozenset[str] = frozenset({
    "arrest", "detain", "abduct", "kidnap", "capture", "hostage", "apprehend", "nab", "seize", "custody",
    "abductee", "detainee", "prisoner", "captive",
})

# Cues that a trigger's sentence is not a fresh incident.
NEGATION_WORDS: frozenset[str] = frozenset({"not", "no", "never", "n't", "neither", "nor", "without"})
DENIAL_LEMMAS: frozenset[str] = frozenset({"deny", "refute", "reject", "dismiss"})
HYPOTHETICAL_LEMMAS: frozenset[str] = frozenset({
    "threaten", "plan", "vow", "warn", "fear", "could", "might", "may", "would", "will", "shall",
    "intend", "prepare", "aim", "seek", "want", "try", "attempt", "consider", "propose", "urge", "call",
    "pledge", "promise", "risk", "prevent", "avert", "plot", "deter", "mean", "order",
    "demand", "ask",
})
# Subjects that make "X has killed ..." a cumulative toll rather than an incident.
ABSTRACT_SUBJECTS: frozenset[str] = frozenset({
    "war", "conflict", "violence", "insurgency", "fighting", "crisis", "unrest", "campaign", "uprising",
    "offensive", "rebellion", "bloodshed", "epidemic", "pandemic",
})
# Verbs whose subject is a trend, not an incident ("attacks appear to be accelerating").
TREND_LEMMAS: frozenset[str] = frozenset({
    "appear", "seem", "continue", "increase", "rise", "accelerate", "escalate", "decline", "become",
    "remain", "intensify", "surge", "grow", "drop", "fall", "decrease", "persist",
})
REFERENCE_HEADS: frozenset[str] = frozenset({
    "responsibility", "accountability", "condemn", "condemnation", "blame", "investigate",
    "investigation", "retaliation", "response", "revenge", "funeral", "trial", "anniversary", "memorial",
})
BACKGROUND_PHRASES: tuple[str, ...] = (
    "since ", "so far this year", "over the past", "in the past", "over the last", "in recent years",
    "in recent months", "for years", "for decades", "decade-long", "years-long", "years of",
    "have been killed since", "the conflict",
    "the war has", "insurgency has", "a series of", "wave of", "spate of", "continuing attacks",
)
