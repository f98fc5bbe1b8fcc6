"""Toponym recognition: spans of the text that name places, with their gazetteer candidates.

Candidates come from three sources, so a place the NER misses or mislabels is still found:
1. gazetteer matching of capitalized token n-grams (the entity ruler: the stock English model tags many
   Arabic and African place names as PERSON or ORG, or not at all);
2. NER spans labelled GPE / LOC / FAC;
3. patterns: "X province", "the village of X", "X-based", "near X" around capitalized words.
Overlaps are resolved in favour of the longest span.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from spacy.attrs import IDX, IS_ALPHA, IS_PUNCT, IS_UPPER

from eventwire.gazetteer.countries import CONTINENT_DEMONYMS, CONTINENT_NAMES, DEMONYMS, country_name
from eventwire.gazetteer.index import Candidate, Gazetteer
from eventwire.gazetteer.normalize import norm, skeleton, spelling_similarity
from eventwire.pipeline.actors import NAMED_GROUPS
from eventwire.pipeline.lexicon import NOUN_TRIGGERS, VERB_TRIGGERS

MAX_NGRAM = 7  # "Democratic People's Republic of Korea"
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
# Words that are place names somewhere but, capitalized at a sentence start or in titles, are rarely places.
COMMON_WORDS = frozenset({
    "the", "a", "an", "and", "or", "but", "of", "in", "on", "at", "to", "for", "by", "with", "from", "as",
    "he", "she", "it", "they", "we", "i", "you", "this", "that", "these", "those", "his", "her", "their",
    "our", "its", "is", "was", "were", "be", "been", "has", "have", "had", "said", "says", "say", "mr",
    "mrs", "ms", "dr", "gen", "col", "president", "minister", "police", "army", "government", "state",
    "city", "town", "village", "district", "province", "region", "county", "north", "south", "east",
    "west", "northern", "southern", "eastern", "western", "central", "new", "old", "great", "saint",
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january", "february",
    "march", "april", "may", "june", "july", "august", "september", "october", "november", "december",
    "reuters", "ap", "afp", "bbc", "cnn", "news", "press", "media", "twitter", "facebook", "telegram",
    "photo", "video", "image", "read", "more", "click", "share", "home", "world", "africa", "asia",
    "europe", "america", "middle", "national", "international", "security", "forces", "force", "military",
    "islamic", "people", "party", "union", "council", "court", "ministry", "office", "agency", "human",
    "rights", "un", "eu", "nato", "us", "uk", "no", "one", "two", "three", "all", "after", "before",
    "during", "while", "when", "where", "who", "what", "there", "here", "then", "also", "however", "some",
    "many", "several", "at least", "about", "over", "under", "up", "down", "out", "off", "not", "if",
    "so", "than", "only", "just", "even", "still", "yet", "such", "other", "another", "each", "every",
    "both", "few", "most", "much", "any", "same", "own", "well", "back", "day", "days", "week", "year",
    "time", "man", "men", "women", "children", "killed", "dead", "attack", "attacks", "strike", "bomb",
    "fire", "gas", "oil", "air", "base", "camp", "prison", "airport", "port", "university", "hospital",
    "school", "church", "mosque", "market", "bridge", "road", "street", "square", "police station",
    "general", "colonel", "captain", "major", "sergeant", "governor", "mayor", "chief", "king", "queen",
    "prince", "lord", "god", "allah", "christ", "jesus", "sources", "source", "report", "reports",
    "sunni", "shia", "shiite", "christian", "muslim", "jewish", "arab", "kurd", "kurds", "tigray",
    "victoria", "florence", "paris hilton", "china", "white", "black", "red", "green", "blue", "gold",
    "rocket", "mortar", "drone", "cobra", "eagle", "lion", "tiger", "hope", "liberty", "independence",
    "freedom", "unity", "justice", "peace", "mission", "operation", "division", "brigade", "battalion",
    "corps", "army corps", "front", "line", "lines", "border", "coast", "island", "islands", "valley",
    "mount", "lake", "river", "sea", "gulf", "bay", "hill", "hills", "desert", "forest", "wadi", "al", "el",
    "jebel", "jabal", "san", "santa", "cruz", "la", "le", "de", "du", "des", "ad", "ar", "osce", "smm", "lga",
    "gna", "lna", "sdf", "rsf", "pkk", "naf", "isgs", "jnim", "idf", "covid", "coronavirus",
    "palestinians", "israelis", "muslims", "christians", "size", "no report", "fatalities", "unknown",
    "colonia", "barangay", "barrio", "sector", "comunidad", "fraccionamiento", "zona", "aldea", "vereda",
    "centre", "center",  # "Convention Centre", "Rogers Centre": not the Centre region of Burkina Faso
})
_LOCATIVE_BEFORE = frozenset({"in", "at", "near", "outside", "around", "to", "into", "across",
                              "of", "towards", "toward", "between", "inside", "on"})
_RURAL_WORDS = frozenset({"rural", "countryside", "outskirts", "suburbs", "downtown"})
_TOWN_WORDS = frozenset({"city", "town", "village", "township", "hamlet"})
_SETTLEMENT_WORDS = _TOWN_WORDS | {"countryside", "suburb", "neighbourhood", "neighborhood", "camp", "area"}
# How alike a whole NER span and a place name must look for the span to replace a shorter match inside it.
_WHOLE_SPAN_SIMILARITY = 0.85  # ("Ras Al Ain" ~ "Ra's al 'Ayn" 0.9; "West Wales" ~ "West Allis" 0.8)
# ... and for a name the model took for a person but the words call a place ("Kushki Kuhna district" ~
# "Kushk-e Kuhnah" 0.85; "Rajwar area" ~ "Rajaori" 0.77)
_PERSON_PLACE_SIMILARITY = 0.8
_GROUP_NAMES = frozenset(norm(p) for g in NAMED_GROUPS for p in g.patterns)
_CAPS = re.compile(r"^[A-Z]")


@dataclass
class Toponym:
    """A place mention: its span, the names it may refer to and how it was found."""

    start: int  # character offsets in the article text
    end: int
    text: str
    sentence_index: int
    candidates: tuple[Candidate, ...]
    source: str  # "gazetteer", "ner", "pattern", "skeleton", "demonym"
    ner_label: str | None = None
    locative: bool = False  # introduced by in / at / near ...
    near: bool = False  # "near X", "outside X", "north of X": geo_precision 2
    token_start: int = 0
    token_end: int = 0
    demonym_only: bool = False
    origin: bool = False  # "from Lebanon": where something came from, not where it happened
    region_word: bool = False  # followed by "province", "region", "oblast" ...: an admin region is meant
    # "rural Idlib", "Aleppo countryside", "the northern countryside of Raqqa": the land around a town, which
    # such reports mean as the province named after it
    countryside: bool = False
    modifier: bool = False  # "US dollar", "US forces": names whose country, not where something happened
    listed: bool = False  # "(Biu LGA, Borno)": part of an administrative listing
    qualifier: str | None = None  # "Parkland, Florida": the normalized name of the region or country that follows
    qualifies: bool = False  # "Florida" of "Parkland, Florida": says which town another name is, so a region
    notes: list[str] = field(default_factory=list)


def _is_capitalized(token: Any) -> bool:
    return bool(_CAPS.match(token.text)) or (token.is_upper and len(token.text) > 1)


@dataclass(frozen=True, slots=True)
class _Tokens:
    """The token attributes the n-gram scan reads, taken in one pass (each `doc[i]` builds a Token object)."""

    texts: list[str]
    lowers: list[str]
    caps: list[bool]
    alpha: list[bool]
    punct: list[bool]
    starts: list[int]

    @classmethod
    def of(cls, doc: Any) -> _Tokens:
        texts = [t.text for t in doc]
        if not texts:
            return cls([], [], [], [], [], [])
        # flags and offsets in one array call: reading them token by token costs more than the lookups
        alpha, punct, upper, starts = (column.tolist() for column in
                                       doc.to_array([IS_ALPHA, IS_PUNCT, IS_UPPER, IDX]).T)
        lowers = [text.lower() for text in texts]
        caps = [bool(_CAPS.match(text)) or (bool(up) and len(text) > 1) for text, up in zip(texts, upper, strict=True)]
        return cls(texts, lowers, caps, [bool(a) for a in alpha], [bool(p) for p in punct], [int(i) for i in starts])


def _candidate_ngrams(doc: Any, mixed_case: bool, tokens: _Tokens | None = None) -> list[tuple[int, int]]:
    """Token ranges (start, end) worth looking up: runs of capitalized tokens, allowing lower-case
    connectors inside ("Deir ez-Zor", "Khan al-Baghdadi", "Bosnia and Herzegovina")."""
    spans: list[tuple[int, int]] = []
    n = len(doc)
    tok = tokens or _Tokens.of(doc)
    texts, lowers, caps, alpha, punct = tok.texts, tok.lowers, tok.caps, tok.alpha, tok.punct
    for i in range(n):
        if not alpha[i] and not texts[i][:1].isalpha():
            continue
        # "al-Omar oil field": a lower-case Arabic article may open a name
        # ... with a hyphen or a space ("al Bab"), but not "et al."
        article_start = lowers[i] in ("al", "el") and (
            (i + 2 < n and texts[i + 1] == "-" and caps[i + 2])
            or (i + 1 < n and caps[i + 1] and alpha[i + 1] and not (i > 0 and lowers[i - 1] == "et")))
        if mixed_case and not caps[i] and not article_start:
            continue
        for size in range(1, MAX_NGRAM + 1):
            j = i + size
            if j > n:
                break
            last = j - 1
            if punct[last] and texts[last] not in ("-", "'"):
                break
            if mixed_case and not (caps[last] or lowers[last] in _CONNECTORS
                                   or (size > 1 and lowers[last] in _FACILITY_WORDS)):
                break
            if mixed_case and not caps[last] and size > 1 and j == n:
                break
            if lowers[last] == "'s":
                continue  # only inside a name ("People's Republic"), never its end ("Canada's")
            spans.append((i, j))
    return spans


def find_toponyms(doc: Any, gazetteer: Gazetteer, *, text_offset: int = 0, demonyms: bool = False) -> list[Toponym]:
    """All place mentions of a parsed document, longest-first, without overlaps.

    With `demonyms`, capitalized adjectives of countries ("Russian", "South Korean") are mentions of the
    country too, as geoparsing corpora count them (`demonym_only`); event extraction leaves them out, as they
    say whose, not where."""
    text = doc.text
    letters = "".join(filter(str.isalpha, text[:5000]))
    upper_share = sum(map(str.isupper, letters)) / max(1, len(letters))
    mixed_case = 0.03 < upper_share < 0.6  # all-caps wires (MUC) and lower-case feeds need n-grams of all tokens
    sent_index = _sentence_index(doc)

    tokens = _Tokens.of(doc)
    ranges = _candidate_ngrams(doc, mixed_case, tokens)
    # the key of each range from character offsets (a Span object per n-gram costs more than the lookup)
    starts, texts = tokens.starts, tokens.texts
    # A range whose first word starts no name names nothing: its key is not built. (A word followed by an
    # apostrophe may fuse with it in the key: "Estey's Bridge" -> "esteys bridge".)
    first_words = gazetteer.first_words()
    opens = {i: norm(texts[i]).split(" ", 1)[0] in first_words or (i + 1 < len(texts) and texts[i + 1][:1] in "'’`")
             for i in {i for i, _ in ranges}}
    ranges = [r for r in ranges if opens[r[0]]]
    keys = {(i, j): norm(text[starts[i]: starts[j - 1] + len(texts[j - 1])]) for i, j in ranges}
    ents = list(doc.ents)  # each doc.ents access builds every entity span again
    found = gazetteer.lookup_many([k for k in keys.values() if k])
    ner_spans = {(ent.start, ent.end): ent.label_ for ent in ents}
    ner_tokens: dict[int, str] = {}
    for ent in ents:
        for t in range(ent.start, ent.end):
            ner_tokens[t] = ent.label_

    proposals: list[Toponym] = []
    for (i, j), key in keys.items():
        cands = found.get(key)
        if not cands:
            continue
        span = doc[i:j]
        label = ner_spans.get((i, j)) or ner_tokens.get(i)
        if key in COMMON_WORDS and (i, j) not in ner_spans:
            continue  # "East" of "Middle East", "North" of "North Africa": only a whole entity may be a common word
        if not (_plausible(span, key, cands, label, mixed_case, ents) or _region_follows(span, cands, found)):
            continue
        proposals.append(_make(span, sent_index, cands, "gazetteer", label, text_offset))

    # NER place spans the gazetteer did not know verbatim: try the transliteration-tolerant key. A span only
    # partly matched ("Ras Al Ain", of which the gazetteer knows "Al Ain") is tried whole as well, and kept
    # when some place is spelled much like all of it.
    covering: dict[int, int] = {}  # token -> length of the longest proposal over it
    for p in proposals:
        for t in range(p.token_start, p.token_end):
            covering[t] = max(covering.get(t, 0), p.token_end - p.token_start)
    # Names the model takes for people but the words around call a town ("the town of Tal Tamer") are tried
    # by their fuzzy key only: their exact names went through the gazetteer scan above.
    for ent in ents:
        body = _strip_determiner(ent)
        person_named_as_place = ent.label_ in ("PERSON", "ORG", "NORP") and body is not None \
            and _named_as_place(body) and not _is_demonym(body.text)  # not "rural Mexicans"
        if body is None or not (ent.label_ in PLACE_LABELS or person_named_as_place):
            continue
        inner = [covering[t] for t in range(body.start, body.end) if t in covering]
        partly = bool(inner)
        named = len(body) - (body[-1].lower_ in _TOWN_WORDS)  # "Hays city" is Hays
        if partly and max(inner) >= named:
            continue
        exact = gazetteer.lookup(norm(body.text))
        if (exact and person_named_as_place) or (not exact and not body.text[:1].isupper()):
            continue  # (a lower-case span, "comunidad", is no name to spell fuzzily)
        cands = exact or gazetteer.lookup_skeleton(skeleton(body.text), body.text)
        # (a span only partly matched, or a name the model took for a person, must be spelled much like a place:
        # "Rajwar area" is not Rajaori)
        alike = _WHOLE_SPAN_SIMILARITY if partly else _PERSON_PLACE_SIMILARITY
        if (partly or person_named_as_place) and not (
                exact or any(spelling_similarity(body.text, c.name) >= alike for c in cands)):
            continue
        proposals.append(_make(body, sent_index, cands, "ner" if exact else "skeleton", ent.label_, text_offset))

    if demonyms:
        proposals.extend(_demonym_mentions(doc, gazetteer, sent_index, text_offset))
    chosen = _longest_non_overlapping(proposals)
    for topo in chosen:
        _mark_context(doc, topo)
    _mark_qualifiers(doc, chosen)
    return chosen


# Words between a town and the region that says which town it is: "Parkland, Florida", "Kafraya in Idleb",
# "Svietlahorsk of the Gomel region".
_QUALIFIER_LINKS = frozenset({(",",), ("in",), ("of",), ("of", "the"), ("in", "the")})
# ... but "Zilina, Nitra, Presov and Kosice" is a list of towns, not a town and its region.
_LIST_LINKS = frozenset({(",",), ("and",), ("or",), (",", "and"), (",", "or")})


def _mark_qualifiers(doc: Any, chosen: list[Toponym]) -> None:
    """Set `qualifier` where a region or country names which town is meant: right after it ("Town, State",
    "Town in Region") or as the last region of a listing in brackets after it ("Tudun Wada (Kaduna North LGA,
    Kaduna)", "Ezzouhour (Kasserine)")."""
    def names_region(topo: Toponym) -> bool:
        return any(c.kind in ("admin1", "country") for c in topo.candidates[:60])

    for index, topo in enumerate(chosen[:-1]):
        following = chosen[index + 1]
        # "Quamishli city in al-Hasakeh", "Fresnillo municipality, Zacatecas", "Baqim district (Sadah)"
        end = topo.token_end
        if end < len(doc) and end < following.token_start and doc[end].lower_ in _KIND_WORDS:
            end += 1
        if following.token_start - end <= 3:
            link = tuple(t.lower_ for t in doc[end: following.token_start])
            after = chosen[index + 2] if index + 2 < len(chosen) else None
            enumeration = link == (",",) and after is not None and after.token_start - following.token_end <= 2 \
                and tuple(t.lower_ for t in doc[following.token_end: after.token_start]) in _LIST_LINKS
            if link in _QUALIFIER_LINKS and names_region(following) and not enumeration:
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
            if listed is not None:
                topo.qualifier = norm(listed.text)
                listed.qualifies = listed.qualifies or _lies_in(topo, listed)


