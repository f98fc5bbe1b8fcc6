"""Whether a span that matches a gazetteer name is a place mention here: the `toponym.*` rules that keep a
name the words around call a place ("in Gao", "the town of Tal Tamer", "Caripe, Monagas state") and set aside
ordinary words, people's names, numbers and parts of longer names (`data/rules/toponyms.toml`)."""

from __future__ import annotations

import bisect

from spacy.tokens import Span

from eventwire.gazetteer.countries import DEMONYMS
from eventwire.gazetteer.index import Candidate
from eventwire.gazetteer.normalize import norm
from eventwire.pipeline.lexicon import VERB_TRIGGERS, words
from eventwire.pipeline.rules import rule

PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
NUMBER_LABELS = frozenset({"DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY"})
COMMON_WORDS = words("common_words")
LOCATIVE_BEFORE = words("locative_words")
RURAL_WORDS = words("rural_words")
TOWN_WORDS = words("town_words")
SETTLEMENT_WORDS = words("settlement_words")
FACILITY_WORDS = words("facility_words")
REGION_WORDS = words("region_words")
CURRENCY_WORDS = words("currency_words")
KIND_WORDS = TOWN_WORDS | REGION_WORDS  # words that say what kind of place a name is

R_COMMON_ENTITY = rule("toponym.common_word_entity")
R_CURRENCY = rule("toponym.currency_name")
R_LISTING = rule("toponym.listing_region")
R_INSIDE_NAME = rule("toponym.inside_longer_name")
R_DEMONYM_NAMESAKE = rule("toponym.demonym_not_namesake")
R_NORP_LISTING = rule("toponym.people_label_in_listing")
R_PERSON = rule("toponym.person_label_in_place_context")
R_NUMBER = rule("toponym.number_entity")
R_SHORT = rule("toponym.short_name_needs_locative")
R_UNCASED = rule("toponym.uncased_text_needs_notable")
R_SENTENCE_START = rule("toponym.sentence_start_word")
R_PROPER = rule("toponym.proper_or_located")
R_REGION_FOLLOWS = rule("toponym.region_follows")


def plausible(span: Span, key: str, cands: tuple[Candidate, ...], label: str | None, mixed_case: bool,
              ents: list[Span] | None = None) -> bool:
    """Reject gazetteer hits that are most likely ordinary words or people's names (`ents`: the doc's entities,
    when the caller has them already)."""
    if ents is None:
        ents = list(span.doc.ents)
    if key in COMMON_WORDS and label not in PLACE_LABELS and R_COMMON_ENTITY.applies():
        return False
    if names_currency(span) and R_CURRENCY.applies():
        return False  # "the US dollar", "Hong Kong dollars": a currency, not a place
    if in_listing(span) and span[0].text[:1].isupper() and any(c.kind in ("admin1", "admin2") for c in cands[:60]) \
            and R_LISTING.applies():
        return True  # "(Dori, Seno)", "(Mambasa, Nord-Kivu)": the regions of an administrative listing
    first = span[0]
    best = cands[0]
    if len(span) == 1 and best.kind != "country" and is_demonym(first.text) and not _locative_before(span) \
            and (label == "NORP" or first.dep_ in ("amod", "compound") or first.pos_ == "ADJ") \
            and not named_as_place(span) and R_DEMONYM_NAMESAKE.applies():
        return False  # "Somali soldiers": Somalia's people, not Ethiopia's Somali region
    strong = best.kind in ("country", "admin1") or best.population >= 100_000 or best.place_id.startswith("site:")
    # (entities do not overlap: only the last one starting at or before the span can hold it; found by bisection,
    # as a scan of every entity for every name would be quadratic in a long text)
    at = bisect.bisect_right(ents, span.start, key=lambda e: e.start) - 1
    holder = ents[at] if at >= 0 and span.end <= ents[at].end else None  # the entity the span lies in, if any
    inside = holder if holder is not None and (holder.end - holder.start) > len(span) \
        and holder.label_ not in ("DATE", "TIME", "CARDINAL") else None
    if inside is not None and best.kind != "country":
        # (an entity run across brackets, "Bouficha (Sousse", is two names: only the part around the span counts)
        breaks = [t.i for t in inside if t.text in ("(", ")", ",", ";")]
        left = max((i for i in breaks if i < span.start), default=inside.start - 1)
        right = min((i for i in breaks if i >= span.end), default=inside.end)
        rest = [t for t in inside.doc[left + 1: right] if t.i < span.start or t.i >= span.end]
        named_rest = [t for t in rest if t.text[:1].isupper() and t.lower_ not in REGION_WORDS
                      and t.lower_ not in FACILITY_WORDS]
        if named_rest and (not strong or key in COMMON_WORDS) and R_INSIDE_NAME.applies():
            # "Wali" inside "Shah Wali Kot", "Colonia" inside "Colonia Las Tinas": part of a longer name the
            # gazetteer does not know ("Kandahar" in "Kandahar Province" is fine)
            return False
    if label in ("PERSON", "ORG", "NORP") and not strong:
        # A person's name that is also a village somewhere: keep it after a locative preposition, as the
        # object of an attack verb ("shelled Kherson"), or when the whole entity is a sizeable town.
        prev = span.doc[span.start - 1].lower_ if span.start > 0 else ""
        if label == "NORP" and prev in (",", "(") and any(c.kind in ("admin1", "admin2") for c in cands[:60]) \
                and R_NORP_LISTING.applies():
            return True  # "Patzuaro, Michoacan", "(Raizh, Sadah)": the region of a listing, whatever the label
        if R_PERSON.applies():
            last = span[-1]
            attacked = last.dep_ == "dobj" and last.head.lemma_.lower() in VERB_TRIGGERS
            whole_entity = holder is not None and (holder.start, holder.end) == (span.start, span.end)
            return prev in LOCATIVE_BEFORE or attacked or named_as_place(span) \
                or (whole_entity and best.population >= 30_000)
    if label in NUMBER_LABELS and R_NUMBER.applies():
        return False
    prev_word = span.doc[span.start - 1].lower_ if span.start > 0 else ""
    if len(key) <= 3 and not (label in PLACE_LABELS or best.kind == "country" or
                              (prev_word in LOCATIVE_BEFORE and first.text[:1].isupper() and strong)) \
            and R_SHORT.applies():
        return False  # short names only after "in", "at" ... and only for notable places ("in Gao")
    if not mixed_case and R_UNCASED.applies():
        # In all-caps or all-lower text only well-known places are trusted without NER support.
        return strong or (best.population >= 20_000 and len(key) > 4)
    if first.is_sent_start and len(span) == 1 and not strong and R_SENTENCE_START.applies():
        return False
    R_PROPER.applies()
    prev = span.doc[span.start - 1].lower_ if span.start > 0 else ""
    return strong or prev in LOCATIVE_BEFORE or first.pos_ == "PROPN"


