"""Resolve news date expressions ("late Tuesday", "28 June", "last week") against a publication date.

Conventions (news reporting, ACLED time precision 1 = day, 2 = week, 3 = month):

* A weekday name is the most recent such day on or before the publication day ("on Wednesday" in
  a Wednesday article is that same day). "last"/"previous"/"this past" <weekday> is the most
  recent one strictly before it ("last Wednesday" in a Wednesday article is 7 days earlier).
  "next"/"coming" <weekday> is the next one after it (a future date, see `is_future`).
* "today", "tonight", "this morning", "earlier today", "overnight" are the publication day;
  "yesterday" and "last night" the day before; "the day before yesterday" two days before.
* A day and month without a year ("28 June") is the most recent such date, except that a date
  up to 7 days after publication stays in the publication year (scheduled events, time zones).
* Week-level and month-level values carry one representative day in both ``start`` and ``end``:

  ==============================================  ===============================================  ====
  expression                                      representative day                               prec
  ==============================================  ===============================================  ====
  "last week", "the previous week"                Wednesday of the previous Monday-Sunday week     2
  "this week"                                     mid-point of Monday .. publication day           2
  "earlier this week"                             mid-point of Monday .. the day before            2
  "over/at the weekend", "this weekend"           most recent Saturday on or before publication    2
  "last weekend"                                  same, but the one before if published Sat/Sun    2
  "recently", "in recent days", "days ago",       publication day - 3                              2
  "the past week", "a few days ago"
  "a week ago", "N weeks ago"                     publication day - 7 * N                          2
  "in recent weeks", "the past few weeks",        publication day - 7 (``the past month``: - 15)   3
  "the past month"
  "last month"                                    the 15th of the previous month                   3
  "this month", "earlier this month"              mid-point of the 1st .. publication day          3
  "March", "in March", "March 2020"               the 15th (mid-point so far for the current       3
                                                  month); early = 5th, mid = 15th, late = 25th
  "the first week of June"                        4th / 11th / 18th / 25th, last week = last - 3   2
  "the past 24 / 48 / 72 hours"                   span ending on the publication day               1-2
  ==============================================  ===============================================  ====

* A span naming two days ("30 June-1 July", "between Monday and Tuesday") has ``start`` = first
  day and ``end`` = last day, precision 1 when they are at most one day apart, 2 up to a week
  apart, 3 beyond.

`resolve_date` returns None for expressions that do not name an incident day, week or month:
a bare year ("2015", "in 2015", "last year"), background ranges ("since 2014", "since Monday",
"for years", "over the past decade"), durations ("three hours", "10 years old") and a time of day
alone ("5 a.m.", "shortly after noon", "at dawn"): the caller falls back to its own default.
Relative expressions need a publication date; without one only dates that state their year
resolve. Anchor-relative phrases ("the next day", "nine days after") go through `date_offsets.shift_date`.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Callable
from dataclasses import replace
from functools import lru_cache
from typing import Any

from eventwire.model import DateValue
from eventwire.pipeline.date_forms import (
    COUNT_WORDS,
    MONTH_RE,
    WEEKDAY_NAMES,
    WEEKDAYS,
    add_months,
    count_in,
    day_month,
    day_value,
    infer_year,
    named_month,
    normalise,
    numeric_date,
    on_or_before,
    ordinals_to_digits,
    relative_month,
    same_month_range,
    span_value,
    strictly_after,
    strictly_before,
    week_of_month,
)
from eventwire.pipeline.rules import Rule, rule

__all__ = ["resolve_date"]

R_BACKGROUND = rule("event_date.background_range")
R_NUMERIC = rule("event_date.numeric")
R_DAY_RANGE = rule("event_date.day_range")
R_DAY_MONTH = rule("event_date.day_and_month")
R_WEEK_OF_MONTH = rule("event_date.week_of_month")
R_DAY_OF_MONTH = rule("event_date.day_of_month")
R_PAST_HOURS = rule("event_date.past_hours")
R_WEEKDAY = rule("event_date.weekday")
R_RELATIVE_DAY = rule("event_date.relative_day")
R_UNITS_AGO = rule("event_date.units_ago")
R_ROLLING = rule("event_date.rolling_period")
R_WEEKEND = rule("event_date.weekend")
R_WEEK = rule("event_date.week")
R_RELATIVE_MONTH = rule("event_date.relative_month")
R_SPELLED = rule("event_date.spelled_out")
R_NAMED_MONTH = rule("event_date.named_month")

# Background, not an incident date: "since 2014", "until ...", "ten years ago (in March)".
_REJECT_RE = re.compile(
    r"\bsince\b|^(?:ever|until|till|up\s+until|by)\b"
    r"|\b(?:years?|decades?|centur(?:y|ies))\s+(?:ago|earlier|before|later|after)\b"
)
_DAY_OF_MONTH_RE = re.compile(r"\bthe\s+(?P<d>\d{1,2})(?:st|nd|rd|th)\b")
_WEEKDAY_RE = re.compile(rf"(?:\b(?P<mod>last|previous|past|next|coming)\s+)?\b(?P<wd>{WEEKDAY_NAMES})\b")
_PREV_WEEK_RE = re.compile(r"\b(?:last|previous)\s+week\b")
_NEXT_WEEK_RE = re.compile(r"\bnext\s+week\b")
_PAST_HOURS_RE = re.compile(rf"\b(?:past|last|previous)\s+(?P<n>{COUNT_WORDS})\s+hours\b")
_UNITS_AGO_RE = re.compile(rf"\b(?P<n>{COUNT_WORDS})\s+(?P<unit>hour|day|week|month)s?\s+(?:ago|earlier|back)\b")
_BARE_AGO_RE = re.compile(r"\b(?P<unit>hours|days|weeks)\s+(?:ago|earlier)\b")
_RELATIVE_DAYS: tuple[tuple[re.Pattern[str], int], ...] = (
    (re.compile(r"\bday\s+before\s+yesterday\b"), -2),
    (re.compile(r"\bday\s+after\s+tomorrow\b"), 2),
    (re.compile(r"\byesterday\b|\blast\s+night\b"), -1),
    (re.compile(r"\btomorrow\b"), 1),
    (re.compile(r"\b(?:today|tonight|overnight|this\s+(?:morning|afternoon|evening)|earlier\s+today)\b"), 0),
)
_ROLLING: tuple[tuple[re.Pattern[str], int, int], ...] = (
    (re.compile(r"\b(?:the|this|over\s+the)\s+(?:past|last)\s+month\b"), 15, 3),
    (re.compile(r"\brecent\s+weeks\b|\b(?:past|last)\s+(?:few|several|couple\s+of|two|2)\s+weeks\b"), 7, 3),
    (re.compile(r"\b(?:the|this)\s+(?:past|last)\s+(?:week|seven\s+days|7\s+days)\b"), 3, 2),
    (re.compile(r"\brecently\b|\brecent\s+days\b|\b(?:past|last)\s+(?:few|several|couple\s+of)\s+days\b"),
     3, 2),
)
_WEEKEND_RE = re.compile(r"\b(?P<mod>last|previous|next|coming|this\s+coming|this\s+past|this)?\s*weekend\b")
_WEEK_RE = re.compile(
    r"\b(?P<which>earlier\s+this|later\s+this|this|last|the\s+previous|previous|the\s+past|next)\s+week\b"
)
_BEFORE_MOD_RE = re.compile(
    r"(?:\b(?:on\s+the\s+night\s+of|the\s+night\s+of|early\s+on|late\s+on|early|late|on|this\s+past|"
    r"this\s+coming|this|last|the\s+previous|previous|the\s+past|past|next|coming|the\s+following|over|"
    r"since|until|till|from|between|overnight|in|during|at|by|the)\s+)+$",
    re.IGNORECASE,
)
# Digit days that the rules above did not read ("the 28th day of June") are left to dateparser.
_LOOSE_DAY_RE = re.compile(r"\b\d{1,2}(?:st|nd|rd|th)?\b")
# dateparser would read "10 years ago in March" as a full date: keep relative phrases from it.
_RELATIVE_WORD_RE = re.compile(r"\b(?:ago|years?|months?|weeks?|hours?|days|later|earlier|before|after)\b")
_AFTER_YEAR_RE = re.compile(r"^,?\s*(?P<y>(?:19|20)\d{2})\b")
_MAX_EXPR = 160  # entity texts are short; longer input is not a date expression


# ------------------------------------------------------------------------- relative to publication


def _weekday(p: str, pub: dt.date) -> DateValue | None:
    """Weekday names, alone or as a span ("between Monday and Tuesday")."""
    hits = list(_WEEKDAY_RE.finditer(p))
    if not hits:
        return None
    base = pub
    if _PREV_WEEK_RE.search(p):
        base = pub - dt.timedelta(days=pub.weekday() + 1)  # the Sunday that ended last week
    elif _NEXT_WEEK_RE.search(p):
        base = pub + dt.timedelta(days=13 - pub.weekday())  # the Sunday that ends next week
    last = _resolve_weekday(hits[-1], base)
    if len(hits) == 1:
        return day_value(last)
    return span_value(on_or_before(last, WEEKDAYS[hits[0].group("wd")]), last)


def _resolve_weekday(m: re.Match[str], base: dt.date) -> dt.date:
    weekday, mod = WEEKDAYS[m.group("wd")], m.group("mod")
    if mod in ("last", "previous", "past"):
        return strictly_before(base, weekday)
    if mod in ("next", "coming"):
        return strictly_after(base, weekday)
    return on_or_before(base, weekday)


def _relative_day(p: str, pub: dt.date) -> DateValue | None:
    for pattern, offset in _RELATIVE_DAYS:
        if pattern.search(p):
            return day_value(pub + dt.timedelta(days=offset))
    return None


def _past_hours(p: str, pub: dt.date) -> DateValue | None:
    """"the past 24 hours": the publication day; 48 hours: it and the day before; ..."""
    m = _PAST_HOURS_RE.search(p)
    if m is None or (number := count_in(m.group("n"))) is None:
        return None
    days_back = max(0, -(-number[0] // 24) - 1)
    return span_value(pub - dt.timedelta(days=days_back), pub)


def _units_ago(p: str, pub: dt.date) -> DateValue | None:
    """"two days ago", "three days earlier", "a week ago", "a few days ago", "hours ago"."""
    for m in _UNITS_AGO_RE.finditer(p):
        number = count_in(m.group("n"))
        if number is not None:
            return _ago(pub, number[0], m.group("unit"), number[1])
    bare = _BARE_AGO_RE.search(p)
    if bare is None:
        return None
    unit = bare.group("unit")
    if unit == "hours":
        return day_value(pub)
    return day_value(pub - dt.timedelta(days=3 if unit == "days" else 14), precision=2 if unit == "days" else 3)


def _ago(pub: dt.date, n: int, unit: str, exact: bool) -> DateValue:
    if unit == "hour":
        return day_value(pub)
    if unit == "month":
        return day_value(add_months(pub, -n), precision=3)
    days = n * (7 if unit == "week" else 1)
    precision = 2 if unit == "week" or not exact else 1
    return day_value(pub - dt.timedelta(days=days), precision=precision)


def _rolling(p: str, pub: dt.date) -> DateValue | None:
    """Periods ending at publication: "the past week", "recently", "in recent weeks"."""
    for pattern, days_back, precision in _ROLLING:
        if pattern.search(p):
            return day_value(pub - dt.timedelta(days=days_back), precision=precision)
    return None


def _weekend(p: str, pub: dt.date) -> DateValue | None:
    m = _WEEKEND_RE.search(p)
    if m is None:
        return None
    mod = m.group("mod") or ""
    if mod in ("next", "coming", "this coming"):
        return day_value(strictly_after(pub, 5), precision=2)
    saturday = on_or_before(pub, 5)
    if mod in ("last", "previous") and pub.weekday() >= 5:
        saturday -= dt.timedelta(days=7)  # published during a weekend: "last weekend" is the one before
    return day_value(saturday, precision=2)


def _week(p: str, pub: dt.date) -> DateValue | None:
    """"last week", "this week", "earlier this week", "next week"."""
    m = _WEEK_RE.search(p)
    if m is None:
        return None
    which, monday = m.group("which"), pub - dt.timedelta(days=pub.weekday())
    if which.endswith(("last", "previous", "past")):
        day = monday - dt.timedelta(days=5)  # Wednesday of the previous week
    elif which == "next":
        day = monday + dt.timedelta(days=9)  # Wednesday of the next week
    elif which == "earlier this":
        day = monday + dt.timedelta(days=max(0, pub.weekday() - 1) // 2)
    elif which == "later this":
        day = pub + dt.timedelta(days=max(1, (7 - pub.weekday()) // 2))
    else:
        day = monday + dt.timedelta(days=pub.weekday() // 2)
    return day_value(day, precision=2)


def _day_of_month(p: str, pub: dt.date) -> DateValue | None:
    """"on the 28th": the most recent 28th on or before publication."""
    m = _DAY_OF_MONTH_RE.search(p)
    if m is None:
        return None
    day, first = int(m.group("d")), pub.replace(day=1)
    for back in range(13):
        month = add_months(first, -back)
        if day <= calendar.monthrange(month.year, month.month)[1] and month.replace(day=day) <= pub:
            return day_value(month.replace(day=day))
    return None


@lru_cache(maxsize=4096)
def _dateparser_fallback(p: str, pub: dt.date | None) -> DateValue | None:
    """Last resort for spelled-out forms ("June the twenty-eighth"); only phrases naming a month."""
    import dateparser  # slow to import: only when the rules above found nothing

    settings: dict[str, Any] = {
        "PREFER_DATES_FROM": "past",
        "STRICT_PARSING": False,
        "REQUIRE_PARTS": ["day", "month"],
    }
    if pub is not None:
        settings["RELATIVE_BASE"] = dt.datetime(pub.year, pub.month, pub.day)
    parsed = dateparser.parse(p, languages=["en"], settings=settings)
    if parsed is None:
        return None
    day = parsed.date()
    if not re.search(r"\b\d{4}\b", p):
        if pub is None:
            return None
        day = infer_year(day.month, day.day, pub)
    return day_value(day)


# ------------------------------------------------------------------------------------ public API


def resolve_date(
    expr: str, published: dt.date | None, *, before: str = "", after: str = ""
) -> DateValue | None:
    """Resolve a DATE/TIME expression against the publication date (see the module docstring).

    `before`/`after` are the ~40 characters around `expr`; modifiers at the end of `before`
    ("late", "on", "last", "the previous", "on the night of") and a year right after it
    ("28 June, 2019") are read too, and kept in the result's ``raw``. Returns None for bare
    years, "since ..." ranges, durations, times of day alone and anything that names no incident
    day, week or month. Never raises.
    """
    if not expr or not expr.strip() or len(expr) > _MAX_EXPR:
        return None
    prefix = m.group(0) if (m := _BEFORE_MOD_RE.search(before[-40:])) else ""
    year_m = _AFTER_YEAR_RE.match(after)
    raw = (prefix + expr.strip()).strip() + (year_m.group(0) if year_m else "")
    try:
        value = _resolve_phrase(normalise(f"{prefix} {expr}"), published, year_m)
    except (ValueError, OverflowError):
        return None  # impossible dates ("31 June") and dates beyond the calendar
    return replace(value, raw=raw) if value is not None else None


def _resolve_phrase(p: str, pub: dt.date | None, year_m: re.Match[str] | None) -> DateValue | None:
    if not p:
        return None
    if _REJECT_RE.search(p) and R_BACKGROUND.applies():
        return None
    year_hint = int(year_m.group("y")) if year_m else None
    digits = ordinals_to_digits(p)
    stated: tuple[tuple[Rule, Callable[[], DateValue | None]], ...] = (
        (R_NUMERIC, lambda: numeric_date(digits, pub)),
        (R_DAY_RANGE, lambda: same_month_range(digits, year_hint, pub)),
        (R_DAY_MONTH, lambda: day_month(digits, year_hint, pub)),
        (R_WEEK_OF_MONTH, lambda: week_of_month(p, pub)),
    )
    for form_rule, read in stated:
        if (found := read()) is not None and form_rule.applies():
            return found
    if pub is None:
        found = named_month(p, None)
        return found if found is not None and R_NAMED_MONTH.applies() else None
    for form_rule, relative in _RELATIVE_FORMS:
        if (found := relative(p, pub)) is not None and form_rule.applies():
            return found
    found = None
    if _LOOSE_DAY_RE.search(p) and MONTH_RE.search(p) and not _RELATIVE_WORD_RE.search(p):
        found = _dateparser_fallback(p, pub)
        if found is not None and not R_SPELLED.applies():
            found = None
    if found is not None:
        return found
    found = named_month(p, pub)
    return found if found is not None and R_NAMED_MONTH.applies() else None


_RELATIVE_FORMS: tuple[tuple[Rule, Callable[[str, dt.date], DateValue | None]], ...] = (
    (R_DAY_OF_MONTH, _day_of_month), (R_PAST_HOURS, _past_hours), (R_WEEKDAY, _weekday),
    (R_RELATIVE_DAY, _relative_day), (R_UNITS_AGO, _units_ago), (R_ROLLING, _rolling), (R_WEEKEND, _weekend),
    (R_WEEK, _week), (R_RELATIVE_MONTH, relative_month),
)








