"""What the words around a place mention say of it: introduced by "in" or "near", where something came from
("from Lebanon"), whose forces ("US troops"), a region ("Idlib province", "rural Idlib"), the region that says
which town another is ("Parkland, Florida"); and country adjectives as mentions of their country, for geoparsing
("Russian", "European")."""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span, Token

from eventwire.gazetteer.countries import CONTINENT_DEMONYMS, CONTINENT_NAMES, DEMONYMS, country_name
from eventwire.gazetteer.index import Gazetteer
from eventwire.gazetteer.normalize import norm
from eventwire.pipeline.lexicon import words
from eventwire.pipeline.place_mention import Toponym, make_toponym
from eventwire.pipeline.rules import rule
from eventwire.pipeline.toponym_filters import KIND_WORDS, LOCATIVE_BEFORE, PLACE_LABELS, REGION_WORDS

R_ORIGIN = rule("toponym.origin")
R_OUTLET = rule("toponym.outlet_name")
R_COUNTRYSIDE = rule("toponym.countryside")
R_QUALIFIER = rule("toponym.qualifier")
R_ENUMERATION = rule("toponym.enumeration_not_qualifier")
R_BRACKET = rule("toponym.bracket_qualifier")
R_DEMONYM = rule("toponym.demonym")
R_CONTINENT_ABBREVIATION = rule("toponym.continent_abbreviation")
R_DEMONYM_IN_NAME = rule("toponym.demonym_in_longer_name")

_ORIGIN_FILLER = words("origin_filler")
_OUTLET_WORDS = words("outlet_words")
_DISTANCE_WORDS = words("distance_words")
_NEAR_WORDS = words("near_words")
# Words between a town and the region that says which town it is: "Parkland, Florida", "Kafraya in Idleb",
# "Svietlahorsk of the Gomel region".
_QUALIFIER_LINKS = frozenset({(",",), ("in",), ("of",), ("of", "the"), ("in", "the")})
# ... but "Zilina, Nitra, Presov and Kosice" is a list of towns, not a town and its region.
_LIST_LINKS = frozenset({(",",), ("and",), ("or",), (",", "and"), (",", "or")})
_DEMONYM_WORDS = max(len(d.split()) for d in (*DEMONYMS, *CONTINENT_DEMONYMS))
# Abbreviations geoparsing corpora place on their continent ("EU" at Europe's point).
_CONTINENT_ABBREVIATIONS = {"EU": "EU", "E.U.": "EU"}
_CAPS = re.compile(r"^[A-Z]")


def _in_outlet_name(doc: Doc, topo: Toponym) -> bool:
    """The name lies inside a longer entity with a news outlet's word ("Radio Free Asia", "the Kyiv Post")."""
    first = doc[topo.token_start]
    if not first.ent_type_ or first.ent_type_ == "GPE":
        return False
    start = topo.token_start
    while start > 0 and doc[start].ent_iob_ == "I":
        start -= 1
    end = topo.token_end
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    rest = [t for t in doc[start:end] if not topo.token_start <= t.i < topo.token_end]
    return any(t.lower_ in _OUTLET_WORDS for t in rest)


def mark_context(doc: Doc, topo: Toponym) -> None:
    before = [t.lower_ for t in doc[max(0, topo.token_start - 4): topo.token_start]]
    content = [w for w in before if w not in ("the", "a", "an")]  # "in the Tarmiyah district"
    if content and content[-1] in LOCATIVE_BEFORE:
        topo.locative = True
    if _in_outlet_name(doc, topo) and R_OUTLET.applies():
        topo.outlet = True
    if before and before[-1] == "from" and R_ORIGIN.applies():
        topo.origin = True
    elif "from" in before:  # "from the towns of Marib and Sirwah" (not "reports from the Jowhar district")
        at = before.index("from")
        rest = before[at + 1:]
        # (not a distance: "50 kilometers from the city of Odesa" says where something is)
        prior = doc[topo.token_start - len(before) + at - 1].lower_ if topo.token_start - len(before) + at > 0 else ""
        topo.origin = "of" in rest and all(w in _ORIGIN_FILLER for w in rest) and prior not in _DISTANCE_WORDS \
            and R_ORIGIN.applies()
    if any(w in _NEAR_WORDS for w in before[-3:]) or (before and before[-1] == "of" and len(before) > 1
                                                        and before[-2] in _NEAR_WORDS):
        topo.near = True
    after = doc[topo.token_end].lower_ if topo.token_end < len(doc) else ""
    last = doc[topo.token_end - 1]
    if last.dep_ in ("compound", "amod", "nmod", "poss") and last.head.i >= topo.token_end and \
            last.head.pos_ in ("NOUN", "PROPN") and last.head.lower_ not in REGION_WORDS:
        topo.modifier = True
    before_tok = doc[topo.token_start - 1].text if topo.token_start > 0 else ""
    if before_tok in ("(", ",") or after == ")":
        topo.listed = True
    if after in REGION_WORDS or topo.text.lower().split()[-1] in REGION_WORDS:
        topo.region_word = True
    following = [t.lower_ for t in doc[topo.token_end: topo.token_end + 2]]
    if ((content and content[-1] == "rural") or content[-2:] == ["countryside", "of"]
            or following[:1] == ["countryside"] or following == ["'s", "countryside"]) and R_COUNTRYSIDE.applies():
        topo.countryside = True