def names_currency(span: Span) -> bool:
    """Whether the name is part of a currency's ("the US dollar", "the Turkish lira")."""
    after = span.doc[span.end] if span.end < len(span.doc) else None
    return after is not None and after.lemma_.lower() in CURRENCY_WORDS


def region_follows(span: Span, cands: tuple[Candidate, ...], found: dict[str, tuple[Candidate, ...]]) -> bool:
    """Whether a capitalized name is followed by a region one of its readings lies in: "Caripe, Monagas state",
    "Bouficha (Sousse)" - a town and its region, whatever the NER made of them."""
    doc = span.doc
    if not span[0].text[:1].isupper():
        return False
    i = span.end
    if i < len(doc) and doc[i].lower_ in KIND_WORDS:
        i += 1
    if i >= len(doc) or doc[i].text not in (",", "("):
        return False
    codes = {c.admin1_code for c in cands[:60] if c.kind != "admin1" and c.admin1_code}
    for size in (1, 2, 3):
        region = doc[i + 1: i + 1 + size]
        if len(region) < size or not region[0].text[:1].isupper():
            break
        if any(c.kind == "admin1" and c.admin1_code in codes for c in found.get(norm(region.text), ())) \
                and R_REGION_FOLLOWS.applies():
            return True
    return False


def _locative_before(span: Span) -> bool:
    return span.start > 0 and span.doc[span.start - 1].lower_ in LOCATIVE_BEFORE


def is_demonym(text: str) -> bool:
    lowered = text.lower()
    return lowered in DEMONYMS or lowered.removesuffix("s") in DEMONYMS


def named_as_place(span: Span) -> bool:
    """Whether the words around a capitalized name say it is a settlement or district, whatever the NER label:
    "in rural Tell Abiad", "Quamishli city", "the town of Tal Tamer", "the countryside of Tal Tamer", "Birnin
    Gwari LGA"."""
    doc = span.doc
    if not span[0].text[:1].isupper():
        return False
    before = [t.lower_ for t in doc[max(0, span.start - 2): span.start]]
    after = doc[span.end].lower_ if span.end < len(doc) else ""
    return (bool(before) and before[-1] in RURAL_WORDS) or after in SETTLEMENT_WORDS or after in REGION_WORDS \
        or (len(before) == 2 and (before[0] in SETTLEMENT_WORDS or before[0] in RURAL_WORDS) and before[1] == "of")


def in_listing(span: Span) -> bool:
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
