"""Clauses of a sentence that recall another incident to name a place ("Kumba, the town where a boy was shot
dead on Tuesday"): their date and toll belong to the recalled incident only, never to the sentence's others."""

from __future__ import annotations

from spacy.tokens import Span, Token

from eventwire.pipeline.sentences import dependents


def where_clauses(sent: Span) -> list[tuple[int, int]]:
    """Character ranges of the sentence's "where" relative clauses in the past ("where a boy was shot", not
    "where the army is retaking ground": an ongoing situation is no incident recalled)."""
    ranges = []
    for tok in sent:
        if tok.dep_ == "relcl" and tok.tag_ in ("VBD", "VBN") \
                and any(c.lower_ == "where" and c.dep_ == "advmod" for c in dependents(tok)):
            subtree = list(tok.subtree)
            ranges.append((subtree[0].idx, subtree[-1].idx + len(subtree[-1].text)))
    return ranges


def outside_of(ranges: list[tuple[int, int]], at: int, start: int) -> bool:
    """Whether the figure or date at `start` lies in a clause that the trigger at `at` is not in."""
    return any(lo <= start < hi and not lo <= at < hi for lo, hi in ranges)


def recalled_for(ranges: list[tuple[int, int]], trigger: Token) -> list[tuple[int, int]]:
    """The clauses that recall another incident than the trigger's: not those inside a trigger noun's own phrase
    ("the attack on the post at Uchiza, where 10 policemen were killed" tells that attack's toll)."""
    if not ranges or trigger.pos_ not in ("NOUN", "PROPN"):
        return ranges
    subtree = list(trigger.subtree)
    lo, hi = subtree[0].idx, subtree[-1].idx + len(subtree[-1].text)
    return [r for r in ranges if not (lo <= r[0] and r[1] <= hi)]


def grievance_clauses(sent: Span, preps: frozenset[str], demand_lemmas: frozenset[str],
                      demand_nouns: frozenset[str]) -> list[tuple[int, int]]:
    """Character ranges of what a demonstration is against or asks for ("protested against the attack on their
    colleagues", "demanding the release of the detained"): the attack, the arrests and the looting named there
    are its cause, not what the crowd or the police did. (For sentences about a demonstration.)"""
    ranges = []
    for tok in sent:
        lemma = tok.lemma_.lower()
        cause = (tok.dep_ == "prep" and tok.lower_ in preps) \
            or (tok.dep_ in ("advcl", "xcomp", "acl", "conj") and tok.pos_ == "VERB" and lemma in demand_lemmas) \
            or (tok.dep_ == "prep" and tok.lower_ == "for" and any(
                c.dep_ == "pobj" and c.lemma_.lower() in demand_nouns for c in dependents(tok)))
        if cause:
            subtree = list(tok.subtree)
            ranges.append((subtree[0].idx, subtree[-1].idx + len(subtree[-1].text)))
    return ranges