def _lies_in(town: Toponym, region: Toponym) -> bool:
    """Whether some reading of a name lies in some region reading of the name after it ("Tacoma, Washington":
    a Tacoma lies in the state of Washington; "the OAS in Washington": no OAS does)."""
    codes = {c.admin1_code for c in region.candidates[:60] if c.kind == "admin1" and c.admin1_code}
    return any(c.admin1_code in codes for c in town.candidates[:60] if c.kind != "admin1")


_DEMONYM_WORDS = max(len(d.split()) for d in (*DEMONYMS, *CONTINENT_DEMONYMS))
# Abbreviations geoparsing corpora place on their continent ("EU" at Europe's point).
_CONTINENT_ABBREVIATIONS = {"EU": "EU", "E.U.": "EU"}


def _demonym_mentions(doc: Any, gazetteer: Gazetteer, sent_index: dict[int, int], offset: int) -> list[Toponym]:
    """Capitalized country and continent adjectives ("Russian", "South Korean", "European") and the "EU",
    each with the country or continent as its only candidate."""
    spans: list[tuple[Any, str, str]] = []  # (span, place_id, lookup name)
    place_ents = [e for e in doc.ents if e.label_ in PLACE_LABELS]
    for i in range(len(doc)):
        abbreviation = _CONTINENT_ABBREVIATIONS.get(doc[i].text)
        if abbreviation:
            spans.append((doc[i: i + 1], f"continent:{abbreviation}", CONTINENT_NAMES[abbreviation]))
            continue
        for size in range(_DEMONYM_WORDS, 0, -1):
            span = doc[i: i + size]
            if len(span) < size or not all(_is_capitalized(t) and not t.is_upper for t in span):
                continue
            lowered = span.text.lower()
            code = DEMONYMS.get(lowered)
            continent = CONTINENT_DEMONYMS.get(lowered) if code is None else None
            before = doc[i - 1] if i > 0 else None
            if (code or continent) and before is not None and _is_capitalized(before) \
                    and before.pos_ in ("PROPN", "ADJ") and not doc[i].is_sent_start:
                break  # "Central American", "North American": part of a longer name
            inside = any(e.start <= i and i + size <= e.end and e.end - e.start > size for e in place_ents)
            if inside:  # "French Quarter" is a place of its own
                continue
            if code:
                spans.append((span, f"country:{code}", country_name(code) or code))
                break
            if continent:
                spans.append((span, f"continent:{continent}", CONTINENT_NAMES[continent]))
                break
    if not spans:
        return []
    found = gazetteer.lookup_many(sorted({norm(name) for _, _, name in spans}))
    mentions: list[Toponym] = []
    for span, place_id, name in spans:
        place = next((c for c in found.get(norm(name), ()) if c.place_id == place_id), None)
        if place is not None:
            topo = _make(span, sent_index, (place,), "demonym", "NORP", offset)
            topo.demonym_only = True
            mentions.append(topo)
    return mentions


