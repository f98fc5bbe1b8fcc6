"""Actor normalization: a noun phrase that names a participant -> ACLED-like name, kind and inter code.

The phrase comes from the arguments stage (subject, passive agent, object, "on"/"against" phrase). Known
armed groups are matched by name; otherwise the head noun decides the kind (troops -> state forces,
gunmen -> unidentified armed group, villagers -> civilians ...) and the country comes from a country name
or demonym in the phrase, else from the event's country.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from eventwire.gazetteer.countries import COUNTRY_ALIASES, DEMONYMS, country_name
from eventwire.gazetteer.normalize import norm
from eventwire.model import Actor


@dataclass(frozen=True, slots=True)
class NamedGroup:
    name: str
    kind: str
    country: str | None
    patterns: tuple[str, ...]


# Armed groups often named in conflict reporting. Names follow ACLED's actor list where one exists.
NAMED_GROUPS: tuple[NamedGroup, ...] = (
    NamedGroup("Taliban", "rebels", "AF", ("taliban",)),
    NamedGroup("Islamic State", "rebels", None, ("islamic state", "isis", "isil", "daesh", "is militants",
                                                 "is fighters", "islamic state group")),
    NamedGroup("Islamic State (West Africa)", "rebels", "NG", ("iswap", "islamic state west africa")),
    NamedGroup("Islamic State (Sahel)", "rebels", None, ("islamic state sahel", "isgs",
                                                         "islamic state in the greater sahara")),
    NamedGroup("Boko Haram - Jamaatu Ahli is-Sunnah lid-Dawati wal-Jihad", "rebels", "NG", ("boko haram",)),
    NamedGroup("Al Shabaab", "rebels", "SO", ("al shabaab", "al-shabaab", "al shabab", "al-shabab",
                                              "shabaab")),
    NamedGroup("JNIM: Group for Support of Islam and Muslims", "rebels", None, ("jnim", "gsim")),
    NamedGroup("Al Qaeda", "rebels", None, ("al qaeda", "al-qaeda", "al qaida", "aqap", "aqim")),
    NamedGroup("Houthi Movement", "rebels", "YE", ("houthi", "houthis", "ansar allah", "ansarallah")),
    NamedGroup("Hamas Movement", "rebels", "PS", ("hamas", "qassam")),
    NamedGroup("Palestinian Islamic Jihad", "rebels", "PS", ("islamic jihad", "al-quds brigades")),
    NamedGroup("Hezbollah", "political militia", "LB", ("hezbollah", "hizbollah", "hizbullah")),
    NamedGroup("PKK: Kurdistan Workers Party", "rebels", "TR", ("pkk", "kurdistan workers")),
    NamedGroup("SDF: Syrian Democratic Forces", "rebels", "SY", ("sdf", "syrian democratic forces")),
    NamedGroup("HTS: Hayat Tahrir al Sham", "rebels", "SY", ("hts", "hayat tahrir", "tahrir al-sham")),
    NamedGroup("RSF: Rapid Support Forces", "rebels", "SD", ("rsf", "rapid support forces")),
    NamedGroup("M23: March 23 Movement", "rebels", "CD", ("m23", "march 23 movement")),
    NamedGroup("ADF: Allied Democratic Forces", "rebels", "CD", ("adf", "allied democratic forces")),
    NamedGroup("CODECO: Cooperative for Development of Congo", "political militia", "CD", ("codeco",)),
    NamedGroup("FARC Dissidents", "rebels", "CO", ("farc",)),
    NamedGroup("ELN: National Liberation Army", "rebels", "CO", ("eln", "national liberation army")),
    NamedGroup("Clan del Golfo", "political militia", "CO", ("clan del golfo", "gulf clan")),
    NamedGroup("Wagner Group", "external forces", "RU", ("wagner",)),
    NamedGroup("PMF: Popular Mobilization Forces", "political militia", "IQ",
               ("popular mobilization", "popular mobilisation", "hashd", "pmf", "pmu")),
    NamedGroup("Kataib Hezbollah", "political militia", "IQ", ("kataib hezbollah", "kata'ib hezbollah")),
    NamedGroup("Islamic Resistance in Iraq", "political militia", "IQ", ("islamic resistance in iraq",)),
    NamedGroup("Iran-backed Iraqi militias", "political militia", "IQ",
               ("iranian-backed iraqi militias", "iran-backed iraqi militias", "iranian backed",
                "iran-backed", "iraqi resistance")),
    NamedGroup("Arakan Army", "rebels", "MM", ("arakan army",)),
    NamedGroup("PDF: People's Defense Force", "rebels", "MM", ("people's defence force", "people's defense force",
                                                              "pdf")),
    NamedGroup("TTP: Tehreek-i-Taliban Pakistan", "rebels", "PK", ("ttp", "tehreek-e-taliban",
                                                                 "tehrik-i-taliban", "pakistani taliban")),
    NamedGroup("BLA: Balochistan Liberation Army", "rebels", "PK", ("bla", "balochistan liberation army")),
    NamedGroup("NPA: New People's Army", "rebels", "PH", ("npa", "new people's army")),
    NamedGroup("Abu Sayyaf Group", "rebels", "PH", ("abu sayyaf",)),
    NamedGroup("TPLF: Tigray People's Liberation Front", "rebels", "ET", ("tplf", "tigray forces",
                                                                        "tigrayan forces")),
    NamedGroup("Fano Militia", "identity militia", "ET", ("fano",)),
    NamedGroup("OLA: Oromo Liberation Army", "rebels", "ET", ("ola", "oromo liberation army")),
    NamedGroup("Fulani Ethnic Militia", "identity militia", None, ("fulani herdsmen", "fulani militia",
                                                                  "herdsmen")),
    NamedGroup("Ansaroul Islam", "rebels", "BF", ("ansarul islam", "ansaroul islam")),
    NamedGroup("Jaysh al-Adl", "rebels", "IR", ("jaish al-adl", "jaysh al-adl")),
    NamedGroup("LNA: Libyan National Army", "rebels", "LY", ("lna", "libyan national army", "haftar")),
    NamedGroup("Military Forces of Libya (2016-) Government of National Accord", "state forces", "LY",
               ("gna", "government of national accord")),
    NamedGroup("Imbonerakure", "political militia", "BI", ("imbonerakure",)),
    NamedGroup("QSD: Syrian Democratic Forces", "rebels", "SY", ("qsd",)),
    NamedGroup("Southern Transitional Council", "rebels", "YE", ("stc", "southern transitional council",
                                                                "security belt")),
    NamedGroup("Donetsk People's Republic", "rebels", "UA", ("dpr", "donetsk people's republic",
                                                             "donbass people's militia", "naf")),
    NamedGroup("Hurras al-Din", "rebels", "SY", ("hurras al-din",)),
    NamedGroup("Sinaloa Cartel", "political militia", "MX", ("sinaloa cartel",)),
    NamedGroup("CJNG: Jalisco New Generation Cartel", "political militia", "MX", ("cjng", "jalisco new generation")),
)

# Head nouns -> (kind, name template). {country} is filled with the ACLED country name.
HEAD_KINDS: dict[str, tuple[str, str]] = {
    "police": ("state forces", "Police Forces of {country}"),
    "policeman": ("state forces", "Police Forces of {country}"),
    "policemen": ("state forces", "Police Forces of {country}"),
    "officer": ("state forces", "Police Forces of {country}"),
    "gendarme": ("state forces", "Police Forces of {country}"),
    "gendarmerie": ("state forces", "Police Forces of {country}"),
    "soldier": ("state forces", "Military Forces of {country}"),
    "troop": ("state forces", "Military Forces of {country}"),
    "army": ("state forces", "Military Forces of {country}"),
    "military": ("state forces", "Military Forces of {country}"),
    "force": ("state forces", "Military Forces of {country}"),
    "airstrike": ("state forces", "Military Forces of {country}"),
    "jet": ("state forces", "Military Forces of {country}"),
    "warplane": ("state forces", "Military Forces of {country}"),
    "navy": ("state forces", "Military Forces of {country}"),
    "marine": ("state forces", "Military Forces of {country}"),
    "commando": ("state forces", "Military Forces of {country}"),
    "government": ("state forces", "Military Forces of {country}"),
    "regime": ("state forces", "Military Forces of {country}"),
    "base": ("state forces", "Military Forces of {country}"),
    "facility": ("state forces", "Military Forces of {country}"),
    "militant": ("rebels", "Unidentified Armed Group ({country})"),
    "insurgent": ("rebels", "Unidentified Armed Group ({country})"),
    "jihadist": ("rebels", "Unidentified Armed Group ({country})"),
    "rebel": ("rebels", "Unidentified Armed Group ({country})"),
    "terrorist": ("rebels", "Unidentified Armed Group ({country})"),
    "extremist": ("rebels", "Unidentified Armed Group ({country})"),
    "fighter": ("rebels", "Unidentified Armed Group ({country})"),
    "separatist": ("rebels", "Unidentified Armed Group ({country})"),
    "gunman": ("political militia", "Unidentified Armed Group ({country})"),
    "gunmen": ("political militia", "Unidentified Armed Group ({country})"),
    "assailant": ("political militia", "Unidentified Armed Group ({country})"),
    "attacker": ("political militia", "Unidentified Armed Group ({country})"),
    "bandit": ("political militia", "Unidentified Armed Group ({country})"),
    "kidnapper": ("political militia", "Unidentified Armed Group ({country})"),
    "militia": ("political militia", "Unidentified Armed Group ({country})"),
    "militiaman": ("political militia", "Unidentified Armed Group ({country})"),
    "militiamen": ("political militia", "Unidentified Armed Group ({country})"),
    "group": ("political militia", "Unidentified Armed Group ({country})"),
    "gang": ("political militia", "Unidentified Armed Group ({country})"),
    "vigilante": ("identity militia", "Vigilante Group ({country})"),
    "tribesman": ("identity militia", "Tribal Militia ({country})"),
    "tribesmen": ("identity militia", "Tribal Militia ({country})"),
    "herder": ("identity militia", "Ethnic Militia ({country})"),
    "herdsman": ("identity militia", "Ethnic Militia ({country})"),
    "herdsmen": ("identity militia", "Ethnic Militia ({country})"),
    "protester": ("protesters", "Protesters ({country})"),
    "protestor": ("protesters", "Protesters ({country})"),
    "demonstrator": ("protesters", "Protesters ({country})"),
    "activist": ("protesters", "Protesters ({country})"),
    "worker": ("protesters", "Protesters ({country})"),
    "student": ("protesters", "Protesters ({country})"),
    "rioter": ("rioters", "Rioters ({country})"),
    "supporter": ("rioters", "Rioters ({country})"),
    "mob": ("rioters", "Rioters ({country})"),
    "youth": ("rioters", "Rioters ({country})"),
    "local": ("civilians", "Civilians ({country})"),
    "inhabitant": ("civilians", "Civilians ({country})"),
    "citizen": ("civilians", "Civilians ({country})"),
    "civilian": ("civilians", "Civilians ({country})"),
    "villager": ("civilians", "Civilians ({country})"),
    "resident": ("civilians", "Civilians ({country})"),
    "people": ("civilians", "Civilians ({country})"),
    "person": ("civilians", "Civilians ({country})"),
    "farmer": ("civilians", "Civilians ({country})"),
    "child": ("civilians", "Civilians ({country})"),
    "woman": ("civilians", "Civilians ({country})"),
    "man": ("civilians", "Civilians ({country})"),
    "passenger": ("civilians", "Civilians ({country})"),
    "worshipper": ("civilians", "Civilians ({country})"),
    "journalist": ("civilians", "Civilians ({country})"),
    "family": ("civilians", "Civilians ({country})"),
    "pupil": ("civilians", "Civilians ({country})"),
    "teacher": ("civilians", "Civilians ({country})"),
    "doctor": ("civilians", "Civilians ({country})"),
    "home": ("civilians", "Civilians ({country})"),
    "house": ("civilians", "Civilians ({country})"),
    "village": ("civilians", "Civilians ({country})"),
    "community": ("civilians", "Civilians ({country})"),
    "hospital": ("civilians", "Civilians ({country})"),
    "school": ("civilians", "Civilians ({country})"),
    "mosque": ("civilians", "Civilians ({country})"),
    "church": ("civilians", "Civilians ({country})"),
    "market": ("civilians", "Civilians ({country})"),
}

# One pass over a text finds every named group (longest alias first, whole words only).
_GROUP_BY_ALIAS: dict[str, NamedGroup] = {p: g for g in NAMED_GROUPS for p in g.patterns}
_GROUP_PATTERN = re.compile(
    r"(?<![a-z])(" + "|".join(re.escape(p) for p in sorted(_GROUP_BY_ALIAS, key=len, reverse=True)) + r")(?![a-z])")


def find_named_groups(text: str) -> list[tuple[NamedGroup, int, int]]:
    """Every named armed group in `text` with its character span, in order."""
    return [(_GROUP_BY_ALIAS[m.group(1)], m.start(1), m.end(1)) for m in _GROUP_PATTERN.finditer(text.lower())]


_COUNTRY_WORDS: dict[str, str] = {}


def _country_words() -> dict[str, str]:
    if not _COUNTRY_WORDS:
        for demonym, code in DEMONYMS.items():
            _COUNTRY_WORDS[demonym] = code
        for code, aliases in COUNTRY_ALIASES.items():
            for alias in aliases:
                _COUNTRY_WORDS[norm(alias)] = code
        for code in ("US", "GB", "IQ", "SY", "IR", "IL", "PS", "UA", "RU", "AF", "PK", "NG", "SO", "YE", "LB",
                     "ML", "BF", "NE", "SD", "ET", "CD", "MM", "CO", "MX", "TR", "SA", "EG", "LY", "KE",
                     "CM", "TD", "IN", "PH", "MZ", "SS", "CF", "HT", "VE", "BR", "FR", "CN", "JO", "AE"):
            name = country_name(code)
            if name:
                _COUNTRY_WORDS[norm(name)] = code
    return _COUNTRY_WORDS


_WORD = re.compile(r"[a-z][a-z'\-]*")


def country_in_phrase(phrase: str) -> str | None:
    """ISO code of a country named in the phrase ("Iraqi security forces" -> "IQ", "US troops" -> "US")."""
    words = _country_words()
    lowered = phrase.lower().replace("u.s.", "us").replace("u.k.", "uk")
    tokens = _WORD.findall(lowered)
    for size in (3, 2, 1):
        for i in range(len(tokens) - size + 1):
            key = norm(" ".join(tokens[i: i + size]))
            if key in words:
                # "US" is written in lower case after lowering: only trust it from the original casing.
                if key == "us" and "US" not in phrase and "U.S." not in phrase:
                    continue
                return words[key]
    return None


def normalize_actor(phrase: str, head_lemma: str, event_country: str | None) -> Actor | None:
    """An `Actor` for a participant phrase, or None when the phrase does not name a participant."""
    lowered = phrase.lower()
    groups = find_named_groups(phrase)
    if groups:
        group = groups[0][0]
        return Actor(text=phrase, name=group.name, kind=group.kind,
                     country=country_name(group.country) if group.country else None)
    head = head_lemma.lower()
    if re.search(r"\b(armed|gunmen|assailants)\b", lowered) and head in ("man", "men", "individual", "person",
                                                                          "people", "group", "assailant"):
        head = "gunman"  # "three armed men", "armed individuals"
    if head not in HEAD_KINDS:
        return None
    kind, template = HEAD_KINDS[head]
    code = country_in_phrase(phrase)
    # "forces" alone is too vague to call a state force unless the phrase says whose.
    vague = not any(w in lowered for w in ("security", "government", "armed"))
    if kind == "state forces" and code is None and head in ("force", "facility", "base") and vague:
        return None
    if kind == "state forces" and code and event_country and country_name(code) != event_country:
        kind = "external forces" if head not in ("police",) else kind
    country = country_name(code) if code else event_country
    name = template.format(country=country or "International")
    if kind == "external forces":
        name = template.format(country=country or "International")
    if kind == "political militia" and head in ("militia", "militiaman", "militiamen") and code:
        name = f"Militia ({country})"
    return Actor(text=phrase, name=name, kind=kind, country=country)
