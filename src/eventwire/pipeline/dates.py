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
resolve. Anchor-relative phrases ("the next day", "nine days after") go through `shift_date`.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import replace
from functools import lru_cache
from typing import Any

from eventwire.model import DateValue
from eventwire.pipeline.numbers import parse_count

__all__ = ["is_future", "parse_relative_offset", "resolve_date", "shift_date"]

WEEKDAYS: dict[str, int] = {
    "monday": 0, "mon": 0, "tuesday": 1, "tues": 1, "tue": 1, "wednesday": 2, "wed": 2,
    "thursday": 3, "thurs": 3, "thur": 3, "thu": 3, "friday": 4, "fri": 4,
    "saturday": 5, "sat": 5, "sunday": 6, "sun": 6,
}
MONTHS: dict[str, int] = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4,
    "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9,
    "sept": 9, "sep": 9, "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}

_DAY = dt.timedelta(days=1)
_FUTURE_SLACK = dt.timedelta(days=7)  # a yearless date this far after publication stays in its year
_MAX_EXPR = 160  # entity texts are short; longer input is not a date expression


def _alt(words: list[str]) -> str:
    return "|".join(sorted(words, key=len, reverse=True))


_WD = rf"(?:{_alt(list(WEEKDAYS))})"
_MON = rf"(?:{_alt(list(MONTHS))})"
_ORD = r"(?:st|nd|rd|th)?"
_NUM = r"(?:\d{1,3}|a\s+few|a\s+couple(?:\s+of)?|couple\s+of|several|few|an?|[a-z]+(?:-[a-z]+)?)"
_PART = (
    r"(?:early|mid|late|the\s+end\s+of|end\s+of|the\s+beginning\s+of|beginning\s+of|"
    r"the\s+start\s+of|start\s+of)"
)

