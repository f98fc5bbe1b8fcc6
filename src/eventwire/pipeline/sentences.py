"""Sentences of bounded length: the parser's sentences, a run-on one cut into pieces of at most
`MAX_SENTENCE_TOKENS` tokens at clause breaks (and lists and chains of clauses looked along a bounded way).

Every stage reads an incident's context from its sentence, and some compare each mention of a sentence with the
others; a "sentence" of thousands of clauses (a scraped list, a text without full stops) would make those stages
quadratic. The longest sentence of the development sets has 227 tokens, so real sentences are left whole."""

from __future__ import annotations

import bisect
from collections.abc import Iterable
from functools import lru_cache

from spacy.tokens import Doc, Span, Token

MAX_SENTENCE_TOKENS = 250
_CLAUSE_BREAKS = frozenset({";", ",", ":", "-", "—"})


@lru_cache(maxsize=4)
def bounded_sentences(doc: Doc) -> tuple[Span, ...]:
    """The sentences of `doc` in order, none longer than `MAX_SENTENCE_TOKENS` tokens (computed once per
    document)."""
    pieces: list[Span] = []
    for sent in doc.sents:
        start = sent.start
        while sent.end - start > MAX_SENTENCE_TOKENS:
            cut = _clause_break(doc, start, start + MAX_SENTENCE_TOKENS)
            pieces.append(doc[start:cut])
            start = cut
        pieces.append(doc[start:sent.end])
    return tuple(pieces)


def _clause_break(doc: Doc, start: int, limit: int) -> int:
    """Where to cut a run-on sentence at or before `limit`: before the last coordinating word ("and", "but") or
    after the last clause punctuation in the window's second half, else at the limit."""
    for i in range(limit, start + MAX_SENTENCE_TOKENS // 2, -1):
        if doc[i].dep_ == "cc" or doc[i - 1].text in _CLAUSE_BREAKS:
            return i
    return limit


@lru_cache(maxsize=4)
def _starts(doc: Doc) -> list[int]:
    return [s.start for s in bounded_sentences(doc)]


def sentence_index(tok: Token) -> int:
    """The index of the bounded sentence holding `tok` (`tok.sent` walks the whole parser sentence each time)."""
    return bisect.bisect_right(_starts(tok.doc), tok.i) - 1


def sentence_of(tok: Token) -> Span:
    """The bounded sentence holding `tok`."""
    return bounded_sentences(tok.doc)[sentence_index(tok)]


MAX_CONJUNCT_STEPS = 16  # how far back a list item looks for its list's first item


def first_conjunct(tok: Token) -> Token:
    """The first item of the list (or chain of clauses) `tok` is an item of, looking back at most
    `MAX_CONJUNCT_STEPS` items: in a run-on sentence of thousands of "and ..." clauses, a walk to the very first
    for every trigger would be quadratic."""
    for _ in range(MAX_CONJUNCT_STEPS):
        if tok.dep_ != "conj" or tok.head.i == tok.i:
            break
        tok = tok.head
    return tok


MAX_DEPENDENT_DISTANCE = MAX_SENTENCE_TOKENS  # dependents farther than this are not looked at (none of a real
# sentence is: a list of seventy tokens may stand between a verb and its subject)


def dependents(tok: Token) -> Iterable[Token]:
    """The syntactic children of `tok` within `MAX_DEPENDENT_DISTANCE` tokens of it, in order. spaCy finds a
    word's children by walking its whole subtree, and in a run-on sentence the first verb of a chain of clauses
    governs every later one: looking at its children from each clause would be quadratic. A real sentence's
    dependents all lie inside the window, so for a word whose subtree fits in it spaCy's own walk is used."""
    i = tok.i
    left, right = tok.left_edge.i, tok.right_edge.i
    if i - left <= MAX_DEPENDENT_DISTANCE and right - i <= MAX_DEPENDENT_DISTANCE:
        return tok.children
    doc = tok.doc
    kids = _children_index(doc).get(i, [])
    lo, hi = bisect.bisect_left(kids, i - MAX_DEPENDENT_DISTANCE), bisect.bisect_right(kids, i + MAX_DEPENDENT_DISTANCE)
    return [doc[j] for j in kids[lo:hi]]


@lru_cache(maxsize=4)
def _children_index(doc: Doc) -> dict[int, list[int]]:
    """Each token's children (by index, in order), read in one pass over the document."""
    index: dict[int, list[int]] = {}
    for token in doc:
        if token.head.i != token.i:
            index.setdefault(token.head.i, []).append(token.i)
    return index
