"""Quantities of a sentence: killed, injured, captured and munitions counts with their spans.

Number expressions come from `numbers.find_counts` (which states the conservative reading of "at least",
"several", "dozens" ...). This stage decides what each number counts: the noun it modifies ("14 rockets"
-> munitions) or the casualty word closest to it ("two people suffered minor injuries" -> injured).
Explicit zeros ("no casualties", "no one was hurt") are recognised too.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from eventwire.pipeline.lexicon import CAPTURED_WORDS, INJURED_WORDS, KILLED_WORDS, MUNITION_NOUNS
from eventwire.pipeline.numbers import find_counts


@dataclass(frozen=True, slots=True)
class CountMention:
    kind: str  # killed | injured | captured | munitions
    best: int
    low: int | None
    high: int | None
    start: int  # character offsets in the article
    end: int
    text: str


_ZERO_PATTERNS: tuple[tuple[re.Pattern[str], tuple[str, ...]], ...] = (
    (re.compile(r"\b(?:no|without|zero) (?:immediate )?(?:reports? of )?casualties\b", re.I), ("killed",)),
    (re.compile(r"\b(?:no|without) (?:immediate )?(?:reports? of )?(?:deaths?|fatalities)\b", re.I), ("killed",)),
    (re.compile(r"\bno (?:one|body|people|person) (?:was |were )?(?:killed|died|dead)\b", re.I), ("killed",)),
    (re.compile(r"\b(?:no|without) (?:immediate )?(?:reports? of )?(?:injuries|injured|wounded)\b", re.I),
     ("injured",)),
    (re.compile(r"\bno (?:one|body|people|person) (?:was |were )?(?:injured|hurt|wounded|harmed)\b", re.I),
     ("injured", "killed")),
    (re.compile(r"\bnobody (?:was |were )?(?:injured|hurt|wounded|harmed)\b", re.I), ("injured", "killed")),
)

_WINDOW_AFTER = 9
_WINDOW_BEFORE = 5


def _category(lemma: str) -> str | None:
    if lemma in KILLED_WORDS:
        return "killed"
    if lemma in INJURED_WORDS:
        return "injured"
    if lemma in CAPTURED_WORDS:
        return "captured"
    return None


def sentence_counts(sent: Any) -> list[CountMention]:
    """Every count in the sentence that says how many were killed, injured, captured or launched."""
    doc = sent.doc
    text = sent.text
    base = sent.start_char
    found: list[CountMention] = []
    for start, end, low, best, high in find_counts(text):
        abs_start, abs_end = base + start, base + end
        span = doc.char_span(abs_start, abs_end, alignment_mode="expand")
        if span is None:
            continue
        kind = _kind_of(span, sent)
        if kind is None:
            continue
        found.append(CountMention(kind, best, low, high, abs_start, abs_end, text[start:end]))
    for pattern, kinds in _ZERO_PATTERNS:
        for match in pattern.finditer(text):
            for kind in kinds:
                found.append(CountMention(kind, 0, 0, 0, base + match.start(), base + match.end(), match.group(0)))
    return found


def _kind_of(span: Any, sent: Any) -> str | None:
    doc = span.doc
    # The noun the number counts: "14 rockets", "two people", "four militiamen".
    noun = None
    for tok in doc[span.end: min(sent.end, span.end + 4)]:
        if tok.pos_ in ("NOUN", "PROPN"):
            noun = tok
            break
        if tok.pos_ in ("VERB", "AUX", "ADP") and tok.lower_ not in ("of",):
            break
    if noun is not None and noun.lemma_.lower() in MUNITION_NOUNS:
        return "munitions"
    if noun is not None and noun.lemma_.lower() in ("year", "day", "hour", "minute", "month", "week", "km",
                                                     "kilometre", "kilometer", "mile", "percent", "dollar",
                                                     "time", "vehicle", "house", "home", "village", "car"):
        return None
    best: tuple[int, str] | None = None
    for tok in doc[span.end: min(sent.end, span.end + _WINDOW_AFTER)]:
        cat = _category(tok.lemma_.lower()) or _category(tok.lower_)
        if cat:
            distance = tok.i - span.end
            if best is None or distance < best[0]:
                best = (distance, cat)
            break
        if tok.lower_ in (";",) or (tok.lower_ == "," and tok.i - span.end > 3):
            break
    for tok in reversed(doc[max(sent.start, span.start - _WINDOW_BEFORE): span.start]):
        cat = _category(tok.lemma_.lower()) or _category(tok.lower_)
        if cat:
            distance = span.start - tok.i
            if best is None or distance < best[0]:
                best = (distance, cat)
            break
    return best[1] if best else None
