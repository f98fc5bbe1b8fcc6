"""Actor normalization: a noun phrase that names a participant -> ACLED-like name, kind and inter code.

The phrase comes from the arguments stage (subject, passive agent, object, "on"/"against" phrase). Known
armed groups are matched by name; otherwise the head noun decides the kind (troops -> state forces,
gunmen -> unidentified armed group, villagers -> civilians ...) and the country comes from a country name
or demonym in the phrase, else from the event's country.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from importlib import resources

from eventwire.gazetteer.countries import COUNTRY_ALIASES, DEMONYMS, country_name
from eventwire.gazetteer.normalize import norm
from eventwire.model import Actor
from eventwire.pipeline.lexicon import pattern, words
from eventwire.pipeline.rules import rule

R_NAMED = rule("actors.named_group")
R_ARMED_MEN = rule("actors.armed_men")
R_HEAD = rule("actors.head_noun_kind")
R_VAGUE_FORCES = rule("actors.vague_forces")
R_FOREIGN = rule("actors.foreign_forces")
R_MILITIA = rule("actors.militia_of_country")
R_FORCES_OF = rule("actors.forces_of_named_authority")
# "the military forces of Artsakh": forces of an authority that is not a country of the gazetteer
_FORCES_OF = re.compile(r"\b(?:military|armed|security|government|defen[cs]e)\s+forces\s+of\s+(?:the\s+)?"
                        r"([A-Z][\w'’-]+(?:\s[A-Z][\w'’-]+){0,2})\b")
_ARMED_MEN = pattern("armed_men_words")
R_NAMED_UNIT = rule("actors.named_unit")
R_OFF_DUTY = rule("actors.off_duty_are_civilians")
_OFF_DUTY = pattern("off_duty_words")
# a capitalised name ending in a unit word, which names an armed faction when no state's army owns it
_NAMED_UNIT = re.compile(r"(?:[A-Z][\w'’-]+\s){1,3}(?:Division|Brigades?|Battalion|Regiment|Legion|Front)\b")
_STATE_UNIT = pattern("state_unit_words", re.I)
_WHOSE_FORCES = words("whose_forces_words")


@dataclass(frozen=True, slots=True)
class NamedGroup:
    name: str
    kind: str
    country: str | None
    patterns: tuple[str, ...]


def _table(name: str) -> list[dict[str, str]]:
    text = (resources.files("eventwire.pipeline") / "data" / name).read_text(encoding="utf-8")
    return list(csv.DictReader(io.StringIO("".join(line for line in text.splitlines(keepends=True)
                                                    if not line.startswith("#")))))


# Armed groups often named in conflict reporting (data/armed_groups.csv). Names follow ACLED's actor list.
NAMED_GROUPS: tuple[NamedGroup, ...] = tuple(
    NamedGroup(row["name"], row["kind"], row["country"] or None, tuple(row["aliases"].split("|")))
    for row in _table("armed_groups.csv"))

# Head nouns -> (kind, name template) (data/actor_heads.csv). {country} is filled with the ACLED country name.
HEAD_KINDS: dict[str, tuple[str, str]] = {row["lemma"]: (row["kind"], row["name"]) for row in _table("actor_heads.csv")}

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
    if groups and R_NAMED.applies():
        group = groups[0][0]
        return Actor(text=phrase, name=group.name, kind=group.kind,
                     country=country_name(group.country) if group.country else None)
    unit = _NAMED_UNIT.search(phrase)
    if unit and not _STATE_UNIT.search(phrase) and R_NAMED_UNIT.applies():
        # "the Sultan Murad Division", "Northern Storm Brigade": a faction named by its unit, as ACLED names it
        return Actor(text=phrase, name=unit.group(0).removeprefix("The ").strip(), kind="rebels",
                     country=event_country)
    head = head_lemma.lower()
    if _ARMED_MEN.search(lowered) and head in ("man", "men", "individual", "person", "people", "group", "assailant") \
            and R_ARMED_MEN.applies():
        head = "gunman"  # "three armed men", "armed individuals"
    if head not in HEAD_KINDS and head.endswith("s") and head[:-1] in HEAD_KINDS:
        head = head[:-1]  # a capitalised plural the lemmatizer keeps as a name ("the Ukrainian Forces")
    if head not in HEAD_KINDS:
        return None
    R_HEAD.applies()
    kind, template = HEAD_KINDS[head]
    if head == "personnel" and "police" in lowered:
        kind, template = HEAD_KINDS["police"]  # "police personnel"
    code = country_in_phrase(phrase)
    authority = _FORCES_OF.search(phrase.strip())
    if kind == "state forces" and code is None and authority and R_FORCES_OF.applies():
        return Actor(text=phrase, name=f"Military Forces of {authority.group(1).strip()}", kind=kind, country=None)
    # "forces" alone is too vague to call a state force unless the phrase says whose.
    vague = not any(w in lowered for w in _WHOSE_FORCES)
    if kind == "state forces" and code is None and head in ("force", "facility", "base") and vague \
            and R_VAGUE_FORCES.applies():
        return None
    if kind == "state forces" and code and event_country and country_name(code) != event_country \
            and head not in ("police",) and R_FOREIGN.applies():
        kind = "external forces"
    country = country_name(code) if code else event_country
    if kind == "state forces" and _OFF_DUTY.search(lowered) and country and R_OFF_DUTY.applies():
        # "an off-duty soldier", "a retired police officer": out of combat, coded as a civilian
        return Actor(text=phrase, name=f"Civilians ({country})", kind="civilians", country=country)
    name = template.format(country=country or "International")
    if kind == "political militia" and head in ("militia", "militiaman", "militiamen") and code \
            and R_MILITIA.applies():
        name = f"Militia ({country})"
    return Actor(text=phrase, name=name, kind=kind, country=country)
