"""Dates of a sentence: DATE/TIME entities resolved against the publication date, and the relative
expressions ("nine days after <event>") that date another trigger from an anchor."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from spacy.tokens import Span, Token

from eventwire.model import DateValue
from eventwire.pipeline import rules
from eventwire.pipeline.date_offsets import parse_relative_offset
from eventwire.pipeline.dates import resolve_date
from eventwire.pipeline.lexicon import pattern
from eventwire.pipeline.rules import rule

R_ANCHORED = rule("event_date.relative_to_anchor")
R_ORDINAL_PERIOD = rule("event_date.ordinal_period")
R_FUTURE = rule("event_date.after_publication")
R_DAY_NUMBER = rule("event_date.day_number_rejoined")


@dataclass(frozen=True, slots=True)
class DateMention:
    value: DateValue | None  # None for a relative offset until anchored
    start: int
    end: int
    text: str
    root: int  # token index of the entity's syntactic root
    offset_days: int | None = None  # for "nine days after": +9 (the anchor is 9 days after the target)
    governs_from: int | None = None  # token index of "after"/"before": triggers in its subtree get shifted
    rules: tuple[str, ...] = ()  # the rules that read it


# "the 28th straight week", "for the third consecutive day": a count of periods, not a date
_ORDINAL_PERIOD = pattern("ordinal_period", re.I)
_RELATIVE_WORDS = frozenset({"after", "before", "later", "earlier", "since", "ago"})


def sentence_dates(sent: Span, published: dt.date | None, header_end: int,
                   date_ents: list[Span] | None = None, text: str | None = None) -> list[DateMention]:
    """`text`: the document's text when the caller has it (`Doc.text` joins every token again on each access)."""
    found: list[DateMention] = []
    doc = sent.doc
    pool = sent.doc.ents if date_ents is None else date_ents  # the doc's DATE/TIME entities, computed once
    for raw_ent in (e for e in pool if sent.start <= e.start < sent.end):
        if raw_ent.label_ not in ("DATE", "TIME") or raw_ent.start_char < header_end:
            continue
        start = rules.mark()
        ent = _with_day_number(raw_ent)
        nxt = doc[ent.end] if ent.end < len(doc) else None
        if nxt is not None and nxt.lower_ in ("after", "before"):
            rel = parse_relative_offset(f"{ent.text} {nxt.lower_}")
            if rel is not None and R_ANCHORED.applies():
                days, _word = rel
                found.append(DateMention(None, ent.start_char, nxt.idx + len(nxt.text), f"{ent.text} {nxt.text}",
                                         ent.root.i, offset_days=days, governs_from=nxt.i,
                                         rules=rules.since(start)))
                continue
        if published is None:
            continue
        if _ORDINAL_PERIOD.search(ent.text) and R_ORDINAL_PERIOD.applies():
            continue
        if text is None:
            text = doc.text
        before = text[max(0, ent.start_char - 40): ent.start_char]
        after = text[ent.end_char: ent.end_char + 40]
        try:
            value = resolve_date(ent.text, published, before=before, after=after)
        except (ValueError, OverflowError):
            value = None
        if value is None:
            continue
        # Reject dates after publication (a day of slack for time zones): plans and schedules, not incidents.
        if value.start > published + dt.timedelta(days=R_FUTURE.limit) and R_FUTURE.applies():
            continue
        found.append(DateMention(value, ent.start_char, ent.end_char, ent.text, ent.root.i, rules=rules.since(start)))
    return found


_MONTHS = frozenset({"january", "february", "march", "april", "may", "june", "july", "august", "september",
                     "october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep",
                     "sept", "oct", "nov", "dec"})


def _with_day_number(ent: Span) -> Span:
    """"Around 8 May 2020" is often split into CARDINAL "8" + DATE "May 2020": take the day back in."""
    doc = ent.doc
    if ent.start == 0 or ent[0].lower_.rstrip(".") not in _MONTHS:
        return ent
    prev = doc[ent.start - 1]
    day = prev.text.lower().rstrip("stndrh")
    if day.isdigit() and 1 <= int(day) <= 31 and R_DAY_NUMBER.applies():
        return doc[ent.start - 1: ent.end]
    return ent


def tree_distance(a: Token, b: Token) -> int:
    """Number of dependency edges between two tokens of the same sentence."""
    if a.i == b.i:
        return 0
    path_a = {a.i: 0}
    node, depth = a, 0
    while node.head.i != node.i:
        node = node.head
        depth += 1
        path_a[node.i] = depth
    node, depth = b, 0
    while node.i not in path_a:
        if node.head.i == node.i:
            return 99
        node = node.head
        depth += 1
    return depth + path_a[node.i]


def in_subtree(tok: Token, root_index: int) -> bool:
    node = tok
    while True:
        if node.i == root_index:
            return True
        if node.head.i == node.i:
            return False
        node = node.head
