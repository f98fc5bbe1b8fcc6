"""Dates relative to another date of the text, and cues of the future: "nine days after" (+9 days), "two weeks
before", "a day later", "the previous day", "the same day"; months count 30 days. `shift_date` moves an anchor
date by such an offset; `is_future` tells phrases that point forward ("next week", "will ... on Friday")."""

from __future__ import annotations

import datetime as dt
import re

from eventwire.model import DateValue
from eventwire.pipeline.date_forms import COUNT_WORDS, add_months, count_in, normalise

__all__ = ["is_future", "parse_relative_offset", "shift_date"]

_FUTURE_RE = re.compile(
    r"(?<!the )\bnext\b|\b(?:coming|upcoming|will|won't|shall|tomorrow|scheduled|planned|plans?\s+to|"
    r"due\s+to|going\s+to|expected\s+to|later\s+this)\b",
    re.IGNORECASE,
)

_OFFSET_RE = re.compile(
    rf"\b(?P<n>{COUNT_WORDS})\s+(?P<unit>hour|day|night|week|month)s?\s+"
    r"(?P<dir>after|later|afterwards?|on|before|earlier|prior|previously|ago)\b"
)

_THE_NEXT_RE = re.compile(
    r"\bthe\s+(?P<dir>next|following|previous|preceding|prior)\s+"
    r"(?P<unit>day|morning|afternoon|evening|night|week|month)\b"
)

_THE_UNIT_DIR_RE = re.compile(r"\bthe\s+(?P<unit>day|night|week|month)\s+(?P<dir>after|before)\b")

_SAME_DAY_RE = re.compile(
    r"\b(?:(?:later|earlier)\s+(?:that|the\s+same)\s+(?:day|night)|the\s+same\s+(?:day|night)|"
    r"that\s+(?:day|night|morning|afternoon|evening)|hours\s+(?:later|earlier|after|before))\b"
)

_BACKWARD = frozenset({"before", "earlier", "prior", "previously", "ago", "previous", "preceding"})

_UNIT_DAYS = {
    "hour": 0, "day": 1, "night": 1, "morning": 1, "afternoon": 1, "evening": 1, "week": 7, "month": 30,
}

_UNIT_PRECISION = {"week": 2, "month": 3}


def is_future(expr: str, before: str = "") -> bool:
    """Whether the expression or the words just before it point forward ("next week", "will ...
    on Friday", "tomorrow", "the coming days", "upcoming"); "the next day" is not a future cue."""
    return bool(_FUTURE_RE.search(f"{before[-40:]} {expr}"))


def _offset(text: str) -> tuple[int, str, str, bool] | None:
    """(signed days, direction word, unit, exact) of an anchor-relative phrase."""
    p = normalise(text)
    if (m := _OFFSET_RE.search(p)) is not None and (number := count_in(m.group("n"))) is not None:
        unit, direction = m.group("unit"), m.group("dir")
        sign = -1 if direction in _BACKWARD else 1
        return sign * number[0] * _UNIT_DAYS[unit], direction, unit, number[1]
    if (one := _THE_NEXT_RE.search(p) or _THE_UNIT_DIR_RE.search(p)) is not None:
        unit, direction = one.group("unit"), one.group("dir")
        sign = -1 if direction in _BACKWARD else 1
        return sign * _UNIT_DAYS[unit], direction, unit, True
    if _SAME_DAY_RE.search(p):
        return 0, "same", "day", True
    return None


def parse_relative_offset(text: str) -> tuple[int, str] | None:
    """Signed days and the direction word of "nine days after" (+9, "after"), "two weeks before"
    (-14, "before"), "a day later" (+1, "later"), "the previous day" (-1, "previous"); months count
    30 days and "the same day"/"hours later" 0 days. None when `text` states no offset."""
    found = _offset(text)
    return (found[0], found[1]) if found is not None else None


def shift_date(anchor: DateValue, expr: str) -> DateValue | None:
    """The date `expr` ("nine days after", "the next day", "a week later") names relative to
    `anchor`. Precision is at least the anchor's, 2 for week offsets or vague counts ("a few days
    later"), 3 for month offsets."""
    found = _offset(expr)
    if found is None:
        return None
    days, _direction, unit, exact = found
    precision = max(anchor.time_precision, _UNIT_PRECISION.get(unit, 1), 1 if exact else 2)
    try:
        if unit == "month":
            months = days // 30
            start, end = add_months(anchor.start, months), add_months(anchor.end, months)
        else:
            start, end = anchor.start + dt.timedelta(days=days), anchor.end + dt.timedelta(days=days)
    except (ValueError, OverflowError):
        return None
    return DateValue(start, end, precision, expr.strip())