def _strip_determiner(ent: Any) -> Any:
    """The name of an entity without a leading article or a trailing region word ("the Wassit province" ->
    "Wassit"; the region word is then read as context)."""
    start, end = ent.start, ent.end
    while start < end and ent.doc[start].lower_ in ("the", "a", "an"):
        start += 1
    if end - start > 1 and ent.doc[end - 1].lower_ in _REGION_WORDS:
        end -= 1
    if start >= end:
        return None
    return ent.doc[start: end]


def _plausible(span: Any, key: str, cands: tuple[Candidate, ...], label: str | None, mixed_case: bool,
               ents: list[Any] | None = None) -> bool:
    """Reject gazetteer hits that are most likely ordinary words or people's names (`ents`: the doc's entities,
    when the caller has them already)."""
    if ents is None:
        ents = list(span.doc.ents)
    if key in COMMON_WORDS and label not in PLACE_LABELS:
        return False
    if key in DEMONYMS or key in _GROUP_NAMES or key in VERB_TRIGGERS or key in NOUN_TRIGGERS:
        return False  # "Hamas" is not Hamm, "Arrest" is not a French town
    if _in_listing(span) and span[0].text[:1].isupper() and any(c.kind in ("admin1", "admin2") for c in cands[:60]):
        return True  # "(Dori, Seno)", "(Mambasa, Nord-Kivu)": the regions of an administrative listing
    first = span[0]
    best = cands[0]
    strong = best.kind in ("country", "admin1") or best.population >= 100_000 or best.place_id.startswith("site:")
    inside = next((e for e in ents if e.start <= span.start and span.end <= e.end
                   and (e.end - e.start) > len(span) and e.label_ not in ("DATE", "TIME", "CARDINAL")), None)
    if inside is not None and best.kind != "country":
        # (an entity run across brackets, "Bouficha (Sousse", is two names: only the part around the span counts)
        breaks = [t.i for t in inside if t.text in ("(", ")", ",", ";")]
        left = max((i for i in breaks if i < span.start), default=inside.start - 1)
        right = min((i for i in breaks if i >= span.end), default=inside.end)
        rest = [t for t in inside.doc[left + 1: right] if t.i < span.start or t.i >= span.end]
        named_rest = [t for t in rest if t.text[:1].isupper() and t.lower_ not in _REGION_WORDS
                      and t.lower_ not in _FACILITY_WORDS]
        if named_rest and (not strong or key in COMMON_WORDS):
            # "Wali" inside "Shah Wali Kot", "Colonia" inside "Colonia Las Tinas": part of a longer name the
            # gazetteer does not know ("Kandahar" in "Kandahar Province" is fine)
            return False
    if label in PLACE_LABELS:
        return True
    if label in ("PERSON", "ORG", "NORP") and not strong:
        # A person's name that is also a village somewhere: keep it after a locative preposition, as the
        # object of an attack verb ("shelled Kherson"), or when the whole entity is a sizeable town.
        prev = span.doc[span.start - 1].lower_ if span.start > 0 else ""
        if label == "NORP" and prev in (",", "(") and any(c.kind in ("admin1", "admin2") for c in cands[:60]):
            return True  # "Patzuaro, Michoacan", "(Raizh, Sadah)": the region of a listing, whatever the label
        if label == "NORP":
            # an unknown name the model takes for a people: a place only right after "in", "near" ...
            # ("explosions near Shyrokyne"); demonyms never get here
            after = span.doc[span.end] if span.end < len(span.doc) else None
            ends_phrase = after is None or after.is_punct or after.pos_ in ("ADP", "CCONJ")
            # not "in Liberal circles"; but "on Sirwah district", "in Sharan area"
            return (prev in _LOCATIVE_BEFORE and ends_phrase) or _named_as_place(span)
        last = span[-1]
        attacked = last.dep_ == "dobj" and last.head.lemma_.lower() in VERB_TRIGGERS
        whole_entity = any(e.start == span.start and e.end == span.end for e in ents)
        return prev in _LOCATIVE_BEFORE or attacked or _named_as_place(span) \
            or (whole_entity and best.population >= 30_000)
    if label in ("DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY"):
        return False
    prev_word = span.doc[span.start - 1].lower_ if span.start > 0 else ""
    if len(key) <= 3 and not (label in PLACE_LABELS or best.kind == "country" or
                              (prev_word in _LOCATIVE_BEFORE and first.text[:1].isupper() and strong)):
        return False  # short names only after "in", "at" ... and only for notable places ("in Gao")
    if not mixed_case:
        # In all-caps or all-lower text only well-known places are trusted without NER support.
        return strong or (best.population >= 20_000 and len(key) > 4)
    if first.is_sent_start and len(span) == 1 and not strong:
        return False
    if any(t.pos_ == "VERB" for t in span):
        return False
    if len(span) == 1 and first.pos_ not in ("PROPN", "NOUN", "ADJ", "X"):
        return False
    prev = span.doc[span.start - 1].lower_ if span.start > 0 else ""
    return strong or prev in _LOCATIVE_BEFORE or first.pos_ == "PROPN"


