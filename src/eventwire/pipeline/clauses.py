"""Clauses of a sentence that recall another incident to name a place ("Kumba, the town where a boy was shot
dead on Tuesday"): their date and toll belong to the recalled incident only, never to the sentence's others."""

from __future__ import annotations

from spacy.tokens import Span, Token


def where_clauses(sent: Span) -> list[tuple[int, int]]:
    """Character ranges of the sentence's "where" relative clauses in the past ("where a boy was shot", not
    "where the army is retaking ground": an ongoing situation is no incident recalled)."""
    ranges = []
    for tok in sent:
        if tok.dep_ == "relcl" and tok.tag_ in ("VBD", "VBN") \
                and any(c.lower_ == "where" and c.dep_ == "advmod" for c in tok.children):
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