def mark_qualifiers(doc: Doc, chosen: list[Toponym]) -> None:
    """Set `qualifier` where a region or country names which town is meant: right after it ("Town, State",
    "Town in Region") or as the last region of a listing in brackets after it ("Tudun Wada (Kaduna North LGA,
    Kaduna)", "Ezzouhour (Kasserine)")."""
    def names_region(topo: Toponym) -> bool:
        return any(c.kind in ("admin1", "country") for c in topo.candidates[:60])

    for index, topo in enumerate(chosen[:-1]):
        following = chosen[index + 1]
        # "Quamishli city in al-Hasakeh", "Fresnillo municipality, Zacatecas", "Baqim district (Sadah)"
        end = topo.token_end
        if end < len(doc) and end < following.token_start and doc[end].lower_ in KIND_WORDS:
            end += 1
        if following.token_start - end <= 3:
            link = tuple(t.lower_ for t in doc[end: following.token_start])
            after = chosen[index + 2] if index + 2 < len(chosen) else None
            enumeration = link == (",",) and after is not None and after.token_start - following.token_end <= 2 \
                and tuple(t.lower_ for t in doc[following.token_end: after.token_start]) in _LIST_LINKS \
                and R_ENUMERATION.applies()
            if link in _QUALIFIER_LINKS and names_region(following) and not enumeration and R_QUALIFIER.applies():
                topo.qualifier = norm(following.text)
                following.qualifies = following.qualifies or _lies_in(topo, following)
                continue
        if end < len(doc) and doc[end].text == "(":
            close = next((t.i for t in doc[end: min(len(doc), end + 16)] if t.text == ")"), None)
            if close is None:
                continue
            listed = None  # the last region named inside the brackets
            for item in chosen[index + 1:index + 9]:
                if item.token_end > close:
                    break
                if names_region(item):
                    listed = item
            if listed is not None and R_BRACKET.applies():
                topo.qualifier = norm(listed.text)
                listed.qualifies = listed.qualifies or _lies_in(topo, listed)


def _lies_in(town: Toponym, region: Toponym) -> bool:
    """Whether some reading of a name lies in some region reading of the name after it ("Tacoma, Washington":
    a Tacoma lies in the state of Washington; "the OAS in Washington": no OAS does)."""
    codes = {c.admin1_code for c in region.candidates[:60] if c.kind == "admin1" and c.admin1_code}
    return any(c.admin1_code in codes for c in town.candidates[:60] if c.kind != "admin1")


def _capitalized(token: Token) -> bool:
    return bool(_CAPS.match(token.text)) or (token.is_upper and len(token.text) > 1)


def demonym_mentions(doc: Doc, gazetteer: Gazetteer, sent_index: dict[int, int], offset: int) -> list[Toponym]:
    """Capitalized country and continent adjectives ("Russian", "South Korean", "European") and the "EU",
    each with the country or continent as its only candidate."""
    spans: list[tuple[Span, str, str]] = []  # (span, place_id, lookup name)
    place_ents = [e for e in doc.ents if e.label_ in PLACE_LABELS]
    for i in range(len(doc)):
        abbreviation = _CONTINENT_ABBREVIATIONS.get(doc[i].text)
        if abbreviation and R_CONTINENT_ABBREVIATION.applies():
            spans.append((doc[i: i + 1], f"continent:{abbreviation}", CONTINENT_NAMES[abbreviation]))
            continue
        for size in range(_DEMONYM_WORDS, 0, -1):
            span = doc[i: i + size]
            if len(span) < size or not all(_capitalized(t) and not t.is_upper for t in span):
                continue
            lowered = span.text.lower()
            code = DEMONYMS.get(lowered)
            continent = CONTINENT_DEMONYMS.get(lowered) if code is None else None
            before = doc[i - 1] if i > 0 else None
            if (code or continent) and before is not None and _capitalized(before) \
                    and before.pos_ in ("PROPN", "ADJ") and not doc[i].is_sent_start and R_DEMONYM_IN_NAME.applies():
                break  # "Central American", "North American": part of a longer name
            inside = any(e.start <= i and i + size <= e.end and e.end - e.start > size for e in place_ents)
            if inside:  # "French Quarter" is a place of its own
                continue
            if code and R_DEMONYM.applies():
                spans.append((span, f"country:{code}", country_name(code) or code))
                break
            if continent and R_DEMONYM.applies():
                spans.append((span, f"continent:{continent}", CONTINENT_NAMES[continent]))
                break
    if not spans:
        return []
    found = gazetteer.lookup_many(sorted({norm(name) for _, _, name in spans}))
    mentions: list[Toponym] = []
    for span, place_id, name in spans:
        place = next((c for c in found.get(norm(name), ()) if c.place_id == place_id), None)
        if place is not None:
            topo = make_toponym(span, sent_index, (place,), "demonym", "NORP", offset)
            topo.demonym_only = True
            mentions.append(topo)
    return mentions