def _region_follows(span: Any, cands: tuple[Candidate, ...], found: dict[str, tuple[Candidate, ...]]) -> bool:
    """Whether a capitalized name is followed by a region one of its readings lies in: "Caripe, Monagas state",
    "Bouficha (Sousse)" - a town and its region, whatever the NER made of them."""
    doc = span.doc
    if not span[0].text[:1].isupper():
        return False
    i = span.end
    if i < len(doc) and doc[i].lower_ in _KIND_WORDS:
        i += 1
    if i >= len(doc) or doc[i].text not in (",", "("):
        return False
    codes = {c.admin1_code for c in cands[:60] if c.kind != "admin1" and c.admin1_code}
    for size in (1, 2, 3):
        region = doc[i + 1: i + 1 + size]
        if len(region) < size or not region[0].text[:1].isupper():
            break
        if any(c.kind == "admin1" and c.admin1_code in codes for c in found.get(norm(region.text), ())):
            return True
    return False


def _is_demonym(text: str) -> bool:
    lowered = text.lower()
    return lowered in DEMONYMS or lowered.removesuffix("s") in DEMONYMS


def _named_as_place(span: Any) -> bool:
    """Whether the words around a capitalized name say it is a settlement or district, whatever the NER label:
    "in rural Tell Abiad", "Quamishli city", "the town of Tal Tamer", "the countryside of Tal Tamer", "Birnin
    Gwari LGA"."""
    doc = span.doc
    if not span[0].text[:1].isupper():
        return False
    before = [t.lower_ for t in doc[max(0, span.start - 2): span.start]]
    after = doc[span.end].lower_ if span.end < len(doc) else ""
    return (bool(before) and before[-1] in _RURAL_WORDS) or after in _SETTLEMENT_WORDS or after in _REGION_WORDS \
        or (len(before) == 2 and (before[0] in _SETTLEMENT_WORDS or before[0] in _RURAL_WORDS) and before[1] == "of")


