"""Event triggers: the words of a document that report an incident, with why the others do not.

A trigger word's sense comes from `senses.sense_of`; this module then drops the triggers that report no
fresh incident - negated, denied, hypothetical or future, background statements - and marks the ones that only
refer to an incident told elsewhere ("responsibility for the attack"). Each reason is a catalogue rule
(`data/rules/triggers.toml`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import islice

from spacy.tokens import Doc, Span, Token

from eventwire.pipeline import rules
from eventwire.pipeline.lexicon import (
    BACKGROUND_PHRASES,
    DENIAL_LEMMAS,
    HYPOTHETICAL_LEMMAS,
    REFERENCE_HEADS,
    TriggerSense,
    pattern,
    words,
)
from eventwire.pipeline.rules import rule
from eventwire.pipeline.senses import sense_of
from eventwire.pipeline.sentences import bounded_sentences, dependents, first_conjunct, sentence_of
from eventwire.pipeline.specificity import why_not_specific

R_NEGATED = rule("incident.negated")
R_NO_DETERMINER = rule("incident.no_determiner")
R_DENIED = rule("incident.denied")
R_MODAL = rule("incident.modal")
R_HYPOTHETICAL = rule("incident.hypothetical")
R_CONDITIONAL = rule("incident.conditional")
R_CAUSE_UNCLEAR = rule("incident.cause_unclear")
R_FUTURE = rule("incident.future")
R_BACKGROUND = rule("incident.background_phrase")
R_REFERENCE_HEAD = rule("incident.reference_head")
R_DEFINITE = rule("incident.definite_reference")
R_WHERE_CLAUSE = rule("incident.where_clause_recalls")
R_SUPERLATIVE = rule("incident.superlative_comparison")
R_FOLLOWED = rule("incident.followed_incident_recalled")
R_TIME_ANCHOR = rule("incident.time_anchor")
_TIME_ANCHOR_PREPS = frozenset({"after", "before", "since", "following", "until"})
_SUPERLATIVES = frozenset({"worst", "deadliest", "bloodiest", "heaviest", "fiercest", "biggest", "largest"})
_COMPARED_OVER_TIME = re.compile(r"\b(?:in (?:years|decades|months|a decade|a generation|recent memory)|since|ever)\b")

_MODALS = words("modal_verbs")
_TOLL_VERBS = words("kill_verbs") | words("injure_verbs")
_REFERENCE_DETERMINERS = words("reference_determiners")
_GROUND = words("ground_words")
_CONDITIONAL = pattern("conditional_cue")
_CAUSE_UNCLEAR = pattern("cause_unclear_cue")
_FUTURE = pattern("future_cue")
_PAST = pattern("past_cue")


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
    subject_of_toll: bool = False  # the subject of a killing or wounding verb ("the clash killed two soldiers")
    dropped: str | None = None  # why it reports no incident (negated, hypothetical, background ...)
    rules: tuple[str, ...] = ()  # the rules that fired for its sense and its filters


def find_triggers(doc: Doc) -> list[Trigger]:
    """Every trigger word of the document, with `dropped` set when it does not report an incident."""
    triggers: list[Trigger] = []
    for s_index, sent in enumerate(bounded_sentences(doc)):
        sent_lower = sent.text.lower()
        for tok in sent:
            start = rules.mark()
            sense = sense_of(tok)
            if sense is None:
                continue
            trig = Trigger(tok.i, tok.idx, tok.idx + len(tok.text), tok.text, tok.lemma_.lower(), sense, s_index)
            trig.dropped = _why_not_an_incident(tok, sent, sent_lower) or why_not_specific(tok, sense.family)
            trig.reference = trig.dropped is None and _is_reference(tok)
            trig.target_lemma = next((c.lemma_.lower() for c in dependents(tok) if c.dep_ in ("dobj", "nsubjpass")), "")
            trig.subject_lemma = next((c.lemma_.lower() for c in dependents(tok) if c.dep_ == "nsubj"), "")
            trig.subject_of_toll = tok.dep_ == "nsubj" and tok.head.lemma_.lower() in _TOLL_VERBS
            trig.takes_ground = any(c.dep_ in ("dobj", "pobj", "nsubjpass") and
                                    (c.lemma_.lower() in _GROUND or c.ent_type_ in ("GPE", "LOC", "FAC"))
                                    for c in [*dependents(tok), *(g for p in dependents(tok) if p.dep_ == "prep"
                                                               for g in dependents(p))])
            trig.rules = tuple(dict.fromkeys(rules.since(start)))
            triggers.append(trig)
    return triggers


def _why_not_an_incident(tok: Token, sent: Span, sent_lower: str) -> str | None:
    # Negation on the trigger or its governing verb.
    governors = [tok, *islice(tok.ancestors, 2)]
    for gov in governors:
        for child in dependents(gov):
            if (child.dep_ == "neg" or child.lower_ in ("never",)) and R_NEGATED.applies():
                return "negated"
    if tok.pos_ in ("NOUN", "PROPN"):
        dets = [c.lower_ for c in dependents(tok) if c.dep_ == "det"]
        if "no" in dets and R_NO_DETERMINER.applies():
            return "negated"
    head = tok.head
    for gov in (tok, head, head.head):
        lemma = gov.lemma_.lower()
        if lemma in DENIAL_LEMMAS and R_DENIED.applies():
            return "denied"
        for child in dependents(gov):
            if child.dep_ == "aux" and child.lemma_.lower() in _MODALS and R_MODAL.applies():
                return "hypothetical or future"
    for anc in islice(tok.ancestors, 3):
        if anc.lemma_.lower() in HYPOTHETICAL_LEMMAS and (
                tok.dep_ in ("xcomp", "ccomp", "dobj", "pobj") or tok.head == anc) and R_HYPOTHETICAL.applies():
            return "hypothetical or future"
    if tok.dep_ == "xcomp" and tok.head.lemma_.lower() in HYPOTHETICAL_LEMMAS and R_HYPOTHETICAL.applies():
        return "hypothetical or future"
    offset = tok.idx - sent.start_char
    # Cues are looked for near the trigger only: in a run-on sentence of thousands of words, scanning the whole
    # sentence for every trigger would be quadratic.
    left = sent_lower[max(0, offset - 80): max(0, offset)]
    near = sent_lower[max(0, offset - 400): offset + 400]
    if _CONDITIONAL.search(left) and R_CONDITIONAL.applies():
        return "hypothetical or future"
    if _CAUSE_UNCLEAR.search(sent_lower[offset: offset + 160]) and R_CAUSE_UNCLEAR.applies():
        return "hypothetical or future"  # "found dead, but it was unclear what killed him"
    if _FUTURE.search(near) and tok.tag_ in ("VB", "VBG", "NN", "NNS") and not _PAST.search(near) \
            and R_FUTURE.applies():
        return "hypothetical or future"
    window = sent_lower[max(0, offset - 60): offset + len(tok.text) + 12]
    if any(p in window for p in BACKGROUND_PHRASES) and R_BACKGROUND.applies():
        return "background statement"
    return None


def _is_reference(tok: Token) -> bool:
    """"responsibility for the attack", "the strike was meant to": a mention of an incident told elsewhere."""
    if tok.pos_ in ("NOUN", "PROPN") and any(c.dep_ == "amod" and (c.tag_ == "JJS" or c.lower_ in _SUPERLATIVES)
                                             for c in dependents(tok)) \
            and _COMPARED_OVER_TIME.search(sentence_of(tok).text.lower()) and R_SUPERLATIVE.applies():
        return True  # "the worst clashes in years": a judgement of an incident told, not a new one
    first = first_conjunct(tok)
    if first.pos_ in ("NOUN", "PROPN") and first.dep_ == "dobj" and first.head.lemma_.lower() == "follow" \
            and any(c.dep_ == "nsubj" and c.pos_ == "NOUN" for c in dependents(first.head)) and R_FOLLOWED.applies():
        return True  # "the attack follows the killing of two traders": an earlier incident, recalled
    for clause in (tok, *islice(tok.ancestors, 2)):
        if clause.dep_ == "relcl" and clause.tag_ in ("VBD", "VBN") \
                and any(c.lower_ == "where" and c.dep_ == "advmod" for c in dependents(clause)) \
                and R_WHERE_CLAUSE.applies():
            return True  # "Nanterre, where the teenager was shot dead": the place is named by an incident told
        if clause.dep_ == "relcl":
            break
    for anc in islice(tok.ancestors, 3):
        if anc.lemma_.lower() in REFERENCE_HEADS and R_REFERENCE_HEAD.applies():
            return True
    if tok.pos_ == "NOUN" and tok.dep_ == "pobj" and tok.head.lower_ in _TIME_ANCHOR_PREPS \
            and any(c.dep_ == "poss" for c in dependents(tok)) and R_TIME_ANCHOR.applies():
        return True  # "she died three days after her arrest": an incident told to date another
    if tok.pos_ in ("NOUN", "PROPN"):
        dets = {c.lower_ for c in dependents(tok) if c.dep_ in ("det", "poss")}
        if dets & _REFERENCE_DETERMINERS and tok.dep_ in ("nsubj", "nsubjpass", "pobj", "dobj") \
                and R_DEFINITE.applies():
            return True
    return False