# Background, not an incident date: "since 2014", "until ...", "ten years ago (in March)".
_REJECT_RE = re.compile(
    r"\bsince\b|^(?:ever|until|till|up\s+until|by)\b"
    r"|\b(?:years?|decades?|centur(?:y|ies))\s+(?:ago|earlier|before|later|after)\b"
)
_ISO_RE = re.compile(r"\b(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})\b")
_NUMERIC_RE = re.compile(r"\b(?P<a>\d{1,2})[/.](?P<b>\d{1,2})[/.](?P<y>\d{4}|\d{2})\b")
_YEAR = r"(?P<y>\d{4}|'\d{2}|\d{2})"
# A 2-digit year must not be the day of a following date ("30 June-12 July").
_DM_RE = re.compile(
    rf"\b(?P<d>\d{{1,2}}){_ORD}(?:\s+day)?(?:\s+of)?[\s-]+(?P<m>{_MON})\b\.?"
    rf"(?:[\s,-]+{_YEAR}\b(?![\s-]*{_MON}\b))?"
)
_MD_RE = re.compile(
    rf"\b(?P<m>{_MON})\b\.?,?\s*(?:the\s+)?(?P<d>\d{{1,2}}){_ORD}\b(?:,?\s*(?P<y>\d{{4}})\b)?"
)
_DDM_RE = re.compile(
    rf"\b(?P<d1>\d{{1,2}}){_ORD}\s*(?:-|to|and|&|until|through)\s*(?P<d2>\d{{1,2}}){_ORD}(?:\s+of)?\s+"
    rf"(?P<m>{_MON})\b\.?(?:,?\s*(?P<y>\d{{4}})\b)?"
)
_MDD_RE = re.compile(
    rf"\b(?P<m>{_MON})\b\.?\s*(?P<d1>\d{{1,2}}){_ORD}\s*(?:-|to|and|&|until|through)\s*"
    rf"(?P<d2>\d{{1,2}}){_ORD}\b(?!\s*{_MON}\b)(?:,?\s*(?P<y>\d{{4}})\b)?"
)
_DAY_OF_MONTH_RE = re.compile(r"\bthe\s+(?P<d>\d{1,2})(?:st|nd|rd|th)\b")
_MONTH_RE = re.compile(
    rf"\b(?:(?P<part>{_PART})[\s-]*)?(?:(?P<which>last|this\s+past|past)\s+)?(?P<m>{_MON})\b\.?"
    rf"(?:,?\s+(?P<y>\d{{4}})\b|\s+(?:of\s+)?(?P<rel>this|last|next)\s+year\b)?"
)
_WEEK_OF_MONTH_RE = re.compile(
    rf"\b(?P<ord>first|second|third|fourth|last|final)\s+week\s+of\s+(?P<m>{_MON})\b\.?"
    r"(?:,?\s+(?P<y>\d{4})\b)?"
)
_WEEKDAY_RE = re.compile(rf"(?:\b(?P<mod>last|previous|past|next|coming)\s+)?\b(?P<wd>{_WD})\b")
_PREV_WEEK_RE = re.compile(r"\b(?:last|previous)\s+week\b")
_NEXT_WEEK_RE = re.compile(r"\bnext\s+week\b")
_PAST_HOURS_RE = re.compile(rf"\b(?:past|last|previous)\s+(?P<n>{_NUM})\s+hours\b")
_UNITS_AGO_RE = re.compile(rf"\b(?P<n>{_NUM})\s+(?P<unit>hour|day|week|month)s?\s+(?:ago|earlier|back)\b")
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
_REL_MONTH_RE = re.compile(
    rf"\b(?:(?P<part>{_PART})[\s-]*)?"
    r"(?P<which>earlier\s+this|this|last|the\s+previous|previous|next)\s+month\b"
)
_BEFORE_MOD_RE = re.compile(
    r"(?:\b(?:on\s+the\s+night\s+of|the\s+night\s+of|early\s+on|late\s+on|early|late|on|this\s+past|"
    r"this\s+coming|this|last|the\s+previous|previous|the\s+past|past|next|coming|the\s+following|over|"
    r"since|until|till|from|between|overnight|in|during|at|by|the)\s+)+$",
    re.IGNORECASE,
)
_ORDINALS: dict[str, int] = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
    "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13, "fourteenth": 14,
    "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18, "nineteenth": 19,
    "twentieth": 20, "thirtieth": 30,
}
_ORDINAL_RE = re.compile(rf"\b(?:(?P<tens>twenty|thirty)[\s-])?(?P<unit>{_alt(list(_ORDINALS))})\b")
# Digit days that the rules above did not read ("the 28th day of June") are left to dateparser.
_LOOSE_DAY_RE = re.compile(r"\b\d{1,2}(?:st|nd|rd|th)?\b")
# dateparser would read "10 years ago in March" as a full date: keep relative phrases from it.
_RELATIVE_WORD_RE = re.compile(r"\b(?:ago|years?|months?|weeks?|hours?|days|later|earlier|before|after)\b")
_AFTER_YEAR_RE = re.compile(r"^,?\s*(?P<y>(?:19|20)\d{2})\b")
_FUTURE_RE = re.compile(
    r"(?<!the )\bnext\b|\b(?:coming|upcoming|will|won't|shall|tomorrow|scheduled|planned|plans?\s+to|"
    r"due\s+to|going\s+to|expected\s+to|later\s+this)\b",
    re.IGNORECASE,
)
_OFFSET_RE = re.compile(
    rf"\b(?P<n>{_NUM})\s+(?P<unit>hour|day|night|week|month)s?\s+"
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


# --------------------------------------------------------------------------------------- helpers


def _value(start: dt.date, end: dt.date | None = None, precision: int = 1) -> DateValue:
    return DateValue(start, end or start, precision)


def _span_value(first: dt.date, last: dt.date) -> DateValue:
    """A named span: precision from its length (1 day apart or less: day; a week: week; else month)."""
    first, last = min(first, last), max(first, last)
    gap = (last - first).days
    return DateValue(first, last, 1 if gap <= 1 else 2 if gap <= 7 else 3)


def _on_or_before(pub: dt.date, weekday: int) -> dt.date:
    return pub - dt.timedelta(days=(pub.weekday() - weekday) % 7)


def _strictly_before(pub: dt.date, weekday: int) -> dt.date:
    return pub - dt.timedelta(days=(pub.weekday() - weekday) % 7 or 7)


def _strictly_after(pub: dt.date, weekday: int) -> dt.date:
    return pub + dt.timedelta(days=(weekday - pub.weekday()) % 7 or 7)


def _add_months(day: dt.date, months: int) -> dt.date:
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return dt.date(year, month + 1, min(day.day, last))


def _number(text: str) -> tuple[int, bool] | None:
    """The figure in "two", "a", "3", "a few" and whether it is exact."""
    if text.strip() == "few":
        return 3, False
    count = parse_count(text)
    if count is None:
        return None
    return count.best, count.low == count.best == count.high


def _year(text: str, pub: dt.date | None) -> int:
    """A 4-digit year, or a 2-digit one ("'90") read as the latest year not after publication."""
    digits = text.lstrip("'")
    if len(digits) == 4:
        return int(digits)
    pivot = (pub.year if pub else dt.date.today().year) % 100 + 1
    return (1900 if int(digits) > pivot else 2000) + int(digits)


def _infer_year(month: int, day: int, pub: dt.date) -> dt.date:
    """The most recent (month, day) not later than a week after publication; Feb 29 looks back."""
    for year in range(pub.year, pub.year - 9, -1):
        try:
            candidate = dt.date(year, month, day)
        except ValueError:
            continue
        if candidate <= pub + _FUTURE_SLACK:
            return candidate
    raise ValueError(f"no date {month}-{day}")  # "31 June": the caller returns None


def _normalise(text: str) -> str:
    text = text.lower().replace("\u2019", "'").replace("\u2013", "-").replace("\u2014", "-")
    text = re.sub(r"'s\b", "", text)
    return re.sub(r"\s+", " ", text).strip(" ,.;:()[]\"'")


# ------------------------------------------------------------------------------ absolute dates


def _point(m: re.Match[str], year_hint: int | None, pub: dt.date | None) -> tuple[int, int, int | None]:
    """(month, day, year or None) of a day-month match."""
    year = _year(m.group("y"), pub) if m.group("y") else year_hint
    return MONTHS[m.group("m")], int(m.group("d")), year


def _date_of(month: int, day: int, year: int | None, pub: dt.date | None) -> dt.date | None:
    if year is not None:
        return dt.date(year, month, day)
    return _infer_year(month, day, pub) if pub is not None else None


def _day_month_points(p: str) -> list[tuple[int, re.Match[str]]]:
    """Day-month mentions ("28 June", "June 28"), left to right, without overlaps."""
    points = [(m.start(), m) for m in _DM_RE.finditer(p)]
    taken = [(m.start(), m.end()) for _, m in points]
    for m in _MD_RE.finditer(p):
        if not any(s < m.end() and m.start() < e for s, e in taken):
            points.append((m.start(), m))
    return sorted(points, key=lambda item: item[0])


def _same_month_range(p: str, year_hint: int | None, pub: dt.date | None) -> DateValue | None:
    """"28-30 June", "June 28-30"."""
    m = _DDM_RE.search(p) or _MDD_RE.search(p)
    if m is None:
        return None
    year = _year(m.group("y"), pub) if m.group("y") else year_hint
    last = _date_of(MONTHS[m.group("m")], int(m.group("d2")), year, pub)
    if last is None:
        return None
    return _span_value(last.replace(day=int(m.group("d1"))), last)


def _day_month(p: str, year_hint: int | None, pub: dt.date | None) -> DateValue | None:
    """One day-month mention, or a span between the first and the last ("30 June-1 July")."""
    points = _day_month_points(p)
    if not points:
        return None
    lm, ld, ly = _point(points[-1][1], year_hint, pub)
    last = _date_of(lm, ld, ly, pub)
    if last is None:
        return None
    if len(points) == 1:
        return _value(last, precision=2 if re.search(r"\bweek\s+of\b", p) else 1)
    fm, fd, fy = _point(points[0][1], None, pub)
    first = dt.date(fy if fy is not None else last.year, fm, fd)
    if fy is None and first > last:
        first = first.replace(year=last.year - 1)
    return _span_value(first, last)


def _numeric(p: str, pub: dt.date | None) -> DateValue | None:
    """"2021-07-07"; "12/06/2021" read day first unless that cannot be a date."""
    if (m := _ISO_RE.search(p)) is not None:
        return _value(dt.date(int(m.group("y")), int(m.group("m")), int(m.group("d"))))
    if (m := _NUMERIC_RE.search(p)) is not None:
        a, b, year = int(m.group("a")), int(m.group("b")), _year(m.group("y"), pub)
        day, month = (b, a) if b > 12 else (a, b)
        return _value(dt.date(year, month, day))
    return None


def _ordinals_to_digits(p: str) -> str:
    """"the twenty-eighth of June" -> "the 28th of June" (dateparser does not read spelled days)."""

    def digits(m: re.Match[str]) -> str:
        value = _ORDINALS[m.group("unit")] + {"twenty": 20, "thirty": 30}.get(m.group("tens") or "", 0)
        return f"{value}th" if value <= 31 else m.group(0)

    return _ORDINAL_RE.sub(digits, p)


def _absolute(p: str, pub: dt.date | None, year_hint: int | None) -> DateValue | None:
    p = _ordinals_to_digits(p)
    return _numeric(p, pub) or _same_month_range(p, year_hint, pub) or _day_month(p, year_hint, pub)


# -------------------------------------------------------------------------------- month level


def _month_day(year: int, month: int, part: str | None, pub: dt.date | None) -> dt.date:
    """Representative day of a month: see the module table."""
    key = (part or "").split()[-1] if part else ""
    day = {"early": 5, "beginning": 5, "start": 5, "mid": 15, "late": 25, "end": 25}.get(key, 15)
    if pub is not None and (year, month) == (pub.year, pub.month):
        return dt.date(year, month, min(day, pub.day) if part else (1 + pub.day) // 2)
    return dt.date(year, month, day)


def _named_month(p: str, pub: dt.date | None) -> DateValue | None:
    """"in March", "late March", "March 2020", "March last year", "last March"."""
    m = _MONTH_RE.search(p)
    if m is None:
        return None
    month = MONTHS[m.group("m")]
    if m.group("y"):
        year = int(m.group("y"))
    elif pub is None:
        return None
    elif m.group("rel"):
        year = pub.year + {"this": 0, "last": -1, "next": 1}[m.group("rel")]
    elif m.group("which"):
        year = pub.year if month < pub.month else pub.year - 1
    else:
        year = pub.year if month <= pub.month else pub.year - 1
    return _value(_month_day(year, month, m.group("part"), pub), precision=3)


def _relative_month(p: str, pub: dt.date) -> DateValue | None:
    """"last month", "earlier this month", "late last month", "next month"."""
    m = _REL_MONTH_RE.search(p)
    if m is None:
        return None
    which = m.group("which").split()[-1]
    shift = {"this": 0, "last": -1, "previous": -1, "next": 1}[which]
    first = _add_months(pub.replace(day=1), shift)
    return _value(_month_day(first.year, first.month, m.group("part"), pub), precision=3)


def _week_of_month(p: str, pub: dt.date | None) -> DateValue | None:
    """"the first week of June": the 4th; "the last week of June": three days before its end."""
    m = _WEEK_OF_MONTH_RE.search(p)
    if m is None:
        return None
    month = MONTHS[m.group("m")]
    if m.group("y"):
        year = int(m.group("y"))
    elif pub is not None:
        year = pub.year if month <= pub.month else pub.year - 1
    else:
        return None
    order = m.group("ord")
    if order in ("last", "final"):
        day = calendar.monthrange(year, month)[1] - 3
    else:
        day = {"first": 4, "second": 11, "third": 18, "fourth": 25}[order]
    return _value(dt.date(year, month, day), precision=2)


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
        return _value(last)
    return _span_value(_on_or_before(last, WEEKDAYS[hits[0].group("wd")]), last)


def _resolve_weekday(m: re.Match[str], base: dt.date) -> dt.date:
    weekday, mod = WEEKDAYS[m.group("wd")], m.group("mod")
    if mod in ("last", "previous", "past"):
        return _strictly_before(base, weekday)
    if mod in ("next", "coming"):
        return _strictly_after(base, weekday)
    return _on_or_before(base, weekday)


def _relative_day(p: str, pub: dt.date) -> DateValue | None:
    for pattern, offset in _RELATIVE_DAYS:
        if pattern.search(p):
            return _value(pub + dt.timedelta(days=offset))
    return None


def _past_hours(p: str, pub: dt.date) -> DateValue | None:
    """"the past 24 hours": the publication day; 48 hours: it and the day before; ..."""
    m = _PAST_HOURS_RE.search(p)
    if m is None or (number := _number(m.group("n"))) is None:
        return None
    days_back = max(0, -(-number[0] // 24) - 1)
    return _span_value(pub - dt.timedelta(days=days_back), pub)


def _units_ago(p: str, pub: dt.date) -> DateValue | None:
    """"two days ago", "three days earlier", "a week ago", "a few days ago", "hours ago"."""
    for m in _UNITS_AGO_RE.finditer(p):
        number = _number(m.group("n"))
        if number is not None:
            return _ago(pub, number[0], m.group("unit"), number[1])
    bare = _BARE_AGO_RE.search(p)
    if bare is None:
        return None
    unit = bare.group("unit")
    if unit == "hours":
        return _value(pub)
    return _value(pub - dt.timedelta(days=3 if unit == "days" else 14), precision=2 if unit == "days" else 3)


def _ago(pub: dt.date, n: int, unit: str, exact: bool) -> DateValue:
    if unit == "hour":
        return _value(pub)
    if unit == "month":
        return _value(_add_months(pub, -n), precision=3)
    days = n * (7 if unit == "week" else 1)
    precision = 2 if unit == "week" or not exact else 1
    return _value(pub - dt.timedelta(days=days), precision=precision)


def _rolling(p: str, pub: dt.date) -> DateValue | None:
    """Periods ending at publication: "the past week", "recently", "in recent weeks"."""
    for pattern, days_back, precision in _ROLLING:
        if pattern.search(p):
            return _value(pub - dt.timedelta(days=days_back), precision=precision)
    return None


def _weekend(p: str, pub: dt.date) -> DateValue | None:
    m = _WEEKEND_RE.search(p)
    if m is None:
        return None
    mod = m.group("mod") or ""
    if mod in ("next", "coming", "this coming"):
        return _value(_strictly_after(pub, 5), precision=2)
    saturday = _on_or_before(pub, 5)
    if mod in ("last", "previous") and pub.weekday() >= 5:
        saturday -= dt.timedelta(days=7)  # published during a weekend: "last weekend" is the one before
    return _value(saturday, precision=2)


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
    return _value(day, precision=2)


def _day_of_month(p: str, pub: dt.date) -> DateValue | None:
    """"on the 28th": the most recent 28th on or before publication."""
    m = _DAY_OF_MONTH_RE.search(p)
    if m is None:
        return None
    day, first = int(m.group("d")), pub.replace(day=1)
    for back in range(13):
        month = _add_months(first, -back)
        if day <= calendar.monthrange(month.year, month.month)[1] and month.replace(day=day) <= pub:
            return _value(month.replace(day=day))
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
        day = _infer_year(day.month, day.day, pub)
    return _value(day)


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
        value = _resolve_phrase(_normalise(f"{prefix} {expr}"), published, year_m)
    except (ValueError, OverflowError):
        return None  # impossible dates ("31 June") and dates beyond the calendar
    return replace(value, raw=raw) if value is not None else None


def _resolve_phrase(p: str, pub: dt.date | None, year_m: re.Match[str] | None) -> DateValue | None:
    if not p or _REJECT_RE.search(p):
        return None
    year_hint = int(year_m.group("y")) if year_m else None
    found = _absolute(p, pub, year_hint) or _week_of_month(p, pub)
    if found is not None:
        return found
    if pub is None:
        return _named_month(p, None)
    for rule in (_day_of_month, _past_hours, _weekday, _relative_day, _units_ago, _rolling, _weekend,
                 _week, _relative_month):
        if (found := rule(p, pub)) is not None:
            return found
    if _LOOSE_DAY_RE.search(p) and _MONTH_RE.search(p) and not _RELATIVE_WORD_RE.search(p):
        found = _dateparser_fallback(p, pub)
    return found or _named_month(p, pub)


def is_future(expr: str, before: str = "") -> bool:
    """Whether the expression or the words just before it point forward ("next week", "will ...
    on Friday", "tomorrow", "the coming days", "upcoming"); "the next day" is not a future cue."""
    return bool(_FUTURE_RE.search(f"{before[-40:]} {expr}"))


def _offset(text: str) -> tuple[int, str, str, bool] | None:
    """(signed days, direction word, unit, exact) of an anchor-relative phrase."""
    p = _normalise(text)
    if (m := _OFFSET_RE.search(p)) is not None and (number := _number(m.group("n"))) is not None:
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
            start, end = _add_months(anchor.start, months), _add_months(anchor.end, months)
        else:
            start, end = anchor.start + dt.timedelta(days=days), anchor.end + dt.timedelta(days=days)
    except (ValueError, OverflowError):
        return None
    return DateValue(start, end, precision, expr.strip())
