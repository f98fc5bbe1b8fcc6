"""Toponym recognition: spans of the text that name places, with their gazetteer candidates.

Candidates come from three sources, so a place the NER misses or mislabels is still found:
1. gazetteer matching of capitalized token n-grams (the entity ruler: the stock English model tags many
   Arabic and African place names as PERSON or ORG, or not at all);
2. NER spans labelled GPE / LOC / FAC, and names the words around call a place, looked up by a
   transliteration-tolerant key when the gazetteer does not know them verbatim;
3. country adjectives, for geoparsing only (`toponym_context.demonym_mentions`).
Which spans are kept is decided by the `toponym.*` rules (`toponym_filters`, and below); overlaps are resolved
in favour of the longest span. What the words around each mention say of it is read by `toponym_context`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.attrs import IDX, IS_ALPHA, IS_PUNCT, IS_UPPER
from spacy.tokens import Doc, Span

from eventwire.gazetteer.index import Gazetteer
from eventwire.gazetteer.normalize import norm, skeleton, spelling_similarity
from eventwire.pipeline import rules
from eventwire.pipeline.lexicon import words
from eventwire.pipeline.place_mention import Toponym, make_toponym
from eventwire.pipeline.rules import rule
from eventwire.pipeline.sentences import bounded_sentences
from eventwire.pipeline.toponym_context import demonym_mentions, mark_context, mark_qualifiers
from eventwire.pipeline.toponym_filters import (
    COMMON_WORDS,
    FACILITY_WORDS,
    PLACE_LABELS,
    R_CURRENCY,
    REGION_WORDS,
    TOWN_WORDS,
    is_demonym,
    named_as_place,
    names_currency,
    plausible,
    region_follows,
)

__all__ = ["Toponym", "find_toponyms"]

R_COMMON = rule("toponym.common_word")
R_LOWER_CASE = rule("toponym.lower_case_span")
R_FUZZY = rule("toponym.fuzzy_ner_span")
R_PARTLY = rule("toponym.partly_known_span")
R_PERSON_PLACE = rule("toponym.person_named_as_place")

MAX_NGRAM = 7  # "Democratic People's Republic of Korea"
_CONNECTORS = words("name_connectors")
_CAPS = re.compile(r"^[A-Z]")


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
    def of(cls, doc: Doc) -> _Tokens:
        texts = [t.text for t in doc]
        if not texts:
            return cls([], [], [], [], [], [])
        # flags and offsets in one array call: reading them token by token costs more than the lookups
        alpha, punct, upper, starts = (column.tolist() for column in
                                       doc.to_array([IS_ALPHA, IS_PUNCT, IS_UPPER, IDX]).T)
        lowers = [text.lower() for text in texts]
        caps = [bool(_CAPS.match(text)) or (bool(up) and len(text) > 1) for text, up in zip(texts, upper, strict=True)]
        return cls(texts, lowers, caps, [bool(a) for a in alpha], [bool(p) for p in punct], [int(i) for i in starts])


def _candidate_ngrams(doc: Doc, mixed_case: bool, tokens: _Tokens | None = None) -> list[tuple[int, int]]:
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
                                   or (size > 1 and lowers[last] in FACILITY_WORDS)):
                break
            if mixed_case and not caps[last] and size > 1 and j == n:
                break
            if lowers[last] == "'s":
                continue  # only inside a name ("People's Republic"), never its end ("Canada's")
            spans.append((i, j))
    return spans


def find_toponyms(doc: Doc, gazetteer: Gazetteer, *, text_offset: int = 0, demonyms: bool = False) -> list[Toponym]:
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
    first_words = {i: norm(texts[i]).split(" ", 1)[0] for i in {i for i, _ in ranges}}
    openers = gazetteer.name_openers(first_words.values())
    opens = {i: word in openers or (i + 1 < len(texts) and texts[i + 1][:1] in "'’`")
             for i, word in first_words.items()}
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
        if key in COMMON_WORDS and (i, j) not in ner_spans and R_COMMON.applies():
            continue  # "East" of "Middle East", "North" of "North Africa": only a whole entity may be a common word
        mark = rules.mark()
        if not (plausible(span, key, cands, label, mixed_case, ents) or region_follows(span, cands, found)):
            continue
        proposals.append(make_toponym(span, sent_index, cands, "gazetteer", label, text_offset, rules.since(mark)))

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
            and named_as_place(body) and not is_demonym(body.text)  # not "rural Mexicans"
        if body is None or not (ent.label_ in PLACE_LABELS or person_named_as_place):
            continue
        if names_currency(body) and R_CURRENCY.applies():
            continue  # "the US dollar"
        inner = [covering[t] for t in range(body.start, body.end) if t in covering]
        partly = bool(inner)
        named = len(body) - (body[-1].lower_ in TOWN_WORDS)  # "Hays city" is Hays
        if partly and max(inner) >= named:
            continue
        exact = gazetteer.lookup(norm(body.text))
        if exact and person_named_as_place:
            continue  # its exact name went through the gazetteer scan above
        if not exact and not body.text[:1].isupper() and R_LOWER_CASE.applies():
            continue  # (a lower-case span, "comunidad", is no name to spell fuzzily)
        mark = rules.mark()
        if not exact and not R_FUZZY.applies():
            continue
        cands = exact or gazetteer.lookup_skeleton(skeleton(body.text), body.text)
        # (a span only partly matched, or a name the model took for a person, must be spelled much like a place:
        # "Rajwar area" is not Rajaori)
        alike_rule = R_PARTLY if partly else R_PERSON_PLACE
        if (partly or person_named_as_place) and not (
                exact or any(spelling_similarity(body.text, c.name) >= alike_rule.limit for c in cands)):
            continue
        if (partly or person_named_as_place) and not alike_rule.applies():
            continue
        proposals.append(make_toponym(body, sent_index, cands, "ner" if exact else "skeleton", ent.label_,
                                      text_offset, rules.since(mark)))

    if demonyms:
        proposals.extend(demonym_mentions(doc, gazetteer, sent_index, text_offset))
    chosen = _longest_non_overlapping(proposals)
    for topo in chosen:
        mark_context(doc, topo)
    mark_qualifiers(doc, chosen)
    return chosen


def _strip_determiner(ent: Span) -> Span | None:
    """The name of an entity without a leading article or a trailing region word ("the Wassit province" ->
    "Wassit"; the region word is then read as context)."""
    start, end = ent.start, ent.end
    while start < end and ent.doc[start].lower_ in ("the", "a", "an"):
        start += 1
    if end - start > 1 and ent.doc[end - 1].lower_ in REGION_WORDS:
        end -= 1
    if start >= end:
        return None
    return ent.doc[start: end]


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


def _sentence_index(doc: Doc) -> dict[int, int]:
    index: dict[int, int] = {}
    for number, sent in enumerate(bounded_sentences(doc)):
        for t in range(sent.start, sent.end):
            index[t] = number
    return index