def _in_listing(span: Any) -> bool:
    """Whether a span is an item of a parenthesised listing of places: "(Dori, Seno)", "(Kabare, Sud-Kivu)"."""
    doc = span.doc
    before = doc[span.start - 1].text if span.start > 0 else ""
    after = doc[span.end].text if span.end < len(doc) else ""
    if before not in ("(", ",") or after not in (",", ")"):
        return False
    for i in range(span.start - 1, max(-1, span.start - 12), -1):
        text = doc[i].text
        if text == "(":
            return True
        if text == ")" or (doc[i].is_sent_start and i < span.start - 1):
            return False
    return False


def _make(span: Any, sent_index: dict[int, int], cands: tuple[Candidate, ...], source: str, label: str | None,
          offset: int) -> Toponym:
    return Toponym(
        start=span.start_char + offset, end=span.end_char + offset, text=span.text,
        sentence_index=sent_index.get(span.start, 0), candidates=cands, source=source, ner_label=label,
        token_start=span.start, token_end=span.end,
    )


def _longest_non_overlapping(proposals: list[Toponym]) -> list[Toponym]:
    ranked = sorted(proposals, key=lambda p: (-(p.end - p.start), p.source != "gazetteer", p.start))
    taken: list[Toponym] = []
    used: set[int] = set()
    for prop in ranked:
        tokens = set(range(prop.token_start, prop.token_end))
        if tokens & used:
            continue
        used |= tokens
        taken.append(prop)
    return sorted(taken, key=lambda p: p.start)


