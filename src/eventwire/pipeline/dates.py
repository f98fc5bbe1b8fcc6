"""Provisional date resolver (to be replaced by the full one)."""

from __future__ import annotations

import datetime as dt
import re

from eventwire.model import DateValue

_WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
_MONTHS = {m: i for i, m in enumerate(["january", "february", "march", "april", "may", "june", "july", "august",
                                       "september", "october", "november", "december"], start=1)}
_NUM_WORDS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
              "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12}


def resolve_date(expr: str, published: dt.date | None, *, before: str = "", after: str = "") -> DateValue | None:
    if published is None:
        return None
    low = expr.lower().strip()
    ctx = before.lower()[-15:]
    for i, name in enumerate(_WEEKDAYS):
        if name in low:
            back = (published.weekday() - i) % 7
            if "last" in low or "last" in ctx:
                back = back or 7
            day = published - dt.timedelta(days=back)
            return DateValue(day, day, 1, expr)
    if "yesterday" in low or "last night" in low:
        day = published - dt.timedelta(days=1)
        return DateValue(day, day, 1, expr)
    if low in ("today", "overnight", "this morning", "tonight", "earlier today"):
        return DateValue(published, published, 1, expr)
    m = re.search(r"(\d{1,2})\s+([a-z]+)|([a-z]+)\.?\s+(\d{1,2})\b", low)
    if m:
        day_s, mon_s = (m.group(1), m.group(2)) if m.group(1) else (m.group(4), m.group(3))
        month = next((v for k, v in _MONTHS.items() if mon_s and k.startswith(mon_s[:3])), None)
        if month:
            year_m = re.search(r"\b(19|20)\d{2}\b", low)
            year = int(year_m.group(0)) if year_m else published.year
            try:
                day = dt.date(year, month, int(day_s))
            except ValueError:
                return None
            if not year_m and day > published + dt.timedelta(days=7):
                day = day.replace(year=year - 1)
            return DateValue(day, day, 1, expr)
    if "last week" in low or "this week" in low:
        day = published - dt.timedelta(days=7 if "last" in low else 0)
        return DateValue(day, day, 2, expr)
    return None


def parse_relative_offset(text: str) -> tuple[int, str] | None:
    m = re.match(r"\s*(?:just\s+)?(\w+)\s+(day|days|week|weeks)\s+(after|before|later|earlier)", text.lower())
    if not m:
        return None
    n = _NUM_WORDS.get(m.group(1)) or (int(m.group(1)) if m.group(1).isdigit() else None)
    if n is None:
        return None
    days = n * (7 if m.group(2).startswith("week") else 1)
    return (days if m.group(3) in ("after", "later") else -days), m.group(3)