def _sentence_index(doc: Any) -> dict[int, int]:
    index: dict[int, int] = {}
    for number, sent in enumerate(doc.sents):
        for t in range(sent.start, sent.end):
            index[t] = number
    return index


_CONNECTORS = frozenset({"al", "el", "ez", "az", "ad", "as", "ash", "an", "ar", "at", "de", "del", "do", "da", "des",
                         "du", "la", "le", "les", "of", "and", "-", "'", "bin", "ibn", "abu", "umm", "um", "bani",
                         "beni", "sur", "sous", "y", "i", "'s", "wa"})
# Generic words that end the names of curated sites written in lower case ("al-Omar oil field").
_FACILITY_WORDS = frozenset({"oil", "gas", "field", "air", "base", "airbase", "airport", "camp", "refugee",
                             "crossing", "border", "prison", "dam", "port", "refinery", "power", "plant", "station",
                             "international", "military", "naval", "airfield"})
_REGION_WORDS = frozenset({"province", "region", "oblast", "state", "governorate", "district", "county", "prefecture",
                           "department", "lga", "territory", "regency", "division", "raion", "krai", "municipality"})
_KIND_WORDS = _TOWN_WORDS | _REGION_WORDS  # words that say what kind of place a name is
# Words between "from" and the place something came from: "from the cities of ...", "from the province of ..."
_ORIGIN_FILLER = frozenset({"the", "of", "cities", "towns", "villages", "areas", "provinces", "districts", "area",
                            *_KIND_WORDS})
_DISTANCE_WORDS = frozenset({"km", "kilometres", "kilometers", "miles", "metres", "meters", "away"})
_NEAR_WORDS = frozenset({"near", "outside", "around", "nearby", "close", "outskirts", "north", "south", "east",
                         "west", "northeast", "northwest", "southeast", "southwest", "km", "kilometres",
                         "kilometers", "miles", "vicinity", "environs", "edge", "border"})


def _mark_context(doc: Any, topo: Toponym) -> None:
    before = [t.lower_ for t in doc[max(0, topo.token_start - 4): topo.token_start]]
    content = [w for w in before if w not in ("the", "a", "an")]  # "in the Tarmiyah district"
    if content and content[-1] in _LOCATIVE_BEFORE:
        topo.locative = True
    if before and before[-1] == "from":
        topo.origin = True
    elif "from" in before:  # "from the cities of Al Bayda and Rada" (not "reports from the Buuloburde District")
        at = before.index("from")
        rest = before[at + 1:]
        # (not a distance: "50 kilometers from the city of Odesa" says where something is)
        prior = doc[topo.token_start - len(before) + at - 1].lower_ if topo.token_start - len(before) + at > 0 else ""
        topo.origin = "of" in rest and all(w in _ORIGIN_FILLER for w in rest) and prior not in _DISTANCE_WORDS
    if any(w in _NEAR_WORDS for w in before[-3:]) or (before and before[-1] == "of" and len(before) > 1
                                                        and before[-2] in _NEAR_WORDS):
        topo.near = True
    after = doc[topo.token_end].lower_ if topo.token_end < len(doc) else ""
    last = doc[topo.token_end - 1]
    if last.dep_ in ("compound", "amod", "nmod", "poss") and last.head.i >= topo.token_end and \
            last.head.pos_ in ("NOUN", "PROPN") and last.head.lower_ not in _REGION_WORDS:
        topo.modifier = True
    before_tok = doc[topo.token_start - 1].text if topo.token_start > 0 else ""
    if before_tok in ("(", ",") or after == ")":
        topo.listed = True
    if after in _REGION_WORDS or topo.text.lower().split()[-1] in _REGION_WORDS:
        topo.region_word = True
    following = [t.lower_ for t in doc[topo.token_end: topo.token_end + 2]]
    if (content and content[-1] == "rural") or content[-2:] == ["countryside", "of"] \
            or following[:1] == ["countryside"] or following == ["'s", "countryside"]:
        topo.countryside = True
    if after in ("-", "based") or (topo.token_end + 1 < len(doc) and doc[topo.token_end + 1].lower_ == "based"):
        topo.notes.append("x-based")
